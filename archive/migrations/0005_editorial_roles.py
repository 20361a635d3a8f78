"""The Editor and Contributor groups (see archive/roles.py); safe to run again."""

from django.db import migrations

from archive.roles import sync_roles


def create_roles(apps, schema_editor):
    sync_roles(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0004_history_and_review_queue"),
        ("people", "0002_history_and_redirects"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    # Leaving the groups in place on the way back: users may belong to them.
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
