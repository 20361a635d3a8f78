"""The people list with its name filter, and a person's page: posts, quotes by date, events, coverage."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from archive.dates import Precision
from archive.models import Article, Citation, Quote
from people.coverage import latest_coverage, others_quoted
from people.views import PersonDetailView
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    EventFactory,
    PersonAliasFactory,
    PersonFactory,
    QuoteFactory,
    RoleFactory,
)
from tests.queries import columns_read

pytestmark = pytest.mark.django_db

FUTURE = timezone.now() + datetime.timedelta(days=3)
# The count and the page of people.
LIST_QUERIES = 2
# The person, aliases; quotes: count, page; events: the person's event ids, the published ones
# in order, the page;
# coverage: its article ids, the page's articles; others quoted: their ids, the page's quotes;
# for the cards of both quote lists: the reporting outlets, and the posts of every speaker.
DETAIL_QUERIES = 13


def jsonld(response):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def quote_texts(response):
    return [quote.text for quote in response.context["quotes"]]


@pytest.fixture
def profile(antonov):
    antonov.description = "Russian ambassador to the US, 2017-2024"
    antonov.country = "Russia"
    antonov.biography = "A career diplomat."
    antonov.wikidata_id = "Q4066519"
    antonov.save()
    PersonAliasFactory(person=antonov, name="Анатолий Антонов", language="ru")
    PersonAliasFactory(person=antonov, name="Anatoliy Antonov", language="en")
    RoleFactory(
        person=antonov,
        title="Deputy Minister of Defence",
        start_date=datetime.date(2011, 2, 1),
        start_precision=Precision.MONTH,
        end_date=datetime.date(2016, 12, 1),
        end_precision=Precision.MONTH,
    )
    RoleFactory(
        person=antonov,
        title="Russian ambassador to the United States",
        start_date=datetime.date(2017, 8, 21),
        start_precision=Precision.DAY,
    )
    return antonov


@pytest.fixture
def dated_quotes(antonov):
    """Quotes on 2017-12-01, 2018-06-15, 2022-04 (month) and 2022 (year)."""
    return [
        QuoteFactory(speaker=antonov, text="December 2017 words", said_on=datetime.date(2017, 12, 1)),
        QuoteFactory(speaker=antonov, text="June 2018 words", said_on=datetime.date(2018, 6, 15)),
        QuoteFactory(
            speaker=antonov, text="April 2022 words", said_on=datetime.date(2022, 4, 1), said_on_precision="month"
        ),
        QuoteFactory(speaker=antonov, text="2022 words", said_on=datetime.date(2022, 1, 1), said_on_precision="year"),
    ]


# The list


def test_people_list_sorts_by_sort_name(client):
    PersonFactory(name="Zoe Able")
    PersonFactory(name="Adam Zed")

    response = client.get(reverse("people:list"))

    assert response.status_code == 200
    assert [person.name for person in response.context["people"]] == ["Zoe Able", "Adam Zed"]
    html = response.content.decode()
    assert '<label for="people-q">' in html and 'id="people-q"' in html


def test_people_list_hides_unpublished_people(client):
    PersonFactory(name="Public Person")
    PersonFactory(name="Draft Person", draft=True)
    PersonFactory(name="Scheduled Person", published_at=FUTURE)

    html = client.get(reverse("people:list")).content.decode()

    assert "Public Person" in html
    assert "Draft Person" not in html
    assert "Scheduled Person" not in html


@pytest.mark.parametrize(
    "query", ["anatoly", "ANTONOV", "Anatoliy", "Анатолий", "анатолий", "АНАТ", "Антонов", "антонов", "АНТОН"]
)
def test_people_list_filters_by_name_or_alias_ignoring_case(client, profile, query):
    PersonFactory(name="Sergey Kislyak")

    response = client.get(reverse("people:list"), {"q": query})

    assert [person.name for person in response.context["people"]] == ["Anatoly Antonov"]
    assert f'value="{query}"' in response.content.decode()


def test_people_list_filter_lists_each_person_once_and_says_when_nobody_matches(client, profile):
    assert [p.name for p in client.get(reverse("people:list"), {"q": "anatol"}).context["people"]] == [
        "Anatoly Antonov"
    ]
    html = client.get(reverse("people:list"), {"q": "Nobody"}).content.decode()
    assert "Nobody whose name begins with “Nobody”" in html


def test_people_list_filter_never_shows_unpublished_people(client):
    PersonAliasFactory(person=PersonFactory(name="Draft Person", draft=True), name="Anatoly Draft")
    PersonFactory(name="Anatoly Scheduled", published_at=FUTURE)
    PersonFactory(name="Anatoly Public")

    response = client.get(reverse("people:list"), {"q": "anatoly"})

    assert [person.name for person in response.context["people"]] == ["Anatoly Public"]
    assert "1 person matching “anatoly”" in response.content.decode()


def test_people_list_is_paginated_and_the_filter_survives_paging(client):
    for number in range(35):
        PersonFactory(name=f"Ivan Diplomat{number:02d}")

    first = client.get(reverse("people:list"), {"q": "ivan"})
    second = client.get(reverse("people:list"), {"q": "ivan", "page": 2})

    assert len(first.context["people"]) == 30
    assert len(second.context["people"]) == 5
    assert 'href="?q=ivan&amp;page=2"' in first.content.decode()
    assert "35 people matching “ivan”" in first.content.decode()


def test_people_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    def add(count):
        for person in PersonFactory.create_batch(count):
            PersonAliasFactory(person=person)

    add(3)
    with django_assert_max_num_queries(LIST_QUERIES) as few:
        assert client.get(reverse("people:list"), {"q": "a"}).status_code == 200
    add(27)
    with django_assert_max_num_queries(LIST_QUERIES) as many:
        assert client.get(reverse("people:list"), {"q": "a"}).status_code == 200
    assert len(many) == len(few)


# The person page


def test_person_page_shows_the_profile(client, profile):
    response = client.get(profile.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Anatoly Antonov</h1>" in html
    assert html.count("<h1") == 1
    assert "Russian ambassador to the US, 2017-2024" in html
    assert "Russia" in html
    assert "A career diplomat." in html
    assert 'href="https://www.wikidata.org/wiki/Q4066519"' in html
    assert '<span lang="ru">Анатолий Антонов</span>' in html
    assert 'href="/quotes/?person=anatoly-antonov"' in html


def test_person_page_lists_posts_with_partial_dates_and_present(client, profile):
    html = client.get(profile.get_absolute_url()).content.decode()

    deputy = html.index("Deputy Minister of Defence")
    ambassador = html.index("Russian ambassador to the United States")
    assert deputy < ambassador
    assert '<time datetime="2011-02">February 2011</time>' in html[deputy:ambassador]
    assert '<time datetime="2016-12">December 2016</time>' in html[deputy:ambassador]
    assert '<time datetime="2017-08-21">21 August 2017</time>' in html[ambassador:]
    assert "present" in html[ambassador : html.index("</section>", ambassador)]


def test_a_post_with_an_unknown_start_is_listed_first_as_in_the_api(client, profile):
    RoleFactory(person=profile, title="Adviser, dates unknown", start_date=None)

    html = client.get(profile.get_absolute_url()).content.decode()
    api = client.get(reverse("api:person-detail", kwargs={"slug": profile.slug})).json()

    posts = html[html.index('<h2 id="posts">') : html.index("</section>", html.index('<h2 id="posts">'))]
    assert posts.index("Adviser, dates unknown") < posts.index("Deputy Minister of Defence")
    assert api["roles"][0]["title"] == "Adviser, dates unknown"


def test_person_page_shows_the_post_held_when_each_quote_was_said(client, profile):
    QuoteFactory(speaker=profile, text="Said as deputy minister", said_on=datetime.date(2015, 3, 3))
    QuoteFactory(speaker=profile, text="Said as ambassador", said_on=datetime.date(2018, 3, 3))

    html = client.get(profile.get_absolute_url()).content.decode()

    assert "Anatoly Antonov</a>, Russian ambassador to the United States" in html
    assert "Anatoly Antonov</a>, Deputy Minister of Defence" in html


def test_person_page_shows_only_published_quotes_events_and_coverage(client, antonov):
    QuoteFactory(speaker=antonov, text="Public words")
    QuoteFactory(speaker=antonov, text="Draft words", draft=True)
    QuoteFactory(speaker=antonov, text="Scheduled words", published_at=FUTURE)
    EventFactory(title="Public meeting").people.add(antonov)
    EventFactory(title="Draft meeting", draft=True).people.add(antonov)
    EventFactory(title="Scheduled meeting", published_at=FUTURE).people.add(antonov)
    ArticleFactory(headline="Public mention").people.add(antonov)
    ArticleFactory(headline="Draft mention", draft=True).people.add(antonov)
    ArticleFactory(headline="Scheduled mention", published_at=FUTURE).people.add(antonov)

    html = client.get(antonov.get_absolute_url()).content.decode()

    for text in ["Public words", "Public meeting", "Public mention"]:
        assert text in html
    for kind in ["Draft", "Scheduled"]:
        for thing in ["words", "meeting", "mention"]:
            assert f"{kind} {thing}" not in html


def test_person_coverage_includes_articles_citing_their_quotes_once(client, antonov):
    mentions_and_cites = ArticleFactory(headline="Mentions and cites")
    mentions_and_cites.people.add(antonov)
    quote = QuoteFactory(speaker=antonov)
    CitationFactory(quote=quote, article=mentions_and_cites)
    CitationFactory(quote=quote, article=ArticleFactory(headline="Only cites"))
    CitationFactory(quote=QuoteFactory(speaker=antonov, draft=True), article=ArticleFactory(headline="Cites a draft"))
    ArticleFactory(headline="Unrelated")

    response = client.get(antonov.get_absolute_url())

    assert sorted(article.headline for article in response.context["coverage"]) == [
        "Mentions and cites",
        "Only cites",
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["April 2022 words", "2022 words", "June 2018 words", "December 2017 words"]),
        ({"date_after": "2018"}, ["April 2022 words", "2022 words", "June 2018 words"]),
        ({"date_before": "2017"}, ["December 2017 words"]),
        ({"date_before": "2018-06"}, ["June 2018 words", "December 2017 words"]),
        ({"date_before": "2018-06-14"}, ["December 2017 words"]),
        ({"date_after": "2018-06-15", "date_before": "2018-06-15"}, ["June 2018 words"]),
        ({"date_after": "2022-04", "date_before": "2022-04"}, ["April 2022 words"]),
        ({"date_after": "2017-12", "date_before": "2018"}, ["June 2018 words", "December 2017 words"]),
        ({"date_after": " 2022 ", "date_before": ""}, ["April 2022 words", "2022 words"]),
    ],
)
def test_person_quotes_filter_by_partial_dates(client, antonov, dated_quotes, params, expected):
    response = client.get(antonov.get_absolute_url(), params)

    assert response.status_code == 200
    assert quote_texts(response) == expected


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_after": "last week"}, "is not a date: use YYYY, YYYY-MM or YYYY-MM-DD."),
        ({"date_before": "2017-13"}, "is not a real date."),
        ({"date_before": "2023-02-29"}, "is not a real date."),
        ({"date_after": "17"}, "is not a date"),
        ({"date_after": "2019", "date_before": "2018-12-31"}, "is later than"),
        ({"date_after": "2018-07-01", "date_before": "2018-06"}, "is later than"),
    ],
)
def test_person_quotes_bad_dates_answer_400_with_a_message(client, antonov, dated_quotes, params, message):
    response = client.get(antonov.get_absolute_url(), params)

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert quote_texts(response) == []
    # The rest of the page still works.
    assert "<h1>Anatoly Antonov</h1>" in html


def test_person_quote_dates_read_as_the_quote_lists_filters(client, antonov):
    # One filter, one wording: the person's page and the quote list name the boxes alike.
    params = {"date_after": "2019", "date_before": "2018"}
    message = "“Said from” (2019) is later than “said until” (2018): swap them or widen the range."

    person_page = client.get(antonov.get_absolute_url(), params).content.decode()
    quote_list = client.get(reverse("quotes:list"), {**params, "person": antonov.slug}).content.decode()

    assert message in person_page
    assert message in quote_list
    assert '<label for="id_date_after">Said from</label>' in person_page
    assert '<label for="id_date_before">Said until</label>' in person_page


def test_person_quotes_are_paginated_and_keep_the_date_filters(client, antonov):
    for day in range(1, 16):
        QuoteFactory(speaker=antonov, said_on=datetime.date(2018, 1, day))

    first = client.get(antonov.get_absolute_url(), {"date_after": "2018"})
    second = client.get(antonov.get_absolute_url(), {"date_after": "2018", "page": 2})

    assert len(first.context["quotes"]) == 10
    assert len(second.context["quotes"]) == 5
    assert 'href="?date_after=2018&amp;page=2#quotes"' in first.content.decode()


def test_person_jsonld_names_the_person_and_their_other_names(client, profile):
    data = jsonld(client.get(profile.get_absolute_url()))

    assert data["@type"] == "Person"
    assert data["name"] == "Anatoly Antonov"
    assert sorted(data["alternateName"]) == ["Anatoliy Antonov", "Анатолий Антонов"]
    assert data["sameAs"] == ["https://www.wikidata.org/wiki/Q4066519"]
    assert data["description"] == "Russian ambassador to the US, 2017-2024"


@pytest.mark.parametrize("state", [{"draft": True}, {"published_at": FUTURE}], ids=["draft", "scheduled"])
def test_unpublished_person_is_404_for_readers(client, state):
    person = PersonFactory(**state)

    assert client.get(person.get_absolute_url()).status_code == 404


def test_person_page_query_count_does_not_grow(client, profile, django_assert_max_num_queries):
    def add(count):
        for _ in range(count):
            PersonAliasFactory(person=profile)
            RoleFactory(person=profile, title="Another post")
            quote = QuoteFactory(speaker=profile)
            CitationFactory(quote=quote)
            EventFactory().people.add(profile)
            article = ArticleFactory()
            article.people.add(profile)
            CitationFactory(article=article)  # someone else quoted in his coverage

    add(3)
    with django_assert_max_num_queries(DETAIL_QUERIES) as few:
        assert client.get(profile.get_absolute_url()).status_code == 200
    add(27)
    with django_assert_max_num_queries(DETAIL_QUERIES) as many:
        assert client.get(profile.get_absolute_url()).status_code == 200
    assert len(many) == len(few)


def test_person_page_shows_who_else_is_quoted_in_the_coverage(client, antonov):
    article = ArticleFactory()
    article.people.add(antonov)
    mcfaul = PersonFactory(name="Michael McFaul")
    CitationFactory(article=article, quote__speaker=mcfaul, quote__text="It is a big mistake not to have contacts.")
    CitationFactory(article=article, quote__speaker=antonov, quote__text="We are doomed to cooperate.")
    CitationFactory(article=article, quote__speaker=mcfaul, quote__text="A draft remark.", quote__draft=True)
    CitationFactory(quote__speaker=mcfaul, quote__text="Said elsewhere, in coverage not about him.")

    response = client.get(antonov.get_absolute_url())

    others = [quote.text for quote in response.context["others_quoted"]]
    assert others == ["It is a big mistake not to have contacts."]
    assert "Michael McFaul" in response.content.decode()


def test_person_page_lists_read_neither_editors_notes_nor_other_speakers_biographies(client, antonov):
    """Neither is shown with a quote; another speaker's biography is their own page's, and may be long."""
    article = ArticleFactory()
    article.people.add(antonov)
    mcfaul = PersonFactory(name="Michael McFaul", biography="Born. " * 2_000)
    CitationFactory(article=article, quote__speaker=mcfaul, quote__text="Their words", quote__notes="Check it.")
    CitationFactory(article=article, quote__speaker=antonov, quote__text="His words", quote__notes="Check it.")

    read = columns_read(client, antonov.get_absolute_url(), '"archive_quote"."notes"', expect="Their words")
    assert read == []
    # The page's own person's biography is read, once, for the page: never with a quote.
    read = columns_read(client, antonov.get_absolute_url(), '"people_person"."biography"', expect="His words")
    assert [sql for sql in read if '"archive_quote"' in sql] == []


def test_person_page_cards_give_each_speakers_post_at_the_time_and_who_reported_it(client, antonov):
    day = Precision.DAY
    RoleFactory(
        person=antonov,
        title="Ambassador to the United States",
        start_date=datetime.date(2017, 9, 1),
        start_precision=day,
    )
    deputy = {"start_date": datetime.date(2011, 12, 1), "end_date": datetime.date(2016, 12, 31), "end_precision": day}
    RoleFactory(person=antonov, title="Deputy Minister of Defence", start_precision=day, **deputy)
    mcfaul = PersonFactory(name="Michael McFaul")
    envoy = {"start_date": datetime.date(2012, 1, 10), "end_date": datetime.date(2014, 2, 26), "end_precision": day}
    RoleFactory(person=mcfaul, title="US Ambassador to Russia", start_precision=day, **envoy)
    article = ArticleFactory(outlet__name="Kommersant")
    article.people.add(antonov)
    CitationFactory(
        article=article, quote__speaker=antonov, quote__said_on=datetime.date(2018, 3, 1), quote__text="Ours."
    )
    CitationFactory(
        article=article, quote__speaker=mcfaul, quote__said_on=datetime.date(2013, 5, 1), quote__text="Theirs."
    )

    html = client.get(antonov.get_absolute_url()).content.decode()

    assert "Anatoly Antonov</a>, Ambassador to the United States," in html
    assert "Michael McFaul</a>, US Ambassador to Russia," in html
    assert html.count("Reported by Kommersant.") == 2
    # Posts held, in date order.
    assert html.index("Deputy Minister of Defence") < html.index("<strong>Ambassador to the United States")


# Bounded lists: every list on the person page costs the same for a prolific speaker.


@pytest.fixture
def small_bounds(monkeypatch):
    """Shrink the person page's bounds so a handful of rows crosses them."""
    monkeypatch.setattr(PersonDetailView, "list_cap", 3)
    monkeypatch.setattr(PersonDetailView, "coverage_quotes", 2)
    monkeypatch.setattr(PersonDetailView, "coverage_mentions", 2)
    monkeypatch.setattr(PersonDetailView, "others_from_articles", 2)


