"""``manage.py import_article`` end to end: drafts written, JSON report, --dry-run, and bad input refused."""

import datetime
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from archive.dates import Precision
from archive.editorial import Status
from archive.importing import service
from archive.importing.sources import MAX_BYTES
from archive.models import Article, Citation, Outlet, Quote
from people.models import Person
from tests.factories import ArticleFactory, OutletFactory, PersonAliasFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db

ARTICLE = """\
Envoy Says Nobody in Washington Will Meet Him
Photo: Jane Smith/Getty Images

Russia’s ambassador to the United States, Anatoly Antonov, says White House officials will not meet him.

“We are doomed to cooperate on various issues,” Antonov said. “It is impossible to imagine otherwise.”

Michael McFaul, a former ambassador, disagreed. “You only know where your disagreements are if you \
interact,” McFaul said.

“We have nothing further to add on the matter,” a State Department spokesperson said.

Translated by: Olena Kovalenko
Copyright © 2024 Example Press
"""

PAGE = """<!doctype html><html><head><title>Envoy isolated in Washington | The Daily</title>
<meta property="og:title" content="Envoy isolated in Washington">
<link rel="canonical" href="https://example.org/2022/04/envoy/"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Envoy isolated in Washington</h1>
<p>Anatoly Antonov, Russia's ambassador to the United States, spoke to reporters on Monday about his isolation.</p>
<p>“Nobody in this town wants to talk to me any more,” Antonov said.</p></article>
<footer>Copyright © 2024 The Daily. All rights reserved.</footer></body></html>"""

ENTRY_KEYS = {"file", "article", "quotes", "people"}
ARTICLE_KEYS = {"id", "headline", "slug"}
QUOTE_KEYS = {"text", "speaker", "unnamed_source", "confidence", "existing_quote_id"}
PERSON_KEYS = {"name", "person_id", "new"}


@pytest.fixture
def article_file(tmp_path):
    path = tmp_path / "envoy.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(*args):
    """call_command with captured output: (stdout, stderr, the CommandError raised or None)."""
    out, err = StringIO(), StringIO()
    error = None
    try:
        call_command("import_article", *map(str, args), stdout=out, stderr=err)
    except CommandError as raised:
        error = raised
    return out.getvalue(), err.getvalue(), error


def run_json(*args):
    out, err, error = run(*args, "--json")
    assert error is None, err
    return json.loads(out)


def counts():
    return {model.__name__: model.objects.count() for model in (Article, Outlet, Person, Quote, Citation)}


def assert_shape(entry):
    assert set(entry) == ENTRY_KEYS
    assert set(entry["article"]) == ARTICLE_KEYS
    assert all(set(quote) == QUOTE_KEYS for quote in entry["quotes"])
    assert all(set(person) == PERSON_KEYS for person in entry["people"])
    assert all(0 <= quote["confidence"] <= 1 for quote in entry["quotes"])


# --- a good file --------------------------------------------------------------------------------------


def test_import_writes_a_draft_article_with_people_quotes_and_citations(article_file):
    [entry] = run_json(
        article_file, "--outlet", "Example Press", "--url", "https://example.org/envoy/", "--published", "2022-04"
    )

    assert_shape(entry)
    article = Article.objects.get()
    assert entry["file"] == str(article_file)
    assert entry["article"] == {"id": article.pk, "headline": article.headline, "slug": article.slug}
    assert article.headline == "Envoy Says Nobody in Washington Will Meet Him"
    assert article.status == Status.DRAFT
    assert article.outlet.name == "Example Press"
    assert article.url == "https://example.org/envoy/"
    assert (article.published_on, article.published_on_precision) == (datetime.date(2022, 4, 1), Precision.MONTH)
    assert article.translator == "Olena Kovalenko"
    assert "Copyright" not in article.body and "Getty" not in article.body

    assert [(quote["speaker"], quote["unnamed_source"]) for quote in entry["quotes"]] == [
        ("Anatoly Antonov", None),
        ("Michael McFaul", None),
        (None, "a State Department spokesperson"),
    ]
    assert entry["quotes"][0]["text"] == (
        "We are doomed to cooperate on various issues. It is impossible to imagine otherwise."
    )
    assert [(person["name"], person["new"]) for person in entry["people"]] == [
        ("Anatoly Antonov", True),
        ("Michael McFaul", True),
    ]

    people = Person.objects.order_by("name")
    assert [(person.name, person.status) for person in people] == [
        ("Anatoly Antonov", Status.DRAFT),
        ("Michael McFaul", Status.DRAFT),
    ]
    assert set(article.people.all()) == set(people)
    assert {person["person_id"] for person in entry["people"]} == {person.pk for person in people}

    quotes = Quote.objects.order_by("id")
    assert [quote.status for quote in quotes] == [Status.DRAFT] * 3
    assert quotes[0].speaker.name == "Anatoly Antonov"
    assert quotes[2].speaker is None and quotes[2].unnamed_source == "a State Department spokesperson"
    for citation in Citation.objects.filter(article=article):
        assert article.body[citation.start_offset : citation.end_offset] == citation.passage
        assert citation.quote.text.split(".")[0].split("“")[-1][:20] in citation.passage


