"""
Fast inserts of many rows for bulk loads: ``COPY`` on PostgreSQL, ``executemany`` on SQLite.

For loads where ``bulk_create`` is the bottleneck (a million quotes): rows are plain tuples
already adapted for the database (see ``Adapter``), no model instances, no signals, no
``save()``. Every column the caller does not give is filled with its field's default (or
the load's timestamp for ``auto_now`` fields), so a field added later with a default does
not break a load. Callers give primary keys themselves and reset the sequences after
(``reset_sequences``).
"""

import datetime

from django.core.management.color import no_style
from django.db import connection as default_connection
from django.db.models import NOT_PROVIDED


class Adapter:
    """Python values as the connection's driver wants them in a raw insert (the ORM's own adaptation)."""

    def __init__(self, connection=None):
        self.connection = connection or default_connection

    def date(self, value):
        return self.connection.ops.adapt_datefield_value(value)

    def datetime(self, value):
        return self.connection.ops.adapt_datetimefield_value(value)


class RowWriter:
    """Writes tuples of ``fields`` (attnames, in order) into ``model``'s table."""

    def __init__(self, model, fields, now, connection=None):
        self.connection = connection or default_connection
        self.model = model
        opts = model._meta
        given = [opts.get_field(name) for name in fields]
        given_names = {field.attname for field in given}
        adapter = Adapter(self.connection)
        defaults = []
        for field in opts.concrete_fields:
            if field.attname in given_names or field.primary_key:
                continue
            defaults.append((field, self._default(field, now, adapter)))
        self.columns = [field.column for field in given] + [field.column for field, _ in defaults]
        self.constants = tuple(value for _, value in defaults)
        self.rows_written = 0

    def _default(self, field, now, adapter):
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return adapter.datetime(now) if isinstance(now, datetime.datetime) else now
        if field.default is NOT_PROVIDED and field.null:
            return None
        return field.get_db_prep_save(field.get_default(), self.connection)

    def write(self, rows):
        constants = self.constants
        table = self.connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(self.connection.ops.quote_name(column) for column in self.columns)
        count = 0
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row + constants)
                        count += 1
            else:
                placeholders = ", ".join(["%s"] * len(self.columns))
                rows = [row + constants for row in rows]
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)
                count = len(rows)
        self.rows_written += count
        return count


def next_id(model, connection=None):
    """The first free primary key of ``model``'s table (ids in a bulk load are given, not drawn)."""
    connection = connection or default_connection
    table = connection.ops.quote_name(model._meta.db_table)
    pk = connection.ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX({pk}) FROM {table}")
        (highest,) = cursor.fetchone()
    return (highest or 0) + 1


def reset_sequences(models, connection=None):
    """After inserting given ids: PostgreSQL's sequences must continue after them (SQLite needs nothing)."""
    connection = connection or default_connection
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


class DeferredIndexes:
    """
    Drop the secondary indexes of ``models``' tables for a bulk load and build them again at the
    end, each in one sort instead of a million random insertions. Primary keys stay, and so do
    PostgreSQL's constraint indexes (their constraints must hold throughout); on SQLite, where
    unique constraints are plain unique indexes, those are rebuilt too, and fail loudly if the
    load broke one. The definitions are read back from the database itself (``sqlite_master``,
    ``pg_indexes``), so they come back exactly as the migrations made them.

    Use ``with``: the indexes come back after a failed load too.
    """

    def __init__(self, models, connection=None):
        self.connection = connection or default_connection
        self.tables = [model._meta.db_table for model in models]
        self.definitions = []

    def _read(self, cursor):
        if self.connection.vendor == "sqlite":
            placeholders = ", ".join(["%s"] * len(self.tables))
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                f"AND tbl_name IN ({placeholders})",
                self.tables,
            )
        else:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                "AND tablename = ANY(%s) AND indexname NOT IN (SELECT conname FROM pg_constraint)",
                [self.tables],
            )
        return cursor.fetchall()

    def __enter__(self):
        quote = self.connection.ops.quote_name
        with self.connection.cursor() as cursor:
            self.definitions = self._read(cursor)
            for name, _ in self.definitions:
                cursor.execute(f"DROP INDEX {quote(name)}")
        return self

    def __exit__(self, *exc_info):
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                cursor.execute("SET maintenance_work_mem = '512MB'")
            for _, definition in self.definitions:
                cursor.execute(definition)
        self.definitions = []
