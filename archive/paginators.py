"""
Paginators for lists too long to count on every request.

Django's admin counts a change list's rows with ``COUNT(*)`` on every page view; on
PostgreSQL that reads the whole table (MVCC keeps no row count), ~100 ms and more at a
million quotes. ``EstimatedCountPaginator`` reads the planner's estimate instead when
the list is unfiltered: ``pg_class.reltuples``, kept current by autovacuum/ANALYZE.
Filtered lists, small tables and SQLite are counted exactly, as before.

The public lists (pages and API) use ``CappedPaginator``: a count that stops where no
reader pages to, shown as "10,000+".
"""

import contextlib
from math import ceil

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


class CappedPaginator(Paginator):
    """
    Counts a list only as far as it is paged: the public lists' paginator.

    Counting a million published quotes on every request costs more than the page itself,
    and no reader pages through more than a few hundred pages. So the count runs as
    ``SELECT COUNT(*) FROM (SELECT … LIMIT limit + 1)`` without the list's ordering (the
    database picks the cheapest way to find that many rows), and stops at ``cap`` items:
    page links stop at the page holding the last item counted, and a page beyond answers
    as any page past the end does. ``capped`` says there are more than ``count``;
    ``count_text`` then reads "10,000+", the exact number otherwise.

    ``rows``, a queryset of the same items with what a page shows (related rows, prefetches)
    but without the list's filters, has a page read by id: the list gives the page's ids,
    ``OFFSET`` included, from its index alone, and only those rows are read in full (for
    page 200 of a list, 20 rows read instead of 4,000). Without the list's filters, which
    would draw the database away from reading by id.

    ``total``, a count the list's filters know without counting (the counts the database keeps,
    ``QuoteFilterSet.paging``), stands in for the count.

    Two options for lists whose filters cost a test per row read (``QuoteFilterSet.paging``):

    - ``walk``: read the ids of the items in the list's order, up to ``limit`` + 1, instead
      of counting; the page's rows are then read by id (from ``rows``, or the list). One read
      serves the count and the page, where counting and then paging would test the same
      rows twice.
    - ``ahead``: count only that many pages past the one asked for ("20+" on the first page
      with none), for a list whose every row read is tested: reaching the ``cap`` would test
      rows far past the page. The page after the last one counted is linked too (an item on
      it was seen); asking for it counts further.
    """

    cap = 10_000

    def __init__(self, object_list, per_page, *args, cap=None, ahead=None, walk=False, rows=None, total=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        if cap is not None:
            self.cap = cap
        self.total = total
        self.ahead = ahead
        self.walk = walk and hasattr(object_list, "query")
        self.rows = rows
        self.asked = 1

    def validate_number(self, number):
        # How far to count may depend on the page asked for: note it before anything counts.
        if "counted" not in self.__dict__:
            with contextlib.suppress(TypeError, ValueError, OverflowError):
                self.asked = max(1, int(number))
        return super().validate_number(number)

    @property
    def limit(self):
        """How many items to count at most."""
        if self.ahead is None:
            return self.cap
        return min(self.cap, (self.asked + self.ahead) * self.per_page)

    @cached_property
    def walked(self):
        """With ``walk``: the ids of the first ``limit`` + 1 items, in the list's order."""
        return list(self.object_list.values_list("pk", flat=True)[: self.limit + 1])

    @cached_property
    def counted(self):
        """How many items there are, up to ``limit + 1`` (one more than the limit tells that it was reached)."""
        items = self.object_list
        if self.total is not None:
            return min(self.total, self.limit + 1)
        if self.walk:
            return len(self.walked)
        if hasattr(items, "query"):
            return items.order_by()[: self.limit + 1].count()
        return len(items[: self.limit + 1])

    @cached_property
    def count(self):
        return min(self.counted, self.limit)

    @cached_property
    def num_pages(self):
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        pages = ceil(max(1, self.count - self.orphans) / self.per_page)
        if self.ahead is not None and self.capped and self.limit < self.cap:
            pages += 1
        return pages

    @property
    def capped(self):
        """Whether there are more items than ``count``, and pages beyond the last one linked."""
        return self.counted > self.limit

    @property
    def count_text(self):
        """The count as a reader sees it: "1,234", or "10,000+" when counting stopped there."""
        return f"{self.count:,}+" if self.capped else f"{self.count:,}"

    def page(self, number):
        if not self.walk and self.rows is None:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.rows if self.rows is not None else self.object_list
        if not self.walk:
            # One query: the page's ids in a subquery, the rows for them in the list's order.
            ordering = self.object_list.query.order_by
            page = rows.filter(pk__in=self.object_list.values("pk")[bottom:top])
            return self._get_page(page.order_by(*ordering) if ordering else page, number, self)
        ids = self.walked[bottom:top]
        found = {item.pk: item for item in rows.filter(pk__in=ids)} if ids else {}
        return self._get_page([found[pk] for pk in ids if pk in found], number, self)
