"""
The review queue of quotes suggested by imports: what it lists, speakers set in bulk or
one at a time, accept / accept and publish / reject, from the list and from a quote's
page, and who may do which.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from archive import review
from archive.editorial import Status
from archive.models import Citation, Quote, SearchDocument, SuggestedQuote
from people.models import Person
from tests.admin_forms import action_choices, admin_url, inline, quote_data
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    PersonFactory,
    QuoteFactory,
    SuggestedQuoteFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

QUEUE = "/admin/archive/suggestedquote/"


def listed(response):
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def act(client, action, quotes, **extra):
    return client.post(QUEUE, {"action": action, "_selected_action": [q.pk for q in quotes], **extra}, follow=True)


def speakers_form(rows):
    """The queue's list_editable formset: {quote: speaker} as the changelist posts it."""
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": str(len(rows)), "_save": "Save"}
    for index, (quote, speaker) in enumerate(rows.items()):
        data[f"form-{index}-id"] = quote.pk
        data[f"form-{index}-speaker"] = speaker.pk if speaker else ""
    return data


def suggestion_page_data(quote, **changes):
    return quote_data(quote, **{**inline("citations"), **changes})


# What the queue lists


def test_the_queue_lists_only_pending_suggestions_newest_first(editor_client):
    older, newer = SuggestedQuoteFactory(), SuggestedQuoteFactory()
    QuoteFactory(draft=True)  # an editor's own draft
    QuoteFactory(suggestion_confidence=0.9)  # published already
    accepted = SuggestedQuoteFactory(suggestion_confidence=None, status=Status.REVIEW)
    assert [q.pk for q in listed(editor_client.get(QUEUE))] == [newer.pk, older.pk]
    assert accepted.pk not in [q.pk for q in Quote.objects.suggestions()]


def test_the_queue_shows_the_source_confidence_articles_and_the_passage(editor_client):
    quote = SuggestedQuoteFactory(text="doomed to cooperate", suggested_speaker_name="A. <Antonov>")
    citation = CitationFactory(
        quote=quote,
        article__headline="Nobody wants to <talk>",
        passage="The <b>envoy</b> said we are Doomed to\ncooperate, again.",
    )
    SuggestedQuoteFactory(suggested_speaker_name="", unnamed_source="a State Department spokesperson")
    html = editor_client.get(QUEUE).content.decode()
    assert "read as “A. &lt;Antonov&gt;”" in html
    assert "a State Department spokesperson" in html
    assert "80%" in html
    assert "Nobody wants to &lt;talk&gt;" in html
    assert reverse("admin:archive_article_change", args=[citation.article_id]) in html
    assert "The &lt;b&gt;envoy&lt;/b&gt; said we are <mark>Doomed to\ncooperate</mark>, again." in html
    assert "<b>envoy" not in html


def test_an_empty_queue_says_so(editor_client):
    QuoteFactory(draft=True)
    html = editor_client.get(QUEUE).content.decode()
    assert "The review queue is empty" in html


def test_the_queue_takes_the_same_number_of_queries_as_it_grows(editor_client, django_assert_max_num_queries):
    for _ in range(3):
        CitationFactory(quote=SuggestedQuoteFactory())
    with django_assert_max_num_queries(30) as small:
        editor_client.get(QUEUE)
    for _ in range(20):
        CitationFactory(quote=SuggestedQuoteFactory(speaker=PersonFactory(), suggested_speaker_name=""))
    with django_assert_max_num_queries(len(small.captured_queries)):
        editor_client.get(QUEUE)


def test_suggestions_are_not_added_in_the_queue(editor_client):
    assert editor_client.get(admin_url(SuggestedQuote, "add")).status_code == 403


# Speakers, in bulk and one at a time


def test_speakers_are_set_in_the_list_many_at_once(contributor_client):
    antonov, mcfaul = PersonFactory(name="Anatoly Antonov"), PersonFactory(name="Michael McFaul")
    first = SuggestedQuoteFactory()
    second = SuggestedQuoteFactory(suggested_speaker_name="", unnamed_source="an American diplomat")
    page = contributor_client.get(QUEUE)
    assert "admin-autocomplete" in page.content.decode()  # the speaker column is an autocomplete

    response = contributor_client.post(QUEUE, speakers_form({first: antonov, second: mcfaul}))
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.speaker, second.speaker) == (antonov, mcfaul)
    assert second.unnamed_source == ""  # a named speaker replaces the unnamed source
    assert (first.status, first.suggestion_confidence) == (Status.DRAFT, 0.8)  # still waiting for a decision
    assert first.history.latest().history_user.username == "contributor-user"
    assert SearchDocument.objects.get(kind="quote", object_id=first.pk).subtitle == "Anatoly Antonov"
    html = contributor_client.get(QUEUE).content.decode()
    assert f'<option value="{antonov.pk}" selected>Anatoly Antonov</option>' in html


