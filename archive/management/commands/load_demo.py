"""
Load the demo archive: ``python manage.py load_demo [--dry-run] [--file PATH]``.

The demo is the first coverage this archive holds (three articles about Anatoly
Antonov, Russia's ambassador to the United States, 2017-2024), curated by hand
in one JSON file, ``archive/demo/coverage.json``: outlets, organizations, people
with their alias names and posts, articles, events, and quotes with the
citations that report them.

Every row is found by its natural key (a slug; (person, name) for alias names;
(person, title, start) for posts; (speaker or unnamed source, text) for quotes;
(quote, article) for citations) and written only when a value differs, so a
second run changes nothing. The file is validated before anything is written,
and the load is one transaction: a bad file or a row the database refuses
leaves the database as it was.
"""

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction

from archive.dates import PartialDate, Precision
from archive.editorial import Status
from archive.models import Article, Citation, Event, Outlet, Quote
from archive.tags import TAG_LENGTH
from people.models import Organization, Person, PersonAlias, Role, default_sort_name

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "demo" / "coverage.json"
SLUG_RE = re.compile(r"^[-a-z0-9_]+$")

# What each kind of record may hold. A field is (type, required); types:
# "text" a string, "slug" a slug, "date" YYYY / YYYY-MM / YYYY-MM-DD or null,
# "datetime" an ISO 8601 time with its UTC offset, "int" a whole number or null,
# "tag" a tag's name (not blank, and short enough for a tag), "texts" / "slugs" / "tags" lists
# of those, "records" a list of nested records, "list" any list.
# Only references, dates and offsets may be null (unknown); leave other fields out instead.
NULLABLE = {"slug", "date", "int"}
PUBLISHING = {"status": ("text", False), "published_at": ("datetime", False)}
SCHEMA = {
    "outlets": {
        "slug": ("slug", True),
        "name": ("text", True),
        "url": ("text", False),
        "country": ("text", False),
        "language": ("text", False),
        "description": ("text", False),
    },
    "organizations": {
        "slug": ("slug", True),
        "name": ("text", True),
        "kind": ("text", False),
        "country": ("text", False),
        "description": ("text", False),
        "url": ("text", False),
        "wikidata_id": ("text", False),
    },
    "people": {
        "slug": ("slug", True),
        "name": ("text", True),
        "sort_name": ("text", False),
        "description": ("text", False),
        "biography": ("text", False),
        "country": ("text", False),
        "wikidata_id": ("text", False),
        "aliases": ("records", False),
        "roles": ("records", False),
        **PUBLISHING,
    },
    "people.aliases": {"name": ("text", True), "language": ("text", False)},
    "people.roles": {
        "title": ("text", True),
        "organization": ("slug", False),
        "start": ("date", False),
        "end": ("date", False),
    },
    "articles": {
        "slug": ("slug", True),
        "headline": ("text", True),
        "dek": ("text", False),
        "outlet": ("slug", False),
        "url": ("text", False),
        "authors": ("text", False),
        "translator": ("text", False),
        "published_on": ("date", False),
        "language": ("text", False),
        "summary": ("text", False),
        "notes": ("text", False),
        "people": ("slugs", False),
        "tags": ("tags", False),
        # Authoring only: the scraped text the citation offsets point into.
        "seed_file": ("text", False),
        **PUBLISHING,
    },
    "events": {
        "slug": ("slug", True),
        "title": ("text", True),
        "kind": ("text", False),
        "start": ("date", True),
        "end": ("date", False),
        "location": ("text", False),
        "description": ("text", False),
        "people": ("slugs", False),
        "articles": ("slugs", False),
        "tags": ("tags", False),
        **PUBLISHING,
    },
    "quotes": {
        "text": ("text", True),
        "speaker": ("slug", False),
        "unnamed_source": ("text", False),
        "said": ("date", False),
        "kind": ("text", False),
        "event": ("slug", False),
        "language": ("text", False),
        "original_text": ("text", False),
        "original_language": ("text", False),
        "notes": ("text", False),
        "tags": ("tags", False),
        "citations": ("records", True),
        **PUBLISHING,
    },
    "quotes.citations": {
        "article": ("slug", True),
        "passage": ("text", False),
        "start_offset": ("int", False),
        "end_offset": ("int", False),
    },
}
TOP_LEVEL = {
    "about": ("text", False),
    "status": ("text", False),
    "published_at": ("datetime", False),
    **dict.fromkeys(("outlets", "organizations", "people", "articles", "events", "quotes"), ("list", True)),
}
# Sections in load order, with the words the summary uses for them.
LABELS = {
    Outlet: "outlets",
    Organization: "organizations",
    Person: "people",
    PersonAlias: "alias names",
    Role: "roles",
    Article: "articles",
    Event: "events",
    Quote: "quotes",
    Citation: "citations",
}


