"""The demo archive (``load_demo``) and the demo editor account (``demo_editor``)."""

import datetime
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from taggit.models import Tag

from archive.dates import Precision
from archive.editorial import Status
from archive.management.commands.load_demo import DEFAULT_FILE
from archive.models import Article, Citation, Event, Outlet, Quote
from people.models import Organization, Person, PersonAlias, Role
from tests.admin_forms import login_request

pytestmark = pytest.mark.django_db

MODELS = [Outlet, Organization, Person, PersonAlias, Role, Article, Event, Quote, Citation]
SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
# Quote texts use typographic marks; the scraped seeds mix them with straight ones.
FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\xa0": " "})

RAW_STORY = "nobody-wants-to-talk-to-russias-ambassador-to-the-us"
UNHERD = "the-loneliest-russian-in-the-world"
EUROMAIDAN = "russian-american-dialogue-cooperation-or-blackmail"


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def row_counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def coverage():
    return json.loads(DEFAULT_FILE.read_text(encoding="utf-8"))


def load_file(tmp_path, text):
    """``load_demo --file`` on a file holding ``text``."""
    path = tmp_path / "coverage.json"
    path.write_text(text, encoding="utf-8")
    load_demo("--file", str(path))


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once per test class, rolled back afterwards; each test runs in a savepoint inside."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


