"""Project-wide guarantees: migrations match the models; production refuses unsafe settings."""

import os
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from django.urls import reverse, set_script_prefix

from archive.links import detail_url
from archive.middleware import MESSAGE


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def run_settings(**env):
    return subprocess.run(
        [sys.executable, "-c", "import archive.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS)"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("secret", [None, ""])
def test_production_refuses_the_development_secret(secret):
    environment = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}
    if secret is not None:
        environment["SECRET_KEY"] = secret
    result = subprocess.run(
        [sys.executable, "-c", "import archive.settings"],
        env={**environment, "DJANGO_ENV": "production"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    environment = {key: value for key, value in os.environ.items() if key != "ALLOWED_HOSTS"}
    result = subprocess.run(
        [sys.executable, "-c", "import archive.settings"],
        env={**environment, "DJANGO_ENV": "production", "SECRET_KEY": "x" * 50},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Set ALLOWED_HOSTS" in result.stderr


@pytest.mark.parametrize("value", ["prod", "Production"])
def test_an_unknown_environment_stops_the_start_instead_of_running_as_development(value):
    result = run_settings(DJANGO_ENV=value)
    assert result.returncode != 0
    assert "DJANGO_ENV is development or production" in result.stderr


def test_production_turns_debug_off_and_reads_hosts():
    result = run_settings(DJANGO_ENV="production", SECRET_KEY="x" * 50, ALLOWED_HOSTS="archive.example.org")
    assert result.stdout.strip() == "False ['archive.example.org']"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/tags/a%00/", "/quotes/?person=a%00b", "/search/?q=%00", "/api/quotes/?tag=%00"])
def test_a_nul_character_is_a_clear_400_on_every_database(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["HTTP_USER_AGENT", "HTTP_ACCEPT"])
def test_a_nul_character_in_a_header_is_a_clear_400_and_records_no_login_attempt(client, header):
    response = client.post("/admin/login/", {"username": "someone", "password": "wrong"}, **{header: "a\x00b"})

    assert response.status_code == 400
    assert "NUL character" in response.content.decode()
    assert not AccessAttempt.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/quotes/", "/timeline/export.json", "/people/export.popolo.json"])
def test_a_nul_character_in_an_api_address_answers_in_the_apis_json_error_shape(client, url):
    response = client.get(url, {"person": "a\x00b"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"errors": {"non_field_errors": [MESSAGE]}}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/quotes/",
        "/api/quotes/?date_after=nonsense",  # an error a script in another site must be able to read
        "/api/nothing/",
        "/timeline/export.json",
        "/quotes/export.csv",
        "/people/export.popolo.json",
        "/quotes/feed/",
        "/articles/feed/",
        "/people/anatoly-antonov/feed/",
        "/tags/sanctions/feed/",
    ],
)
def test_open_data_can_be_read_by_scripts_on_other_sites(client, antonov, url):
    """TimelineJS's embed, or a newsroom's own page, fetches the data from its own origin."""
    response = client.get(url, HTTP_ORIGIN="https://newsroom.example")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert {"Link", "Retry-After"} <= {name.strip() for name in response["Access-Control-Expose-Headers"].split(",")}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/quotes/", "/people/anatoly-antonov/", "/admin/login/", "/search/?q=x"])
def test_pages_are_not_shared_with_other_sites(client, antonov, url):
    response = client.get(url, HTTP_ORIGIN="https://newsroom.example")

    assert "Access-Control-Allow-Origin" not in response


# Page addresses reversed once per pattern (archive.links)


@pytest.mark.parametrize(
    ("viewname", "kwarg", "value"),
    [
        ("quotes:detail", "pk", 1234),
        ("people:detail", "slug", "anatoly-antonov"),
        ("tags:detail", "slug", "санкции"),  # not a plain slug: reversed as Django does, quoted
        ("events:detail", "slug", "summit_2017"),
    ],
)
def test_detail_urls_are_what_reverse_gives(viewname, kwarg, value):
    assert detail_url(viewname, kwarg, value) == reverse(viewname, kwargs={kwarg: value})


def test_detail_urls_follow_the_script_prefix():
    set_script_prefix("/archive/")
    try:
        assert detail_url("quotes:detail", "pk", 7) == "/archive/quotes/7/"
    finally:
        set_script_prefix("/")
    assert detail_url("quotes:detail", "pk", 7) == "/quotes/7/"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/quotes/?date_after=nonsense", "/api/quotes/", "/admin/login/", "/nowhere/"])
def test_every_response_runs_only_the_archives_own_scripts(client, url):
    response = client.get(url)

    policy = dict(directive.split(" ", 1) for directive in response["Content-Security-Policy"].split("; "))
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "delete"])
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/articles/",
        "/articles/feed/",
        "/quotes/",
        "/quotes/feed/",
        "/quotes/export.csv",
        "/people/",
        "/people/anatoly-antonov/",
        "/people/anatoly-antonov/feed/",
        "/timeline/",
        "/events/",
        "/tags/sanctions/feed/",
        "/search/",
        "/sitemap.xml",
        "/sitemap-quotes.xml",
    ],
)
def test_every_public_address_is_read_only(client, antonov, url, method):
    # Without CSRF checks a write reaches the view, which must refuse it, not answer as a read.
    response = getattr(client, method)(url)
    assert response.status_code == 405
    allowed = set(response["Allow"].split(", "))
    assert {"GET", "HEAD"} <= allowed <= {"GET", "HEAD", "OPTIONS"}


def wsgi_response(method, url):
    """Status, headers and body bytes as a WSGI server (gunicorn) receives them from the archive."""
    environ = RequestFactory().generic(method, url).environ
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=status, headers=dict(headers))

    # As the test client does: a request's end must not close the test's database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = WSGIHandler()(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return started["status"], started["headers"], body


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/quotes/?person=anatoly-antonov", "/quotes/feed/", "/quotes/export.csv"])
def test_a_head_request_gets_a_gets_headers_and_no_body(antonov, url):
    """gunicorn warns of every body a HEAD response brings, and drops it."""
    get_status, get_headers, get_body = wsgi_response("GET", url)
    head_status, head_headers, head_body = wsgi_response("HEAD", url)

    assert get_status == head_status == "200 OK"
    assert get_body
    assert head_body == b""
    assert head_headers["Content-Type"] == get_headers["Content-Type"]
    if "Content-Length" in get_headers:  # the streamed CSV has none
        assert head_headers["Content-Length"] == get_headers["Content-Length"] == str(len(get_body))
