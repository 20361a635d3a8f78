"""generate_synthetic: a small synthetic archive, right in size and shape, consistent, and searchable."""

import importlib
import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command, load_command_class
from django.db import connection
from django.db.models import Count, F
from taggit.models import Tag, TaggedItem

from archive.bulk import Lanes, Step
from archive.editorial import Status
from archive.models import Article, Citation, Event, Outlet, Quote, SearchDocument, TagUsage
from archive.search import documents, indexing
from archive.search.backends import kind_counts, search
from archive.search.query import parse
from archive.synthetic import SYNTHETIC_NOTE
from people.models import Person, PersonAlias, Role, default_sort_name
from tests.factories import PersonFactory, QuoteFactory

# The load writes through its own connection on PostgreSQL: committed transactions, not a test's rollback.
pytestmark = pytest.mark.django_db(transaction=True)

SIZES = {"quotes": 600, "articles": 80, "people": 30, "events": 20}


def generate(seed=7, batch=250, **options):
    output = io.StringIO()
    call_command("generate_synthetic", seed=seed, batch=batch, stdout=output, **SIZES, **options)
    return output.getvalue()


def call_command_line(name, *args):
    """As ``manage.py name args`` runs it: a bad argument exits, as call_command() would not."""
    load_command_class("archive", name).run_from_argv(["manage.py", name, *args])


def snapshot():
    """The quotes' content, independent of the ids they were given."""
    return [
        (
            quote.text,
            quote.said_on,
            quote.said_on_precision,
            quote.status,
            quote.speaker.name if quote.speaker else quote.unnamed_source,
            quote.event.title if quote.event else "",
            sorted(citation.article.headline for citation in quote.citations.all()),
            sorted(tag.name for tag in quote.tags.all()),
        )
        for quote in Quote.objects.select_related("speaker", "event")
        .prefetch_related("citations__article", "tags")
        .order_by("pk")
    ]


def test_writes_the_sizes_asked_for_with_citations_aliases_and_tags():
    output = generate()
    assert Quote.objects.count() == 600
    assert Article.objects.count() == 80
    assert Person.objects.count() == 30
    assert Event.objects.count() == 20
    per_quote = Citation.objects.values("quote").annotate(n=Count("id")).values_list("n", flat=True)
    assert len(per_quote) == 600 and min(per_quote) >= 1 and max(per_quote) <= 4
    per_person = Person.objects.annotate(n=Count("aliases")).values_list("n", flat=True)
    assert min(per_person) >= 1 and max(per_person) <= 3
    assert Quote.objects.filter(tags__isnull=False).exists()
    assert set(Quote.objects.values_list("said_on_precision", flat=True)) == {"day", "month", "year"}
    assert Quote.objects.filter(said_on=None).exists()
    assert Quote.objects.exclude(event=None).exists()
    assert Quote.objects.filter(speaker=None).exclude(unnamed_source="").exists()
    assert PersonAlias.objects.filter(language="ru").exists()
    assert all(alias.sort_name == default_sort_name(alias.name) for alias in PersonAlias.objects.all())
    assert "quotes/s overall" in output


def test_every_reference_points_at_a_row():
    """The load writes with foreign key checks off: every id it gave must lead somewhere."""
    generate()

    def dangling(model, field, target):
        rows = model.objects.exclude(**{f"{field}__isnull": True})
        return rows.exclude(**{f"{field}__in": target.objects.values("pk")}).count()

    assert dangling(Quote, "speaker", Person) == 0
    assert dangling(Quote, "event", Event) == 0
    assert dangling(Citation, "quote", Quote) == 0
    assert dangling(Citation, "article", Article) == 0
    assert dangling(Article, "outlet", Outlet) == 0
    assert dangling(TaggedItem, "tag", Tag) == 0
    assert dangling(Role, "person", Person) == 0
    assert dangling(PersonAlias, "person", Person) == 0
    for through, fields in (
        (Article.people.through, {"article": Article, "person": Person}),
        (Event.people.through, {"event": Event, "person": Person}),
        (Event.articles.through, {"event": Event, "article": Article}),
    ):
        assert through.objects.exists()
        for field, target in fields.items():
            assert dangling(through, field, target) == 0
    for model in (Article, Event, Quote):
        items = TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(model))
        assert items.exists()
        assert not items.exclude(object_id__in=model.objects.values("pk")).exists()


