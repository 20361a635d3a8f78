"""
What the index holds for each kind of content, and which documents borrow text from what.

A document's ``title`` is what the object *is* (a quote's words, a headline, a name)
and ranks first; ``names`` holds a person's alias names and ranks next; ``body`` is
everything else a reader might search by: the speaker of a quote with all their
names, the outlet, the people, the tags. ``full_text`` holds an article's text, which
readers may search but never read: a result's snippet comes from ``body``.
Editors' notes are never indexed. Names of people borrowed into an event's or an
article's document are those of published people only, as on those public pages.

``DEPENDENTS`` lists, for each model, the documents holding some of its text, so an
edit to a person, an alias, an outlet or a tag reaches every document it appears in.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from taggit.models import Tag, TaggedItem

from archive.models import Article, Event, Outlet, Quote, SearchDocument
from archive.search.query import clean_text
from people.models import Person, PersonAlias, Role

Kind = SearchDocument.Kind
SEPARATOR = " · "


def joined(*parts):
    cleaned = (clean_text(part).strip() for part in parts if part)
    return SEPARATOR.join(part for part in cleaned if part)


def tag_names(obj):
    return [tag.name for tag in obj.tags.all()]


def editorial(obj):
    return {"status": obj.status, "published_at": obj.published_at}


def public_people():
    return Prefetch("people", queryset=Person.objects.published().order_by("sort_name", "id"), to_attr="public_people")


def quote_queryset():
    return Quote.objects.select_related("speaker", "event").prefetch_related("speaker__aliases", "tags")


def quote_document(quote):
    names = []
    if quote.speaker_id:
        # The name is part of the quote's public attribution; the other names only once
        # the person is public, like everything else about them.
        names = [quote.speaker.name]
        if quote.speaker.is_public:
            names += [alias.name for alias in quote.speaker.aliases.all()]
    return {
        "title": clean_text(quote.text),
        "subtitle": clean_text(quote.attribution)[:300],
        "body": joined(
            *names,
            quote.unnamed_source,
            quote.original_text,
            quote.event.title if quote.event_id and quote.event.is_public else "",
            *tag_names(quote),
        ),
        "date": quote.said_on,
        "date_precision": quote.said_on_precision,
        **editorial(quote),
    }


def article_queryset():
    return Article.objects.select_related("outlet").prefetch_related("tags", public_people())


def article_document(article):
    outlet = article.outlet.name if article.outlet_id else ""
    return {
        "slug": article.slug,
        "title": clean_text(article.headline),
        "subtitle": joined(outlet, article.authors)[:300],
        "body": joined(
            article.dek,
            article.summary,
            article.authors,
            article.translator,
            outlet,
            *(person.name for person in article.public_people),
            *tag_names(article),
        ),
        # Found by, never shown: the archive does not publish the articles it holds.
        "full_text": clean_text(article.body).strip(),
        "date": article.published_on,
        "date_precision": article.published_on_precision,
        **editorial(article),
    }


def person_queryset():
    return Person.objects.prefetch_related("aliases", "roles")


def person_document(person):
    return {
        "slug": person.slug,
        "title": clean_text(person.name),
        "subtitle": clean_text(person.description)[:300],
        "names": joined(*(alias.name for alias in person.aliases.all())),
        "body": joined(
            person.country,
            *(role.title for role in person.roles.all()),
            person.biography,
            person.description,
        ),
        "date": None,
        **editorial(person),
    }


def event_queryset():
    return Event.objects.prefetch_related("tags", public_people())


def event_document(event):
    kind = event.get_kind_display()
    return {
        "slug": event.slug,
        "title": clean_text(event.title),
        "subtitle": joined(kind, event.location)[:300],
        "body": joined(
            event.description,
            kind,
            event.location,
            *(person.name for person in event.public_people),
            *tag_names(event),
        ),
        "date": event.start_date,
        "date_precision": event.start_precision,
        **editorial(event),
    }


@dataclass(frozen=True)
class DocumentType:
    kind: str
    queryset: Any
    build: Any


DOCUMENT_TYPES = {
    Quote: DocumentType(Kind.QUOTE, quote_queryset, quote_document),
    Article: DocumentType(Kind.ARTICLE, article_queryset, article_document),
    Person: DocumentType(Kind.PERSON, person_queryset, person_document),
    Event: DocumentType(Kind.EVENT, event_queryset, event_document),
}


# Which documents hold text from an object: {model: ids}, read before a change or a delete.


def person_dependents(person):
    return {
        Person: [person.pk],
        Quote: list(Quote.objects.filter(speaker=person).values_list("pk", flat=True)),
        Event: list(Event.objects.filter(people=person).values_list("pk", flat=True)),
        Article: list(Article.objects.filter(people=person).values_list("pk", flat=True)),
    }


def alias_dependents(alias):
    return {
        Person: [alias.person_id],
        Quote: list(Quote.objects.filter(speaker_id=alias.person_id).values_list("pk", flat=True)),
    }


def role_dependents(role):
    return {Person: [role.person_id]}


def event_dependents(event):
    return {Event: [event.pk], Quote: list(Quote.objects.filter(event=event).values_list("pk", flat=True))}


def outlet_dependents(outlet):
    return {Article: list(Article.objects.filter(outlet=outlet).values_list("pk", flat=True))}


def tag_dependents(tag):
    dependents = {}
    items = TaggedItem.objects.filter(tag=tag).select_related("content_type")
    for item in items:
        model = item.content_type.model_class()
        if model in DOCUMENT_TYPES:
            dependents.setdefault(model, []).append(item.object_id)
    return dependents


def own_document(obj):
    return {obj._meta.concrete_model: [obj.pk]}


DEPENDENTS = {
    Quote: own_document,
    Article: own_document,
    Event: event_dependents,
    Person: person_dependents,
    PersonAlias: alias_dependents,
    Role: role_dependents,
    Outlet: outlet_dependents,
    Tag: tag_dependents,
}


def dependents(obj):
    """{model: ids} of the documents that hold text from ``obj`` (a proxy's are its concrete model's)."""
    finder = DEPENDENTS.get(obj._meta.concrete_model)
    return finder(obj) if finder else {}


def documents_for(model, ids):
    """The index rows (unsaved) for ``model`` objects with ``ids``; objects that are gone yield none."""
    document_type = DOCUMENT_TYPES[model]
    objects = document_type.queryset().filter(pk__in=ids)
    return [build_document(document_type, obj) for obj in objects]


def build_document(document_type, obj):
    return SearchDocument(kind=document_type.kind, object_id=obj.pk, **document_type.build(obj))