def parse_date(text):
    """A partial date string as a PartialDate, None as None; raises ValueError."""
    if text is None:
        return None
    return PartialDate.parse(text)


def parse_datetime(text):
    """An ISO 8601 time with its UTC offset, in UTC as it is stored; raises ValueError saying what is wrong."""
    try:
        value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"“{text}” is not a time such as 2022-04-18T12:00:00Z") from None
    if value.tzinfo is None:
        raise ValueError(f"“{text}” has no UTC offset: end it with Z or +00:00.")
    try:
        return value.astimezone(datetime.UTC)
    except OverflowError:
        raise ValueError(f"“{text}” is outside the years 1 to 9999 in UTC") from None


def date_fields(date_field, precision_field, text):
    """The two model columns of a partial date, from "2017", "2022-04", "2017-12-01" or None."""
    value = parse_date(text)
    if value is None:
        return {date_field: None, precision_field: Precision.DAY}
    return {date_field: value.date, precision_field: value.precision}


class Validator:
    """Checks the whole file and collects every problem, so one run reports them all."""

    def __init__(self, data):
        self.data = data
        self.errors = []

    def error(self, where, message):
        self.errors.append(f"{where}: {message}")

    def validate(self):
        if not isinstance(self.data, dict):
            self.error("the file", "expected a JSON object with outlets, organizations, people, ...")
            return self.errors
        self.check_record("the file", self.data, TOP_LEVEL, None)
        if self.errors:
            return self.errors
        for section in ("outlets", "organizations", "people", "articles", "events", "quotes"):
            for index, record in enumerate(self.data[section]):
                self.check_record(self.where(section, index, record), record, SCHEMA[section], section)
        if not self.errors:
            self.check_meaning()
        return self.errors

    @staticmethod
    def where(section, index, record):
        key = record.get("slug") if isinstance(record, dict) else None
        return f"{section}[{index}]" + (f" ({key})" if key else "")

    def check_record(self, where, record, schema, section):
        if not isinstance(record, dict):
            self.error(where, "expected an object")
            return
        for name in record.keys() - schema.keys():
            self.error(where, f"unknown field “{name}” (expected one of: {', '.join(sorted(schema))})")
        for name, (kind, required) in schema.items():
            if record.get(name) is None:
                if required:
                    self.error(where, f"“{name}” is required")
                elif name in record and kind not in NULLABLE:
                    self.error(f"{where}.{name}", "must not be null (leave it out instead)")
                continue
            self.check_value(f"{where}.{name}", record[name], kind, f"{section}.{name}" if section else name)

    def check_value(self, where, value, kind, nested):
        if kind in {"text", "slug"}:
            if not isinstance(value, str):
                self.error(where, "expected a string")
            elif kind == "slug" and not SLUG_RE.match(value):
                self.error(where, f"“{value}” is not a slug (lower-case letters, digits and hyphens)")
        elif kind == "tag":
            if not isinstance(value, str):
                self.error(where, "expected a string")
            elif not value.strip():
                self.error(where, "a tag name cannot be blank")
            elif len(value) > TAG_LENGTH:
                self.error(where, f"a tag name is at most {TAG_LENGTH} characters: “{value[:40]}…” has {len(value)}")
        elif kind == "date":
            try:
                parse_date(value if isinstance(value, str) else "")
            except ValueError as exc:
                self.error(where, str(exc))
        elif kind == "datetime":
            try:
                parse_datetime(value if isinstance(value, str) else str(value))
            except ValueError as exc:
                self.error(where, str(exc))
        elif kind == "int":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                self.error(where, "expected a whole number, 0 or more, or null")
        elif kind in {"texts", "slugs", "tags"}:
            if not isinstance(value, list):
                self.error(where, "expected a list")
                return
            for index, item in enumerate(value):
                self.check_value(f"{where}[{index}]", item, kind[:-1], nested)
        elif kind == "list":
            if not isinstance(value, list):
                self.error(where, "expected a list")
        elif kind == "records":
            if not isinstance(value, list):
                self.error(where, "expected a list")
            elif nested in SCHEMA:
                for index, item in enumerate(value):
                    self.check_record(f"{where}[{index}]", item, SCHEMA[nested], None)

    def check_meaning(self):
        """References resolve, keys are unique, choices and dates make sense."""
        data = self.data
        slugs = {}
        for section in ("outlets", "organizations", "people", "articles", "events"):
            slugs[section] = set()
            for index, record in enumerate(data[section]):
                if record["slug"] in slugs[section]:
                    self.error(self.where(section, index, record), "this slug is used twice")
                slugs[section].add(record["slug"])

        self.check_choice("the file.status", data.get("status", Status.PUBLISHED), Status)
        for index, record in enumerate(data["organizations"]):
            where = self.where("organizations", index, record)
            self.check_choice(f"{where}.kind", record.get("kind"), Organization.Kind)
        for index, record in enumerate(data["people"]):
            where = self.where("people", index, record)
            self.check_choice(f"{where}.status", record.get("status"), Status)
            names = [alias["name"] for alias in record.get("aliases", [])]
            if len(names) != len(set(names)):
                self.error(f"{where}.aliases", "an alias name is listed twice")
            for role_index, role in enumerate(record.get("roles", [])):
                role_where = f"{where}.roles[{role_index}]"
                self.check_ref(role_where, role.get("organization"), "organizations", slugs)
                self.check_span(role_where, role.get("start"), role.get("end"))
        urls = set()
        for index, record in enumerate(data["articles"]):
            where = self.where("articles", index, record)
            self.check_choice(f"{where}.status", record.get("status"), Status)
            self.check_ref(where, record.get("outlet"), "outlets", slugs)
            for slug in record.get("people", []):
                self.check_ref(where, slug, "people", slugs)
            if record.get("url"):
                if record["url"] in urls:
                    self.error(where, f"the URL {record['url']} belongs to another article too")
                urls.add(record["url"])
        for index, record in enumerate(data["events"]):
            where = self.where("events", index, record)
            self.check_choice(f"{where}.status", record.get("status"), Status)
            self.check_choice(f"{where}.kind", record.get("kind"), Event.Kind)
            self.check_span(where, record.get("start"), record.get("end"))
            for slug in record.get("people", []):
                self.check_ref(where, slug, "people", slugs)
            for slug in record.get("articles", []):
                self.check_ref(where, slug, "articles", slugs)
        self.check_quotes(slugs)

    def check_quotes(self, slugs):
        seen = set()
        for index, record in enumerate(self.data["quotes"]):
            where = f"quotes[{index}] (“{record['text'][:40]}”)"
            self.check_choice(f"{where}.status", record.get("status"), Status)
            self.check_choice(f"{where}.kind", record.get("kind"), Quote.Kind)
            if not record["text"].strip():
                self.error(where, "the text is empty")
            speaker, source = record.get("speaker"), record.get("unnamed_source", "")
            if bool(speaker) == bool(source):
                self.error(where, "give either a speaker (a person's slug) or an unnamed_source, not both or neither")
            self.check_ref(where, speaker, "people", slugs)
            self.check_ref(where, record.get("event"), "events", slugs)
            key = (speaker, source, record["text"])
            if key in seen:
                self.error(where, "the same speaker and text appear twice; give the quote more citations instead")
            seen.add(key)
            if not record["citations"]:
                self.error(where, "a quote needs at least one citation")
            articles = set()
            for citation_index, citation in enumerate(record["citations"]):
                citation_where = f"{where}.citations[{citation_index}]"
                self.check_ref(citation_where, citation["article"], "articles", slugs)
                if citation["article"] in articles:
                    self.error(citation_where, "this article already cites the quote")
                articles.add(citation["article"])
                start, end = citation.get("start_offset"), citation.get("end_offset")
                if start is not None and end is not None:
                    if end < start:
                        self.error(citation_where, "end_offset comes before start_offset")
                    elif end - start != len(citation.get("passage", "")):
                        self.error(citation_where, "the offsets do not span the passage (end - start ≠ its length)")

    def check_ref(self, where, slug, section, slugs):
        if slug and slug not in slugs[section]:
            self.error(where, f"no {section} entry has the slug “{slug}”")

    def check_choice(self, where, value, choices):
        if value is not None and value not in choices.values:
            self.error(where, f"“{value}” is not one of: {', '.join(choices.values)}")

    def check_span(self, where, start, end):
        if start and end and parse_date(end).last_day < parse_date(start).date:
            self.error(where, f"ends ({end}) before it starts ({start})")


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self):
        return self.created + self.updated + self.unchanged


