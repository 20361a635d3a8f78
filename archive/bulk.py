"""
Fast writes of many rows for bulk loads (``generate_synthetic``): no model instances, no signals,
no ``save()``.

- ``RowWriter`` writes rows made in Python (``COPY`` on PostgreSQL, ``executemany`` on SQLite)
  or rows the database makes itself from an ``INSERT … SELECT``. Every column the caller does not
  give is filled with its field's default (or the load's timestamp for ``auto_now`` fields), so a
  field added later with a default does not break a load.
- ``DeferredIndexes`` drops secondary indexes for the load and builds each once at the end.
- ``Lanes`` runs the steps of a load on two connections at once, one per core.

Callers give primary keys themselves where rows refer to each other, and reset the sequences
after (``reset_sequences``).
"""

import datetime
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection as default_connection
from django.db import connections, transaction
from django.db.models import NOT_PROVIDED


class Adapter:
    """Python values as the connection's driver wants them in a raw insert (the ORM's own adaptation)."""

    def __init__(self, connection=None):
        self.connection = connection or default_connection

    def date(self, value):
        return self.connection.ops.adapt_datefield_value(value)

    def datetime(self, value):
        return self.connection.ops.adapt_datetimefield_value(value)


def fill(cursor, table, columns, rows, vendor):
    """Write tuples into ``table``: ``COPY`` on PostgreSQL, ``executemany`` elsewhere. Returns the row count."""
    names = ", ".join(columns)
    if vendor == "postgresql":
        count = 0
        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    rows = list(rows)
    cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})", rows)
    return len(rows)


class RowWriter:
    """Writes rows of ``fields`` (attnames, in order) into ``model``'s table."""

    def __init__(self, model, fields, now, connection=None):
        self.connection = connection or default_connection
        self.model = model
        opts = model._meta
        given = [opts.get_field(name) for name in fields]
        given_names = {model_field.attname for model_field in given}
        adapter = Adapter(self.connection)
        defaults = []
        for model_field in opts.concrete_fields:
            if model_field.attname in given_names or model_field.primary_key:
                continue
            defaults.append((model_field, self._default(model_field, now, adapter)))
        quote = self.connection.ops.quote_name
        self.table = quote(opts.db_table)
        self.columns = [quote(column.column) for column in given] + [quote(column.column) for column, _ in defaults]
        self.constants = tuple(value for _, value in defaults)

    def _default(self, field, now, adapter):
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return adapter.datetime(now) if isinstance(now, datetime.datetime) else now
        if field.default is NOT_PROVIDED and field.null:
            return None
        return field.get_db_prep_save(field.get_default(), self.connection)

    def write(self, rows):
        """Rows made in Python: tuples of the fields, adapted for the database (``Adapter``)."""
        constants = self.constants
        with self.connection.cursor() as cursor:
            return fill(cursor, self.table, self.columns, (row + constants for row in rows), self.connection.vendor)

    def insert_select(self, expressions, source, params=None):
        """
        Rows the database makes: ``expressions`` (SQL, one per field) selected ``FROM source``;
        placeholders are named (``%(name)s``) and take ``params``. Returns the number of rows written.
        """
        defaults = {f"default_{index}": value for index, value in enumerate(self.constants)}
        select = ", ".join([*expressions, *(f"%({name})s" for name in defaults)])
        sql = f"INSERT INTO {self.table} ({', '.join(self.columns)}) SELECT {select} FROM {source}"
        return execute(self.connection, sql, {**(params or {}), **defaults})


