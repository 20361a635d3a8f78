"""
The count triggers (``archive.counts_tags``, ``archive.counts_timeline``) made again: on
PostgreSQL, a trigger on a tagging or an event's person locks the object it counts, so that a
concurrent change of the object's status, people or tags cannot leave a count short or double.

Going back keeps them: they count the same, and SQLite's are unchanged.
"""

from django.db import migrations


def install(apps, schema_editor):
    from archive import counts_tags, counts_timeline

    counts_tags.install(schema_editor.connection)
    counts_timeline.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("archive", "0022_event_counts_per_person_and_tag")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop, elidable=False)]
