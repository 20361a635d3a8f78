"""QuoteFilterSet: each filter alone and combined, partial dates, and the messages for bad input."""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from archive import filters
from archive.dates import Precision
from archive.filters import QuoteFilterSet
from archive.models import Outlet, Quote
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    EventFactory,
    OutletFactory,
    PersonAliasFactory,
    PersonFactory,
    QuoteFactory,
)
from tests.plans import plan

pytestmark = pytest.mark.django_db


def run(**params):
    filterset = QuoteFilterSet(params, queryset=Quote.objects.published())
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs)


@pytest.fixture(params=["gathered", "walked"])
def shape(request, monkeypatch):
    """
    Each tag, outlet and words filter in both of its shapes (archive.filters): the matches
    gathered from their own index, or checked quote by quote (what a common tag gets).
    """
    if request.param == "walked":
        monkeypatch.setattr(filters, "FEW", -1)
    return request.param


def errors(**params):
    filterset = QuoteFilterSet(params, queryset=Quote.objects.published())
    assert not filterset.is_valid()
    return filterset.errors


def said(year, month=1, day=1, precision=Precision.DAY, **kwargs):
    return QuoteFactory(said_on=datetime.date(year, month, day), said_on_precision=precision, **kwargs)


# person


def test_person_by_slug(antonov):
    mine = QuoteFactory(speaker=antonov)
    QuoteFactory()

    assert run(person="anatoly-antonov") == [mine]


def test_person_by_typed_name_in_any_case(antonov):
    mine = QuoteFactory(speaker=antonov)
    QuoteFactory()

    assert run(person="  anatoly ANTONOV ") == [mine]


def test_person_by_alias_name(antonov):
    PersonAliasFactory(person=antonov, name="Анатолий Антонов", language="ru")
    PersonAliasFactory(person=antonov, name="Anatoliy Antonov")
    mine = QuoteFactory(speaker=antonov)
    QuoteFactory()

    assert run(person="anatoliy antonov") == [mine]
    assert run(person="Анатолий Антонов") == [mine]


@pytest.mark.parametrize("typed", ["анатолий антонов", "АНАТОЛИЙ АНТОНОВ", "Анатолий антонов"])
def test_a_name_in_cyrillic_in_any_usual_case(antonov, typed):
    """SQLite's LIKE folds ASCII letters only: the other forms of the name are looked up too."""
    PersonAliasFactory(person=antonov, name="Анатолий Антонов", language="ru")
    mine = QuoteFactory(speaker=antonov)
    QuoteFactory()

    assert run(person=typed) == [mine]


def test_a_slug_wins_over_another_persons_name(antonov):
    other = PersonFactory(name="anatoly-antonov", slug="someone-else")
    mine = QuoteFactory(speaker=antonov)
    QuoteFactory(speaker=other)

    assert run(person="anatoly-antonov") == [mine]


def test_same_name_twice_is_ambiguous_and_lists_both(antonov):
    PersonFactory(name="Anatoly Antonov", slug="anatoly-antonov-2", description="Chess player")

    message = errors(person="Anatoly Antonov")["person"][0]

    assert "could be more than one person" in message
    assert "anatoly-antonov" in message
    assert "anatoly-antonov-2" in message
    assert "Chess player" in message


def test_a_name_and_an_alias_of_two_people_is_ambiguous(antonov):
    PersonAliasFactory(person=PersonFactory(name="A. Antonov"), name="Anatoly Antonov")

    assert "could be more than one person" in errors(person="Anatoly Antonov")["person"][0]


def test_a_name_shared_with_a_draft_person_is_not_ambiguous(antonov):
    PersonFactory(name="Anatoly Antonov", slug="draft-antonov", draft=True)
    mine = QuoteFactory(speaker=antonov)

    assert run(person="Anatoly Antonov") == [mine]


def test_unknown_person():
    assert errors(person="Nobody Atall")["person"] == [
        "No one in the archive is called “Nobody Atall”. Check the spelling or pick a suggested name."
    ]


@pytest.mark.parametrize("typed", ["hidden-envoy", "Hidden Envoy", "H. Envoy"])
def test_a_draft_persons_slug_name_and_alias_are_unknown(typed):
    hidden = PersonFactory(name="Hidden Envoy", slug="hidden-envoy", draft=True)
    PersonAliasFactory(person=hidden, name="H. Envoy")

    assert "No one in the archive is called" in errors(person=typed)["person"][0]


