"""
What a quote card shows beyond the quote and its speaker, read as plain rows: the outlets that
reported the quote, and the posts its speaker held (for ``Quote.speaker_post``).

Each is a ``prefetch_related()`` lookup, so every list of cards keeps to one query for each
whatever leads to its quotes (``Quote.objects.with_related()``, citations' ``quote__``):

    Prefetch("reports", to_attr="reporting_citations")   # on quotes: ``card_citations()``
    Prefetch("speaker__post_rows", to_attr="posts")      # on quotes: ``speaker_posts()``

Both are written in SQL. For a page of 20 cards Django took 1.1–1.4 ms on SQLite and 1.6 ms
on PostgreSQL to put either query together and turn its rows into models, where the database
answered in 0.1 and 0.4–0.5 ms. What is public is decided by ``published_sql``, as
``published()`` decides it elsewhere, and the orders are the models' own (``Meta.ordering``);
``tests/test_cards.py`` holds both to what the ORM finds.
"""

from dataclasses import dataclass
from operator import attrgetter

from django.db import connection

from archive.dates import Span
from archive.editorial import published_sql


class PlainRows:
    """
    A model attribute that ``prefetch_related()`` fills with plain rows, one query for all the
    instances: ``Prefetch(name, to_attr=…)`` gives each instance the list of rows whose ``key``
    is its primary key, in the order ``read(keys)`` returned them.
    """

    def __init__(self, read, key):
        self.read = read
        self.key = attrgetter(key)

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self  # prefetch_related() looks for get_prefetch_querysets() here
        raise AttributeError(f"{self.name} is read with prefetch_related(Prefetch({self.name!r}, to_attr=…)).")

    def get_prefetch_querysets(self, instances, querysets=None):
        if querysets:
            raise ValueError(f"{self.name} is read in SQL of its own: Prefetch() takes no queryset for it.")
        keys = list(dict.fromkeys(instance.pk for instance in instances))
        return self.read(keys), self.key, attrgetter("pk"), False, self.name, False


def rows(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def placeholders(values):
    return ", ".join(["%s"] * len(values))


@dataclass(frozen=True, slots=True)
class OutletReport:
    """A quote reported by a published article: the article's outlet (None for an article without one)."""

    quote_id: int
    outlet_key: int | None
    outlet_name: str | None


def read_reports(quote_ids):
    """The reports of ``quote_ids`` in published articles, in the citations' order (earliest article first)."""
    from archive.models import Article, Citation, Outlet

    public, params = published_sql("a", connection)
    sql = (
        f"SELECT c.quote_id, a.outlet_id, o.name FROM {Citation._meta.db_table} c "
        f"INNER JOIN {Article._meta.db_table} a ON a.id = c.article_id "
        f"LEFT OUTER JOIN {Outlet._meta.db_table} o ON o.id = a.outlet_id "
        f"WHERE {public} AND c.quote_id IN ({placeholders(quote_ids)}) "
        "ORDER BY a.published_on ASC NULLS LAST, c.id ASC"
    )
    return [OutletReport(*row) for row in rows(sql, [*params, *quote_ids])] if quote_ids else []


class Tenure(Span):
    """A post's dates, read generously where only the month or the year is known (``Role`` and ``Post``)."""

    __slots__ = ()

    def held_on(self, date):
        """Whether the post was held on ``date``, reading partial ends generously."""
        if self.start_date and date < self.start_date:
            return False
        end = self.end
        return not (end and date > end.last_day)


@dataclass(frozen=True, slots=True)
class PostOrganization:
    name: str
    slug: str


@dataclass(frozen=True, slots=True)
class Post(Tenure):
    """A post a speaker held, as a quote names it: the title, the dates, the organization (or None)."""

    person_id: int
    title: str
    start_date: object
    start_precision: str
    end_date: object
    end_precision: str
    organization: PostOrganization | None


def read_posts(person_ids):
    """The posts of ``person_ids`` with their organizations, in ``Role``'s order (earliest start first)."""
    from people.models import Organization, Role

    sql = (
        "SELECT r.person_id, r.title, r.start_date, r.start_precision, r.end_date, r.end_precision, o.name, o.slug "
        f"FROM {Role._meta.db_table} r LEFT OUTER JOIN {Organization._meta.db_table} o ON o.id = r.organization_id "
        f"WHERE r.person_id IN ({placeholders(person_ids)}) ORDER BY r.start_date ASC NULLS FIRST, r.id ASC"
    )
    return [
        Post(*row[:6], organization=None if row[7] is None else PostOrganization(*row[6:]))
        for row in (rows(sql, person_ids) if person_ids else [])
    ]
