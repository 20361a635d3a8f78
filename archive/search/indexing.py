"""
Writing the index: refresh the documents an edit touched, or rebuild them all.

Every write is an upsert on (kind, object_id) of rows built by ``documents``; the
database's own triggers then update the full-text structures (see 0002_search).
Writes happen inside the editor's transaction, so the index never disagrees with
what was committed.
"""

import contextlib
import importlib
import os
import re
import sqlite3
import tempfile

from django.db import connection as default_connection
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from archive.editorial import Status
from archive.models import Article, Event, Quote, SearchDocument
from archive.search.documents import DOCUMENT_TYPES, build_document, dependents, documents_for
from people.models import Person

# What a document says about its object; the rest of a row is its identity and timestamps.
CONTENT_FIELDS = [
    "slug",
    "title",
    "names",
    "subtitle",
    "body",
    "full_text",
    "date",
    "date_precision",
    "status",
    "published_at",
]
UPSERT_FIELDS = [*CONTENT_FIELDS, "updated_at"]
BATCH_SIZE = 500
NAMED_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# Made by migration 0002_search, remade with the kind column by 0011_search and the full text by 0018.
SQLITE_FTS_TABLE = "archive_search_fts"
SQLITE_INSERT_TRIGGER = "archive_search_fts_insert"


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


# Scheduled publishing: a document names a person (a quote's speaker's other names, the people
# of an article or an event) or an event (a quote's) only once they are public. One built while
# they were still to come leaves them out, and no save happens when their time comes.


def borrowers(obj):
    """{model: queryset} of the objects whose documents take text from ``obj`` once it is public."""
    if isinstance(obj, Person):
        return {Quote: Quote.objects.filter(speaker=obj), Article: obj.articles.all(), Event: obj.events.all()}
    return {Quote: Quote.objects.filter(event=obj)}