class Loader:
    """Writes validated coverage, touching only rows whose values differ."""

    def __init__(self, data):
        self.data = data
        self.tallies = {label: Tally() for label in LABELS.values()}
        self.status = data.get("status", Status.PUBLISHED)
        self.published_at = parse_datetime(data["published_at"]) if data.get("published_at") else None

    def load(self):
        outlets = {r["slug"]: self.outlet(r) for r in self.data["outlets"]}
        organizations = {r["slug"]: self.organization(r) for r in self.data["organizations"]}
        people = {r["slug"]: self.person(r, organizations) for r in self.data["people"]}
        articles = {r["slug"]: self.article(r, outlets, people) for r in self.data["articles"]}
        events = {r["slug"]: self.event(r, people, articles) for r in self.data["events"]}
        for record in self.data["quotes"]:
            self.quote(record, people, events, articles)
        return self.tallies

    # One method per kind of record.

    def outlet(self, r):
        values = {name: r.get(name, "") for name in ("name", "url", "country", "description")}
        values["language"] = r.get("language", "en")
        obj, state = self.upsert(Outlet, {"slug": r["slug"]}, values)
        return self.count(obj, state)

    def organization(self, r):
        values = {name: r.get(name, "") for name in ("name", "country", "description", "url", "wikidata_id")}
        values["kind"] = r.get("kind", Organization.Kind.OTHER)
        obj, state = self.upsert(Organization, {"slug": r["slug"]}, values)
        return self.count(obj, state)

    def person(self, r, organizations):
        values = {name: r.get(name, "") for name in ("name", "description", "biography", "country", "wikidata_id")}
        values["sort_name"] = r.get("sort_name") or default_sort_name(r["name"])
        values.update(self.publishing(r))
        fallback = {"wikidata_id": values["wikidata_id"]} if values["wikidata_id"] else None
        person, state = self.upsert(Person, {"slug": r["slug"]}, values, fallback=fallback)
        self.count(person, state)
        for alias in r.get("aliases", []):
            lookup = {"person_id": person.pk, "name": alias["name"]}
            self.count(*self.upsert(PersonAlias, lookup, {"language": alias.get("language", "")}))
        for role in r.get("roles", []):
            start = date_fields("start_date", "start_precision", role.get("start"))
            lookup = {"person_id": person.pk, "title": role["title"], "start_date": start["start_date"]}
            values = {
                "start_precision": start["start_precision"],
                **date_fields("end_date", "end_precision", role.get("end")),
                "organization_id": organizations[role["organization"]].pk if role.get("organization") else None,
            }
            self.count(*self.upsert(Role, lookup, values))
        return person

    def article(self, r, outlets, people):
        names = ("headline", "dek", "url", "authors", "translator", "summary", "notes")
        values = {name: r.get(name, "") for name in names}
        values["language"] = r.get("language", "en")
        values["outlet_id"] = outlets[r["outlet"]].pk if r.get("outlet") else None
        values.update(date_fields("published_on", "published_on_precision", r.get("published_on")))
        values["body"] = ""
        values.update(self.publishing(r))
        fallback = {"url": values["url"]} if values["url"] else None
        article, state = self.upsert(Article, {"slug": r["slug"]}, values, fallback=fallback)
        changed = self.set_related(article, "people", [people[slug] for slug in r.get("people", [])])
        changed |= self.set_tags(article, r.get("tags", []))
        return self.count(article, state, changed)

    def event(self, r, people, articles):
        values = {name: r.get(name, "") for name in ("title", "location", "description")}
        values["kind"] = r.get("kind", Event.Kind.OTHER)
        values.update(date_fields("start_date", "start_precision", r["start"]))
        values.update(date_fields("end_date", "end_precision", r.get("end")))
        values.update(self.publishing(r))
        event, state = self.upsert(Event, {"slug": r["slug"]}, values)
        changed = self.set_related(event, "people", [people[slug] for slug in r.get("people", [])])
        changed |= self.set_related(event, "articles", [articles[slug] for slug in r.get("articles", [])])
        changed |= self.set_tags(event, r.get("tags", []))
        return self.count(event, state, changed)

    def quote(self, r, people, events, articles):
        speaker = people[r["speaker"]] if r.get("speaker") else None
        lookup = {
            "speaker_id": speaker.pk if speaker else None,
            "unnamed_source": "" if speaker else r["unnamed_source"],
            "text": r["text"],
        }
        values = {
            "kind": r.get("kind", Quote.Kind.DIRECT),
            "event_id": events[r["event"]].pk if r.get("event") else None,
            "language": r.get("language", "en"),
            **{name: r.get(name, "") for name in ("original_text", "original_language", "notes")},
            **date_fields("said_on", "said_on_precision", r.get("said")),
            **self.publishing(r),
        }
        quote, state = self.upsert(Quote, lookup, values)
        self.count(quote, state, self.set_tags(quote, r.get("tags", [])))
        for citation in r["citations"]:
            lookup = {"quote_id": quote.pk, "article_id": articles[citation["article"]].pk}
            values = {name: citation.get(name) for name in ("start_offset", "end_offset")}
            values["passage"] = citation.get("passage", "")
            self.count(*self.upsert(Citation, lookup, values))
        return quote

    # The machinery.

    def publishing(self, r):
        return {
            "status": r.get("status", self.status),
            "published_at": parse_datetime(r["published_at"]) if r.get("published_at") else self.published_at,
        }

    @staticmethod
    def upsert(model, lookup, values, fallback=None):
        """Find by ``lookup`` (then ``fallback``), create or update; returns (object, state)."""
        obj = model.objects.filter(**lookup).first()
        if obj is None and fallback:
            # Adopt a row an editor or the importer created under another slug.
            obj = model.objects.filter(**fallback).first()
        state = "created" if obj is None else "unchanged"
        if obj is None:
            obj = model()
        for name, value in {**lookup, **values}.items():
            if getattr(obj, name) != value:
                setattr(obj, name, value)
                state = "updated" if state == "unchanged" else state
        if state != "unchanged":
            try:
                obj.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                raise CommandError(f"{model._meta.verbose_name} {lookup}: {'; '.join(exc.messages)}") from exc
            obj.save()
        return obj, state

    @staticmethod
    def set_related(obj, name, targets):
        manager = getattr(obj, name)
        wanted = {target.pk for target in targets}
        if set(manager.values_list("pk", flat=True)) == wanted:
            return False
        manager.set(wanted)
        return True

    @staticmethod
    def set_tags(obj, names):
        wanted = sorted({name.lower() for name in names})
        if sorted(name.lower() for name in obj.tags.names()) == wanted:
            return False
        obj.tags.set(wanted)
        return True

    def count(self, obj, state, related_changed=False):
        if related_changed and state == "unchanged":
            state = "updated"
        tally = self.tallies[LABELS[type(obj)]]
        setattr(tally, state, getattr(tally, state) + 1)
        return obj


