"""
sitemap.xml: an index of one sitemap per kind of published content, plus the static pages.

Each section lists published objects only and pages itself (``limit`` URLs a page at most), so
a large archive makes more pages, not bigger ones. The big sections page by id range
(``IdRangePaginator``): the index needs no count of a million published quotes, and a late
page is an id range, not an OFFSET through everything before it.
"""

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.functional import cached_property

from archive.models import Article, Event, Quote
from archive.tags import public_tags, tag_url
from people.models import Person

# Small pages: Django renders a sitemap page in Python, about a second per 10,000 URLs.
PAGE_LIMIT = 2_000


class IdRangePaginator(Paginator):
    """
    Page n holds the objects of ``object_list`` (a queryset) whose ids fall in the n-th run of
    ``per_page`` ids, counted from the table's lowest id. The pages are numbered from the
    table's lowest and highest ids, two index look-ups, whatever the size of the table. A page
    holds ``per_page`` objects at most, fewer where ids went to drafts or deleted rows, and may
    be empty: an empty sitemap, never a missing one.
    """

    @cached_property
    def bounds(self):
        ids = self.object_list.model._default_manager.order_by("pk").values_list("pk", flat=True)
        return ids.first(), ids.last()

    @cached_property
    def num_pages(self):
        first, last = self.bounds
        if first is None:
            return 1
        return (last - first) // self.per_page + 1

    def page(self, number):
        number = self.validate_number(number)
        first, _ = self.bounds
        low = (first or 0) + (number - 1) * self.per_page
        return self._get_page(self.object_list.filter(pk__gte=low, pk__lt=low + self.per_page), number, self)


class PublishedSitemap(Sitemap):
    model = None
    fields = ["id", "updated_at", "published_at"]
    limit = PAGE_LIMIT

    def items(self):
        return self.model.objects.published().order_by("id").only(*self.fields)

    @property
    def paginator(self):
        return IdRangePaginator(self.items(), self.limit)

    def lastmod(self, obj):
        # A scheduled item changed last before it went public: for readers it changed then.
        return max(obj.updated_at, obj.published_at)

    def get_latest_lastmod(self):
        # Django's default reads every item for the index's <lastmod>; each page still dates its URLs.
        return None


class ArticleSitemap(PublishedSitemap):
    model = Article
    fields = ["id", "slug", "updated_at", "published_at"]


class PersonSitemap(PublishedSitemap):
    model = Person
    fields = ["id", "slug", "updated_at", "published_at"]


class QuoteSitemap(PublishedSitemap):
    model = Quote


class EventSitemap(PublishedSitemap):
    model = Event
    fields = ["id", "slug", "updated_at", "published_at"]


class TagSitemap(Sitemap):
    limit = PAGE_LIMIT

    def items(self):
        return public_tags().order_by("id").only("id", "slug")

    def location(self, tag):
        return tag_url(tag)


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