def execute(connection, sql, params):
    """
    One statement of a bulk load, straight to the driver: past the debug cursor (which would
    log, and on SQLite quote, parameters of megabytes) and, on PostgreSQL, with the parameters
    bound by the server rather than spliced into the SQL text. Returns the rows it wrote.
    """
    connection.ensure_connection()
    with connection.wrap_database_errors:
        if connection.vendor == "postgresql":
            import psycopg

            with psycopg.Cursor(connection.connection) as cursor:
                cursor.execute(sql, params)
                return cursor.rowcount
        cursor = connection.create_cursor()
        try:
            cursor.execute(sql, params)
            return cursor.rowcount
        finally:
            cursor.close()


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

    ``drop()``, then ``build(name)`` for each of ``pending()`` (from any connection: on PostgreSQL
    two builds can run at once), and ``restore()`` in a ``finally``: it builds whatever is left,
    so the indexes come back after a failed load too.
    """

    def __init__(self, models, connection=None, keep=None):
        self.connection = connection or default_connection
        self.tables = [model._meta.db_table for model in models]
        self.keep = keep or {}
        self.definitions = {}
        self.lock = threading.Lock()

    def _read(self, cursor):
        if self.connection.vendor == "sqlite":
            placeholders = ", ".join(["%s"] * len(self.tables))
            cursor.execute(
                "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                f"AND tbl_name IN ({placeholders}) ORDER BY name",
                self.tables,
            )
        else:
            cursor.execute(
                "SELECT indexname, tablename, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                "AND tablename = ANY(%s) AND indexname NOT IN (SELECT conname FROM pg_constraint) ORDER BY indexname",
                [self.tables],
            )
        return cursor.fetchall()

    def _first_column(self, cursor, name):
        if self.connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM pragma_index_info(%s) ORDER BY seqno LIMIT 1", [name])
        else:
            cursor.execute(
                "SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] "
                "WHERE c.relname = %s AND c.relnamespace = current_schema()::regnamespace",
                [name],
            )
        row = cursor.fetchone()
        return row[0] if row else None

    def drop(self):
        """
        Drop the indexes, but those ``keep`` names: {table: columns the load fills in ascending
        order}. An index leading with one of those grows at its end as rows arrive, which costs
        less than building it again.
        """
        quote = self.connection.ops.quote_name
        with self.connection.cursor() as cursor:
            for name, table, definition in self._read(cursor):
                if self._first_column(cursor, name) in self.keep.get(table, ()):
                    continue
                self.definitions[name] = (table, definition)
                cursor.execute(f"DROP INDEX {quote(name)}")
        return self

    def pending(self, tables=None):
        """Names of the indexes still to build (of ``tables`` only, if given)."""
        with self.lock:
            return [name for name, (table, _) in self.definitions.items() if tables is None or table in tables]

    def build(self, name, connection=None):
        """Build one index; a no-op if it was built already. Returns the table it belongs to."""
        connection = connection or self.connection
        with self.lock:
            table, definition = self.definitions.pop(name, (None, None))
        if definition is None:
            return None
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            cursor.execute(definition)
        return table

    def restore(self):
        for name in self.pending():
            self.build(name)

    def __enter__(self):
        return self.drop()

    def __exit__(self, *exc_info):
        self.restore()


@dataclass
class Step:
    """One unit of a load: ``run()`` on lane "main" (the caller's thread), "side" (a worker thread) or "any"."""

    name: str
    run: object
    lane: str = "main"
    after: tuple = ()
    seconds: float = field(default=0.0, compare=False)
    ran_on: str = field(default="", compare=False)


class Lanes:
    """
    Runs steps on two lanes at once: "main" in the calling thread, "side" in a worker thread
    (which opens its own database connection, so the server works for both on two cores).
    Each step waits for the steps named in its ``after``; a step of lane "any" goes to whichever
    lane is free first, in list order. ``side_start`` and ``side_end`` run in the worker thread
    before its first step and after its last (to open and close its connection).

    With ``parallel=False`` every step runs in the calling thread, in list order. The first
    error stops both lanes (each finishes the step it is in) and is raised by ``run()``.
    """

    def __init__(self, steps, parallel=True, side_start=None, side_end=None):
        self.steps = list(steps)
        self.parallel = parallel
        self.side_start = side_start
        self.side_end = side_end
        names = {step.name for step in self.steps}
        for step in self.steps:
            missing = set(step.after) - names
            if missing:
                raise ValueError(f"Step {step.name} waits for unknown steps: {', '.join(sorted(missing))}.")
        self.pending = list(self.steps)
        self.done = set()
        self.error = None
        self.condition = threading.Condition()

    def run(self):
        self.caller = threading.current_thread()
        if not self.parallel:
            for step in self.steps:
                self._run_step(step)
            return self.steps
        worker = threading.Thread(target=self._side, name="bulk-load-side", daemon=True)
        worker.start()
        try:
            self._work("main")
        finally:
            worker.join()
        if self.error:
            raise self.error
        return self.steps

    def _side(self):
        try:
            if self.side_start:
                self.side_start()
            self._work("side")
        except BaseException as error:  # handed to the main thread by run()
            self._fail(error)
        finally:
            if self.side_end:
                self.side_end()

    def _fail(self, error):
        with self.condition:
            self.error = self.error or error
            self.condition.notify_all()

    def _next(self, lane):
        for step in self.pending:
            if step.lane in (lane, "any") and self.done.issuperset(step.after):
                return step
        return None

    def _work(self, lane):
        while True:
            with self.condition:
                while True:
                    if self.error:
                        return
                    step = self._next(lane)
                    if step is not None:
                        self.pending.remove(step)
                        break
                    if not any(step.lane in (lane, "any") for step in self.pending):
                        return
                    self.condition.wait()
            try:
                self._run_step(step)
            except BaseException as error:
                self._fail(error)
                if lane == "main":
                    raise
                return
            with self.condition:
                self.done.add(step.name)
                self.condition.notify_all()

    def _run_step(self, step):
        started = time.perf_counter()
        step.run()
        step.seconds = time.perf_counter() - started
        step.ran_on = "main" if threading.current_thread() is self.caller else "side"


@contextmanager
def counts_suspended(using, install, uninstall, rebuild):
    """
    Counts kept by triggers (``archive.counts_tags``, ``archive.counts_timeline``) through a bulk
    load: the triggers come off for the load, then go back on and the counts are rebuilt once,
    in one transaction. A failed load is recounted too, so the counts never stay wrong.
    """
    connection = connections[using]
    uninstall(connection)
    try:
        yield
    finally:
        with transaction.atomic(using=using):
            install(connection)
            rebuild(using)
