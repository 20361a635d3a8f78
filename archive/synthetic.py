"""
A synthetic archive of any size, for benchmarks and load tests: ``manage.py generate_synthetic``.

It looks like the real thing where performance depends on it:

- a few speakers say most of the quotes (Zipf over people), tags and outlets are Zipf too;
- dates run from 2000 to today (events into the future), ~80% known to the day, 15% to
  the month, 5% to the year, ~1% unknown;
- each quote has 1-4 citations from articles published around the day it was said;
- people have 1-3 alias names (other spellings, accents, Cyrillic) and posts held;
- events have people, covering articles and tags; ~10% of quotes were said at one;
- ~5% of everything is a draft (or in review) and ~1% is scheduled for the future;
- the search index holds a document for every object, as ``archive.search.documents``
  would build it.

The same sizes and seed give the same archive. Rows are written by ``archive.bulk``
(``COPY`` on PostgreSQL, ``executemany`` on SQLite) with ids given up front: no
``save()``, no signals, no history rows.

Everything synthetic is marked: slugs start with ``syn-`` and quotes carry
``SYNTHETIC_NOTE`` in their editors' notes, so ``real_content()`` can tell an archive
with editors' work in it (which the command refuses to touch without ``--force``).
"""

import bisect
import datetime
import itertools
import random
import time
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from archive.bulk import Adapter, DeferredIndexes, RowWriter, next_id, reset_sequences
from archive.dates import Precision
from archive.editorial import Status
from archive.models import Article, Citation, Event, Outlet, Quote, SearchDocument
from archive.search import indexing
from archive.search.documents import SEPARATOR
from people.models import Organization, Person, PersonAlias, Role

SLUG_PREFIX = "syn-"


def words(text):
    return tuple(text.split())


def names(text):
    return tuple(text.split("|"))


SYNTHETIC_NOTE = "Synthetic content (manage.py generate_synthetic)."
FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2026, 12, 31)

