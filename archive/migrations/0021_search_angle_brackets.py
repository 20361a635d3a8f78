"""
PostgreSQL: words in angle brackets ("<<Putin>>", "<Lavrov>", "<b>Kommersant</b>") are
indexed, as on SQLite.

PostgreSQL's parser reads "<" and what follows up to ">" as a markup tag, and the
configuration indexes no tags: "<Lavrov>" was in no index. The trigger now indexes each
column with its "<" read as a space (the text stored and shown is unchanged), and the
documents holding a "<" are reindexed. FTS5 reads "<" as a separator already.
"""

from importlib import import_module

from django.db import migrations

TABLE = "archive_searchdocument"

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION archive_searchdocument_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('archive_search', translate(coalesce(NEW.title, ''), '<', ' ')), 'A')
        || setweight(to_tsvector('archive_search', translate(coalesce(NEW.names, ''), '<', ' ')), 'B')
        || setweight(to_tsvector('archive_search', translate(coalesce(NEW.body, ''), '<', ' ')), 'C')
        || setweight(to_tsvector('archive_search', translate(coalesce(NEW.full_text, ''), '<', ' ')), 'D');
    RETURN NEW;
END
$$;
"""
# 0018_search_full_text's, to go back to.
PREVIOUS_FUNCTION = import_module("archive.migrations.0018_search_full_text").POSTGRES_FUNCTION


def reindex_angle_brackets(schema_editor):
    schema_editor.execute(
        f"UPDATE {TABLE} SET search_vector = NULL "
        "WHERE strpos(concat_ws(' ', title, names, body, full_text), '<') > 0"
    )


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION)
        reindex_angle_brackets(schema_editor)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PREVIOUS_FUNCTION.format(full_text="NEW.full_text"))
        reindex_angle_brackets(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("archive", "0020_search_signed_integers")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