def test_a_person_scheduled_for_later_is_unknown():
    PersonFactory(slug="soon", published_at=timezone.now() + datetime.timedelta(days=1))

    assert "person" in errors(person="soon")


# dates


def test_a_year_quote_falls_in_that_year():
    in_2017 = said(2017, precision=Precision.YEAR)
    said(2018, 1, 1)
    said(2016, 12, 31)

    assert run(date_after="2017", date_before="2017") == [in_2017]


def test_date_before_a_month_includes_its_last_day():
    june_30 = said(2017, 6, 30)
    said(2017, 7, 1)

    assert run(date_before="2017-06") == [june_30]


def test_date_before_a_year_runs_to_december_31():
    new_years_eve = said(2017, 12, 31)
    said(2018, 1, 1)

    assert run(date_before="2017") == [new_years_eve]


def test_date_after_is_inclusive_and_reads_the_first_day():
    said(2017, 5, 31)
    june_1 = said(2017, 6, 1)
    month_only = said(2017, 6, precision=Precision.MONTH)

    assert set(run(date_after="2017-06")) == {june_1, month_only}
    assert run(date_after="2017-06-02") == []


def test_a_day_range():
    said(2022, 4, 17)
    day = said(2022, 4, 18)
    said(2022, 4, 19)

    assert run(date_after="2022-04-18", date_before="2022-04-18") == [day]


def test_undated_quotes_are_left_out_of_date_ranges():
    QuoteFactory(said_on=None)
    dated = said(2020)

    assert run(date_after="2000") == [dated]


@pytest.mark.parametrize("value", ["17", "2017/06", "June 2017", "2017-6", "2017-06-1x"])
def test_malformed_date(value):
    assert errors(date_after=value)["date_after"] == [f"“{value}” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD."]


@pytest.mark.parametrize("value", ["2017-02-30", "2017-13", "2017-00-10"])
def test_impossible_date(value):
    assert errors(date_before=value)["date_before"] == [f"“{value}” is not a real date."]


def test_date_after_later_than_date_before():
    message = errors(date_after="2018", date_before="2017-06")["__all__"][0]

    assert message == "“Said from” (2018) is later than “said until” (June 2017): swap them or widen the range."


def test_a_range_inside_one_span_is_fine():
    mid_2017 = said(2017, 6, 15)

    assert run(date_after="2017-06", date_before="2017") == [mid_2017]


# tag, outlet, event, words


def test_tag(shape):
    tagged = QuoteFactory()
    tagged.tags.add("Sanctions", "Expulsions")
    QuoteFactory().tags.add("Expulsions")
    EventFactory().tags.add("Sanctions")

    assert run(tag="sanctions") == [tagged]


@pytest.mark.parametrize(
    "hidden_kwargs",
    [{"draft": True}, {"published_at": timezone.now() + datetime.timedelta(days=3)}],
    ids=["draft", "scheduled"],
)
def test_tag_leaves_out_unpublished_quotes(shape, hidden_kwargs):
    public = QuoteFactory()
    public.tags.add("sanctions")
    QuoteFactory(**hidden_kwargs).tags.add("sanctions")

    assert run(tag="sanctions") == [public]


def test_a_tag_only_drafts_carry_is_unknown():
    QuoteFactory(draft=True).tags.add("secret-plans")

    assert errors(tag="secret-plans")["tag"] == ["There is no tag “secret-plans” in the archive."]


def test_unknown_tag():
    assert errors(tag="no-such-tag")["tag"] == ["There is no tag “no-such-tag” in the archive."]


def test_outlet_matches_quotes_cited_by_its_published_articles(shape):
    politico, raw_story = OutletFactory(slug="politico"), OutletFactory(slug="raw-story")
    in_politico = CitationFactory(article__outlet=politico).quote
    CitationFactory(article__outlet=raw_story)
    only_in_a_draft = CitationFactory(article=ArticleFactory(outlet=politico, draft=True)).quote
    scheduled = ArticleFactory(outlet=politico, published_at=timezone.now() + datetime.timedelta(days=1))
    only_scheduled = CitationFactory(article=scheduled).quote

    result = run(outlet="politico")

    assert result == [in_politico]
    assert only_in_a_draft not in result and only_scheduled not in result


def test_two_citations_from_one_outlet_give_one_row(shape):
    politico = OutletFactory(slug="politico")
    quote = QuoteFactory()
    CitationFactory(quote=quote, article__outlet=politico)
    CitationFactory(quote=quote, article__outlet=politico)
    quote.tags.add("sanctions", "russia")

    assert run(outlet="politico") == [quote]
    assert run(outlet="politico", tag="sanctions") == [quote]


