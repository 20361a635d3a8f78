"""The JSON API under /api/: shapes, filters, errors, pagination, throttling, query counts, published only."""

import datetime
import json

import pytest
from django.test import Client
from rest_framework.request import Request
from rest_framework.serializers import ModelSerializer
from taggit.models import Tag

from archive import filters
from archive.api import serializers, views
from archive.citation_lists import attach_citations
from archive.dates import Precision
from archive.models import Quote
from archive.paginators import CappedPaginator
from archive.tag_lists import attach_tags
from tests import unpublished
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    EventFactory,
    OutletFactory,
    PersonAliasFactory,
    PersonFactory,
    QuoteFactory,
    RoleFactory,
)
from tests.queries import columns_read

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_quote_shape(client):
    person = PersonFactory(name="Anatoly Antonov", slug="anatoly-antonov")
    RoleFactory(person=person, title="Russian ambassador to the United States", start_date=datetime.date(2017, 8, 21))
    event = EventFactory(slug="stanford-talk-2017")
    outlet = OutletFactory(name="Politico", slug="politico")
    article = ArticleFactory(outlet=outlet, headline="Antonov speaks", url="https://politico.example/antonov/")
    quote = QuoteFactory(speaker=person, said_on=datetime.date(2017, 12, 1), event=event, language="en")
    quote.tags.add("Sanctions")
    CitationFactory(quote=quote, article=article, passage="“We are doomed to cooperate,” he said.")

    response = client.get("/api/quotes/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item["id"] == quote.pk
    assert item["url"] == f"http://testserver/quotes/{quote.pk}/"
    assert item["text"] == quote.text
    assert item["speaker"] == {
        "slug": "anatoly-antonov",
        "name": "Anatoly Antonov",
        "url": "http://testserver/people/anatoly-antonov/",
    }
    assert item["unnamed_source"] == ""
    assert item["speaker_post"]["title"] == "Russian ambassador to the United States"
    assert item["said"] == "2017-12-01"
    assert item["event"] == "stanford-talk-2017"
    assert item["kind"] == "direct"
    assert item["language"] == "en"
    assert item["tags"] == [{"slug": "sanctions", "name": "Sanctions"}]
    assert item["citations"] == [
        {
            "outlet": {"slug": "politico", "name": "Politico"},
            "headline": "Antonov speaks",
            "article_url": "https://politico.example/antonov/",
            "article": f"http://testserver/articles/{article.slug}/",
            "published": "2022-04-18",
            "passage": "“We are doomed to cooperate,” he said.",
        }
    ]
    assert client.get(f"/api/quotes/{quote.pk}/").json() == item


def test_partial_dates_are_iso_strings_at_their_precision(client):
    year = QuoteFactory(said_on=datetime.date(2017, 6, 5), said_on_precision=Precision.YEAR)
    month = QuoteFactory(said_on=datetime.date(2022, 4, 18), said_on_precision=Precision.MONTH)
    undated = QuoteFactory(said_on=None)

    said = {item["id"]: item["said"] for item in client.get("/api/quotes/").json()["results"]}

    assert said == {year.pk: "2017", month.pk: "2022-04", undated.pk: None}


def test_unnamed_source(client):
    quote = QuoteFactory(speaker=None, unnamed_source="a State Department spokesperson")

    item = client.get(f"/api/quotes/{quote.pk}/").json()

    assert item["speaker"] is None
    assert item["speaker_post"] is None
    assert item["unnamed_source"] == "a State Department spokesperson"


def test_quote_filters_are_the_quote_lists(client, antonov):
    other = PersonFactory()
    old = QuoteFactory(speaker=antonov, said_on=datetime.date(2016, 5, 1))
    in_2017 = QuoteFactory(speaker=antonov, said_on=datetime.date(2017, 12, 1), text="Sanctions will not work.")
    QuoteFactory(speaker=other, said_on=datetime.date(2017, 3, 1))
    tagged = QuoteFactory(speaker=other, said_on=datetime.date(2018, 1, 1))
    tagged.tags.add("Sanctions")
    event = EventFactory(slug="stanford-talk")
    at_event = QuoteFactory(event=event, said_on=datetime.date(2019, 1, 1))
    politico = OutletFactory(slug="politico")
    CitationFactory(quote=old, article=ArticleFactory(outlet=politico))

    assert ids(client.get("/api/quotes/?person=anatoly-antonov")) == [in_2017.pk, old.pk]
    assert ids(client.get("/api/quotes/?person=anatoly-antonov&date_after=2017&date_before=2017")) == [in_2017.pk]
    assert ids(client.get("/api/quotes/?tag=sanctions")) == [tagged.pk]
    assert ids(client.get("/api/quotes/?event=stanford-talk")) == [at_event.pk]
    assert ids(client.get("/api/quotes/?outlet=politico")) == [old.pk]
    assert ids(client.get("/api/quotes/?q=sanctions+work")) == [in_2017.pk]
    assert ids(client.get("/api/quotes/?person=anatoly-antonov&sort=date")) == [old.pk, in_2017.pk]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("date_after=2017-13", "date_after"),
        ("date_before=yesterday", "date_before"),
        ("person=nobody-at-all", "person"),
        ("tag=no-such-tag", "tag"),
        ("outlet=no-such-outlet", "outlet"),
        ("event=no-such-event", "event"),
        ("sort=sideways", "sort"),
        ("date_after=2018&date_before=2017", "non_field_errors"),
    ],
)
def test_invalid_quote_filters_answer_400_json(client, query, field):
    QuoteFactory()

    response = client.get(f"/api/quotes/?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    errors = response.json()["errors"]
    assert list(errors) == [field]
    assert all(isinstance(message, str) and message for message in errors[field])


def test_invalid_date_message_says_what_to_type(client):
    response = client.get("/api/quotes/?date_after=2017-13")

    assert response.json() == {"errors": {"date_after": ["“2017-13” is not a real date."]}}


def test_event_filters_are_the_timelines(client, antonov):
    meeting = EventFactory(kind="meeting", start_date=datetime.date(2017, 12, 1))
    meeting.people.add(antonov)
    EventFactory(kind="speech", start_date=datetime.date(2018, 1, 1))
    year_only = EventFactory(kind="meeting", start_date=datetime.date(2019, 1, 1), start_precision=Precision.YEAR)

    slugs = [item["slug"] for item in client.get("/api/events/?kind=meeting").json()["results"]]
    assert slugs == [meeting.slug, year_only.slug]
    slugs = [item["slug"] for item in client.get("/api/events/?person=anatoly-antonov").json()["results"]]
    assert slugs == [meeting.slug]
    slugs = [item["slug"] for item in client.get("/api/events/?date_after=2019&date_before=2019").json()["results"]]
    assert slugs == [year_only.slug]
    assert client.get(f"/api/events/{year_only.slug}/").json()["start"] == "2019"

    response = client.get("/api/events/?kind=picnic&date_after=soon")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"kind", "date_after"}


