"""Events: the timeline (by year and month, filterable, with an overview strip) and one event's page."""

from urllib.parse import urlencode

from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.views.generic import DetailView, ListView

from archive.dates import PartialDate, Precision
from archive.filters import EventFilterSet
from archive.jsonld import event_jsonld
from archive.models import Article, Event, Quote
from archive.people_lists import attach_people
from archive.timeline import build_overview, group_by_period, strip_months
from archive.views.paging import SHORT_LIST_CAP, paginate, paginate_short
from archive.views.preview import DraftPreviewMixin


def count_of(queryset, group_by):
    """A subquery counting ``queryset`` rows per outer event, 0 when there are none."""
    counts = queryset.order_by().values(group_by).annotate(count=Count("pk")).values("count")
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


class TimelineView(ListView):
    """
    Published events in date order, a page at a time, under year and month headings, below
    the month-by-month strip. A filter the reader got wrong is answered with 400 and the form
    with its message.
    """

    paginate_by = 25
    # An entry names this many of its people, then links to the event's page for the others.
    names_shown = 5
    context_object_name = "events"
    template_name = "archive/timeline.html"
    overview = None

    def get(self, request, *args, **kwargs):
        events = Event.objects.published().order_by("start_date", "id")
        self.filterset = EventFilterSet(request.GET or None, queryset=events, request=request)
        if self.is_valid():
            self.overview = self.get_overview()
            return super().get(request, *args, **kwargs)
        self.object_list = Event.objects.none()
        return self.render_to_response(self.get_context_data(), status=400)

    def get_queryset(self):
        return self.filterset.qs

    def paginate_queryset(self, queryset, page_size):
        """
        The page's events found by id (in one subquery: the filters, the order, the offset),
        then read with their counts (their people: ``get_context_data``). PostgreSQL works out a row's subqueries even
        for the rows an OFFSET skips, so counting alongside the search would cost a deep page
        dearly.
        """
        paginator, page, ids, is_paginated = super().paginate_queryset(queryset.values("pk"), page_size)
        page.object_list = (
            Event.objects.filter(pk__in=ids)
            .listed()
            .annotate(
                quote_count=count_of(Quote.objects.published().filter(event=OuterRef("pk")), "event"),
                article_count=count_of(Article.objects.published().filter(events=OuterRef("pk")), "events"),
            )
            .order_by("start_date", "id")
        )
        return paginator, page, page.object_list, is_paginated

    def get_paginate_by(self, queryset):
        return self.paginate_by if self.is_valid() else None

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        # The strip has counted these very events (every event has a start month): no COUNT of its own.
        paginator.count = self.overview.total_events
        return paginator

    def is_valid(self):
        return not self.filterset.is_bound or self.filterset.is_valid()

    def cleaned_filters(self):
        return self.filterset.form.cleaned_data if self.filterset.is_bound else {}

    def get_overview(self):
        """Events (as filtered) and quotes (by the person, with the tag, within the dates) per month."""
        data = self.cleaned_filters()
        start = data["date_after"].date if data.get("date_after") else None
        end = data["date_before"].last_day if data.get("date_before") else None
        person, tag = data.get("person"), data.get("tag")
        return build_overview(*strip_months(person=person, tag=tag, kind=data.get("kind") or "", start=start, end=end))

    def get_quote_scope(self):
        """What narrows the strip's quote counts, in words ("by the person, with the tag"); a kind does not."""
        data = self.cleaned_filters()
        scope = [
            words
            for words, chosen in [
                ("by the person", data.get("person")),
                ("with the tag", data.get("tag")),
                ("within the dates chosen", data.get("date_after") or data.get("date_before")),
            ]
            if chosen
        ]
        return ", ".join(scope)

    def get_active_filters(self):
        """(label, value in words) for each filter in use, for the page to say what it shows."""
        return self.filterset.in_words() if self.filterset.is_bound else []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        valid = self.is_valid()
        events = list(context["events"]) if valid else []
        # One more than shown is read: it tells that there are others. The person the timeline
        # is filtered by is named first, whoever else is there.
        attach_people(events, self.names_shown + 1, leading=self.cleaned_filters().get("person"))
        for event in events:
            event.more_people = len(event.public_people) > self.names_shown
            event.public_people = event.public_people[: self.names_shown]
        context.update(
            filter_form=self.filterset.form,
            active_filters=self.get_active_filters() if valid else [],
            quote_scope=self.get_quote_scope() if valid else "",
            years=group_by_period(events),
            overview=self.overview,
        )
        return context


class EventDetailView(DraftPreviewMixin, DetailView):
    context_object_name = "event"
    template_name = "archive/event_detail.html"
    quotes_per_page = 20
    articles_per_page = 20
    people_per_page = 50

    def get_queryset(self):
        return Event.objects.prefetch_related("tags")

    def get_quotes(self):
        return (
            Quote.objects.published()
            .filter(event=self.object)
            .with_related()
            .order_by(F("said_on").asc(nulls_last=True), "id")
        )

    def get_articles(self):
        return self.object.articles.published().listed().order_by(F("published_on").asc(nulls_last=True), "id")

    def get_around(self):
        """The month of the event (or its year, if that is all we know), for a link to the timeline."""
        start = self.object.start
        around = PartialDate(start.date, Precision.YEAR if start.precision == Precision.YEAR else Precision.MONTH)
        query = urlencode({"date_after": around.isoformat(), "date_before": around.isoformat()})
        return around, f"{reverse('events:timeline')}?{query}"

    def get_context_data(self, **kwargs):
        event = self.object
        request = self.request
        around, around_url = self.get_around()
        people = event.people.published().only("name", "slug", "description").order_by("sort_name", "id")
        people = paginate_short(request, people, self.people_per_page, "people_page")
        return super().get_context_data(
            around=around,
            around_url=around_url,
            people=people,
            quotes=paginate(request, self.get_quotes(), self.quotes_per_page, "quotes_page"),
            articles=paginate(request, self.get_articles(), self.articles_per_page, "articles_page"),
            jsonld=event_jsonld(event, people=people.paginator.object_list[:SHORT_LIST_CAP], request=request),
            **kwargs,
        )
