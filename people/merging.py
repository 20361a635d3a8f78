"""
Merging people: two records of one person become one.

Everything moves to the person kept: their quotes (citations follow their quotes),
posts, alias names, and the articles and events that mention them (never linked twice).
The merged person's name becomes an alias name of the kept one, empty fields of the kept
person are filled from the merged one, and the merged person's slug keeps working as a
permanent redirect (``PersonRedirect``), as do the slugs that already redirected to them.
Then the merged person is deleted.

All of it happens in one transaction. Objects are saved one by one, so each change is in
the history (with who made it, and why) and the search index follows: the kept person
and their quotes are reindexed, the merged person's document goes with them.
"""

from django.db import transaction

from archive.models import Article, Event, Quote
from people.models import Person, PersonAlias, PersonRedirect

# Empty on the person kept: taken from the merged person.
FILLED_FIELDS = ["description", "biography", "country", "wikidata_id"]


@transaction.atomic
def merge_people(kept, merged):
    """Merge every person in ``merged`` into ``kept``; returns the kept person, refreshed."""
    for person in merged:
        if person.pk == kept.pk:
            raise ValueError("A person cannot be merged into themselves.")
        merge_person(kept, person)
    kept.refresh_from_db()
    return kept


def merge_person(kept, person):
    reason = f"Merged “{person.name}” ({person.slug}) into “{kept.name}” ({kept.slug})"

    for quote in Quote.objects.filter(speaker=person):
        quote.speaker = kept
        quote._change_reason = reason
        quote.save()
    for role in person.roles.all():
        role.person = kept
        role._change_reason = reason
        role.save()
    move_aliases(kept, person, reason)
    for model in (Article, Event):
        already_linked = set(model.objects.filter(people=kept).values_list("pk", flat=True))
        for obj in model.objects.filter(people=person):
            obj._change_reason = reason
            if obj.pk not in already_linked:
                obj.people.add(kept)
            obj.people.remove(person)

    PersonRedirect.objects.filter(person=person).update(person=kept)
    PersonRedirect.objects.update_or_create(old_slug=person.slug, defaults={"person": kept})

    filled = {name: getattr(person, name) for name in FILLED_FIELDS if getattr(person, name)}
    filled = {name: value for name, value in filled.items() if not getattr(kept, name)}
    person._change_reason = reason
    person.delete()  # Before the kept person takes over a unique Wikidata id.
    if filled:
        kept.refresh_from_db()
        for name, value in filled.items():
            setattr(kept, name, value)
        kept._change_reason = reason
        kept.save()


def move_aliases(kept, person, reason):
    """The merged person's alias names and name become the kept person's, each name once."""
    known = {kept.name.casefold()} | {name.casefold() for name in kept.aliases.values_list("name", flat=True)}
    for alias in person.aliases.all():
        alias._change_reason = reason
        if alias.name.casefold() in known:
            alias.delete()
            continue
        known.add(alias.name.casefold())
        alias.person = kept
        alias.save()
    if person.name.casefold() not in known:
        # The language of a name is not known from the merge.
        alias = PersonAlias(person=kept, name=person.name, language="")
        alias._change_reason = reason
        alias.save()


def people_now(ids):
    """
    The people ``ids`` (an old version's, say) as they are now: someone merged away since is the
    person they were merged into, whom their old address redirects to; someone deleted is left
    out. In order, each once.
    """
    existing = set(Person.objects.filter(pk__in=ids).values_list("pk", flat=True))
    successors = {}
    if gone := [pk for pk in ids if pk not in existing]:
        slugs = {}  # each person's last recorded slug
        for pk, slug in (
            Person.history.filter(id__in=gone).order_by("-history_date", "-history_id").values_list("id", "slug")
        ):
            slugs.setdefault(pk, slug)
        redirects = dict(PersonRedirect.objects.filter(old_slug__in=slugs.values()).values_list("old_slug", "person"))
        successors = {pk: redirects[slug] for pk, slug in slugs.items() if slug in redirects}
    now = [pk if pk in existing else successors.get(pk) for pk in ids]
    return list(dict.fromkeys(pk for pk in now if pk is not None))
