"""PostgreSQL connections read timestamps with psycopg's compiled loader (archive/postgres.py)."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from archive.models import Quote
from archive.postgres import compiled_loader, use_compiled_timestamp_loader
from tests.factories import QuoteFactory

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="the loader is PostgreSQL's")


def timestamptz_loader():
    from psycopg import postgres, pq

    connection.ensure_connection()
    oid = postgres.types["timestamptz"].oid
    return connection.connection.adapters.get_loader(oid, pq.Format.TEXT)(oid, connection.connection)


@on_postgresql
@pytest.mark.django_db
def test_a_connection_parses_timestamps_in_compiled_code():
    from psycopg import adapters, postgres, pq

    compiled = adapters.get_loader(postgres.types["timestamptz"].oid, pq.Format.TEXT)
    assert not compiled.__module__.startswith("psycopg.types"), "psycopg[binary] is a requirement"
    assert type(timestamptz_loader().load.__self__) is compiled


@on_postgresql
@pytest.mark.django_db
def test_timestamps_come_back_as_django_gives_them_aware_in_utc():
    when = datetime.datetime(1999, 12, 31, 23, 59, 58, 123456, tzinfo=ZoneInfo("Asia/Tokyo"))
    quote = QuoteFactory(published_at=when)
    read = Quote.objects.get(pk=quote.pk).published_at
    assert read == when
    assert read.tzinfo is datetime.UTC
    assert (read.hour, read.minute, read.microsecond) == (14, 59, 123456)
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::timestamptz", ["2001-02-03 04:05:06.789+05:30"])
        (value,) = cursor.fetchone()
    assert value == datetime.datetime(2001, 2, 2, 22, 35, 6, 789000, tzinfo=datetime.UTC)
    assert value.tzinfo is datetime.UTC


def stub_connection(vendor="postgresql", timezone=datetime.UTC, session_zone="UTC"):
    registered = []
    adapters = SimpleNamespace(register_loader=lambda name, loader: registered.append((name, loader)))
    info = SimpleNamespace(parameter_status=lambda name: session_zone if name == "TimeZone" else None)
    database = SimpleNamespace(adapters=adapters, info=info)
    return SimpleNamespace(vendor=vendor, timezone=timezone, connection=database), registered


def test_only_a_utc_postgresql_session_gets_the_compiled_loader():
    utc, registered = stub_connection()
    use_compiled_timestamp_loader(None, utc)
    assert registered == [("timestamptz", compiled_loader())]
    # Elsewhere the compiled loader would give another zone than Django's: Django's loader stays.
    for other in (
        stub_connection(timezone=ZoneInfo("Europe/Moscow")),
        stub_connection(timezone=None),
        stub_connection(session_zone="Europe/Moscow"),
        stub_connection(vendor="sqlite"),
    ):
        connection_, registered = other
        use_compiled_timestamp_loader(None, connection_)
        assert registered == []
