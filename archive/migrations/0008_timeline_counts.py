"""
Quotes and events per month kept by the database (``archive.models.counts``): the tables, the
triggers that keep them current on SQLite and PostgreSQL (``archive.counts_timeline``), a first
count of what the archive holds already, and the indexes the timeline's filters and the
strip's live parts read through.
"""

from django.db import migrations, models


def install_and_count(apps, schema_editor):
    from archive import counts_timeline

    counts_timeline.install(schema_editor.connection)
    counts_timeline.rebuild(schema_editor.connection.alias)


def uninstall(apps, schema_editor):
    from archive import counts_timeline

    counts_timeline.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("archive", "0007_tag_counts")]

    operations = [
        migrations.CreateModel(
            name="MonthlyCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("subject", models.CharField(choices=[("quote", "Quotes"), ("event", "Events")], max_length=5)),
                (
                    "person_id",
                    models.IntegerField(
                        db_default=0, help_text="Quotes said by / events involving this person; 0 for everyone."
                    ),
                ),
                (
                    "tag_id",
                    models.IntegerField(db_default=0, help_text="Quotes or events carrying this tag; 0 for any."),
                ),
                (
                    "event_kind",
                    models.CharField(
                        blank=True, db_default="", help_text="Events of this kind; empty for quotes.", max_length=20
                    ),
                ),
                ("month", models.DateField(help_text="The first day of the month (January for a year-only date).")),
                (
                    "date_precision",
                    models.CharField(choices=[("year", "Year"), ("month", "Month"), ("day", "Day")], max_length=5),
                ),
                ("count", models.IntegerField(db_default=0)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("subject", "person_id", "tag_id", "event_kind", "month", "date_precision"),
                        name="monthlycount_unique_key",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ScheduledItem",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("subject", models.CharField(choices=[("quote", "Quotes"), ("event", "Events")], max_length=5)),
                ("object_id", models.BigIntegerField()),
                ("person_id", models.IntegerField(db_default=0)),
                ("tag_id", models.IntegerField(db_default=0)),
                ("event_kind", models.CharField(blank=True, db_default="", max_length=20)),
                ("month", models.DateField()),
                (
                    "date_precision",
                    models.CharField(choices=[("year", "Year"), ("month", "Month"), ("day", "Day")], max_length=5),
                ),
                ("published_at", models.DateTimeField(verbose_name="publish time")),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=[
                            "subject",
                            "person_id",
                            "tag_id",
                            "event_kind",
                            "month",
                            "date_precision",
                            "published_at",
                        ],
                        name="scheduleditem_due_idx",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("subject", "object_id", "person_id", "tag_id", "event_kind"),
                        name="scheduleditem_unique_key",
                    )
                ],
            },
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["kind", "start_date", "id"], name="event_kind_start_date_idx"),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["end_date", "start_date"], name="event_end_date_idx"),
        ),
        migrations.RunPython(install_and_count, uninstall, elidable=False),
    ]
