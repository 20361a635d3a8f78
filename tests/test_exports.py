"""
Exports read back by real consumers: CSV through the csv module, Popolo through jsonschema
against the Popolo 1.0 schemas, TimelineJS as JSON; plus sitemap.xml, robots.txt and the
"Export / feeds" links on the list pages. Every export shows published content only.
"""

import csv
import datetime
import io
import json
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from django.conf import settings

from archive.api.throttling import ScopedRateThrottle
from archive.dates import Precision
from archive.exports import popolo as popolo_export
from archive.exports import quotes as quotes_export
from archive.exports import timelinejs as timelinejs_export
from tests import unpublished
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    EventFactory,
    OrganizationFactory,
    OutletFactory,
    PersonAliasFactory,
    PersonFactory,
    QuoteFactory,
    RoleFactory,
)

pytestmark = pytest.mark.django_db

POPOLO_SCHEMAS = Path(settings.BASE_DIR).parent / "shared" / "popolo-schemas"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def read_csv(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


# Quotes as CSV


def test_csv_has_the_documented_columns_and_one_row_per_quote(client, antonov):
    RoleFactory(person=antonov)
    event = EventFactory(slug="stanford-talk")
    quote = QuoteFactory(
        speaker=antonov,
        text='He said "no", twice,\nthen left.',
        said_on=datetime.date(2017, 4, 18),
        said_on_precision=Precision.MONTH,
        event=event,
        kind="partial",
        language="en",
    )
    quote.tags.add("Sanctions", "Diplomacy")
    CitationFactory(quote=quote, article=ArticleFactory(outlet=OutletFactory(name="Politico")))
    CitationFactory(quote=quote, article=ArticleFactory(outlet=OutletFactory(name="Raw Story")))
    unnamed = QuoteFactory(speaker=None, unnamed_source="a State Department spokesperson", said_on=None)

    response = client.get("/quotes/export.csv")
    rows = read_csv(response)

    assert response["Content-Disposition"] == 'attachment; filename="embassy-row-quotes.csv"'
    assert list(rows[0]) == quotes_export.COLUMNS
    assert list(rows[0]) == [
        *("id", "text", "speaker", "speaker_slug", "unnamed_source", "said", "precision"),
        *("kind", "language", "event", "tags", "outlets", "url"),
    ]
    assert len(rows) == 2
    row = rows[0]
    assert row == {
        "id": str(quote.pk),
        "text": 'He said "no", twice,\nthen left.',
        "speaker": "Anatoly Antonov",
        "speaker_slug": "anatoly-antonov",
        "unnamed_source": "",
        "said": "2017-04",
        "precision": "month",
        "kind": "partial",
        "language": "en",
        "event": "stanford-talk",
        "tags": "Diplomacy; Sanctions",
        "outlets": "Politico; Raw Story",
        "url": f"http://testserver/quotes/{quote.pk}/",
    }
    assert rows[1]["id"] == str(unnamed.pk)
    assert (rows[1]["speaker"], rows[1]["unnamed_source"]) == ("", "a State Department spokesperson")
    assert (rows[1]["said"], rows[1]["precision"]) == ("", "")


@pytest.mark.parametrize(
    "query",
    [
        "",
        "person=anatoly-antonov",
        "person=anatoly-antonov&date_after=2017&date_before=2017",
        "tag=sanctions",
        "outlet=politico",
        "q=doomed",
        "sort=date",
    ],
)
def test_csv_rows_are_exactly_the_filtered_published_quotes(client, query):
    planted = unpublished.plant()  # Antonov's published quotes, drafts and scheduled ones
    antonov = planted.published_person
    QuoteFactory(speaker=antonov, said_on=datetime.date(2018, 1, 1)).tags.add("Sanctions")
    CitationFactory(
        quote=QuoteFactory(said_on=datetime.date(2017, 2, 1)),
        article=ArticleFactory(outlet=OutletFactory(slug="politico")),
    )
    CitationFactory(quote=planted.draft_quote, article=ArticleFactory(outlet=OutletFactory(slug="other")))

    rows = read_csv(client.get(f"/quotes/export.csv?{query}"))
    listed = []
    page = f"/api/quotes/?{query}&page_size=100"
    while page:
        body = client.get(page).json()
        listed += [item["id"] for item in body["results"]]
        page = body["next"]

    assert [int(row["id"]) for row in rows] == listed
    assert len(listed) >= 1
    unpublished.assert_no_secrets("".join(row["text"] + row["outlets"] + row["event"] for row in rows))


def test_csv_excludes_drafts_scheduled_and_citations_from_unpublished_articles(client):
    planted = unpublished.plant()

    response = client.get("/quotes/export.csv")
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text, newline="")))

    unpublished.assert_no_secrets(text)
    ids = {int(row["id"]) for row in rows}
    assert planted.published_quote.pk in ids
    assert planted.draft_quote.pk not in ids and planted.scheduled_quote.pk not in ids
    published_row = next(row for row in rows if int(row["id"]) == planted.published_quote.pk)
    assert published_row["outlets"] == planted.published_article.outlet.name
    at_draft_event = next(row for row in rows if row["text"] == "Said at an unannounced meeting.")
    assert at_draft_event["event"] == ""


