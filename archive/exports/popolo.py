"""
People, organizations and posts as Popolo 1.0 JSON (https://www.popoloproject.com/).

    {"persons": [...], "organizations": [...], "memberships": [...]}

Only published people are exported; an organization appears when a published person held a
post there, and each post (Role) becomes a membership. Ids are prefixed slugs
("person/anatoly-antonov", "organization/russian-embassy-in-washington") and "membership/<id>".
Alias names are ``other_names`` with their language in ``note`` (and in the extra key ``lang``);
a Wikidata id is an identifier with scheme "wikidata". Dates are ISO 8601 strings at their
precision (YYYY, YYYY-MM, YYYY-MM-DD), as Popolo allows.
"""

from django.db.models import F, Prefetch

from people.models import Person, Role


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
            "other_names": [other_name(alias) for alias in person.aliases.all()],
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


def membership_data(role, person):
    return prune(
        {
            "id": f"membership/{role.pk}",
            "label": role.title,
            "role": role.title,
            "person_id": person_id(person),
            "organization_id": organization_id(role.organization) if role.organization_id else None,
            "start_date": partial_iso(role.start),
            "end_date": partial_iso(role.end),
        }
    )


def popolo(absolute_url):
    """
    The whole export as a dict, in three queries (people, their aliases, their roles with
    organizations). ``absolute_url`` turns a path into an address.
    """
    roles = Role.objects.select_related("organization").order_by(F("start_date").asc(nulls_first=True), "id")
    people = (
        Person.objects.published()
        .prefetch_related("aliases", Prefetch("roles", queryset=roles))
        .order_by("sort_name", "id")
    )
    persons, memberships, organizations = [], [], {}
    for person in people:
        persons.append(person_data(person, absolute_url))
        for role in person.roles.all():
            memberships.append(membership_data(role, person))
            if role.organization_id:
                organizations.setdefault(role.organization_id, role.organization)
    ordered = sorted(organizations.values(), key=lambda organization: (organization.name, organization.pk))
    return {
        "persons": persons,
        "organizations": [organization_data(organization) for organization in ordered],
        "memberships": memberships,
    }
