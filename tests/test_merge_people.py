"""
Merging people from the admin: a confirmation page to choose whom to keep, then everything
moves to that person, the other becomes an alias name and a permanent redirect.
"""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse

from archive.editorial import Status
from archive.models import Article, Event, Quote, SearchDocument
from people.merging import merge_people
from people.models import Person, PersonAlias, PersonRedirect, Role
from tests.admin_forms import action_choices, admin_url
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    EventFactory,
    PersonAliasFactory,
    PersonFactory,
    QuoteFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/people/person/"


@pytest.fixture
def pair():
    """Two records of one man, each with part of what the archive knows about him."""
    kept = PersonFactory(name="Anatoly Antonov", slug="anatoly-antonov", description="")
    PersonAliasFactory(person=kept, name="Antonov A. I.", language="ru")
    other = PersonFactory(
        name="Anatoliy Antonov", slug="anatoliy-antonov", description="Russian ambassador", wikidata_id="Q4066016"
    )
    PersonAliasFactory(person=other, name="Анатолий Антонов", language="ru")
    PersonAliasFactory(person=other, name="ANTONOV A. I.", language="en")  # kept has it already
    quotes = [QuoteFactory(speaker=other, text=f"We are doomed to cooperate, part {n}.") for n in (1, 2)]
    citation = CitationFactory(quote=quotes[0])
    role = RoleFactory(person=other, title="Russian ambassador to the United States")
    both = ArticleFactory()
    both.people.add(kept, other)
    only_other = ArticleFactory()
    only_other.people.add(other)
    event = EventFactory()
    event.people.add(other)
    earlier = PersonRedirect.objects.create(old_slug="a-antonov", person=other)
    return {
        "kept": kept,
        "other": other,
        "quotes": quotes,
        "citation": citation,
        "role": role,
        "both": both,
        "only_other": only_other,
        "event": event,
        "earlier": earlier,
    }


def merge(client, people, keep):
    data = {"action": "merge_people", "_selected_action": [p.pk for p in people], "confirm": "yes", "keep": keep.pk}
    return client.post(CHANGELIST, data)


def test_the_action_asks_for_confirmation_first_and_changes_nothing(editor_client, pair):
    kept, other = pair["kept"], pair["other"]
    response = editor_client.post(CHANGELIST, {"action": "merge_people", "_selected_action": [kept.pk, other.pk]})
    assert response.status_code == 200
    assert "admin/people/merge_people.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "Anatoly Antonov (anatoly-antonov)" in html and "Anatoliy Antonov (anatoliy-antonov)" in html
    assert 'name="keep"' in html and 'name="confirm"' in html
    # The choice is a group of radio buttons: named by a legend, described by its help text.
    assert '<fieldset aria-describedby="id_keep_helptext">' in html and "<legend>Keep:</legend>" in html
    assert '<div class="help" id="id_keep_helptext">' in html
    counts = {
        p.slug: (p.quote_count, p.role_count, p.alias_count, p.article_count, p.event_count)
        for p in response.context["people"]
    }
    assert counts == {"anatoly-antonov": (0, 0, 1, 1, 0), "anatoliy-antonov": (2, 1, 2, 2, 1)}
    # The one with more quotes is offered as the one to keep.
    assert response.context["form"]["keep"].value() == other.pk
    assert Person.objects.count() == 2


def test_the_confirmation_page_escapes_names(editor_client):
    people = [PersonFactory(name="<script>alert(1)</script>"), PersonFactory(description="<b>bold</b>")]
    response = editor_client.post(CHANGELIST, {"action": "merge_people", "_selected_action": [p.pk for p in people]})
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html


def test_everything_moves_to_the_person_kept(editor_client, pair):
    kept, other = pair["kept"], pair["other"]
    response = merge(editor_client, [kept, other], keep=kept)
    assert response.status_code == 302
    assert not Person.objects.filter(pk=other.pk).exists()

    assert set(Quote.objects.filter(speaker=kept)) == set(pair["quotes"])
    pair["citation"].refresh_from_db()
    assert pair["citation"].quote.speaker == kept  # citations follow their quotes
    assert list(Role.objects.filter(person=kept)) == [pair["role"]]
    assert set(pair["both"].people.all()) == {kept}
    assert set(pair["only_other"].people.all()) == {kept}
    assert set(pair["event"].people.all()) == {kept}
    kept.refresh_from_db()
    assert kept.description == "Russian ambassador"  # filled where the kept person had nothing
    assert kept.wikidata_id == "Q4066016"


