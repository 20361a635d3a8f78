"""
History: every edit is recorded with who made it and when, each object's history page
shows it, and reverting to an earlier version restores it, in the search index too.
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from archive.editorial import Status
from archive.models import Article, Citation, Event, Outlet, Quote
from people.models import Organization, Person, PersonAlias, Role
from tests.admin_forms import admin_url, inline, quote_data
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    EventFactory,
    OrganizationFactory,
    OutletFactory,
    PersonAliasFactory,
    PersonFactory,
    QuoteFactory,
    RoleFactory,
)

pytestmark = pytest.mark.django_db

FACTORIES = {
    Article: ArticleFactory,
    Citation: CitationFactory,
    Event: EventFactory,
    Outlet: OutletFactory,
    Quote: QuoteFactory,
    Organization: OrganizationFactory,
    Person: PersonFactory,
    PersonAlias: PersonAliasFactory,
    Role: RoleFactory,
}


def search_titles(client, q):
    response = client.get(reverse("search"), {"q": q})
    assert response.status_code == 200
    return [re.sub(r"<[^>]+>", "", str(hit.title_html)) for hit in response.context["hits"]]


def test_an_edit_records_who_and_when(editor_client):
    quote = QuoteFactory(text="We are doomed to cooperate.")
    before = timezone.now()
    response = editor_client.post(admin_url(Quote, "change", quote.pk), quote_data(quote, text="We must cooperate."))
    assert response.status_code == 302
    latest, previous = quote.history.all()[:2]
    assert latest.history_type == "~"
    assert latest.history_user.username == "editor-user"
    assert before <= latest.history_date <= timezone.now()
    assert (latest.text, previous.text) == ("We must cooperate.", "We are doomed to cooperate.")


def test_inline_edits_and_deletes_record_the_user_too(editor_client):
    """Citations saved by the quote's inline, and deletes, learn the user from the request (middleware)."""
    quote = QuoteFactory()
    article = ArticleFactory()
    data = quote_data(
        quote,
        **{
            **inline("citations"),
            "citations-TOTAL_FORMS": "1",
            "citations-0-article": article.pk,
            "citations-0-passage": "he said",
        },
    )
    assert editor_client.post(admin_url(Quote, "change", quote.pk), data).status_code == 302
    citation = Citation.objects.get()
    assert citation.history.get().history_user.username == "editor-user"

    editor_client.post(admin_url(Citation, "delete", citation.pk), {"post": "yes"})
    deleted = Citation.history.filter(id=citation.pk).latest()
    assert (deleted.history_type, deleted.history_user.username) == ("-", "editor-user")


@pytest.mark.parametrize("model", FACTORIES, ids=lambda m: m.__name__)
def test_history_page_renders_for_every_content_model(editor_client, model):
    obj = FACTORIES[model]()
    response = editor_client.get(admin_url(model, "history", obj.pk))
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == obj.history.count() >= 1


def test_history_page_shows_who_changed_what(editor_client):
    quote = QuoteFactory(text="Original words")
    editor_client.post(admin_url(Quote, "change", quote.pk), quote_data(quote, text="Changed words"))
    html = editor_client.get(admin_url(Quote, "history", quote.pk)).content.decode()
    assert "editor-user" in html
    assert "Original words" in html and "Changed words" in html
    assert reverse("admin:archive_quote_simple_history", args=[quote.pk, quote.history.earliest().history_id]) in html


def test_history_shows_an_empty_speaker_as_empty_not_as_a_deleted_person(editor_client):
    quote = QuoteFactory(speaker=None, unnamed_source="a State Department spokesperson", status=Status.DRAFT)
    speaker = PersonFactory(name="Ned Price")
    editor_client.post(admin_url(Quote, "change", quote.pk), quote_data(quote, speaker=speaker.pk, unnamed_source=""))
    assert Quote.objects.get(pk=quote.pk).speaker == speaker

    html = editor_client.get(admin_url(Quote, "history", quote.pk)).content.decode()
    assert "Ned Price" in html
    assert "Deleted person" not in html
    assert re.search(r"Speaker:</strong>\s*—\s*&nbsp;&rarr;&nbsp;&nbsp;Ned Price", html)


