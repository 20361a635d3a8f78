"""
Writing the index: refresh the documents an edit touched, or rebuild them all.

Every write is an upsert on (kind, object_id) of rows built by ``documents``; the
database's own triggers then update the full-text structures (see 0002_search).
Writes happen inside the editor's transaction, so the index never disagrees with
what was committed.
"""

import importlib
import queue
import threading

from django.db import connection as default_connection
from django.db import connections, transaction
from django.utils import timezone

from archive.bulk import RowWriter
from archive.models import SearchDocument
from archive.search.documents import DOCUMENT_TYPES, build_document, dependents, documents_for

# What a document says about its object; the rest of a row is its identity and timestamps.
CONTENT_FIELDS = [
    "slug",
    "title",
    "names",
    "subtitle",
    "body",
    "date",
    "date_precision",
    "status",
    "published_at",
]
UPSERT_FIELDS = [*CONTENT_FIELDS, "updated_at"]
BATCH_SIZE = 500
# Made by migration 0002_search.
SQLITE_FTS_TABLE = "archive_search_fts"
SQLITE_INSERT_TRIGGER = "archive_search_fts_insert"
POSTGRES_GIN_INDEX = "searchdocument_vector_gin"


def upsert(documents):
    return SearchDocument.objects.bulk_create(
        documents,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=UPSERT_FIELDS,
    )


def refresh(model, ids):
    """Bring the documents of ``model`` objects ``ids`` up to date; drop those of deleted objects."""
    ids = set(ids)
    if not ids or model not in DOCUMENT_TYPES:
        return
    documents = documents_for(model, ids)
    upsert(documents)
    gone = ids - {document.object_id for document in documents}
    if gone:
        remove(model, gone)


def refresh_all(targets):
    """``targets`` is {model: ids}, as ``documents.dependents()`` returns."""
    for model, ids in targets.items():
        refresh(model, ids)


def remove(model, ids):
    SearchDocument.objects.filter(kind=DOCUMENT_TYPES[model].kind, object_id__in=list(ids)).delete()


def object_changed(obj):
    """An object was saved: refresh its own document, if it has one, and those holding its text."""
    refresh_all(dependents(obj))


def rebuild(dry_run=False):
    """Replace the whole index; returns {kind: number of documents}."""
    counts = {}
    if not dry_run:
        SearchDocument.objects.all().delete()
    for document_type in DOCUMENT_TYPES.values():
        objects = document_type.queryset().order_by("pk")
        batch = []
        count = 0
        for obj in objects.iterator(chunk_size=BATCH_SIZE):
            batch.append(build_document(document_type, obj))
            count += 1
            if len(batch) >= BATCH_SIZE:
                if not dry_run:
                    upsert(batch)
                batch = []
        if batch and not dry_run:
            upsert(batch)
        counts[document_type.kind] = count
    return counts


# Bulk loads: many new documents at once (``generate_synthetic``), not editors' saves.

DOCUMENT_COLUMNS = ["id", "kind", "object_id", *CONTENT_FIELDS, "created_at", "updated_at"]


class BulkLoad:
    """
    Adding many new documents at once (``generate_synthetic``), not editors' saves: ``begin()``,
    ``insert(rows)`` as often as needed, then ``end()`` (in a ``finally``: it also restores
    what ``begin()`` took away after a failure).

    Row by row, the full-text structures cost more than the rows themselves, so:

    - SQLite: ``begin()`` drops the FTS5 insert trigger; ``end()`` runs FTS5's documented
      ``'rebuild'`` command (re-reading every row of the content table, so editors' saves
      during the load are indexed too) and recreates the trigger as migration 0002_search
      made it.
    - PostgreSQL: ``begin()`` drops the GIN index and ``end()`` builds it once. The trigger
      still computes ``search_vector`` per row (cheaper than an UPDATE rewriting every row
      afterwards), but ``insert()`` hands the rows to a thread with its own connection, so
      the server tokenizes on one core while the caller prepares the next batch on another.

    Rows are tuples of ``DOCUMENT_COLUMNS`` adapted for the database (``archive.bulk``).
    """

    def __init__(self, connection=None):
        self.connection = connection or default_connection
        self.queue = None
        self.thread = None
        self.error = None

    def __enter__(self):
        self.begin()
        return self

    def __exit__(self, *exc_info):
        self.end()

    def begin(self):
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER IF EXISTS {SQLITE_INSERT_TRIGGER}")
            elif self.connection.vendor == "postgresql":
                cursor.execute(f"DROP INDEX IF EXISTS {POSTGRES_GIN_INDEX}")
                self.queue = queue.Queue(maxsize=2)
                self.thread = threading.Thread(target=self._write_in_background, name="search-bulk-load", daemon=True)
                self.thread.start()

    def insert(self, rows):
        if not rows:
            return
        if self.thread is None:
            self._writer(self.connection).write(rows)
            return
        if self.error:
            raise self.error
        self.queue.put(rows)

    def _writer(self, connection):
        return RowWriter(SearchDocument, DOCUMENT_COLUMNS, timezone.now(), connection=connection)

    def _write_in_background(self):
        connection = connections[self.connection.alias]  # this thread's own connection
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit = off")
            while (rows := self.queue.get()) is not None:
                if not self.error:
                    self._writer(connection).write(rows)
        except Exception as error:  # handed to the caller by insert() or end()
            self.error = error
            while self.queue.get() is not None:
                pass
        finally:
            connection.close()

    def flush(self):
        """Wait until every row given to ``insert()`` is written."""
        if self.thread is not None:
            self.queue.put(None)
            self.thread.join()
            self.thread = None

    def end(self):
        self.flush()
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            if self.connection.vendor == "sqlite":
                cursor.execute(f"INSERT INTO {SQLITE_FTS_TABLE}({SQLITE_FTS_TABLE}) VALUES ('rebuild')")
                cursor.execute(f"DROP TRIGGER IF EXISTS {SQLITE_INSERT_TRIGGER}")
                migration = importlib.import_module("archive.migrations.0002_search")
                cursor.execute(next(sql for sql in migration.SQLITE_FTS if SQLITE_INSERT_TRIGGER in sql))
            elif self.connection.vendor == "postgresql":
                cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {POSTGRES_GIN_INDEX} ON {SearchDocument._meta.db_table} "
                    "USING gin (search_vector)"
                )
        if self.error:
            raise self.error
