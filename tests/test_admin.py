"""The editors' desk: every admin page renders, searches answer, actions and forms work."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from archive.admin import ArticleAdmin, EventAdmin, QuoteAdmin
from archive.dates import Precision
from archive.editorial import Status
from archive.models import Article, Citation, Event, Outlet, Quote, SuggestedQuote
from people.models import Organization, Person, PersonAlias, Role
from tests.admin_forms import person_data, quote_data
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

MODELS = [Article, Citation, Event, Outlet, Quote, Organization, Person, PersonAlias, Role]


@pytest.fixture
def archive_rows():
    antonov = PersonFactory(name="Anatoly Antonov", slug="anatoly-antonov")
    PersonAliasFactory(person=antonov, name="Анатолий Антонов", language="ru")
    RoleFactory(person=antonov, title="Russian ambassador to the United States")
    citation = CitationFactory(quote__speaker=antonov, quote__text="We are doomed to cooperate")
    citation.article.tags.add("diplomacy")
    EventFactory(title="Stanford talk", slug="stanford-talk")
    return citation


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_change_pages_render(admin_client, archive_rows, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == 200
    obj = model.objects.first()
    response = admin_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("model", [Article, Event, Person, Quote], ids=lambda m: m.__name__)
def test_the_publish_time_date_and_time_boxes_have_names_of_their_own(admin_client, model):
    """The field's label points at neither box, and "Date:" and "Time:" beside them are plain text."""
    page = admin_client.get(admin_url(model, "add")).content.decode()
    boxes = re.findall(r'<input type="text" name="published_at_[01]"[^>]*>', page)
    assert len(boxes) == 2
    assert 'aria-label="Publish time: date"' in boxes[0]
    assert 'aria-label="Publish time: time of day"' in boxes[1]


@pytest.mark.parametrize(
    ("model", "term", "expected"),
    [
        (Person, "Антонов", "Anatoly Antonov"),
        (Quote, "doomed", "We are doomed to cooperate"),
        (Quote, "Antonov", "We are doomed to cooperate"),
        (Event, "Stanford", "Stanford talk"),
    ],
)
def test_search_finds_by_name_text_and_alias(admin_client, archive_rows, model, term, expected):
    response = admin_client.get(admin_url(model, "changelist"), {"q": term})
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert response.context["cl"].result_count == 1


def test_changelist_filters_answer(admin_client, archive_rows):
    article = archive_rows.article
    url = admin_url(Article, "changelist")
    assert admin_client.get(url, {"tag": "diplomacy"}).context["cl"].result_count == 1
    assert admin_client.get(url, {"tag": "nothing"}).context["cl"].result_count == 0
    assert admin_client.get(url, {"status__exact": "draft"}).context["cl"].result_count == 0
    assert admin_client.get(url, {"outlet__id__exact": article.outlet_id}).context["cl"].result_count == 1
    assert admin_client.get(url, {"year": "2022"}).context["cl"].result_count == 1


@pytest.mark.parametrize(
    ("model", "key"),
    [(Quote, "speaker"), (Article, "outlet"), (Citation, "quote"), (PersonAlias, "person"), (Role, "person")],
)
def test_changelist_filtered_by_a_key_beyond_any_integer_lists_nothing(admin_client, archive_rows, model, key):
    response = admin_client.get(admin_url(model, "changelist"), {key: "9" * 30})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 0


@pytest.mark.parametrize(
    ("model", "key", "column"),
    [(Quote, "id__in", "pk"), (Quote, "speaker__in", "speaker_id"), (Citation, "quote__id__in", "quote_id")],
)
def test_changelist_filtered_by_ids_beyond_any_integer_lists_only_the_others(
    admin_client, archive_rows, model, key, column
):
    row = model.objects.get()

    alone = admin_client.get(admin_url(model, "changelist"), {key: "9" * 30})
    mixed = admin_client.get(admin_url(model, "changelist"), {key: f"{'9' * 30},{getattr(row, column)}"})

    assert (alone.status_code, mixed.status_code) == (200, 200)
    assert alone.context["cl"].result_count == 0
    assert list(mixed.context["cl"].result_list) == [row]


