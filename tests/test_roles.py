"""
The desk's roles, each permission from both sides: editors publish, delete and merge;
contributors add, edit and submit for review, and nothing more, by any path; anonymous
users get nothing.
"""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from archive.editorial import Status
from archive.models import Article, Event, Quote
from archive.roles import CONTRIBUTOR, EDITOR, ROLES, sync_roles
from people.models import Person
from tests.admin_forms import action_choices, admin_url, login_request, person_data, quote_data
from tests.factories import ArticleFactory, EventFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db

PUBLISHABLE = [Article, Quote, Event, Person]
NOT_ALLOWED = "Only editors can publish"


def permissions(group_name):
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


# The groups


def test_the_migration_creates_both_groups():
    editor, contributor = permissions(EDITOR), permissions(CONTRIBUTOR)
    for model in ["article", "quote", "citation", "event", "outlet"]:
        assert {f"archive.{action}_{model}" for action in ("add", "change", "delete", "view")} <= editor
        assert {f"archive.{action}_{model}" for action in ("add", "change", "view")} <= contributor
        assert f"archive.delete_{model}" not in contributor
    for model in ["person", "personalias", "role", "organization"]:
        assert f"people.delete_{model}" in editor
        assert f"people.change_{model}" in contributor
        assert f"people.delete_{model}" not in contributor
    assert {"taggit.add_tag", "taggit.change_tag", "taggit.delete_tag"} <= editor
    publishing = {"archive.publish_article", "archive.publish_quote", "archive.publish_event", "people.publish_person"}
    assert publishing | {"people.merge_person"} <= editor
    assert not (publishing | {"people.merge_person"}) & contributor


def test_syncing_the_roles_again_changes_nothing_and_keeps_extra_grants():
    before = {name: permissions(name) for name in ROLES}
    group = Group.objects.get(name=CONTRIBUTOR)
    group.permissions.add(*Group.objects.get(name=EDITOR).permissions.filter(codename="delete_tag"))
    sync_roles()
    sync_roles()
    assert Group.objects.filter(name__in=ROLES).count() == 2
    assert permissions(EDITOR) == before[EDITOR]
    assert permissions(CONTRIBUTOR) == before[CONTRIBUTOR] | {"taggit.delete_tag"}


# Contributors: add, edit, submit for review


def test_contributor_adds_a_draft_quote_and_submits_it_for_review(contributor_client):
    speaker = PersonFactory()
    response = contributor_client.post(admin_url(Quote, "add"), quote_data(speaker=speaker.pk))
    assert response.status_code == 302, response.context["adminform"].form.errors
    quote = Quote.objects.get()
    assert (quote.status, quote.published_at) == (Status.DRAFT, None)
    assert quote.history.latest().history_user.username == "contributor-user"

    response = contributor_client.post(admin_url(Quote, "change", quote.pk), quote_data(quote, status="review"))
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.status == Status.REVIEW
    assert not Quote.objects.published().exists()


@pytest.mark.parametrize("model", PUBLISHABLE, ids=lambda m: m.__name__)
def test_contributor_is_offered_draft_and_review_only(contributor_client, model):
    response = contributor_client.get(admin_url(model, "add"))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert [value for value, _ in form.fields["status"].choices] == [Status.DRAFT, Status.REVIEW]
    assert "published_at" not in form.fields


@pytest.mark.parametrize("model", PUBLISHABLE, ids=lambda m: m.__name__)
def test_editor_is_offered_every_status(editor_client, model):
    form = editor_client.get(admin_url(model, "add")).context["adminform"].form
    assert Status.PUBLISHED in [value for value, _ in form.fields["status"].choices]
    assert "published_at" in form.fields


def test_contributor_cannot_publish_a_new_quote_with_a_crafted_post(contributor_client):
    speaker = PersonFactory()
    response = contributor_client.post(admin_url(Quote, "add"), quote_data(speaker=speaker.pk, status="published"))
    assert response.status_code == 400
    assert NOT_ALLOWED in str(response.context["adminform"].form.errors["status"])
    assert not Quote.objects.exists()


def test_contributor_cannot_publish_a_draft_person_with_a_crafted_post(contributor_client):
    person = PersonFactory(draft=True)
    data = person_data(person, status="published", published_at_0="2020-01-01", published_at_1="00:00:00")
    response = contributor_client.post(admin_url(Person, "change", person.pk), data)
    assert response.status_code == 400
    assert NOT_ALLOWED in str(response.context["adminform"].form.errors["status"])
    person.refresh_from_db()
    assert (person.status, person.published_at) == (Status.DRAFT, None)


