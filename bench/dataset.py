"""
The benchmark's synthetic archives: one per database and (sizes, seed), built once and reused.

SQLite: ``bench/data/bench-<key>.sqlite3``. PostgreSQL: database ``er_bench`` for the full size
(``er_bench_<key>`` for other sizes) on ``BENCH_POSTGRES_URL``'s server. A table ``er_bench_meta``
in each holds the key of what was built; a database without it (an interrupted build) is built again.
"""

import contextlib
import os
import re
import time
from pathlib import Path

import psycopg

DATA = Path(__file__).resolve().parent / "data"
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
META_TABLE = "er_bench_meta"


def database_url(vendor, key, full_size):
    if vendor == "sqlite":
        return f"sqlite:///{DATA / f'bench-{key}.sqlite3'}"
    name = "er_bench" if full_size else "er_bench_" + re.sub(r"[^a-z0-9]+", "_", key.lower())
    return f"{POSTGRES_SERVER}/{name}"


def postgres_name(url):
    return url.rsplit("/", 1)[1]


def built_key(connection):
    """The key recorded in the database, or None (also when there is no database yet)."""
    from django.db import OperationalError

    try:
        cursor = connection.cursor()
    except OperationalError:
        return None
    with cursor:
        tables = connection.introspection.table_names(cursor)
        if META_TABLE not in tables:
            return None
        cursor.execute(f"SELECT key FROM {META_TABLE}")
        row = cursor.fetchone()
    return row[0] if row else None


def reset(vendor, url):
    """An empty database at ``url``."""
    if vendor == "sqlite":
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    name = postgres_name(url)
    if not name.startswith("er_bench"):
        raise SystemExit(f"Refusing to drop {name}: benchmark databases are named er_bench*.")
    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{name}"')


def exists(vendor, url):
    if vendor == "sqlite":
        return Path(url.removeprefix("sqlite:///")).exists()
    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as server:
        row = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [postgres_name(url)]).fetchone()
    return row is not None


def build(sizes, seed, log=print):
    """In a process whose default database is the benchmark's: migrate, generate, analyze, record the key."""
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command(
        "generate_synthetic",
        quotes=sizes.quotes,
        articles=sizes.articles,
        people=sizes.people,
        events=sizes.events,
        seed=seed,
    )
    analyze(connection)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {META_TABLE} (key varchar(200) NOT NULL)")
        cursor.execute(f"INSERT INTO {META_TABLE} (key) VALUES (%s)", [sizes.key(seed)])
    log(f"Built {sizes.key(seed)} on {connection.vendor} in {time.perf_counter() - started:.0f} s.")


def analyze(connection):
    """
    Planner statistics, as a production database would have them (autovacuum; ``PRAGMA optimize``).
    On PostgreSQL also a checkpoint: the load leaves gigabytes of pages to write, which the server
    would otherwise write out during the first minutes of timing.
    """
    from django.db import DatabaseError

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
            with contextlib.suppress(DatabaseError):  # it takes a superuser or the pg_checkpoint role
                cursor.execute("CHECKPOINT")
        else:
            cursor.execute("ANALYZE")