@pytest.mark.parametrize(
    "query", ["date_after=2017-13", "person=nobody-at-all", "tag=nope", "date_after=2018&date_before=2017"]
)
def test_csv_with_invalid_filters_is_400_text(client, query):
    response = client.get(f"/quotes/export.csv?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "invalid" in response.content.decode()


def test_csv_is_streamed_in_chunks_with_constant_queries_per_chunk(client, monkeypatch, django_assert_num_queries):
    """Nothing is read until the stream is; then one query for the rows and three per chunk."""
    monkeypatch.setattr(quotes_export, "CHUNK_SIZE", 10)
    for number in range(25):
        quote = QuoteFactory(speaker=PersonFactory())
        RoleFactory(person=quote.speaker)
        quote.tags.add(f"Tag {number % 3}")
        CitationFactory(quote=quote)

    with django_assert_num_queries(0):
        response = client.get("/quotes/export.csv")
    # three chunks (10, 10, 5): the rows once, then roles, citations and tags per chunk
    with django_assert_num_queries(1 + 3 * 3):
        lines = list(response.streaming_content)

    assert len(lines) == 26


# People as Popolo JSON


def popolo_registry():
    from referencing import Registry, Resource

    resources = []
    for path in sorted(POPOLO_SCHEMAS.glob("*.json")):
        contents = json.loads(path.read_text())
        resources.append((contents["id"].rstrip("#"), Resource.from_contents(contents)))
    return Registry().with_resources(resources)


@pytest.fixture
def popolo(client):
    planted = unpublished.plant()
    antonov = planted.published_person
    antonov.wikidata_id = "Q4145034"
    antonov.save()
    role = antonov.roles.get()
    role.end_date, role.end_precision = datetime.date(2024, 10, 1), Precision.MONTH
    role.save()
    RoleFactory(person=antonov, title="Deputy Minister of Defence", organization=None, start_date=None)
    lavrov = PersonFactory(name="Sergey Lavrov", slug="sergey-lavrov")
    RoleFactory(
        person=lavrov,
        title="Minister of Foreign Affairs",
        organization=OrganizationFactory(name="Ministry of Foreign Affairs", wikidata_id="Q1141093"),
        start_date=datetime.date(2004, 3, 9),
        start_precision=Precision.DAY,
    )
    PersonAliasFactory(person=lavrov, name="Sergei Lavrov", language="")

    response = client.get("/people/export.popolo.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return read_stream(response)


def read_stream(response):
    """A streamed response's body, read whole: ``content``, and ``json()`` to parse it."""
    content = b"".join(response.streaming_content)
    return SimpleNamespace(content=content, json=lambda: json.loads(content))


def test_popolo_structure(popolo):
    data = popolo.json()

    assert set(data) == {"persons", "organizations", "memberships"}
    antonov, lavrov = data["persons"]
    assert antonov == {
        "id": "person/anatoly-antonov",
        "name": "Anatoly Antonov",
        "sort_name": "Antonov, Anatoly",
        "summary": "Diplomat",
        "other_names": [{"name": "Анатолий Антонов", "note": "Alias name, language: ru", "lang": "ru"}],
        "identifiers": [{"identifier": "Q4145034", "scheme": "wikidata"}],
        "links": [{"url": "http://testserver/people/anatoly-antonov/", "note": "Profile in Embassy Row"}],
    }
    assert lavrov["other_names"] == [{"name": "Sergei Lavrov", "note": "Alias name"}]
    organizations = {organization["name"]: organization for organization in data["organizations"]}
    assert organizations["Ministry of Foreign Affairs"]["identifiers"] == [
        {"identifier": "Q1141093", "scheme": "wikidata"}
    ]
    memberships = {membership["role"]: membership for membership in data["memberships"]}
    ambassador = memberships["Russian ambassador to the United States"]
    assert ambassador["person_id"] == "person/anatoly-antonov"
    assert ambassador["organization_id"] in {organization["id"] for organization in data["organizations"]}
    assert (ambassador["start_date"], ambassador["end_date"]) == ("2017", "2024-10")
    assert memberships["Minister of Foreign Affairs"]["start_date"] == "2004-03-09"
    deputy = memberships["Deputy Minister of Defence"]
    assert "organization_id" not in deputy and "start_date" not in deputy
    person_ids = {person["id"] for person in data["persons"]}
    assert all(membership["person_id"] in person_ids for membership in data["memberships"])


def test_popolo_publishes_published_people_only(popolo):
    unpublished.assert_no_secrets(popolo.content)


def test_popolo_validates_against_the_popolo_schemas(popolo):
    if not POPOLO_SCHEMAS.is_dir():
        pytest.skip(f"The Popolo 1.0 schemas are not at {POPOLO_SCHEMAS} (shared/popolo-schemas beside the repo)")
    from jsonschema import Draft3Validator

    registry = popolo_registry()
    data = popolo.json()
    for key, schema_name in [("persons", "person"), ("organizations", "organization"), ("memberships", "membership")]:
        schema = registry.contents(f"http://www.popoloproject.com/schemas/{schema_name}.json")
        validator = Draft3Validator(schema, registry=registry)
        assert data[key]
        for item in data[key]:
            errors = [error.message for error in validator.iter_errors(item)]
            assert errors == [], (key, item)


def test_popolo_schema_validation_catches_a_bad_date():
    """The validator used above is not vacuous: a day-first date breaks the membership schema."""
    if not POPOLO_SCHEMAS.is_dir():
        pytest.skip(f"The Popolo 1.0 schemas are not at {POPOLO_SCHEMAS}")
    from jsonschema import Draft3Validator

    registry = popolo_registry()
    schema = registry.contents("http://www.popoloproject.com/schemas/membership.json")
    validator = Draft3Validator(schema, registry=registry)

    assert not validator.is_valid({"start_date": "18/04/2017"})
    assert not validator.is_valid({"person": {"other_names": [{"name": 5}]}})  # through a $ref
    assert validator.is_valid({"start_date": "2017-04"})


def test_popolo_is_streamed_in_chunks_with_constant_queries_per_chunk(client, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(popolo_export, "CHUNK_SIZE", 10)
    for number in range(25):
        person = PersonFactory(name=f"Person {number:02}")
        RoleFactory(person=person, title=f"Post {number:02}")
        PersonAliasFactory(person=person)

    with django_assert_num_queries(0):
        response = client.get("/people/export.popolo.json")
    # the people once, their aliases per chunk of 10, 10 and 5; then organizations, then posts
    with django_assert_num_queries(1 + 3 + 1 + 1):
        data = read_stream(response).json()

    assert [person["name"] for person in data["persons"]] == [f"Person {number:02}" for number in range(25)]
    assert all(len(person["other_names"]) == 1 for person in data["persons"])
    assert [membership["role"] for membership in data["memberships"]] == [f"Post {number:02}" for number in range(25)]
    assert len(data["organizations"]) == 25


# Events as TimelineJS JSON


def test_timelinejs_shape_and_partial_dates(client):
    EventFactory(
        title="Arrival", slug="arrival", kind="arrival", start_date=datetime.date(2017, 8, 21), location="Washington"
    )
    EventFactory(
        title="Talks",
        slug="talks",
        start_date=datetime.date(2018, 3, 1),
        start_precision=Precision.MONTH,
        end_date=datetime.date(2019, 1, 1),
        end_precision=Precision.YEAR,
    )
    EventFactory(
        title="Expulsions",
        slug="expulsions",
        kind="expulsion",
        start_date=datetime.date(2016, 1, 1),
        start_precision=Precision.YEAR,
    )

    response = client.get("/timeline/export.json")
    data = response.json()

    assert response.status_code == 200
    assert data["title"]["text"]["headline"] == "Embassy Row: timeline"
    events = {event["unique_id"]: event for event in data["events"]}
    assert [event["unique_id"] for event in data["events"]] == ["expulsions", "arrival", "talks"]
    assert events["expulsions"]["start_date"] == {"year": 2016}
    assert events["expulsions"]["group"] == "Expulsion"
    assert "end_date" not in events["expulsions"]
    assert events["arrival"]["start_date"] == {"year": 2017, "month": 8, "day": 21}
    assert events["talks"]["start_date"] == {"year": 2018, "month": 3}
    assert events["talks"]["end_date"] == {"year": 2019}
    assert events["arrival"]["text"]["headline"] == "Arrival"
    assert "21 August 2017 · Washington" in events["arrival"]["text"]["text"]
    assert 'href="http://testserver/events/arrival/"' in events["arrival"]["text"]["text"]


def test_timelinejs_text_is_escaped(client):
    EventFactory(title="<img src=x onerror=alert(1)>", description="<script>alert(1)</script>\n\n<b>bold</b>")

    slide = client.get("/timeline/export.json").json()["events"][0]

    assert slide["text"]["headline"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert "<script>" not in slide["text"]["text"] and "<b>" not in slide["text"]["text"]
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>" in slide["text"]["text"]


def test_timelinejs_honours_the_timeline_filters(client, antonov):
    meeting = EventFactory(kind="meeting", start_date=datetime.date(2017, 12, 1))
    meeting.people.add(antonov)
    EventFactory(kind="speech", start_date=datetime.date(2017, 6, 1))
    EventFactory(kind="meeting", start_date=datetime.date(2019, 6, 1))

    data = client.get("/timeline/export.json?person=anatoly-antonov&kind=meeting&date_before=2018").json()

    assert [event["unique_id"] for event in data["events"]] == [meeting.slug]
    # The title names the filters, as a filtered feed's does.
    assert data["title"]["text"]["headline"] == (
        "Embassy Row: timeline (person: Anatoly Antonov; kind: Meeting; until: 2018)"
    )


@pytest.mark.parametrize(
    "query", ["kind=picnic", "date_after=yesterday", "person=nobody", "date_after=2019&date_before=2017"]
)
def test_timelinejs_with_invalid_filters_is_400_json(client, query):
    response = client.get(f"/timeline/export.json?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"]


def test_timelinejs_is_paged_with_links_that_keep_the_filters(client, monkeypatch):
    monkeypatch.setattr(timelinejs_export, "PAGE_SIZE", 2)
    for day in range(1, 6):
        EventFactory(slug=f"meeting-{day}", kind="meeting", start_date=datetime.date(2017, 12, day))
    EventFactory(slug="speech", kind="speech", start_date=datetime.date(2017, 12, 3))

    first = client.get("/timeline/export.json?kind=meeting")
    last = client.get("/timeline/export.json?kind=meeting&page=3")

    assert [event["unique_id"] for event in first.json()["events"]] == ["meeting-1", "meeting-2"]
    assert first["Link"] == '<http://testserver/timeline/export.json?kind=meeting&page=2>; rel="next"'
    assert "1–2 of 5" in first.json()["title"]["text"]["text"]
    assert [event["unique_id"] for event in last.json()["events"]] == ["meeting-5"]
    assert last["Link"] == '<http://testserver/timeline/export.json?kind=meeting&page=2>; rel="prev"'


@pytest.mark.parametrize(
    ("number", "status"),
    [("0", 400), ("000", 400), ("٠", 400), ("two", 400), ("-1", 400), ("²", 400), ("4", 404), ("9" * 4400, 404)],
    ids=["0", "000", "arabic-indic 0", "two", "-1", "²", "4", "4400 digits"],
)
def test_timelinejs_page_out_of_range_is_a_json_error(client, monkeypatch, number, status):
    monkeypatch.setattr(timelinejs_export, "PAGE_SIZE", 2)
    for day in range(1, 6):
        EventFactory(start_date=datetime.date(2017, 12, day))

    response = client.get(f"/timeline/export.json?page={number}")

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"]["page"]


def test_timelinejs_one_page_has_no_links(client):
    EventFactory()

    response = client.get("/timeline/export.json")

    assert "Link" not in response
    assert len(response.json()["events"]) == 1


def test_timelinejs_shows_published_events_only(client):
    planted = unpublished.plant()

    response = client.get("/timeline/export.json")

    unpublished.assert_no_secrets(response.content)
    assert [event["unique_id"] for event in response.json()["events"]] == [planted.published_event.slug]


# sitemap.xml and robots.txt


def sitemap_locations(client, path):
    response = client.get(path)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return [element.text for element in root.iterfind(".//sm:loc", SITEMAP_NS)]


def test_sitemap_lists_published_content_only(client):
    planted = unpublished.plant()

    sections = sitemap_locations(client, "/sitemap.xml")
    locations = [location for section in sections for location in sitemap_locations(client, section)]

    assert sections == [
        f"http://testserver/sitemap-{name}.xml" for name in ["pages", "articles", "people", "quotes", "events", "tags"]
    ]
    assert "http://testserver/" in locations
    assert "http://testserver/quotes/" in locations
    assert f"http://testserver/articles/{planted.published_article.slug}/" in locations
    assert "http://testserver/people/anatoly-antonov/" in locations
    assert f"http://testserver/quotes/{planted.published_quote.pk}/" in locations
    assert f"http://testserver/events/{planted.published_event.slug}/" in locations
    assert "http://testserver/tags/diplomacy/" in locations
    assert f"http://testserver/quotes/{planted.draft_quote.pk}/" not in locations
    assert f"http://testserver/quotes/{planted.scheduled_quote.pk}/" not in locations
    unpublished.assert_no_secrets("\n".join(locations))


@pytest.mark.parametrize(
    "url", ["/robots.txt", "/quotes/export.csv", "/people/export.popolo.json", "/timeline/export.json"]
)
def test_exports_answer_head_as_they_answer_get(client, url):
    QuoteFactory()
    get, head = client.get(url), client.head(url)

    assert head.status_code == get.status_code == 200
    assert head["Content-Type"] == get["Content-Type"]


@pytest.mark.parametrize("url", ["/quotes/export.csv", "/people/export.popolo.json", "/timeline/export.json"])
def test_exports_have_a_rate_limit_of_their_own(client, settings, url):
    settings.API_ANON_THROTTLE_RATE = "2/min"
    assert client.get("/api/outlets/").status_code == 200  # the API's requests count apart

    answers = [client.get(url, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code for n in range(3)]

    assert answers == [200, 200, 429]
    response = client.get(url)
    assert response.status_code == 429
    seconds = int(response["Retry-After"])
    assert seconds > 0
    message = f"Too many requests: try again in {seconds} second{'s' if seconds > 1 else ''}."
    if url.endswith(".json"):  # said as the JSON exports' other errors, and the API's 429, are
        assert response.json() == {"detail": message}
    else:
        assert response.content.decode() == f"{message}\n"
    assert client.get("/api/outlets/").status_code == 200


def test_robots_txt(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[:3] == ["User-agent: *", "Disallow: /admin/", "Allow: /"]
    assert "Sitemap: http://testserver/sitemap.xml" in lines


# The "Export / feeds" links on the list pages


def test_quote_list_links_its_exports_with_the_filters(client, antonov):
    QuoteFactory(speaker=antonov, said_on=datetime.date(2017, 5, 1))

    html = client.get("/quotes/?person=anatoly-antonov&date_after=2017&page=1").content.decode()

    query = "person=anatoly-antonov&amp;date_after=2017"
    assert f'href="/quotes/export.csv?{query}"' in html
    assert f'href="/quotes/feed/?{query}"' in html
    assert f'href="/api/quotes/?{query}"' in html


def test_quote_list_with_invalid_filters_has_no_export_links(client):
    html = client.get("/quotes/?date_after=2017-13").content.decode()

    assert "/quotes/export.csv" not in html


def test_timeline_person_and_tag_pages_link_their_exports(client, antonov):
    event = EventFactory(kind="meeting")
    event.tags.add("Sanctions")
    QuoteFactory(speaker=antonov)

    timeline = client.get("/timeline/?kind=meeting").content.decode()
    person = client.get("/people/anatoly-antonov/?date_after=2017").content.decode()
    tag = client.get("/tags/sanctions/").content.decode()

    assert 'href="/timeline/export.json?kind=meeting"' in timeline
    assert 'href="/api/events/?kind=meeting"' in timeline
    assert 'href="/quotes/feed/?date_after=2017&amp;person=anatoly-antonov" type="application/atom+xml"' in person
    assert 'href="/quotes/export.csv?date_after=2017&amp;person=anatoly-antonov"' in person
    undated = client.get("/people/anatoly-antonov/").content.decode()
    assert 'href="/people/anatoly-antonov/feed/" type="application/atom+xml"' in undated
    assert 'href="/people/export.popolo.json"' in person
    assert 'href="/tags/sanctions/feed/"' in tag
    assert 'href="/quotes/export.csv?tag=sanctions"' in tag


def test_the_article_people_and_tag_lists_link_their_feed_and_exports(client):
    ArticleFactory()
    PersonFactory()

    articles = client.get("/articles/").content.decode()
    people = client.get("/people/?q=an").content.decode()
    assert 'href="/api/tags/"' in client.get("/tags/").content.decode()

    assert 'href="/articles/feed/"' in articles
    assert 'href="/api/articles/"' in articles
    assert 'href="/people/export.popolo.json"' in people
    assert 'href="/api/people/"' in people


def test_csv_lists_tags_alphabetically_whatever_their_case_as_the_api_does(client):
    quote = QuoteFactory()
    quote.tags.add("Zeitenwende", "arms control", "Baltic states")

    rows = read_csv(client.get("/quotes/export.csv"))

    assert rows[0]["tags"] == "arms control; Baltic states; Zeitenwende"
    api_tags = client.get(f"/api/quotes/{quote.pk}/").json()["tags"]
    assert rows[0]["tags"] == "; ".join(tag["name"] for tag in api_tags)


def test_csv_neutralises_text_a_spreadsheet_would_run_as_a_formula(client):
    QuoteFactory(text='=HYPERLINK("http://evil.example","click")', speaker=None, unnamed_source="@someone")

    response = client.get("/quotes/export.csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert rows[0]["text"] == '\'=HYPERLINK("http://evil.example","click")'
    assert rows[0]["unnamed_source"] == "'@someone"


def test_a_rate_limit_ending_in_a_second_says_one_second(client, settings, monkeypatch):
    settings.API_ANON_THROTTLE_RATE = "1/min"
    monkeypatch.setattr(ScopedRateThrottle, "wait", lambda throttle: 0.4)
    client.get("/quotes/export.csv")

    response = client.get("/quotes/export.csv")

    assert response.status_code == 429 and response["Retry-After"] == "1"
    assert response.content.decode() == "Too many requests: try again in 1 second.\n"
