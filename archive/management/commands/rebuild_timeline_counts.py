"""
Recount the timeline's quotes and events per month: ``python manage.py rebuild_timeline_counts``.

Triggers keep the counts current on every write (``archive.counts_timeline``), so this is a
repair: after a bulk load that ran without them, after a restore, or if a migration on SQLite
remade one of the counted tables and took its triggers with it. It installs the triggers again
and recounts, in one transaction: readers see the old counts until the new ones are complete.
``--dry-run`` compares the stored counts, with how many scheduled rows each has, and the
scheduled items still to come, with a fresh count and writes nothing.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Count
from django.utils import timezone

from archive import counts_timeline
from archive.models import MonthlyCount, ScheduledItem
from archive.triggers import recount

KEY = ["subject", "person_id", "tag_id", "event_kind", "month", "date_precision"]


def stored_counts(database):
    """
    Per key: (count, scheduled rows it notes, items still to come). Readers see the count less
    the scheduled rows, plus those whose time has come, so any of the three may be wrong. A
    rebuild writes rows for the items still to come only, so the rows that came due (until
    ``refresh_scheduled`` forgets them) are taken off the note: they are right, not wrong.
    """
    now = timezone.now()
    rows = MonthlyCount.objects.using(database).exclude(count=0, scheduled=0).values_list(*KEY, "count", "scheduled")
    counts = {tuple(key): [count, scheduled, 0] for *key, count, scheduled in rows}
    scheduled = ScheduledItem.objects.using(database).values_list(*KEY).annotate(rows=Count("*")).order_by()
    for *key, due in scheduled.filter(published_at__lte=now):
        counts.setdefault(tuple(key), [0, 0, 0])[1] -= due
    for *key, waiting in scheduled.filter(published_at__gt=now):
        counts.setdefault(tuple(key), [0, 0, 0])[2] = waiting
    return {key: tuple(row) for key, row in counts.items() if any(row)}


class Command(BaseCommand):
    help = "Install the timeline count triggers again and recount the published quotes and events per month."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report how many stored counts are wrong; write nothing."
        )
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, choices=tuple(connections), help="The database to repair."
        )

    def handle(self, *args, dry_run=False, database=DEFAULT_DB_ALIAS, **options):
        connection = connections[database]
        if connection.vendor not in ("sqlite", "postgresql"):
            raise CommandError(f"Timeline counts are kept on SQLite and PostgreSQL only, not {connection.vendor}.")
        before, after, _ = recount(database, counts_timeline, stored_counts, dry_run=dry_run)
        wrong = sum(1 for key in before.keys() | after.keys() if before.get(key) != after.get(key))
        if dry_run:
            message = f"{wrong} of {len(after)} monthly counts are wrong; nothing written."
        else:
            message = f"Recounted {len(after)} monthly counts; {wrong} were wrong."
        self.stdout.write(self.style.SUCCESS(message))