def test_the_same_seed_gives_the_same_archive_whatever_the_batch():
    generate(seed=11)
    first = snapshot()
    generate(seed=11, batch=37, force=True)  # again, next to the first: the content repeats, under new ids
    second = snapshot()[len(first) :]
    assert first == second
    generate(seed=12, force=True)
    assert snapshot()[2 * len(first) :] != first


def test_drafts_and_scheduled_content_stay_private():
    generate()
    drafts = Quote.objects.exclude(status=Status.PUBLISHED).count()
    scheduled = Quote.objects.filter(status=Status.PUBLISHED).exclude(pk__in=Quote.objects.published()).count()
    assert drafts > 0
    assert scheduled > 0
    assert Quote.objects.published().count() == 600 - drafts - scheduled
    public_documents = SearchDocument.objects.published().filter(kind="quote").count()
    assert public_documents == Quote.objects.published().count()
    private = [model.objects.exclude(pk__in=model.objects.published()).count() for model in (Article, Event, Person)]
    assert sum(private) > 0


def test_a_published_quote_names_only_a_speaker_public_by_then():
    generate()
    private_speakers = Person.objects.exclude(pk__in=Person.objects.published())
    said_by_them = Quote.objects.filter(speaker__in=private_speakers)
    assert private_speakers.exists() and said_by_them.exists()
    assert not said_by_them.filter(status=Status.PUBLISHED).exists()
    assert not Quote.objects.filter(status=Status.PUBLISHED, published_at__lt=F("speaker__published_at")).exists()


def body_parts(text):
    return set(text.split(documents.SEPARATOR)) - {""}


def test_the_search_index_holds_every_object_as_the_indexer_would_write_it():
    generate()
    assert SearchDocument.objects.count() == 600 + 80 + 30 + 20
    quotes = Quote.objects.all()
    said_at_public_events = quotes.exclude(event=None).filter(event__in=Event.objects.published())
    by_public_people = quotes.filter(speaker__in=Person.objects.published()).exclude(tags=None)
    by_private_people = quotes.exclude(speaker__in=Person.objects.published()).exclude(speaker=None)
    kinds = [said_at_public_events, quotes.filter(speaker=None), by_public_people, by_private_people]
    samples = {
        Quote: list({quote.pk for quote in (kind.first() for kind in kinds) if quote is not None}),
        Article: list(Article.objects.values_list("pk", flat=True)[:10]),
        Event: list(Event.objects.values_list("pk", flat=True)[:10]),
        Person: list(Person.objects.values_list("pk", flat=True)[:10]),
    }
    assert len(samples[Quote]) >= 2
    fields = ["slug", "title", "names", "subtitle", "date", "date_precision", "status", "published_at"]
    for model, ids in samples.items():
        built = {document.object_id: document for document in documents.documents_for(model, ids)}
        stored = SearchDocument.objects.filter(kind=documents.DOCUMENT_TYPES[model].kind, object_id__in=ids)
        assert len(stored) == len(ids)
        for document in stored:
            expected = built[document.object_id]
            for field in fields:
                assert getattr(document, field) == getattr(expected, field), (model, field)
            assert body_parts(document.body) == body_parts(expected.body), model
    # The full-text index answers for the synthetic rows (the word is the speaker's name).
    quote = Quote.objects.published().exclude(speaker=None).select_related("speaker").first()
    assert list(search(parse(quote.speaker.name))[:50])
    assert kind_counts(parse("russia")).get("quote", 0) > 0


def test_the_full_text_index_agrees_with_the_documents():
    generate()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # FTS5 compares its index with the content table, and raises if they differ.
            table = indexing.SQLITE_FTS_TABLE
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
        else:
            cursor.execute("SELECT count(*) FROM archive_searchdocument WHERE search_vector IS NULL")
            assert cursor.fetchone()[0] == 0
            # Each kind's GIN index (migration 0011_search) is built again after the load.
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", ["searchdocument%vector_gin"])
            assert sorted(row[0] for row in cursor.fetchall()) == [
                f"searchdocument_{kind}_vector_gin" for kind in ("article", "event", "person", "quote")
            ]