# Words of the quotes and headlines: common words first (Zipf ranks), so "the" is
# everywhere, "russia" common and the tail rare. RARE_WORDS appear a handful of times each.
WORDS = words(
    "the of and to in a that is we for it not on with this be are will as our have by they russia "
    "united states ukraine sanctions ambassador embassy talks government president minister foreign "
    "security peace war agreement nuclear border treaty relations dialogue washington moscow kyiv "
    "europe nato china council diplomatic visit statement support pressure cooperation trade energy "
    "gas oil election interference expulsion consulate spokesperson ceasefire negotiations summit "
    "alliance partners military aid weapons crisis humanitarian refugees annexation crimea donbas "
    "sovereignty territorial integrity intelligence cyber attack hackers disinformation media press "
    "freedom journalist detained prisoner exchange release hostage espionage spy arrested charged "
    "court sanctioned frozen assets oligarch bank export ban import tariff grain corridor shipping "
    "black sea baltic arctic missile defense shield deployment troops exercise drills warning threat "
    "escalation deescalation stability region neighbors allies friends enemies history memory "
    "victory anniversary ceremony wreath laying credentials presented received meeting lunch dinner "
    "reception residence protest demonstrators note protest summoned charge affaires mission "
    "delegation envoy special representative secretary general assembly resolution vote veto "
    "abstained condemned welcomed regret concern deeply serious unacceptable provocation responsible "
    "constructive pragmatic approach step forward backward progress obstacles channels open closed "
    "dialogue necessary possible impossible never always today tomorrow"
)
RARE_WORDS = [
    f"{first}{second}"
    for first, second in itertools.product(
        ["zeph", "quor", "vell", "thran", "mirk", "osk", "brel", "cyv", "drum", "fenn"],
        ["ira", "ostan", "idel", "uvar", "enko", "ashi", "olith", "umbra", "ysk", "evet"],
    )
]
FIRST_NAMES = words(
    "Anatoly Sergei Maria Olga Dmitry Elena John Mary James Linda Robert Patricia Michael Barbara "
    "William Susan David Karen Richard Nancy Thomas Lisa Charles Sandra Daniel Ashley Matthew Emily "
    "Andriy Oksana Volodymyr Iryna Mykola Kateryna Hans Greta Pierre Sophie Giulia Marco Ana Javier "
    "Li Wei Yuki Hiroshi Ahmed Fatima Ali Leyla Jan Agnieszka Tomas Ingrid Lars Nils Mikko Aino "
    "Piotr Zofia Viktor Natalia Alexei Tatiana Pavel Yulia"
)
LAST_NAMES = words(
    "Antonov Lavrov Zakharova Peskov Nebenzya Kuleba Zelensky Markarova Stefanchuk Blinken Sullivan "
    "Nuland Sherman Thomas Greenfield Smith Johnson Williams Brown Jones Miller Davis Garcia "
    "Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Taylor Moore Jackson Martin Lee "
    "Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright "
    "Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter "
    "Roberts Muller Schmidt Schneider Fischer Weber Meyer Wagner Becker Dubois Laurent Moreau Rossi "
    "Russo Ferrari Kowalski Nowak Wisniewski Novak Horvat Petrov Ivanov Smirnov Kuznetsov Popov "
    "Sokolov Lebedev Kozlov Novikov Morozov Volkov Shevchenko Bondarenko Kovalenko Tkachenko "
    "Kravchenko Oliynyk Yamamoto Tanaka Suzuki Chen Wang Zhang Liu Yang Huang Kim Park Choi Rahman "
    "Hussain Khan Haddad Nasser Andersson Johansson Virtanen Korhonen Jensen Nielsen Hansen"
)
ACCENTED = {"e": "é", "a": "á", "o": "ó", "u": "ü", "i": "í"}
CYRILLIC = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyz",
        ["а", "б", "к", "д", "е", "ф", "г", "х", "и", "й", "к", "л", "м", "н", "о", "п", "к", "р", "с", "т", "у"]
        + ["в", "в", "кс", "ы", "з"],
        strict=True,
    )
)
COUNTRIES = names(
    "Russia|Ukraine|United States|United Kingdom|France|Germany|Poland|China|Japan|India|Turkey|"
    "Italy|Spain|Finland|Sweden|Norway|Estonia|Latvia|Lithuania|Belarus|Georgia|Moldova|Canada|"
    "Brazil"
)
CITIES = names(
    "Washington|Moscow|Kyiv|Brussels|Geneva|Vienna|New York|London|Paris|Berlin|Warsaw|Helsinki|"
    "Istanbul|Beijing|Tokyo|Minsk|Tbilisi|Vilnius|Riga|Tallinn|Rome|Madrid|Ottawa|Munich"
)
POSTS = [
    "ambassador to the United States",
    "ambassador to the United Kingdom",
    "foreign minister",
    "deputy foreign minister",
    "permanent representative to the United Nations",
    "press secretary",
    "spokesperson of the foreign ministry",
    "national security adviser",
    "secretary of state",
    "chargé d'affaires",
    "consul general",
    "special envoy",
]
OUTLET_WORDS = words(
    "Daily Courier Herald Gazette Observer Tribune Monitor Review Post Times Chronicle Dispatch "
    "Ledger Sentinel Bulletin Digest Journal Telegraph Wire Express Standard Record Beacon Voice "
    "Mirror"
)
UNNAMED_SOURCES = [
    "a State Department spokesperson",
    "a senior administration official",
    "a Kremlin source",
    "a European diplomat",
    "an official familiar with the talks",
]
WORD_POOL = 500_000
SQLITE_CACHE_KIB = 1_000_000
KINDS = [kind for kind, _ in Quote.Kind.choices]
EVENT_KINDS = list(Event.Kind)

# The tables that grow with the archive: their secondary indexes are built once, after the load.
BULK_MODELS = [
    Article,
    Quote,
    Citation,
    TaggedItem,
    SearchDocument,
    Article.people.through,
    Event.people.through,
    Event.articles.through,
]

SIZES = {"quotes": 1_000_000, "articles": 100_000, "people": 20_000, "events": 50_000}


