"""The front page and the frame every public page shares."""

import datetime
from xml.etree import ElementTree

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticleFactory, CitationFactory, EventFactory, QuoteFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

FUTURE = timezone.now() + datetime.timedelta(days=3)
# Articles; quotes with speakers' posts and reporting outlets (3); upcoming and recent events (2).
HOME_QUERIES = 6


def test_home_shows_latest_articles_quotes_and_events(client):
    article = ArticleFactory(headline="Antonov leaves Washington")
    quote = QuoteFactory(text="We are doomed to cooperate.", said_on=datetime.date(2017, 12, 1))
    RoleFactory(person=quote.speaker, title="Russian ambassador to the United States")
    EventFactory(title="Antonov presents credentials", start_date=datetime.date(2017, 9, 1))

    response = client.get(reverse("home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Antonov leaves Washington" in html
    assert article.get_absolute_url() in html
    assert "We are doomed to cooperate." in html
    assert f"{quote.speaker.name}</a>, Russian ambassador to the United States" in html
    assert "Antonov presents credentials" in html
    assert '<time datetime="2017-09-01">1 September 2017</time>' in html


def test_home_shows_only_what_is_known_of_a_partial_date(client):
    EventFactory(title="Sanctions round", start_date=datetime.date(2022, 4, 18), start_precision="month")

    html = client.get(reverse("home")).content.decode()

    assert '<time datetime="2022-04">April 2022</time>' in html
    assert "18 April" not in html


def test_home_writes_an_event_span_as_the_timeline_does(client):
    EventFactory(title="Helsinki talks", start_date=datetime.date(2017, 11, 29), end_date=datetime.date(2017, 12, 1))

    html = client.get(reverse("home")).content.decode()

    assert '<time datetime="2017-11-29">29 November</time> – <time datetime="2017-12-01">1 December 2017</time>' in html


def test_home_hides_drafts_and_scheduled_content(client):
    ArticleFactory(headline="Draft headline", draft=True)
    ArticleFactory(headline="Scheduled headline", published_at=FUTURE)
    QuoteFactory(text="Draft words", draft=True)
    QuoteFactory(text="Scheduled words", published_at=FUTURE)
    EventFactory(title="Draft event", draft=True)
    EventFactory(title="Scheduled event", published_at=FUTURE)

    html = client.get(reverse("home")).content.decode()

    for text in ["Draft headline", "Scheduled headline", "Draft words", "Scheduled words", "Draft event"]:
        assert text not in html
    assert "Scheduled event" not in html


def test_home_splits_upcoming_from_recent_events(client):
    EventFactory(title="Summit next month", start_date=timezone.localdate() + datetime.timedelta(days=30))
    EventFactory(title="Summit last year", start_date=timezone.localdate() - datetime.timedelta(days=365))

    html = client.get(reverse("home")).content.decode()

    assert html.index("Coming up") < html.index("Summit next month") < html.index("Recent events")
    assert html.index("Recent events") < html.index("Summit last year")


def test_frame_landmarks_navigation_and_search(client):
    html = client.get(reverse("home")).content.decode()

    assert '<html lang="en">' in html
    assert '<meta name="viewport"' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "<footer" in html
    assert '<nav class="site-nav" aria-label="Main">' in html
    for label in ["Articles", "People", "Quotes", "Timeline"]:
        assert f">{label}</a>" in html
    assert 'action="/search/" method="get"' in html
    assert '<label for="site-search-q">' in html and 'id="site-search-q" name="q"' in html
    assert html.count("<h1") == 1
    assert "css/site.css" in html
    assert "Draft preview" not in html


def test_current_section_is_marked_in_the_navigation(client):
    html = client.get(reverse("articles:list")).content.decode()

    assert f'href="{reverse("articles:list")}" aria-current="page">Articles' in html
    assert 'aria-current="page">People' not in html


def add_front_page_content(count):
    for _ in range(count):
        quote = QuoteFactory()
        RoleFactory(person=quote.speaker)
        CitationFactory(quote=quote)
        EventFactory()


def test_home_query_count_does_not_grow(client, django_assert_max_num_queries):
    add_front_page_content(3)
    with django_assert_max_num_queries(HOME_QUERIES) as few:
        assert client.get(reverse("home")).status_code == 200

    add_front_page_content(27)
    with django_assert_max_num_queries(HOME_QUERIES) as many:
        assert client.get(reverse("home")).status_code == 200

    assert len(many) == len(few)


def test_unknown_page_gets_the_friendly_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page not found</h1>" in html
    assert "Embassy Row" in html


def test_a_refused_permission_gets_the_archives_403(client):
    client.force_login(UserFactory())  # staff, in no group: may not add quotes

    response = client.get(reverse("admin:archive_quote_add"))

    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Not allowed</h1>" in html
    assert "nothing was changed" in html


def test_a_form_sent_without_its_csrf_token_gets_the_archives_403():
    response = Client(enforce_csrf_checks=True).post(reverse("admin:login"), {"username": "a", "password": "b"})

    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>The form could not be checked</h1>" in html
    assert "nothing was saved" in html


@override_settings(DEBUG=False)
def test_500_page_renders_without_context_or_database():
    from django.template import loader

    html = loader.get_template("500.html").render()

    assert "Something went wrong" in html
    assert '<html lang="en">' in html


def test_the_archive_has_an_icon_that_pages_name_and_favicon_ico_leads_to(client):
    icon = static("favicon.svg")

    page = client.get("/").content.decode()
    assert f'<link rel="icon" type="image/svg+xml" href="{icon}">' in page
    response = client.get("/favicon.ico")  # asked for by browsers on the admin's pages, and by feed readers
    assert response.status_code == 301
    assert response["Location"] == icon
    path = finders.find("favicon.svg")
    assert path
    assert ElementTree.parse(path).getroot().tag == "{http://www.w3.org/2000/svg}svg"
