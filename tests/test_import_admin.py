"""The admin's Import article page: upload or paste, drafts in the review queue, bad input refused."""

import re
import tempfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.urls import reverse

from archive.models import Article, Outlet, Quote
from people.models import Person
from tests.factories import ArticleFactory, OutletFactory

pytestmark = pytest.mark.django_db

URL = reverse("admin:archive_article_import")
TEXT = (
    "Ambassador speaks at Stanford\n\n"
    "“We are ready to offer our assistance in negotiations with North Korea,” Anatoly Antonov said.\n"
)


def post(client, **data):
    fields = {"language": "en", "outlet": "", "url": "", "published": "", "author": "", "text": ""}
    fields.update(data)
    return client.post(URL, fields)


def test_the_article_list_links_the_import_page(admin_client):
    response = admin_client.get(reverse("admin:archive_article_changelist"))
    assert URL in response.content.decode()
    assert admin_client.get(URL).status_code == 200


def test_each_field_of_the_import_form_is_described_by_its_help_text(admin_client):
    page = admin_client.get(URL).content.decode()

    described = re.findall(r'aria-describedby="([^"]+)"', page)
    assert "id_text_helptext" in described
    for help_id in described:
        assert f'id="{help_id}"' in page


def test_pasted_text_becomes_a_draft_with_suggested_quotes(admin_client):
    response = post(admin_client, text=TEXT, outlet="Euromaidan Press", published="2017-12")

    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:archive_article_change", args=[article.pk])
    assert article.status == "draft"
    assert article.outlet.name == "Euromaidan Press"
    assert str(article.published) == "December 2017"
    quote = Quote.objects.suggestions().get()
    assert quote.speaker.name == "Anatoly Antonov"


def test_an_html_file_whose_canonical_link_cannot_be_stored_is_imported_without_it(admin_client):
    html = '<html><head><title>Talks in Geneva</title><link rel="canonical" href="https://example.org/'
    html += "b" * 600 + '"></head><body><article><h1>Talks in Geneva</h1>'
    html += "<p>“We are doomed to cooperate on various issues,” Anatoly Antonov said on Monday.</p>"
    html += "<p>The talks went on for several hours and ended without an agreement on anything.</p></article>"
    html += "</body></html>"
    upload = SimpleUploadedFile("geneva.html", html.encode(), content_type="text/html")

    response = admin_client.post(URL, {"file": upload, "language": "en"}, follow=True)

    assert response.status_code == 200
    assert "canonical link is not a URL the archive can store" in response.content.decode()
    assert Article.objects.get().url == ""


def test_an_uploaded_html_file_is_imported(admin_client):
    html = "<html><head><title>Talks in Geneva</title></head><body><article><h1>Talks in Geneva</h1>"
    html += "<p>“We are doomed to cooperate on various issues,” Anatoly Antonov said on Monday.</p>"
    html += "<p>The talks went on for several hours and ended without an agreement on anything.</p></article>"
    html += "</body></html>"
    upload = SimpleUploadedFile("geneva.html", html.encode(), content_type="text/html")

    response = admin_client.post(URL, {"file": upload, "language": "en"})

    assert response.status_code == 302
    article = Article.objects.get()
    assert article.headline == "Talks in Geneva"
    # Its history names the editor who imported it and the file it came from.
    first = article.history.earliest("history_date")
    assert (first.history_user.username, first.history_change_reason) == ("admin", "Imported from geneva.html")


def test_a_file_named_after_a_long_russian_headline_is_imported(admin_client):
    name = "Посол России в США Анатолий Антонов " * 8 + ".txt"  # 300 characters, 540 bytes in UTF-8
    upload = SimpleUploadedFile(name, TEXT.encode(), content_type="text/plain")

    response = admin_client.post(URL, {"file": upload, "language": "en"})

    assert response.status_code == 302
    article = Article.objects.get()
    assert "Imported from Посол России в США" in article.notes


def test_dry_run_shows_the_suggestions_and_writes_nothing(admin_client):
    response = post(admin_client, text=TEXT, dry_run="on")

    assert response.status_code == 200
    assert "nothing was written" in response.content.decode()
    assert "Anatoly Antonov" in response.content.decode()
    assert not Article.objects.exists()
    # The report names the pasted text as the form does, not a temporary file on the server.
    assert response.context["report"].as_text().startswith("pasted.txt: would import")
    assert tempfile.gettempdir() not in response.content.decode()


