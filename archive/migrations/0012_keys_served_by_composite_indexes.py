"""
Foreign keys that lose their own index: a composite index (or unique constraint) leading with
the same column already serves every lookup by it, so the single-column copy only cost writes,
disk and build time. SQLite alters the columns by remaking the tables, which it refuses
while a trigger names them: the count triggers are dropped for the remakes and installed again
afterwards (the counts themselves stay right: the copy changes no row).
"""

import django.db.models.deletion
from django.db import migrations, models


def drop_count_triggers(apps, schema_editor):
    from archive import counts_tags, counts_timeline

    if schema_editor.connection.vendor == "sqlite":
        counts_tags.uninstall(schema_editor.connection)
        counts_timeline.uninstall(schema_editor.connection)


def install_count_triggers(apps, schema_editor):
    from archive import counts_tags, counts_timeline

    if schema_editor.connection.vendor == "sqlite":
        counts_tags.install(schema_editor.connection)
        counts_timeline.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0011_search"),
        ("people", "0004_keys_served_by_composite_indexes"),
    ]

    operations = [
        # SQLite refuses to remake a table that another table's trigger names: off during the remakes.
        migrations.RunPython(drop_count_triggers, install_count_triggers, elidable=False),
        migrations.AlterField(
            model_name="article",
            name="outlet",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="articles",
                to="archive.outlet",
            ),
        ),
        migrations.AlterField(
            model_name="citation",
            name="article",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="citations",
                to="archive.article",
            ),
        ),
        migrations.AlterField(
            model_name="citation",
            name="quote",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="citations",
                to="archive.quote",
            ),
        ),
        migrations.AlterField(
            model_name="quote",
            name="event",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                help_text="Where it was said, if known.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="quotes",
                to="archive.event",
            ),
        ),
        migrations.AlterField(
            model_name="quote",
            name="speaker",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="quotes",
                to="people.person",
            ),
        ),
        migrations.RunPython(install_count_triggers, drop_count_triggers, elidable=False),
    ]
