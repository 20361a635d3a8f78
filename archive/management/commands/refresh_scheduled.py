"""
Search and the timeline's counts, once scheduled content goes public: ``python manage.py
refresh_scheduled``, from cron.

A search document names a person or an event it borrows text from (a quote's speaker's other
names, the people of an article or an event, a quote's event) only once they are public, as
their pages do. When a scheduled person or event goes public, nothing is saved, so the
documents written before still leave them out until this runs. Run it every few minutes;
``--hours`` is how far back to look for publish times (a day, so missed runs catch up).

It also forgets the timeline's scheduled rows and the scheduled taggings whose time has come
(``archive.counts_timeline``, ``archive.counts_tags``): the strip and the tag counts read those
on every request until then, to the same figures.
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import OperationalError
from django.utils import timezone

from archive import counts_tags, counts_timeline
from archive.middleware import collided
from archive.search.indexing import refresh_scheduled


class Command(BaseCommand):
    help = "Refresh the search documents and timeline counts of what went public on schedule."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=float, default=24.0, help="Look back this far for publish times (default 24)."
        )

    def handle(self, *args, hours=24.0, **options):
        if not 0 < hours <= 24 * 366 * 100:
            self.stderr.write(self.style.ERROR(f"--hours must be above 0, and at most a century: not {hours}."))
            raise SystemExit(2)
        try:
            self.refresh(hours)
        except OperationalError as error:
            if not collided(error):
                raise
            # A deadlock with an editor's save, or SQLite's busy timeout: nothing is half done.
            self.stderr.write(
                self.style.ERROR(
                    "Stopped: another write was in the way. What was done is kept; the next run does the rest."
                )
            )
            raise SystemExit(1) from None

    def refresh(self, hours):
        now = timezone.now()
        # Batch by batch, each in its own transaction: a busy speaker's thousands of quotes never
        # hold SQLite's write lock for long, and what a failed run missed is still stale next time.
        refreshed = refresh_scheduled(now - datetime.timedelta(hours=hours), now)
        total = sum(refreshed.values())
        details = ", ".join(
            f"{count} {model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural}"
            for model, count in refreshed.items()
            if count
        )
        message = f"Refreshed {total} search document{'' if total == 1 else 's'}"
        message += f" ({details})." if details else "."
        rows, taggings = counts_timeline.forget_due(now), counts_tags.forget_due(now)
        message += (
            f" Forgot {rows} of the timeline's scheduled row{'' if rows == 1 else 's'}"
            f" and {taggings} scheduled tagging{'' if taggings == 1 else 's'}, now public."
        )
        self.stdout.write(self.style.SUCCESS(message))
