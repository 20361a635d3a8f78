from django.db import migrations, models

import people.indexes


class Migration(migrations.Migration):
    dependencies = [("people", "0002_history_and_redirects")]

    operations = [
        migrations.RemoveIndex(model_name="person", name="person_sort_name_idx"),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["sort_name", "id", "status", "published_at"], name="person_sort_name_idx"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=people.indexes.CaseInsensitivePrefixIndex(field="name", covering=["id"], name="person_name_prefix_idx"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=people.indexes.CaseInsensitivePrefixIndex(field="sort_name", covering=["id"], name="person_sort_name_prefix_idx"),
        ),
        migrations.AddIndex(
            model_name="personalias",
            index=people.indexes.CaseInsensitivePrefixIndex(field="name", covering=["person"], name="person_alias_name_prefix_idx"),
        ),
    ]
