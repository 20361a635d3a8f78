from django.db import migrations, models

import archive.indexes


class Migration(migrations.Migration):
    dependencies = [("archive", "0008_timeline_counts")]

    operations = [
        migrations.AddIndex(
            model_name="quote",
            index=archive.indexes.NullsLastIndex(
                models.F("status"),
                models.OrderBy(models.F("said_on"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                models.F("published_at"),
                name="quote_public_said_on_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="quote",
            index=archive.indexes.NullsLastIndex(
                models.F("status"),
                models.OrderBy(models.F("said_on"), nulls_last=True),
                models.F("id"),
                models.F("published_at"),
                name="quote_public_said_on_asc_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="quote",
            index=models.Index(
                models.OrderBy(models.F("published_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                models.F("status"),
                name="quote_published_at_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=archive.indexes.NullsLastIndex(
                models.F("status"),
                models.OrderBy(models.F("published_on"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                models.F("published_at"),
                name="article_public_date_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                models.OrderBy(models.F("published_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                models.F("status"),
                name="article_published_at_idx",
            ),
        ),
    ]