@dataclass(frozen=True)
class Sizes:
    quotes: int
    articles: int
    people: int
    events: int

    @classmethod
    def scaled(cls, scale):
        """The benchmark's sizes (a million quotes) times ``scale``, at least one of each."""
        return cls(**{name: max(1, round(size * scale)) for name, size in SIZES.items()})

    def key(self, seed):
        return f"q{self.quotes}-a{self.articles}-p{self.people}-e{self.events}-s{seed}"


@dataclass
class TableStat:
    rows: int = 0
    seconds: float = 0.0

    @property
    def rate(self):
        return self.rows / self.seconds if self.seconds else 0.0


@dataclass
class Report:
    tables: dict = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, table, rows, seconds):
        stat = self.tables.setdefault(table, TableStat())
        stat.rows += rows
        stat.seconds += seconds

    @property
    def rows(self):
        return sum(stat.rows for stat in self.tables.values())


def real_content():
    """Models holding rows an editor (or the demo loader) made rather than this generator: names."""
    checks = {
        "people": Person.objects.exclude(slug__startswith=SLUG_PREFIX),
        "outlets": Outlet.objects.exclude(slug__startswith=SLUG_PREFIX),
        "articles": Article.objects.exclude(slug__startswith=SLUG_PREFIX),
        "events": Event.objects.exclude(slug__startswith=SLUG_PREFIX),
        "organizations": Organization.objects.exclude(slug__startswith=SLUG_PREFIX),
        "quotes": Quote.objects.exclude(notes=SYNTHETIC_NOTE),
    }
    return [name for name, queryset in checks.items() if queryset.exists()]


def joined(*parts):
    """``archive.search.documents.joined`` for text known to be clean (generated here): the same result, faster."""
    return SEPARATOR.join(part for part in parts if part)


def zipf_weights(count, exponent=1.0):
    """Cumulative weights for ``random.choices``: rank r is drawn in proportion to 1 / r**exponent."""
    return list(itertools.accumulate(1 / (rank**exponent) for rank in range(1, count + 1)))


