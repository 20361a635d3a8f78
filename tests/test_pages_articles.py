"""The article list and the article page: the coverage, the quotes it reports, the JSON-LD."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from archive.templatetags.reading_room import page_url
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    EventFactory,
    OutletFactory,
    PersonFactory,
    QuoteFactory,
    RoleFactory,
)
from tests.queries import columns_read

pytestmark = pytest.mark.django_db

FUTURE = timezone.now() + datetime.timedelta(days=3)
# Articles with outlets, and their tags; then the page count.
LIST_QUERIES = 3
# The article (outlet), tags, people, events; the citation count, citations with quotes, speakers' posts,
# and where else each quote was reported.
DETAIL_QUERIES = 8


def jsonld(response):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


@pytest.fixture
def article(db):
    article = ArticleFactory(
        headline="Russia's man in Washington",
        dek="Anatoly Antonov on four years in the US",
        slug="russias-man-in-washington",
        outlet=OutletFactory(name="Politico"),
        url="https://www.politico.com/news/antonov",
        authors="Jane Doe and John Roe",
        translator="Ivan Petrov",
        published_on=datetime.date(2022, 4, 18),
        summary="The ambassador looks back.",
    )
    article.tags.add("sanctions")
    return article


def test_article_list_shows_published_articles_newest_first(client):
    ArticleFactory(headline="Older piece", published_on=datetime.date(2017, 1, 5))
    ArticleFactory(headline="Newer piece", published_on=datetime.date(2022, 1, 5))

    response = client.get(reverse("articles:list"))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Newer piece") < html.index("Older piece")
    assert "<h1>Articles</h1>" in html


def test_article_list_hides_drafts_and_scheduled_articles(client):
    ArticleFactory(headline="Public piece")
    ArticleFactory(headline="Draft piece", draft=True)
    ArticleFactory(headline="Scheduled piece", published_at=FUTURE)

    html = client.get(reverse("articles:list")).content.decode()

    assert "Public piece" in html
    assert "Draft piece" not in html
    assert "Scheduled piece" not in html


def test_article_list_is_paginated_and_keeps_other_parameters(client):
    ArticleFactory.create_batch(25)

    first = client.get(reverse("articles:list"), {"utm": "x"})
    second = client.get(reverse("articles:list"), {"page": 2})

    assert len(first.context["articles"]) == 20
    assert len(second.context["articles"]) == 5
    html = first.content.decode()
    assert '<nav class="pagination" aria-label="Article pages">' in html
    assert 'href="?utm=x&amp;page=2" rel="next"' in html
    assert client.get(reverse("articles:list"), {"page": 9}).status_code == 404


def test_page_links_change_only_their_own_parameter(rf):
    """Every other parameter is kept, repeated ones too, and one list's links leave the next list's alone."""
    request = rf.get("/people/x/", {"tag": ["a", "b"], "page": "3", "events_page": "2"})
    context = {"request": request}

    assert page_url(context, 4) == "?tag=a&tag=b&page=4&events_page=2"
    assert page_url(context, 1, "events_page") == "?tag=a&tag=b&page=3&events_page=1"
    assert page_url(context, 2, "others_page") == "?tag=a&tag=b&page=3&events_page=2&others_page=2"
    assert request.GET.getlist("page") == ["3"]


def test_article_page_shows_the_coverage(client, article):
    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Russia&#x27;s man in Washington</h1>" in html
    assert "Anatoly Antonov on four years in the US" in html
    assert "Politico" in html
    assert "Jane Doe and John Roe" in html
    assert "Ivan Petrov" in html
    assert '<time datetime="2022-04-18">18 April 2022</time>' in html
    assert 'href="https://www.politico.com/news/antonov"' in html
    assert "The ambassador looks back." in html
    assert f'href="{reverse("tags:detail", args=["sanctions"])}"' in html
    assert html.count("<h1") == 1


def test_article_page_counts_the_quotes_it_reports_as_its_other_lists_do(client, article):
    CitationFactory.create_batch(3, article=article)
    CitationFactory(article=article, quote__draft=True)

    html = client.get(article.get_absolute_url()).content.decode()

    assert '<h2 id="quotes">Quotes reported (3)</h2>' in html
    bare = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert '<h2 id="quotes">Quotes reported</h2>' in bare


def test_article_page_shows_a_partial_publication_date_as_known(client):
    article = ArticleFactory(published_on=datetime.date(2017, 3, 9), published_on_precision="year")

    html = client.get(article.get_absolute_url()).content.decode()

    assert '<time datetime="2017">2017</time>' in html
    assert "March 2017" not in html


def test_article_page_lists_published_quotes_with_passage_and_speakers_post(client, article):
    speaker = PersonFactory(name="Anatoly Antonov")
    RoleFactory(person=speaker, title="Russian ambassador to the United States", start_date=datetime.date(2017, 8, 21))
    quote = QuoteFactory(speaker=speaker, text="We are doomed to cooperate.", said_on=datetime.date(2017, 12, 1))
    CitationFactory(quote=quote, article=article, passage="At the embassy, he said: “We are doomed to cooperate.”")
    CitationFactory(quote=QuoteFactory(text="A draft quote", draft=True), article=article)
    CitationFactory(quote=QuoteFactory(text="A scheduled quote", published_at=FUTURE), article=article)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "We are doomed to cooperate." in html
    assert "At the embassy, he said" in html
    assert "Anatoly Antonov</a>, Russian ambassador to the United States" in html
    assert "A draft quote" not in html
    assert "A scheduled quote" not in html


def test_unpublished_speaker_is_named_without_a_link(client, article):
    speaker = PersonFactory(name="Hidden Person", draft=True)
    CitationFactory(quote=QuoteFactory(speaker=speaker), article=article)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Hidden Person" in html
    assert speaker.get_absolute_url() not in html


def test_article_page_lists_published_people_and_events_only(client, article):
    article.people.add(PersonFactory(name="Public Diplomat"), PersonFactory(name="Draft Diplomat", draft=True))
    EventFactory(title="Public event").articles.add(article)
    EventFactory(title="Draft event", draft=True).articles.add(article)
    EventFactory(title="Scheduled event", published_at=FUTURE).articles.add(article)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Public Diplomat" in html
    assert "Draft Diplomat" not in html
    assert "Public event" in html
    assert "Draft event" not in html
    assert "Scheduled event" not in html


def test_article_page_pages_the_people_and_events_it_covers(client, article):
    for number in range(52):
        article.people.add(PersonFactory(name=f"Diplomat {number:02d}", sort_name=f"Diplomat {number:02d}"))
    for number in range(21):
        EventFactory(title=f"Summit {number:02d}", start_date=datetime.date(2020, 1, 1 + number)).articles.add(article)

    first = client.get(article.get_absolute_url()).content.decode()
    second = client.get(article.get_absolute_url(), {"people_page": 2, "events_page": 2}).content.decode()
    # What the page shows, without its JSON-LD (which names everyone).
    first, second = (html.split("</head>", 1)[1] for html in (first, second))

    assert "People mentioned (52)" in first
    assert "Diplomat 49" in first and "Diplomat 50" not in first
    assert "Diplomat 50" in second and "Diplomat 51" in second and "Diplomat 49" not in second
    assert 'aria-label="People pages"' in first
    assert "Events covered (21)" in first
    assert "Summit 19" in first and "Summit 20" not in first
    assert "Summit 20" in second
    assert len(jsonld(client.get(article.get_absolute_url()))["mentions"]) == 52  # every page's people


def test_article_jsonld_names_the_article(client, article):
    article.people.add(PersonFactory(name="Anatoly Antonov"), PersonFactory(name="Secret Name", draft=True))

    data = jsonld(client.get(article.get_absolute_url()))

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Russia's man in Washington"
    assert data["datePublished"] == "2022-04-18"
    assert data["publisher"] == {"@type": "Organization", "name": "Politico"}
    assert [author["name"] for author in data["author"]] == ["Jane Doe", "John Roe"]
    assert data["sameAs"] == "https://www.politico.com/news/antonov"
    assert data["url"].endswith(article.get_absolute_url())
    assert data["keywords"] == ["sanctions"]
    assert data["mentions"] == [{"@type": "Person", "name": "Anatoly Antonov"}]


def test_article_jsonld_cannot_be_broken_out_of_by_editor_text(client):
    article = ArticleFactory(headline="</script><script>alert(1)</script> & more")

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert jsonld(response)["headline"] == "</script><script>alert(1)</script> & more"


@pytest.mark.parametrize("state", [{"draft": True}, {"published_at": FUTURE}], ids=["draft", "scheduled"])
def test_unpublished_article_is_404_for_readers(client, state):
    article = ArticleFactory(**state)

    assert client.get(article.get_absolute_url()).status_code == 404


def test_article_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    def add(count):
        for article in ArticleFactory.create_batch(count):
            article.tags.add("sanctions", "expulsions")

    add(3)
    with django_assert_max_num_queries(LIST_QUERIES) as few:
        assert client.get(reverse("articles:list")).status_code == 200
    add(27)
    with django_assert_max_num_queries(LIST_QUERIES) as many:
        assert client.get(reverse("articles:list")).status_code == 200
    assert len(many) == len(few)


def test_article_page_query_count_does_not_grow(client, article, django_assert_max_num_queries):
    def add(count):
        for _ in range(count):
            quote = QuoteFactory()
            RoleFactory(person=quote.speaker)
            CitationFactory(quote=quote, article=article)
            CitationFactory(quote=quote)  # also reported elsewhere
            article.people.add(PersonFactory())
            EventFactory().articles.add(article)
            article.tags.add(f"tag-{article.tags.count()}")

    add(3)
    with django_assert_max_num_queries(DETAIL_QUERIES) as few:
        assert client.get(article.get_absolute_url()).status_code == 200
    add(27)
    with django_assert_max_num_queries(DETAIL_QUERIES) as many:
        assert client.get(article.get_absolute_url()).status_code == 200
    assert len(many) == len(few)


def test_lists_of_articles_read_neither_their_text_nor_the_editors_notes(client):
    """An article's body may be megabytes: only its own page reads it."""
    person = PersonFactory(slug="antonov")
    event = EventFactory(slug="summit")
    article = ArticleFactory(body="Words. " * 10_000, notes="Check the date.", headline="Long read")
    article.tags.add("sanctions")
    article.people.add(person)
    event.articles.add(article)
    CitationFactory(article=article, quote__speaker=person)

    pages = ["/", "/articles/", "/people/antonov/", "/tags/sanctions/", "/events/summit/", "/articles/feed/"]
    for url in [*pages, "/tags/sanctions/feed/"]:
        for column in ('"archive_article"."body"', '"archive_article"."notes"'):
            assert columns_read(client, url, column, expect="Long read") == [], url


def test_an_article_page_reads_the_text_of_no_other_article_reporting_its_quotes(client):
    """Its quote cards name the other outlets that reported each quote, not those articles' text."""
    quote = QuoteFactory(text="Shared words")
    shown = ArticleFactory(slug="shown", headline="The article shown", body="Its own words.")
    CitationFactory(article=shown, quote=quote)
    CitationFactory(article=ArticleFactory(body="Other words. " * 10_000, outlet__name="Kommersant"), quote=quote)

    body = columns_read(client, "/articles/shown/", '"archive_article"."body"', expect="Reported by")

    assert len(body) == 1  # the page's own article
    assert "Kommersant" in client.get("/articles/shown/").content.decode()
