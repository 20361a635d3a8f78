"""
Two people on one item (archive.conflicts): a save made from a version older than the stored
one is refused, says who changed the item and when, and writes nothing; opening the item again
and saving works. A citation row of an inline list is compared too when the form would save it.
"""

import re
import threading
import time

import pytest
from django.db import OperationalError, connection, transaction
from django.test import Client

from archive.models import Citation, Quote, SearchDocument
from archive.roles import EDITOR
from archive.search import indexing
from tests.admin_forms import admin_url, quote_data
from tests.factories import CitationFactory, PersonFactory, QuoteFactory, SuggestedQuoteFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_client(db):
    client = Client()
    client.force_login(UserFactory(username="second-editor", roles=[EDITOR]))
    return client


def opened(client, url):
    """The version of the item that the change form on ``url`` was opened on."""
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="opened_version"' in response.content.decode()
    return response.context["adminform"].form["opened_version"].value()


def citation_rows(quote, **changes):
    """The quote form's citation rows as the editor sends them back, with ``changes`` to the first."""
    data = {"citations-TOTAL_FORMS": "0", "citations-INITIAL_FORMS": "0"}
    for number, citation in enumerate(quote.citations.order_by("pk")):
        row = {
            "id": citation.pk,
            "quote": quote.pk,
            "article": citation.article_id,
            "passage": citation.passage,
            "start_offset": "",
            "end_offset": "",
            "opened_version": citation.updated_at.isoformat(),
            **(changes if number == 0 else {}),
        }
        data.update({f"citations-{number}-{name}": value for name, value in row.items()})
        data["citations-TOTAL_FORMS"] = data["citations-INITIAL_FORMS"] = str(number + 1)
    return data


TOLD_REPORTERS = "“We are doomed to cooperate,” he told reporters."


def citation_form(citation, opened_version, **changes):
    """A citation's own admin form as submitted, opened at ``opened_version``, with ``changes``."""
    data = {
        "quote": citation.quote_id,
        "article": citation.article_id,
        "passage": citation.passage,
        "start_offset": "",
        "end_offset": "",
        "opened_version": opened_version,
    }
    return {**data, **changes}


def test_a_save_from_a_version_someone_else_changed_is_refused_and_writes_nothing(editor_client, other_client):
    quote = QuoteFactory(text="The words as first recorded.")
    url = admin_url(Quote, "change", quote.pk)
    mine, theirs = opened(editor_client, url), opened(other_client, url)

    saved = other_client.post(url, quote_data(quote, text="Their correction.", opened_version=theirs))
    assert saved.status_code == 302
    refused = editor_client.post(url, quote_data(quote, text="My correction.", opened_version=mine))

    assert refused.status_code == 400
    html = refused.content.decode()
    assert re.search(
        r"This quote was changed by second-editor at \d{4}-\d\d-\d\d \d\d:\d\d UTC, after you opened it", html
    )
    assert "Nothing of yours was saved" in html
    quote.refresh_from_db()
    assert quote.text == "Their correction."
    assert quote.history.count() == 2  # created, then their change: mine left no trace


def test_opened_again_the_change_is_saved_on_top_of_the_other(editor_client, other_client):
    quote = QuoteFactory(text="The words as first recorded.", language="en")
    url = admin_url(Quote, "change", quote.pk)
    theirs = opened(other_client, url)
    other_client.post(url, quote_data(quote, text="Their correction.", opened_version=theirs))
    quote.refresh_from_db()

    response = editor_client.post(url, quote_data(quote, language="ru", opened_version=opened(editor_client, url)))

    assert response.status_code == 302
    quote.refresh_from_db()
    assert (quote.text, quote.language) == ("Their correction.", "ru")


def test_saving_twice_from_one_opening_is_refused_the_second_time(editor_client):
    quote = QuoteFactory()
    url = admin_url(Quote, "change", quote.pk)
    version = opened(editor_client, url)

    assert editor_client.post(url, quote_data(quote, text="First.", opened_version=version)).status_code == 302
    assert editor_client.post(url, quote_data(quote, text="Second.", opened_version=version)).status_code == 400
    quote.refresh_from_db()
    assert quote.text == "First."


def test_a_revert_is_compared_with_the_stored_version_not_the_old_one(editor_client):
    quote = QuoteFactory(text="The words as first recorded.")
    original = quote.history.get()
    quote.text = "A later correction."
    quote.save()
    revert_url = admin_url(Quote, "simple_history", quote.pk, original.history_id)

    version = opened(editor_client, revert_url)
    response = editor_client.post(revert_url, quote_data(original.instance, opened_version=version))

    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.text == "The words as first recorded."