def test_detail_ignores_list_filters(client):
    quote = QuoteFactory(said_on=datetime.date(2017, 1, 1))

    assert client.get(f"/api/quotes/{quote.pk}/?date_after=2020").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/api/quotes/999999/",
        "/api/quotes/not-a-number/",
        "/api/people/nobody/",
        "/api/articles/no-such-article/",
        "/api/events/no-such-event/",
        "/api/outlets/no-such-outlet/",
        "/api/tags/no-such-tag/",
        "/api/no-such-endpoint/",
        "/api/quotes/?page=99",
    ],
)
def test_not_found_is_json(client, path):
    QuoteFactory()

    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_pagination_pages_of_50(client):
    QuoteFactory.create_batch(51)

    first = client.get("/api/quotes/").json()
    second = client.get(first["next"]).json()

    assert first["count"] == 51
    assert first["count_capped"] is False
    assert len(first["results"]) == 50
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/quotes/?page=2"
    assert len(second["results"]) == 1
    assert second["next"] is None
    assert {item["id"] for item in first["results"]}.isdisjoint(item["id"] for item in second["results"])
    assert len(client.get("/api/quotes/?page_size=10").json()["results"]) == 10
    assert len(client.get("/api/quotes/?page_size=100").json()["results"]) == 51


@pytest.mark.parametrize("size", ["0", "101", "1000", "-1", "abc", "5.0", " 5", "\u0665"])
def test_a_page_size_out_of_range_is_refused_with_the_range(client, size):
    QuoteFactory()

    response = client.get("/api/quotes/", {"page_size": size})

    assert response.status_code == 400
    assert response.json() == {"errors": {"page_size": ["Items per page: a whole number from 1 to 100."]}}


