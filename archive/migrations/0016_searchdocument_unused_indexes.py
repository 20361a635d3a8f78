"""
Two indexes of the search documents that no query reads (no scan in a whole benchmark run):

- ``searchdocument_vector_gin``, over every kind's vectors: each search reads one kind at a
  time, from that kind's GIN index (0011_search). It was the largest index to build after a
  bulk load (6 s at a million quotes) and to keep up on every save.
- the index on ``slug`` (and PostgreSQL's pattern index beside it): a document is found by
  its kind and object id, and its slug is only read with it.

The schema editor would remake the table on SQLite to drop an index of a field, and lose the
full-text triggers on it, so the indexes are dropped by name.
"""

from django.db import migrations, models

SLUG_INDEX = "archive_searchdocument_slug_3517b581"
GIN = "searchdocument_vector_gin"
TABLE = "archive_searchdocument"


def drop(apps, schema_editor):
    names = [SLUG_INDEX]
    if schema_editor.connection.vendor == "postgresql":
        names += [f"{SLUG_INDEX}_like", GIN]
    for name in names:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def create(apps, schema_editor):
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {SLUG_INDEX} ON {TABLE} (slug)")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {SLUG_INDEX}_like ON {TABLE} (slug varchar_pattern_ops)")
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {GIN} ON {TABLE} USING gin (search_vector)")


class Migration(migrations.Migration):
    dependencies = [("archive", "0015_quote_event_index_partial_redundant_indexes")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="searchdocument", name=GIN),
                migrations.AlterField(
                    model_name="searchdocument",
                    name="slug",
                    field=models.SlugField(
                        blank=True, db_index=False, default="", help_text="For the object's address.", max_length=200
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop, create, elidable=False)],
        ),
    ]