def test_unknown_outlet():
    assert errors(outlet="the-daily-nowhere")["outlet"] == ["There is no outlet “the-daily-nowhere” in the archive."]


@pytest.mark.parametrize(
    "state",
    [{"draft": True}, {"published_at": timezone.now() + datetime.timedelta(days=3)}],
    ids=["draft", "scheduled"],
)
def test_an_outlet_with_no_published_article_is_neither_a_choice_nor_a_filter(client, state):
    ArticleFactory(outlet=OutletFactory(name="Flowtest Daily", slug="flowtest-daily"), **state)
    CitationFactory(article__outlet=OutletFactory(name="Politico", slug="politico"))

    menu = client.get("/quotes/").content.decode()

    assert "Politico" in menu and "Flowtest Daily" not in menu
    assert errors(outlet="flowtest-daily")["outlet"] == ["There is no outlet “flowtest-daily” in the archive."]


def test_the_outlet_menu_is_the_reporting_outlets_by_name_in_one_query(client, django_assert_num_queries):
    for name, state in [("TASS", {}), ("CNN", {}), ("Bild", {"draft": True}), ("Axios", {}), ("CNN", {})]:
        ArticleFactory(outlet=OutletFactory(name=name), **state)
    OutletFactory(name="Nobody's Gazette")

    with django_assert_num_queries(1):
        menu = [(outlet.pk, outlet.slug, outlet.name) for outlet in filters.reporting_outlets()]

    orm = Outlet.objects.reporting().order_by("name", "id").values_list("pk", "slug", "name")
    assert menu == list(orm)
    assert [name for _, _, name in menu] == ["Axios", "CNN", "CNN", "TASS"]
    page = client.get("/quotes/").content.decode()
    assert page.index(">Axios<") < page.index(">CNN<") < page.index(">TASS<")


def test_event():
    summit = EventFactory(slug="helsinki-summit")
    at_summit = QuoteFactory(event=summit)
    QuoteFactory(event=EventFactory())
    QuoteFactory()

    assert run(event="helsinki-summit") == [at_summit]


@pytest.mark.parametrize(
    "event_kwargs",
    [{"draft": True}, {"published_at": timezone.now() + datetime.timedelta(days=30)}],
    ids=["draft", "scheduled"],
)
def test_an_unpublished_events_slug_is_unknown(event_kwargs):
    QuoteFactory(event=EventFactory(slug="secret-talks", **event_kwargs))

    assert errors(event="secret-talks")["event"] == ["There is no event “secret-talks” in the archive."]


def test_words_match_case_insensitively_and_all_must_appear(shape):
    doomed = QuoteFactory(text="We are doomed to cooperate.")
    QuoteFactory(text="Cooperation is over.")

    assert run(q="DOOMED") == [doomed]
    assert run(q="cooperate doomed") == [doomed]
    assert run(q="doomed cooperation") == [doomed]  # stemmed: cooperation ~ cooperate
    assert run(q="doomed sanctions") == []


def test_words_use_the_full_text_index_folding_accents_and_matching_speaker_aliases(shape):
    antonov = PersonFactory(name="Anatoly Antonov")
    PersonAliasFactory(person=antonov, name="Анатолий Антонов", language="ru")
    stability = QuoteFactory(speaker=antonov, text="Stabilization is the word now.")
    cafe = QuoteFactory(text="We met at the café in Geneva.")

    assert run(q="Антонов") == [stability]
    assert run(q="CAFE") == [cafe]
    assert run(q='"met at the cafe"') == [cafe]
    assert run(q="-geneva stabilization") == [stability]


def test_words_that_only_leave_words_out_are_refused_not_ignored(client, antonov):
    QuoteFactory(speaker=antonov, text="We are doomed to cooperate.")

    assert errors(q="-antonov")["q"] == [
        "Add a word to look for: the words can narrow the quotes, not only leave words out."
    ]
    response = client.get("/quotes/", {"q": "-antonov -doomed"})
    assert response.status_code == 400
    assert "Add a word to look for" in response.content.decode()


