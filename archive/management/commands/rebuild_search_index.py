"""
Rebuild the search index from scratch: ``python manage.py rebuild_search_index``.

Editors' saves keep the index current through signals; run this after loading
fixtures, after bulk updates that bypass ``save()``, or after changing what
``archive.search.documents`` indexes. The rebuild runs in one transaction, so
searches keep seeing the old index until the new one is complete.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from archive.search.indexing import rebuild


class Command(BaseCommand):
    help = "Rebuild the search index of quotes, articles, people and events."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be indexed without writing anything."
        )

    def handle(self, *args, dry_run=False, **options):
        with transaction.atomic():
            counts = rebuild(dry_run=dry_run)
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count}")
        verb = "Would index" if dry_run else "Indexed"
        self.stdout.write(self.style.SUCCESS(f"{verb} {sum(counts.values())} documents."))
