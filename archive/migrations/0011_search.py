"""
Search at a million documents: each document's kind in the full-text index.

A search ranks the most recent matches of each kind (``archive.search.backends``), so
it must find "the newest 200 people matching 'russia'" without walking the 300,000
quotes that match too.

SQLite: the FTS5 table gains a ``kind`` column (the content table already has one), so
``kind : "person"`` narrows a match inside the index; readers' words are confined to
the text columns. The table is rebuilt from the documents, then merged into one
segment ('optimize'): FTS5 seeks a row in a many-segment index slowly. The triggers
are those of 0002_search plus the kind; ``SQLITE_FTS`` keeps 0002's shape for
``indexing.BulkLoad``, which recreates the insert trigger after a bulk load.

Both: a btree on (kind, id), for a kind's newest documents. PostgreSQL reads them in
order and tests each against the query: the fast way to the newest matches of a common
word, which a GIN index can only return all at once, in no order. SQLite finds where
they start, to keep a search for common words to them.

PostgreSQL: and a GIN index per kind (partial), so the matches of a rarer word in one
kind cost only their own number: the full index would return every kind's matches,
each then checked on its row. 0002's full index stays, for matching without a kind.
"""

from importlib import import_module

from django.db import migrations

SQLITE_FTS = [
    """
    CREATE VIRTUAL TABLE archive_search_fts USING fts5(
        title, names, body, kind,
        content='archive_searchdocument', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER archive_search_fts_insert AFTER INSERT ON archive_searchdocument BEGIN
        INSERT INTO archive_search_fts(rowid, title, names, body, kind)
        VALUES (new.id, new.title, new.names, new.body, new.kind);
    END
    """,
    """
    CREATE TRIGGER archive_search_fts_delete AFTER DELETE ON archive_searchdocument BEGIN
        INSERT INTO archive_search_fts(archive_search_fts, rowid, title, names, body, kind)
        VALUES ('delete', old.id, old.title, old.names, old.body, old.kind);
    END
    """,
    """
    CREATE TRIGGER archive_search_fts_update AFTER UPDATE ON archive_searchdocument BEGIN
        INSERT INTO archive_search_fts(archive_search_fts, rowid, title, names, body, kind)
        VALUES ('delete', old.id, old.title, old.names, old.body, old.kind);
        INSERT INTO archive_search_fts(rowid, title, names, body, kind)
        VALUES (new.id, new.title, new.names, new.body, new.kind);
    END
    """,
    "INSERT INTO archive_search_fts(archive_search_fts) VALUES ('rebuild')",
    "INSERT INTO archive_search_fts(archive_search_fts) VALUES ('optimize')",
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS archive_search_fts_insert",
    "DROP TRIGGER IF EXISTS archive_search_fts_delete",
    "DROP TRIGGER IF EXISTS archive_search_fts_update",
    "DROP TABLE IF EXISTS archive_search_fts",
]

KINDS = ["quote", "article", "person", "event"]
KIND_INDEX = "CREATE INDEX IF NOT EXISTS searchdocument_kind_id_idx ON archive_searchdocument (kind, id)"
KIND_INDEX_DROP = "DROP INDEX IF EXISTS searchdocument_kind_id_idx"
POSTGRES_GIN = [
    *(
        f"CREATE INDEX IF NOT EXISTS searchdocument_{kind}_vector_gin ON archive_searchdocument "
        f"USING gin (search_vector) WHERE kind = '{kind}'"
        for kind in KINDS
    ),
]
POSTGRES_GIN_DROP = [
    *(f"DROP INDEX IF EXISTS searchdocument_{kind}_vector_gin" for kind in KINDS),
]


def add_kind(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in [*SQLITE_DROP, *SQLITE_FTS, KIND_INDEX]:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for statement in [KIND_INDEX, *POSTGRES_GIN]:
            schema_editor.execute(statement)


def remove_kind(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        previous = import_module("archive.migrations.0002_search").SQLITE_FTS
        for statement in [*SQLITE_DROP, *previous, KIND_INDEX_DROP]:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        for statement in [KIND_INDEX_DROP, *POSTGRES_GIN_DROP]:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("archive", "0010_detail_indexes")]

    operations = [migrations.RunPython(add_kind, remove_kind, elidable=False)]
