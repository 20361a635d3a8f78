"""
The count triggers (``archive.counts_tags``, ``archive.counts_timeline``) made again: on
PostgreSQL, a statement that lowers many counts at once locks them in key order first, as the
statements that raise counts do, so that two saves changing the same counts at once cannot
deadlock (``archive.triggers.pg_lower``). Installed as 0023 installs them.

Going back keeps them: they count the same, and SQLite's are unchanged.
"""

from importlib import import_module

from django.db import migrations

install = import_module("archive.migrations.0023_count_triggers_lock_the_counted_object").install


class Migration(migrations.Migration):
    dependencies = [("archive", "0025_tag_usage_notes_its_scheduled_taggings")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop, elidable=False)]
