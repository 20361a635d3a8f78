"""
The API's nested lists: an article's or event's people and a quote's citations list the first
50 in each item, and link to all of them, a page at a time, when there are more.
"""

import datetime

import pytest
from django.core.cache import cache

from archive.api.serializers import NESTED_LIMIT
from tests.factories import ArticleFactory, CitationFactory, EventFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_throttle(settings):
    settings.API_ANON_THROTTLE_RATE = None
    cache.clear()


def people(count):
    # Names in reverse order of creation, so that the first listed are not simply the first made.
    return [PersonFactory(name=f"Person {count - number:03d}") for number in range(count)]


def all_pages(client, url):
    items = []
    while url:
        body = client.get(url).json()
        items += body["results"]
        url = body["next"]
    return items


@pytest.mark.parametrize("kind", ["article", "event"])
def test_more_people_than_an_item_lists_are_a_link_away(client, kind):
    factory = ArticleFactory if kind == "article" else EventFactory
    crowded, small = factory(slug="crowded"), factory(slug="small")
    everyone = people(NESTED_LIMIT + 11)
    crowded.people.add(*everyone, PersonFactory(name="Aaron Draft", draft=True))
    small.people.add(*everyone[:NESTED_LIMIT])

    body = client.get(f"/api/{kind}s/crowded/").json()
    names = [person["name"] for person in body["people"]]
    assert names == sorted(person.name for person in everyone)[:NESTED_LIMIT]
    assert body["more_people"] == f"http://testserver/api/people/?{kind}=crowded"
    linked = all_pages(client, body["more_people"])
    assert sorted(person["name"] for person in linked) == sorted(person.name for person in everyone)

    body = client.get(f"/api/{kind}s/small/").json()
    assert len(body["people"]) == NESTED_LIMIT
    assert body["more_people"] is None
    # The list's items say the same as the item's own page.
    listed = {item["slug"]: item for item in all_pages(client, f"/api/{kind}s/")}
    assert listed["crowded"]["more_people"] == f"http://testserver/api/people/?{kind}=crowded"
    assert len(listed["crowded"]["people"]) == NESTED_LIMIT


def test_more_citations_than_a_quote_lists_are_a_link_away(client):
    quote = QuoteFactory()
    day = datetime.date(2017, 1, 1)
    for number in range(NESTED_LIMIT + 5):
        CitationFactory(quote=quote, article=ArticleFactory(published_on=day + datetime.timedelta(days=number)))
    CitationFactory(quote=quote, article=ArticleFactory(draft=True, headline="Not yet out"))

    body = client.get(f"/api/quotes/{quote.pk}/").json()
    assert [citation["published"] for citation in body["citations"]] == [
        (day + datetime.timedelta(days=number)).isoformat() for number in range(NESTED_LIMIT)
    ]
    assert body["more_citations"] == f"http://testserver/api/quotes/{quote.pk}/citations/"

    page = client.get(body["more_citations"]).json()
    assert page["count"] == NESTED_LIMIT + 5
    citations = all_pages(client, body["more_citations"])
    assert [citation["published"] for citation in citations] == [
        (day + datetime.timedelta(days=number)).isoformat() for number in range(NESTED_LIMIT + 5)
    ]
    assert "Not yet out" not in str(citations)
    assert client.get("/api/quotes/").json()["results"][0]["more_citations"] == body["more_citations"]


def test_citations_are_oldest_first_with_undated_reports_last(client):
    quote = QuoteFactory()
    CitationFactory(quote=quote, article=ArticleFactory(published_on=None, headline="Undated"))
    CitationFactory(quote=quote, article=ArticleFactory(published_on=datetime.date(2017, 2, 1), headline="Later"))
    CitationFactory(quote=quote, article=ArticleFactory(published_on=datetime.date(2017, 1, 1), headline="Earlier"))

    nested = client.get(f"/api/quotes/{quote.pk}/").json()["citations"]
    listed = client.get(f"/api/quotes/{quote.pk}/citations/").json()["results"]

    assert [citation["headline"] for citation in nested] == ["Earlier", "Later", "Undated"]
    assert [citation["headline"] for citation in listed] == ["Earlier", "Later", "Undated"]


def test_each_quote_of_a_list_page_lists_its_own_citations(client):
    """The page's citations are read for all its quotes at once, and each keeps its own, in order."""
    first, second = QuoteFactory(), QuoteFactory()
    shared = ArticleFactory(published_on=datetime.date(2017, 3, 1), headline="Both")
    for quote, headlines in ((first, ["One", "Two"]), (second, ["Three"])):
        for month, headline in enumerate(headlines, start=1):
            CitationFactory(
                quote=quote, article=ArticleFactory(published_on=datetime.date(2017, month, 1), headline=headline)
            )
        CitationFactory(quote=quote, article=shared)
    CitationFactory(quote=second, article=ArticleFactory(draft=True, headline="Not yet out"))

    listed = {item["id"]: item for item in client.get("/api/quotes/").json()["results"]}

    assert [citation["headline"] for citation in listed[first.pk]["citations"]] == ["One", "Two", "Both"]
    assert [citation["headline"] for citation in listed[second.pk]["citations"]] == ["Three", "Both"]
    assert listed[first.pk]["more_citations"] is None and listed[second.pk]["more_citations"] is None


def test_a_quote_with_few_citations_lists_them_all(client):
    quote = CitationFactory().quote

    body = client.get(f"/api/quotes/{quote.pk}/").json()

    assert len(body["citations"]) == 1
    assert body["more_citations"] is None


def test_citations_of_a_quote_readers_cannot_see_are_not_found(client):
    draft = CitationFactory(quote=QuoteFactory(draft=True)).quote

    for url in [f"/api/quotes/{draft.pk}/citations/", "/api/quotes/999999/citations/", "/api/quotes/x/citations/"]:
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize(
    "query",
    ["article=no-such-article", "event=no-such-event", "article=draft-story"],
)
def test_people_filters_name_what_they_cannot_find(client, query):
    ArticleFactory(slug="draft-story", draft=True)

    response = client.get(f"/api/people/?{query}")

    assert response.status_code == 400
    name = query.split("=")[0]
    assert "is no" in response.json()["errors"][name][0]


@pytest.mark.parametrize("count", [3, 30])
def test_the_linked_lists_run_the_same_queries_whatever_their_length(client, count, django_assert_num_queries):
    article = ArticleFactory(slug="story")
    article.people.add(*people(count))
    quote = QuoteFactory()
    for _ in range(count):
        CitationFactory(quote=quote)

    # The article; the count and the page's ids; the rows, their aliases and posts.
    with django_assert_num_queries(5):
        assert len(client.get("/api/people/?article=story").json()["results"]) == count
    # The quote; the count; the page.
    with django_assert_num_queries(3):
        assert len(client.get(f"/api/quotes/{quote.pk}/citations/").json()["results"]) == count