@pytest.mark.parametrize("row", [{}, {"DELETE": "on"}], ids=["written back", "deleted"])
def test_a_citation_changed_elsewhere_is_neither_written_back_nor_deleted_unseen(editor_client, other_client, row):
    citation = CitationFactory(passage="“We are doomed to cooperate,” he said.")
    quote = citation.quote
    url = admin_url(Quote, "change", quote.pk)
    mine = opened(editor_client, url)
    rows = citation_rows(quote, **row)  # as the editor saw them, perhaps ticked for deletion

    citation_url = admin_url(Citation, "change", citation.pk)
    theirs = citation_form(citation, opened(other_client, citation_url), passage=TOLD_REPORTERS)
    assert other_client.post(citation_url, theirs).status_code == 302

    refused = editor_client.post(url, {**quote_data(quote, text="My correction.", opened_version=mine), **rows})

    assert refused.status_code == 400
    assert "This citation was changed by second-editor at" in refused.content.decode()
    citation.refresh_from_db()
    quote.refresh_from_db()
    assert citation.passage == TOLD_REPORTERS
    assert quote.text != "My correction."


@pytest.mark.parametrize("row", [{}, {"DELETE": "on"}], ids=["unchanged", "ticked for deletion"])
def test_a_citation_deleted_elsewhere_is_named_on_the_page_and_nothing_is_saved(editor_client, other_client, row):
    quote = CitationFactory().quote
    gone = CitationFactory(quote=quote)
    url = admin_url(Quote, "change", quote.pk)
    mine = opened(editor_client, url)
    rows = citation_rows(quote, **row)  # the first row ticked for deletion or not; the second is the one to go
    assert other_client.post(admin_url(Citation, "delete", gone.pk), {"post": "yes"}).status_code == 302

    refused = editor_client.post(url, {**quote_data(quote, text="My correction.", opened_version=mine), **rows})

    assert refused.status_code == 400
    assert "This citation was deleted by second-editor at" in refused.content.decode()
    quote.refresh_from_db()
    assert quote.text != "My correction."
    assert quote.citations.count() == 1


def test_reverting_to_a_version_of_a_deleted_item_says_it_was_deleted(editor_client, other_client):
    quote = QuoteFactory(text="Gone but not forgotten", status="draft", published_at=None)
    version = quote.history.get()
    url = admin_url(Quote, "simple_history", quote.pk, version.history_id)
    assert other_client.post(admin_url(Quote, "delete", quote.pk), {"post": "yes"}).status_code == 302

    mine = editor_client.get(url).context["adminform"].form["opened_version"].value()
    refused = editor_client.post(url, quote_data(quote, opened_version=mine))

    assert refused.status_code == 400
    page = refused.content.decode()
    assert "This quote was deleted by second-editor at" in page
    assert "after you opened it" not in page
    assert not Quote.objects.filter(pk=quote.pk).exists()


def test_a_citation_nobody_else_changed_is_deleted_as_before(editor_client):
    citation = CitationFactory()
    quote = citation.quote
    url = admin_url(Quote, "change", quote.pk)
    data = {**quote_data(quote, opened_version=opened(editor_client, url)), **citation_rows(quote, DELETE="on")}

    assert editor_client.post(url, data).status_code == 302
    assert not Citation.objects.filter(pk=citation.pk).exists()


def test_citation_rows_nobody_else_changed_save_as_before(editor_client):
    citation = CitationFactory(passage="“We are doomed to cooperate,” he said.")
    quote = citation.quote
    url = admin_url(Quote, "change", quote.pk)
    data = {**quote_data(quote, opened_version=opened(editor_client, url)), **citation_rows(quote, passage="Fixed.")}

    assert editor_client.post(url, data).status_code == 302
    citation.refresh_from_db()
    assert citation.passage == "Fixed."


def test_saving_a_quote_leaves_its_citations_alone_for_whoever_has_one_open(editor_client, other_client):
    citation = CitationFactory(passage="“We are doomed to cooperate,” he said.")
    quote = citation.quote
    citation_url = admin_url(Citation, "change", citation.pk)
    theirs = opened(other_client, citation_url)
    url = admin_url(Quote, "change", quote.pk)
    mine = quote_data(quote, text="My correction.", opened_version=opened(editor_client, url))

    assert editor_client.post(url, {**mine, **citation_rows(quote)}).status_code == 302
    saved = other_client.post(citation_url, citation_form(citation, theirs, passage=TOLD_REPORTERS))

    assert saved.status_code == 302
    citation.refresh_from_db()
    assert citation.passage == TOLD_REPORTERS
    assert [record.history_user.username for record in citation.history.order_by("history_date")[1:]] == [
        "second-editor"
    ]


QUEUE = "/admin/archive/suggestedquote/"


