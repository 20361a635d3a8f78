"""
The first few published people of each of a page of events or articles, in one query.

``Prefetch("people", queryset=people[:n])`` reads the right people, but for a sliced queryset
Django ranks each object's people with a window function and keeps the first few through its
emulation of SQL's QUALIFY, and putting that statement together costs 1-2 ms of Python a page:
more than the database takes to answer it. ``attach_people()`` writes the ranking the short way,
a window function in a subquery and a condition on it, and gives each object a
``public_people`` list, which the timeline and the API read.
"""

from django.db.models import Case, F, When, Window
from django.db.models.functions import RowNumber

from people.models import Person


def attach_people(objects, first, fields=("name", "slug"), leading=None):
    """
    Set ``public_people`` on each of ``objects`` (events or articles, of one model): the first
    ``first`` of its published people, in name order, ``leading`` first where they are there,
    with ``fields`` read. Return ``objects`` as a list.
    """
    objects = list(objects)
    if not objects:
        return objects
    relation = type(objects[0])._meta.get_field("people").related_query_name()
    order = [F("sort_name").asc(), F("id").asc()]
    if leading is not None:
        order.insert(0, Case(When(pk=leading.pk, then=0), default=1).asc())
    # ``owner`` is the object the person is among: the join the filter made, read once more.
    ranked = (
        Person.objects.published()
        .filter(**{f"{relation}__in": [obj.pk for obj in objects]})
        .annotate(owner=F(relation), place=Window(RowNumber(), partition_by=F(relation), order_by=order))
        .only(*fields)
        .order_by()
    )
    sql, params = ranked.query.sql_with_params()
    found = {obj.pk: [] for obj in objects}
    for person in Person.objects.raw(
        f"SELECT * FROM ({sql}) ranked WHERE place <= %s ORDER BY place", [*params, first]
    ):
        found[person.owner].append(person)
    for obj in objects:
        obj.public_people = found[obj.pk]
    return objects
