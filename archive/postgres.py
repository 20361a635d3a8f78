"""
PostgreSQL connections read timestamps with psycopg's compiled loader.

Django 5.2 registers its own ``timestamptz`` loader on each PostgreSQL connection (so that
values come back in the connection's time zone), and it derives that loader from psycopg's
pure-Python one: even with ``psycopg[binary]`` installed, every timestamp of every row is
parsed in Python (Django ticket #36960). Each model here has three (created, updated,
published), so a page of 50 quotes in the API reads nearly a thousand of them.

When the session's time zone is UTC, as Django sets it with ``USE_TZ`` and no database
``TIME_ZONE``, psycopg's compiled loader gives exactly what Django's does: an aware datetime
in ``datetime.timezone.utc``. So each new connection gets a loader that hands its values to
the compiled one. Any other time zone keeps Django's loader.
"""

import datetime
import functools

from django.db.backends.signals import connection_created


def use_compiled_timestamp_loader(sender, connection, **kwargs):
    if connection.vendor != "postgresql" or connection.timezone is not datetime.UTC:
        return
    if connection.connection.info.parameter_status("TimeZone") != "UTC":
        return
    loader = compiled_loader()
    if loader is not None:
        connection.connection.adapters.register_loader("timestamptz", loader)


@functools.cache
def compiled_loader():
    """A loader class for UTC sessions that parses with psycopg's compiled loader; None without one."""
    from psycopg import adapters, postgres, pq
    from psycopg.types.datetime import TimestamptzLoader

    compiled = adapters.get_loader(postgres.types["timestamptz"].oid, pq.Format.TEXT)
    if compiled is None or compiled.__module__.startswith("psycopg.types"):
        return None

    class UtcTimestamptzLoader(TimestamptzLoader):
        # Django's create_cursor() compares this with the connection's zone before each cursor.
        timezone = datetime.UTC

        def __init__(self, oid, context=None):
            super().__init__(oid, context)
            self.load = compiled(oid, context).load

    return UtcTimestamptzLoader


def connect():
    connection_created.connect(use_compiled_timestamp_loader, dispatch_uid="archive.postgres.compiled_timestamps")