def test_the_merged_name_becomes_an_alias_without_duplicates(editor_client, pair):
    kept, other = pair["kept"], pair["other"]
    merge(editor_client, [kept, other], keep=kept)
    aliases = {(alias.name, alias.language) for alias in PersonAlias.objects.filter(person=kept)}
    assert aliases == {("Antonov A. I.", "ru"), ("Анатолий Антонов", "ru"), ("Anatoliy Antonov", "")}


def test_an_article_linking_both_is_linked_once(pair):
    kept, other = pair["kept"], pair["other"]
    merge_people(kept, [other])
    through = Article.people.through.objects.filter(article=pair["both"])
    assert list(through.values_list("person_id", flat=True)) == [kept.pk]
    assert Event.people.through.objects.filter(person=kept).count() == 1


def test_the_old_slug_redirects_permanently(client, pair):
    kept, other = pair["kept"], pair["other"]
    merge_people(kept, [other])
    response = client.get("/people/anatoliy-antonov/?date_after=2017")
    assert response.status_code == 301
    assert response["Location"] == "/people/anatoly-antonov/?date_after=2017"
    assert client.get(response["Location"]).status_code == 200
    # A slug that already redirected to the merged person now leads to the kept one.
    assert client.get("/people/a-antonov/")["Location"] == "/people/anatoly-antonov/"
    feed = client.get("/people/anatoliy-antonov/feed/")
    assert (feed.status_code, feed["Location"]) == (301, "/people/anatoly-antonov/feed/")
    assert client.get("/people/nobody-ever/").status_code == 404
    assert client.get("/people/nobody-ever/feed/").status_code == 404


def test_filters_and_the_api_follow_the_old_slug_too(client, pair):
    kept, other = pair["kept"], pair["other"]
    merge_people(kept, [other])

    for old in ("anatoliy-antonov", "a-antonov"):
        response = client.get("/quotes/", {"person": old})
        assert response.status_code == 200
        assert response.context["filter"].form.cleaned_data["person"] == kept
        assert len(response.context["quotes"]) == 2
        assert client.get("/api/quotes/", {"person": old}).json()["count"] == 2
        assert client.get("/timeline/", {"person": old}).status_code == 200
    api = client.get("/api/people/anatoliy-antonov/?format=json")
    assert (api.status_code, api["Location"]) == (301, "/api/people/anatoly-antonov/?format=json")
    assert client.get(api["Location"]).json()["slug"] == "anatoly-antonov"
    assert client.get("/api/people/nobody-ever/").status_code == 404
    assert client.get("/quotes/", {"person": "nobody-ever"}).status_code == 400


def test_an_old_slug_leads_readers_nowhere_while_the_person_kept_is_a_draft(client, editor_client):
    kept, other = PersonFactory(draft=True, slug="kept"), PersonFactory(slug="merged")
    merge_people(kept, [other])
    assert client.get("/people/merged/").status_code == 404
    assert client.get("/people/merged/feed/").status_code == 404
    assert client.get("/api/people/merged/").status_code == 404
    assert client.get("/quotes/", {"person": "merged"}).status_code == 400
    assert editor_client.get("/people/merged/")["Location"] == "/people/kept/"


def test_merging_again_keeps_one_redirect_per_slug(pair):
    kept, other = pair["kept"], pair["other"]
    merge_people(kept, [other])
    third = PersonFactory(slug="anatoliy-antonov")  # the freed slug, taken again, then merged too
    merge_people(kept, [third])
    assert PersonRedirect.objects.filter(old_slug="anatoliy-antonov").get().person == kept


def test_the_search_index_follows(pair, client):
    kept, other = pair["kept"], pair["other"]
    merge_people(kept, [other])
    assert not SearchDocument.objects.filter(kind="person", object_id=other.pk).exists()
    document = SearchDocument.objects.get(kind="person", object_id=kept.pk)
    assert "Anatoliy Antonov" in document.names and "Анатолий Антонов" in document.names
    for quote in pair["quotes"]:
        assert SearchDocument.objects.get(kind="quote", object_id=quote.pk).subtitle == "Anatoly Antonov"
    response = client.get(reverse("search"), {"q": "Anatoliy", "kind": "person"})
    assert [hit.url for hit in response.context["hits"]] == ["/people/anatoly-antonov/"]


