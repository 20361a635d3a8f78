"""
Wiring only: editors' saves, deletes and relation changes call ``archive.search.indexing``.

Connected from ``ArchiveConfig.ready()``. Fixture loading (``raw`` saves) is skipped;
``manage.py rebuild_search_index`` covers it, and any bulk ``update()``.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from taggit.models import TaggedItem

from archive.models import Article, Event
from archive.search import indexing
from archive.search.documents import DEPENDENTS, dependents
from people.models import PersonAlias, Role

DISPATCH_UID = "archive.search"
PENDING = "_search_dependents"
REVERSE_ACCESSORS = {Event: "events", Article: "articles"}
# Text one person's documents hold that an edit may give to another person.
MOVABLE = (PersonAlias, Role)


def moving(sender, instance, raw=False, **kwargs):
    """An alias name or a post given to someone else: read now who held it, whose documents must lose it."""
    if raw or instance.pk is None:
        return
    held_by = sender.objects.filter(pk=instance.pk).values_list("person_id", flat=True).first()
    if held_by is not None and held_by != instance.person_id:
        setattr(instance, PENDING, dependents(sender(pk=instance.pk, person_id=held_by)))


def saved(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.object_changed(instance)
        indexing.refresh_all(instance.__dict__.pop(PENDING, {}))


def deleting(sender, instance, **kwargs):
    # Read now: after the delete, the rows that say who depended on it are gone.
    setattr(instance, PENDING, dependents(instance))


def deleted(sender, instance, **kwargs):
    indexing.refresh_all(getattr(instance, PENDING, {}))


def tags_changed(sender, instance, action, **kwargs):
    model = instance._meta.concrete_model
    if action in {"post_add", "post_remove", "post_clear"} and model in indexing.DOCUMENT_TYPES:
        indexing.refresh(model, [instance.pk])


def people_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """``event.people`` / ``article.people``, changed from either side."""
    if not reverse:
        if action in {"post_add", "post_remove", "post_clear"}:
            indexing.refresh(type(instance), [instance.pk])
        return
    # person.events.add(...) and the like: the documents are those of the other side.
    if action == "pre_clear":
        related = getattr(instance, REVERSE_ACCESSORS[model])
        setattr(instance, PENDING, list(related.values_list("pk", flat=True)))
    elif action == "post_clear":
        indexing.refresh(model, getattr(instance, PENDING, []))
    elif action in {"post_add", "post_remove"}:
        indexing.refresh(model, pk_set or [])


def connect():
    for model in DEPENDENTS:
        uid = f"{DISPATCH_UID}.{model._meta.label}"
        post_save.connect(saved, sender=model, dispatch_uid=uid)
        pre_delete.connect(deleting, sender=model, dispatch_uid=uid)
        post_delete.connect(deleted, sender=model, dispatch_uid=uid)
    for model in MOVABLE:
        pre_save.connect(moving, sender=model, dispatch_uid=f"{DISPATCH_UID}.{model._meta.label}")
    m2m_changed.connect(tags_changed, sender=TaggedItem, dispatch_uid=f"{DISPATCH_UID}.tags")
    for through in (Event.people.through, Article.people.through):
        m2m_changed.connect(people_changed, sender=through, dispatch_uid=f"{DISPATCH_UID}.{through._meta.label}")
