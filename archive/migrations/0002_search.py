"""
The search index: the SearchDocument table plus, per database, what makes it searchable.

PostgreSQL: the ``unaccent`` extension (when the server has it), a text search
configuration ``archive_search`` (English stemming, with accents folded first so
"Antónov" and "Antonov" meet), a trigger that fills ``search_vector`` from the title
(weight A), the names (B) and the body (C) on every insert and update, and a GIN index.

SQLite: an FTS5 table over the same rows (external content, so the text is stored
once), tokenized by ``porter unicode61 remove_diacritics 2`` (case and accents
folded, English stems, like the PostgreSQL side), kept in step by three triggers.

Each part runs only on its own database. The index starts empty: existing content
is indexed by ``manage.py rebuild_search_index`` (new and edited content by signals).
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

POSTGRES_CONFIG = """
DROP TEXT SEARCH CONFIGURATION IF EXISTS archive_search;
CREATE TEXT SEARCH CONFIGURATION archive_search (COPY = english);
ALTER TEXT SEARCH CONFIGURATION archive_search
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH {dictionaries};
"""

POSTGRES_TRIGGER = """
CREATE FUNCTION archive_searchdocument_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('archive_search', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('archive_search', coalesce(NEW.names, '')), 'B')
        || setweight(to_tsvector('archive_search', coalesce(NEW.body, '')), 'C');
    RETURN NEW;
END
$$;
CREATE TRIGGER archive_searchdocument_vector
    BEFORE INSERT OR UPDATE ON archive_searchdocument
    FOR EACH ROW EXECUTE FUNCTION archive_searchdocument_vector();
CREATE INDEX searchdocument_vector_gin ON archive_searchdocument USING gin (search_vector);
"""

POSTGRES_DROP = """
DROP INDEX IF EXISTS searchdocument_vector_gin;
DROP TRIGGER IF EXISTS archive_searchdocument_vector ON archive_searchdocument;
DROP FUNCTION IF EXISTS archive_searchdocument_vector();
DROP TEXT SEARCH CONFIGURATION IF EXISTS archive_search;
"""

SQLITE_FTS = [
    """
    CREATE VIRTUAL TABLE archive_search_fts USING fts5(
        title, names, body,
        content='archive_searchdocument', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER archive_search_fts_insert AFTER INSERT ON archive_searchdocument BEGIN
        INSERT INTO archive_search_fts(rowid, title, names, body) VALUES (new.id, new.title, new.names, new.body);
    END
    """,
    """
    CREATE TRIGGER archive_search_fts_delete AFTER DELETE ON archive_searchdocument BEGIN
        INSERT INTO archive_search_fts(archive_search_fts, rowid, title, names, body)
        VALUES ('delete', old.id, old.title, old.names, old.body);
    END
    """,
    """
    CREATE TRIGGER archive_search_fts_update AFTER UPDATE ON archive_searchdocument BEGIN
        INSERT INTO archive_search_fts(archive_search_fts, rowid, title, names, body)
        VALUES ('delete', old.id, old.title, old.names, old.body);
        INSERT INTO archive_search_fts(rowid, title, names, body) VALUES (new.id, new.title, new.names, new.body);
    END
    """,
    "INSERT INTO archive_search_fts(archive_search_fts) VALUES ('rebuild')",
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS archive_search_fts_insert",
    "DROP TRIGGER IF EXISTS archive_search_fts_delete",
    "DROP TRIGGER IF EXISTS archive_search_fts_update",
    "DROP TABLE IF EXISTS archive_search_fts",
]


def create_full_text(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'")
            has_unaccent = cursor.fetchone() is not None
        if has_unaccent:
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        # Without unaccent, search still works; only accent folding is lost.
        dictionaries = "unaccent, english_stem" if has_unaccent else "english_stem"
        schema_editor.execute(POSTGRES_CONFIG.format(dictionaries=dictionaries))
        schema_editor.execute(POSTGRES_TRIGGER)
    elif connection.vendor == "sqlite":
        for statement in SQLITE_FTS:
            schema_editor.execute(statement)


def drop_full_text(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)
    elif connection.vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("review", "In review"), ("published", "Published")],
                        default="draft",
                        max_length=10,
                    ),
                ),
                (
                    "published_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="Public from this moment on. Set a future time to schedule; empty means now when published.",
                        null=True,
                        verbose_name="publish time",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("quote", "Quote"), ("article", "Article"), ("person", "Person"), ("event", "Event")],
                        max_length=10,
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField()),
                (
                    "slug",
                    models.SlugField(blank=True, default="", help_text="For the object's address.", max_length=200),
                ),
                ("title", models.TextField(help_text="Shown as the result's heading; ranks first.")),
                (
                    "names",
                    models.TextField(
                        blank=True,
                        default="",
                        help_text="Other names the object goes by (a person's aliases); rank next.",
                    ),
                ),
                (
                    "subtitle",
                    models.CharField(blank=True, default="", help_text="One line of context.", max_length=300),
                ),
                (
                    "body",
                    models.TextField(blank=True, default="", help_text="Everything else worth finding the object by."),
                ),
                ("date", models.DateField(blank=True, null=True)),
                (
                    "date_precision",
                    models.CharField(
                        choices=[("year", "Year"), ("month", "Month"), ("day", "Day")], default="day", max_length=5
                    ),
                ),
                ("search_vector", django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "published"), _negated=True),
                            ("published_at__isnull", False),
                            _connector="OR",
                        ),
                        name="archive_searchdocument_published_has_time",
                    ),
                    models.UniqueConstraint(fields=("kind", "object_id"), name="searchdocument_unique_object"),
                ],
            },
        ),
        # The GIN index exists only on PostgreSQL (created in create_full_text); the
        # model declares it, so the migration state records it for every database.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="searchdocument",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["search_vector"], name="searchdocument_vector_gin"
                    ),
                ),
            ],
        ),
        migrations.RunPython(create_full_text, drop_full_text, elidable=False),
    ]