def nul_character(value, where="the file"):
    """Where in the decoded JSON a string holds a NUL character (``quotes[0].text``), or None."""
    if isinstance(value, str):
        return where if "\x00" in value else None
    if isinstance(value, dict):
        items = ((f"{where}.{key}" if where != "the file" else str(key), item) for key, item in value.items())
    elif isinstance(value, list):
        items = ((f"{where}[{index}]", item) for index, item in enumerate(value))
    else:
        return None
    return next((found for path, item in items if (found := nul_character(item, path)) is not None), None)


class Command(BaseCommand):
    help = (
        "Load the curated demo archive (three articles about Anatoly Antonov, with their people, events, quotes "
        "and citations). Safe to run again: rows are matched by natural keys and only changed values are written."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            type=Path,
            default=DEFAULT_FILE,
            help="The coverage JSON to load (default: archive/demo/coverage.json).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and report what would change without writing anything."
        )

    def handle(self, *args, file, dry_run=False, **options):
        data = self.read(file)
        errors = Validator(data).validate()
        if errors:
            shown = "\n  ".join(errors[:20])
            more = f"\n  ... and {len(errors) - 20} more" if len(errors) > 20 else ""
            raise CommandError(
                f"{self.display(file)} is not valid demo coverage; nothing was written:\n  {shown}{more}"
            )
        try:
            with transaction.atomic():
                tallies = Loader(data).load()
                if dry_run:
                    transaction.set_rollback(True)
        except IntegrityError as exc:
            raise CommandError(f"The database refused the demo coverage; nothing was written: {exc}") from exc
        self.report(file, tallies, dry_run, options["verbosity"])

    def read(self, path):
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CommandError(f"No such file: {path}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        try:
            data = json.loads(text)
            where = nul_character(data)
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"{self.display(path)} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
                "nothing was written."
            ) from exc
        except RecursionError:
            raise CommandError(
                f"{self.display(path)} nests lists and objects too deeply to be coverage; nothing was written."
            ) from None
        if where is not None:
            raise CommandError(
                f"{self.display(path)} has a NUL character (\\u0000) in {where}, which no text may hold; "
                "nothing was written."
            )
        return data

    @staticmethod
    def display(path):
        path = Path(path).resolve()
        try:
            return str(path.relative_to(Path(settings.BASE_DIR).resolve()))
        except ValueError:
            return str(path)

    def report(self, path, tallies, dry_run, verbosity):
        created = sum(t.created for t in tallies.values())
        updated = sum(t.updated for t in tallies.values())
        unchanged = sum(t.unchanged for t in tallies.values())
        counts = ", ".join(f"{tally.total} {label}" for label, tally in tallies.items())
        if verbosity >= 2:
            for label, tally in tallies.items():
                self.stdout.write(
                    f"  {label}: {tally.created} created, {tally.updated} updated, {tally.unchanged} unchanged"
                )
        if dry_run:
            message = (
                f"Dry run, nothing written. {self.display(path)} holds {counts}: "
                f"{created} rows would be created, {updated} updated, {unchanged} already up to date."
            )
        else:
            message = (
                f"Loaded the demo archive from {self.display(path)}: {counts} "
                f"({created} created, {updated} updated, {unchanged} unchanged)."
            )
        self.stdout.write(self.style.SUCCESS(message))
