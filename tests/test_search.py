"""Search: ranking, name matching in any spelling, safe highlights, an index that follows edits."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from archive.editorial import Status
from archive.models import Event, Quote, SearchDocument
from archive.search import backends
from archive.search.query import HIGHLIGHT_START, HIGHLIGHT_STOP, mark, parse
from people.models import Person, PersonAlias
from tests.factories import (
    ArticleFactory,
    EventFactory,
    OutletFactory,
    PersonAliasFactory,
    PersonFactory,
    QuoteFactory,
    RoleFactory,
)

pytestmark = pytest.mark.django_db

FUTURE = timezone.now() + datetime.timedelta(days=3)
TAG_RE = re.compile(r"<[^>]+>")


def search(client, q, **params):
    return client.get(reverse("search"), {"q": q, **params})


def hits(response):
    assert response.status_code == 200, response.content.decode()[:500]
    return response.context["hits"]


def found(client, q, **params):
    """(kind, title as plain text) of each hit on the first page, best first."""
    return [(hit.kind, TAG_RE.sub("", str(hit.title_html))) for hit in hits(search(client, q, **params))]


@pytest.fixture
def antonov_aliases(antonov):
    PersonAliasFactory(person=antonov, name="Anatoliy Antonov", language="en")
    PersonAliasFactory(person=antonov, name="Анатолий Антонов", language="ru")
    return antonov


# Ranking


def test_title_match_ranks_before_body_match(client):
    ArticleFactory(headline="Embassy staff leave", summary="The expulsion came after sanctions, more sanctions.")
    ArticleFactory(headline="Sanctions bite in Moscow", summary="Prices rose.")

    assert found(client, "sanctions") == [
        ("article", "Sanctions bite in Moscow"),
        ("article", "Embassy staff leave"),
    ]


def test_person_outranks_articles_that_mention_them(client, antonov):
    ArticleFactory(headline="A long week", summary="Antonov said little. " + "Words about other things. " * 40)

    assert found(client, "antonov")[0] == ("person", "Anatoly Antonov")


def test_every_kind_is_searched(client, antonov):
    QuoteFactory(speaker=antonov, text="We are doomed to cooperate with Geneva.")
    ArticleFactory(headline="Geneva talks resume")
    EventFactory(title="Summit in Geneva", location="Geneva")
    PersonFactory(name="Jean Geneva")

    assert {kind for kind, _ in found(client, "geneva")} == {"quote", "article", "event", "person"}


# Names in any spelling, case and script


@pytest.mark.parametrize("q", ["antonov", "ANTONOV", "Antónov", "anatoly antonov", '"Anatoly Antonov"'])
def test_case_and_accents_fold(client, antonov, q):
    assert ("person", "Anatoly Antonov") in found(client, q)


def test_accented_names_are_found_without_accents(client):
    PersonFactory(name="José Manuel Albares")

    assert ("person", "José Manuel Albares") in found(client, "jose albares")


@pytest.mark.parametrize("q", ["Антонов", "анатолий", "Anatoliy", "ANATOLIY ANTONOV"])
def test_alias_names_find_the_person(client, antonov_aliases, q):
    assert ("person", "Anatoly Antonov") in found(client, q)


def test_a_person_outranks_their_quotes_on_an_alias(client, antonov_aliases):
    QuoteFactory.create_batch(3, speaker=antonov_aliases)

    response = search(client, "Антонов")

    assert found(client, "Антонов")[0] == ("person", "Anatoly Antonov")
    assert "Also known as: Anatoliy Antonov · Анатолий <mark>Антонов</mark>" in response.content.decode()


def test_quotes_are_found_through_their_speakers_alias_names(client, antonov_aliases):
    QuoteFactory(speaker=antonov_aliases, text="We are doomed to cooperate.")
    QuoteFactory(text="Someone else entirely.")

    results = found(client, "Антонов")

    assert ("quote", "We are doomed to cooperate.") in results
    assert ("quote", "Someone else entirely.") not in results


def test_alias_added_later_reaches_the_persons_quotes(client, antonov):
    QuoteFactory(speaker=antonov, text="We are doomed to cooperate.")
    assert found(client, "Антонов") == []

    PersonAlias.objects.create(person=antonov, name="Анатолий Антонов", language="ru")

    assert set(found(client, "Антонов")) == {("person", "Anatoly Antonov"), ("quote", "We are doomed to cooperate.")}


def test_deleted_alias_no_longer_finds_person_or_quotes(client, antonov_aliases):
    QuoteFactory(speaker=antonov_aliases, text="We are doomed to cooperate.")

    antonov_aliases.aliases.get(language="ru").delete()

    assert found(client, "Антонов") == []


def test_renamed_alias_is_found_by_its_new_name(client, antonov):
    alias = PersonAliasFactory(person=antonov, name="Antonoff")
    alias.name = "Antonow"
    alias.save()

    assert found(client, "antonoff") == []
    assert ("person", "Anatoly Antonov") in found(client, "antonow")


def test_an_alias_or_post_given_to_a_draft_person_leaves_the_documents_of_the_one_it_was_taken_from(client, antonov):
    QuoteFactory(speaker=antonov, text="We are doomed to cooperate.")
    alias = PersonAliasFactory(person=antonov, name="Tolya Antonoff")
    role = RoleFactory(person=antonov, title="Envoy for back-channel talks")
    hidden = PersonFactory(name="Hidden Envoy", draft=True)

    alias.person = hidden
    alias.save()
    role.person = hidden
    role.save()

    assert found(client, "antonoff") == []
    assert found(client, "back-channel") == []


# Highlighting


def test_snippets_highlight_matches(client):
    ArticleFactory(headline="Talks", summary="The ambassador was expelled after the sanctions vote.")

    response = search(client, "expelled")

    assert "<mark>expelled</mark>" in str(hits(response)[0].snippet_html)
    assert "<mark>expelled</mark>" in response.content.decode()


def test_an_articles_text_finds_it_but_never_shows(client):
    """The archive holds an article's text for its citations; readers get the summary, not the text."""
    article = ArticleFactory(
        headline="Talks resume",
        summary="A summary in our own words.",
        body="Off the record, the ambassador confided that plumbago talks stalled, per the paywalled paragraph.",
    )

    response = search(client, "plumbago")

    assert [hit.url for hit in hits(response)] == [article.get_absolute_url()]
    page = response.content.decode()
    assert "A summary in our own words." in page
    for words in ("paywalled", "confided", "<mark>plumbago</mark>"):
        assert words not in page
    article.body = "Nothing about flowers."
    article.save()
    assert hits(search(client, "plumbago")) == []


