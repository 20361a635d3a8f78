"""
sitemap.xml: an index of one sitemap per kind of published content, plus the static pages.

Each section lists published objects only and pages itself (``limit`` URLs a page), so a
large archive makes more pages, not bigger ones.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from taggit.models import Tag, TaggedItem

from archive.models import Article, Event, Quote
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


def published_tagged(model):
    """A condition on Tag: some published ``model`` object carries it."""
    opts = model._meta
    return Exists(
        TaggedItem.objects.filter(
            tag=OuterRef("pk"),
            content_type__app_label=opts.app_label,
            content_type__model=opts.model_name,
            object_id__in=model.objects.published().values("pk"),
        )
    )


class TagSitemap(Sitemap):
    limit = PAGE_LIMIT

    def items(self):
        carried = Q(published_tagged(Article)) | Q(published_tagged(Quote)) | Q(published_tagged(Event))
        return Tag.objects.filter(carried).order_by("id").only("id", "slug")

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