@pytest.mark.parametrize("url", ["/quotes/", "/api/quotes/", "/quotes/export.csv", "/quotes/feed/"])
def test_words_too_common_to_look_for_are_refused_not_ignored(client, url):
    QuoteFactory(text="The talks went on.")
    QuoteFactory(text="Sanctions work.")

    assert errors(q="the")["q"] == ["“the” has only words too common to look for (the): add a less common word."]
    assert "(of, the)" in errors(q='Of "the"')["q"][0]
    response = client.get(url, {"q": "the"})
    assert response.status_code == 400
    assert "add a less common word" in response.content.decode()
    assert run(q="the talks") == run(q="talks")


def test_words_leave_out_unpublished_quotes(shape):
    public = QuoteFactory(text="We are doomed to cooperate.")
    QuoteFactory(text="We are doomed, says a draft.", draft=True)
    QuoteFactory(text="Doomed, in a week.", published_at=timezone.now() + datetime.timedelta(days=7))

    assert run(q="doomed") == [public]


@pytest.mark.parametrize(
    ("params", "paging"),
    [
        ({}, {}),
        ({"person": "anatoly-antonov", "date_after": "2017"}, {"total": 1}),
        ({"tag": "sanctions"}, {"walk": True}),
        ({"tag": "sanctions", "outlet": "politico"}, {"walk": True}),
    ],
)
def test_few_matches_are_read_by_id_up_to_the_cap(antonov, params, paging):
    quote = QuoteFactory(speaker=antonov)
    quote.tags.add("sanctions")
    CitationFactory(quote=quote, article__outlet=OutletFactory(slug="politico"))
    filterset = QuoteFilterSet(params, queryset=Quote.objects.published())

    assert filterset.is_valid(), filterset.errors
    assert list(filterset.qs) == [quote]
    assert filterset.paging() == paging


@pytest.mark.parametrize(
    "params",
    [
        {"person": "anatoly-antonov"},
        {"person": "anatoly-antonov", "date_after": "2017-03-15", "date_before": "2018-02"},
        {"person": "anatoly-antonov", "date_before": "2017-05-20"},
        {"date_after": "2017-02", "date_before": "2018"},
        {"date_after": "2017-03-15"},
        {"tag": "sanctions", "date_after": "2016-12-31", "date_before": "2017-06-10"},
        {"tag": "sanctions", "date_before": "2018"},
    ],
)
def test_a_person_or_a_tag_within_dates_is_counted_from_the_kept_counts(antonov, params):
    """
    The list's count comes from the monthly counts the database keeps (whole months) and the
    quotes of the months' parts: as many as the list holds, whatever their dates' precision,
    with drafts, scheduled quotes, undated ones and someone else's left out.
    """
    later = timezone.now() + datetime.timedelta(days=9)
    for speaker in (antonov, PersonFactory()):
        mine = [
            said(2017, 3, 14, speaker=speaker),
            said(2017, 3, 15, speaker=speaker),
            said(2017, 3, 31, speaker=speaker),
            said(2017, 5, precision=Precision.MONTH, speaker=speaker),
            said(2017, 5, 20, speaker=speaker),
            said(2017, precision=Precision.YEAR, speaker=speaker),
            said(2018, 2, 28, speaker=speaker),
            said(2018, 12, 31, speaker=speaker),
            said(2016, 12, 31, speaker=speaker),
            said(2017, 4, 2, speaker=speaker, draft=True),
            said(2017, 4, 3, speaker=speaker, published_at=later),
            QuoteFactory(said_on=None, speaker=speaker),
            QuoteFactory(said_on=None, speaker=speaker, draft=True),
        ]
        for quote in mine[::2]:
            quote.tags.add("sanctions")
    filterset = QuoteFilterSet(params, queryset=Quote.objects.published())

    assert filterset.is_valid(), filterset.errors
    assert filterset.paging() == {"total": len(list(filterset.qs))}


def test_a_busy_speakers_quotes_within_dates_are_not_counted_row_by_row(client, antonov):
    for month in range(1, 13):
        said(2017, month, 10, speaker=antonov)
    url = reverse("quotes:list") + "?person=anatoly-antonov&date_after=2017&date_before=2017-06"

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == 200
    assert response.context["paginator"].count == 6
    assert '<h2 id="results">6 quotes</h2>' in response.content.decode()
    assert not [query for query in queries if 'COUNT(*) FROM (SELECT "archive_quote"' in query["sql"]]


