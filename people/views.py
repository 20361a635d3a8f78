"""People: the list with a name filter, and one person's profile, posts, quotes, events and coverage."""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.generic import DetailView, ListView

from archive.feeds import PersonQuotesFeed
from archive.jsonld import person_jsonld
from archive.models import Article, Citation, Event, Quote
from archive.views.paging import paginate
from archive.views.preview import DraftPreviewMixin, can_preview
from people.forms import QuoteDateRangeForm
from people.models import Person, PersonAlias, PersonRedirect, Role


def merged_person_redirect(request, slug, viewname):
    """
    A 301 from the address of a person merged into another to the same page of the person
    kept, query string included; Http404 if ``slug`` never redirected, or leads to a person
    this user may not see.
    """
    people = Person.objects.all() if can_preview(request.user, Person) else Person.objects.published()
    redirect = PersonRedirect.objects.filter(old_slug=slug, person__in=people).select_related("person").first()
    if redirect is None:
        raise Http404("No such person.")
    url = reverse(viewname, kwargs={"slug": redirect.person.slug})
    if query := request.META.get("QUERY_STRING"):
        url = f"{url}?{query}"
    return HttpResponsePermanentRedirect(url)


class PersonListView(ListView):
    paginate_by = 30
    context_object_name = "people"
    template_name = "people/person_list.html"

    def get_query(self):
        return self.request.GET.get("q", "").strip()[:100]

    def get_queryset(self):
        people = Person.objects.published().order_by("sort_name", "id")
        query = self.get_query()
        if query:
            # Prefix matches (no leading wildcard) on the name, the sort name ("Antonov, Anatoly")
            # and the alias names: "anat", "antonov" and "Анатолий" all find Anatoly Antonov.
            # Full-text matching is the search page's job.
            alias_match = PersonAlias.objects.filter(person=OuterRef("pk"), name__istartswith=query)
            people = people.filter(Q(name__istartswith=query) | Q(sort_name__istartswith=query) | Exists(alias_match))
        return people

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.get_query(), **kwargs)


class PersonDetailView(DraftPreviewMixin, DetailView):
    context_object_name = "person"
    template_name = "people/person_detail.html"
    quotes_per_page = 10
    events_per_page = 10
    articles_per_page = 10

    def get_queryset(self):
        return Person.objects.prefetch_related(
            "aliases",
            Prefetch("roles", queryset=Role.objects.select_related("organization").order_by("start_date", "id")),
        )

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except Http404:
            return merged_person_redirect(request, kwargs["slug"], "people:detail")
        self.date_form = QuoteDateRangeForm(request.GET)
        context = self.get_context_data(object=self.object)
        # A malformed filter is the reader's error: say so on the page, with a 400.
        status = 200 if self.date_form.is_valid() else 400
        return self.render_to_response(context, status=status)

    def get_quotes(self):
        quotes = Quote.objects.published().by_person(self.object).with_related()
        if not self.date_form.is_valid():
            return quotes.none()
        return quotes.between(*self.date_form.bounds())

    def get_events(self):
        return Event.objects.published().involving(self.object).order_by("-start_date", "-id")

    def get_coverage(self):
        """Published articles that mention this person or report one of their published quotes."""
        person = self.object
        mentions = Article.people.through.objects.filter(article=OuterRef("pk"), person=person)
        cites = Citation.objects.filter(article=OuterRef("pk"), quote__in=Quote.objects.published().by_person(person))
        return Article.objects.published().filter(Exists(mentions) | Exists(cites)).select_related("outlet")

    def get_others_quoted(self):
        """What other people (and unnamed sources) said in the coverage of this person."""
        in_coverage = Citation.objects.filter(quote=OuterRef("pk"), article__in=self.get_coverage())
        return Quote.objects.published().filter(Exists(in_coverage)).exclude(speaker=self.object).with_related()

    def get_context_data(self, **kwargs):
        request = self.request
        return super().get_context_data(
            others_quoted=paginate(request, self.get_others_quoted(), self.quotes_per_page, "others_page"),
            date_form=self.date_form,
            quotes=paginate(request, self.get_quotes(), self.quotes_per_page, "page"),
            events=paginate(request, self.get_events(), self.events_per_page, "events_page"),
            coverage=paginate(request, self.get_coverage(), self.articles_per_page, "articles_page"),
            jsonld=person_jsonld(self.object, request=request),
            **kwargs,
        )


person_quotes_feed = PersonQuotesFeed()


def person_feed(request, slug):
    """One person's quotes feed; a merged person's old feed address redirects to the kept person's."""
    try:
        return person_quotes_feed(request, slug=slug)
    except Http404:
        return merged_person_redirect(request, slug, "people:feed")
