"""
Alias names surname first (``PersonAlias.sort_name``, made from the name on save), with a prefix
index: the people list's ``?q=Антонов`` finds Anatoly Antonov through his Russian alias name.
Existing alias names get theirs here, before the index is built.
"""

from django.db import migrations, models

import people.indexes

BATCH = 2_000


def fill(apps, schema_editor):
    from people.models import default_sort_name

    PersonAlias = apps.get_model("people", "PersonAlias")
    aliases = PersonAlias.objects.using(schema_editor.connection.alias).only("id", "name").order_by("pk")
    batch = []
    for alias in aliases.iterator(chunk_size=BATCH):
        alias.sort_name = default_sort_name(alias.name)
        batch.append(alias)
        if len(batch) == BATCH:
            PersonAlias.objects.using(schema_editor.connection.alias).bulk_update(batch, ["sort_name"])
            batch = []
    PersonAlias.objects.using(schema_editor.connection.alias).bulk_update(batch, ["sort_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_admin_list_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalpersonalias",
            name="sort_name",
            field=models.CharField(default="", editable=False, max_length=200),
        ),
        migrations.AddField(
            model_name="personalias",
            name="sort_name",
            field=models.CharField(default="", editable=False, max_length=200),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
        migrations.AddIndex(
            model_name="personalias",
            index=people.indexes.CaseInsensitivePrefixIndex(
                covering=("person",), field="sort_name", name="person_alias_sort_prefix_idx"
            ),
        ),
    ]