def headlines(response):
    return [article.headline for article in response.context["coverage"]]


def test_person_coverage_starts_from_their_latest_quotes(client, antonov, small_bounds):
    for year in (2015, 2016, 2017):
        quote = QuoteFactory(speaker=antonov, said_on=datetime.date(year, 1, 1))
        CitationFactory(quote=quote, article=ArticleFactory(headline=f"Reports {year}"))
    CitationFactory(
        quote=QuoteFactory(speaker=antonov, said_on=datetime.date(2018, 1, 1), draft=True),
        article=ArticleFactory(headline="Reports a draft"),
    )

    response = client.get(antonov.get_absolute_url())

    # The two latest published quotes; the draft neither counts nor shows.
    assert sorted(headlines(response)) == ["Reports 2016", "Reports 2017"]
    html = response.content.decode()
    assert "Latest coverage" in html
    assert "the articles that report Anatoly Antonov’s 2 latest quotes" in html


def test_person_coverage_takes_the_latest_mentions_added(client, antonov, small_bounds):
    first, second, third = (ArticleFactory(headline=f"Mention {n}") for n in (1, 2, 3))
    for article in (first, second, third):
        article.people.add(antonov)
    ArticleFactory(headline="Mentions someone else").people.add(PersonFactory())
    ArticleFactory(headline="A draft mention", draft=True).people.add(antonov)

    response = client.get(antonov.get_absolute_url())

    # The two most recently added mentions are the draft and the third: only the third is public.
    assert headlines(response) == ["Mention 3"]