def refresh_scheduled(since, now=None):
    """
    Bring up to date the documents written before a person or an event they take text from
    went public on schedule, between ``since`` and ``now``; returns {model: documents refreshed}.
    Run it often (``manage.py refresh_scheduled``, from cron): it finds what is due from the
    publish times and the documents' own, so a run that finds nothing stale writes nothing.
    """
    now = now or timezone.now()
    refreshed = dict.fromkeys(DOCUMENT_TYPES, 0)
    for model in (Person, Event):
        due = model.objects.filter(status=Status.PUBLISHED, published_at__gt=since, published_at__lte=now)
        for source in due.only("pk", "published_at").order_by("published_at"):
            for target, objects in borrowers(source).items():
                written_before = SearchDocument.objects.filter(
                    kind=DOCUMENT_TYPES[target].kind, object_id=OuterRef("pk"), updated_at__lt=source.published_at
                )
                stale = list(objects.filter(Exists(written_before)).values_list("pk", flat=True))
                for start in range(0, len(stale), BATCH_SIZE):
                    with transaction.atomic():
                        refresh(target, stale[start : start + BATCH_SIZE])
                refreshed[target] += len(stale)
    return refreshed


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
    Adding many new documents at once (``generate_synthetic``): ``begin()`` before the first,
    ``end()`` after the last (in a ``finally``: it also restores what ``begin()`` took away
    after a failure). Row by row, the full-text structures cost more than the rows themselves,
    so they are built once:

    - PostgreSQL: nothing. The trigger computes ``search_vector`` per row, on whichever
      connection inserts it, and the GIN indexes (one per kind) are secondary indexes of the
      table, which ``archive.bulk.DeferredIndexes`` builds once.
    - SQLite: ``begin()`` drops the FTS5 insert trigger and ``end()`` recreates it as migration
      0018_search_full_text made it. In between the documents are indexed by a ``SideIndex`` (a
      database file: built next to the load, on the other core) or else by FTS5's documented
      ``'rebuild'`` command at the end, which re-reads every row of the content table.
    """

    def __init__(self, connection=None):
        self.connection = connection or default_connection
        self.side = None

    def __enter__(self):
        self.begin()
        return self

    def __exit__(self, *exc_info):
        self.end()

    def begin(self):
        if self.connection.vendor == "sqlite":
            with self.connection.cursor() as cursor:
                cursor.execute(f"DROP TRIGGER IF EXISTS {SQLITE_INSERT_TRIGGER}")

    def side_index(self, first_id, last_id):
        """
        A SideIndex for the documents ``first_id``..``last_id`` of this load, or None where there
        is none to be had: not SQLite, or a database in memory that no other connection can open
        (a shared-cache one, such as the tests', can be).
        """
        if self.connection.vendor != "sqlite":
            return None
        name = str(self.connection.settings_dict["NAME"])
        if self.connection.is_in_memory_db() and "cache=shared" not in name:
            return None
        self.side = SideIndex.of(self.connection, first_id, last_id)
        return self.side

    def end(self):
        if self.connection.vendor != "sqlite":
            return
        side, self.side = self.side, None
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            if side is not None and side.installed:
                cursor.execute(side.others_sql(), [side.first_id, side.last_id])
            else:
                cursor.execute(f"INSERT INTO {SQLITE_FTS_TABLE}({SQLITE_FTS_TABLE}) VALUES ('rebuild')")
            # Merged into one b-tree, as migration 0011_search leaves it: lookups by row get ~10x cheaper.
            cursor.execute(f"INSERT INTO {SQLITE_FTS_TABLE}({SQLITE_FTS_TABLE}) VALUES ('optimize')")
            cursor.execute(f"DROP TRIGGER IF EXISTS {SQLITE_INSERT_TRIGGER}")
            migration = importlib.import_module("archive.migrations.0018_search_full_text")
            cursor.execute(next(sql for sql in migration.SQLITE_FTS if SQLITE_INSERT_TRIGGER in sql))
        if side is not None:
            side.close()


class SideIndex:
    """
    SQLite: the full-text index of a bulk load's documents, built by a second connection in a
    scratch database file while the first goes on writing the archive. SQLite lets one
    connection write a database at a time, and tokenizing is the costliest part of a load, so
    this puts it on the other core.

    The scratch file holds an FTS5 table defined exactly like the archive's (the same SQL, read
    from ``sqlite_master``). ``insert()`` indexes documents there without storing them, as an
    external-content table does. ``install()`` copies its shadow tables (the index, in FTS5's
    own file format) over the archive's, which then holds exactly the index those documents
    produce; ``BulkLoad.end()`` adds every other document of the archive.

    Open, use and install it from one thread (``sqlite3`` connections stay in the thread that
    opened them); ``close()`` from any.
    """

    def __init__(self, target, first_id, last_id, definition, columns):
        self.target = str(target)
        self.first_id = first_id
        self.last_id = last_id
        self.definition = definition
        self.columns = columns
        # Next to the archive's file (so on a disk with room for it), or with the temporary files.
        directory = tempfile.gettempdir() if self.target.startswith("file:") else os.path.dirname(self.target)
        self.path = os.path.join(directory or ".", f"search-index-{os.getpid()}-{first_id}.tmp")
        self.db = None
        self.installed = False

    @classmethod
    def of(cls, connection, first_id, last_id):
        """For the database file of a Django connection: the index defined as the archive defines it."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [SQLITE_FTS_TABLE])
            (definition,) = cursor.fetchone()
            cursor.execute(f"SELECT name FROM pragma_table_info('{SQLITE_FTS_TABLE}')")
            columns = [name for (name,) in cursor.fetchall()]
        return cls(connection.settings_dict["NAME"], first_id, last_id, definition, columns)

    def others_sql(self):
        """
        After ``install()``: the statement (run in the archive, with the first and last id as
        parameters) that indexes every document but the load's, as the insert trigger would have.
        """
        columns = ", ".join(self.columns)
        return (
            f"INSERT INTO {SQLITE_FTS_TABLE} (rowid, {columns}) SELECT id, {columns} "
            f"FROM {SearchDocument._meta.db_table} WHERE id < %s OR id > %s ORDER BY id"
        )

    def open(self):
        self._remove()
        # uri=True: the archive may be named by a URI (a database in memory, for the tests).
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=60, uri=True)
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -500000", "temp_store = MEMORY"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.execute(self.definition)
        return self

    def execute(self, sql, params=()):
        """SQL written for Django's cursors (``%s`` placeholders, ``%%`` for %)."""
        return self.db.execute(self._qmark(sql), params)

    def executemany(self, sql, rows):
        return self.db.executemany(self._qmark(sql), rows)

    @staticmethod
    def _qmark(sql):
        return NAMED_PLACEHOLDER.sub(r":\1", sql).replace("%s", "?").replace("%%", "%")

    def insert(self, select, params=()):
        """Index the documents ``select`` returns: the id, then the text columns (``columns``)."""
        columns = ", ".join(self.columns)
        return self.run(f"INSERT INTO {SQLITE_FTS_TABLE} (rowid, {columns}) {select}", params)

    def run(self, sql, params=()):
        """One statement in its own transaction; returns the rows it wrote."""
        self.db.execute("BEGIN")
        try:
            count = self.execute(sql, params).rowcount
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        return count

    def optimize(self):
        """
        Merge the index into one b-tree, as ``BulkLoad.end()`` does in the archive: done here, on
        the side lane, the archive's merge finds nothing left to do (2.3 s of the main lane at a
        million quotes).
        """
        self.run(f"INSERT INTO {SQLITE_FTS_TABLE}({SQLITE_FTS_TABLE}) VALUES ('optimize')")

    def install(self):
        """Replace the archive's index with this one, in one transaction (the archive's connection must be idle)."""
        shadow = [
            name
            for (name,) in self.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ? ESCAPE '\\'",
                [SQLITE_FTS_TABLE.replace("_", "\\_") + "\\_%"],
            )
        ]
        self.db.execute("ATTACH DATABASE ? AS archive", [self.target])
        try:
            self.db.execute("BEGIN IMMEDIATE")
            for table in shadow:
                self.db.execute(f"DELETE FROM archive.{table}")
                self.db.execute(f"INSERT INTO archive.{table} SELECT * FROM main.{table}")
            self.db.execute("COMMIT")
            self.installed = True
        finally:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            self.db.execute("DETACH DATABASE archive")

    def close(self):
        if self.db is not None:
            self.db.close()
            self.db = None
        self._remove()

    def _remove(self):
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(f"{self.path}{suffix}")
