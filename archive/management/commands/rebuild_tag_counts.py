"""
Recount every tag's published articles, quotes and events: ``python manage.py rebuild_tag_counts``.

Triggers keep the counts current on every write (``archive.counts_tags``), so this is a repair:
after a bulk load that ran without them, after a restore, or if a migration on SQLite remade
one of the tagged tables and took its triggers with it. It installs the triggers again and
recounts, in one transaction: readers see the old counts until the new ones are complete.
``--dry-run`` compares the stored counts, with how many scheduled taggings each notes, and the
scheduled taggings still to come, with a fresh count and writes nothing.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Count
from django.utils import timezone

from archive import counts_tags
from archive.counts_tags import TAGGED
from archive.models import ScheduledTagging, TagUsage
from archive.triggers import recount

MODELS = [t.model for t in TAGGED]
WIDTH = 3 * len(MODELS)


def stored_counts(database):
    """
    Per tag: its counts of articles, quotes and events, how many scheduled taggings of each it
    notes, then how many of each are still to come. Readers see the counts less the scheduled
    taggings, plus those whose time has come, so any of them may be wrong. A rebuild writes the
    taggings still to come only, so those that came due (until ``refresh_scheduled`` forgets
    them) are taken off the notes: they are right, not wrong.
    """
    now = timezone.now()
    columns = [t.column for t in TAGGED] + [t.scheduled for t in TAGGED]
    rows = TagUsage.objects.using(database).values_list("tag_id", *columns)
    counts = {row[0]: [*row[1:], 0, 0, 0] for row in rows}
    scheduled = ScheduledTagging.objects.using(database).values_list("tag_id", "model").annotate(n=Count("*"))
    for tag, model, due in scheduled.filter(published_at__lte=now).order_by():
        counts.setdefault(tag, [0] * WIDTH)[len(TAGGED) + MODELS.index(model)] -= due
    for tag, model, waiting in scheduled.filter(published_at__gt=now).order_by():
        counts.setdefault(tag, [0] * WIDTH)[len(columns) + MODELS.index(model)] = waiting
    return {tag: tuple(row) for tag, row in counts.items()}


class Command(BaseCommand):
    help = "Install the tag count triggers again and recount every tag's published articles, quotes and events."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report how many tags' stored counts are wrong; write nothing."
        )
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, choices=tuple(connections), help="The database to repair."
        )

    def handle(self, *args, dry_run=False, database=DEFAULT_DB_ALIAS, **options):
        connection = connections[database]
        if connection.vendor not in ("sqlite", "postgresql"):
            raise CommandError(f"Tag counts are kept on SQLite and PostgreSQL only, not {connection.vendor}.")
        before, after, in_use = recount(database, counts_tags, stored_counts, dry_run=dry_run)
        zero = (0,) * WIDTH
        wrong = sum(1 for tag in before.keys() | after.keys() if before.get(tag, zero) != after.get(tag, zero))
        if dry_run:
            message = f"{wrong} of {in_use} tags in use have wrong counts; nothing written."
        else:
            message = f"Recounted {in_use} tags in use; {wrong} were wrong."
        self.stdout.write(self.style.SUCCESS(message))