def test_person_coverage_lists_newest_first_with_both_sources_once(client, antonov):
    older = ArticleFactory(headline="Older", published_on=datetime.date(2017, 1, 1))
    newer = ArticleFactory(headline="Newer", published_on=datetime.date(2019, 1, 1))
    newer.people.add(antonov)
    older.people.add(antonov)
    CitationFactory(quote=QuoteFactory(speaker=antonov), article=newer)

    assert headlines(client.get(antonov.get_absolute_url())) == ["Newer", "Older"]


def test_others_quoted_come_from_the_latest_coverage_articles(client, antonov, small_bounds):
    mcfaul = PersonFactory(name="Michael McFaul")
    for year in (2016, 2017, 2018):
        article = ArticleFactory(headline=f"Article {year}", published_on=datetime.date(year, 1, 1))
        article.people.add(antonov)
        CitationFactory(article=article, quote__speaker=mcfaul, quote__text=f"McFaul in {year}.")

    response = client.get(antonov.get_absolute_url())

    assert sorted(quote.text for quote in response.context["others_quoted"]) == ["McFaul in 2017.", "McFaul in 2018."]
    assert "Who else the 2 latest articles below quote." in response.content.decode()


def test_others_quoted_are_paged_newest_first(client, antonov, monkeypatch):
    monkeypatch.setattr(PersonDetailView, "quotes_per_page", 2)
    article = ArticleFactory()
    article.people.add(antonov)
    for year in (2016, 2018, 2017):
        CitationFactory(article=article, quote__text=f"Said in {year}.", quote__said_on=datetime.date(year, 5, 1))

    first = client.get(antonov.get_absolute_url()).context["others_quoted"]
    second = client.get(antonov.get_absolute_url(), {"others_page": 2}).context["others_quoted"]

    assert [quote.text for quote in first] == ["Said in 2018.", "Said in 2017."]
    assert [quote.text for quote in second] == ["Said in 2016."]
    assert first.paginator.count == 3 and first.has_next()
    assert "Pages of other quotes" in client.get(antonov.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("count", "expected"),
    [(2, ["Day 02", "Day 01"]), (7, ["Day 07", "Day 06", "Day 05"])],
    ids=["few, sorted from the person's side", "more than the cap, read by walking all events"],
)
def test_person_events_list_latest_first_either_way(client, antonov, small_bounds, monkeypatch, count, expected):
    monkeypatch.setattr(PersonDetailView, "events_per_page", 2)
    for day in range(1, count + 1):
        EventFactory(title=f"Day {day:02d}", start_date=datetime.date(2018, 1, day)).people.add(antonov)
    EventFactory(title="Draft", draft=True, start_date=datetime.date(2018, 2, 1)).people.add(antonov)
    EventFactory(title="Someone else's", start_date=datetime.date(2018, 2, 1)).people.add(PersonFactory())

    first = client.get(antonov.get_absolute_url()).context["events"]
    second = client.get(antonov.get_absolute_url(), {"events_page": 2}).context["events"]

    seen = [event.title for event in first] + ([event.title for event in second] if first.has_next() else [])
    assert seen == expected
    assert first.paginator.capped == (count > 3)


