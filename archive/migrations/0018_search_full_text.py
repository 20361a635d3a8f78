"""
An article's text, which the archive holds (citations point into it) but does not publish,
moves out of its search document's ``body`` into a column of its own, ``full_text``: still
matched, never shown. A result's snippet is cut from ``body``, so a search for any word of
an article's text showed up to 30 words around it, and word by word the whole text.

- Both: the column, added in place (no copy of the table, which would drop SQLite's triggers).
- Each article document's ``body`` loses the text it ended with (``documents.joined`` put it
  last), and ``full_text`` gets it.
- SQLite: the FTS5 table gains a ``full_text`` column between ``body`` and ``kind`` (so
  ``snippet()`` still reads column 2, ``body``); its triggers copy it; it is rebuilt and merged.
  ``SQLITE_FTS`` is the shape ``indexing.BulkLoad`` recreates the insert trigger from.
- PostgreSQL: the trigger weighs ``full_text`` D, below the body's C.
"""

from importlib import import_module

from django.db import migrations, models

from archive.search.query import clean_text

TABLE = "archive_searchdocument"
SEPARATOR = " · "  # archive.search.documents.SEPARATOR, as the documents were joined
BATCH = 500

SQLITE_FTS = [
    """
    CREATE VIRTUAL TABLE archive_search_fts USING fts5(
        title, names, body, full_text, kind,
        content='archive_searchdocument', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER archive_search_fts_insert AFTER INSERT ON archive_searchdocument BEGIN
        INSERT INTO archive_search_fts(rowid, title, names, body, full_text, kind)
        VALUES (new.id, new.title, new.names, new.body, new.full_text, new.kind);
    END
    """,
    """
    CREATE TRIGGER archive_search_fts_delete AFTER DELETE ON archive_searchdocument BEGIN
        INSERT INTO archive_search_fts(archive_search_fts, rowid, title, names, body, full_text, kind)
        VALUES ('delete', old.id, old.title, old.names, old.body, old.full_text, old.kind);
    END
    """,
    """
    CREATE TRIGGER archive_search_fts_update AFTER UPDATE ON archive_searchdocument BEGIN
        INSERT INTO archive_search_fts(archive_search_fts, rowid, title, names, body, full_text, kind)
        VALUES ('delete', old.id, old.title, old.names, old.body, old.full_text, old.kind);
        INSERT INTO archive_search_fts(rowid, title, names, body, full_text, kind)
        VALUES (new.id, new.title, new.names, new.body, new.full_text, new.kind);
    END
    """,
    "INSERT INTO archive_search_fts(archive_search_fts) VALUES ('rebuild')",
    "INSERT INTO archive_search_fts(archive_search_fts) VALUES ('optimize')",
]

# The same table and triggers, by the same names, as 0011_search drops them.
SQLITE_DROP = import_module("archive.migrations.0011_search").SQLITE_DROP

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION archive_searchdocument_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('archive_search', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('archive_search', coalesce(NEW.names, '')), 'B')
        || setweight(to_tsvector('archive_search', coalesce(NEW.body, '')), 'C')
        || setweight(to_tsvector('archive_search', coalesce({full_text}, '')), 'D');
    RETURN NEW;
END
$$;
"""


def move_article_texts(apps, schema_editor):
    """Each article document's body without the article's text, which goes to ``full_text``."""
    alias = schema_editor.connection.alias
    Article = apps.get_model("archive", "Article")
    SearchDocument = apps.get_model("archive", "SearchDocument")
    texts = Article.objects.using(alias).exclude(body="").values_list("id", "body").order_by("id")
    batch = []
    for article_id, body in texts.iterator(chunk_size=BATCH):
        batch.append((article_id, clean_text(body).strip()))
        if len(batch) == BATCH:
            move_batch(SearchDocument, alias, batch)
            batch = []
    if batch:
        move_batch(SearchDocument, alias, batch)


def move_batch(SearchDocument, alias, texts):
    texts = dict(texts)
    documents = SearchDocument.objects.using(alias).filter(kind="article", object_id__in=list(texts))
    changed = []
    for document in documents.only("id", "object_id", "body"):
        text = texts[document.object_id]
        if not text:
            continue
        if document.body == text:
            document.body = ""
        elif document.body.endswith(SEPARATOR + text):
            document.body = document.body[: -len(SEPARATOR + text)]
        document.full_text = text
        changed.append(document)
    SearchDocument.objects.using(alias).bulk_update(changed, ["body", "full_text"], batch_size=BATCH)


def add_column(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)
    schema_editor.execute(f"ALTER TABLE {TABLE} ADD COLUMN full_text text NOT NULL DEFAULT ''")
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION.format(full_text="NEW.full_text"))


def drop_column(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION.format(full_text="''"))
    schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN full_text")
    if vendor == "sqlite":
        for statement in import_module("archive.migrations.0011_search").SQLITE_FTS:
            schema_editor.execute(statement)


def move_forward(apps, schema_editor):
    move_article_texts(apps, schema_editor)
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_FTS:
            schema_editor.execute(statement)


def move_backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)
    schema_editor.execute(
        f"UPDATE {TABLE} SET body = CASE WHEN body = '' THEN full_text ELSE body || %s || full_text END, "
        "full_text = '' WHERE full_text <> ''",
        [SEPARATOR],
    )


class Migration(migrations.Migration):
    dependencies = [("archive", "0017_tags_without_slug")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="searchdocument",
                    name="full_text",
                    field=models.TextField(
                        blank=True,
                        default="",
                        help_text="Text the object is found by but that readers never see (an article's text); "
                        "ranks last.",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(add_column, drop_column, elidable=False)],
        ),
        migrations.RunPython(move_forward, move_backward, elidable=False),
    ]
