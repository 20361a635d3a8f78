"""
Quotes and events per month, kept by the database, for the timeline's overview strip.

Grouping a million quotes by month on every request costs seconds, so the strip reads these
tables instead:

- ``MonthlyCount``: how many quotes (by date said) and events (by start date) with status
  "published" fall in each month, at each precision, overall and narrowed to one person or
  one tag; events also to one person with one tag, and per kind. Scheduled items are counted too.
- ``ScheduledItem``: the quotes and events published with a publish time still ahead when
  they were last written, under each key they count in. Each count keeps how many of its
  items have such a row (``MonthlyCount.scheduled``), so what is public now is the count less
  those, plus the rows whose time has come (``archive.timeline``): an item shows up on time
  with no job to run, and a reader walks only the rows that came due, not every item still
  to come. ``manage.py refresh_scheduled`` (from cron) forgets the rows that came due, which
  keeps that walk short; until then they are read, and the figures are the same.

Triggers (``archive.counts_timeline``, installed by migration 0008_timeline_counts) keep the
rows current on every write to quotes, events, their people and their taggings, whatever makes
it: a save, an admin action's ``queryset.update()``, an import, raw SQL. Nothing in Python
writes them, except the rebuild (``manage.py rebuild_timeline_counts``).

On SQLite, Django rebuilds a table to alter it, which drops its triggers: a future migration
that alters Quote, Event, the event-people table or taggit's TaggedItem must install them
again (``archive.counts_timeline.install``); ``tests/test_timeline_counts.py`` fails until it does.
"""

from django.db import models
from django.db.models import DateField
from django.db.models.functions import TruncMonth

from archive.dates import Precision


class MonthStart(TruncMonth):
    """
    The first day of a date's month, as a date. Django's TruncMonth calls a Python function
    per row on SQLite; this one uses SQLite's own ``date()`` (the same one the triggers use).
    """

    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"date({sql}, 'start of month')", params

    def as_postgresql(self, compiler, connection, **extra_context):
        # For date columns (said_on, start_date): Django's truncates a date as a timestamp with
        # time zone (a conversion per row) and hands back datetimes; as a timestamp without
        # one, then a date, it is neither.
        sql, params = compiler.compile(self.lhs)
        return f"DATE_TRUNC('month', ({sql})::timestamp)::date", params


class MonthlyCount(models.Model):
    """
    One month's count of published quotes or events at one precision, overall or for one
    person or one tag (for events, also one person with one tag). ``person_id`` and ``tag_id``
    are 0 for "everyone" and "any tag" (not NULL: the triggers add to a row by its unique key,
    which must be NOT NULL on both databases to match); they are not foreign keys, since a
    count outlives nothing it counts.
    """

    class Subject(models.TextChoices):
        QUOTE = "quote", "Quotes"
        EVENT = "event", "Events"

    subject = models.CharField(max_length=5, choices=Subject.choices)
    person_id = models.IntegerField(
        db_default=0, help_text="Quotes said by / events involving this person; 0 for everyone."
    )
    tag_id = models.IntegerField(db_default=0, help_text="Quotes or events carrying this tag; 0 for any.")
    event_kind = models.CharField(
        max_length=20, blank=True, db_default="", help_text="Events of this kind; empty for quotes."
    )
    month = models.DateField(help_text="The first day of the month (January for a year-only date).")
    date_precision = models.CharField(max_length=5, choices=Precision.choices)
    count = models.IntegerField(db_default=0)
    # Kept by triggers on ScheduledItem: none of the rest of the code writes it.
    scheduled = models.IntegerField(
        db_default=0, help_text="How many of the counted items have a scheduled row (ScheduledItem), due or not."
    )

    class Meta:
        constraints = [
            # The key the triggers add to; also the index every read of the strip walks.
            models.UniqueConstraint(
                fields=["subject", "person_id", "tag_id", "event_kind", "month", "date_precision"],
                name="monthlycount_unique_key",
            ),
        ]

    def __str__(self):
        return f"{self.subject} {self.month:%Y-%m}"


class ScheduledItem(models.Model):
    """
    A published quote or event whose publish time was still ahead when it was last written,
    once under each ``MonthlyCount`` key it counts in (overall, its person or people, its tags,
    and for events each person with each tag, per kind and of any kind).
    """

    subject = models.CharField(max_length=5, choices=MonthlyCount.Subject.choices)
    object_id = models.BigIntegerField()
    person_id = models.IntegerField(db_default=0)
    tag_id = models.IntegerField(db_default=0)
    event_kind = models.CharField(max_length=20, blank=True, db_default="")
    month = models.DateField()
    date_precision = models.CharField(max_length=5, choices=Precision.choices)
    published_at = models.DateTimeField("publish time")

    class Meta:
        indexes = [
            # Per key, the rows whose time has come (a range of publish times), with their months.
            models.Index(
                fields=["subject", "person_id", "tag_id", "event_kind", "published_at", "month", "date_precision"],
                name="scheduleditem_due_idx",
            ),
        ]
        constraints = [
            # Also the index the triggers find an item's rows by.
            models.UniqueConstraint(
                fields=["subject", "object_id", "person_id", "tag_id", "event_kind"], name="scheduleditem_unique_key"
            ),
        ]

    def __str__(self):
        return f"{self.subject} {self.object_id}"
