"""Staff preview of drafts and scheduled items on the article and person pages."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db

FUTURE = timezone.now() + datetime.timedelta(days=3)
BANNER = "preview — not public"  # "Draft preview" or "Scheduled preview"
UNPUBLISHED = [{"draft": True}, {"published_at": FUTURE}]
UNPUBLISHED_IDS = ["draft", "scheduled"]


@pytest.fixture
def editor_client(client, django_user_model):
    """A staff member who may change articles and people, but is not a superuser."""
    user = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="change_article", content_type__app_label="archive"),
        Permission.objects.get(codename="change_person", content_type__app_label="people"),
    )
    client.force_login(user)
    return client


@pytest.fixture
def staff_without_permission_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("intern", password="x", is_staff=True))
    return client


def assert_never_cached(response):
    cache_control = response.headers["Cache-Control"]
    for directive in ["no-cache", "no-store", "must-revalidate", "private"]:
        assert directive in cache_control


@pytest.mark.parametrize("factory", [ArticleFactory, PersonFactory])
@pytest.mark.parametrize("state", UNPUBLISHED, ids=UNPUBLISHED_IDS)
def test_editor_previews_unpublished_item_with_banner_and_no_cache(editor_client, factory, state):
    obj = factory(**state)

    response = editor_client.get(obj.get_absolute_url())

    assert response.status_code == 200
    assert BANNER in response.content.decode()
    assert_never_cached(response)


@pytest.mark.parametrize("factory", [ArticleFactory, PersonFactory])
def test_superuser_previews_too(admin_client, factory):
    response = admin_client.get(factory(draft=True).get_absolute_url())

    assert response.status_code == 200
    assert BANNER in response.content.decode()


@pytest.mark.parametrize("factory", [ArticleFactory, PersonFactory])
def test_published_item_has_no_banner_and_no_forced_no_cache_even_for_editors(editor_client, factory):
    response = editor_client.get(factory().get_absolute_url())

    assert response.status_code == 200
    assert BANNER not in response.content.decode()
    assert "no-store" not in response.headers.get("Cache-Control", "")


@pytest.mark.parametrize("factory", [ArticleFactory, PersonFactory])
@pytest.mark.parametrize("state", UNPUBLISHED, ids=UNPUBLISHED_IDS)
def test_readers_get_404_for_unpublished_items(client, factory, state):
    assert client.get(factory(**state).get_absolute_url()).status_code == 404


@pytest.mark.parametrize("factory", [ArticleFactory, PersonFactory])
def test_staff_without_change_permission_get_404(staff_without_permission_client, factory):
    assert staff_without_permission_client.get(factory(draft=True).get_absolute_url()).status_code == 404


def test_preview_never_leaks_drafts_into_lists(editor_client):
    ArticleFactory(headline="Draft headline", draft=True)
    PersonFactory(name="Draft Person", draft=True)

    for url in [reverse("home"), reverse("articles:list"), reverse("people:list")]:
        html = editor_client.get(url).content.decode()
        assert "Draft headline" not in html
        assert "Draft Person" not in html
        assert BANNER not in html


def test_the_banner_of_a_scheduled_item_says_when_readers_will_see_it(editor_client):
    public_from = datetime.datetime(2031, 3, 14, 9, 30, tzinfo=datetime.UTC)
    html = editor_client.get(ArticleFactory(published_at=public_from).get_absolute_url()).content.decode()
    assert "Scheduled preview — not public yet." in html
    assert "Readers see this page from 14 March 2031, 09:30 UTC" in html
    assert "Draft preview" not in html


def test_the_banner_of_a_draft_says_it_is_a_draft(editor_client):
    html = editor_client.get(ArticleFactory(draft=True).get_absolute_url()).content.decode()
    assert "Draft preview — not public." in html
    assert "Scheduled preview" not in html


@pytest.mark.parametrize("state", UNPUBLISHED, ids=UNPUBLISHED_IDS)
def test_a_previewed_person_does_not_link_to_a_quote_list_that_cannot_name_them(editor_client, client, state):
    """The quote filters know published people only: for an unpublished one the list answers 400."""
    person = PersonFactory(slug="not-yet-public", **state)
    assert client.get("/quotes/?person=not-yet-public").status_code == 400

    html = editor_client.get(person.get_absolute_url()).content.decode()

    assert BANNER in html
    assert "/quotes/?person=not-yet-public" not in html


def test_a_published_person_links_to_all_their_quotes(client):
    person = PersonFactory(slug="public-person")

    assert "/quotes/?person=public-person" in client.get(person.get_absolute_url()).content.decode()