def test_existing_people_and_aliases_are_matched_not_duplicated(article_file):
    antonov = PersonFactory(name="Anatoliy Antonov", slug="antonov")
    PersonAliasFactory(person=antonov, name="Anatoly Antonov")

    [entry] = run_json(article_file)

    assert entry["people"][0] == {"name": "Anatoliy Antonov", "person_id": antonov.pk, "new": False}
    assert Person.objects.filter(slug__startswith="anatol").count() == 0
    assert Quote.objects.filter(speaker=antonov).count() == 1


def test_words_already_in_the_archive_become_a_new_citation_of_that_quote(article_file):
    existing = QuoteFactory(text="We are doomed to cooperate on various issues. It’s impossible to imagine otherwise.")
    before = Quote.objects.count()

    [entry] = run_json(article_file)

    assert entry["quotes"][0]["existing_quote_id"] == existing.pk
    assert Quote.objects.count() == before + 2  # McFaul and the spokesperson; Antonov's words are not copied
    assert existing.citations.filter(article_id=entry["article"]["id"]).exists()


def test_outlet_is_matched_by_slug(article_file):
    outlet = OutletFactory(name="Raw Story", slug="raw-story")

    run_json(article_file, "--outlet", "raw-story")

    assert Article.objects.get().outlet == outlet
    assert Outlet.objects.count() == 1


def test_summary_without_json_reads_well(article_file):
    out, _err, error = run(article_file)

    assert error is None
    assert "draft article" in out
    assert "Anatoly Antonov: “We are doomed" in out
    assert "unnamed source: a State Department spokesperson" in out
    assert "Imported 1 of 1 file(s)." in out


def test_html_input_takes_title_text_and_canonical_url(tmp_path):
    page = tmp_path / "envoy.html"
    page.write_text(PAGE, encoding="utf-8")

    [entry] = run_json(page)

    article = Article.objects.get()
    assert article.headline == "Envoy isolated in Washington"
    assert article.url == "https://example.org/2022/04/envoy/"
    assert "Home" not in article.body and "Copyright" not in article.body
    assert [(quote["text"], quote["speaker"]) for quote in entry["quotes"]] == [
        ("Nobody in this town wants to talk to me any more.", "Anatoly Antonov")
    ]


# --- --dry-run ----------------------------------------------------------------------------------------------


def test_a_canonical_link_the_archive_cannot_store_is_left_out_with_a_warning(tmp_path):
    path = tmp_path / "long.html"
    path.write_text(PAGE.replace("https://example.org/2022/04/envoy/", "https://example.org/" + "b" * 600))

    out, err, error = run(path, "--json")

    assert error is None
    assert f"{path}: warning: the file's canonical link is not a URL the archive can store" in err
    assert json.loads(out)[0]["article"]["id"] == Article.objects.get().pk
    assert Article.objects.get().url == ""


def test_dry_run_writes_nothing_and_reports_null_ids(article_file):
    PersonFactory(name="Anatoly Antonov", slug="anatoly-antonov")
    QuoteFactory(text="We are doomed to cooperate on various issues. It is impossible to imagine otherwise.")
    before = counts()

    [entry] = run_json(article_file, "--outlet", "Brand New Outlet", "--dry-run")

    assert counts() == before
    assert_shape(entry)
    assert entry["article"]["id"] is None
    assert entry["article"]["headline"] == "Envoy Says Nobody in Washington Will Meet Him"
    assert all(quote["existing_quote_id"] is None for quote in entry["quotes"])
    assert all(person["person_id"] is None for person in entry["people"])
    assert [(person["name"], person["new"]) for person in entry["people"]] == [
        ("Anatoly Antonov", False),
        ("Michael McFaul", True),
    ]
    assert len(entry["quotes"]) == 3


# --- bad input ------------------------------------------------------------------------------------------------


