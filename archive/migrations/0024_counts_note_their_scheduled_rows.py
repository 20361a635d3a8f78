"""
Each timeline count notes how many scheduled rows it has (``MonthlyCount.scheduled``), kept by
triggers on the scheduled rows, so the strip reads only the rows whose time has come instead
of every item still to come; the index of the scheduled rows leads with the publish time
after the key to match. The triggers are made again, and each count's scheduled rows counted.

The triggers are off while the table is altered (SQLite remakes it). Going back drops the
column and puts the index back, and the triggers as they were.
"""

from django.db import migrations, models

KEY = "subject, person_id, tag_id, event_kind, month, date_precision"


def uninstall(apps, schema_editor):
    """Off while SQLite remakes the counts' table: a trigger naming a table that is gone for a moment stops it."""
    from archive import counts_timeline

    counts_timeline.uninstall(schema_editor.connection)


def install(apps, schema_editor):
    """Going back: as before (``install()`` finds no ``scheduled`` column, so leaves out the triggers that keep it)."""
    from archive import counts_timeline

    counts_timeline.install(schema_editor.connection)


def install_and_note(apps, schema_editor):
    from archive import counts_timeline

    connection = schema_editor.connection
    counts_timeline.install(connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO archive_monthlycount ({KEY}, scheduled) SELECT {KEY}, COUNT(*) FROM archive_scheduleditem "
            f"WHERE TRUE GROUP BY {KEY} ON CONFLICT ({KEY}) DO UPDATE SET scheduled = excluded.scheduled"
        )


class Migration(migrations.Migration):
    dependencies = [("archive", "0023_count_triggers_lock_the_counted_object")]

    operations = [
        migrations.RunPython(uninstall, install, elidable=False),
        migrations.RemoveIndex(model_name="scheduleditem", name="scheduleditem_due_idx"),
        migrations.AddField(
            model_name="monthlycount",
            name="scheduled",
            field=models.IntegerField(
                db_default=0,
                help_text="How many of the counted items have a scheduled row (ScheduledItem), due or not.",
            ),
        ),
        migrations.AddIndex(
            model_name="scheduleditem",
            index=models.Index(
                fields=["subject", "person_id", "tag_id", "event_kind", "published_at", "month", "date_precision"],
                name="scheduleditem_due_idx",
            ),
        ),
        migrations.RunPython(install_and_note, uninstall, elidable=False),
    ]
