"""Quotes: the filterable list, one quote with its citations, and the person suggestions for the filter."""

from django.db.models import F
from django.http import JsonResponse
from django.utils.translation import get_language_info
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from archive.citing import citation_line
from archive.editorial import published_q
from archive.filters import NARROWING, QuoteFilterSet
from archive.jsonld import quotation_jsonld
from archive.models import Citation, Quote
from archive.models.quotes import speaker_posts
from archive.paginators import CappedPaginator
from archive.views.paging import paginate
from archive.views.preview import DraftPreviewMixin
from people.models import Person

SUGGESTIONS = 10


def query_string(query):
    return f"?{query.urlencode()}" if query else "?"


class QuoteListView(ListView):
    """
    Published quotes through QuoteFilterSet. Unlike django-filter's FilterView, a filter the
    reader got wrong is answered with 400 and the form with its messages, not an empty 200.
    """

    paginate_by = 20
    paginator_class = CappedPaginator
    context_object_name = "quotes"
    template_name = "archive/quote_list.html"

    def get(self, request, *args, **kwargs):
        # Always bound, so the default sort applies to a bare /quotes/ too.
        self.filterset = QuoteFilterSet(request.GET, queryset=self.public_quotes(), request=request)
        if self.filterset.is_valid():
            return super().get(request, *args, **kwargs)
        self.object_list = Quote.objects.none()
        return self.render_to_response(self.get_context_data(), status=400)

    def public_quotes(self):
        return Quote.objects.published().with_related()

    def get_queryset(self):
        return self.filterset.qs

    def get_paginate_by(self, queryset):
        return self.paginate_by if self.filterset.is_valid() else None

    def get_paginator(self, queryset, per_page, **kwargs):
        # How far to count depends on the shape the filters took.
        return super().get_paginator(queryset, per_page, rows=self.public_quotes(), **self.filterset.paging(), **kwargs)

    def get_active_filters(self):
        """One chip per filter in use, each linking to this page without just that filter."""
        data = self.filterset.form.cleaned_data
        chips = []
        for name in NARROWING:
            value = data.get(name)
            if value in (None, ""):
                continue
            rest = self.request.GET.copy()
            rest.pop(name, None)
            rest.pop("page", None)
            chips.append(
                {
                    "name": name,
                    "label": self.filterset.filters[name].label,
                    "value": value,
                    "remove_url": query_string(rest),
                }
            )
        return chips

    def get_sort_links(self):
        current = self.filterset.form.cleaned_data.get("sort") or "-date"
        links = []
        for value, label in self.filterset.filters["sort"].extra["choices"]:
            query = self.request.GET.copy()
            query["sort"] = value
            query.pop("page", None)
            links.append({"label": label, "url": query_string(query), "current": value == current})
        return links

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filter=self.filterset, form=self.filterset.form, **kwargs)
        if self.filterset.is_valid():
            context.update(active_filters=self.get_active_filters(), sort_links=self.get_sort_links())
        return context


def language_name(code):
    """“Russian” for “ru”; the code itself for anything Django does not know."""
    try:
        return get_language_info(code)["name"]
    except KeyError:
        return code


class QuoteDetailView(DraftPreviewMixin, DetailView):
    context_object_name = "quote"
    template_name = "archive/quote_detail.html"
    citations_per_page = 50

    def get_queryset(self):
        # DraftPreviewMixin narrows this to published() for everyone who may not edit quotes.
        return Quote.objects.select_related("speaker", "event").prefetch_related(speaker_posts(), "tags")

    def get_citations(self):
        """This quote's citations in published articles, oldest report first."""
        return (
            Citation.objects.filter(published_q("article__"), quote=self.object)
            .select_related("article__outlet")
            .order_by(F("article__published_on").asc(nulls_last=True), "id")
        )

    def get_context_data(self, **kwargs):
        quote = self.object
        citations = self.get_citations()
        page = paginate(self.request, citations, self.citations_per_page, "citations_page")
        # The earliest report is credited in the citation line, whichever page is shown.
        first = citations.first() if page.number > 1 else next(iter(page.object_list), None)
        quote_url = self.request.build_absolute_uri(quote.get_absolute_url())
        event = quote.event if quote.event_id and quote.event.is_public else None
        return super().get_context_data(
            citations=page,
            event=event,
            original_language_name=language_name(quote.original_language) if quote.original_language else "",
            citation_text=citation_line(quote, first, quote_url),
            jsonld=quotation_jsonld(quote, page.object_list, request=self.request),
            **kwargs,
        )


@require_safe
def person_suggestions(request):
    """
    Up to ten published people whose name, sort name or an alias name starts with ``q``, for
    the person filter's suggestions. Prefix matches only: an index on UPPER(name) can serve them.
    """
    query = request.GET.get("q", "").strip()[:100]
    people = []
    if query:
        matches = Person.objects.published().name_starts_with(query)
        people = [
            {"slug": person.slug, "name": person.name, "description": person.description}
            for person in matches.order_by("sort_name", "id").only("slug", "name", "description")[:SUGGESTIONS]
        ]
    return JsonResponse({"results": people})
