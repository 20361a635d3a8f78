"""
Search: one box over quotes, articles, people and events, ranked, with highlighted snippets.

Three queries whatever the archive's size: the words' frequencies, every kind's window
of newest matches (which gives every kind's count), then the page's documents with
their highlights (see ``archive.search.backends``). None for a search of only stopwords.
"""

from dataclasses import dataclass

from django.views.generic import ListView

from archive.dates import PartialDate
from archive.models import SearchDocument
from archive.search.backends import KindCount, search
from archive.search.forms import KIND_CHOICES, SearchForm
from archive.search.query import has_mark, mark, parse


@dataclass
class SearchHit:
    kind: str
    kind_label: str
    url: str
    title_html: str
    names_html: str
    subtitle: str
    when: PartialDate | None
    snippet_html: str

    @classmethod
    def from_document(cls, document):
        snippet = document.snippet_marked
        # A quote's body is its speaker's names and the like: worth showing only when it matched.
        show_snippet = bool(snippet) and (document.kind != SearchDocument.Kind.QUOTE or has_mark(snippet))
        return cls(
            kind=document.kind,
            kind_label=document.get_kind_display(),
            url=document.get_absolute_url(),
            title_html=mark(document.title_marked),
            # Other names, shown when the match was one of them: "also known as Анатолий Антонов".
            names_html=mark(document.names_marked) if has_mark(document.names_marked) else "",
            subtitle=document.subtitle,
            when=document.when,
            snippet_html=mark(snippet) if show_snippet else "",
        )


@dataclass
class KindFacet:
    value: str
    label: str
    count: KindCount  # "12", or "200+" when there are more
    query_string: str
    current: bool


class SearchView(ListView):
    template_name = "archive/search.html"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET)
        self.parsed = None
        self.object_list = []
        status = 200
        if not self.form.is_valid():
            status = 400
        elif self.form.cleaned_data["q"]:
            self.parsed = parse(self.form.cleaned_data["q"])
            if self.parsed:
                self.object_list = search(self.parsed, kind=self.form.cleaned_data["kind"])
        return self.render_to_response(self.get_context_data(), status=status)

    def get_facets(self):
        results = self.object_list
        current = self.form.cleaned_data["kind"]
        facets = []
        for value, label in KIND_CHOICES:
            query = self.request.GET.copy()
            query.pop("page", None)
            query["kind"] = value
            if not value:
                del query["kind"]
            count = results.count_of(value or None)
            facets.append(KindFacet(value, label, count, query.urlencode(), value == current))
        return facets

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        searched = self.form.is_valid() and bool(self.form.cleaned_data["q"])
        context.update(
            form=self.form,
            query=self.form.cleaned_data["q"] if searched else "",
            searched=searched,
            has_words=bool(self.parsed),
            only_excluded=bool(self.parsed is not None and not self.parsed and self.parsed.excluded),
            stopwords=self.parsed.stopwords if self.parsed is not None else [],
            only_stopwords=bool(self.parsed is not None and self.parsed.only_stopwords),
        )
        if self.parsed:
            context["facets"] = self.get_facets()
            context["total"] = self.object_list.total
            context["window"] = self.object_list.window
            context["hits"] = [SearchHit.from_document(document) for document in context["page_obj"]]
        return context
