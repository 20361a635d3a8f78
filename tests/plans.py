"""Query plans, to check that a query can be served by the index meant for it, on either database."""

from django.db import connection


def plan_of_sql(sql, params=(), sorts=True):
    """
    The plan as one string. On PostgreSQL sequential scans are off: a near-empty table would
    always get one; and sorts too with ``sorts=False``, to see whether an index can give the order.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            if not sorts:
                cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " ".join(str(row) for row in cursor.fetchall())


def plan(queryset):
    sql, params = queryset.query.sql_with_params()
    return plan_of_sql(sql, params)
