"""People: the list with a name filter, and one person's profile, posts, quotes, events and coverage."""

from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from archive.feeds import PersonQuotesFeed
from archive.jsonld import person_jsonld
from archive.lookups import id_array
from archive.models import Article, Event, Quote
from archive.models.quotes import UNSHOWN_WITH_A_QUOTE, card_citations
from archive.paginators import CappedPaginator
from archive.timeline import event_count
from archive.views.paging import paginate
from archive.views.preview import DraftPreviewMixin, can_preview
from people.coverage import latest_coverage, others_quoted
from people.forms import QuoteDateRangeForm
from people.models import Person, PersonRedirect


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


class WalkWhenManyPaginator(CappedPaginator):
    """
    A capped paginator for one person's share of a big table, which has two ways to the same rows.

    ``few`` starts from the person (an index on person) and sorts what it finds: quick while
    the person has few rows, and the way they are counted. ``many`` walks the whole table in
    display order and checks each row: quick when a good share of the table is the person's,
    and the way the pages are read once the count reaches the cap. PostgreSQL's statistics
    tell the two cases apart; SQLite's cannot, so the view chooses.
    """

    def __init__(self, few, many, per_page, cap, total=None):
        super().__init__(few, per_page, cap=cap, total=total)
        self.many = many

    def page(self, number):
        if self.capped:
            self.object_list = self.many
        return super().page(number)


class DirectoryPaginator(CappedPaginator):
    """
    The people list's paginator: counted far enough that every person stays reachable page by
    page, A to Z. People are few next to quotes; counting them reads one index.
    """

    cap = 100_000


class PersonListView(ListView):
    paginate_by = 30
    paginator_class = DirectoryPaginator
    context_object_name = "people"
    template_name = "people/person_list.html"

    def get_query(self):
        return self.request.GET.get("q", "").strip()[:100]

    def get_queryset(self):
        people = Person.objects.published().listed().order_by("sort_name", "id")
        query = self.get_query()
        if query:
            # Prefix matches on the names, which indexes serve; full-text matching is the search page's job.
            people = people.name_starts_with(query)
        return people

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.get_query(), **kwargs)


class PersonDetailView(DraftPreviewMixin, DetailView):
    """
    A person's profile, posts, quotes (filterable by date), events and latest coverage.

    Every list on the page costs the same whatever the size of the archive or the person's
    share of it: quotes and events are counted up to ``list_cap``, and coverage is bounded by
    recency (see ``get_coverage``), as is "others quoted" within it.
    """

    context_object_name = "person"
    template_name = "people/person_detail.html"
    quotes_per_page = 10
    events_per_page = 10
    articles_per_page = 10
    list_cap = 1000
    coverage_quotes = 100
    coverage_mentions = 100
    others_from_articles = 10

    def get_queryset(self):
        # The person's posts are read with those of everyone else quoted on the page (get_context_data).
        return Person.objects.prefetch_related("aliases")

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
        # Through the person's manager, each quote's speaker is this very person, whose posts
        # the page reads once; the citations are read with the other list's (get_context_data).
        quotes = self.object.quotes.published().defer("notes")
        if not self.date_form.is_valid():
            return quotes.none()
        return quotes.between(*self.date_form.bounds())

    def get_events(self):
        """
        The person's published events, latest first, as a paginator. Most people are at a few
        events: their ids come first, from the person's index, so the database sorts just those
        (PostgreSQL, joining, would walk every event by date looking for them); the ids of the
        published ones, in order, give the count, and the page's rows are read by id. For
        someone at more than ``list_cap`` events, see WalkWhenManyPaginator.
        """
        events = Event.objects.published().listed().order_by("-start_date", "-id")
        attended = Event.people.through.objects.filter(person=self.object)
        ids = list(attended.values_list("event_id", flat=True)[: self.list_cap + 1])
        if len(ids) <= self.list_cap:
            return CappedPaginator(
                events.filter(pk__in=id_array(ids, events.db)),
                self.events_per_page,
                cap=self.list_cap,
                walk=True,
                rows=Event.objects.listed(),
            )
        # Counted from the counts the database keeps of the person's events month by month.
        walk = events.filter(Exists(attended.filter(event=OuterRef("pk"))))
        return WalkWhenManyPaginator(
            events.involving(self.object), walk, self.events_per_page, cap=self.list_cap, total=event_count(self.object)
        )

    def get_coverage(self):
        """
        The ids of the latest coverage of this person, newest first: the published articles that
        report one of their ``coverage_quotes`` latest published quotes, or are among the
        ``coverage_mentions`` articles mentioning them most recently added to the archive.

        That is all of it for most people. A prolific speaker is reported by much of the archive;
        starting from their latest quotes and mentions keeps the work the same for everyone, and
        the list short enough to read once and page in memory.
        """
        return latest_coverage(self.object, self.coverage_quotes, self.coverage_mentions)

    def get_others_quoted(self, coverage):
        """
        A page of what others (people and unnamed sources) said in the ``others_from_articles``
        latest coverage articles: a few hundred quotes at most, whose ids are read in order once
        and paged in memory; only the page's quotes are read whole.
        """
        others = others_quoted(self.object, coverage[: self.others_from_articles])
        page = paginate(self.request, others, self.quotes_per_page, "others_page")
        quotes = Quote.objects.filter(pk__in=page.object_list).select_related("speaker").defer(*UNSHOWN_WITH_A_QUOTE)
        quotes = quotes.in_bulk()
        page.object_list = [quotes[pk] for pk in page.object_list]
        return page

    def read_cards(self, *pages):
        """
        What the quote cards of ``pages`` show beyond their rows, two queries for all of them:
        the reporting outlets, and the posts of the person and of each other speaker (the
        person's in date order, for "Posts held" too).
        """
        quotes = [quote for page in pages for quote in page.object_list]
        prefetch_related_objects(quotes, card_citations())
        speakers = [self.object, *(quote.speaker for quote in quotes if quote.speaker_id not in (None, self.object.pk))]
        prefetch_related_objects(speakers, Prefetch("post_rows", to_attr="posts"))

    def get_context_data(self, **kwargs):
        request = self.request
        quotes = CappedPaginator(self.get_quotes(), self.quotes_per_page, cap=self.list_cap)
        quotes = quotes.get_page(request.GET.get("page"))
        quotes.object_list = list(quotes.object_list)
        coverage_ids = self.get_coverage()
        coverage = paginate(request, coverage_ids, self.articles_per_page, "articles_page")
        articles = Article.objects.published().listed().in_bulk(coverage.object_list)
        coverage.object_list = [articles[pk] for pk in coverage.object_list if pk in articles]
        others = self.get_others_quoted(coverage_ids)
        self.read_cards(quotes, others)
        return super().get_context_data(
            date_form=self.date_form,
            quotes=quotes,
            events=self.get_events().get_page(request.GET.get("events_page")),
            others_quoted=others,
            coverage=coverage,
            coverage_quotes=self.coverage_quotes,
            coverage_mentions=self.coverage_mentions,
            # How many coverage articles "others quoted" comes from: fewer than the bound for most people.
            others_from_articles=min(len(coverage_ids), self.others_from_articles),
            jsonld=person_jsonld(self.object, request=request),
            **kwargs,
        )


person_quotes_feed = PersonQuotesFeed()


@require_safe
def person_feed(request, slug):
    """One person's quotes feed; a merged person's old feed address redirects to the kept person's."""
    try:
        return person_quotes_feed(request, slug=slug)
    except Http404:
        return merged_person_redirect(request, slug, "people:feed")