def test_a_dry_run_of_an_upload_names_the_uploaded_file(admin_client):
    upload = SimpleUploadedFile("antonov-interview.txt", TEXT.encode())
    response = post(admin_client, file=upload, dry_run="on")
    assert response.context["report"].as_text().startswith("antonov-interview.txt: would import")


def test_a_dry_run_of_an_upload_says_to_choose_the_file_again_to_import_it(admin_client):
    upload = SimpleUploadedFile("talks.txt", TEXT.encode(), content_type="text/plain")

    response = admin_client.post(URL, {"file": upload, "language": "en", "dry_run": "on"})

    assert response.status_code == 200
    assert "untick the dry run and choose the file again" in response.content.decode()
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("photo.png", b"\x89PNG\r\n"), "is not a .txt or .html file"),
        (SimpleUploadedFile("binary.txt", b"\x00\x01\x02" * 100), "looks like a binary file"),
        (SimpleUploadedFile("latin1.txt", "Caf\xe9 talks\n\nSome text.".encode("latin-1")), "is not UTF-8"),
        (SimpleUploadedFile("blank.txt", b"   \n  "), "empty"),
        (SimpleUploadedFile("late.txt", (TEXT + "More words here. " * 600 + "\x00 end").encode()), "NUL byte"),
    ],
    ids=["not-text", "binary", "not-utf8", "empty", "NUL past the first 8 KB"],
)
def test_bad_files_are_refused_with_a_message_and_write_nothing(admin_client, upload, message):
    response = admin_client.post(URL, {"file": upload, "language": "en"})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Article.objects.exists()


def test_pasted_text_over_the_limit_is_refused_with_a_message_and_writes_nothing(admin_client):
    text = "Talks in Geneva\n\n" + "Антонов сказал, что переговоры продолжатся. " * 70_000  # 5.4 MB

    response = post(admin_client, text=text)

    assert response.status_code == 400
    page = response.content.decode()
    assert "The pasted text is 5.4 MB; the limit is 5 MB." in page
    # One message, and the form comes back without the megabytes it was sent.
    assert "Upload a file or paste" not in page
    assert "переговоры" not in page
    assert len(page) < 100_000
    assert not Article.objects.exists()


def test_a_paste_of_megabytes_of_spaces_is_over_the_limit_too(admin_client):
    response = post(admin_client, text=" " * 5_600_000)

    assert response.status_code == 400
    page = response.content.decode()
    assert "The pasted text is 5.3 MB; the limit is 5 MB." in page
    assert len(page) < 100_000


def test_a_paste_too_big_to_read_is_refused_unread_with_a_message_and_writes_nothing(admin_client):
    response = post(admin_client, text="x" * (7 * 1024 * 1024))

    assert response.status_code == 413
    assert "more than 6 MB in its fields" in response.content.decode()
    assert not Article.objects.exists()


def test_an_upload_larger_than_any_form_takes_is_refused_before_it_is_read(admin_client, monkeypatch):
    def read(*args, **kwargs):
        raise AssertionError("the upload was read")

    monkeypatch.setattr(TemporaryFileUploadHandler, "new_file", read)
    monkeypatch.setattr(MemoryFileUploadHandler, "new_file", read)
    upload = SimpleUploadedFile("huge.txt", b"words " * (2 * 1024 * 1024))  # 12 MB

    response = admin_client.post(URL, {"file": upload, "language": "en"})

    assert response.status_code == 413
    assert "more than 6 MB in its fields" in response.content.decode()
    assert not Article.objects.exists()


def test_an_upload_at_the_limit_reaches_the_form(admin_client):
    upload = SimpleUploadedFile("long.txt", TEXT.encode() + b" More words here." * 320_000)  # 5.2 MB

    response = admin_client.post(URL, {"file": upload, "language": "en"})

    assert response.status_code == 400
    assert "the limit is 5 MB" in response.content.decode()


