"""Events: the timeline (by year and month, filterable, with an overview strip) and one event's page."""

from urllib.parse import urlencode

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce, TruncMonth
from django.urls import reverse
from django.views.generic import DetailView, ListView
from taggit.models import TaggedItem

from archive.dates import PartialDate, Precision
from archive.filters import EventFilterSet
from archive.jsonld import event_jsonld
from archive.models import Article, Event, Quote
from archive.timeline import build_overview, group_by_period, month_counts
from archive.views.paging import paginate
from archive.views.preview import DraftPreviewMixin
from people.models import Person


def count_of(queryset, group_by):
    """A subquery counting ``queryset`` rows per outer event, 0 when there are none."""
    counts = queryset.order_by().values(group_by).annotate(count=Count("pk")).values("count")
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def public_people():
    return Prefetch("people", queryset=Person.objects.published().order_by("sort_name", "id"), to_attr="public_people")


class TimelineView(ListView):
    """
    Published events in date order, a page at a time, under year and month headings.
    A filter the reader got wrong is answered with 400 and the form with its message.
    """

    paginate_by = 50
    context_object_name = "events"
    template_name = "archive/timeline.html"

    def get(self, request, *args, **kwargs):
        self.filterset = EventFilterSet(request.GET or None, queryset=self.base_queryset(), request=request)
        if not self.filterset.is_bound or self.filterset.is_valid():
            return super().get(request, *args, **kwargs)
        self.object_list = Event.objects.none()
        return self.render_to_response(self.get_context_data(), status=400)

    def base_queryset(self):
        return (
            Event.objects.published()
            .annotate(
                quote_count=count_of(Quote.objects.published().filter(event=OuterRef("pk")), "event"),
                article_count=count_of(Article.objects.published().filter(events=OuterRef("pk")), "events"),
            )
            .prefetch_related(public_people())
            .order_by("start_date", "id")
        )

    def get_queryset(self):
        return self.filterset.qs

    def get_paginate_by(self, queryset):
        return self.paginate_by if self.is_valid() else None

    def is_valid(self):
        return not self.filterset.is_bound or self.filterset.is_valid()

    def cleaned_filters(self):
        return self.filterset.form.cleaned_data if self.filterset.is_bound else {}

    def get_overview(self):
        """Events (as filtered) and quotes per month: one aggregate query each."""
        events = Event.objects.published()
        if self.filterset.is_bound:
            events = self.filterset.filter_queryset(events)
        event_rows = (
            events.order_by()
            .annotate(month=TruncMonth("start_date"))
            .values("month", "start_precision")
            .annotate(count=Count("pk"))
        )
        quote_rows = (
            self.filtered_quotes()
            .order_by()
            .annotate(month=TruncMonth("said_on"))
            .values("month", "said_on_precision")
            .annotate(count=Count("pk"))
        )
        return build_overview(
            month_counts(event_rows, "month", "start_precision"),
            month_counts(quote_rows, "month", "said_on_precision"),
        )

    def filtered_quotes(self):
        """Published dated quotes, narrowed by the filters that apply to quotes: person, tag, dates."""
        quotes = Quote.objects.published().filter(said_on__isnull=False)
        data = self.cleaned_filters()
        if data.get("person"):
            quotes = quotes.by_person(data["person"])
        if data.get("tag"):
            tagged = TaggedItem.objects.filter(
                content_type__app_label=Quote._meta.app_label,
                content_type__model=Quote._meta.model_name,
                object_id=OuterRef("pk"),
                tag=data["tag"],
            )
            quotes = quotes.filter(Exists(tagged))
        if data.get("date_after"):
            quotes = quotes.between(start=data["date_after"].date)
        if data.get("date_before"):
            quotes = quotes.between(end=data["date_before"].last_day)
        return quotes

    def get_active_filters(self):
        """(label, value in words) for each filter in use, for the page to say what it shows."""
        form = self.filterset.form
        active = []
        for name, value in self.cleaned_filters().items():
            if value in (None, ""):
                continue
            if name == "kind":
                value = Event.Kind(value).label
            active.append((form.fields[name].label, value))
        return active

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        valid = self.is_valid()
        context.update(
            filter_form=self.filterset.form,
            active_filters=self.get_active_filters() if valid else [],
            years=group_by_period(context["events"]) if valid else [],
            overview=self.get_overview() if valid else None,
        )
        return context


class EventDetailView(DraftPreviewMixin, DetailView):
    context_object_name = "event"
    template_name = "archive/event_detail.html"
    quotes_per_page = 20
    articles_per_page = 20

    def get_queryset(self):
        return Event.objects.prefetch_related("tags", public_people())

    def get_quotes(self):
        return (
            Quote.objects.published()
            .filter(event=self.object)
            .with_related()
            .order_by(F("said_on").asc(nulls_last=True), "id")
        )

    def get_articles(self):
        return (
            self.object.articles.published()
            .select_related("outlet")
            .order_by(F("published_on").asc(nulls_last=True), "id")
        )

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
        return super().get_context_data(
            around=around,
            around_url=around_url,
            quotes=paginate(request, self.get_quotes(), self.quotes_per_page, "quotes_page"),
            articles=paginate(request, self.get_articles(), self.articles_per_page, "articles_page"),
            jsonld=event_jsonld(event, people=event.public_people, request=request),
            **kwargs,
        )
