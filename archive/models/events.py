"""Events on the timeline: what happened when, who was there, who covered it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from archive.dates import Precision, Span, span_condition, span_error, truncate
from archive.editorial import Publishable, PublishableQuerySet
from archive.links import detail_url
from archive.slugs import unique_slug


def still_on(day):
    """
    Events still going on at ``day`` by their end, read to the last day of its span: one that
    ended "June 2017" is still on at 15 June 2017. ``end_date`` holds the span's first day, so
    each precision is compared with ``day``'s month or year; the first condition, the loosest,
    is the range an index on the end date reads.
    """
    return Q(end_date__gte=day.replace(month=1, day=1)) & (
        Q(end_precision=Precision.YEAR)
        | Q(end_precision=Precision.MONTH, end_date__gte=day.replace(day=1))
        | Q(end_date__gte=day)
    )


class EventQuerySet(PublishableQuerySet):
    def listed(self):
        """As lists show events (``_event_item.html``, the timeline): without the description, their page's."""
        return self.defer("description")

    def between(self, start=None, end=None):
        """Events whose span overlaps [start, end]: one that began earlier but ran into it counts."""
        queryset = self
        if start is not None:
            queryset = queryset.filter(Q(start_date__gte=start) | still_on(start))
        if end is not None:
            queryset = queryset.filter(start_date__lte=end)
        return queryset

    def involving(self, person):
        return self.filter(people=person)


class Event(Span, Publishable):
    class Kind(models.TextChoices):
        MEETING = "meeting", "Meeting"
        SPEECH = "speech", "Speech or talk"
        INTERVIEW = "interview", "Interview"
        APPOINTMENT = "appointment", "Appointment"
        ARRIVAL = "arrival", "Arrival at a post"
        RESIGNATION = "resignation", "Resignation"
        EXPULSION = "expulsion", "Expulsion"
        DEFECTION = "defection", "Defection"
        STATEMENT = "statement", "Statement"
        SANCTION = "sanction", "Sanction"
        VOTE = "vote", "Vote"
        CONFLICT = "conflict", "Armed conflict"
        OTHER = "other", "Other"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    start_date = models.DateField(help_text="The first day of the span if only the year or month is known.")
    start_precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)
    end_date = models.DateField(null=True, blank=True, help_text="For events that lasted; empty for one day.")
    end_precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)
    location = models.CharField(max_length=200, blank=True, default="")
    description = models.TextField(blank=True, default="")
    people = models.ManyToManyField("people.Person", related_name="events", blank=True)
    articles = models.ManyToManyField(
        "archive.Article", related_name="events", blank=True, verbose_name="covering articles"
    )
    tags = TaggableManager(blank=True)

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[people, articles])

    class Meta:
        permissions = [("publish_event", "Can publish and unpublish events")]
        ordering = ["start_date", "id"]
        indexes = [
            models.Index(fields=["start_date", "id"], name="event_start_date_idx"),
            # The timeline filtered by kind, in date order.
            models.Index(fields=["kind", "start_date", "id"], name="event_kind_start_date_idx"),
            # Events begun before a date range and still going on in it.
            models.Index(fields=["end_date", "start_date"], name="event_end_date_idx"),
            # A tag's feed: its latest published events, found walking this index (as Quote's).
            models.Index(F("published_at").desc(), F("id").desc(), F("status"), name="event_published_at_idx"),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=span_condition(),
                name="event_end_not_before_start",
                violation_error_message="An event cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return detail_url("events:detail", "slug", self.slug)

    def save(self, *args, **kwargs):
        self.start_date = truncate(self.start_date, self.start_precision)
        self.end_date = truncate(self.end_date, self.end_precision)
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if message := span_error(self.start, self.end):
            raise ValidationError({"end_date": message})
