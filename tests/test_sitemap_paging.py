"""
sitemap.xml's sections page by id range (archive.sitemaps.IdRangePaginator): the index counts
no rows, every published object is on exactly one page, nothing unpublished on any.
"""

import datetime
import re
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from archive.models import Quote
from archive.sitemaps import PublishedSitemap
from tests.factories import ArticleFactory, EventFactory, QuoteFactory

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# Per big section its lowest and highest id; the public tags, counted.
INDEX_QUERIES = 9


def locations(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return [element.text for element in ElementTree.fromstring(response.content).iterfind(".//sm:loc", NS)]


def section_pages(client, name):
    return [url for url in locations(client, "/sitemap.xml") if re.search(rf"/sitemap-{name}\.xml(\?p=\d+)?$", url)]


def test_every_published_quote_is_on_exactly_one_page(client, monkeypatch):
    monkeypatch.setattr(PublishedSitemap, "limit", 3)
    published = [QuoteFactory() for _ in range(7)]
    draft = QuoteFactory(draft=True)
    scheduled = QuoteFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    published.append(QuoteFactory())

    pages = section_pages(client, "quotes")
    listed = [url for page in pages for url in locations(client, page.removeprefix("http://testserver"))]

    first = published[0].pk
    assert len(pages) == (published[-1].pk - first) // 3 + 1
    assert sorted(listed) == sorted(f"http://testserver{quote.get_absolute_url()}" for quote in published)
    assert f"http://testserver{draft.get_absolute_url()}" not in listed
    assert f"http://testserver{scheduled.get_absolute_url()}" not in listed


def test_a_page_of_unpublished_ids_is_empty_and_a_page_past_the_end_is_404(client, monkeypatch):
    monkeypatch.setattr(PublishedSitemap, "limit", 2)
    QuoteFactory()
    QuoteFactory(draft=True)
    QuoteFactory(draft=True)
    QuoteFactory()

    pages = section_pages(client, "quotes")

    assert len(pages) == 2
    assert len(locations(client, "/sitemap-quotes.xml")) == 1
    assert len(locations(client, "/sitemap-quotes.xml?p=2")) == 1
    assert client.get("/sitemap-quotes.xml?p=3").status_code == 404
    assert client.get("/sitemap-quotes.xml?p=0").status_code == 404
    assert client.get("/sitemap-quotes.xml?p=two").status_code == 404


def test_an_empty_section_still_has_its_first_page(client):
    assert section_pages(client, "events") == ["http://testserver/sitemap-events.xml"]
    assert locations(client, "/sitemap-events.xml") == []


def test_sitemap_index_query_count_does_not_grow(client, django_assert_max_num_queries):
    def add(count):
        for _ in range(count):
            ArticleFactory().tags.add("sanctions")
            QuoteFactory()
            EventFactory()

    add(3)
    with django_assert_max_num_queries(INDEX_QUERIES) as few:
        assert client.get("/sitemap.xml").status_code == 200
    add(27)
    with django_assert_max_num_queries(INDEX_QUERIES) as many:
        assert client.get("/sitemap.xml").status_code == 200
    assert len(many) == len(few)


def test_a_scheduled_item_is_dated_from_when_it_went_public(client):
    went_public = timezone.now() - datetime.timedelta(hours=1)
    quote = QuoteFactory(published_at=went_public + datetime.timedelta(days=1))
    Quote.objects.filter(pk=quote.pk).update(published_at=went_public)  # edited a week before its time came
    Quote.objects.filter(pk=quote.pk).update(updated_at=went_public - datetime.timedelta(days=7))
    edited = QuoteFactory()

    response = client.get("/sitemap-quotes.xml")

    dates = {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in ElementTree.fromstring(response.content).iterfind("sm:url", NS)
    }
    assert dates[f"http://testserver{quote.get_absolute_url()}"] == went_public.date().isoformat()
    edited.refresh_from_db()
    assert dates[f"http://testserver{edited.get_absolute_url()}"] == edited.updated_at.date().isoformat()