def test_changelist_query_count_does_not_grow(admin_client, django_assert_max_num_queries):
    QuoteFactory.create_batch(3)
    with django_assert_max_num_queries(12) as small:
        admin_client.get(admin_url(Quote, "changelist"))
    QuoteFactory.create_batch(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        admin_client.get(admin_url(Quote, "changelist"))


def test_autocomplete_for_people_answers(admin_client, archive_rows):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "Антонов", "app_label": "archive", "model_name": "quote", "field_name": "speaker"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Anatoly Antonov"]


def test_publish_and_unpublish_actions(admin_client):
    drafts = QuoteFactory.create_batch(2, draft=True)
    url = admin_url(Quote, "changelist")
    admin_client.post(url, {"action": "publish", "_selected_action": [q.pk for q in drafts]})
    assert Quote.objects.published().count() == 2
    admin_client.post(url, {"action": "unpublish", "_selected_action": [drafts[0].pk]})
    assert list(Quote.objects.published()) == [drafts[1]]
    assert Quote.objects.get(pk=drafts[0].pk).status == Status.DRAFT


def test_publish_and_unpublish_say_what_was_so_already_instead_of_changing_nothing_in_green(admin_client):
    live, draft = QuoteFactory(), QuoteFactory(draft=True)
    url = admin_url(Quote, "changelist")

    def act(action, quotes):
        response = admin_client.post(url, {"action": action, "_selected_action": [q.pk for q in quotes]}, follow=True)
        return [(message.level_tag, message.message) for message in response.context["messages"]]

    assert act("publish", [live, draft]) == [
        ("success", "Published 1 item."),
        ("info", "1 item was published already."),
    ]
    assert act("publish", [live, draft]) == [("info", "2 items were published already.")]  # both live now
    assert act("unpublish", [live]) == [("success", "Unpublished 1 item.")]
    assert act("unpublish", [live]) == [("info", "1 item was a draft already.")]
    assert act("unpublish", [live, draft]) == [
        ("success", "Unpublished 1 item."),
        ("info", "1 item was a draft already."),
    ]


def test_publish_now_brings_a_scheduled_time_forward(admin_client, client):
    later = timezone.now() + datetime.timedelta(days=30)
    scheduled = QuoteFactory(published_at=later)
    unpublished = QuoteFactory(draft=True, published_at=later)  # scheduled once, then unpublished
    in_review = QuoteFactory(status=Status.REVIEW, published_at=later)
    assert not Quote.objects.published().exists()

    response = admin_client.post(
        admin_url(Quote, "changelist"),
        {"action": "publish", "_selected_action": [scheduled.pk, unpublished.pk, in_review.pk]},
        follow=True,
    )

    assert "Published 3 items." in response.content.decode()
    assert set(Quote.objects.published()) == {scheduled, unpublished, in_review}
    assert client.get(scheduled.get_absolute_url()).status_code == 200


# A published quote shows its speaker's name: the speaker's profile is public by then.

LATER = datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("speaker_state", "message"),
    [({"draft": True}, "profile is not published"), ({"published_at": LATER}, "profile is scheduled for 2999-01-01")],
    ids=["draft speaker", "speaker scheduled later"],
)
def test_a_quote_is_not_published_before_its_speaker(admin_client, client, speaker_state, message):
    quote = QuoteFactory(draft=True, speaker=PersonFactory(name="Zebulon Quarterfield", **speaker_state))

    form = admin_client.post(admin_url(Quote, "change", quote.pk), quote_data(quote, status="published"))
    action = admin_client.post(
        admin_url(Quote, "changelist"), {"action": "publish", "_selected_action": [quote.pk]}, follow=True
    )

    assert form.status_code == 400
    assert message in str(form.context["adminform"].form.errors)
    assert "Not published" in action.content.decode() and message in action.content.decode()
    assert not Quote.objects.published().exists()
    assert "Zebulon" not in client.get(reverse("quotes:list")).content.decode()


def test_a_quote_is_published_once_its_speaker_is(admin_client):
    quote = QuoteFactory(draft=True, speaker=PersonFactory(draft=True))
    speaker = quote.speaker
    admin_client.post(admin_url(Person, "changelist"), {"action": "publish", "_selected_action": [speaker.pk]})

    response = admin_client.post(admin_url(Quote, "change", quote.pk), quote_data(quote, status="published"))

    assert response.status_code == 302
    assert list(Quote.objects.published()) == [quote]


def test_what_was_there_before_the_rule_can_still_be_edited_and_put_right(admin_client):
    # Written before the rule (or straight to the database): a published quote by a draft speaker.
    quote = QuoteFactory(speaker=PersonFactory(name="Zebulon Quarterfield", draft=True))
    speaker = quote.speaker

    shown = timezone.localtime(quote.published_at)  # as the form shows it: to the second
    data = quote_data(
        quote, text="Corrected words.", published_at_0=f"{shown:%Y-%m-%d}", published_at_1=f"{shown:%H:%M:%S}"
    )
    edited = admin_client.post(admin_url(Quote, "change", quote.pk), data)
    published = admin_client.post(admin_url(Person, "change", speaker.pk), person_data(speaker, status="published"))

    assert edited.status_code == published.status_code == 302
    quote.refresh_from_db()
    speaker.refresh_from_db()
    assert quote.text == "Corrected words." and quote.is_public and speaker.is_public