@pytest.mark.usefixtures("demo")
class TestLoadedDemo:
    """Everything below reads (or edits, inside its own savepoint) the demo loaded once for the class."""

    def test_loads_exactly_the_three_seed_articles(self):
        articles = {article.slug: article for article in Article.objects.select_related("outlet")}
        assert set(articles) == {RAW_STORY, UNHERD, EUROMAIDAN}
        expected = {
            RAW_STORY: ("Raw Story", datetime.date(2022, 4, 18), "https://www.rawstory.com/anatoly-antonov/"),
            UNHERD: (
                "UnHerd",
                datetime.date(2022, 5, 2),
                "https://unherd.com/2022/05/the-loneliest-russian-in-the-world/",
            ),
            EUROMAIDAN: (
                "Euromaidan Press",
                datetime.date(2017, 12, 4),
                "https://euromaidanpress.com/2017/12/04/"
                "russia-us-dialogue-cooperation-blackmail-antonov-mcfaul-stanford-ukraine116367/",
            ),
        }
        for slug, (outlet, published_on, url) in expected.items():
            article = articles[slug]
            assert (article.outlet.name, article.published_on, article.url) == (outlet, published_on, url)
            assert article.language == "en"
            assert article.summary and not article.body
        assert articles[UNHERD].authors == "Cheryl Benard"
        assert articles[UNHERD].dek == "Should we feel sorry for Putin's ambassador to the United States?"
        assert articles[EUROMAIDAN].translator == "Paula Chertok"
        assert "approximate" in articles[RAW_STORY].notes
        assert set(articles[RAW_STORY].tags.names()) >= {"russia-us-relations", "ukraine-war"}

    def test_all_demo_content_is_public(self):
        for model in (Article, Person, Event, Quote):
            assert model.objects.published().count() == model.objects.count() > 0

    @pytest.mark.parametrize(
        ("opening", "speaker", "said", "kind", "event"),
        [
            ("We are doomed to cooperate", "anatoly-antonov", "2022-04", "direct", "antonov-politico-interview-2022"),
            ("Every coin has two sides.", "anatoly-antonov", "2022-04", "direct", "antonov-politico-interview-2022"),
            ("It’s a big mistake not to have contacts", "michael-mcfaul", "2017-12", "direct", None),
            (
                "What additional international sanctions",
                "dmitry-romanovich",
                "2017-12-01",
                "direct",
                "antonov-stanford-fsi-talk-2017",
            ),
            ("Notice he didn’t even deny", "dmitry-romanovich", "2017-12", "direct", None),
            ("From our common history", "anatoly-antonov", "2017-12-01", "direct", "antonov-stanford-fsi-talk-2017"),
            (
                "Russia is a permanent member",
                "anatoly-antonov",
                "2017-11-29",
                "direct",
                "antonov-world-affairs-council-talk-2017",
            ),
            (
                "too flexible and compliant",
                "anatoly-antonov",
                "2017-11-29",
                "partial",
                "antonov-world-affairs-council-talk-2017",
            ),
            ("warped and betrayed", "john-feeley", "2018", "partial", "john-feeley-resigns-2018"),
            ("Our two countries", "anatoly-antonov", "2021-12", "paraphrase", "lunch-at-antonovs-residence-2021"),
            ("Russian envoys have the responsibility", "andrei-kozyrev", "2022", "paraphrase", None),
        ],
    )
    def test_quotes_have_their_speakers_and_dates(self, opening, speaker, said, kind, event):
        quote = Quote.objects.select_related("speaker", "event").get(text__startswith=opening)
        assert quote.speaker.slug == speaker
        assert quote.said.isoformat() == said
        assert quote.kind == kind
        assert (quote.event.slug if quote.event else None) == event

    def test_interrupted_quote_is_one_quote_with_its_parts_joined(self):
        quote = Quote.objects.get(text__startswith="We are doomed to cooperate")
        assert quote.text.startswith("We are doomed to cooperate on various issues … It’s impossible to imagine")
        assert Quote.objects.filter(text__contains="It’s impossible to imagine").count() == 1
        assert quote.citations.get().article.slug == RAW_STORY

    def test_month_precision_is_not_shown_as_a_day(self):
        quote = Quote.objects.get(text__startswith="We are doomed to cooperate")
        assert quote.said_on_precision == Precision.MONTH
        assert str(quote.said) == "April 2022"

    def test_unnamed_sources_are_not_invented_people(self):
        unnamed = Quote.objects.exclude(unnamed_source="")
        assert set(unnamed.values_list("unnamed_source", flat=True)) == {
            "Politico",
            "a Politico reporter",
            "Novaya Gazeta",
        }
        assert not unnamed.filter(speaker__isnull=False).exists()
        names = set(Person.objects.values_list("name", flat=True))
        assert not names & {"Politico", "a Politico reporter", "Novaya Gazeta", "a reporter"}
        assert Person.objects.count() == len(coverage()["people"])

    def test_everyone_named_in_the_brief_is_in_the_archive(self):
        required = {
            "Anatoly Antonov",
            "Vladimir Putin",
            "Michael McFaul",
            "Andrei Piontkovsky",
            "Dmitry Romanovich",
            "Oleg Sentsov",
            "Anatoly Chubais",
            "Arkady Dvorkovich",
            "Andrei Kozyrev",
            "James Melville",
            "John Feeley",
            "Zdzislaw Rurarz",
            "Joe Biden",
            "Donald Trump",
            "Dmitry Medvedev",
            "Boris Yeltsin",
            "Cheryl Benard",
            "Paula Chertok",
        }
        assert required <= set(Person.objects.values_list("name", flat=True))
        assert Person.objects.get(slug="vladimir-putin").wikidata_id == "Q7747"
        assert Person.objects.get(slug="anatoly-antonov").wikidata_id == ""

    def test_aliases_carry_their_languages(self):
        aliases = dict(PersonAlias.objects.filter(person__slug="anatoly-antonov").values_list("name", "language"))
        assert aliases == {
            "Anatoliy Antonov": "en",
            "Anatoly Ivanovich Antonov": "en",
            "Анатолий Антонов": "ru",
            "Анатолий Иванович Антонов": "ru",
        }
        assert PersonAlias.objects.get(name="Zdzisław Rurarz").language == "pl"

    @pytest.mark.parametrize(
        ("slug", "shown"),
        [
            ("antonov-arrives-in-washington-as-ambassador", "2017"),
            ("james-melville-resigns-2018", "2018"),
            ("arkady-dvorkovich-steps-down-from-skolkovo-2022", "2022"),
            ("antonov-politico-interview-2022", "April 2022"),
            ("zdzislaw-rurarz-defects-1981", "December 1981"),
            ("antonov-world-affairs-council-talk-2017", "29 November 2017"),
            ("russia-suspended-from-un-human-rights-council-2022", "7 April 2022"),
        ],
    )
    def test_events_keep_their_honest_precision(self, slug, shown):
        assert str(Event.objects.get(slug=slug).start) == shown

    def test_year_only_event_stays_a_year(self):
        event = Event.objects.get(slug="antonov-arrives-in-washington-as-ambassador")
        assert (event.start_date, event.start_precision) == (datetime.date(2017, 1, 1), Precision.YEAR)

    def test_antonov_is_ambassador_on_the_day_of_the_stanford_talk(self):
        antonov = Person.objects.get(slug="anatoly-antonov")
        post = antonov.post_on(datetime.date(2017, 12, 1))
        assert post.title == "Russian ambassador to the United States"
        assert post.organization.slug == "embassy-of-russia-in-the-united-states"
        assert str(post.start) == "2017" and str(post.end) == "2024"

    def test_a_quote_shows_the_post_held_when_it_was_said(self):
        quote = Quote.objects.with_related().get(text__startswith="It’s a big mistake not to have contacts")
        # McFaul left the Moscow embassy in 2014; in December 2017 he ran the institute.
        assert quote.speaker_post.title == "Director of the Freeman Spogli Institute for International Studies"

    def test_every_quote_is_cited_and_uses_typographic_marks(self):
        assert not Quote.objects.filter(citations__isnull=True).exists()
        for text in Quote.objects.values_list("text", flat=True):
            assert not re.search("['\"\xa0]", text), text

    def test_running_twice_changes_nothing(self):
        counts = row_counts()
        stamps = {
            model.__name__: list(model.objects.values_list("updated_at", flat=True).order_by("pk"))
            for model in (Outlet, Person, Article, Event, Quote, Citation)
        }
        output = load_demo()
        assert row_counts() == counts
        assert "(0 created, 0 updated," in output
        assert {
            model.__name__: list(model.objects.values_list("updated_at", flat=True).order_by("pk"))
            for model in (Outlet, Person, Article, Event, Quote, Citation)
        } == stamps

    def test_reloading_restores_edited_values(self):
        counts = row_counts()
        Person.objects.filter(slug="anatoly-antonov").update(description="Changed by hand")
        quote = Quote.objects.get(text__startswith="We are doomed to cooperate")
        quote.said_on, quote.said_on_precision = datetime.date(2022, 4, 18), Precision.DAY
        quote.save()
        quote.tags.set(["changed"])
        Event.objects.get(slug="antonov-stanford-fsi-talk-2017").people.clear()

        output = load_demo()

        assert row_counts() == counts
        assert "3 updated" in output
        assert (
            Person.objects.get(slug="anatoly-antonov").description
            == "Russian ambassador to the United States, 2017–2024"
        )
        quote.refresh_from_db()
        assert quote.said.isoformat() == "2022-04"
        assert set(quote.tags.names()) == {"russia-us-relations", "nuclear-arms", "terrorism"}
        assert Event.objects.get(slug="antonov-stanford-fsi-talk-2017").people.count() == 3
        assert "(0 created, 0 updated," in load_demo()

    def test_dry_run_leaves_edits_alone(self):
        Person.objects.filter(slug="anatoly-antonov").update(description="Changed by hand")
        output = load_demo("--dry-run")
        assert "1 updated" in output
        assert Person.objects.get(slug="anatoly-antonov").description == "Changed by hand"

    @pytest.mark.skipif(
        not SEEDS.is_dir(), reason=f"the seed articles are not here ({SEEDS}); offsets cannot be checked"
    )
    def test_citations_point_at_their_passages_in_the_seed_text(self):
        seed_files = {article["slug"]: article["seed_file"] for article in coverage()["articles"]}
        texts = {slug: (SEEDS / name).read_bytes().decode("utf-8") for slug, name in seed_files.items()}
        citations = Citation.objects.select_related("quote", "article")
        assert citations.count() == Quote.objects.count()
        for citation in citations:
            text = texts[citation.article.slug]
            assert text[citation.start_offset : citation.end_offset] == citation.passage
            for part in citation.quote.text.split(" … "):
                assert part.translate(FOLD) in citation.passage.translate(FOLD), (part, citation.passage)

    def test_published_status_comes_from_the_file(self):
        assert set(Quote.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
        article = Article.objects.get(slug=UNHERD)
        assert article.published_at == datetime.datetime(2022, 5, 2, 12, 0, tzinfo=datetime.UTC)
        # A quote goes public with the first article that reported it.
        quote = Quote.objects.get(text__startswith="It’s a big mistake not to have contacts")
        assert quote.published_at == datetime.datetime(2017, 12, 4, 12, 0, tzinfo=datetime.UTC)


def test_dry_run_writes_nothing(db):
    output = load_demo("--dry-run")
    assert "Dry run, nothing written" in output
    assert "28 quotes" in output
    assert set(row_counts().values()) == {0}


def test_malformed_json_fails_cleanly(db, tmp_path):
    with pytest.raises(CommandError, match=r"not valid JSON \(line 1, column"):
        load_file(tmp_path, '{"outlets": [')
    assert set(row_counts().values()) == {0}


@pytest.mark.parametrize("depth", [500, 100_000])
def test_json_nested_too_deeply_fails_cleanly(db, tmp_path, depth):
    with pytest.raises(CommandError, match="nests lists and objects too deeply.*nothing was written"):
        load_file(tmp_path, '{"about": ' + "[" * depth + "]" * depth + "}")


def test_missing_file_fails_cleanly(db, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        load_demo("--file", str(tmp_path / "nowhere.json"))


def test_invalid_coverage_is_reported_and_nothing_is_written(db, tmp_path):
    data = coverage()
    data["quotes"][-1]["speaker"] = "nobody"
    data["events"][0]["start"] = "2017-13"
    data["people"][0]["nickname"] = "Tolya"
    data["outlets"][0]["url"] = None
    with pytest.raises(CommandError) as raised:
        load_file(tmp_path, json.dumps(data))
    message = str(raised.value)
    assert "nothing was written" in message
    assert "unknown field “nickname”" in message
    assert "“2017-13” is not a real date" in message
    assert "outlets[0] (raw-story).url: must not be null" in message
    data["events"][0]["start"] = "2017"
    data["outlets"][0]["url"] = "https://www.rawstory.com/"
    del data["people"][0]["nickname"]
    with pytest.raises(CommandError, match="no people entry has the slug “nobody”"):
        load_file(tmp_path, json.dumps(data))
    assert set(row_counts().values()) == {0}


def test_a_publish_time_without_its_offset_or_beyond_the_calendar_in_utc_is_refused(db, tmp_path):
    data = coverage()
    data["quotes"][0]["published_at"] = "2022-05-02T12:00:00"
    data["quotes"][1]["published_at"] = "0001-01-01T00:30:00+01:00"
    data["quotes"][2]["published_at"] = "9999-12-31T23:30:00-05:00"
    data["quotes"][3]["published_at"] = "yesterday"
    with pytest.raises(CommandError) as raised:
        load_file(tmp_path, json.dumps(data))
    message = str(raised.value)
    assert "nothing was written" in message
    assert "quotes[0].published_at: “2022-05-02T12:00:00” has no UTC offset: end it with Z or +00:00" in message
    assert "quotes[1].published_at: “0001-01-01T00:30:00+01:00” is outside the years 1 to 9999 in UTC" in message
    assert "quotes[2].published_at: “9999-12-31T23:30:00-05:00” is outside the years 1 to 9999 in UTC" in message
    assert "quotes[3].published_at: “yesterday” is not a time such as 2022-04-18T12:00:00Z" in message
    assert set(row_counts().values()) == {0}


def test_a_nul_character_is_refused_before_anything_is_written(db, tmp_path):
    # Valid JSON and within every length; PostgreSQL would refuse it mid-load, SQLite would store it.
    data = coverage()
    data["quotes"][0]["text"] = "bad \u0000 text"
    with pytest.raises(CommandError, match=r"NUL character \(\\u0000\) in quotes\[0\]\.text.*nothing was written"):
        load_file(tmp_path, json.dumps(data))
    assert set(row_counts().values()) == {0}


def test_a_tag_name_that_is_blank_or_too_long_is_refused_before_anything_is_written(db, tmp_path):
    # PostgreSQL would refuse the long name mid-load; SQLite would store both.
    data = coverage()
    data["quotes"][0]["tags"] = ["diplomacy", "  "]
    data["events"][0]["tags"] = ["x" * 101]
    with pytest.raises(CommandError) as raised:
        load_file(tmp_path, json.dumps(data))
    message = str(raised.value)
    assert "nothing was written" in message
    assert "quotes[0].tags[1]: a tag name cannot be blank" in message
    assert "events[0] (antonov-arrives-in-washington-as-ambassador).tags[0]: a tag name is at most 100" in message
    assert set(row_counts().values()) == {0}
    assert not Tag.objects.exists()


def test_a_row_the_models_refuse_rolls_back_the_whole_load(db, tmp_path):
    # Passes the file's own checks; fails model validation after outlets and people are written.
    data = coverage()
    data["articles"][-1]["url"] = "not a web address"
    with pytest.raises(CommandError, match="Enter a valid URL"):
        load_file(tmp_path, json.dumps(data))
    assert set(row_counts().values()) == {0}


def test_a_published_quote_naming_a_draft_person_rolls_back_the_whole_load(db, tmp_path):
    data = coverage()
    antonov = next(person for person in data["people"] if person["slug"] == "anatoly-antonov")
    antonov["status"] = "draft"
    with pytest.raises(CommandError, match="Anatoly Antonov's profile is not published"):
        load_file(tmp_path, json.dumps(data))
    assert set(row_counts().values()) == {0}


def test_demo_editor_prints_a_working_login(db):
    out = StringIO()
    call_command("demo_editor", stdout=out)
    match = re.fullmatch(r"Demo editor login: editor / (\S+)  ->  http://127\.0\.0\.1:8000/admin/\n", out.getvalue())
    assert match, out.getvalue()
    user = authenticate(login_request(), username="editor", password=match[1])
    assert user is not None and user.is_staff and user.is_superuser

    again = StringIO()
    call_command("demo_editor", stdout=again)
    new_password = again.getvalue().split(" / ")[1].split()[0]
    assert new_password != match[1]
    assert authenticate(login_request(), username="editor", password=match[1]) is None
    assert authenticate(login_request(), username="editor", password=new_password) is not None
    assert get_user_model().objects.filter(username="editor").count() == 1


def test_demo_editor_prints_a_login_that_works_at_once_after_a_lockout(client):
    """Five mistyped passwords lock the login out for 15 minutes: a run of ``make run`` lifts that."""
    for _ in range(5):
        client.post("/admin/login/", {"username": "editor", "password": "mistyped", "next": "/admin/"})
    out = StringIO()
    call_command("demo_editor", stdout=out)
    password = out.getvalue().split(" / ")[1].split()[0]

    response = client.post("/admin/login/", {"username": "editor", "password": password, "next": "/admin/"})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_demo_editor_prints_the_admin_address_it_is_given(db):
    """``make run PORT=8001`` serves elsewhere than 8000: the printed address says where."""
    out = StringIO()
    call_command("demo_editor", "--admin-url", "http://127.0.0.1:8001/admin/", stdout=out)
    assert out.getvalue().endswith("  ->  http://127.0.0.1:8001/admin/\n")


def test_demo_editor_dry_run_writes_nothing(db):
    out = StringIO()
    call_command("demo_editor", "--dry-run", stdout=out)
    assert "would create" in out.getvalue()
    assert not get_user_model().objects.exists()
