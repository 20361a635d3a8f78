"""
The timeline's event counts kept for a person and a tag together as well (``archive.counts_timeline``):
the triggers made again with the new keys, and every count rebuilt.

Going back keeps them: the counts an earlier version reads are the same, and it never reads
the new keys.
"""

from django.db import migrations


def install_and_count(apps, schema_editor):
    from archive import counts_timeline

    counts_timeline.install(schema_editor.connection)
    counts_timeline.rebuild(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("archive", "0021_search_angle_brackets")]

    operations = [migrations.RunPython(install_and_count, migrations.RunPython.noop, elidable=False)]
