"""Articles: the list, and one article with the quotes it reports."""

from django.db.models import F
from django.views.generic import DetailView, ListView

from archive.editorial import published_q
from archive.jsonld import article_jsonld
from archive.models import Article
from archive.models.quotes import UNSHOWN_WITH_A_QUOTE, card_citations, speaker_posts
from archive.paginators import CappedPaginator
from archive.tag_lists import attach_tags
from archive.views.paging import SHORT_LIST_CAP, paginate, paginate_short
from archive.views.preview import DraftPreviewMixin


class ArticleListView(ListView):
    paginate_by = 20
    paginator_class = CappedPaginator
    context_object_name = "articles"
    template_name = "archive/article_list.html"

    def get_queryset(self):
        return Article.objects.published().listed()

    def get_paginator(self, queryset, per_page, **kwargs):
        # A page's rows read by id (CappedPaginator): page 200 reads 20 articles, not 4,000.
        return super().get_paginator(queryset, per_page, rows=self.get_queryset(), **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The page's tags in one query (archive.tag_lists), not taggit's prefetch.
        attach_tags(context["articles"])
        return context


class ArticleDetailView(DraftPreviewMixin, DetailView):
    context_object_name = "article"
    citations_per_page = 25
    people_per_page = 50
    events_per_page = 20
    template_name = "archive/article_detail.html"

    def get_queryset(self):
        return Article.objects.with_related()

    def get_citations(self):
        """The article's citations of published quotes, with each quote's speaker and posts."""
        return (
            # Through the join: ``quote__in=Quote.objects.published()`` has SQLite list every public quote.
            self.object.citations.filter(published_q("quote__"))
            .select_related("quote__speaker")
            .defer(*(f"quote__{name}" for name in UNSHOWN_WITH_A_QUOTE))
            # What a quote card shows, as Quote.objects.with_related() reads it.
            .prefetch_related(speaker_posts("quote__"), card_citations("quote__"))
            .order_by(F("start_offset").asc(nulls_last=True), "id")
        )

    def get_context_data(self, **kwargs):
        article, request = self.object, self.request
        people = article.people.published().only("name", "slug", "description").order_by("sort_name", "id")
        people = paginate_short(request, people, self.people_per_page, "people_page")
        events = article.events.published().order_by("start_date", "id")
        events = events.only("title", "slug", "start_date", "start_precision", "end_date", "end_precision", "location")
        return super().get_context_data(
            citations=paginate(request, self.get_citations(), self.citations_per_page, "quotes_page"),
            people=people,
            events=paginate_short(request, events, self.events_per_page, "events_page"),
            jsonld=article_jsonld(article, people=people.paginator.object_list[:SHORT_LIST_CAP], request=request),
            **kwargs,
        )
