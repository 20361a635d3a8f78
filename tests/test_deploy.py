"""Production settings pass Django's deployment checks; SQLite runs in WAL mode with a busy timeout."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, tmp_path, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECURE_SSL_REDIRECT", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="archive.settings", DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}"
    )
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def production(**env):
    return {
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "embassy-row.example.org",
        **env,
    }


def test_deploy_check_passes_with_production_settings(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path, **production())
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_with_the_development_secret(tmp_path):
    env = production()
    del env["SECRET_KEY"]
    result = manage("check", tmp_path=tmp_path, **env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout_and_a_page_cache(tmp_path):
    script = (
        "from django.db import connection\n"
        "cursor = connection.cursor()\n"
        "for pragma in ('journal_mode', 'busy_timeout', 'cache_size'):\n"
        "    cursor.execute(f'PRAGMA {pragma}')\n"
        "    print(cursor.fetchone()[0])\n"
    )
    result = manage("shell", "-c", script, tmp_path=tmp_path, **production())
    assert result.returncode == 0, result.stderr
    # The last two lines: the shell may first list what it imported.
    journal_mode, busy_timeout, cache_size = result.stdout.split()[-3:]
    assert journal_mode == "wal"
    assert int(busy_timeout) >= 5000
    assert int(cache_size) == -65536  # KiB: 64 MiB of index pages in memory


def test_postgresql_connections_run_without_jit_or_parallel_workers_and_cost_index_reads_as_cached(tmp_path):
    """
    A web request never pays for JIT compilation or worker start-up on a query whose estimate
    runs high, and the planner fetches a few rows by key rather than scanning for them.
    """
    script = (
        "from django.db import connection\n"
        "cursor = connection.cursor()\n"
        "for setting in ('jit', 'max_parallel_workers_per_gather', 'random_page_cost'):\n"
        "    cursor.execute(f'SHOW {setting}')\n"
        "    print(cursor.fetchone()[0])\n"
    )
    env = production(DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres")
    result = manage("shell", "-c", script, tmp_path=tmp_path, **env)
    if "could not connect" in result.stderr or "Connection refused" in result.stderr:
        pytest.skip("no PostgreSQL server on 127.0.0.1:5432")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["off", "0", "1.1"]


def test_the_wsgi_application_keeps_startup_objects_out_of_the_garbage_collectors_way(tmp_path):
    """gunicorn's workers load archive.wsgi: what Django loaded at startup, the URLconf included, is frozen."""
    script = (
        "import gc, sys\n"
        "import archive.wsgi\n"
        "from django.core.signals import request_finished\n"
        "young = request_finished.disconnect(dispatch_uid='archive.serving.collect_young')\n"
        "print(gc.get_freeze_count(), 'archive.api.views' in sys.modules, gc.get_threshold()[0], young)\n"
    )
    result = manage("shell", "-c", script, tmp_path=tmp_path, **production())
    assert result.returncode == 0, result.stderr
    frozen, urlconf_loaded, threshold, young = result.stdout.split()[-4:]
    assert urlconf_loaded == "True"
    assert int(frozen) > 50_000
    # A request's cycles are collected young, once it is finished.
    assert int(threshold) == 50_000
    assert young == "True"


SETTINGS_SCRIPT = (
    "from django.conf import settings\n"
    "from django.db import connection\n"
    "cache = settings.CACHES['default']\n"
    "print(connection.settings_dict['CONN_MAX_AGE'], cache['BACKEND'].rsplit('.', 1)[1],\n"
    "      cache.get('OPTIONS', {}).get('MAX_ENTRIES', 300),\n"
    "      getattr(settings, 'SECURE_PROXY_SSL_HEADER', None) is not None, settings.REST_FRAMEWORK['NUM_PROXIES'])\n"
)