def test_the_tag_and_monthly_counts_match_the_rows_after_a_load():
    """The load turns the count triggers off; it must count once at the end and turn them back on."""
    generate()
    for command in ("rebuild_tag_counts", "rebuild_timeline_counts"):
        output = io.StringIO()
        call_command(command, dry_run=True, stdout=output)
        assert output.getvalue().startswith("0 of "), output.getvalue()
    assert TagUsage.objects.exists()
    quote = QuoteFactory(speaker=PersonFactory())
    quote.tags.add("after the load")
    assert TagUsage.objects.filter(tag__name="after the load", quotes=1).exists()


def test_content_saved_after_a_load_is_found_by_its_kind():
    """The load suspends the full-text triggers; the ones it puts back must index the kind too."""
    generate()
    quote = QuoteFactory(text="Zyxquorble is the word.", speaker=PersonFactory())
    assert [document.object_id for document in search(parse("zyxquorble"), kind="quote")[:5]] == [quote.pk]


def test_refuses_an_archive_with_editors_content_unless_forced():
    PersonFactory(name="Anatoly Antonov", slug="anatoly-antonov")
    with pytest.raises(CommandError, match="--force"):
        generate()
    assert not Quote.objects.exists()
    generate(force=True)
    assert Quote.objects.filter(notes=SYNTHETIC_NOTE).count() == 600
    assert PersonAlias.objects.exists()
    assert SearchDocument.objects.filter(kind="person", object_id__in=Person.objects.values("pk")).count() == 31


def test_a_second_run_is_refused_rather_than_doubling_the_archive_unless_forced():
    generate()
    with pytest.raises(CommandError, match=r"already holds a synthetic archive \(600 quotes\).*flush.*--force"):
        generate()
    assert Quote.objects.count() == 600
    generate(force=True)
    assert Quote.objects.count() == 1200


@pytest.mark.parametrize(
    ("value", "message"), [("abc", "“abc” is not a whole number"), ("-5", "sizes cannot be negative (got -5)")]
)
def test_a_size_that_is_no_count_is_a_usage_error_without_a_traceback(capsys, value, message):
    with pytest.raises(SystemExit) as exited:
        call_command_line("generate_synthetic", "--quotes", value)
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert f"argument --quotes: {message}" in error
    assert "Traceback" not in error
    assert not Quote.objects.exists()


def test_rejects_quotes_without_people_or_articles():
    with pytest.raises(CommandError, match="--people"):
        call_command("generate_synthetic", quotes=10, articles=0, people=0, events=0)


@pytest.mark.parametrize("people", [0, 5])
def test_an_archive_of_people_alone_or_of_nothing_is_generated(people):
    """No article, event or quote leaves the side lane no documents to hand over: there is nothing to copy."""
    call_command("generate_synthetic", quotes=0, articles=0, people=people, events=0, stdout=io.StringIO())

    assert Person.objects.count() == people
    assert SearchDocument.objects.count() == people
    assert not Quote.objects.exists()


