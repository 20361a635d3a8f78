"""
Paginators for lists too long to count on every request.

Django's admin counts a change list's rows with ``COUNT(*)`` on every page view; on
PostgreSQL that reads the whole table (MVCC keeps no row count), ~100 ms and more at a
million quotes. ``EstimatedCountPaginator`` reads the planner's estimate instead when
the list is unfiltered: ``pg_class.reltuples``, kept current by autovacuum/ANALYZE.
Filtered lists, small tables and SQLite are counted exactly, as before.
"""

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property


def estimated_count(queryset):
    """
    The planner's row estimate for ``queryset``'s table when the queryset is the whole table
    (no filter, no DISTINCT, no slice) on PostgreSQL; None otherwise, or if it was never analyzed.
    """
    query = queryset.query
    connection = connections[queryset.db]
    if connection.vendor != "postgresql" or query.where or query.distinct or query.is_sliced or query.combinator:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)",
            [connection.ops.quote_name(queryset.model._meta.db_table)],
        )
        row = cursor.fetchone()
    if row is None or row[0] is None or row[0] < 0:
        return None
    return row[0]


class EstimatedCountPaginator(Paginator):
    """
    Counts exactly unless the list is a whole PostgreSQL table of at least ``threshold`` rows
    (by the estimate), where the estimate stands in: "about 1,000,000 quotes", page links to match.
    For the admin: ``paginator = EstimatedCountPaginator`` with ``show_full_result_count = False``.
    """

    threshold = 10_000

    @cached_property
    def count(self):
        estimate = estimated_count(self.object_list) if hasattr(self.object_list, "query") else None
        if estimate is not None and estimate >= self.threshold:
            return estimate
        return super().count