class Generator:
    """Writes one synthetic archive; ``run()`` returns a Report of rows and seconds per table."""

    def __init__(self, sizes, seed=0, batch=20_000, log=None):
        self.sizes = sizes
        self.seed = seed
        self.batch = max(1, batch)
        self.log = log or (lambda message: None)
        self.rng = random.Random(seed)
        self.report = Report()
        self.now = timezone.now().replace(microsecond=0)
        self.today = timezone.localdate()
        self.adapter = Adapter(connection)
        self.stamp = self.adapter.datetime(self.now)
        self._prepare_dates()

    # Shared pools: every date of the span, adapted once, with its truncations and a publish time.

    def _prepare_dates(self):
        days = (LAST_DAY - FIRST_DAY).days + 1
        self.dates = [FIRST_DAY + datetime.timedelta(days=offset) for offset in range(days)]
        self.past_days = bisect.bisect_right(self.dates, self.today)
        date = self.adapter.date
        self.adapted = {
            Precision.DAY: [date(day) for day in self.dates],
            Precision.MONTH: [date(day.replace(day=1)) for day in self.dates],
            Precision.YEAR: [date(day.replace(month=1, day=1)) for day in self.dates],
        }
        latest = self.now - datetime.timedelta(hours=1)
        self.publish_times = [
            self.adapter.datetime(min(datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC), latest))
            for day in self.dates
        ]

    def precision(self):
        draw = self.rng.random()
        if draw < 0.80:
            return Precision.DAY
        return Precision.MONTH if draw < 0.95 else Precision.YEAR

    def editorial(self, day_index):
        """(status, published_at, public): ~94% public, ~5% drafts or in review, ~1% scheduled."""
        draw = self.rng.random()
        if draw < 0.04:
            return Status.DRAFT, None, False
        if draw < 0.05:
            return Status.REVIEW, None, False
        if draw < 0.06:
            later = self.now + datetime.timedelta(days=self.rng.randint(1, 120), hours=self.rng.randint(0, 23))
            return Status.PUBLISHED, self.adapter.datetime(later), False
        return Status.PUBLISHED, self.publish_times[day_index], True

    def text(self, low, high):
        """``low`` to ``high`` words: a slice of a long Zipf-drawn sequence (drawing each word costs too much)."""
        rng = self.rng
        count = rng.randint(low, high)
        start = rng.randrange(len(self.word_pool) - count)
        words = self.word_pool[start : start + count]
        if rng.random() < 0.02:
            words.insert(rng.randrange(count), rng.choice(RARE_WORDS))
        return " ".join(words).capitalize() + "."

    # The run.

    def run(self):
        started = time.perf_counter()
        self.word_pool = self.rng.choices(WORDS, cum_weights=zipf_weights(len(WORDS), 1.0), k=WORD_POOL)
        self.ids = {
            model: next_id(model)
            for model in (Outlet, Tag, Organization, Person, PersonAlias, Role, Article, Event, Quote, Citation)
        }
        self.ids[TaggedItem] = next_id(TaggedItem)
        self.ids[SearchDocument] = next_id(SearchDocument)
        for through in (Article.people.through, Event.people.through, Event.articles.through):
            self.ids[through] = next_id(through)
        self.content_types = {model: ContentType.objects.get_for_model(model).pk for model in (Article, Event, Quote)}
        self.writers = {}
        if connection.vendor == "sqlite":
            # A page cache big enough for the indexes being filled in random order (default: 2 MB);
            # no fsync per commit: a synthetic load that dies with the machine is simply run again.
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
                cursor.execute("PRAGMA synchronous = OFF")
        elif connection.vendor == "postgresql":
            # Commits need not wait for the WAL to reach the disk (a crash loses the last batches, nothing else).
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit = off")
        self.search = load = indexing.BulkLoad()
        load.begin()
        # Ids are given and point at rows written just before: checking each foreign key costs more than the write.
        checks_were_on = connection.disable_constraint_checking()
        deferred = DeferredIndexes(BULK_MODELS)
        deferred.__enter__()
        try:
            self.outlets_and_tags()
            self.people()
            self.articles()
            self.events()
            self.quotes()
        finally:
            flush_started = time.perf_counter()
            load.flush()
            self.report.add(SearchDocument._meta.db_table, 0, time.perf_counter() - flush_started)
            self.log("Building the indexes…")
            index_started = time.perf_counter()
            deferred.__exit__(None, None, None)
            self.report.add("indexes (built once)", 0, time.perf_counter() - index_started)
            if checks_were_on:
                connection.enable_constraint_checking()
            self.log("Building the full-text index…")
            index_started = time.perf_counter()
            load.end()
            self.report.add("full-text index (built once)", 0, time.perf_counter() - index_started)
        with transaction.atomic():
            reset_sequences(list(self.ids))
        self.report.seconds = time.perf_counter() - started
        return self.report

    def writer(self, model, fields):
        key = (model, tuple(fields))
        if key not in self.writers:
            self.writers[key] = RowWriter(model, fields, self.now)
        return self.writers[key]

    def write(self, model, fields, rows, label=None):
        if not rows:
            return
        started = time.perf_counter()
        self.writer(model, fields).write(rows)
        self.report.add(label or model._meta.db_table, len(rows), time.perf_counter() - started)

    def one(self, model):
        pk = self.ids[model]
        self.ids[model] = pk + 1
        return pk

    def take_ids(self, model, count):
        first = self.ids[model]
        self.ids[model] = first + count
        return range(first, first + count)

    def flush_documents(self, rows):
        started = time.perf_counter()
        self.search.insert(rows)
        self.report.add(SearchDocument._meta.db_table, len(rows), time.perf_counter() - started)

    def tag_rows(self, model, object_id, count):
        """TaggedItem rows and the tag names for one object: ``count`` distinct Zipf-drawn tags."""
        tags = set(self.rng.choices(self.tag_ids, cum_weights=self.tag_weights, k=count)) if count else ()
        content_type = self.content_types[model]
        rows = [
            (item_id, tag, content_type, object_id)
            for item_id, tag in zip(self.take_ids(TaggedItem, len(tags)), sorted(tags), strict=True)
        ]
        return rows, [self.tag_names[tag] for tag in sorted(tags)]

    def outlets_and_tags(self):
        rng = self.rng
        count = 50
        outlets = []
        self.outlet_names = {}
        for outlet_id in self.take_ids(Outlet, count):
            name = f"The {rng.choice(OUTLET_WORDS)} {rng.choice(OUTLET_WORDS)} {outlet_id}"
            slug = f"{SLUG_PREFIX}outlet-{outlet_id}"
            self.outlet_names[outlet_id] = name
            outlets.append((outlet_id, name, slug, f"https://{slug}.example/", rng.choice(COUNTRIES)))
        with transaction.atomic():
            self.write(Outlet, ["id", "name", "slug", "url", "country"], outlets)
        self.outlet_ids = list(self.outlet_names)
        self.outlet_weights = zipf_weights(len(self.outlet_ids), 0.9)

        # About two hundred tags, reusing any that exist (tag names are unique).
        names = [word for word in WORDS[21:] if len(word) > 3][:120]
        names += [f"{a} {b}" for a, b in zip(names[:80], names[40:120], strict=False)]
        names = list(dict.fromkeys(names))[:200]
        existing = {tag.name.lower(): tag.pk for tag in Tag.objects.filter(name__in=names)}
        new = [name for name in names if name.lower() not in existing]
        rows = []
        for tag_id, name in zip(self.take_ids(Tag, len(new)), new, strict=True):
            rows.append((tag_id, name, f"{SLUG_PREFIX}{name.replace(' ', '-')}"))
            existing[name.lower()] = tag_id
        with transaction.atomic():
            self.write(Tag, ["id", "name", "slug"], rows)
        self.tag_ids = [existing[name.lower()] for name in names]
        self.tag_names = {existing[name.lower()]: name for name in names}
        self.tag_weights = zipf_weights(len(self.tag_ids), 1.0)

    def aliases_of(self, first, last):
        rng = self.rng
        names = {f"{first[0]}. {last}"}
        spelled = f"{first} {last}".replace("y", "iy") if "y" in first else f"{first} {last}".replace("i", "y", 1)
        names.add(spelled)
        if rng.random() < 0.4:
            vowel = rng.choice([v for v in ACCENTED if v in last] or ["e"])
            names.add(f"{first} {last.replace(vowel, ACCENTED[vowel], 1)}")
        if rng.random() < 0.5:
            names.add("".join(CYRILLIC.get(char.lower(), char) for char in f"{first} {last}").title())
        chosen = sorted(names)
        rng.shuffle(chosen)
        return chosen[: rng.randint(1, 3)], ["en", "en", "ru"]

    def people(self):
        rng = self.rng
        sizes = self.sizes
        organizations = []
        org_count = max(1, min(300, sizes.people // 20 + 5))
        for org_id in self.take_ids(Organization, org_count):
            country = rng.choice(COUNTRIES)
            kind = rng.choice(list(Organization.Kind))
            organizations.append(
                (org_id, f"{country} {kind.label} {org_id}", f"{SLUG_PREFIX}org-{org_id}", kind, country)
            )
        with transaction.atomic():
            self.write(Organization, ["id", "name", "slug", "kind", "country"], organizations)
        org_ids = [row[0] for row in organizations]

        self.person_ids = list(self.take_ids(Person, sizes.people))
        self.person_names = {}
        self.person_aliases = {}
        self.person_public = {}
        person_fields = ["id", "name", "sort_name", "slug", "description", "biography", "country"]
        person_fields += ["status", "published_at", "created_at", "updated_at"]
        people, aliases, roles, documents = [], [], [], []
        for number, person_id in enumerate(self.person_ids):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            name = f"{first} {last}" if number < 5000 else f"{first} {chr(65 + number % 26)}. {last}"
            country = rng.choice(COUNTRIES)
            post = rng.choice(POSTS)
            description = f"{country} {post}"
            biography = self.text(20, 60)
            status, published_at, public = self.editorial(rng.randrange(self.past_days))
            slug = f"{SLUG_PREFIX}{first}-{last}-{person_id}".lower()
            people.append(
                (person_id, name, f"{last}, {first}", slug, description, biography, country)
                + (status, published_at, self.stamp, self.stamp)
            )
            self.person_names[person_id] = name
            self.person_public[person_id] = public
            names, languages = self.aliases_of(first, last)
            self.person_aliases[person_id] = names
            for alias_id, alias in zip(self.take_ids(PersonAlias, len(names)), names, strict=True):
                language = "ru" if any("а" <= char <= "я" for char in alias.lower()) else "en"
                aliases.append((alias_id, person_id, alias, language))
            titles = []
            for _ in range(rng.randint(1, 2)):
                start = rng.randrange(self.past_days)
                end = min(start + rng.randint(200, 3000), self.past_days - 1)
                precision = self.precision()
                ongoing = rng.random() < 0.3
                title = f"{country} {rng.choice(POSTS)}"
                titles.append(title)
                roles.append(
                    (self.one(Role), person_id, title, rng.choice(org_ids))
                    + (self.adapted[precision][start], precision)
                    + ((None, Precision.DAY) if ongoing else (self.adapted[precision][end], precision))
                )
            documents.append(
                self.document(
                    Person,
                    person_id,
                    slug,
                    name,
                    description,
                    joined(*names),
                    joined(country, *titles, biography, description),
                    None,
                    Precision.DAY,
                    status,
                    published_at,
                )
            )
        with transaction.atomic():
            self.write(Person, person_fields, people)
            self.write(PersonAlias, ["id", "person_id", "name", "language"], aliases)
            self.write(
                Role,
                [
                    "id",
                    "person_id",
                    "title",
                    "organization_id",
                    "start_date",
                    "start_precision",
                    "end_date",
                    "end_precision",
                ],
                roles,
            )
            self.flush_documents(documents)
        # Speakers: Zipf over a shuffled order, so the most quoted are not simply the first ids.
        self.speakers = list(self.person_ids)
        rng.shuffle(self.speakers)
        self.speaker_weights = zipf_weights(len(self.speakers), 1.1)

    def document(self, model, object_id, slug, title, subtitle, names, body, date, precision, status, published_at):
        kind = indexing.DOCUMENT_TYPES[model].kind
        return (
            self.one(SearchDocument),
            kind,
            object_id,
            slug,
            title,
            names,
            subtitle[:300],
            body,
            date,
            precision,
            status,
            published_at,
            self.stamp,
            self.stamp,
        )

    def dated(self, upcoming=False):
        """(index into the date pool or None, precision); ~1% undated unless ``upcoming`` is allowed."""
        if not upcoming and self.rng.random() < 0.01:
            return None, Precision.DAY
        limit = len(self.dates) if upcoming else self.past_days
        return self.rng.randrange(limit), self.precision()

    def some_people(self, low, high):
        count = self.rng.randint(low, high)
        return set(self.rng.choices(self.speakers, cum_weights=self.speaker_weights, k=count)) if count else set()

    def articles(self):
        rng = self.rng
        count = self.sizes.articles
        # Ids in date order (undated last), so "articles around a date" is a bisect away.
        drawn = sorted((self.dated() for _ in range(count)), key=lambda pair: (pair[0] is None, pair[0] or 0))
        self.article_ids = list(self.take_ids(Article, count))
        self.article_days = [index for index, _ in drawn if index is not None]
        fields = ["id", "headline", "dek", "slug", "outlet_id", "url", "authors", "published_on"]
        fields += ["published_on_precision", "language", "summary", "body", "status", "published_at"]
        fields += ["created_at", "updated_at"]
        for start in range(0, count, self.batch):
            articles, tagged, people, documents = [], [], [], []
            for article_id, (day, precision) in zip(
                self.article_ids[start : start + self.batch], drawn[start : start + self.batch], strict=True
            ):
                headline = self.text(6, 12)[:-1]
                outlet_id = rng.choices(self.outlet_ids, cum_weights=self.outlet_weights)[0]
                authors = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                summary = self.text(20, 40)
                body = self.text(60, 120)
                slug = f"{SLUG_PREFIX}{'-'.join(headline.lower().split()[:6])}-{article_id}"
                status, published_at, _ = self.editorial(day if day is not None else rng.randrange(self.past_days))
                published_on = self.adapted[precision][day] if day is not None else None
                articles.append(
                    (
                        article_id,
                        headline,
                        "",
                        slug,
                        outlet_id,
                        f"https://{SLUG_PREFIX}outlet-{outlet_id}.example/{article_id}",
                    )
                    + (authors, published_on, precision, "en", summary, body, status, published_at, self.stamp)
                    + (self.stamp,)
                )
                rows, tag_names = self.tag_rows(Article, article_id, rng.randint(1, 4))
                tagged += rows
                mentioned = sorted(self.some_people(1, 3))
                people += [
                    (pk, article_id, person)
                    for pk, person in zip(self.take_ids(Article.people.through, len(mentioned)), mentioned, strict=True)
                ]
                outlet = self.outlet_names[outlet_id]
                public_names = [self.person_names[person] for person in mentioned if self.person_public[person]]
                documents.append(
                    self.document(
                        Article,
                        article_id,
                        slug,
                        headline,
                        joined(outlet, authors),
                        "",
                        joined(summary, authors, outlet, *public_names, *tag_names, body),
                        published_on,
                        precision,
                        status,
                        published_at,
                    )
                )
            with transaction.atomic():
                self.write(Article, fields, articles)
                self.write(TaggedItem, ["id", "tag_id", "content_type_id", "object_id"], tagged)
                self.write(Article.people.through, ["id", "article_id", "person_id"], people)
                self.flush_documents(documents)

    def articles_around(self, day, count):
        """``count`` distinct article ids published on or soon after ``day`` (any article if undated)."""
        total = len(self.article_ids)
        if day is None or not self.article_days:
            return set(self.rng.sample(self.article_ids, min(count, total)))
        start = bisect.bisect_left(self.article_days, day)
        start = min(start, max(0, len(self.article_days) - 60))
        window = self.article_ids[start : start + 60] or self.article_ids
        return set(self.rng.sample(window, min(count, len(window))))

    def events(self):
        rng = self.rng
        count = self.sizes.events
        drawn = sorted((self.dated(upcoming=True) for _ in range(count)), key=lambda pair: pair[0])
        self.event_ids = list(self.take_ids(Event, count))
        self.event_days = [day for day, _ in drawn]
        self.event_titles = {}
        self.event_public = {}
        fields = ["id", "title", "slug", "kind", "start_date", "start_precision", "end_date", "end_precision"]
        fields += ["location", "description", "status", "published_at", "created_at", "updated_at"]
        for start in range(0, count, self.batch):
            events, people, covering, tagged, documents = [], [], [], [], []
            for event_id, (day, precision) in zip(
                self.event_ids[start : start + self.batch], drawn[start : start + self.batch], strict=True
            ):
                kind = rng.choice(EVENT_KINDS)
                location = rng.choice(CITIES)
                title = f"{kind.label} in {location}: {self.text(3, 6)[:-1].lower()}"
                slug = f"{SLUG_PREFIX}event-{event_id}"
                description = self.text(15, 40)
                end, end_precision = None, Precision.DAY
                if precision == Precision.DAY and rng.random() < 0.2 and day + 5 < len(self.dates):
                    end, end_precision = self.adapted[Precision.DAY][day + rng.randint(1, 5)], Precision.DAY
                status, published_at, public = self.editorial(min(day, self.past_days - 1))
                start_date = self.adapted[precision][day]
                events.append(
                    (event_id, title, slug, kind.value, start_date, precision, end, end_precision, location)
                    + (description, status, published_at, self.stamp, self.stamp)
                )
                self.event_titles[event_id] = title
                self.event_public[event_id] = public
                involved = sorted(self.some_people(1, 3))
                people += [
                    (pk, event_id, person)
                    for pk, person in zip(self.take_ids(Event.people.through, len(involved)), involved, strict=True)
                ]
                articles = sorted(self.articles_around(day, rng.randint(0, 3)))
                covering += [
                    (pk, event_id, article)
                    for pk, article in zip(self.take_ids(Event.articles.through, len(articles)), articles, strict=True)
                ]
                rows, tag_names = self.tag_rows(Event, event_id, rng.randint(0, 2))
                tagged += rows
                public_names = [self.person_names[person] for person in involved if self.person_public[person]]
                documents.append(
                    self.document(
                        Event,
                        event_id,
                        slug,
                        title,
                        joined(kind.label, location),
                        "",
                        joined(description, kind.label, location, *public_names, *tag_names),
                        start_date,
                        precision,
                        status,
                        published_at,
                    )
                )
            with transaction.atomic():
                self.write(Event, fields, events)
                self.write(Event.people.through, ["id", "event_id", "person_id"], people)
                self.write(Event.articles.through, ["id", "event_id", "article_id"], covering)
                self.write(TaggedItem, ["id", "tag_id", "content_type_id", "object_id"], tagged)
                self.flush_documents(documents)

    def quotes(self):
        rng = self.rng
        count = self.sizes.quotes
        fields = ["id", "text", "speaker_id", "unnamed_source", "said_on", "said_on_precision", "event_id", "kind"]
        fields += ["language", "notes", "status", "published_at", "created_at", "updated_at"]
        citation_fields = ["id", "quote_id", "article_id", "passage", "created_at", "updated_at"]
        quote_ids = self.take_ids(Quote, count)
        started = time.perf_counter()
        for start in range(0, count, self.batch):
            quotes, citations, tagged, documents = [], [], [], []
            for quote_id in quote_ids[start : start + self.batch]:
                day, precision = self.dated()
                text = self.text(12, 40)
                if rng.random() < 0.03:
                    speaker, unnamed = None, rng.choice(UNNAMED_SOURCES)
                    names = []
                else:
                    speaker, unnamed = rng.choices(self.speakers, cum_weights=self.speaker_weights)[0], ""
                    names = [self.person_names[speaker]]
                    if self.person_public[speaker]:
                        names += self.person_aliases[speaker]
                event_id, event_title = None, ""
                if day is not None and self.event_ids and rng.random() < 0.1:
                    index = min(bisect.bisect_left(self.event_days, day), len(self.event_ids) - 1)
                    event_id = self.event_ids[index]
                    event_title = self.event_titles[event_id] if self.event_public[event_id] else ""
                status, published_at, _ = self.editorial(day if day is not None else rng.randrange(self.past_days))
                said_on = self.adapted[precision][day] if day is not None else None
                quotes.append(
                    (quote_id, text, speaker, unnamed, said_on, precision, event_id, rng.choice(KINDS), "en")
                    + (SYNTHETIC_NOTE, status, published_at, self.stamp, self.stamp)
                )
                for article_id in sorted(self.articles_around(day, rng.randint(1, 4))):
                    citations.append((self.one(Citation), quote_id, article_id, text, self.stamp, self.stamp))
                rows, tag_names = self.tag_rows(Quote, quote_id, rng.choice((0, 1, 1, 2, 2, 3)))
                tagged += rows
                attribution = names[0] if names else unnamed
                documents.append(
                    self.document(
                        Quote,
                        quote_id,
                        "",
                        text,
                        attribution,
                        "",
                        joined(*names, unnamed, event_title, *tag_names),
                        said_on,
                        precision,
                        status,
                        published_at,
                    )
                )
            with transaction.atomic():
                self.write(Quote, fields, quotes)
                self.write(Citation, citation_fields, citations)
                self.write(TaggedItem, ["id", "tag_id", "content_type_id", "object_id"], tagged)
                self.flush_documents(documents)
            done = min(start + self.batch, count)
            elapsed = time.perf_counter() - started
            self.log(f"  quotes: {done:,}/{count:,} ({done / elapsed:,.0f}/s)")
