"""
The OpenAPI schema at /api/schema/ and the API's conformance to it, checked by a real
consumer: schemathesis generates requests from the schema, sends them through the WSGI
application, and validates status codes, content types and bodies against the schema.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from archive.wsgi import application
from tests import unpublished
from tests.factories import QuoteFactory

pytestmark = pytest.mark.django_db

SCHEMA_PATH = "/api/schema/?format=json"
MAX_EXAMPLES = 8  # per operation: twelve operations take about 20 seconds


@pytest.fixture
def openapi(client):
    response = client.get(SCHEMA_PATH)
    assert response.status_code == 200
    return response.json()


def test_schema_is_openapi_3_with_every_endpoint(openapi):
    assert openapi["openapi"].startswith("3.")
    paths = set(openapi["paths"])
    for name, lookup in [
        ("quotes", "id"),
        ("people", "slug"),
        ("articles", "slug"),
        ("events", "slug"),
        ("outlets", "slug"),
        ("tags", "slug"),
    ]:
        assert f"/api/{name}/" in paths
        assert f"/api/{name}/{{{lookup}}}/" in paths
    assert all(set(operations) == {"get"} for operations in openapi["paths"].values())


def test_schema_documents_the_quote_filters_and_their_errors(openapi):
    operation = openapi["paths"]["/api/quotes/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}

    assert {"person", "date_after", "date_before", "tag", "outlet", "event", "q", "page"} <= set(parameters)
    assert parameters["date_after"]["schema"]["pattern"] == r"^[0-9]{4}(-[0-9]{2}){0,2}$"
    assert parameters["page_size"]["schema"]["maximum"] == 100
    assert set(operation["responses"]) == {"200", "400", "404", "429"}
    errors = openapi["components"]["schemas"]["FilterErrors"]
    assert errors["properties"]["errors"]["type"] == "object"


def test_schema_documents_the_people_filters_as_narrowing_people(openapi):
    operation = openapi["paths"]["/api/people/"]["get"]
    descriptions = {parameter["name"]: parameter["description"] for parameter in operation["parameters"]}

    assert descriptions["article"] == "An article’s slug: the people it mentions."
    assert descriptions["event"] == "An event’s slug: the people it involved."


@pytest.mark.parametrize("version", ["%0A", "%0D%0AX-Injected:%201", "2.0"])
def test_the_schema_has_one_version_whatever_the_query_string_says(client, openapi, version):
    response = client.get(f"{SCHEMA_PATH}&version={version}")

    assert response.status_code == 200
    assert response.json() == openapi
    assert response["Content-Disposition"] == 'inline; filename="Embassy Row open data API (1.0.0).json"'
    assert response.json()["info"]["version"] == "1.0.0"
    assert "X-Injected" not in response


def test_every_list_documents_the_400_its_page_size_can_get(client, openapi):
    lists = [path for path in openapi["paths"] if not path.endswith("}/") or path.endswith("/citations/")]

    assert "/api/quotes/{id}/citations/" in lists
    for path in lists:
        assert "400" in openapi["paths"][path]["get"]["responses"], path
    quote = QuoteFactory()
    response = client.get(f"/api/quotes/{quote.pk}/citations/", {"page_size": 0})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["page_size"]


def test_schema_documents_the_partial_date_format(openapi):
    said = openapi["components"]["schemas"]["Quote"]["properties"]["said"]

    assert said["type"] == "string"
    assert said["pattern"] == r"^[0-9]{4}(-[0-9]{2}){0,2}$"
    assert said["nullable"] is True
    assert "`2017`, `2017-12` or `2017-12-01`" in openapi["info"]["description"]


# Loaded through the WSGI application when the module is collected (the schema view needs no
# database); the requests it generates run inside each test's transaction, against planted data.
schema = schemathesis.openapi.from_wsgi(SCHEMA_PATH, application)


@pytest.fixture
def archive(settings):
    # A few hundred requests in a row: throttling would answer 429 half-way through.
    settings.API_ANON_THROTTLE_RATE = None
    # The WSGI handler closes the connection after each request, which would end the test's
    # transaction; Django's test client keeps it open the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield unpublished.plant()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
# Derandomised: CI explores the same examples every run; widen MAX_EXAMPLES locally to explore more.
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case, archive):
    response = case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
    unpublished.assert_no_secrets(response.content)


@pytest.mark.parametrize(
    ("path", "parameters"),
    [
        ("/api/quotes/{id}/", lambda planted: {"id": planted.published_quote.pk}),
        ("/api/people/{slug}/", lambda planted: {"slug": planted.published_person.slug}),
        ("/api/articles/{slug}/", lambda planted: {"slug": planted.published_article.slug}),
        ("/api/events/{slug}/", lambda planted: {"slug": planted.published_event.slug}),
        ("/api/outlets/{slug}/", lambda planted: {"slug": planted.published_article.outlet.slug}),
        ("/api/tags/{slug}/", lambda planted: {"slug": "diplomacy"}),
    ],
)
def test_real_objects_conform_to_the_schema(archive, path, parameters):
    """Generated slugs mostly miss: these fetch objects that exist and validate them too."""
    case = schema[path]["GET"].Case(path_parameters=parameters(archive))

    response = case.call_and_validate(checks=[not_a_server_error, status_code_conformance, response_schema_conformance])

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [("post", "/api/schema/", 405), ("delete", SCHEMA_PATH, 405), ("get", "/api/schema/?format=pdf", 404)],
)
def test_the_schemas_refusals_are_json_like_the_rest_of_the_api(client, method, url, status):
    response = getattr(client, method)(url)

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}