def test_pagination_keeps_the_filters(client, antonov):
    QuoteFactory.create_batch(51, speaker=antonov)

    body = client.get("/api/quotes/?person=anatoly-antonov").json()

    assert body["next"] == "http://testserver/api/quotes/?page=2&person=anatoly-antonov"


def test_anonymous_clients_are_throttled(client, settings):
    settings.API_ANON_THROTTLE_RATE = "3/min"

    answers = [client.get("/api/quotes/").status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
    response = client.get("/api/people/")
    assert response.status_code == 429
    assert "detail" in response.json()
    assert int(response["Retry-After"]) > 0


def test_a_forged_forwarded_for_header_gets_no_fresh_quota(client, settings):
    settings.API_ANON_THROTTLE_RATE = "3/min"

    answers = [client.get("/api/outlets/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code for n in range(5)]

    assert answers == [200, 200, 200, 429, 429]


def test_behind_a_trusted_proxy_each_forwarded_client_counts_apart(client, settings):
    settings.API_ANON_THROTTLE_RATE = "2/min"
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}

    def get(address):
        # The proxy appends the address it saw; what the client sent before it is not trusted.
        return client.get("/api/outlets/", HTTP_X_FORWARDED_FOR=f"6.6.6.6, {address}").status_code

    assert [get("203.0.113.1") for _ in range(3)] == [200, 200, 429]
    assert get("203.0.113.2") == 200


def test_throttle_rate_none_turns_it_off(client, settings):
    settings.API_ANON_THROTTLE_RATE = None

    assert {client.get("/api/tags/").status_code for _ in range(5)} == {200}


def test_api_is_read_only(client):
    quote = QuoteFactory()

    assert client.post("/api/quotes/", {"text": "x"}).status_code == 405
    assert client.delete(f"/api/quotes/{quote.pk}/").status_code == 405
    assert client.put(f"/api/quotes/{quote.pk}/", {}, content_type="application/json").status_code == 405


@pytest.mark.parametrize("method", ["get", "head", "options"])
def test_an_unknown_api_address_is_not_found_whatever_the_method(client, method):
    response = getattr(client, method)("/api/no-such-endpoint/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    if method != "head":
        assert "nothing at this address" in response.json()["detail"]


@pytest.mark.parametrize("address", ["%20{}", "{}%20", "+{}", "\uff11"])  # the last: a full-width digit one
def test_a_quote_id_written_otherwise_is_no_address(client, address):
    quote = QuoteFactory(pk=1)

    assert client.get(f"/api/quotes/{quote.pk}/").status_code == 200
    response = client.get(f"/api/quotes/{address.format(quote.pk)}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_staff_see_only_published_too(admin_client):
    draft = QuoteFactory(draft=True)

    assert admin_client.get(f"/api/quotes/{draft.pk}/").status_code == 404
    assert admin_client.get("/api/quotes/").json()["count"] == 0


def test_person_article_event_outlet_and_tag_shapes(client):
    planted = unpublished.plant()
    person = planted.published_person

    item = client.get("/api/people/anatoly-antonov/").json()
    assert item["name"] == "Anatoly Antonov"
    assert item["url"] == "http://testserver/people/anatoly-antonov/"
    assert item["aliases"] == [{"name": "Анатолий Антонов", "language": "ru"}]
    assert item["roles"] == [
        {
            "title": "Russian ambassador to the United States",
            "organization": {
                "slug": person.roles.get().organization.slug,
                "name": person.roles.get().organization.name,
            },
            "start": "2017",
            "end": None,
        }
    ]
    assert item["quotes"] == "http://testserver/api/quotes/?person=anatoly-antonov"

    article = client.get("/api/articles/antonov-at-stanford/").json()
    assert article["published"] == "2022-04-18"
    assert [p["slug"] for p in article["people"]] == ["anatoly-antonov"]
    assert article["tags"] == [{"slug": "diplomacy", "name": "Diplomacy"}]
    assert "body" not in article and "notes" not in article

    event = client.get("/api/events/stanford-talk/").json()
    assert event["start"] == "2017-12-01"
    assert event["end"] is None
    assert [p["slug"] for p in event["people"]] == ["anatoly-antonov"]

    outlet_slug = planted.published_article.outlet.slug
    outlet = client.get(f"/api/outlets/{outlet_slug}/").json()
    assert outlet["quotes"] == f"http://testserver/api/quotes/?outlet={outlet_slug}"

    tag = client.get("/api/tags/diplomacy/").json()
    assert (tag["article_count"], tag["quote_count"], tag["event_count"]) == (1, 1, 1)
    assert tag["url"] == "http://testserver/tags/diplomacy/"


@pytest.mark.parametrize("endpoint", ["quotes", "people", "articles", "events", "outlets", "tags"])
def test_every_endpoint_shows_published_only(client, endpoint):
    planted = unpublished.plant()

    response = client.get(f"/api/{endpoint}/")

    assert response.status_code == 200
    assert response.json()["count"] >= 1
    unpublished.assert_no_secrets(response.content)
    for item in response.json()["results"]:
        key = item.get("id") or item["slug"]
        detail = client.get(f"/api/{endpoint}/{key}/")
        assert detail.status_code == 200
        unpublished.assert_no_secrets(detail.content)
    hidden = {
        "quotes": [planted.draft_quote.pk, planted.scheduled_quote.pk],
        "people": [planted.draft_person.slug, planted.scheduled_person.slug],
        "articles": [planted.draft_article.slug, planted.scheduled_article.slug],
        "events": [planted.draft_event.slug, planted.scheduled_event.slug],
        "outlets": ["secret-outlet"],
        "tags": [planted.secret_tag.slug],
    }[endpoint]
    for key in hidden:
        assert client.get(f"/api/{endpoint}/{key}/").status_code == 404


def test_published_quote_hides_its_unpublished_relations(client):
    planted = unpublished.plant()
    quote = planted.published_quote

    item = client.get(f"/api/quotes/{quote.pk}/").json()
    at_draft_event = client.get("/api/quotes/?q=unannounced").json()["results"][0]

    assert [citation["headline"] for citation in item["citations"]] == ["Antonov at Stanford"]
    assert at_draft_event["event"] is None


def test_a_draft_speaker_is_named_but_not_linked(client):
    speaker = PersonFactory(name="Ivan Draftov", draft=True)
    RoleFactory(person=speaker, start_date=datetime.date(2010, 1, 1))
    quote = QuoteFactory(speaker=speaker)

    item = client.get(f"/api/quotes/{quote.pk}/").json()

    assert item["speaker"] == {"slug": None, "name": "Ivan Draftov", "url": None}
    assert item["speaker_post"] is None


def test_the_written_out_quote_shape_is_the_declared_fields(rf):
    """``QuoteSerializer.to_representation`` is written out for speed: it must give what DRF gives."""
    ambassador = PersonFactory()
    RoleFactory(person=ambassador, start_date=datetime.date(2017, 8, 21), start_precision=Precision.DAY)
    RoleFactory(person=ambassador, organization=None, start_date=datetime.date(2010, 1, 1), title="Deputy minister")
    no_outlet = ArticleFactory(outlet=None, url="", published_on=None)
    tagged = QuoteFactory(speaker=ambassador, event=EventFactory(), original_text="Мы обречены", original_language="ru")
    tagged.tags.add("Sanctions", "arms control")
    CitationFactory(quote=tagged)
    CitationFactory(quote=tagged, article=no_outlet)
    QuoteFactory(speaker=ambassador, said_on=datetime.date(2012, 3, 1), said_on_precision=Precision.MONTH)
    QuoteFactory(speaker=PersonFactory(draft=True), event=EventFactory(draft=True), said_on=None)
    QuoteFactory(speaker=None, unnamed_source="a State Department spokesperson", kind=Quote.Kind.PARAPHRASE)
    request = Request(rf.get("/api/quotes/"))
    serializer = serializers.QuoteSerializer(context={"request": request})

    quotes = attach_tags(Quote.objects.published().with_speaker().select_related("event").order_by("pk"))
    quotes = attach_citations(quotes, serializers.NESTED_LIMIT + 1)

    assert len(quotes) == 4
    for quote in quotes:
        written_out = serializer.to_representation(quote)
        declared = ModelSerializer.to_representation(serializer, quote)
        assert list(written_out) == list(declared)
        assert json.loads(json.dumps(written_out)) == json.loads(json.dumps(declared))


@pytest.mark.parametrize("name", ["person", "article", "event"])
def test_the_written_out_shapes_of_people_articles_and_events_are_the_declared_fields(rf, name):
    """As the quotes': each list's items, read as the API reads them, give what DRF's fields give."""
    ambassador = PersonFactory(country="RU", wikidata_id="Q4124")
    PersonAliasFactory(person=ambassador, name="Антонов", language="ru")
    RoleFactory(person=ambassador, end_date=datetime.date(2024, 10, 1), end_precision=Precision.MONTH)
    RoleFactory(person=ambassador, organization=None, start_date=None, title="Deputy minister")
    PersonFactory(draft=True, name="Ivan Draftov")
    crowd = [PersonFactory() for _ in range(serializers.NESTED_LIMIT + 1)]
    article = ArticleFactory(authors="A. Writer", translator="T. Ranslator", dek="A dek.", language="en")
    article.people.add(ambassador, *crowd)
    article.tags.add("Sanctions", "arms control")
    ArticleFactory(outlet=None, url="", published_on=None).people.add(ambassador)
    event = EventFactory(end_date=datetime.date(2017, 12, 3), location="Moscow", description="Talks.")
    event.people.add(ambassador, *crowd, PersonFactory(draft=True))
    event.tags.add("Summit")
    EventFactory(start_precision=Precision.MONTH)
    view = {"person": views.PersonViewSet, "article": views.ArticleViewSet, "event": views.EventViewSet}[name]()
    view.request = Request(rf.get(f"/api/{name}s/"))
    view.action, view.format_kwarg = "list", None
    serializer = view.get_serializer()

    items = view.attach(view.get_queryset())

    assert len(items) >= 2
    for item in items:
        written_out = serializer.to_representation(item)
        declared = ModelSerializer.to_representation(serializer, item)
        assert list(written_out) == list(declared)
        assert json.loads(json.dumps(written_out)) == json.loads(json.dumps(declared))


def test_filters_resolve_published_objects_only(client):
    planted = unpublished.plant()

    assert client.get(f"/api/quotes/?person={planted.draft_person.slug}").status_code == 400
    assert client.get(f"/api/quotes/?event={planted.draft_event.slug}").status_code == 400


def make_quotes(count):
    tag, _ = Tag.objects.get_or_create(name="Sanctions", slug="sanctions")
    for _ in range(count):
        person = PersonFactory()
        RoleFactory(person=person)
        quote = QuoteFactory(speaker=person, event=EventFactory())
        quote.tags.add(tag)
        CitationFactory(quote=quote)
        CitationFactory(quote=quote, article=ArticleFactory(draft=True))


def make_people(count):
    for _ in range(count):
        person = PersonFactory()
        RoleFactory(person=person)
        unpublished.PersonAliasFactory(person=person)


def make_articles(count):
    for _ in range(count):
        article = ArticleFactory()
        article.tags.add("Sanctions")
        article.people.add(PersonFactory(), PersonFactory(draft=True))


def make_events(count):
    for _ in range(count):
        event = EventFactory()
        event.tags.add("Sanctions")
        event.people.add(PersonFactory())


def make_outlets(count):
    for _ in range(count):
        ArticleFactory(outlet=OutletFactory())


def make_tags(count):
    first = Tag.objects.count()
    for number in range(first, first + count):
        QuoteFactory().tags.add(f"Tag {number}")


# Queries for one page, whatever its length. Quotes: count, quotes with speaker and event,
# the speakers' roles with organizations, published citations with articles and outlets, tags.
def test_a_long_list_is_counted_up_to_the_cap(client, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 60)
    QuoteFactory.create_batch(61)

    first = client.get("/api/quotes/").json()
    second = client.get(first["next"]).json()

    assert (first["count"], first["count_capped"]) == (60, True)
    assert len(second["results"]) == 10
    assert second["next"] is None
    assert client.get("/api/quotes/?page=3").status_code == 404


def test_the_schema_documents_the_capped_count(client):
    page = client.get("/api/schema/?format=json").json()["components"]["schemas"]["PaginatedQuoteList"]

    assert page["required"] == ["count", "count_capped", "results"]
    assert page["properties"]["count_capped"]["type"] == "boolean"
    assert "10,000" in page["properties"]["count"]["description"]


def test_a_common_tag_is_counted_a_page_at_a_time(client, monkeypatch):
    monkeypatch.setattr(filters, "FEW", -1)
    for quote in QuoteFactory.create_batch(55):
        quote.tags.add("Sanctions")
    QuoteFactory(draft=True).tags.add("Sanctions")

    first = client.get("/api/quotes/?tag=sanctions").json()
    second = client.get(first["next"]).json()

    assert (first["count"], first["count_capped"], len(first["results"])) == (50, True, 50)
    assert (second["count"], second["count_capped"], len(second["results"])) == (55, False, 5)
    assert all(item["tags"] == [{"slug": "sanctions", "name": "Sanctions"}] for item in second["results"])


QUERIES = {
    "quotes": (make_quotes, 5),
    "people": (make_people, 4),  # count, people, aliases, roles with organizations
    "articles": (make_articles, 4),  # count, articles with outlets, tags, published people
    "events": (make_events, 4),  # count, events, tags, published people
    "outlets": (make_outlets, 2),  # count, outlets
    "tags": (make_tags, 2),  # count, tags with their published counts
}


@pytest.mark.parametrize("endpoint", ["quotes", "people", "articles", "events"])
def test_lists_read_no_article_text_and_no_timestamps(client, endpoint):
    """The API shows neither: an article's text may be megabytes; SQLite's driver parses each timestamp in Python."""
    make, _ = QUERIES[endpoint]
    make(3)
    tables = ["archive_quote", "archive_article", "archive_outlet", "archive_event", "people_person"]
    tables += ["people_organization"]
    columns = ['"archive_article"."body"', *(f'"{table}"."updated_at"' for table in tables)]

    for url in [f"/api/{endpoint}/", f"/api/{endpoint}/?page_size=100"]:
        for column in columns:
            assert columns_read(client, url, column) == [], (url, column)


@pytest.mark.parametrize("endpoint", list(QUERIES))
def test_query_count_is_the_same_for_3_and_30_items(client, endpoint, django_assert_num_queries):
    make, queries = QUERIES[endpoint]

    make(3)
    with django_assert_num_queries(queries):
        assert len(client.get(f"/api/{endpoint}/").json()["results"]) == 3
    make(27)
    with django_assert_num_queries(queries):
        assert len(client.get(f"/api/{endpoint}/").json()["results"]) == 30


def test_filtered_quote_list_query_count(client, antonov, django_assert_num_queries):
    for _ in range(30):
        QuoteFactory(speaker=antonov).tags.add("Sanctions")

    # The person and the tag are looked up once each to validate the filters.
    with django_assert_num_queries(7):
        assert client.get("/api/quotes/?person=anatoly-antonov&tag=sanctions").json()["count"] == 30


def test_docs_are_served_without_a_cdn(client):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower()
    # Swagger UI's setup is a script file of its own (the Content-Security-Policy runs no inline script).
    assert '<script src="/api/docs/?script="></script>' in html
    script = client.get("/api/docs/?script=").content.decode()
    assert "/api/schema/" in script
    redoc = client.get("/api/docs/redoc/").content.decode()
    assert "/api/schema/" in redoc
    assert "googleapis" not in redoc


@pytest.mark.parametrize("url", ["/api/docs/", "/api/docs/redoc/"])
def test_docs_pages_answer_only_get_and_head(url):
    client = Client(raise_request_exception=False)

    assert client.head(url).status_code == 200
    for method in (client.options, client.post):
        response = method(url, HTTP_ACCEPT="text/html")
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"


def test_api_root_lists_the_endpoints(client):
    body = client.get("/api/").json()

    assert set(body) == {"quotes", "people", "articles", "events", "outlets", "tags"}


def test_a_path_without_its_slash_is_redirected(client):
    response = client.get("/api/quotes?person=anatoly-antonov")

    assert response.status_code == 301
    assert response["Location"] == "/api/quotes/?person=anatoly-antonov"


def test_an_unknown_api_address_with_a_newline_answers_json_404(client):
    response = client.get("/api/events/no%0Asuch/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