def test_the_migration_moves_article_texts_out_of_what_snippets_show(client):
    import importlib
    from types import SimpleNamespace

    from django.apps import apps

    migration = importlib.import_module("archive.migrations.0018_search_full_text")
    article = ArticleFactory(headline="Talks", summary="Our summary.", body="The paywalled plumbago paragraph.")
    untouched = ArticleFactory(headline="Other talks", summary="Another summary.", body="")
    document = SearchDocument.objects.get(kind="article", object_id=article.pk)
    # As documents were built before: the text joined last into the body.
    body = document.body
    SearchDocument.objects.filter(pk=document.pk).update(body=f"{body} · {document.full_text}", full_text="")
    assert "paywalled" in search(client, "plumbago").content.decode()

    migration.move_article_texts(apps, SimpleNamespace(connection=connection))

    document.refresh_from_db()
    assert (document.body, document.full_text) == (body, "The paywalled plumbago paragraph.")
    assert SearchDocument.objects.get(kind="article", object_id=untouched.pk).full_text == ""
    response = search(client, "plumbago")
    assert [hit.url for hit in hits(response)] == [article.get_absolute_url()]
    assert "paywalled" not in response.content.decode()


def test_editor_html_is_escaped_not_run(client, antonov):
    QuoteFactory(speaker=antonov, text='<script>alert("x")</script> Sanctions <b>are</b> theatre.')
    ArticleFactory(headline="<img src=x onerror=alert(1)> theatre review", summary="<script>steal()</script> theatre")

    content = search(client, "theatre").content.decode()

    assert "<script>alert" not in content
    assert "<script>steal" not in content
    assert "<img src=x" not in content
    assert "<b>are</b>" not in content
    assert "&lt;script&gt;" in content
    assert "<mark>theatre</mark>" in content


