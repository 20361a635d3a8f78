"""Slugs for new rows: readable, unique, never empty."""

from django.utils.text import slugify


def unique_slug(instance, text, field="slug"):
    """
    A slug for ``instance`` from ``text`` that no other row of its model uses.

    Names in other scripts ("Анатолий Антонов") slugify to nothing; they fall
    back to the model's name, and a counter keeps every slug unique.
    """
    max_length = instance._meta.get_field(field).max_length
    base = slugify(text)[: max_length - 8].strip("-") or instance._meta.model_name
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    candidate, number = base, 1
    while others.filter(**{field: candidate}).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate
