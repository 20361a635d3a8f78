"""
Each tag's usage notes how many of its scheduled taggings there are per model
(``TagUsage.articles_scheduled``…), kept by triggers on the scheduled taggings, so the public
counts read only the taggings whose time has come instead of every one still to come. The
triggers are made again, and each tag's scheduled taggings counted.

The triggers are off while the table is altered (SQLite remakes it). Going back drops the
columns, and the triggers are as they were.
"""

from django.db import migrations, models

MODELS = {"articles": "article", "quotes": "quote", "events": "event"}


def uninstall(apps, schema_editor):
    """Off while SQLite remakes the usage table: a trigger naming a table that is gone for a moment stops it."""
    from archive import counts_tags

    counts_tags.uninstall(schema_editor.connection)


def install(apps, schema_editor):
    """Going back: as before (``install()`` finds no scheduled columns, so leaves out the triggers that keep them)."""
    from archive import counts_tags

    counts_tags.install(schema_editor.connection)


def install_and_note(apps, schema_editor):
    from archive import counts_tags

    connection = schema_editor.connection
    counts_tags.install(connection)
    columns = ", ".join(f"{column}_scheduled" for column in MODELS)
    counts = ", ".join(f"SUM(CASE WHEN model = '{model}' THEN 1 ELSE 0 END)" for model in MODELS.values())
    noted = ", ".join(f"{column}_scheduled = excluded.{column}_scheduled" for column in MODELS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO archive_tagusage (tag_id, {columns}) SELECT tag_id, {counts} FROM archive_scheduledtagging "
            f"WHERE TRUE GROUP BY tag_id ON CONFLICT (tag_id) DO UPDATE SET {noted}"
        )


def field(model):
    return models.IntegerField(
        db_default=0, help_text=f"How many of the counted {model}s have a scheduled tagging, due or not."
    )


class Migration(migrations.Migration):
    dependencies = [("archive", "0024_counts_note_their_scheduled_rows")]

    operations = [
        migrations.RunPython(uninstall, install, elidable=False),
        *(
            migrations.AddField(model_name="tagusage", name=f"{column}_scheduled", field=field(model))
            for column, model in MODELS.items()
        ),
        migrations.RunPython(install_and_note, uninstall, elidable=False),
    ]
