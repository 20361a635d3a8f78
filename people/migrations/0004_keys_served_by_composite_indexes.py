"""Foreign keys served by a composite index that leads with them: no index of their own."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_indexes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="personalias",
            name="person",
            field=models.ForeignKey(
                db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name="aliases", to="people.person"
            ),
        ),
        migrations.AlterField(
            model_name="role",
            name="person",
            field=models.ForeignKey(
                db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name="roles", to="people.person"
            ),
        ),
    ]
