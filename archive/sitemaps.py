"""
sitemap.xml: an index of one sitemap per kind of published content, plus the static pages.

Each section lists published objects only and pages itself (``limit`` URLs a page), so a
large archive makes more pages, not bigger ones.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from taggit.models import Tag

from archive.models import Article, Event, Quote
from archive.tags import carried_by_published
from people.models import Person

PAGE_LIMIT = 10_000


class PublishedSitemap(Sitemap):
    model = None
    fields = ["id", "updated_at"]
    limit = PAGE_LIMIT

    def items(self):
        return self.model.objects.published().order_by("id").only(*self.fields)

    def lastmod(self, obj):
        return obj.updated_at


class ArticleSitemap(PublishedSitemap):
    model = Article
    fields = ["id", "slug", "updated_at"]


class PersonSitemap(PublishedSitemap):
    model = Person
    fields = ["id", "slug", "updated_at"]


class QuoteSitemap(PublishedSitemap):
    model = Quote


class EventSitemap(PublishedSitemap):
    model = Event
    fields = ["id", "slug", "updated_at"]


class TagSitemap(Sitemap):
    limit = PAGE_LIMIT

    def items(self):
        return Tag.objects.filter(carried_by_published()).order_by("id").only("id", "slug")

    def location(self, tag):
        return reverse("tags:detail", kwargs={"slug": tag.slug})


class StaticSitemap(Sitemap):
    def items(self):
        return ["home", "articles:list", "people:list", "quotes:list", "events:timeline", "tags:list", "api:docs"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": StaticSitemap,
    "articles": ArticleSitemap,
    "people": PersonSitemap,
    "quotes": QuoteSitemap,
    "events": EventSitemap,
    "tags": TagSitemap,
}