def test_mark_escapes_first_then_marks():
    text = f"<i>a</i> {HIGHLIGHT_START}Antonov{HIGHLIGHT_STOP} & {HIGHLIGHT_START}unclosed"

    assert mark(text) == "&lt;i&gt;a&lt;/i&gt; <mark>Antonov</mark> &amp; unclosed"


def test_highlight_markers_in_editor_text_are_stripped_from_the_index(antonov):
    quote = QuoteFactory(speaker=antonov, text=f"Fake {HIGHLIGHT_START}mark{HIGHLIGHT_STOP} here")

    document = SearchDocument.objects.get(kind="quote", object_id=quote.pk)

    assert HIGHLIGHT_START not in document.title and HIGHLIGHT_STOP not in document.title


# Only published content, and the index follows edits


def test_drafts_and_scheduled_content_are_never_found(client, antonov):
    ArticleFactory(headline="Secret draft about Vienna", draft=True)
    ArticleFactory(headline="Scheduled piece about Vienna", published_at=FUTURE)
    ArticleFactory(headline="Vienna in review", status=Status.REVIEW, published_at=None)
    PersonFactory(name="Vienna Draftperson", draft=True)
    QuoteFactory(speaker=antonov, text="Vienna draft words", draft=True)
    EventFactory(title="Vienna meeting, scheduled", published_at=FUTURE)
    ArticleFactory(headline="Vienna, published")

    assert found(client, "vienna") == [("article", "Vienna, published")]


def test_scheduled_content_appears_once_its_time_comes(client):
    article = ArticleFactory(headline="Scheduled piece about Vienna", published_at=FUTURE)
    assert found(client, "vienna") == []

    # No save needed: the index keeps the publish time and compares it with now.
    SearchDocument.objects.filter(object_id=article.pk).update(published_at=timezone.now())

    assert found(client, "vienna") == [("article", "Scheduled piece about Vienna")]


@pytest.mark.parametrize("batch", [500, 1])
def test_people_and_events_gone_public_on_schedule_reach_the_documents_that_name_them(
    client, capsys, monkeypatch, batch
):
    from archive.search import indexing

    monkeypatch.setattr(indexing, "BATCH_SIZE", batch)  # committed batch by batch
    person = PersonFactory(name="Ilse Marchetti", slug="ilse-marchetti", published_at=FUTURE)
    PersonAliasFactory(person=person, name="Qwertyalias")
    event = EventFactory(title="Zanzibar summit", published_at=FUTURE)
    QuoteFactory(speaker=person, text="Scheduled words.", event=event, published_at=FUTURE)
    QuoteFactory(speaker=person, text="Earlier words.", published_at=FUTURE)
    ArticleFactory(headline="Talks in Oslo").people.add(person)
    other = ArticleFactory(headline="Talks in Bergen")
    assert found(client, "marchetti") == []

    # Time passes: documents written an hour ago, the person and the event public since a minute.
    hour_ago, minute_ago = (timezone.now() - datetime.timedelta(minutes=m) for m in (60, 1))
    SearchDocument.objects.update(updated_at=hour_ago)
    for model in (Person, Event, Quote):
        model.objects.update(published_at=minute_ago)
    SearchDocument.objects.exclude(kind="article").update(published_at=minute_ago)
    assert found(client, "qwertyalias") == [("person", "Ilse Marchetti")]  # the quotes did not know the alias
    assert found(client, "zanzibar") == [("event", "Zanzibar summit")]

    call_command("refresh_scheduled")

    assert "Refreshed 3 search documents (2 quotes, 1 article)." in capsys.readouterr().out
    assert sorted(found(client, "qwertyalias")) == [
        ("person", "Ilse Marchetti"),
        ("quote", "Earlier words."),
        ("quote", "Scheduled words."),
    ]
    assert ("article", "Talks in Oslo") in found(client, "marchetti")
    assert ("quote", "Scheduled words.") in found(client, "zanzibar")
    assert SearchDocument.objects.get(kind="article", object_id=other.pk).updated_at == hour_ago
    # Nothing is stale any more: a second run writes nothing.
    call_command("refresh_scheduled")
    assert "Refreshed 0 search documents." in capsys.readouterr().out


