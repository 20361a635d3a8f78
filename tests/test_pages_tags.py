"""Tag pages: every tag with its published counts, and everything published under one tag."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from archive.models import TagUsage
from tests.factories import ArticleFactory, CitationFactory, EventFactory, QuoteFactory, RoleFactory

pytestmark = pytest.mark.django_db

FUTURE = timezone.now() + datetime.timedelta(days=3)
# The tag with its counts (which also page the sections); for each of articles, quotes and
# events a page; quotes also need their speakers' posts and where they were reported.
DETAIL_QUERIES = 6
# The count and the page of annotated tags.
LIST_QUERIES = 2


def tagged(factory, tag="sanctions", **kwargs):
    obj = factory(**kwargs)
    obj.tags.add(tag)
    return obj


def test_tag_page_shows_published_articles_quotes_and_events(client):
    tagged(ArticleFactory, headline="Sanctions article")
    tagged(QuoteFactory, text="Sanctions words")
    tagged(EventFactory, title="Sanctions event")
    tagged(ArticleFactory, tag="other", headline="Other article")

    response = client.get(reverse("tags:detail", args=["sanctions"]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Tagged “sanctions”</h1>" in html
    assert html.count("<h1") == 1
    assert "Sanctions article" in html
    assert "Sanctions words" in html
    assert "Sanctions event" in html
    assert "Other article" not in html
    assert 'href="/quotes/?tag=sanctions"' in html
    assert 'href="/timeline/?tag=sanctions"' in html


def test_tag_page_hides_drafts_and_scheduled_items(client):
    tagged(ArticleFactory, headline="Public article")
    for state, label in [({"draft": True}, "Draft"), ({"published_at": FUTURE}, "Scheduled")]:
        tagged(ArticleFactory, headline=f"{label} article", **state)
        tagged(QuoteFactory, text=f"{label} words", **state)
        tagged(EventFactory, title=f"{label} event", **state)

    response = client.get(reverse("tags:detail", args=["sanctions"]))

    html = response.content.decode()
    assert "Public article" in html
    for label in ["Draft", "Scheduled"]:
        for thing in ["article", "words", "event"]:
            assert f"{label} {thing}" not in html
    assert response.context["quotes"].paginator.count == 0


def test_unknown_tag_is_404(client):
    assert client.get(reverse("tags:detail", args=["no-such-tag"])).status_code == 404


def test_tag_used_only_on_drafts_is_404(client):
    tagged(ArticleFactory, tag="embargoed", draft=True)

    assert client.get(reverse("tags:detail", args=["embargoed"])).status_code == 404


def test_tag_sections_page_independently(client):
    for _ in range(12):
        tagged(ArticleFactory)
        tagged(EventFactory)

    response = client.get(reverse("tags:detail", args=["sanctions"]), {"events_page": 2})

    assert len(response.context["articles"]) == 10
    assert response.context["events"].number == 2
    assert len(response.context["events"]) == 2
    html = response.content.decode()
    assert 'href="?events_page=2&amp;articles_page=2#tag-articles" rel="next"' in html


def test_tag_list_counts_published_items_only(client):
    tagged(ArticleFactory)
    tagged(ArticleFactory)
    tagged(ArticleFactory, draft=True)
    tagged(QuoteFactory)
    tagged(QuoteFactory, published_at=FUTURE)
    tagged(EventFactory, tag="expulsions")
    tagged(EventFactory, tag="embargoed", draft=True)

    response = client.get(reverse("tags:list"))

    assert response.status_code == 200
    counts = {tag.name: (tag.article_count, tag.quote_count, tag.event_count) for tag in response.context["tags"]}
    assert counts == {"expulsions": (0, 0, 1), "sanctions": (2, 1, 0)}
    html = response.content.decode()
    assert "2 articles · 1 quote · 0 events" in html
    assert "embargoed" not in html


def test_tag_list_is_paginated(client):
    for number in range(55):
        tagged(ArticleFactory, tag=f"tag {number:02d}")

    response = client.get(reverse("tags:list"), {"page": 2})

    assert [tag.name for tag in response.context["tags"]] == [f"tag {number}" for number in range(50, 55)]


def test_tag_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    def add(start, count):
        for number in range(start, start + count):
            tagged(ArticleFactory, tag=f"tag {number}")
            tagged(QuoteFactory, tag=f"tag {number}")

    add(0, 3)
    with django_assert_max_num_queries(LIST_QUERIES) as few:
        assert client.get(reverse("tags:list")).status_code == 200
    add(3, 27)
    with django_assert_max_num_queries(LIST_QUERIES) as many:
        assert client.get(reverse("tags:list")).status_code == 200
    assert len(many) == len(few)


def test_tag_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    def add(count):
        for _ in range(count):
            tagged(ArticleFactory)
            quote = tagged(QuoteFactory)
            RoleFactory(person=quote.speaker)
            CitationFactory(quote=quote)
            tagged(EventFactory)

    url = reverse("tags:detail", args=["sanctions"])
    add(3)
    with django_assert_max_num_queries(DETAIL_QUERIES) as few:
        assert client.get(url).status_code == 200
    add(27)
    with django_assert_max_num_queries(DETAIL_QUERIES) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


@pytest.mark.parametrize("rare", [0, 1_000], ids=["common tag", "rare tag"])
def test_tag_page_lists_the_same_items_whichever_way_it_finds_them(client, monkeypatch, rare):
    """A rare tag's items are fetched through its taggings, a common one's by walking the list: same page."""
    monkeypatch.setattr("archive.tags.RARE", rare)
    quotes = [tagged(QuoteFactory, said_on=datetime.date(2017, 1, day)) for day in range(1, 13)]
    tagged(QuoteFactory, said_on=datetime.date(2018, 1, 1), draft=True)
    tagged(QuoteFactory, tag="other", said_on=datetime.date(2019, 1, 1))
    articles = [tagged(ArticleFactory) for _ in range(2)]
    tagged(EventFactory, published_at=FUTURE)

    response = client.get(reverse("tags:detail", args=["sanctions"]), {"quotes_page": 2})

    assert [quote.pk for quote in response.context["quotes"]] == [quotes[1].pk, quotes[0].pk]
    assert {article.pk for article in response.context["articles"]} == {article.pk for article in articles}
    assert list(response.context["events"]) == []
    assert "2 articles · 12 quotes · 0 events" in response.content.decode()


def test_tag_page_counts_come_from_the_usage_counts(client):
    """The header and the page links follow the stored counts, without counting the sections again."""
    for _ in range(11):
        tagged(QuoteFactory)
    tagged(QuoteFactory, published_at=FUTURE)

    response = client.get(reverse("tags:detail", args=["sanctions"]))

    assert "0 articles · 11 quotes · 0 events" in response.content.decode()
    assert response.context["quotes"].paginator.num_pages == 2


def test_tag_counts_are_written_with_thousands_separators(client):
    tagged(QuoteFactory)
    TagUsage.objects.filter(tag__slug="sanctions").update(quotes=1234)

    for url in (reverse("tags:list"), reverse("tags:detail", args=["sanctions"])):
        assert "0 articles · 1,234 quotes · 0 events" in client.get(url).content.decode()


@pytest.mark.parametrize("names", [["🙂"], ["!!!", "---", "🙂"]])
def test_a_tag_whose_name_has_no_letters_still_gets_a_page(client, names):
    """taggit would save such a tag with an empty slug, and every page linking to it would fail."""
    quote = QuoteFactory(text="Smiling words")
    quote.tags.add(*names)
    article = tagged(ArticleFactory, tag=names[0], headline="Smiling article")
    CitationFactory(quote=quote, article=article)

    slugs = sorted(tag.slug for tag in quote.tags.all())
    assert slugs == sorted(["tag", "tag-2", "tag-3"][: len(names)])
    for url in ["/tags/", quote.get_absolute_url(), article.get_absolute_url(), "/api/tags/", "/sitemap-tags.xml"]:
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("tags:detail", args=["tag"]))
    assert page.status_code == 200
    assert "Smiling words" in page.content.decode()


def test_tags_saved_without_a_slug_get_one_when_migrated():
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection
    from taggit.models import Tag

    migration = importlib.import_module("archive.migrations.0017_tags_without_slug")
    Tag.objects.create(name="sanctions")
    Tag.objects.create(name="tag")  # the fallback slug is taken: the next one is used
    Tag.objects.bulk_create([Tag(name="🙂", slug="")])
    migration.give_slugs(apps, SimpleNamespace(connection=connection))
    assert dict(Tag.objects.values_list("name", "slug")) == {"sanctions": "sanctions", "tag": "tag", "🙂": "tag-2"}