def test_revert_restores_the_earlier_text_and_the_search_index(editor_client, client):
    quote = QuoteFactory(text="The zebra crossing talks were frank.")
    original = quote.history.get()
    editor_client.post(admin_url(Quote, "change", quote.pk), quote_data(quote, text="The giraffe summit was useful."))
    assert search_titles(client, "zebra") == []
    assert search_titles(client, "giraffe") == ["The giraffe summit was useful."]

    revert_url = admin_url(Quote, "simple_history", quote.pk, original.history_id)
    page = editor_client.get(revert_url)
    assert page.status_code == 200
    assert page.context["adminform"].form["text"].value() == "The zebra crossing talks were frank."
    response = editor_client.post(revert_url, quote_data(original.instance))
    assert response.status_code == 302

    quote.refresh_from_db()
    assert quote.text == "The zebra crossing talks were frank."
    assert quote.history.latest().history_user.username == "editor-user"
    assert search_titles(client, "zebra") == ["The zebra crossing talks were frank."]
    assert search_titles(client, "giraffe") == []


def test_reverting_in_code_reindexes_too(client):
    """The post_save signal fires on a revert made without the admin as well."""
    person = PersonFactory(name="Sergey Kislyak", slug="sergey-kislyak")
    person.name = "Sergei Kisliak"
    person.save()
    assert search_titles(client, "Kislyak") == []
    person.history.earliest().instance.save()
    assert search_titles(client, "Kislyak") == ["Sergey Kislyak"]


def test_article_people_changes_are_recorded(editor_client):
    article = ArticleFactory()
    antonov, mcfaul = PersonFactory(name="Anatoly Antonov"), PersonFactory(name="Michael McFaul")
    article.people.add(antonov)
    article.people.set([mcfaul])
    # Newest first: set() removed Antonov, then added McFaul; the first version had nobody.
    versions = [list(version.people.values_list("person_id", flat=True)) for version in article.history.all()]
    assert versions == [[mcfaul.pk], [], [antonov.pk], []]
    html = editor_client.get(admin_url(Article, "history", article.pk)).content.decode()
    assert "People mentioned:" in html and "[Michael McFaul]" in html


def test_event_people_and_articles_changes_are_recorded():
    event = EventFactory()
    person, article = PersonFactory(), ArticleFactory()
    event.people.add(person)
    event.articles.add(article)
    latest = event.history.latest()
    assert list(latest.people.values_list("person_id", flat=True)) == [person.pk]
    assert list(latest.articles.values_list("article_id", flat=True)) == [article.pk]


def test_reverting_an_event_restores_its_people_and_articles_as_the_version_had_them(editor_client):
    event = EventFactory(title="Valdai forum", draft=True)
    antonov, mcfaul, article = PersonFactory(name="Anatoly Antonov"), PersonFactory(name="McFaul"), ArticleFactory()
    event.people.set([antonov])
    event.articles.set([article])
    version = event.history.latest()
    event.people.set([mcfaul])
    event.articles.clear()

    revert_url = admin_url(Event, "simple_history", event.pk, version.history_id)
    form = editor_client.get(revert_url).context["adminform"].form
    assert form["people"].value() == [antonov.pk]
    assert form["articles"].value() == [article.pk]
    data = {name: form[name].value() for name in form.fields if name != "published_at"}
    response = editor_client.post(revert_url, {**data, "tags": "", "published_at_0": "", "published_at_1": ""})

    assert response.status_code == 302
    assert list(event.people.all()) == [antonov]
    assert list(event.articles.all()) == [article]


def test_tags_are_not_in_the_history_and_a_revert_keeps_the_current_tags(editor_client):
    """django-simple-history does not follow taggit's tags: a documented limitation."""
    quote = QuoteFactory(text="First words")
    quote.tags.add("sanctions")
    original = quote.history.earliest()
    editor_client.post(admin_url(Quote, "change", quote.pk), quote_data(quote, text="Second words", tags="expulsions"))
    assert list(quote.tags.names()) == ["expulsions"]
    editor_client.post(
        admin_url(Quote, "simple_history", quote.pk, original.history_id),
        quote_data(original.instance, tags="expulsions"),
    )
    quote.refresh_from_db()
    assert quote.text == "First words"
    assert list(quote.tags.names()) == ["expulsions"]


def test_history_keeps_a_deleted_object(editor_client):
    quote = QuoteFactory(text="Gone but not forgotten", draft=True)
    editor_client.post(admin_url(Quote, "delete", quote.pk), {"post": "yes"})
    assert not Quote.objects.exists()
    assert Quote.history.filter(id=quote.pk, history_type="-").get().text == "Gone but not forgotten"


def test_contributors_see_history_too(contributor_client):
    quote = QuoteFactory(status=Status.REVIEW, published_at=None)
    assert contributor_client.get(admin_url(Quote, "history", quote.pk)).status_code == 200