def test_a_url_already_in_the_archive_is_refused(admin_client):
    ArticleFactory(url="https://example.com/talks/")

    response = post(admin_client, text=TEXT, url="https://example.com/talks/")

    assert response.status_code == 400
    assert "already in the archive" in response.content.decode()
    assert Article.objects.count() == 1


def test_an_upload_sent_back_for_a_mistake_elsewhere_asks_for_the_file_again(admin_client):
    upload = SimpleUploadedFile("talks.txt", TEXT.encode(), content_type="text/plain")

    response = admin_client.post(URL, {"file": upload, "language": "en", "published": "2022-13"})

    assert response.status_code == 400
    assert "“2022-13” is not a real date." in response.content.decode()
    assert "choose “talks.txt” again" in response.content.decode()
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "Nothing was imported. Put the mistakes below right, then choose “talks.txt” again: "
        "the form comes back without the file."
    ]
    assert Article.objects.count() == 0


def test_a_paste_sent_back_for_a_mistake_is_kept_and_asks_for_nothing(admin_client):
    response = post(admin_client, text=TEXT, published="2022-13")

    assert response.status_code == 400
    assert TEXT.strip() in response.content.decode()
    assert list(get_messages(response.wsgi_request)) == []


def test_nothing_to_import_is_a_form_error(admin_client):
    response = post(admin_client)

    assert response.status_code == 400
    assert "Upload a file or paste" in response.content.decode()


def test_contributors_may_import_but_readers_may_not(contributor_client, client):
    assert post(contributor_client, text=TEXT).status_code == 302
    assert client.get(URL).status_code == 302  # to the login page


def test_a_user_who_may_add_articles_but_not_quotes_or_people_may_not_import(client):
    user = get_user_model().objects.create_user("articles-only", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["add_article", "view_article"]))
    client.force_login(user)

    assert "Import article" not in client.get(reverse("admin:archive_article_changelist")).content.decode()
    assert client.get(URL).status_code == 403
    assert post(client, text=TEXT, outlet="A New Outlet").status_code == 403
    assert not Article.objects.exists() and not Quote.objects.exists()
    assert not Person.objects.exists() and not Outlet.objects.exists()


def test_a_dry_run_names_the_outlet_and_says_when_it_is_new(admin_client):
    OutletFactory(name="Politico", slug="politico")

    report = post(admin_client, text=TEXT, outlet="politico", dry_run="on").context["report"].as_text()
    assert "\n  outlet: Politico\n" in report

    report = post(admin_client, text=TEXT, outlet="Politco", dry_run="on").context["report"].as_text()
    assert "\n  outlet: Politco (new: not in the archive, would be created)\n" in report
    assert not Outlet.objects.filter(name="Politco").exists()


def test_an_import_that_creates_an_outlet_says_so(admin_client):
    OutletFactory(name="Politico", slug="politico")

    response = post(admin_client, text=TEXT, outlet="Politico", url="https://example.org/b/")
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert Article.objects.get(url="https://example.org/b/").outlet.name == "Politico"
    assert not any("was not in the archive" in message for message in messages)

    response = post(admin_client, text=TEXT, outlet="Politco", url="https://example.org/a/")
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert Article.objects.get(url="https://example.org/a/").outlet.name == "Politco"
    assert any("The outlet “Politco” was not in the archive and has been created." in message for message in messages)
    assert Outlet.objects.count() == 2


def import_messages(client, **data):
    """The messages the import's redirect shows (reading them there uses them up)."""
    response = post(client, **data)
    assert response.status_code == 302
    return [str(message) for message in client.get(response["Location"]).context["messages"]]


def test_the_import_message_counts_new_suggestions_apart_from_quotes_already_in_the_archive(admin_client):
    [message] = import_messages(admin_client, text=TEXT, url="https://example.org/first/")
    assert message == "Imported a draft article with 1 suggested quote(s); review them under Suggested quotes."
    quote = Quote.objects.suggestions().get()
    quote.status = "published"
    quote.save()

    # The same words in another article: a new citation of that quote, and nothing for the queue.
    [message] = import_messages(admin_client, text=TEXT, url="https://example.org/second/")
    assert message == (
        "Imported a draft article; no new quotes to review. "
        "It cites 1 quote(s) already in the archive, which keep their status."
    )
    assert not Quote.objects.suggestions().exists()
    assert quote.citations.count() == 2
