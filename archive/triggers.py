"""
What the two sets of count-keeping triggers share (``archive.counts_tags``,
``archive.counts_timeline``): a trigger's parts and its SQLite form, PostgreSQL's lowering of
many counts at once, the content type a tagging names, the repair their ``rebuild_*_counts``
commands run and the forgetting of scheduled rows that came due.
"""

from dataclasses import dataclass

from django.db import connections, transaction


@dataclass(frozen=True)
class Trigger:
    """After ``event`` on ``table``, if ``when``, run ``statements``."""

    table: str
    event: str
    when: str
    statements: list

    def sqlite(self, name):
        """The trigger as SQLite creates it: row by row."""
        body = "".join(f"    {statement};\n" for statement in self.statements)
        return (
            f"CREATE TRIGGER {name} AFTER {self.event} ON {self.table} FOR EACH ROW WHEN {self.when}\nBEGIN\n{body}END"
        )


def pg_lower(table, key_columns, assignments, counted):
    """
    PostgreSQL: ``UPDATE table SET assignments`` for the rows of ``counted`` (named ``gone``,
    matched on ``key_columns``), which locks them in key order first. Counts are raised by
    ``INSERT … ORDER BY key ON CONFLICT``, in key order; an ``UPDATE … FROM`` locks its rows in
    the order it happens to read the table, so two saves lowering and raising the same counts
    at once could each hold a row the other waits for, and PostgreSQL would fail one of them.
    """
    match = " AND ".join(f"u.{column} = gone.{column}" for column in key_columns)
    order = ", ".join(f"u.{column}" for column in key_columns)
    return (
        f"PERFORM 1 FROM {table} u JOIN ({counted}) gone ON {match} ORDER BY {order} FOR NO KEY UPDATE OF u; "
        f"UPDATE {table} u SET {assignments} FROM ({counted}) gone WHERE {match}"
    )


def content_type(model):
    """The id of ``model``'s content type as a subquery: a trigger may be written before the content type exists."""
    return (
        f"(SELECT id FROM django_content_type WHERE app_label = '{model._meta.app_label}' "
        f"AND model = '{model._meta.model_name}')"
    )


def recount(database, counts, stored, dry_run=False):
    """
    In one transaction: ``counts``' triggers installed again and its counts rebuilt (a
    ``--dry-run`` rolls both back). Returns the stored counts before and after, as ``stored``
    reads them, and what ``counts.rebuild()`` returned.
    """
    with transaction.atomic(using=database):
        before = stored(database)
        counts.install(connections[database])
        rebuilt = counts.rebuild(database)
        after = stored(database)
        if dry_run:
            transaction.set_rollback(True, using=database)
    return before, after, rebuilt


def delete_due(model, now, batch, using):
    """
    Delete ``model``'s scheduled rows whose publish time is at or before ``now``, ``batch`` at a
    time, each batch in its own transaction (SQLite's write lock is never held for long); returns
    how many. Their own triggers take them off the counts' notes of them.
    """
    due = model.objects.using(using).filter(published_at__lte=now)
    forgotten = 0
    while True:
        with transaction.atomic(using=using):
            ids = list(due.order_by().values_list("pk", flat=True)[:batch])
            if not ids:
                return forgotten
            forgotten += due.filter(pk__in=ids).delete()[0]
