"""
Recount every tag's published articles, quotes and events: ``python manage.py rebuild_tag_counts``.

Triggers keep the counts current on every write (``archive.counts_tags``), so this is a repair:
after a bulk load that ran without them, after a restore, or if a migration on SQLite remade
one of the tagged tables and took its triggers with it. It installs the triggers again and
recounts, in one transaction: readers see the old counts until the new ones are complete.
``--dry-run`` compares the stored counts, and the scheduled taggings still to come that the
public counts subtract from them, with a fresh count and writes nothing.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Count
from django.utils import timezone

from archive import counts_tags
from archive.models import ScheduledTagging, TagUsage
from archive.models.tags import TaggedModel
from archive.triggers import recount

# In the order of TagUsage's columns.
MODELS = list(TaggedModel.values)


def stored_counts(database):
    """
    Per tag: its counts of articles, quotes and events, then how many of each are still to come.
    Readers see the differences, so either may be wrong.
    """
    rows = TagUsage.objects.using(database).values_list("tag_id", "articles", "quotes", "events")
    counts = {row[0]: [*row[1:], 0, 0, 0] for row in rows}
    ahead = ScheduledTagging.objects.using(database).filter(published_at__gt=timezone.now())
    for tag, model, waiting in ahead.values_list("tag_id", "model").annotate(waiting=Count("*")).order_by():
        counts.setdefault(tag, [0] * 6)[3 + MODELS.index(model)] = waiting
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
        zero = (0,) * 6
        wrong = sum(1 for tag in before.keys() | after.keys() if before.get(tag, zero) != after.get(tag, zero))
        if dry_run:
            message = f"{wrong} of {in_use} tags in use have wrong counts; nothing written."
        else:
            message = f"Recounted {in_use} tags in use; {wrong} were wrong."
        self.stdout.write(self.style.SUCCESS(message))