def test_contributor_cannot_schedule(contributor_client):
    quote = QuoteFactory(draft=True)
    data = quote_data(quote, status="review", published_at_0="2020-01-01", published_at_1="00:00:00")
    assert contributor_client.post(admin_url(Quote, "change", quote.pk), data).status_code == 302
    quote.refresh_from_db()
    assert (quote.status, quote.published_at) == (Status.REVIEW, None)


def test_contributor_edits_a_published_quote_but_cannot_unpublish_it(contributor_client):
    quote = QuoteFactory(text="Old words")
    published_at = quote.published_at
    page = contributor_client.get(admin_url(Quote, "change", quote.pk))
    assert "status" not in page.context["adminform"].form.fields
    data = quote_data(quote, text="Corrected words", status="draft")
    assert contributor_client.post(admin_url(Quote, "change", quote.pk), data).status_code == 302
    quote.refresh_from_db()
    assert quote.text == "Corrected words"
    assert (quote.status, quote.published_at) == (Status.PUBLISHED, published_at)


@pytest.mark.parametrize(
    "factory", [QuoteFactory, ArticleFactory, EventFactory, PersonFactory], ids=lambda f: f._meta.model.__name__
)
def test_contributor_has_no_publish_actions_and_a_crafted_one_does_nothing(contributor_client, factory):
    model = factory._meta.model
    obj = factory(draft=True)
    url = admin_url(model, "changelist")
    assert not action_choices(contributor_client.get(url)) & {"publish", "unpublish", "delete_selected"}
    contributor_client.post(url, {"action": "publish", "_selected_action": [obj.pk]})
    assert not model.objects.published().exists()
    published = factory()
    contributor_client.post(url, {"action": "unpublish", "_selected_action": [published.pk]})
    assert model.objects.get(pk=published.pk).status == Status.PUBLISHED


def test_contributor_cannot_delete(contributor_client):
    quote = QuoteFactory(draft=True)
    assert contributor_client.get(admin_url(Quote, "delete", quote.pk)).status_code == 403
    assert contributor_client.post(admin_url(Quote, "delete", quote.pk), {"post": "yes"}).status_code == 403
    contributor_client.post(
        admin_url(Quote, "changelist"), {"action": "delete_selected", "_selected_action": [quote.pk]}
    )
    assert Quote.objects.filter(pk=quote.pk).exists()


def test_contributor_cannot_merge(contributor_client):
    people = PersonFactory.create_batch(2)
    url = admin_url(Person, "changelist")
    assert "merge_people" not in action_choices(contributor_client.get(url))
    data = {"action": "merge_people", "_selected_action": [p.pk for p in people], "confirm": "yes"}
    data["keep"] = people[0].pk
    contributor_client.post(url, data)
    assert Person.objects.count() == 2


def test_contributor_reverting_to_a_published_version_does_not_publish(contributor_client, editor_client):
    quote = QuoteFactory(text="Published words")
    editor_client.post(admin_url(Quote, "changelist"), {"action": "unpublish", "_selected_action": [quote.pk]})
    published_version = quote.history.filter(status=Status.PUBLISHED).earliest()
    url = admin_url(Quote, "simple_history", quote.pk, published_version.history_id)
    response = contributor_client.post(url, quote_data(quote, status="published"))
    assert response.status_code == 400
    assert NOT_ALLOWED in str(response.context["adminform"].form.errors["status"])
    assert contributor_client.post(url, quote_data(quote, status="review")).status_code == 302
    quote.refresh_from_db()
    assert quote.status == Status.REVIEW


def test_a_contributors_revert_screen_shows_the_status_the_revert_keeps(contributor_client):
    later = timezone.now() + datetime.timedelta(days=30)
    quote = QuoteFactory(draft=True)
    draft_version = quote.history.latest()
    quote.status, quote.published_at = Status.PUBLISHED, later
    quote.save()

    response = contributor_client.get(admin_url(Quote, "simple_history", quote.pk, draft_version.history_id))

    form = response.context["adminform"].form
    assert (form.instance.status, form.instance.published_at) == (Status.PUBLISHED, later)
    assert "Published" in response.content.decode()


