"""
People, organizations and posts as Popolo 1.0 JSON (https://www.popoloproject.com/).

    {"persons": [...], "organizations": [...], "memberships": [...]}

Only published people are exported; an organization appears when a published person held a
post there, and each post (Role) becomes a membership. Ids are prefixed slugs
("person/anatoly-antonov", "organization/russian-embassy-in-washington") and "membership/<id>".
Alias names are ``other_names`` with their language in ``note`` (and in the extra key ``lang``);
a Wikidata id is an identifier with scheme "wikidata". Dates are ISO 8601 strings at their
precision (YYYY, YYYY-MM, YYYY-MM-DD), as Popolo allows.

The document is streamed, one object per line: people ``CHUNK_SIZE`` at a time with their
aliases, then the organizations, then the posts. Memory stays bounded and each chunk costs the
same two queries, however many people the archive holds.
"""

import json

from django.db.models import Exists, F, OuterRef, Prefetch

from people.models import Organization, Person, Role

CHUNK_SIZE = 1000


def partial_iso(value):
    return value.isoformat() if value else None


def prune(data):
    """Leave out what is unknown: Popolo readers treat a missing key as "not stated"."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def person_id(person):
    return f"person/{person.slug}"


def organization_id(organization):
    return f"organization/{organization.slug}"


def wikidata_identifiers(wikidata_id):
    return [{"identifier": wikidata_id, "scheme": "wikidata"}] if wikidata_id else []


def other_name(alias):
    return prune(
        {
            "name": alias.name,
            "note": f"Alias name, language: {alias.language}" if alias.language else "Alias name",
            "lang": alias.language,
        }
    )


def person_data(person, absolute_url):
    return prune(
        {
            "id": person_id(person),
            "name": person.name,
            "sort_name": person.sort_name,
            "summary": person.description,
            "biography": person.biography,
            "national_identity": person.country,
            "other_names": [other_name(alias) for alias in person.alias_list],
            "identifiers": wikidata_identifiers(person.wikidata_id),
            "links": [{"url": absolute_url(person.get_absolute_url()), "note": "Profile in Embassy Row"}],
        }
    )


def organization_data(organization):
    return prune(
        {
            "id": organization_id(organization),
            "name": organization.name,
            "classification": organization.get_kind_display(),
            "identifiers": wikidata_identifiers(organization.wikidata_id),
            "links": [{"url": organization.url, "note": "Website"}] if organization.url else [],
        }
    )


def membership_data(role):
    return prune(
        {
            "id": f"membership/{role.pk}",
            "label": role.title,
            "role": role.title,
            "person_id": person_id(role.person),
            "organization_id": organization_id(role.organization) if role.organization_id else None,
            "start_date": partial_iso(role.start),
            "end_date": partial_iso(role.end),
        }
    )


def popolo_chunks(absolute_url):
    """
    The whole export as pieces of JSON text, for a ``StreamingHttpResponse``. ``absolute_url``
    turns a path into an address. Nothing is read until the first piece is asked for.
    """
    published = Person.objects.published()
    people = published.prefetch_related(Prefetch("aliases", to_attr="alias_list")).order_by("sort_name", "id")
    organizations = Organization.objects.filter(
        Exists(Role.objects.filter(organization=OuterRef("pk"), person__in=published))
    ).order_by("name", "pk")
    posts = (
        Role.objects.filter(person__in=published)
        .select_related("organization", "person")
        .only("title", "start_date", "start_precision", "end_date", "end_precision", "organization", "person__slug")
        .order_by("person__sort_name", "person_id", F("start_date").asc(nulls_first=True), "id")
    )
    sections = [
        ("persons", (person_data(person, absolute_url) for person in people.iterator(chunk_size=CHUNK_SIZE))),
        ("organizations", (organization_data(organization) for organization in organizations)),
        ("memberships", (membership_data(role) for role in posts.iterator(chunk_size=CHUNK_SIZE))),
    ]
    for number, (name, items) in enumerate(sections):
        yield ("{" if number == 0 else "],\n") + f"{json.dumps(name)}: [\n"
        lines = []
        for item in items:
            lines.append(json.dumps(item, ensure_ascii=False))
            if len(lines) == CHUNK_SIZE:
                yield ",\n".join(lines)
                lines = [""]  # the next piece starts with the comma and newline that separate it
        if lines != [""]:
            yield ",\n".join(lines)
        yield "\n"
    yield "]}\n"