def test_anonymous_users_see_no_history(client):
    quote = QuoteFactory()
    response = client.get(admin_url(Quote, "history", quote.pk))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    version = quote.history.get()
    response = client.post(admin_url(Quote, "simple_history", quote.pk, version.history_id), quote_data(quote))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_user_who_may_only_view_reads_old_versions_but_cannot_revert_to_them(client):
    user = get_user_model().objects.create_user("reader", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_quote"))
    client.force_login(user)
    quote = QuoteFactory(text="Old words", status=Status.REVIEW, published_at=None)
    quote.text = "New words"
    quote.save()
    old = quote.history.earliest()
    url = admin_url(Quote, "simple_history", quote.pk, old.history_id)

    assert client.get(url).status_code == 200
    response = client.post(url, quote_data(quote, text="Old words"))

    assert response.status_code == 403
    quote.refresh_from_db()
    assert quote.text == "New words"
    assert quote.history.count() == 2


def test_history_dates_are_timezone_aware():
    quote = QuoteFactory()
    assert quote.history.get().history_date.tzinfo is not None
    assert quote.history.get().history_date > timezone.now() - datetime.timedelta(minutes=1)


def test_reverting_to_a_version_whose_speaker_was_merged_away_is_a_form_error(admin_client):
    kept, merged = PersonFactory(), PersonFactory(name="Merged Away")
    quote = QuoteFactory(speaker=merged)
    quote.text = "Changed words"
    quote.save()
    old = quote.history.earliest()
    data = {"action": "merge_people", "_selected_action": [kept.pk, merged.pk], "confirm": "yes", "keep": kept.pk}
    admin_client.post("/admin/people/person/", data)
    assert not Person.objects.filter(pk=merged.pk).exists()

    revert_url = admin_url(Quote, "simple_history", quote.pk, old.history_id)
    # The form offers the person they were merged into; sending the old id anyway is refused.
    assert admin_client.get(revert_url).context["adminform"].form["speaker"].value() == kept.pk
    response = admin_client.post(revert_url, quote_data(quote, speaker=merged.pk))

    assert response.status_code == 400
    assert response.context["adminform"].form.errors["speaker"]
    quote.refresh_from_db()
    assert (quote.speaker, quote.text) == (kept, "Changed words")


def merge(client, kept, merged):
    data = {"action": "merge_people", "_selected_action": [kept.pk, merged.pk], "confirm": "yes", "keep": kept.pk}
    client.post("/admin/people/person/", data)
    assert not Person.objects.filter(pk=merged.pk).exists()


def test_reverting_names_the_person_someone_was_merged_into_since_not_nobody(admin_client):
    """An event's old version names someone merged into another person since (twice over): that person now."""
    antonov, duplicate, kept, later = (PersonFactory(name=name) for name in ("Antonov", "A. Antonov", "Kept", "Later"))
    event = EventFactory(title="Valdai forum", draft=True)
    event.people.set([antonov, duplicate])
    version = event.history.latest()
    merge(admin_client, kept, duplicate)
    merge(admin_client, later, kept)
    event.people.set([antonov])

    revert_url = admin_url(Event, "simple_history", event.pk, version.history_id)
    form = admin_client.get(revert_url).context["adminform"].form
    assert sorted(form["people"].value()) == sorted([antonov.pk, later.pk])  # a set: PostgreSQL gives no order
    data = {name: form[name].value() for name in form.fields if name != "published_at"}
    response = admin_client.post(revert_url, {**data, "tags": "", "published_at_0": "", "published_at_1": ""})

    assert response.status_code == 302
    assert set(event.people.all()) == {antonov, later}


def test_an_old_versions_page_names_the_list_it_belongs_to(admin_client):
    quote = QuoteFactory(text="First words")
    quote.text = "Second words"
    quote.save()

    html = admin_client.get(admin_url(Quote, "simple_history", quote.pk, quote.history.earliest().history_id))

    breadcrumbs = html.content.decode().split('<div class="breadcrumbs">')[1].split("</div>")[0]
    assert f'<a href="{admin_url(Quote, "changelist")}">Quotes</a>' in breadcrumbs
    assert "Historical" not in breadcrumbs
    assert "Revert quote" in breadcrumbs


def test_the_history_list_shows_no_reason_for_a_change_made_without_one(admin_client):
    quote = QuoteFactory(text="First words")
    admin_client.post(admin_url(Quote, "change", quote.pk), quote_data(quote, text="Second words"))

    html = admin_client.get(admin_url(Quote, "history", quote.pk)).content.decode()

    rows = re.findall(r"<tr>(.*?)</tr>", html.split("<tbody>")[1], flags=re.S)
    cells = [re.findall(r"<td>\s*(.*?)\s*</td>", row, flags=re.S) for row in rows]
    assert cells[0][2] == "Changed"
    assert cells[0][4] == ""  # the change reason: none given, and none shown