@pytest.mark.parametrize("meanwhile", ["accepted", "rejected"])
def test_speakers_set_on_a_page_whose_rows_someone_else_decided_meanwhile_save_nothing_and_say_so(
    contributor_client, editor_client, meanwhile
):
    antonov, mcfaul = PersonFactory(name="Anatoly Antonov"), PersonFactory(name="Michael McFaul")
    first, second = SuggestedQuoteFactory(), SuggestedQuoteFactory()
    act(editor_client, "accept" if meanwhile == "accepted" else "reject", [first])

    response = contributor_client.post(QUEUE, speakers_form({first: antonov, second: mcfaul}), follow=True)

    assert response.status_code == 200
    assert "Nothing was saved: 1 row(s) of the page left this list meanwhile" in response.content.decode()
    assert listed(response) == [second]
    second.refresh_from_db()
    assert second.speaker is None
    assert not Quote.objects.filter(speaker=antonov).exists()


def test_the_speaker_autocomplete_answers_for_the_queue(contributor_client):
    PersonFactory(name="Anatoly Antonov")
    response = contributor_client.get(
        reverse("admin:autocomplete"),
        {"term": "Antonov", "app_label": "archive", "model_name": "suggestedquote", "field_name": "speaker"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Anatoly Antonov"]


def test_the_speaker_is_set_on_a_suggestion_page(editor_client):
    antonov = PersonFactory()
    quote = SuggestedQuoteFactory()
    url = admin_url(SuggestedQuote, "change", quote.pk)
    page = editor_client.get(url)
    assert page.status_code == 200
    assert "suggestion_confidence" not in page.context["adminform"].form.fields  # shown, read-only
    assert "Anatoly Antonov" in page.content.decode()  # the name the import read
    response = editor_client.post(url, suggestion_page_data(quote, speaker=antonov.pk))
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.speaker == antonov
    assert quote.suggestion_confidence == 0.8


# Accepting


def test_accept_sends_suggestions_to_review(contributor_client):
    quotes = SuggestedQuoteFactory.create_batch(2)
    response = act(contributor_client, "accept", quotes)
    assert "Accepted 2 quote(s) for review." in response.content.decode()
    for quote in quotes:
        quote.refresh_from_db()
        assert (quote.status, quote.suggestion_confidence) == (Status.REVIEW, None)
        assert quote.history.latest().history_user.username == "contributor-user"
    assert listed(contributor_client.get(QUEUE)) == []


def test_accept_and_publish(editor_client, client):
    antonov = PersonFactory(name="Anatoly Antonov")
    named = SuggestedQuoteFactory(speaker=antonov, suggested_speaker_name="", text="We are doomed to cooperate.")
    nobody = SuggestedQuoteFactory()  # no speaker yet: cannot be published
    response = act(editor_client, "accept_and_publish", [named, nobody])
    assert "published 1" in response.content.decode()
    named.refresh_from_db()
    nobody.refresh_from_db()
    assert named.is_public and named.suggestion_confidence is None
    assert (nobody.status, nobody.suggestion_confidence) == (Status.REVIEW, None)
    assert client.get(named.get_absolute_url()).status_code == 200
    hits = client.get(reverse("search"), {"q": "doomed"}).context["hits"]
    assert [hit.url for hit in hits] == [named.get_absolute_url()]


def test_accept_and_publish_holds_a_quote_whose_speaker_is_a_draft(editor_client, client):
    newcomer = PersonFactory(name="Zebulon Quarterfield", draft=True)  # as an import makes them
    quote = SuggestedQuoteFactory(speaker=newcomer, suggested_speaker_name="", text="We will not accept this.")
    nobody = SuggestedQuoteFactory()

    response = act(editor_client, "accept_and_publish", [quote, nobody])

    message = response.content.decode()
    assert "published 0" in message and "2 went to review instead" in message
    assert "Zebulon Quarterfield&#x27;s profile is not published" in message
    quote.refresh_from_db()
    assert (quote.status, quote.suggestion_confidence) == (Status.REVIEW, None)
    assert "Zebulon" not in client.get(reverse("quotes:list")).content.decode()


def test_a_held_quote_keeps_no_publish_time_and_is_published_once_its_speaker_is(editor_client, monkeypatch):
    newcomer = PersonFactory(draft=True)
    quote = SuggestedQuoteFactory(speaker=newcomer)
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    monkeypatch.setattr(review, "timezone", SimpleNamespace(now=lambda: an_hour_ago))
    act(editor_client, "accept_and_publish", [quote])  # an hour ago: held, the speaker is a draft
    monkeypatch.undo()
    quote.refresh_from_db()
    assert (quote.status, quote.published_at) == (Status.REVIEW, None)

    # As the message says: publish the person, then the quote.
    editor_client.post(admin_url(Person, "changelist"), {"action": "publish", "_selected_action": [newcomer.pk]})
    response = editor_client.post(
        admin_url(Quote, "changelist"), {"action": "publish", "_selected_action": [quote.pk]}, follow=True
    )

    assert "Published 1 item." in response.content.decode()
    assert "Not published" not in response.content.decode()
    quote.refresh_from_db()
    assert quote.is_public


def test_accept_on_a_suggestion_page(contributor_client):
    antonov = PersonFactory()
    quote = SuggestedQuoteFactory()
    url = admin_url(SuggestedQuote, "change", quote.pk)
    response = contributor_client.post(url, suggestion_page_data(quote, speaker=antonov.pk, _accept="1"))
    assert response.status_code == 302 and response["Location"] == QUEUE
    quote.refresh_from_db()
    assert (quote.speaker, quote.status, quote.suggestion_confidence) == (antonov, Status.REVIEW, None)


def test_accept_and_publish_on_a_suggestion_page(editor_client):
    antonov = PersonFactory()
    quote = SuggestedQuoteFactory()
    url = admin_url(SuggestedQuote, "change", quote.pk)
    page = editor_client.get(url).content.decode()
    assert 'name="_accept"' in page and 'name="_accept_publish"' in page and 'name="_reject"' in page
    editor_client.post(url, suggestion_page_data(quote, speaker=antonov.pk, _accept_publish="1"))
    quote.refresh_from_db()
    assert quote.is_public and quote.speaker == antonov


def test_an_invalid_page_decides_nothing(editor_client):
    quote = SuggestedQuoteFactory()
    url = admin_url(SuggestedQuote, "change", quote.pk)
    response = editor_client.post(url, suggestion_page_data(quote, said="2022-02-30", _accept="1"))
    assert response.status_code == 400
    quote.refresh_from_db()
    assert (quote.status, quote.suggestion_confidence) == (Status.DRAFT, 0.8)


# Rejecting


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_suggestion_someone_decided_meanwhile_opens_as_the_quote_and_saves_nothing(
    editor_client, contributor_client, method
):
    quote = SuggestedQuoteFactory(text="We will not accept this.")
    CitationFactory.create_batch(2, quote=quote)  # rejected, it stays: another article cites it too
    url = admin_url(SuggestedQuote, "change", quote.pk)
    act(editor_client, "reject", [quote])

    if method == "get":
        response = contributor_client.get(url, follow=True)
    else:
        response = contributor_client.post(url, suggestion_page_data(quote, text="Changed", _accept="1"), follow=True)

    assert response.redirect_chain == [(admin_url(Quote, "change", quote.pk), 302)]
    page = response.content.decode()
    assert "“We will not accept this.” is no longer in the review queue" in page
    assert ("Nothing of yours was saved." in page) == (method == "post")
    assert "Perhaps it was deleted" not in page
    quote.refresh_from_db()
    assert (quote.text, quote.status, quote.suggestion_confidence) == ("We will not accept this.", Status.DRAFT, None)


def test_reject_deletes_suggestions_and_their_citations(editor_client):
    quotes = [CitationFactory(quote=SuggestedQuoteFactory()).quote for _ in range(2)]
    response = act(editor_client, "reject", quotes)
    assert "Rejected 2 suggested quote(s)." in response.content.decode()
    assert not Quote.objects.exists() and not Citation.objects.exists()
    assert not SearchDocument.objects.filter(kind="quote").exists()


def test_reject_keeps_a_quote_other_articles_cite(editor_client):
    quote = SuggestedQuoteFactory()
    imported = CitationFactory(quote=quote, article=ArticleFactory(headline="The imported article"))
    other = CitationFactory(quote=quote, article=ArticleFactory(headline="Another article"))
    response = act(editor_client, "reject", [quote])
    assert "1 also cited by other articles: kept" in response.content.decode()
    quote.refresh_from_db()
    assert list(quote.citations.all()) == [other]
    assert not Citation.objects.filter(pk=imported.pk).exists()
    assert quote.status == Status.DRAFT  # keeps its status
    assert quote.suggestion_confidence is None  # and leaves the queue
    assert listed(editor_client.get(QUEUE)) == []


def test_reject_on_a_suggestion_page(editor_client):
    quote = CitationFactory(quote=SuggestedQuoteFactory()).quote
    url = admin_url(SuggestedQuote, "change", quote.pk)
    response = editor_client.post(url, suggestion_page_data(quote, _reject="1"))
    assert response.status_code == 302 and response["Location"] == QUEUE
    assert not Quote.objects.exists()


def test_the_queue_has_no_plain_delete(editor_client):
    quote = SuggestedQuoteFactory()
    assert "delete_selected" not in action_choices(editor_client.get(QUEUE))
    editor_client.post(QUEUE, {"action": "delete_selected", "_selected_action": [quote.pk], "post": "yes"})
    assert Quote.objects.filter(pk=quote.pk).exists()


# Who may do what


def test_contributors_may_accept_but_not_publish_or_reject(contributor_client):
    quote = SuggestedQuoteFactory(speaker=PersonFactory(), suggested_speaker_name="")
    assert action_choices(contributor_client.get(QUEUE)) == {"accept"}
    act(contributor_client, "accept_and_publish", [quote])
    act(contributor_client, "reject", [quote])
    quote.refresh_from_db()
    assert (quote.status, quote.suggestion_confidence) == (Status.DRAFT, 0.8)

    url = admin_url(SuggestedQuote, "change", quote.pk)
    page = contributor_client.get(url).content.decode()
    assert 'name="_accept"' in page
    assert 'name="_accept_publish"' not in page and 'name="_reject"' not in page
    for crafted in ("_accept_publish", "_reject"):
        data = suggestion_page_data(quote, text="Changed", **{crafted: "1"})
        assert contributor_client.post(url, data).status_code == 403
    quote.refresh_from_db()
    assert (quote.text, quote.status, quote.suggestion_confidence) == (quote.text, Status.DRAFT, 0.8)
    assert quote.text != "Changed"  # refused before anything was saved


def test_editors_may_do_everything(editor_client):
    SuggestedQuoteFactory()
    assert action_choices(editor_client.get(QUEUE)) == {"accept", "accept_and_publish", "reject"}


def test_anonymous_users_get_nothing(client):
    quote = SuggestedQuoteFactory()
    response = client.get(QUEUE)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.post(QUEUE, {"action": "reject", "_selected_action": [quote.pk]})
    assert Quote.objects.filter(pk=quote.pk).exists()


def test_staff_without_quote_permissions_do_not_see_the_queue(client):
    client.force_login(UserFactory())
    assert client.get(QUEUE).status_code == 403


def test_a_suggestions_history_is_its_quotes(editor_client):
    quote = SuggestedQuoteFactory()
    version = quote.history.get()
    response = editor_client.get(admin_url(SuggestedQuote, "history", quote.pk))
    assert response["Location"] == admin_url(Quote, "history", quote.pk)
    assert editor_client.get(response["Location"]).status_code == 200
    response = editor_client.get(admin_url(SuggestedQuote, "simple_history", quote.pk, version.history_id))
    assert response["Location"] == admin_url(Quote, "simple_history", quote.pk, version.history_id)


def test_a_search_with_no_match_is_not_an_empty_queue(editor_client):
    SuggestedQuoteFactory(text="We are doomed to cooperate.")
    response = editor_client.get(QUEUE, {"q": "zebra"})
    assert listed(response) == []
    assert "The review queue is empty" not in response.content.decode()
