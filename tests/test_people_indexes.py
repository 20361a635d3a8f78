"""The name prefix filter ("begins with", any case) is served by an index on both databases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.filters import find_people
from people.models import Person, PersonAlias, Role
from tests.admin_forms import admin_url
from tests.plans import plan, plan_of_sql

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("queryset", "index"),
    [
        (Person.objects.filter(name__istartswith="ant").values("pk"), "person_name_prefix_idx"),
        (Person.objects.filter(sort_name__istartswith="Antonov, A").values("pk"), "person_sort_name_prefix_idx"),
        (PersonAlias.objects.filter(name__istartswith="Анат").values("person"), "person_alias_name_prefix_idx"),
        (PersonAlias.objects.filter(sort_name__istartswith="Антон").values("person"), "person_alias_sort_prefix_idx"),
    ],
    ids=["name", "sort name", "alias name", "alias surname"],
)
def test_name_prefix_lookups_use_the_prefix_index(queryset, index):
    assert index in plan(queryset)


def test_name_prefix_filter_reads_only_the_prefix_indexes():
    used = plan(Person.objects.name_starts_with("ant"))
    for index in ["person_name_prefix_idx", "person_sort_name_prefix_idx", "person_alias_name_prefix_idx"]:
        assert index in used
    # A surname in another script is looked up among the alias names' surnames too.
    assert "person_alias_sort_prefix_idx" in plan(Person.objects.name_starts_with("антон"))


def test_a_typed_name_is_looked_up_in_the_name_and_alias_indexes():
    with CaptureQueriesContext(connection) as queries:
        assert find_people("No Such Name") == []
    used = " ".join(plan_of_sql(query["sql"]) for query in queries.captured_queries)

    # Not a walk through every person testing the name and the aliases of each.
    assert "person_name_prefix_idx" in used
    assert "person_alias_name_prefix_idx" in used


@pytest.mark.parametrize(
    ("model", "table", "index"),
    [(Role, "people_role", "role_start_idx"), (PersonAlias, "people_personalias", "person_alias_name_idx")],
    ids=["posts", "alias names"],
)
def test_the_admin_lists_of_posts_and_alias_names_are_read_in_their_index_order(admin_client, model, table, index):
    with CaptureQueriesContext(connection) as queries:
        assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    (page,) = [query["sql"] for query in queries if query["sql"].startswith(f'SELECT "{table}"."id"')]

    # Not every row sorted for each page: at 30,000 posts that took 50-80 ms. (A list of more
    # than a page, which the admin reads with a LIMIT.)
    assert index in plan_of_sql(f"{page} LIMIT 100", sorts=False)


def test_an_alias_name_is_kept_surname_first_as_it_changes():
    alias = PersonAlias.objects.create(person=Person.objects.create(name="Anatoly Antonov"), name="Анатолий Антонов")
    assert alias.sort_name == "Антонов, Анатолий"
    alias.name = "Анатолий Иванович Антонов"
    alias.save()
    alias.refresh_from_db()
    assert alias.sort_name == "Антонов, Анатолий Иванович"