@pytest.mark.parametrize("change", [{"status": "draft"}, {"published_at_0": "2999-01-01", "published_at_1": "00:00"}])
def test_a_person_named_by_published_quotes_stays_public(admin_client, change):
    antonov = PersonFactory(name="Anatoly Antonov")
    QuoteFactory.create_batch(2, speaker=antonov)
    data = person_data(antonov, **change)

    form = admin_client.post(admin_url(Person, "change", antonov.pk), data)
    action = admin_client.post(
        admin_url(Person, "changelist"), {"action": "unpublish", "_selected_action": [antonov.pk]}, follow=True
    )

    assert form.status_code == 400
    assert "2 published quote(s) name Anatoly Antonov" in str(form.context["adminform"].form.errors)
    assert "Not unpublished" in action.content.decode()
    antonov.refresh_from_db()
    assert antonov.is_public


def test_view_on_site_link_is_offered(admin_client, archive_rows):
    response = admin_client.get(admin_url(Quote, "change", archive_rows.quote.pk))
    assert "View on site" in response.content.decode()


def article_form(outlet, **extra):
    data = {
        "headline": "Nobody wants to talk to Russia's ambassador",
        "slug": "nobody-wants-to-talk",
        "outlet": outlet.pk,
        "url": "https://www.rawstory.com/anatoly-antonov/",
        "published": "2022-04",
        "language": "en",
        "tags": "diplomacy, russia-us-relations",
        "status": Status.DRAFT,
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
        "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_editor_records_an_article_with_three_quotes(admin_client):
    """The whole desk flow: speakers, quotes, then one article citing all three."""
    outlet = OutletFactory(name="Raw Story")
    speakers = [PersonFactory(name=name) for name in ("Anatoly Antonov", "Michael McFaul", "Dmitry Romanovich")]
    quote_ids = []
    for number, speaker in enumerate(speakers):
        response = admin_client.post(
            admin_url(Quote, "add"),
            {
                "text": f"Words number {number}",
                "speaker": speaker.pk,
                "said": "2017-12-01",
                "kind": Quote.Kind.DIRECT,
                "language": "en",
                "status": Status.DRAFT,
                "citations-TOTAL_FORMS": "0",
                "citations-INITIAL_FORMS": "0",
                "citations-MIN_NUM_FORMS": "0",
                "citations-MAX_NUM_FORMS": "1000",
            },
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        quote_ids.append(Quote.objects.get(text=f"Words number {number}").pk)

    inline = {"citations-TOTAL_FORMS": "3"}
    for index, quote_id in enumerate(quote_ids):
        inline[f"citations-{index}-quote"] = quote_id
        inline[f"citations-{index}-passage"] = f"passage {index}"
    response = admin_client.post(admin_url(Article, "add"), article_form(outlet, **inline))
    assert response.status_code == 302, response.context["adminform"].form.errors

    article = Article.objects.get(slug="nobody-wants-to-talk")
    assert article.published_on == datetime.date(2022, 4, 1)
    assert article.published_on_precision == Precision.MONTH
    assert sorted(article.tags.names()) == ["diplomacy", "russia-us-relations"]
    assert sorted(c.quote.speaker.name for c in article.citations.all()) == sorted(p.name for p in speakers)


def test_bad_partial_date_is_a_form_error_and_writes_nothing(admin_client):
    outlet = OutletFactory()
    response = admin_client.post(admin_url(Article, "add"), article_form(outlet, published="2022-02-30"))
    assert response.status_code == 400
    assert "not a real date" in str(response.context["adminform"].form.errors["published"])
    assert not Article.objects.exists()


def test_event_end_before_start_is_refused(admin_client):
    response = admin_client.post(
        admin_url(Event, "add"),
        {
            "title": "Talk",
            "slug": "talk",
            "kind": "speech",
            "start": "2017-12",
            "end": "2017-11",
            "status": "draft",
            "quotes-TOTAL_FORMS": "0",
            "quotes-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 400
    assert "It cannot end (November 2017) before it starts (December 2017)." in response.content.decode()
    assert not Event.objects.exists()


def test_person_page_edits_aliases_and_roles_inline(admin_client):
    organization = OrganizationFactory(name="Embassy of Russia in the United States")
    response = admin_client.post(
        admin_url(Person, "add"),
        {
            "name": "Anatoly Antonov",
            "slug": "anatoly-antonov",
            "status": Status.DRAFT,
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-name": "Anatoliy Antonov",
            "aliases-0-language": "en",
            "roles-TOTAL_FORMS": "1",
            "roles-INITIAL_FORMS": "0",
            "roles-0-title": "Russian ambassador to the United States",
            "roles-0-organization": organization.pk,
            "roles-0-start": "2017",
            "roles-0-end": "2024",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(slug="anatoly-antonov")
    assert person.sort_name == "Antonov, Anatoly"
    assert list(person.aliases.values_list("name", flat=True)) == ["Anatoliy Antonov"]
    role = person.roles.get()
    assert (str(role.start), str(role.end)) == ("2017", "2024")


def test_invalid_wikidata_id_is_a_form_error(admin_client):
    response = admin_client.post(
        admin_url(Person, "add"),
        {
            "name": "Vladimir Putin",
            "slug": "vladimir-putin",
            "wikidata_id": "7747",
            "status": Status.DRAFT,
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 400
    assert "Q followed by digits" in str(response.context["adminform"].form.errors["wikidata_id"])
    assert not Person.objects.exists()


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(admin_url(Quote, "changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_desk_is_branded_as_embassy_row(admin_client):
    page = html.unescape(admin_client.get(reverse("admin:index")).content.decode())
    assert "Embassy Row: editors' desk" in page
    assert "Django administration" not in page


# At a million quotes: searches through the full-text index, filters from cheap queries


def test_quote_search_goes_through_the_index_and_finds_drafts_too(admin_client, antonov):
    PersonAliasFactory(person=antonov, name="Анатолий Антонов", language="ru")
    draft = QuoteFactory(speaker=antonov, text="Words kept back for now", draft=True)
    QuoteFactory(text="Someone else speaking")
    url = admin_url(Quote, "changelist")

    for term in ["kept", "Антонов", '"kept back"', "words -someone"]:
        response = admin_client.get(url, {"q": term})
        assert list(response.context["cl"].result_list) == [draft], term


def suggested(admin_client, model_name, field_name, term):
    """What a picker (an autocomplete) suggests for ``term``."""
    params = {"app_label": "archive", "model_name": model_name, "field_name": field_name, "term": term}
    response = admin_client.get(reverse("admin:autocomplete"), params)
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_a_picker_suggests_from_the_start_of_the_word_being_typed(admin_client):
    quote = QuoteFactory(text="We met at the Valdai forum", draft=True)
    event = EventFactory(title="Valdai Discussion Club", draft=True)
    QuoteFactory(text="Another forum altogether")

    for term in ["Vald", "valdai", "forum Vald", "Valdai for"]:
        assert suggested(admin_client, "citation", "quote", term) == [str(quote)], term
    assert suggested(admin_client, "quote", "event", "Discussion Val") == [str(event)]
    # Two letters would match much of a large archive; a word typed and then a space is whole.
    assert suggested(admin_client, "citation", "quote", "Va") == []
    assert suggested(admin_client, "citation", "quote", "Vald ") == []
    assert suggested(admin_client, "citation", "quote", "forum -Valdai") == ["Another forum altogether"]
    # The list's own search box takes whole words.
    response = admin_client.get(admin_url(Quote, "changelist"), {"q": "Vald"})
    assert list(response.context["cl"].result_list) == []


def test_a_search_of_only_common_words_finds_nothing_and_says_why(admin_client):
    QuoteFactory(text="The words")

    response = admin_client.get(admin_url(Quote, "changelist"), {"q": "the"})

    assert response.context["cl"].result_count == 0
    assert "too common to search for" in response.content.decode()


def test_a_search_matching_more_than_the_limit_says_so(admin_client, monkeypatch):
    monkeypatch.setattr(QuoteAdmin, "SEARCH_LIMIT", 2)
    quotes = QuoteFactory.create_batch(3, text="Sanctions again")

    response = admin_client.get(admin_url(Quote, "changelist"), {"q": "sanctions"})

    assert set(response.context["cl"].result_list) == set(quotes[1:])
    assert "these are the 2 most recently added" in response.content.decode()


def test_article_search_by_words_or_by_full_url(admin_client):
    article = ArticleFactory(headline="Nobody wants to talk", url="https://example.com/nobody")
    ArticleFactory(headline="Another piece", url="https://example.com/another")
    url = admin_url(Article, "changelist")

    assert list(admin_client.get(url, {"q": "nobody"}).context["cl"].result_list) == [article]
    assert list(admin_client.get(url, {"q": "https://example.com/nobody"}).context["cl"].result_list) == [article]


def test_year_filter_offers_the_years_between_the_first_and_last_date(admin_client):
    QuoteFactory(said_on=datetime.date(2015, 6, 1))
    in_2017 = QuoteFactory(said_on=datetime.date(2017, 12, 1))
    QuoteFactory(said_on=None)
    url = admin_url(Quote, "changelist")

    response = admin_client.get(url)
    year_filter = next(
        spec for spec in response.context["cl"].filter_specs if getattr(spec, "parameter_name", None) == "year"
    )
    assert [value for value, _ in year_filter.lookup_choices] == ["2017", "2016", "2015"]

    assert list(admin_client.get(url, {"year": "2017"}).context["cl"].result_list) == [in_2017]
    assert admin_client.get(url, {"year": "2016"}).context["cl"].result_count == 0
    # Nonsense is the admin's "bad filter" page, never a server error.
    assert admin_client.get(url, {"year": "MMXVII"}).status_code == 302


def test_year_filter_finds_the_calendars_last_year(admin_client):
    """9999, the last year a date can have, is offered and filters like any other (no year follows it)."""
    last = QuoteFactory(said_on=datetime.date(9999, 12, 31))
    QuoteFactory(said_on=datetime.date(9998, 1, 1))
    url = admin_url(Quote, "changelist")

    response = admin_client.get(url, {"year": "9999"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [last]


def test_tag_filter_lists_the_tags_published_items_carry(admin_client):
    QuoteFactory().tags.add("sanctions")
    QuoteFactory(draft=True).tags.add("embargo")
    ArticleFactory().tags.add("diplomacy")

    response = admin_client.get(admin_url(Quote, "changelist"))

    tag_filter = next(
        spec for spec in response.context["cl"].filter_specs if getattr(spec, "parameter_name", None) == "tag"
    )
    assert [name for _, name in tag_filter.lookup_choices] == ["sanctions"]
    # A tag only drafts carry still filters by address.
    assert admin_client.get(admin_url(Quote, "changelist"), {"tag": "embargo"}).context["cl"].result_count == 1


def test_big_lists_offer_no_filter_that_reads_every_row():
    for model_admin in (QuoteAdmin, ArticleAdmin, EventAdmin):
        assert model_admin.date_hierarchy is None
        assert "language" not in model_admin.list_filter


def test_event_page_shows_the_newest_quotes_and_links_to_all(admin_client, django_assert_max_num_queries):
    event = EventFactory(title="Valdai forum")
    QuoteFactory.create_batch(3, event=event)
    url = admin_url(Event, "change", event.pk)
    with django_assert_max_num_queries(20) as few:
        admin_client.get(url)

    QuoteFactory.create_batch(30, event=event)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = admin_client.get(url)

    assert len(response.context["inline_admin_formsets"][0].formset.forms) == 20
    assert f"{admin_url(Quote, 'changelist')}?event={event.pk}" in response.content.decode()


def test_an_event_saves_though_a_quote_said_at_it_was_deleted_since_the_page_was_opened(admin_client):
    event = EventFactory(title="Valdai forum", draft=True)
    kept, deleted = QuoteFactory(event=event), QuoteFactory(event=event)
    url = admin_url(Event, "change", event.pk)
    opened = admin_client.get(url).context["adminform"].form["opened_version"].value()
    Quote.objects.filter(pk=deleted.pk).delete()

    response = admin_client.post(
        url,
        {
            "title": "Valdai forum",
            "slug": event.slug,
            "kind": event.kind,
            "start": "2017-12-01",
            "description": "Corrected.",
            "status": "draft",
            "opened_version": opened,
            "quotes-TOTAL_FORMS": "2",
            "quotes-INITIAL_FORMS": "2",
            **{
                f"quotes-{n}-{key}": value
                for n, quote in enumerate([deleted, kept])
                for key, value in {"id": quote.pk, "event": event.pk}.items()
            },
        },
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.description == "Corrected."
    assert list(Quote.objects.filter(event=event)) == [kept]


def test_a_person_page_says_when_an_alias_name_in_it_was_deleted_since_it_was_opened(admin_client):
    person = PersonFactory(name="Anatoly Antonov", draft=True)
    aliases = [PersonAliasFactory(person=person, name=name) for name in ("Anatoliy Antonov", "Анатолий Антонов")]
    url = admin_url(Person, "change", person.pk)
    opened = admin_client.get(url).context["adminform"].form["opened_version"].value()
    rows = {
        f"aliases-{n}-{key}": value
        for n, alias in enumerate(aliases)
        for key, value in {"id": alias.pk, "person": person.pk, "name": alias.name, "language": "en"}.items()
    }
    data = person_data(person, description="Corrected.", opened_version=opened, **rows)
    data.update({"aliases-TOTAL_FORMS": "2", "aliases-INITIAL_FORMS": "2"})
    aliases[1].delete()

    response = admin_client.post(url, data)

    assert response.status_code == 400
    assert (
        "One alias name in this list was deleted since you opened the page. Nothing was saved"
        in response.content.decode()
    )
    person.refresh_from_db()
    assert person.description != "Corrected."


def test_the_quote_list_by_event_names_the_event_as_a_filter_to_clear(admin_client):
    event = EventFactory(title="Valdai forum")
    QuoteFactory(event=event, text="Said at the forum.")
    QuoteFactory(text="Said elsewhere.")

    response = admin_client.get(admin_url(Quote, "changelist"), {"event": event.pk})

    content = response.content.decode()
    assert "Said at the forum." in content and "Said elsewhere." not in content
    assert "By event" in content and "Valdai forum" in content
    assert "Clear all filters" in content


def test_the_quote_list_offers_no_menu_of_every_event(admin_client):
    EventFactory(title="Valdai forum")

    content = admin_client.get(admin_url(Quote, "changelist")).content.decode()

    assert "By event" not in content and "Valdai forum" not in content


@pytest.mark.parametrize("value", ["abc", "99999999999999999999999"])
def test_the_quote_list_by_what_cannot_be_an_event_is_refused_as_the_admin_refuses_a_filter(admin_client, value):
    QuoteFactory(text="Said somewhere.")

    response = admin_client.get(admin_url(Quote, "changelist"), {"event": value})

    # Django's admin answers a filter it cannot apply with the unfiltered list and "?e=1".
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_the_quote_list_by_an_event_not_in_the_archive_is_empty(admin_client):
    QuoteFactory(text="Said somewhere.")

    response = admin_client.get(admin_url(Quote, "changelist"), {"event": 987654})

    assert response.status_code == 200
    assert "Said somewhere." not in response.content.decode()


def test_outlet_list_counts_articles(admin_client):
    outlet = OutletFactory(name="Politico")
    ArticleFactory.create_batch(2, outlet=outlet)
    OutletFactory(name="Raw Story")

    response = admin_client.get(admin_url(Outlet, "changelist"))

    assert {row.name: row.article_total for row in response.context["cl"].result_list} == {
        "Politico": 2,
        "Raw Story": 0,
    }


def test_citations_list_newest_first(admin_client):
    first, second = CitationFactory(), CitationFactory()

    response = admin_client.get(admin_url(Citation, "changelist"))

    assert list(response.context["cl"].result_list) == [second, first]


def test_person_search_finds_part_of_any_name_once(admin_client, antonov):
    PersonAliasFactory(person=antonov, name="Anatoliy Antonov")
    PersonAliasFactory(person=antonov, name="Anatoli Antonow")
    PersonFactory(name="Sergey Lavrov")

    response = admin_client.get(admin_url(Person, "changelist"), {"q": "anatol"})

    assert list(response.context["cl"].result_list) == [antonov]


def test_tag_pages_do_not_list_every_tagging(admin_client):
    QuoteFactory.create_batch(3)
    for quote in Quote.objects.all():
        quote.tags.add("sanctions")
    tag = Tag.objects.get(name="sanctions")

    response = admin_client.get(reverse("admin:taggit_tag_change", args=[tag.pk]))

    assert response.status_code == 200
    assert not response.context["inline_admin_formsets"]


@pytest.mark.parametrize("model", [Article, Quote])
def test_change_forms_cost_the_same_queries_however_many_citations(admin_client, model, django_assert_max_num_queries):
    obj = ArticleFactory() if model is Article else QuoteFactory()
    field = "article" if model is Article else "quote"

    def cite(count):
        CitationFactory.create_batch(count, **{field: obj})

    cite(3)
    with django_assert_max_num_queries(30) as few:
        admin_client.get(admin_url(model, "change", obj.pk))
    cite(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = admin_client.get(admin_url(model, "change", obj.pk))

    assert len(response.context["inline_admin_formsets"][0].formset.forms) == 31  # and one blank


def test_citation_search_finds_citations_of_matching_quotes_and_articles(admin_client):
    by_quote = CitationFactory(quote__text="We are doomed to cooperate")
    by_article = CitationFactory(article__headline="Doomed talks")
    CitationFactory(quote__text="Other words", article__headline="Other news")

    response = admin_client.get(admin_url(Citation, "changelist"), {"q": "doomed"})

    assert set(response.context["cl"].result_list) == {by_quote, by_article}


# Ids a crafted request puts where the admin expects ids


@pytest.mark.parametrize("value", ["abc", "99999999999999999999"])
def test_an_autocomplete_given_something_that_is_no_id_says_so(admin_client, value):
    response = admin_client.post(admin_url(Quote, "add"), quote_data(speaker=value))
    assert response.status_code == 400
    assert "Select a valid choice" in str(response.context["adminform"].form.errors["speaker"])

    response = admin_client.post(admin_url(Article, "add"), {**article_form(OutletFactory()), "people": [value]})
    assert response.status_code == 400
    assert response.context["adminform"].form.errors["people"]
    assert not Quote.objects.exists() and not Article.objects.exists()


@pytest.mark.parametrize("value", ["abc", "99999999999999999999"])
def test_an_action_on_rows_that_are_no_ids_does_nothing_and_says_so(admin_client, value):
    person = PersonFactory()
    url = admin_url(Person, "changelist")
    for action in ("merge_people", "unpublish", "delete_selected"):
        response = admin_client.post(url, {"action": action, "_selected_action": [person.pk, value]}, follow=True)
        assert response.status_code == 200
        assert "is not an item of this list" in response.content.decode()
    person.refresh_from_db()
    assert person.status == Status.PUBLISHED


def test_every_admin_page_refuses_what_cannot_be_an_id():
    from django.contrib import admin

    from archive.admin import CheckedInput

    assert [
        model for model, model_admin in admin.site._registry.items() if not isinstance(model_admin, CheckedInput)
    ] == []


@pytest.mark.parametrize("model", ["auth/user", "auth/group", "axes/accessattempt", "axes/accessfailurelog"])
def test_the_other_apps_lists_refuse_rows_that_are_no_ids(admin_client, model):
    response = admin_client.post(
        f"/admin/{model}/", {"action": "delete_selected", "_selected_action": ["abc"]}, follow=True
    )

    assert response.status_code == 200
    assert "is not an item of this list" in response.content.decode()
    assert admin_client.get(f"/admin/{model}/abc/history/").status_code == 404


def test_a_history_version_that_is_no_id_is_not_found(admin_client):
    quote = QuoteFactory()
    assert admin_client.get(f"/admin/archive/quote/{quote.pk}/history/abc/").status_code == 404


@pytest.mark.parametrize(
    "model",
    ["archive/quote", "archive/article", "archive/event", "archive/citation", "archive/outlet", "people/person"]
    + ["people/personalias", "people/role", "people/organization"],
)
@pytest.mark.parametrize("object_id", ["abc", "99999999999999999999"])
def test_the_history_of_something_that_is_no_id_is_not_found(admin_client, model, object_id):
    assert admin_client.get(f"/admin/{model}/{object_id}/history/").status_code == 404
    assert admin_client.get(f"/admin/{model}/{object_id}/history/1/").status_code == 404


@pytest.mark.parametrize("value", ["abc", "99999999999999999999"])
def test_rows_edited_in_a_list_that_are_no_ids_save_nothing_and_say_so(admin_client, value):
    speaker = PersonFactory()
    quote = QuoteFactory(status=Status.DRAFT, speaker=None, unnamed_source="An official", suggestion_confidence=0.5)
    suggested = SuggestedQuote.objects.get(pk=quote.pk)
    data = {"form-TOTAL_FORMS": 2, "form-INITIAL_FORMS": 2, "_save": "Save"}
    data |= {"form-0-id": suggested.pk, "form-0-speaker": speaker.pk, "form-1-id": value, "form-1-speaker": speaker.pk}

    response = admin_client.post(admin_url(SuggestedQuote, "changelist"), data, follow=True)

    assert response.status_code == 200
    assert "Nothing was saved: “" in response.content.decode()
    suggested.refresh_from_db()
    assert suggested.speaker is None


def test_a_tag_longer_than_a_tag_can_be_is_a_form_error(admin_client):
    speaker = PersonFactory()
    response = admin_client.post(admin_url(Quote, "add"), quote_data(speaker=speaker.pk, tags="t" * 150))
    assert response.status_code == 400
    assert "at most 100 characters" in str(response.context["adminform"].form.errors["tags"])
    assert not Quote.objects.exists() and not Tag.objects.exists()

    assert admin_client.post(admin_url(Quote, "add"), quote_data(speaker=speaker.pk, tags="t" * 100)).status_code == 302
    assert Tag.objects.get().name == "t" * 100


def test_citation_offsets_past_the_end_of_the_articles_text_are_refused(admin_client):
    article, quote = ArticleFactory(body="A short body."), QuoteFactory()
    data = {"quote": quote.pk, "article": article.pk, "passage": "short", "start_offset": "5000", "end_offset": "6000"}

    response = admin_client.post(admin_url(Citation, "add"), data)

    assert response.status_code == 400
    errors = response.context["adminform"].form.errors
    assert errors["start_offset"] == ["5,000 is past the end of the article's text (13 characters)."]
    assert "Too large" in str(
        admin_client.post(admin_url(Citation, "add"), {**data, "end_offset": "3000000000"})
        .context["adminform"]
        .form.errors["end_offset"]
    )
    assert not Citation.objects.exists()
    assert (
        admin_client.post(admin_url(Citation, "add"), {**data, "start_offset": "2", "end_offset": "7"}).status_code
        == 302
    )
    # An article whose text the archive does not hold: the offsets say where the passage was.
    other = ArticleFactory(body="")
    response = admin_client.post(admin_url(Citation, "add"), {**data, "article": other.pk})
    assert response.status_code == 302


def test_deleting_an_event_says_which_quotes_it_keeps_and_records_their_loss(editor_client, client):
    event = EventFactory(title="Antonov speaks at Stanford")
    kept = QuoteFactory(text="Every coin has two sides.", event=event)
    url = reverse("admin:archive_event_delete", args=[event.pk])

    page = editor_client.get(url).content.decode()
    assert "Kept, without an event:" in page
    assert "the 1 quote said at this event is not deleted" in page
    assert reverse("admin:archive_quote_change", args=[kept.pk]) in page

    assert editor_client.post(url, {"post": "yes"}).status_code == 302
    kept.refresh_from_db()
    assert kept.event is None
    latest = kept.history.first()
    assert latest.event_id is None
    assert latest.history_change_reason == "Event “Antonov speaks at Stanford” deleted"
    assert latest.history_user.username == "editor-user"
    assert "Antonov speaks at Stanford" not in client.get(kept.get_absolute_url()).content.decode()


def test_deleting_selected_events_lists_the_quotes_said_at_them(editor_client):
    first, second, empty = EventFactory(), EventFactory(), EventFactory()
    quotes = [QuoteFactory(event=first), QuoteFactory(event=first), QuoteFactory(event=second)]
    data = {"action": "delete_selected", "_selected_action": [first.pk, second.pk, empty.pk]}
    url = reverse("admin:archive_event_changelist")

    page = editor_client.post(url, data).content.decode()
    assert "the 3 quotes said at the selected events are not deleted" in page
    for quote in quotes:
        assert reverse("admin:archive_quote_change", args=[quote.pk]) in page

    editor_client.post(url, {**data, "post": "yes"})
    assert not Event.objects.exists()
    assert Quote.objects.filter(event=None).count() == 3
    assert all(quote.history.first().history_change_reason.startswith("Event “") for quote in Quote.objects.all())


def test_deleting_an_event_without_quotes_says_nothing_of_quotes(editor_client):
    event = EventFactory()
    page = editor_client.get(reverse("admin:archive_event_delete", args=[event.pk])).content.decode()
    assert "Kept, without an event" not in page


def test_a_delete_confirmation_names_both_ends_of_the_links_it_removes(editor_client):
    person = PersonFactory(name="Boris Yeltsin")
    article = ArticleFactory(headline="Yeltsin remembered")
    event = EventFactory(title="Yeltsin resigns")
    article.people.add(person)
    event.people.add(person)
    event.articles.add(article)

    page = html.unescape(editor_client.get(reverse("admin:people_person_delete", args=[person.pk])).content.decode())
    assert "Article-person relationship: “Yeltsin remembered” mentions Boris Yeltsin" in page
    assert "Event-person relationship: “Yeltsin resigns” involves Boris Yeltsin" in page
    assert "_people object" not in page

    page = html.unescape(editor_client.get(reverse("admin:archive_article_delete", args=[article.pk])).content.decode())
    assert "Event-article relationship: “Yeltsin resigns” is covered by “Yeltsin remembered”" in page
    assert "_articles object" not in page