def test_a_contributors_revert_is_checked_as_it_will_be_saved_published(contributor_client, client):
    """
    Reverting a published quote to a version that named a draft speaker: the version is a
    draft, but the quote stays published, so the speaker rule applies and nothing leaks.
    """
    secret = PersonFactory(draft=True, name="Secret Draftperson")
    quote = QuoteFactory(speaker=secret, draft=True)
    draft_version = quote.history.latest()
    quote.speaker, quote.status = PersonFactory(), Status.PUBLISHED
    quote.save()
    data = quote_data(quote, speaker=secret.pk)
    del data["status"]  # read-only for a contributor once published

    response = contributor_client.post(admin_url(Quote, "simple_history", quote.pk, draft_version.history_id), data)

    assert response.status_code == 400
    assert "profile is not published" in str(response.context["adminform"].form.errors["speaker"])
    assert "Secret Draftperson" not in client.get(quote.get_absolute_url()).content.decode()


def test_a_contributors_revert_that_published_content_would_break_is_a_form_error(contributor_client):
    # A published person back to a draft version: the person stays published, so the revert is fine.
    person = PersonFactory(draft=True, name="Was a draft")
    draft_version = person.history.latest()
    person.status, person.published_at = Status.PUBLISHED, timezone.now() - datetime.timedelta(days=2)
    person.save()
    QuoteFactory(speaker=person)
    data = person_data(person)
    del data["status"]
    url = admin_url(Person, "simple_history", person.pk, draft_version.history_id)
    assert contributor_client.post(url, data).status_code == 302
    assert Person.objects.get(pk=person.pk).status == Status.PUBLISHED

    # A published quote back to a version naming no one: a published quote must say who spoke.
    quote = QuoteFactory(speaker=None, unnamed_source="a diplomat", draft=True)
    nameless = quote.history.latest()
    quote.status = Status.PUBLISHED
    quote.save()
    data = quote_data(quote, speaker="", unnamed_source="")
    del data["status"]
    response = contributor_client.post(admin_url(Quote, "simple_history", quote.pk, nameless.history_id), data)
    assert response.status_code == 400
    assert response.context["adminform"].form.non_field_errors()
    quote.refresh_from_db()
    assert quote.unnamed_source == "a diplomat"


def test_contributor_previews_drafts_on_public_pages(contributor_client, client):
    quote = QuoteFactory(draft=True)
    assert contributor_client.get(quote.get_absolute_url()).status_code == 200
    assert client.get(quote.get_absolute_url()).status_code == 404


# Editors: everything


def test_editor_publishes_with_the_form(editor_client):
    speaker = PersonFactory()
    response = editor_client.post(admin_url(Quote, "add"), quote_data(speaker=speaker.pk, status="published"))
    assert response.status_code == 302
    assert Quote.objects.published().count() == 1


def test_editor_schedules_with_the_form(editor_client):
    quote = QuoteFactory(draft=True)
    data = quote_data(quote, status="published", published_at_0="2999-01-01", published_at_1="09:00:00")
    assert editor_client.post(admin_url(Quote, "change", quote.pk), data).status_code == 302
    quote.refresh_from_db()
    assert quote.published_at == datetime.datetime(2999, 1, 1, 9, tzinfo=datetime.UTC)
    assert not Quote.objects.published().exists()


def test_editor_publishes_unpublishes_and_deletes_with_actions(editor_client):
    quotes = QuoteFactory.create_batch(2, draft=True)
    url = admin_url(Quote, "changelist")
    assert {"publish", "unpublish", "delete_selected"} <= action_choices(editor_client.get(url))
    editor_client.post(url, {"action": "publish", "_selected_action": [q.pk for q in quotes]})
    assert Quote.objects.published().count() == 2
    # Saved one by one: the history says who published.
    assert quotes[0].history.latest().history_user.username == "editor-user"
    editor_client.post(url, {"action": "unpublish", "_selected_action": [quotes[0].pk]})
    assert Quote.objects.published().count() == 1
    editor_client.post(url, {"action": "delete_selected", "_selected_action": [quotes[1].pk], "post": "yes"})
    assert list(Quote.objects.all()) == [quotes[0]]


def test_publish_action_leaves_an_unattributed_quote_and_says_why(editor_client):
    quote = QuoteFactory(draft=True, speaker=None)
    response = editor_client.post(
        admin_url(Quote, "changelist"), {"action": "publish", "_selected_action": [quote.pk]}, follow=True
    )
    assert "Not published" in response.content.decode()
    assert not Quote.objects.published().exists()


