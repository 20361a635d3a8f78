"""Tags: every tag with its count of published items, and everything published under one tag."""

from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView

from archive.models import Article, Event, Quote
from archive.paginators import CappedPaginator
from archive.tags import carrying, public_tags


class TagListView(ListView):
    paginate_by = 50
    context_object_name = "tags"
    template_name = "archive/tag_list.html"

    def get_queryset(self):
        # A tag used only on drafts is not public either.
        return public_tags()


class SectionPaginator(CappedPaginator):
    """
    A section of a tag's page. Its length is the tag's count, not counted again. A page is read
    in one query of two steps: the page's ids in the list's order, then those rows in that order
    with what ``related`` adds (joins, prefetches). So the joins run for the page's rows only,
    not for every row a rare tag's list sorts to find them.
    """

    def __init__(self, object_list, per_page, length, related):
        super().__init__(object_list, per_page)
        self.length = length
        self.related = related

    @cached_property
    def counted(self):
        return min(self.length, self.cap + 1)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        listed = self.object_list
        rows = listed.model.objects.filter(pk__in=listed.values("pk")[bottom : bottom + self.per_page])
        if listed.query.order_by:
            rows = rows.order_by(*listed.query.order_by)
        return self._get_page(self.related(rows), number, self)


class TagDetailView(DetailView):
    """
    Three paginated sections, one per kind of content, counted by the tag's usage counts; a tag
    with nothing published is not among the public tags, so its page is a 404.
    """

    context_object_name = "tag"
    template_name = "archive/tag_detail.html"
    per_section = 10

    def get_queryset(self):
        return public_tags()

    def section(self, model, count, param, related, order=()):
        listed = model.objects.published().filter(carrying(model, self.object, count))
        if order:
            listed = listed.order_by(*order)
        paginator = SectionPaginator(listed, self.per_section, count, related)
        return paginator.get_page(self.request.GET.get(param))

    def get_context_data(self, **kwargs):
        tag = self.object
        sections = {
            "articles": self.section(Article, tag.article_count, "articles_page", lambda articles: articles.listed()),
            "quotes": self.section(Quote, tag.quote_count, "quotes_page", lambda quotes: quotes.with_related()),
            "events": self.section(
                Event, tag.event_count, "events_page", lambda events: events.listed(), order=("-start_date", "-id")
            ),
        }
        return super().get_context_data(**sections, **kwargs)
