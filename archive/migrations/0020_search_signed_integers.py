"""
PostgreSQL: a number a hyphen joins to what comes before it ("2016-2017", "COVID-19",
"S-400") is found by the number alone, as on SQLite.

PostgreSQL's parser reads "-2017" in "2016-2017" as one token, a signed integer, which the
``english`` configuration indexed as it is: a search for "2017" missed it (FTS5 reads the
hyphen as a separator). ``archive_search`` now reads signed integers through a ``dict_int``
dictionary with ``absval`` (PostgreSQL 14 and later), which drops the sign, and keeps every
digit (``maxlen``; its default cuts integers to six). The documents that hold one are
reindexed (the trigger computes the vector on update). Without ``dict_int`` on the server,
nothing changes; nor on SQLite.
"""

from django.db import migrations

TABLE = "archive_searchdocument"
DICTIONARY = "archive_search_integers"
# A lexeme of a signed integer in a vector's text form: '-2017'.
SIGNED_LEXEME = r"'[-+][0-9]"
# The text of a signed integer in a document.
SIGNED_TEXT = r"[-+][0-9]"


def has_dict_int(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'dict_int'")
        return cursor.fetchone() is not None


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql" or not has_dict_int(connection):
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS dict_int")
    schema_editor.execute(
        f"CREATE TEXT SEARCH DICTIONARY {DICTIONARY} (TEMPLATE = intdict_template, MAXLEN = 2047, ABSVAL = true)"
    )
    schema_editor.execute(f"ALTER TEXT SEARCH CONFIGURATION archive_search ALTER MAPPING FOR int WITH {DICTIONARY}")
    schema_editor.execute(f"UPDATE {TABLE} SET search_vector = NULL WHERE search_vector::text ~ %s", [SIGNED_LEXEME])


def backward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TEXT SEARCH CONFIGURATION archive_search ALTER MAPPING FOR int WITH simple")
    schema_editor.execute(f"DROP TEXT SEARCH DICTIONARY IF EXISTS {DICTIONARY}")
    schema_editor.execute(
        f"UPDATE {TABLE} SET search_vector = NULL WHERE concat_ws(' ', title, names, body, full_text) ~ %s",
        [SIGNED_TEXT],
    )


class Migration(migrations.Migration):
    dependencies = [("archive", "0019_citation_undated_reports_last")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