def queue_rows(client, speakers):
    """The review queue's page as ``client`` opened it, sent back with ``speakers`` ({quote: person})."""
    page = client.get(QUEUE).content.decode()
    rows = dict(re.findall(r'name="(form-\d+-(?:id|opened_version))" value="([^"]*)"', page))
    data = {"form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0", "_save": "Save", **rows}
    for key, value in list(rows.items()):
        if key.endswith("-id"):
            person = next((p for quote, p in speakers.items() if str(quote.pk) == value), None)
            data[key.replace("-id", "-speaker")] = person.pk if person else ""
    data["form-TOTAL_FORMS"] = data["form-INITIAL_FORMS"] = str(sum(key.endswith("-id") for key in rows))
    return data


def test_a_speaker_set_in_the_queue_by_someone_else_is_not_written_back_from_an_older_page(editor_client, other_client):
    first, second = SuggestedQuoteFactory(), SuggestedQuoteFactory()
    antonov, mcfaul = PersonFactory(name="Anatoly Antonov"), PersonFactory(name="Michael McFaul")
    mine = queue_rows(editor_client, {second: mcfaul})  # the page shows both quotes without a speaker
    other_client.post(QUEUE, queue_rows(other_client, {first: antonov}))
    first.refresh_from_db()
    assert first.speaker == antonov

    response = editor_client.post(QUEUE, mine)

    assert response.status_code == 400
    assert "This suggested quote was changed by second-editor" in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.speaker, second.speaker) == (antonov, None)

    # Opened again, the page shows their speaker and saves mine.
    assert editor_client.post(QUEUE, queue_rows(editor_client, {first: antonov, second: mcfaul})).status_code == 302
    second.refresh_from_db()
    assert second.speaker == mcfaul


# Two writes that collide in the database itself (archive.middleware.CollidedWrites)


def wait_for_a_blocked_transaction(cursor, timeout=10):
    """Until another connection waits for a lock this one holds (PostgreSQL)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        if cursor.fetchone()[0]:
            return
        time.sleep(0.02)
    raise AssertionError("No transaction came to wait for this one.")


@pytest.mark.django_db(transaction=True)
def test_a_save_that_deadlocks_with_another_write_says_it_was_not_saved(admin_client):
    """
    The editor's save locks the quote, then waits for its search document, which another
    transaction holds; that one then wants the quote. PostgreSQL breaks the deadlock by rolling
    back one of them (the save, here): the editor is told to send it again, not shown an error.
    (An administrator's login: the roles' groups do not outlive another test's flush.)
    """
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time.")
    quote = QuoteFactory(text="The words as first recorded.")
    url = admin_url(Quote, "change", quote.pk)
    version = opened(admin_client, url)
    holding = threading.Event()

    def other():
        with transaction.atomic(), connection.cursor() as cursor:
            SearchDocument.objects.filter(kind="quote", object_id=quote.pk).update(title="Held")
            holding.set()
            wait_for_a_blocked_transaction(cursor)
            Quote.objects.filter(pk=quote.pk).update(notes="Written by the other transaction.")
        connection.close()

    thread = threading.Thread(target=other)
    thread.start()
    holding.wait(5)
    try:
        response = admin_client.post(url, quote_data(quote, text="My correction.", opened_version=version))
    finally:
        thread.join()

    assert response.status_code == 503
    assert response["Retry-After"] == "1"
    assert "nothing of it was saved" in response.content.decode()
    quote.refresh_from_db()
    assert quote.text == "The words as first recorded."
    assert quote.notes == "Written by the other transaction."


class DeadlockDetected(Exception):
    """As psycopg raises it: with PostgreSQL's code for the error."""

    sqlstate = "40P01"


def deadlock():
    error = OperationalError("deadlock detected")
    error.__cause__ = DeadlockDetected()
    return error


@pytest.mark.parametrize(
    "error", [OperationalError("database is locked"), deadlock()], ids=["sqlite-busy", "postgresql-deadlock"]
)
def test_a_write_that_collides_gets_the_not_saved_page_and_writes_nothing(editor_client, monkeypatch, error):
    quote = QuoteFactory(text="The words as first recorded.")
    url = admin_url(Quote, "change", quote.pk)
    version = opened(editor_client, url)

    def collide(instance):
        raise error

    # The save's last write, to the search index, is the one that collides.
    monkeypatch.setattr(indexing, "object_changed", collide)
    response = editor_client.post(url, quote_data(quote, text="My correction.", opened_version=version))

    assert response.status_code == 503
    assert "Not saved: try again" in response.content.decode()
    quote.refresh_from_db()
    assert quote.text == "The words as first recorded."


def test_other_database_errors_are_still_server_errors(editor_client, monkeypatch):
    """Only a collision is the editor's to retry: a broken database is the operators' to hear of."""
    quote = QuoteFactory()
    url = admin_url(Quote, "change", quote.pk)
    version = opened(editor_client, url)

    def fail(instance):
        raise OperationalError("no such table: archive_searchdocument")

    monkeypatch.setattr(indexing, "object_changed", fail)
    with pytest.raises(OperationalError):
        editor_client.post(url, quote_data(quote, text="My correction.", opened_version=version))
