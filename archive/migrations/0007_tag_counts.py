"""
Per-tag usage counts kept by the database (``archive.models.tags``): the two tables, the
triggers that keep them current on SQLite and PostgreSQL (``archive.counts_tags``), and a
first count of what the archive holds already.

Also an index on taggit's taggings by tag and model (taggit indexes them by tag alone and by
object): a rarely used tag's page reads its quotes' ids from the index alone, not every row
of the tag's taggings of every model. taggit's models do not know of it, as with any index a
project adds to a third-party table.
"""

import django.db.models.deletion
from django.db import migrations, models


def install_and_count(apps, schema_editor):
    from archive import counts_tags

    counts_tags.install(schema_editor.connection)
    counts_tags.rebuild(schema_editor.connection.alias)


def uninstall(apps, schema_editor):
    from archive import counts_tags

    counts_tags.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("archive", "0006_citation_article_index")]

    operations = [
        migrations.CreateModel(
            name="TagUsage",
            fields=[
                (
                    "tag",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="usage",
                        serialize=False,
                        to="taggit.tag",
                    ),
                ),
                (
                    "articles",
                    models.IntegerField(db_default=0, help_text="Articles with status published carrying the tag."),
                ),
                (
                    "quotes",
                    models.IntegerField(db_default=0, help_text="Quotes with status published carrying the tag."),
                ),
                (
                    "events",
                    models.IntegerField(db_default=0, help_text="Events with status published carrying the tag."),
                ),
            ],
            options={
                "verbose_name_plural": "tag usage",
            },
        ),
        migrations.CreateModel(
            name="ScheduledTagging",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "model",
                    models.CharField(
                        choices=[("article", "Article"), ("quote", "Quote"), ("event", "Event")], max_length=10
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField()),
                ("published_at", models.DateTimeField(verbose_name="publish time")),
                (
                    "tag",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="taggit.tag",
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["tag", "model", "published_at"], name="scheduledtagging_due_idx")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("model", "object_id", "tag"), name="scheduledtagging_unique_tagging"
                    )
                ],
            },
        ),
        migrations.RunSQL(
            "CREATE INDEX taggeditem_tag_model_idx ON taggit_taggeditem (tag_id, content_type_id, object_id)",
            "DROP INDEX taggeditem_tag_model_idx",
        ),
        migrations.RunPython(install_and_count, uninstall, elidable=False),
    ]