def test_a_person_at_more_events_than_the_cap_has_them_counted_from_the_kept_counts(client, antonov, small_bounds):
    """Past the cap the person's events are walked; their count is the months' counts, not a COUNT of events."""
    later = timezone.now() + datetime.timedelta(days=5)
    for day, state in enumerate([{}, {}, {"draft": True}, {"draft": True}, {"published_at": later}], start=1):
        EventFactory(title=f"Day {day:02d}", start_date=datetime.date(2018, 1, day), **state).people.add(antonov)

    with CaptureQueriesContext(connection) as queries:
        events = client.get(antonov.get_absolute_url()).context["events"]

    assert [event.title for event in events] == ["Day 02", "Day 01"]
    assert (events.paginator.count, events.paginator.capped) == (2, False)
    assert not [query for query in queries if 'COUNT(*) FROM (SELECT "archive_event"' in query["sql"]]


@pytest.mark.parametrize(
    ("articles", "says"),
    [
        (0, None),
        (1, "Who else the latest article below quotes."),
        (3, "Who else the 3 latest articles below quote."),
        (12, "Who else the 10 latest articles below quote."),
    ],
)
def test_others_quoted_says_how_many_articles_it_comes_from(client, antonov, articles, says):
    for number in range(articles):
        ArticleFactory(published_on=datetime.date(2018, 1, 1 + number)).people.add(antonov)

    html = client.get(antonov.get_absolute_url()).content.decode()

    assert ("Who else the" in html) == (says is not None)
    if says:
        assert says in html