@pytest.mark.parametrize("params", [{"tag": "sanctions"}, {"outlet": "politico"}, {"q": "doomed"}])
def test_common_matches_are_walked_a_page_at_a_time(monkeypatch, params):
    monkeypatch.setattr(filters, "FEW", -1)
    quote = QuoteFactory(text="We are doomed to cooperate.")
    quote.tags.add("sanctions")
    CitationFactory(quote=quote, article__outlet=OutletFactory(slug="politico"))
    filterset = QuoteFilterSet(params, queryset=Quote.objects.published())

    assert filterset.is_valid(), filterset.errors
    assert list(filterset.qs) == [quote]
    assert filterset.paging() == {"walk": True, "ahead": filters.COUNT_AHEAD}


@pytest.mark.parametrize(
    ("junk", "status"), [('"', 400), ("AND OR (", 400), ("AND OR ( x", 200), ("NEAR(", 200), ("*", 400), ("'", 400)]
)
def test_search_syntax_junk_in_words_never_fails(client, junk, status):
    """Never a server error; the refused ones have no word to look for but the common "and"."""
    QuoteFactory(text="Words.")

    assert client.get("/quotes/", {"q": junk}).status_code == status


@pytest.mark.parametrize("url", ["/quotes/", "/api/quotes/", "/quotes/export.csv", "/quotes/feed/"])
@pytest.mark.parametrize("typed", ["*", "😀", '""', "or"])
def test_words_with_no_word_in_them_are_refused_not_ignored(client, url, typed):
    QuoteFactory(text="Sanctions work.")

    assert errors(q=typed)["q"] == [f"“{typed}” has no words to look for: type a few words of the quote or a name."]
    response = client.get(url, {"q": typed})
    assert response.status_code == 400
    assert "has no words to look for" in response.content.decode()
    assert client.get(url, {"q": "  "}).status_code == 200


# sort


def test_newest_first_by_default_with_undated_last():
    old, new = said(2017), said(2022)
    undated = QuoteFactory(said_on=None)

    assert run() == [new, old, undated]
    assert run(sort="-date") == [new, old, undated]


def test_oldest_first_with_undated_last():
    old, new = said(2017), said(2022)
    undated = QuoteFactory(said_on=None)

    assert run(sort="date") == [old, new, undated]


def test_same_day_quotes_keep_a_stable_order():
    first, second = said(2020), said(2020)

    assert run() == [second, first]
    assert run(sort="date") == [first, second]


def test_unknown_sort():
    assert errors(sort="speaker")["sort"] == ["Sort by “-date” (newest first) or “date” (oldest first)."]


# together


def test_filters_combine(antonov, shape):
    politico = OutletFactory(slug="politico")
    summit = EventFactory(slug="helsinki-summit")
    match = said(2018, 7, 16, speaker=antonov, event=summit, text="Our relations are at their lowest point.")
    match.tags.add("summits")
    CitationFactory(quote=match, article__outlet=politico)
    # Each of these misses exactly one filter.
    misses = [
        said(2018, 7, 16, event=summit, text="Relations are at their lowest."),
        said(2019, 7, 16, speaker=antonov, event=summit, text="Relations are at their lowest."),
        said(2018, 7, 16, speaker=antonov, text="Relations are at their lowest."),
        said(2018, 7, 16, speaker=antonov, event=summit, text="Relations are fine."),
    ]
    for quote in misses:
        quote.tags.add("summits")
        CitationFactory(quote=quote, article__outlet=politico)

    result = run(
        person="Anatoly Antonov",
        date_after="2018",
        date_before="2018-07",
        tag="summits",
        outlet="politico",
        event="helsinki-summit",
        q="lowest relations",
        sort="date",
    )

    assert result == [match]


def test_errors_are_reported_for_every_bad_filter_at_once():
    problems = errors(person="Nobody", date_after="2017-02-30", tag="nope", outlet="nope", event="nope")

    assert set(problems) == {"person", "date_after", "tag", "outlet", "event"}


def test_a_rare_tag_with_a_person_reads_the_tags_quotes_not_the_persons(antonov):
    """A speaker's quotes with a rare tag: the tag's few quotes are checked for the speaker, not the reverse."""
    quote = QuoteFactory(speaker=antonov)
    quote.tags.add("sanctions")
    QuoteFactory(speaker=antonov)
    filterset = QuoteFilterSet(QueryDict("person=anatoly-antonov&tag=sanctions"), queryset=Quote.objects.published())

    assert list(filterset.qs) == [quote]
    used = plan(filterset.qs)
    assert "taggeditem_tag_model_idx" in used
    assert "quote_speaker" not in used