def manage(database, *args):
    """``manage.py args`` in a process of its own, on the SQLite file ``database``."""
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment.update(DJANGO_SETTINGS_MODULE="archive.settings", DATABASE_URL=f"sqlite:///{database}")
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=Path(__file__).resolve().parent.parent,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_on_a_database_file_the_side_lane_counts_and_the_counts_are_right(tmp_path):
    """
    In a file (not the tests' database in memory), SQLite's side lane makes the tag and monthly
    counts while the main lane builds indexes, and they are copied in: exactly what a recount
    gives, scheduled content included; no scratch file is left behind.
    """
    database = tmp_path / "archive.sqlite3"
    manage(database, "migrate")
    sizes = ["--quotes", "3000", "--articles", "300", "--people", "100", "--events", "100"]
    output = manage(database, "generate_synthetic", *sizes, "--seed", "7", "--batch", "1000")

    assert "tag and monthly counts (next to the load)" in output
    assert "tag and monthly counts (copied in)" in output
    with sqlite3.connect(database) as db:
        scheduled = db.execute("SELECT COUNT(*) FROM archive_scheduleditem").fetchone()[0]
        pending = db.execute("SELECT COUNT(*) FROM archive_monthlycount WHERE scheduled > 0").fetchone()[0]
        tags_pending = db.execute("SELECT COUNT(*) FROM archive_tagusage WHERE quotes_scheduled > 0").fetchone()[0]
    assert scheduled and pending and tags_pending
    assert manage(database, "rebuild_timeline_counts", "--dry-run").startswith("0 of ")
    assert manage(database, "rebuild_tag_counts", "--dry-run").startswith("0 of ")
    # The archive, its write-ahead log and shared memory: no scratch file.
    assert {path.name for path in tmp_path.iterdir()} <= {
        "archive.sqlite3",
        "archive.sqlite3-wal",
        "archive.sqlite3-shm",
    }


def fts_database(path, rows):
    """A database file with the archive's full-text table and triggers (migration 0002_search) over ``rows``."""
    migration = importlib.import_module("archive.migrations.0002_search")
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE TABLE archive_searchdocument (id INTEGER PRIMARY KEY, title TEXT, names TEXT, body TEXT)")
    for statement in migration.SQLITE_FTS:
        db.execute(statement)
    db.executemany("INSERT INTO archive_searchdocument VALUES (?, ?, ?, ?)", rows)
    return db


def test_a_side_index_installs_exactly_the_index_of_its_documents(tmp_path):
    """SQLite's full-text index of a load, built in a scratch file next to it, then copied in."""
    archive = tmp_path / "archive.sqlite3"
    old = [(1, "Old words", "", "sanctions"), (2, "Older words", "Антонов", "embassy")]
    db = fts_database(archive, old)
    definition = db.execute("SELECT sql FROM sqlite_master WHERE name = 'archive_search_fts'").fetchone()[0]
    # The load: new documents, with the insert trigger off, as BulkLoad.begin() leaves it.
    db.execute(f"DROP TRIGGER {indexing.SQLITE_INSERT_TRIGGER}")
    new = [(index, f"Quote {index} about grain", "", "Anatoly Antonov · sanctions") for index in range(3, 500)]
    db.executemany("INSERT INTO archive_searchdocument VALUES (?, ?, ?, ?)", new)
    # A document added after the load's range (by an editor, say) is indexed too.
    db.execute("INSERT INTO archive_searchdocument VALUES (900, 'Later words', '', 'treaty')")

    side = indexing.SideIndex(archive, 3, 499, definition, ["title", "names", "body"])
    side.open()
    side.executemany("INSERT INTO archive_search_fts (rowid, title, names, body) VALUES (%s, %s, %s, %s)", new)
    side.install()
    side.close()
    db.execute(side.others_sql().replace("%s", "?"), [3, 499])

    def found(words):
        return [
            row
            for (row,) in db.execute("SELECT rowid FROM archive_search_fts WHERE archive_search_fts MATCH ?", [words])
        ]

    assert len(found("grain")) == 497
    assert found("sanctions")[:1] == [1]
    assert found("антонов") == [2]
    assert found("treaty") == [900]
    db.execute("INSERT INTO archive_search_fts(archive_search_fts) VALUES ('integrity-check')")
    assert not list(tmp_path.glob("*.tmp*"))


def test_lanes_run_steps_after_what_they_wait_for_and_raise_a_lanes_error():
    done = []
    steps = [
        Step("first", lambda: done.append("first")),
        Step("side", lambda: done.append("side"), "side", after=("first",)),
        Step("last", lambda: done.append("last"), "any", after=("side",)),
    ]
    Lanes(steps).run()
    assert done == ["first", "side", "last"]

    def fail():
        raise RuntimeError("side failed")

    with pytest.raises(RuntimeError, match="side failed"):
        Lanes([Step("side", fail, "side"), Step("main", lambda: None, after=("side",))]).run()
