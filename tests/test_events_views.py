"""One event's page: what it shows, only what is published, staff preview, JSON-LD."""

import datetime
import json
import re

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from archive.dates import Precision
from archive.models import Event
from tests.factories import ArticleFactory, EventFactory, OutletFactory, PersonFactory, QuoteFactory
from tests.queries import columns_read

pytestmark = pytest.mark.django_db

FUTURE = timezone.now() + datetime.timedelta(days=3)
BANNER = "preview — not public"  # "Draft preview" or "Scheduled preview"


@pytest.fixture
def summit(antonov):
    event = EventFactory(
        title="Geneva summit",
        slug="geneva-summit",
        kind=Event.Kind.MEETING,
        start_date=datetime.date(2017, 11, 29),
        end_date=datetime.date(2017, 12, 1),
        location="Geneva",
        description="Two days of talks.\n\nNo agreement.",
    )
    event.people.add(antonov, PersonFactory(name="Hidden Aide", draft=True))
    event.tags.add("arms control")
    return event


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_event", content_type__app_label="archive"))
    client.force_login(user)
    return client


def jsonld(response):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.DOTALL)
    return json.loads(match.group(1))


def test_event_page_shows_the_event(client, summit, antonov):
    response = client.get(summit.get_absolute_url())
    content = response.content.decode()

    assert response.status_code == 200
    assert content.count("<h1") == 1 and "<h1>Geneva summit</h1>" in content
    assert "Meeting" in content and "Geneva" in content
    assert (
        '<time datetime="2017-11-29">29 November</time> – <time datetime="2017-12-01">1 December 2017</time>' in content
    )
    assert "<p>Two days of talks.</p>" in content
    assert f'<a href="{antonov.get_absolute_url()}">Anatoly Antonov</a>' in content
    assert "Hidden Aide" not in content
    assert 'rel="tag">arms control</a>' in content


def test_partial_dates_are_shown_as_known(client):
    event = EventFactory(start_date=datetime.date(2014, 3, 1), start_precision=Precision.MONTH)

    content = client.get(event.get_absolute_url()).content.decode()

    assert '<time datetime="2014-03">March 2014</time>' in content
    assert "1 March 2014" not in content
    assert '<a href="/timeline/?date_after=2014-03&amp;date_before=2014-03">Events in March 2014' in content


def test_only_published_quotes_and_articles_are_shown(client, summit, antonov):
    QuoteFactory(event=summit, speaker=antonov, text="We are doomed to cooperate.")
    QuoteFactory(event=summit, speaker=antonov, text="Draft words.", draft=True)
    QuoteFactory(event=summit, speaker=antonov, text="Scheduled words.", published_at=FUTURE)
    QuoteFactory(speaker=antonov, text="Said elsewhere.")
    summit.articles.add(
        ArticleFactory(headline="Summit ends", outlet=OutletFactory(name="Politico")),
        ArticleFactory(headline="Draft coverage", draft=True),
        ArticleFactory(headline="Scheduled coverage", published_at=FUTURE),
    )

    response = client.get(summit.get_absolute_url())
    content = response.content.decode()

    assert "We are doomed to cooperate." in content
    assert "Draft words." not in content and "Scheduled words." not in content and "Said elsewhere." not in content
    assert "Summit ends" in content and "Politico" in content
    assert "Draft coverage" not in content and "Scheduled coverage" not in content
    assert 'id="quotes">Quotes said there (1)</h2>' in content
    assert 'id="coverage">Coverage (1)</h2>' in content


def test_long_lists_are_paginated(client, summit):
    QuoteFactory.create_batch(25, event=summit)

    first = client.get(summit.get_absolute_url())
    second = client.get(summit.get_absolute_url(), {"quotes_page": 2})

    assert len(first.context["quotes"]) == 20 and len(second.context["quotes"]) == 5


def test_event_jsonld(client, summit):
    summit.title = "Summit </script><script>alert(1)</script>"
    summit.save()

    response = client.get(summit.get_absolute_url())
    data = jsonld(response)

    assert "<script>alert(1)" not in response.content.decode()
    assert data["@type"] == "Event"
    assert data["name"] == "Summit </script><script>alert(1)</script>"
    assert data["startDate"] == "2017-11-29" and data["endDate"] == "2017-12-01"
    assert data["location"] == {"@type": "Place", "name": "Geneva"}
    assert [person["name"] for person in data["attendee"]] == ["Anatoly Antonov"]
    assert data["keywords"] == ["arms control"]