def write_bytes(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


BAD_FILES = {
    "missing": (lambda tmp: tmp / "missing.txt", "no such file"),
    "empty": (lambda tmp: write_bytes(tmp, "empty.txt", b""), "empty"),
    "blank": (lambda tmp: write_bytes(tmp, "blank.txt", b" \n\n \t\n"), "empty"),
    "binary": (lambda tmp: write_bytes(tmp, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20), "binary"),
    "latin-1": (lambda tmp: write_bytes(tmp, "latin.txt", "Déclaration du ministère".encode("latin-1")), "UTF-8"),
    "too large": (lambda tmp: write_bytes(tmp, "huge.txt", b"word " * (MAX_BYTES // 5 + 1)), "5 MB"),
    "folder": (lambda tmp: tmp, "not a file"),
    "NUL past the first 8 KB": (
        lambda tmp: write_bytes(tmp, "late.txt", (ARTICLE + "More words here. " * 600 + "\x00 end").encode()),
        "NUL byte at byte",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_files_are_refused_with_a_message_naming_them(tmp_path, case):
    make, message = BAD_FILES[case]
    path = make(tmp_path)
    before = counts()

    out, err, error = run(path, "--outlet", "New Outlet")

    assert error is not None
    assert str(path) in err and message in err
    assert counts() == before


def test_url_already_in_the_archive_is_refused(article_file):
    ArticleFactory(url="https://example.org/envoy/", headline="The first report")
    before = counts()

    _out, err, error = run(article_file, "--url", "https://example.org/envoy/", "--outlet", "New Outlet")

    assert error is not None
    assert str(article_file) in err and "already in the archive" in err and "The first report" in err
    assert counts() == before


def test_one_bad_file_does_not_stop_the_good_one(article_file, tmp_path):
    missing = tmp_path / "missing.txt"

    out, err, error = run(missing, article_file, "--json")

    assert error is not None and "1 of 2" in str(error)
    assert str(missing) in err
    [entry] = json.loads(out)
    assert entry["file"] == str(article_file)
    assert Article.objects.get().pk == entry["article"]["id"]


def test_a_failure_while_writing_leaves_nothing_of_that_file(article_file, monkeypatch):
    def fail(*args, **kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(service.Citation, "save", fail)
    before = counts()

    _out, err, error = run(article_file)

    assert error is not None and "could not be saved" in err
    assert counts() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--published", "April 2022"), "--published"),
        (("--published", "2022-02-30"), "not a real date"),
        (("--language", "English!"), "--language"),
        (("--language", "en-aaaaaaaa-bbbbbbbb-cc"), "at most 20 characters"),
        (("--url", "https://example.com/" + "a" * 600), "at most 500 characters"),
        (("--url", "not a web address"), "Enter a valid URL"),
        (("--outlet", "O" * 300), "at most 200 characters"),
        (("--author", "A\x00B"), "Null characters are not allowed"),
    ],
)
def test_bad_options_are_refused_before_anything_is_read(article_file, args, message):
    _out, _err, error = run(article_file, *args)

    assert error is not None and message in str(error)
    assert Article.objects.count() == 0


def test_url_with_several_files_is_refused(article_file, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text(ARTICLE, encoding="utf-8")

    _out, _err, error = run(article_file, other, "--url", "https://example.org/envoy/")

    assert error is not None and "--url" in str(error)
    assert Article.objects.count() == 0


def test_exit_status_is_not_zero_from_the_command_line(tmp_path):
    missing = tmp_path / "missing.txt"
    # A database of its own: the command must not touch the developer's (nor the test run's).
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "import_article", str(missing)],
        cwd=Path(settings.BASE_DIR),
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 1
    assert f"{missing}: no such file" in result.stderr


def test_imported_quotes_wait_in_the_review_queue(tmp_path):
    from archive.models import Quote

    source = tmp_path / "talk.txt"
    source.write_text(
        "Ambassador speaks at Stanford\n\n"
        "“We are ready to offer our assistance in negotiations with North Korea,” Anatoly Antonov said.\n"
        "“The chairs, the lamps, they are ours, after all,” said a consular official named Ivan Petrovich Sidorov.\n",
        encoding="utf-8",
    )
    call_command("import_article", str(source), stdout=StringIO())

    queue = Quote.objects.suggestions()
    assert queue.count() == 2
    assert all(quote.status == "draft" and 0 < quote.suggestion_confidence <= 1 for quote in queue)


def test_what_an_import_writes_says_in_its_history_where_it_came_from(article_file):
    """From the command line no editor made the drafts: their history names the file instead."""
    run_json(article_file, "--outlet", "Example Press")

    created = [*Article.objects.all(), *Outlet.objects.all(), *Person.objects.all(), *Quote.objects.all()]
    created += list(Citation.objects.all())
    assert len(created) == 1 + 1 + 2 + 3 + 3
    for obj in created:
        first = obj.history.earliest("history_date")
        assert (first.history_type, first.history_change_reason, first.history_user) == (
            "+",
            "Imported from envoy.txt",
            None,
        ), obj
