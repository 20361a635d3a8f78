"""
The count triggers (``archive.counts_tags``, ``archive.counts_timeline``) made again: on
PostgreSQL, a statement that lowers many counts at once locks them in key order first, as the
statements that raise counts do, so that two saves changing the same counts at once cannot
deadlock (``archive.triggers.pg_lower``).

Going back keeps them: they count the same, and SQLite's are unchanged.
"""

from django.db import migrations


def install(apps, schema_editor):
    from archive import counts_tags, counts_timeline

    counts_tags.install(schema_editor.connection)
    counts_timeline.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("archive", "0025_tag_usage_notes_its_scheduled_taggings")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop, elidable=False)]