def test_jsonld_dates_keep_their_precision(client):
    event = EventFactory(start_date=datetime.date(2017, 1, 1), start_precision=Precision.YEAR)

    assert jsonld(client.get(event.get_absolute_url()))["startDate"] == "2017"


@pytest.mark.parametrize("state", [{"draft": True}, {"published_at": FUTURE}], ids=["draft", "scheduled"])
def test_readers_get_404_for_unpublished_events(client, state):
    assert client.get(EventFactory(**state).get_absolute_url()).status_code == 404


@pytest.mark.parametrize("state", [{"draft": True}, {"published_at": FUTURE}], ids=["draft", "scheduled"])
def test_editors_preview_unpublished_events(editor_client, state):
    response = editor_client.get(EventFactory(**state).get_absolute_url())

    assert response.status_code == 200
    assert BANNER in response.content.decode()
    for directive in ["no-cache", "no-store", "must-revalidate", "private"]:
        assert directive in response.headers["Cache-Control"]


def test_preview_still_hides_unpublished_quotes(editor_client):
    event = EventFactory(draft=True)
    QuoteFactory(event=event, text="Draft words.", draft=True)

    assert "Draft words." not in editor_client.get(event.get_absolute_url()).content.decode()


def test_published_event_has_no_banner_for_editors(editor_client, summit):
    response = editor_client.get(summit.get_absolute_url())

    assert BANNER not in response.content.decode()
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_staff_without_permission_get_404(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("intern", password="x", is_staff=True))

    assert client.get(EventFactory(draft=True).get_absolute_url()).status_code == 404


def test_event_page_pages_its_people(client, summit):
    for number in range(51):
        summit.people.add(PersonFactory(name=f"Delegate {number:02d}", sort_name=f"Delegate {number:02d}"))

    first = client.get(summit.get_absolute_url()).content.decode()
    second = client.get(summit.get_absolute_url(), {"people_page": 2}).content.decode()
    # What the page shows, without its JSON-LD (which names everyone).
    first, second = (html.split("</head>", 1)[1] for html in (first, second))

    # Anatoly Antonov and 51 delegates; the draft aide is not counted.
    assert "People (52)" in first
    assert "Anatoly Antonov" in first and "Delegate 48" in first and "Delegate 49" not in first
    assert "Delegate 49" in second and "Delegate 50" in second and "Delegate 48" not in second
    assert "Hidden Aide" not in first + second
    assert 'aria-label="People pages"' in first


def test_unknown_event_is_404(client):
    assert client.get("/events/no-such-event/").status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_query_count_is_constant(client, django_assert_max_num_queries, summit, antonov, count):
    for _ in range(count):
        QuoteFactory(event=summit, speaker=antonov)
        summit.articles.add(ArticleFactory())
        summit.people.add(PersonFactory())

    # Event, its people and tags; quotes: count, page, speakers' roles, citations; articles: count, page.
    with django_assert_max_num_queries(9):
        response = client.get(summit.get_absolute_url())
    assert len(response.context["quotes"]) == min(count, 20)


def test_lists_of_events_and_people_read_neither_descriptions_nor_biographies(client):
    """An event's description and a person's biography are their own pages' (and may be long)."""
    person = PersonFactory(slug="long-life", biography="Born. " * 2_000)
    soon = EventFactory(slug="summit", description="Talks. " * 2_000, start_date=timezone.localdate())
    soon.people.add(person)
    soon.tags.add("sanctions")

    for url in ["/", "/timeline/", "/timeline/?person=long-life", "/people/long-life/", "/tags/sanctions/"]:
        assert columns_read(client, url, '"archive_event"."description"') == [], url
    for url in ["/people/", "/people/?q=per", "/timeline/"]:
        assert columns_read(client, url, '"people_person"."biography"') == [], url
    assert columns_read(client, "/events/summit/", '"archive_event"."description"')
