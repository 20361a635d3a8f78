"""
Tags saved with an empty slug (a name such as "🙂" or "!!!" slugifies to nothing) get one:
``tag``, ``tag-2``… (``archive.tags.give_a_slug`` does the same for every new tag). Their
pages could not be linked to, so every page listing them failed.
"""

from django.db import migrations

from archive.slugs import unique_slug


def give_slugs(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.using(schema_editor.connection.alias).filter(slug__regex=r"^[-_]*$"):
        tag.slug = unique_slug(tag, tag.name)
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0016_searchdocument_unused_indexes"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(give_slugs, migrations.RunPython.noop)]
