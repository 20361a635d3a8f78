"""Atom feeds, read by feedparser as a feed reader would: well-formed, the right entries, published only."""

import datetime
import re

import feedparser
import pytest
from django.utils import timezone
from taggit.models import Tag

from archive.dates import Precision
from archive.feeds import FEED_SIZE
from archive.models import Event
from archive.tags import RARE, carrying
from tests import unpublished
from tests.factories import ArticleFactory, EventFactory, PersonFactory, QuoteFactory, RoleFactory
from tests.plans import plan

pytestmark = pytest.mark.django_db


def read(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_latest_articles_feed(client):
    older = ArticleFactory(headline="Older", published_at=ago(3), authors="Jane Doe", summary="Line one.\n\nTwo.")
    newer = ArticleFactory(headline="Newer", published_at=ago(1))
    newer.tags.add("Sanctions")

    feed = read(client, "/articles/feed/")

    assert feed.feed.title == "Embassy Row: latest articles"
    assert feed.feed.link == "http://testserver/articles/"
    assert [entry.title for entry in feed.entries] == ["Newer", "Older"]
    entry = feed.entries[1]
    assert entry.link == f"http://testserver/articles/{older.slug}/"
    assert entry.author == "Jane Doe"
    assert entry.id.startswith("urn:uuid:")
    assert entry.published_parsed and entry.updated_parsed
    assert "<p>Line one.</p>" in entry.summary
    assert [tag.term for tag in feed.entries[0].tags] == ["Sanctions"]


def test_entry_ids_are_stable(client):
    article = ArticleFactory(headline="First headline")
    first = read(client, "/articles/feed/").entries[0].id

    article.headline = "A corrected headline"
    article.slug = "a-corrected-headline"
    article.save()
    second = read(client, "/articles/feed/").entries[0]

    assert second.id == first
    assert second.link.endswith("/articles/a-corrected-headline/")


def test_latest_quotes_feed(client, antonov):
    RoleFactory(person=antonov, title="Russian ambassador to the United States")
    quote = QuoteFactory(speaker=antonov, text="We are doomed to cooperate.", said_on=datetime.date(2017, 12, 1))
    unnamed = QuoteFactory(speaker=None, unnamed_source="a State Department spokesperson", published_at=ago(2))

    feed = read(client, "/quotes/feed/")

    assert [entry.id for entry in feed.entries] == [
        read(client, f"/people/{antonov.slug}/feed/").entries[0].id,
        feed.entries[1].id,
    ]
    first, second = feed.entries
    assert first.title == "Anatoly Antonov: “We are doomed to cooperate.”"
    assert first.link == f"http://testserver/quotes/{quote.pk}/"
    assert first.author == "Anatoly Antonov"
    assert "Russian ambassador to the United States, 1 December 2017" in first.summary
    assert second.author == unnamed.unnamed_source


def test_quotes_feed_honours_the_filters(client, antonov):
    QuoteFactory(speaker=antonov, said_on=datetime.date(2017, 5, 1), text="In 2017.")
    QuoteFactory(speaker=antonov, said_on=datetime.date(2019, 5, 1), text="In 2019.")
    QuoteFactory(said_on=datetime.date(2017, 5, 1), text="Someone else.")

    feed = read(client, "/quotes/feed/?person=anatoly-antonov&date_after=2017&date_before=2017&utm_source=x&page=2")

    assert [entry.summary.split("</p>")[0] for entry in feed.entries] == ["<blockquote><p>In 2017."]
    # The feed's links keep the filters, and nothing else it was given.
    assert feed.feed.link == "http://testserver/quotes/?person=anatoly-antonov&date_after=2017&date_before=2017"
    # Its title names them, so that a reader subscribed to several can tell them apart.
    assert feed.feed.title == "Embassy Row: latest quotes (person: Anatoly Antonov; said from: 2017; said until: 2017)"
    assert read(client, "/quotes/feed/?sort=date").feed.title == "Embassy Row: latest quotes"


@pytest.mark.parametrize("query", ["date_after=2017-13", "person=nobody", "date_after=2019&date_before=2017"])
def test_quotes_feed_with_invalid_filters_is_400(client, query):
    response = client.get(f"/quotes/feed/?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "invalid" in response.content.decode()


def test_person_feed(client, antonov):
    QuoteFactory(speaker=antonov, text="Mine.")
    QuoteFactory(text="Someone else's.")

    feed = read(client, "/people/anatoly-antonov/feed/")

    assert feed.feed.title == "Embassy Row: quotes by Anatoly Antonov"
    assert feed.feed.link == "http://testserver/people/anatoly-antonov/"
    assert [entry.title for entry in feed.entries] == ["Anatoly Antonov: “Mine.”"]


def test_person_feed_of_an_unpublished_or_unknown_person_is_404(client):
    PersonFactory(slug="draft-person", draft=True)

    assert client.get("/people/draft-person/feed/").status_code == 404
    assert client.get("/people/nobody/feed/").status_code == 404


def test_tag_feed_mixes_articles_quotes_and_events(client):
    article = ArticleFactory(headline="Sanctions article", published_at=ago(3))
    quote = QuoteFactory(text="Sanctions will not work.", published_at=ago(2))
    event = EventFactory(
        title="Sanctions <b>vote</b>",
        published_at=ago(1),
        start_date=datetime.date(2017, 1, 1),
        **{"start_precision": Precision.YEAR},
    )
    for item in (article, quote, event):
        item.tags.add("Sanctions")
    ArticleFactory(headline="Untagged")

    feed = read(client, "/tags/sanctions/feed/")

    assert feed.feed.title == "Embassy Row: tagged “Sanctions”"
    assert [entry.link for entry in feed.entries] == [
        f"http://testserver/events/{event.slug}/",
        f"http://testserver/quotes/{quote.pk}/",
        f"http://testserver/articles/{article.slug}/",
    ]
    assert feed.entries[0].title == "Sanctions <b>vote</b>"  # plain text, not markup
    assert "<p>2017 · Meeting</p>" in feed.entries[0].summary  # a year-only date stays a year


def test_editor_markup_is_escaped_in_descriptions(client):
    QuoteFactory(text="<script>alert(1)</script> we said")

    entry = read(client, "/quotes/feed/").entries[0]

    assert "<script>" not in entry.summary
    assert "&lt;script&gt;" in entry.summary


def test_control_characters_that_xml_cannot_carry_become_spaces(client, antonov):
    """A form feed pasted from a PDF, in a name, a quote, a tag or a headline, never breaks a feed."""
    antonov.name = "Anatoly\x0bAntonov"
    antonov.save()
    QuoteFactory(speaker=antonov, text="Page one.\x0cPage two.").tags.add("Arms\x1bcontrol")
    ArticleFactory(headline="Head\x08line", authors="Jane\x01Doe")

    tag = Tag.objects.get()

    for path in ["/quotes/feed/", "/people/anatoly-antonov/feed/", f"/tags/{tag.slug}/feed/", "/articles/feed/"]:
        read(client, path)
    entry = read(client, "/people/anatoly-antonov/feed/").entries[0]
    assert entry.title == "Anatoly Antonov: “Page one. Page two.”"
    assert entry.author == "Anatoly Antonov"
    assert [tag.term for tag in entry.tags] == ["Arms control"]
    assert read(client, "/articles/feed/").entries[0].author == "Jane Doe"


def test_tag_feed_of_a_tag_without_published_items_is_404(client):
    QuoteFactory(draft=True).tags.add("Hidden")

    assert client.get("/tags/hidden/feed/").status_code == 404
    assert client.get("/tags/nothing/feed/").status_code == 404
    assert client.get("/tags/a%00/feed/").status_code == 400  # refused before any query


@pytest.mark.parametrize(
    "path",
    ["/articles/feed/", "/quotes/feed/", "/people/anatoly-antonov/feed/", "/tags/diplomacy/feed/"],
)
def test_every_feed_shows_published_only(client, path):
    planted = unpublished.plant()

    feed = read(client, path)

    assert feed.entries
    unpublished.assert_no_secrets(client.get(path).content)
    assert client.get(f"/tags/{planted.secret_tag.slug}/feed/").status_code == 404
    assert client.get(f"/people/{planted.draft_person.slug}/feed/").status_code == 404
    assert client.get(f"/people/{planted.scheduled_person.slug}/feed/").status_code == 404


def test_feed_query_count_does_not_grow(client, django_assert_max_num_queries):
    for _ in range(30):
        quote = QuoteFactory(speaker=PersonFactory())
        RoleFactory(person=quote.speaker)
        quote.tags.add("Sanctions")
        ArticleFactory().tags.add("Sanctions")
        EventFactory().tags.add("Sanctions")

    # quotes with speakers, roles, citations, tags
    with django_assert_max_num_queries(4):
        read(client, "/quotes/feed/")
    # the tag; the latest keys of every kind; the kept items of each kind (quotes with citations and roles); their tags
    with django_assert_max_num_queries(8):
        read(client, "/tags/sanctions/feed/")


def test_tag_feed_holds_the_latest_items_of_every_kind_together(client):
    """Fifty entries, newest first, whichever kinds they are: the older ones of a busy kind make way."""
    made = []
    for n in range(30):
        for factory, hours in ((ArticleFactory, 0), (QuoteFactory, 1), (EventFactory, 2)):
            item = factory(published_at=ago(n) - datetime.timedelta(hours=hours))
            item.tags.add("Sanctions")
            made.append(item)
    made.sort(key=lambda item: item.published_at, reverse=True)

    feed = read(client, "/tags/sanctions/feed/")

    assert [entry.link for entry in feed.entries] == [
        f"http://testserver{item.get_absolute_url()}" for item in made[:FEED_SIZE]
    ]
    assert all(entry.tags[0].term == "Sanctions" for entry in feed.entries)


def test_a_tag_feed_keeps_each_items_own_tags_when_ids_repeat_across_kinds(client):
    """An article, a quote and an event may share an id: each entry lists its own item's tags."""
    shared = 7654321
    for factory, kind in ((ArticleFactory, "Article"), (QuoteFactory, "Quote"), (EventFactory, "Event")):
        factory(id=shared).tags.add("Sanctions", f"{kind} only")

    feed = read(client, "/tags/sanctions/feed/")

    assert sorted(sorted(tag.term for tag in entry.tags) for entry in feed.entries) == [
        ["Article only", "Sanctions"],
        ["Event only", "Sanctions"],
        ["Quote only", "Sanctions"],
    ]


def test_a_common_tags_feed_walks_the_events_publish_time_index():
    """
    A tag on a great many events: its latest are found walking the publish-time index, not all
    gathered and sorted (articles and quotes have theirs for their own feeds).
    """
    tag = Tag.objects.create(name="Sanctions", slug="sanctions")
    common = Event.objects.published().filter(carrying(Event, tag, RARE + 1))

    assert "event_published_at_idx" in plan(common.order_by("-published_at", "-id")[:FEED_SIZE])


def feed_links(html):
    """The feeds a page points feed readers at: (title, address) of each Atom <link rel="alternate">."""
    pattern = r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)" href="([^"]*)">'
    return re.findall(pattern, html)


def test_pages_point_feed_readers_at_their_feeds(client, antonov):
    QuoteFactory(speaker=antonov).tags.add("sanctions")
    site = [("Embassy Row: latest quotes", "/quotes/feed/"), ("Embassy Row: latest articles", "/articles/feed/")]

    assert feed_links(client.get("/").content.decode()) == site
    person = feed_links(client.get("/people/anatoly-antonov/").content.decode())
    assert person == [("Quotes by Anatoly Antonov", "/people/anatoly-antonov/feed/"), *site]
    tag = feed_links(client.get("/tags/sanctions/").content.decode())
    assert tag == [("Tagged “sanctions”", "/tags/sanctions/feed/"), *site]
    assert read(client, person[0][1]).entries and read(client, tag[0][1]).entries
    for _, path in site:
        read(client, path)


def test_a_filtered_quote_list_points_feed_readers_at_its_filtered_feed(client, antonov):
    QuoteFactory(speaker=antonov, said_on=datetime.date(2017, 5, 1))

    filtered = feed_links(client.get("/quotes/?person=anatoly-antonov&date_after=2017&page=1").content.decode())
    unfiltered = feed_links(client.get("/quotes/").content.decode())
    refused = client.get("/quotes/?date_after=2017-13")

    assert filtered[0] == ("Quotes with these filters", "/quotes/feed/?person=anatoly-antonov&amp;date_after=2017")
    assert len(read(client, "/quotes/feed/?person=anatoly-antonov&date_after=2017").entries) == 1
    assert [title for title, _ in unfiltered] == ["Embassy Row: latest quotes", "Embassy Row: latest articles"]
    assert refused.status_code == 400 and len(feed_links(refused.content.decode())) == 2


def test_a_draft_previewed_by_an_editor_points_at_no_feed_of_its_own(editor_client):
    PersonFactory(name="Zebulon Quarterfield", slug="zebulon", draft=True)

    response = editor_client.get("/people/zebulon/")

    assert response.status_code == 200
    assert [path for _, path in feed_links(response.content.decode())] == ["/quotes/feed/", "/articles/feed/"]