def test_a_lists_page_links_land_on_its_heading(client, antonov, monkeypatch):
    """Paging a list further down the person's page keeps the reader at that list, not at the top."""
    monkeypatch.setattr(PersonDetailView, "events_per_page", 2)
    for day in range(1, 4):
        EventFactory(start_date=datetime.date(2018, 1, day)).people.add(antonov)

    html = client.get(antonov.get_absolute_url(), {"events_page": 2}).content.decode()

    assert '<h2 id="events">' in html
    assert 'href="?events_page=1#events" rel="prev"' in html


def test_person_quotes_are_counted_up_to_the_cap(client, antonov, small_bounds):
    for day in range(1, 6):
        QuoteFactory(speaker=antonov, said_on=datetime.date(2018, 1, day))

    response = client.get(antonov.get_absolute_url())

    paginator = response.context["quotes"].paginator
    assert paginator.count == 3 and paginator.capped


def test_coverage_queries_find_what_the_orm_finds(antonov):
    """
    The person page's two queries written in SQL (``people.coverage``) against the same
    questions asked through ``published()`` and the models' orderings: drafts and scheduled
    items left out, undated articles and quotes last, unnamed sources kept, the person's own
    quotes left out of "others".
    """
    mcfaul = PersonFactory(name="Michael McFaul")
    articles = []
    for number, (status, published_at, published_on) in enumerate(
        [
            ("published", None, datetime.date(2018, 1, 1)),
            ("published", None, None),
            ("published", FUTURE, datetime.date(2018, 2, 1)),
            ("draft", None, datetime.date(2018, 3, 1)),
            ("published", None, datetime.date(2017, 5, 1)),
            ("published", None, datetime.date(2018, 1, 1)),
        ]
    ):
        article = ArticleFactory(
            status=status, published_on=published_on, **({"published_at": published_at} if published_at else {})
        )
        articles.append(article)
        if number % 2:
            article.people.add(antonov)
        said_on = None if number == 3 else datetime.date(2016, 1 + number, 1)
        kept = {"published_at": FUTURE} if number == 4 else {}
        CitationFactory(article=article, quote=QuoteFactory(speaker=antonov, said_on=said_on, **kept))
        CitationFactory(article=article, quote=QuoteFactory(speaker=mcfaul, said_on=datetime.date(2015, 1 + number, 1)))
        CitationFactory(article=article, quote=QuoteFactory(speaker=None, unnamed_source="a diplomat", said_on=None))
        CitationFactory(article=article, quote=QuoteFactory(speaker=mcfaul, draft=True))

    for quotes, mentions in [(2, 1), (3, 2), (10, 10)]:
        latest = Quote.objects.published().by_person(antonov).values("pk")[:quotes]
        reporting = Citation.objects.filter(quote__in=latest).order_by().values("article")
        mention = Article.people.through
        recent = mention.objects.filter(person=antonov).order_by("-article_id")[:mentions]
        mentioning = mention.objects.filter(pk__in=recent.values("pk")).values("article")
        expected = Article.objects.published().filter(pk__in=reporting.union(mentioning))
        coverage = latest_coverage(antonov, quotes, mentions)
        assert coverage == list(expected.values_list("pk", flat=True))

        cited = Citation.objects.filter(article__in=coverage).order_by().values("quote")
        others = Quote.objects.published().filter(pk__in=cited).exclude(speaker=antonov)
        assert others_quoted(antonov, coverage) == list(others.values_list("pk", flat=True))
    # Published only; the same day by id, newest first; undated last.
    assert coverage == [articles[5].pk, articles[0].pk, articles[1].pk]
    others = Quote.objects.in_bulk(others_quoted(antonov, coverage))
    assert [quote.attribution for quote in others.values()] == ["Michael McFaul"] * 3 + ["a diplomat"] * 3
