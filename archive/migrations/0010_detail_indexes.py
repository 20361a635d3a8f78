from django.db import migrations, models

import archive.indexes


class Migration(migrations.Migration):
    dependencies = [("archive", "0009_list_indexes")]

    operations = [
        migrations.RemoveIndex(model_name="quote", name="quote_speaker_said_on_idx"),
        migrations.AddIndex(
            model_name="quote",
            index=archive.indexes.NullsLastIndex(
                models.F("speaker"),
                models.OrderBy(models.F("said_on"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                models.F("status"),
                models.F("published_at"),
                name="quote_speaker_said_on_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="quote",
            index=models.Index(
                models.F("speaker"),
                models.OrderBy(models.F("published_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                models.F("status"),
                name="quote_speaker_published_idx",
            ),
        ),
        # A person's latest mentions (their page's coverage). Article.people's table is Django's
        # own, so its index is plain SQL, the same on both databases.
        migrations.RunSQL(
            "CREATE INDEX article_people_person_article_idx ON archive_article_people (person_id, article_id)",
            "DROP INDEX article_people_person_article_idx",
        ),
    ]