def test_editor_unpublishes_with_the_form(editor_client):
    quote = QuoteFactory()
    assert (
        editor_client.post(admin_url(Quote, "change", quote.pk), quote_data(quote, status="draft")).status_code == 302
    )
    quote.refresh_from_db()
    assert quote.status == Status.DRAFT


def test_editor_may_merge(editor_client):
    PersonFactory.create_batch(2)
    assert "merge_people" in action_choices(editor_client.get(admin_url(Person, "changelist")))


# Anonymous users


@pytest.mark.parametrize("model", PUBLISHABLE, ids=lambda m: m.__name__)
def test_anonymous_users_get_nothing(client, model):
    for view in ("changelist", "add"):
        response = client.get(admin_url(model, view))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_anonymous_posts_write_nothing(client):
    quote = QuoteFactory(draft=True)
    client.post(admin_url(Quote, "add"), quote_data(status="published"))
    client.post(admin_url(Quote, "changelist"), {"action": "publish", "_selected_action": [quote.pk]})
    client.post(admin_url(Quote, "delete", quote.pk), {"post": "yes"})
    assert list(Quote.objects.all()) == [quote]
    assert Quote.objects.get().status == Status.DRAFT


@pytest.fixture
def staff_only_client(db):
    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.create_user("staff-only", is_staff=True))
    return client


def test_staff_without_a_role_sees_no_content(client):
    user = get_user_model().objects.create_user("staff-only", is_staff=True)
    client.force_login(user)
    assert client.get(admin_url(Quote, "changelist")).status_code == 403
    assert client.get(admin_url(Quote, "add")).status_code == 403


# The demo logins


def test_demo_contributor_login(db):
    out = StringIO()
    call_command("demo_editor", "--contributor", stdout=out)
    line = out.getvalue()
    assert line.startswith("Demo contributor login: contributor / ")
    assert line.endswith("  ->  http://127.0.0.1:8000/admin/\n")
    password = line.split(" / ")[1].split()[0]
    user = authenticate(login_request(), username="contributor", password=password)
    assert user is not None and user.is_staff and not user.is_superuser
    assert [group.name for group in user.groups.all()] == [CONTRIBUTOR]
    assert user.has_perm("archive.add_quote") and not user.has_perm("archive.publish_quote")

    user.is_superuser = True
    user.save()
    call_command("demo_editor", "--contributor", stdout=StringIO())
    user.refresh_from_db()
    assert not user.is_superuser  # reset to a plain contributor
    assert get_user_model().objects.filter(username="contributor").count() == 1


def test_demo_contributor_dry_run_writes_nothing(db):
    out = StringIO()
    call_command("demo_editor", "--contributor", "--dry-run", stdout=out)
    assert "would create the demo contributor “contributor”" in out.getvalue()
    assert not get_user_model().objects.exists()


def test_a_publish_time_is_never_invented_for_contributors(contributor_client):
    later = timezone.now() + datetime.timedelta(days=3)
    quote = QuoteFactory(status=Status.REVIEW, published_at=later)
    data = quote_data(quote, status="draft")
    assert contributor_client.post(admin_url(Quote, "change", quote.pk), data).status_code == 302
    quote.refresh_from_db()
    assert (quote.status, quote.published_at) == (Status.DRAFT, later)


@pytest.mark.parametrize("user_client", ["contributor_client", "editor_client", "staff_only_client"])
def test_tags_cannot_be_merged_in_the_admin(request, user_client):
    # taggit's own admin offers a tag merge whose page checks no permission and moves taggings
    # without updating the search index: the desk does not offer it.
    client = request.getfixturevalue(user_client)
    quote = QuoteFactory()
    quote.tags.add("Sanctions", "Diplomacy")
    tags = list(Tag.objects.values_list("pk", flat=True))
    url = reverse("admin:taggit_tag_changelist")

    listed = client.get(url)
    if listed.status_code == 200:
        assert "render_tag_form" not in action_choices(listed)
    client.post(url, {"action": "render_tag_form", "_selected_action": tags})
    client.get(f"{url}merge-tags/")
    client.post(f"{url}merge-tags/", {"new_tag_name": "Merged"})

    assert sorted(quote.tags.names()) == ["Diplomacy", "Sanctions"]
    assert not Tag.objects.filter(name="Merged").exists()