def settings_printed(tmp_path, **env):
    result = manage("shell", "-c", SETTINGS_SCRIPT, tmp_path=tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()[-5:]


def test_production_keeps_connections_and_shares_rate_limit_counts_between_workers(tmp_path):
    """Counts in files, which every gunicorn worker reads (not one limit per worker), kept for 10,000 clients."""
    assert settings_printed(tmp_path, **production()) == ["None", "FileBasedCache", "10000", "False", "0"]
    assert settings_printed(tmp_path, **production(CONN_MAX_AGE="600"))[0] == "600"


def test_forwarded_headers_are_trusted_only_behind_a_proxy(tmp_path):
    """Without a proxy, a client's X-Forwarded-Proto would make plain HTTP pass for HTTPS."""
    assert settings_printed(tmp_path, **production(TRUSTED_PROXIES="1")) == [
        "None",
        "FileBasedCache",
        "10000",
        "True",
        "1",
    ]


def test_the_development_server_closes_each_requests_connection(tmp_path):
    """runserver answers each request in a thread of its own: a kept connection would be a leaked one."""
    assert settings_printed(tmp_path, DJANGO_ENV="development") == ["0", "LocMemCache", "300", "False", "0"]


# An address of the API: its 404 is JSON, so production needs no collected static files to answer it.
REQUEST_A_MISSING_PAGE = "from django.test import Client; Client().get('/api/no-such-page/')"


@pytest.mark.parametrize("environment", ["development", "production"])
def test_log_level_sets_what_reaches_the_console_once(tmp_path, environment):
    """Django's "Not Found" warning is logged once at WARNING, and not at all at ERROR."""
    if environment == "production":
        env = production(ALLOWED_HOSTS="testserver", SECURE_SSL_REDIRECT="false")
    else:
        env = {"DJANGO_ENV": environment}
    warned = manage("shell", "-c", REQUEST_A_MISSING_PAGE, tmp_path=tmp_path, LOG_LEVEL="WARNING", **env)
    assert warned.returncode == 0, warned.stderr
    assert warned.stderr.count("Not Found: /api/no-such-page/") == 1, warned.stderr
    quiet = manage("shell", "-c", REQUEST_A_MISSING_PAGE, tmp_path=tmp_path, LOG_LEVEL="ERROR", **env)
    assert quiet.returncode == 0, quiet.stderr
    assert "Not Found" not in quiet.stderr, quiet.stderr


@pytest.mark.parametrize("rate", ["60", "sixty/min", "60/fortnight"])
def test_an_unreadable_rate_limit_stops_the_start_with_a_message(tmp_path, rate):
    """Read only when a request came, it made every API request, export and search a 500."""
    result = manage("check", tmp_path=tmp_path, API_ANON_THROTTLE_RATE=rate)

    assert result.returncode != 0
    assert "API_ANON_THROTTLE_RATE" in result.stderr
    assert "such as 60/min" in result.stderr


@pytest.mark.parametrize("rate", ["60/min", "1000/day", "5/second", ""])
def test_readable_rate_limits_start(tmp_path, rate):
    result = manage("check", tmp_path=tmp_path, API_ANON_THROTTLE_RATE=rate)

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", ["CONN_MAX_AGE", "TRUSTED_PROXIES", "SECURE_HSTS_SECONDS"])
@pytest.mark.parametrize("value", ["a year", "-1", "1.5"])
def test_a_number_setting_that_is_not_a_whole_number_stops_the_start_with_a_message(tmp_path, name, value):
    result = manage("check", tmp_path=tmp_path, **production(**{name: value}))

    assert result.returncode != 0
    assert f"{name} is a whole number from 0 up" in result.stderr
    assert "ValueError" not in result.stderr


@pytest.mark.parametrize("level", ["verbose", "10"])
def test_an_unknown_log_level_stops_the_start_with_a_message(tmp_path, level):
    result = manage("check", tmp_path=tmp_path, LOG_LEVEL=level)

    assert result.returncode != 0
    assert "LOG_LEVEL is DEBUG, INFO, WARNING, ERROR or CRITICAL" in result.stderr


@pytest.mark.parametrize("level", ["debug", " Error ", "warn", ""])
def test_log_levels_in_any_case_start(tmp_path, level):
    result = manage("check", tmp_path=tmp_path, LOG_LEVEL=level)

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("url", ["db.sqlite3", "postgres://editor:s3cret@db.example.org:port/archive"])
def test_an_unreadable_database_url_stops_the_start_with_a_message_that_keeps_the_password(tmp_path, url):
    result = manage("check", tmp_path=tmp_path, DATABASE_URL=url)

    assert result.returncode != 0
    assert "DATABASE_URL is not a database URL, such as postgres://" in result.stderr
    assert "s3cret" not in result.stderr


def test_an_empty_database_url_is_the_default_sqlite_database(tmp_path):
    script = "from django.db import connection; print(connection.vendor, connection.settings_dict['NAME'])"
    result = manage("shell", "-c", script, tmp_path=tmp_path, DATABASE_URL="")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["sqlite", str(ROOT / "db.sqlite3")]