@pytest.mark.parametrize("hours", ["0", "-1", "nan", "inf"])
def test_refresh_scheduled_refuses_a_look_back_that_is_no_time(hours, capsys):
    with pytest.raises(SystemExit) as exit:
        call_command("refresh_scheduled", "--hours", hours)
    assert exit.value.code == 2
    assert "--hours must be above 0" in capsys.readouterr().err


def test_refresh_scheduled_stops_cleanly_when_another_write_is_in_the_way(capsys, monkeypatch):
    """A deadlock with an editor's save (or SQLite's busy timeout) is a message and exit 1, not a traceback."""

    def locked(now):
        raise OperationalError("database is locked")

    monkeypatch.setattr("archive.counts_tags.forget_due", locked)
    with pytest.raises(SystemExit) as exit:
        call_command("refresh_scheduled")
    assert exit.value.code == 1
    assert "Stopped: another write was in the way." in capsys.readouterr().err

    def broken(now):
        raise OperationalError("no such table: archive_scheduleditem")

    monkeypatch.setattr("archive.counts_timeline.forget_due", broken)
    with pytest.raises(OperationalError):
        call_command("refresh_scheduled")


def test_searches_have_a_rate_limit_of_their_own(client, settings):
    """Phrase by phrase, searches could read back an article's text: a client gets so many a minute."""
    settings.API_ANON_THROTTLE_RATE = "3/min"

    answers = [search(client, "talks", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code for n in range(4)]

    assert answers == [200, 200, 200, 429]
    response = search(client, "talks")
    seconds = int(response["Retry-After"])
    assert seconds > 0
    html = response.content.decode()  # a page of the site, for a reader
    assert "<h1>Too many searches</h1>" in html and f"try again in {seconds} second" in html
    assert client.get("/api/outlets/").status_code == 200  # the API's requests count apart
    assert client.get("/quotes/export.csv").status_code == 200  # and so do the exports'


def test_edits_unpublishing_and_deletes_reach_the_index(client):
    article = ArticleFactory(headline="Talks in Helsinki")
    assert found(client, "helsinki") == [("article", "Talks in Helsinki")]

    article.headline = "Talks in Reykjavik"
    article.save()
    assert found(client, "helsinki") == []
    assert found(client, "reykjavik") == [("article", "Talks in Reykjavik")]

    article.status = Status.DRAFT
    article.save()
    assert found(client, "reykjavik") == []

    article.delete()
    assert not SearchDocument.objects.filter(kind="article", object_id=article.pk).exists()


def test_draft_people_do_not_leak_into_events_and_articles(client):
    hidden = PersonFactory(name="Hidden Negotiator", draft=True)
    event = EventFactory(title="Back-channel talks")
    event.people.add(hidden)
    article = ArticleFactory(headline="Back-channel coverage")
    article.people.add(hidden)

    assert found(client, "negotiator") == []

    hidden.status, hidden.published_at = Status.PUBLISHED, timezone.now()
    hidden.save()

    assert {kind for kind, _ in found(client, "negotiator")} == {"person", "event", "article"}


def test_tags_people_and_outlets_changes_reach_the_index(client, antonov):
    article = ArticleFactory(headline="Coverage", outlet=OutletFactory(name="Politico"))
    event = EventFactory(title="Meeting")

    article.tags.add("sanctions")
    event.tags.add("sanctions")
    assert {kind for kind, _ in found(client, "sanctions")} == {"article", "event"}

    article.tags.clear()
    assert {kind for kind, _ in found(client, "sanctions")} == {"event"}

    antonov.events.add(event)  # from the person's side of the relation
    assert ("event", "Meeting") in found(client, "antonov")
    antonov.events.clear()
    assert ("event", "Meeting") not in found(client, "antonov")

    outlet = article.outlet
    outlet.name = "Raw Story"
    outlet.save()
    assert found(client, "politico") == []
    assert found(client, "raw story") == [("article", "Coverage")]


def test_deleting_an_event_or_renaming_a_tag_reaches_the_documents_that_quoted_them(client, antonov):
    event = EventFactory(title="Valdai forum")
    quote = QuoteFactory(speaker=antonov, event=event, text="We are doomed to cooperate.")
    quote.tags.add("multipolarity")
    assert ("quote", "We are doomed to cooperate.") in found(client, "valdai")

    event.delete()
    assert found(client, "valdai") == []

    tag = quote.tags.get()
    tag.name = "polycentrism"
    tag.save()
    assert found(client, "multipolarity") == []
    assert found(client, "polycentrism") == [("quote", "We are doomed to cooperate.")]


def test_a_draft_event_is_not_named_in_its_quotes_documents(client, antonov):
    QuoteFactory(speaker=antonov, event=EventFactory(title="Secret summit", draft=True), text="Words.")

    assert found(client, "secret summit") == []


def test_person_rename_and_roles_reach_their_documents(client, antonov):
    QuoteFactory(speaker=antonov, text="We are doomed to cooperate.")
    RoleFactory(person=antonov, title="Ambassador to the United States")

    assert ("person", "Anatoly Antonov") in found(client, "ambassador")

    antonov.name = "Anatoly I. Antonov-Renamed"
    antonov.save()

    assert ("quote", "We are doomed to cooperate.") in found(client, "renamed")


def test_rebuild_command_rebuilds_and_reports_counts(client, antonov, capsys):
    QuoteFactory(speaker=antonov, text="We are doomed to cooperate.")
    ArticleFactory(headline="Cooperate or else")
    SearchDocument.objects.all().delete()
    assert found(client, "cooperate") == []

    call_command("rebuild_search_index")

    output = capsys.readouterr().out
    assert "quote: 1" in output and "article: 1" in output and "person: 1" in output
    assert "Indexed 3 documents" in output
    assert {kind for kind, _ in found(client, "cooperate")} == {"quote", "article"}


def test_rebuild_dry_run_writes_nothing(antonov, capsys):
    SearchDocument.objects.all().delete()

    call_command("rebuild_search_index", "--dry-run")

    assert "Would index 1 documents" in capsys.readouterr().out
    assert not SearchDocument.objects.exists()


# What readers type


@pytest.mark.parametrize(
    "q",
    [
        '"',
        "AND OR (",
        "*",
        "NEAR(a b)",
        '"unbalanced',
        "-",
        "OR",
        "()",
        "{x}",
        "title:secret",
        "\\",
        "a AND",
        "^x",
        "'; DROP TABLE archive_article; --",
        "antonov*",
        "NOT antonov",
        "-antonov",
        "--",
        '""',
        "a:b:c",
        "½ ¾",
        "🙂",
        "x.y\\ O'Brien's",
        "a'''b\\'c or d:*",
        "'a' & !b | c <-> d",
    ],
)
def test_syntax_junk_never_errors(client, antonov, q):
    response = search(client, q)

    assert response.status_code == 200


def test_only_punctuation_gets_a_friendly_message(client):
    response = search(client, '" ( )')

    assert response.status_code == 200
    assert "has no words to search for" in response.content.decode()


def test_only_excluded_words_gets_a_friendly_message(client):
    assert "cannot only leave words out" in search(client, "-antonov").content.decode()


def test_phrases_or_and_exclusions(client):
    ArticleFactory(headline="Doomed to cooperate")
    ArticleFactory(headline="Cooperate, doomed")
    ArticleFactory(headline="Talks in Minsk")

    assert found(client, '"doomed to cooperate"') == [("article", "Doomed to cooperate")]
    assert {title for _, title in found(client, "minsk or doomed")} == {
        "Doomed to cooperate",
        "Cooperate, doomed",
        "Talks in Minsk",
    }
    assert found(client, "cooperate -minsk -talks") != []
    assert {title for _, title in found(client, "doomed -cooperate")} == set()
    assert found(client, 'cooperate -"doomed to cooperate"') == [("article", "Cooperate, doomed")]


def test_or_joins_two_alternatives_and_every_other_word_still_counts(client):
    """On both databases "a or b c" is (a or b) and c, and "a or b -c" leaves c out whichever matched."""
    ArticleFactory(headline="Russia’s sanctions policy")
    ArticleFactory(headline="Russia hosts a summit")
    ArticleFactory(headline="Talks in Minsk")

    def titles(q):
        return {title for _, title in found(client, q)}

    assert titles("minsk or russia sanctions") == {"Russia’s sanctions policy"}
    assert titles("minsk or russia -talks") == {"Russia’s sanctions policy", "Russia hosts a summit"}
    # "Russia’s" is also looked for as typed, an alternative of its own: the other words still count.
    assert titles("Russia’s sanctions") == {"Russia’s sanctions policy"}
    assert titles("summit Russia's") == {"Russia hosts a summit"}


def test_words_joined_by_punctuation_are_found_on_both_databases(client):
    """PostgreSQL reads "U.S." and "9/11" as one token each; FTS5 as two words."""
    QuoteFactory(text="The U.S. ambassador was expelled after 9/11.")
    QuoteFactory(text="Words about something else.")

    for q in ("U.S.", "u.s. ambassador", '"the U.S. ambassador"', "9/11"):
        assert found(client, q) == [("quote", "The U.S. ambassador was expelled after 9/11.")], q
    assert found(client, "expelled -U.S.") == []


def test_a_number_is_found_where_a_hyphen_joins_it_to_a_word_or_a_number(client):
    """PostgreSQL reads "-2017" in "2016-2017" as a signed integer; its index keeps the number alone, as FTS5's."""
    QuoteFactory(text="The 2016-2017 talks on the S-400 sale, during COVID-19.")
    QuoteFactory(text="Words about something else.")

    for q in ("2017", "2016-2017", "400", "S-400", "covid 19", "COVID-19"):
        assert found(client, q) == [("quote", "The 2016-2017 talks on the S-400 sale, during COVID-19.")], q


def test_words_in_angle_brackets_are_found(client):
    """PostgreSQL's parser reads "<<Putin>>" as a markup tag, which it never indexes; FTS5 reads the word."""
    text = "Talks on <<Putin's plan>> with <Lavrov>, as <b>Kommersant</b> reported."
    QuoteFactory(text=text)

    for q in ("putin", "plan", "lavrov", "kommersant"):
        assert found(client, q) == [("quote", escape(text))], q


@pytest.mark.skipif(connection.vendor != "postgresql", reason="FTS5 reads no markup nor signs")
@pytest.mark.parametrize(
    "migration, text, word, shown",
    [
        ("0021_search_angle_brackets", "Talks with <Lavrov>.", "lavrov", "Talks with &lt;Lavrov&gt;."),
        ("0020_search_signed_integers", "The 2016-2017 talks.", "2017", "The 2016-2017 talks."),
    ],
)
def test_the_migration_reindexes_the_documents_it_concerns(client, migration, text, word, shown):
    import importlib

    migration = importlib.import_module(f"archive.migrations.{migration}")
    with connection.schema_editor() as editor:
        migration.backward(None, editor)
    QuoteFactory(text=text)
    assert found(client, word) == []

    with connection.schema_editor() as editor:
        migration.forward(None, editor)

    assert found(client, word) == [("quote", shown)]


def test_parse_quotes_every_term_for_fts5():
    assert parse('NEAR OR ( "x y" -z w').as_fts5() == '(("NEAR" OR "x y") AND "w") NOT "z"'
    # FTS5's operators are English stopwords: left out like any other.
    assert parse("AND sanctions NOT").as_fts5() == '"sanctions"'
    assert parse("x or y z").as_fts5() == '("x" OR "y") AND "z"'
    assert parse('" ( NEAR').as_fts5() == '"NEAR"'
    assert not parse('" ( ) -')


def test_parse_quotes_every_term_for_postgres():
    assert parse("minsk or O'Brien talks -x.y").as_tsquery() == (
        "('minsk' | 'O Brien' | 'O''Brien') & 'talks' & !('x y' | 'x.y')"
    )
    assert parse("a\\b:c & !d").as_tsquery() == "('b c' | 'a\\\\b:c') & 'd'"


def test_parse_reads_a_last_word_being_typed_as_the_start_of_one():
    typing = parse("russia or ukr", prefix=True)
    assert typing.as_fts5() == '("russia" OR "ukr"*)'
    assert typing.as_tsquery() == "('russia' | 'ukr':*)"
    assert typing.prefix_word == "ukr"
    # Only a bare last word, of three letters or more, typed up to the end, and not left out.
    for text in ["russia ukr", "russia ukr ", "ukr", "uk", '"ukr"', "-ukr", "U.S"]:
        assert parse(text).prefix_word is None
        assert parse(text, prefix=True).prefix_word == ("ukr" if text in ("russia ukr", "ukr") else None), text


def test_empty_query_shows_the_form_and_a_hint(client):
    response = client.get(reverse("search"))
    content = response.content.decode()

    assert response.status_code == 200
    assert 'name="q"' in content and "Search quotes, articles, people and events" in content
    assert "hits" not in response.context


def test_overlong_query_is_a_400_with_a_message(client):
    response = search(client, "sanctions " * 21)

    assert response.status_code == 400
    assert "That search is too long" in response.content.decode()


def test_a_query_of_200_characters_is_fine(client):
    assert search(client, "a" * 200).status_code == 200


@pytest.mark.parametrize("params", [{"kind": "tag"}, {"q": "a\x00b"}])
def test_bad_parameters_are_400(client, params):
    response = client.get(reverse("search"), {"q": "x", **params})

    assert response.status_code == 400


# The results page


def test_kind_filter_and_counts(client, antonov):
    QuoteFactory(speaker=antonov, text="Geneva was fine.")
    ArticleFactory(headline="Geneva talks")
    ArticleFactory(headline="Geneva again")

    response = search(client, "geneva", kind="article")

    assert {kind for kind, _ in found(client, "geneva", kind="article")} == {"article"}
    facets = {facet.value: str(facet.count) for facet in response.context["facets"]}
    assert facets == {"": "3", "quote": "1", "article": "2", "person": "0", "event": "0"}
    assert "2 results for “geneva”" in response.content.decode()


def test_results_show_kind_link_and_honest_dates(client, antonov):
    event = EventFactory(title="Geneva summit", start_date=datetime.date(2017, 4, 1), start_precision="month")

    response = search(client, "geneva")
    content = response.content.decode()

    assert f'href="{event.get_absolute_url()}"' in content
    assert "April 2017" in content and "1 April 2017" not in content
    assert ">Event<" in content


def test_results_are_paginated(client):
    for number in range(25):
        ArticleFactory(headline=f"Minsk report {number}")

    first = search(client, "minsk")
    second = search(client, "minsk", page=2)

    assert first.context["page_obj"].paginator.count == 25
    assert len(first.context["hits"]) == 20
    assert len(second.context["hits"]) == 5


@pytest.mark.parametrize("count", [3, 30])
def test_query_count_is_constant(client, django_assert_max_num_queries, count):
    person = PersonFactory(name="Sergey Lavrov")
    for number in range(count):
        QuoteFactory(speaker=person, text=f"Lavrov statement {number}")
        ArticleFactory(headline=f"Lavrov speaks {number}")
        EventFactory(title=f"Lavrov visit {number}")

    # The words' counts (PostgreSQL: the planner's estimates), every kind's window with its count, the page.
    with django_assert_max_num_queries(3):
        response = search(client, "lavrov")

    assert len(response.context["hits"]) == min(20, 3 * count + 1)


# Common words


def test_a_search_of_only_stopwords_says_so_and_runs_no_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = search(client, "The of")

    assert response.status_code == 200
    assert "has only words too common to search for (the, of)" in response.content.decode()
    assert "hits" not in response.context


def test_stopwords_are_left_out_on_both_databases(client):
    ArticleFactory(headline="Sanctions bite in Moscow")

    response = search(client, "the sanctions of")

    assert found(client, "the sanctions of") == found(client, "sanctions") == [("article", "Sanctions bite in Moscow")]
    assert "Left out as too common: the, of." in response.content.decode()


def test_a_word_joined_by_punctuation_is_not_said_to_lose_a_common_part(client):
    ArticleFactory(headline="Russia's sanctions bite")

    response = search(client, "Russia's sanctions")

    assert found(client, "Russia's sanctions") == [("article", "Russia&#x27;s sanctions bite")]  # as the page writes it
    assert "too common" not in response.content.decode()
    assert parse("U.S. the").stopwords == ["the"]
    assert parse("don't").only_stopwords  # nothing left to look for: said so


def test_stopwords_inside_a_phrase_stay():
    assert parse('"doomed to cooperate" the').as_fts5() == '"doomed to cooperate"'
    assert parse('"the embassy"').as_fts5() == '"embassy"'
    assert parse("the or moscow").as_fts5() == '"moscow"'
    assert parse("Thé").only_stopwords


# Windows: the newest matches of each kind, counted up to the window


@pytest.fixture
def small_window(monkeypatch):
    monkeypatch.setattr(backends, "WINDOW", 3)
    return 3


def test_a_kind_with_more_matches_than_the_window_says_so(client, small_window):
    for number in range(5):
        ArticleFactory(headline=f"Minsk report {number}")
    QuoteFactory(text="Minsk again.")

    response = search(client, "minsk")
    content = response.content.decode()

    facets = {facet.value: str(facet.count) for facet in response.context["facets"]}
    assert facets == {"": "4+", "quote": "1", "article": "3+", "person": "0", "event": "0"}
    assert "4+ results for “minsk”" in content
    assert "only the 3 most recently added of each kind are ranked" in content
    # The newest three articles: the window is by the order documents were added.
    titles = {title for kind, title in found(client, "minsk") if kind == "article"}
    assert titles == {"Minsk report 4", "Minsk report 3", "Minsk report 2"}


def test_a_name_finds_the_person_however_many_quotes_mention_them(client, small_window):
    lavrov = PersonFactory(name="Sergey Lavrov")
    for number in range(6):
        QuoteFactory(speaker=lavrov, text=f"Statement {number}.")

    assert found(client, "lavrov")[0] == ("person", "Sergey Lavrov")


def test_ranking_puts_title_matches_first_then_people_then_the_newest(client, antonov):
    QuoteFactory(speaker=antonov, text="Old words.", said_on=datetime.date(2017, 1, 1))
    QuoteFactory(speaker=antonov, text="New words.", said_on=datetime.date(2021, 1, 1))
    QuoteFactory(speaker=antonov, text="Undated words.", said_on=None)
    ArticleFactory(headline="Antonov leaves Washington", published_on=datetime.date(2019, 5, 1))

    assert found(client, "antonov") == [
        ("person", "Anatoly Antonov"),
        ("article", "Antonov leaves Washington"),
        ("quote", "New words."),
        ("quote", "Old words."),
        ("quote", "Undated words."),
    ]


def test_bound_of_matches_from_each_words_frequency():
    backend = backends.Backend(None, parse('russia sanctions or treaty "united states" -war'))
    frequency = {"russia": 300, "sanctions": 50, "treaty": 20, "united": 90, "states": 80, "war": 1}

    # sanctions or treaty: at most 70; the phrase: at most its rarer word's 80.
    assert backend.bound(frequency) == 70


def test_common_words_read_only_each_kinds_newest_documents(client, monkeypatch):
    """Past the bound, a window holds the matches among its kind's newest documents, and says there may be more."""
    backend = backends.BACKENDS[connection.vendor]
    monkeypatch.setattr(backend, "INDEX_MATCHES", 0)
    monkeypatch.setattr(backends, "SCAN_ROWS", dict.fromkeys(backends.KINDS, 2))
    PersonFactory.create_batch(3)  # more people than the scan reads, so the estimate cannot say it read them all
    for number in range(4):
        QuoteFactory(text=f"Helsinki talks {number}.")
    QuoteFactory(text="Nothing here.")
    call_command("rebuild_search_index")  # ids in order, and statistics for the planner
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE archive_searchdocument")

    response = search(client, "helsinki", kind="quote")

    titles = {title for _, title in found(client, "helsinki", kind="quote")}
    assert titles <= {f"Helsinki talks {number}." for number in range(4)}
    assert titles >= {"Helsinki talks 3."}
    assert response.context["total"].more


def test_recent_matches_gives_the_newest_ids_and_whether_there_are_more(antonov):
    quotes = [QuoteFactory(speaker=antonov, text=f"Vienna {number}.") for number in range(4)]
    draft = QuoteFactory(text="Vienna draft.", draft=True)

    ids, more = backends.recent_matches(parse("vienna"), "quote", 3)
    assert (ids, more) == ([quotes[3].pk, quotes[2].pk, quotes[1].pk], True)

    ids, more = backends.recent_matches(parse("vienna"), "quote", 10, documents=SearchDocument.objects.all())
    assert (ids[0], len(ids), more) == (draft.pk, 5, False)