def test_the_history_says_why(editor_client, pair):
    kept, other = pair["kept"], pair["other"]
    merge(editor_client, [kept, other], keep=kept)
    latest = pair["quotes"][0].history.latest()
    assert latest.history_user.username == "editor-user"
    assert latest.history_change_reason.startswith("Merged “Anatoliy Antonov” (anatoliy-antonov) into")
    assert Person.history.filter(id=other.pk, history_type="-").exists()


def test_three_at_once(editor_client):
    people = PersonFactory.create_batch(3)
    QuoteFactory(speaker=people[1])
    QuoteFactory(speaker=people[2])
    merge(editor_client, people, keep=people[0])
    assert list(Person.objects.all()) == [people[0]]
    assert Quote.objects.filter(speaker=people[0]).count() == 2


def test_it_is_all_or_nothing(pair, monkeypatch):
    kept, other = pair["kept"], pair["other"]

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(PersonRedirect.objects, "update_or_create", fail)
    with pytest.raises(RuntimeError):
        merge_people(kept, [other])
    assert Person.objects.filter(pk=other.pk).exists()
    assert Quote.objects.filter(speaker=other).count() == 2
    assert set(pair["only_other"].people.all()) == {other}
    assert SearchDocument.objects.filter(kind="person", object_id=other.pk).exists()


def test_one_person_is_not_a_merge(editor_client):
    person = PersonFactory()
    response = editor_client.post(CHANGELIST, {"action": "merge_people", "_selected_action": [person.pk]}, follow=True)
    assert "Select at least two people to merge." in response.content.decode()
    assert Person.objects.count() == 1


def warnings(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_merge_sent_twice_merges_nothing_more_and_says_why(editor_client):
    kept, other = PersonFactory(), PersonFactory()
    assert merge(editor_client, [kept, other], keep=kept).status_code == 302

    again = merge(editor_client, [kept, other], keep=kept)

    assert again.status_code == 302
    assert any(text.startswith("Nothing was merged: 1 of the people you confirmed") for text in warnings(again))
    assert not any("Select at least two" in text for text in warnings(again))
    assert list(Person.objects.all()) == [kept]


def test_a_merge_of_someone_merged_elsewhere_meanwhile_merges_nothing_and_says_why(editor_client):
    first, second, third, elsewhere = PersonFactory.create_batch(4)
    confirmed = [first.pk, second.pk, third.pk]  # on the confirmation page
    merge_people(elsewhere, [third])  # meanwhile

    data = {"action": "merge_people", "_selected_action": confirmed, "confirm": "yes", "keep": first.pk}
    response = editor_client.post(CHANGELIST, data)

    assert any(text.startswith("Nothing was merged: 1 of the people you confirmed") for text in warnings(response))
    assert set(Person.objects.all()) == {first, second, elsewhere}


def test_keeping_someone_not_selected_is_refused(editor_client):
    people = PersonFactory.create_batch(2)
    stranger = PersonFactory()
    response = merge(editor_client, people, keep=stranger)
    assert response.status_code == 400  # a mistake in a form, as on every change form
    assert "Choose one of the selected people to keep." in response.content.decode()
    assert Person.objects.count() == 3


def test_keeping_a_draft_is_refused_while_the_others_quotes_are_published(editor_client, pair):
    Person.objects.filter(pk=pair["kept"].pk).update(status=Status.DRAFT, published_at=None)

    response = merge(editor_client, [pair["kept"], pair["other"]], keep=pair["kept"])

    assert response.status_code == 400
    page = response.content.decode()
    assert "2 published quote(s) name Anatoly Antonov" in page and "Keep a published person" in page
    assert Person.objects.count() == 2
    assert {quote.speaker for quote in Quote.objects.all()} == {pair["other"]}


def test_merging_needs_the_merge_permission(client, contributor_client):
    people = PersonFactory.create_batch(2)
    # Everything else on people is not enough.
    user = UserFactory()
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="people").exclude(codename="merge_person")
    )
    client.force_login(user)
    assert "merge_people" not in action_choices(client.get(CHANGELIST))
    merge(client, people, keep=people[0])
    merge(contributor_client, people, keep=people[0])
    assert Person.objects.count() == 2

    user.user_permissions.add(Permission.objects.get(codename="merge_person"))
    assert "merge_people" in action_choices(client.get(CHANGELIST))
    merge(client, people, keep=people[0])
    assert Person.objects.count() == 1


def test_admin_lists_old_addresses(editor_client, pair):
    merge_people(pair["kept"], [pair["other"]])
    response = editor_client.get(admin_url(PersonRedirect, "changelist"))
    assert response.status_code == 200
    assert "anatoliy-antonov" in response.content.decode()
