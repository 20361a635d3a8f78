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

The same sizes and seed give the same archive, on either database.

A million quotes cannot go through Python row by row in the time a benchmark allows, so the
rows that grow with the archive (articles, events, quotes, citations, taggings, search
documents) are made by the database itself, in ``INSERT … SELECT`` statements over ranges of
row numbers n (``Rows``, with one ``Shape`` per kind of row). Where Python would call
``random``, the SQL computes a number from n and a stream (``Rows.draw``): integer arithmetic
that gives the same results on SQLite and PostgreSQL, whatever the batch size. What needs
Python (names, aliases in Cyrillic, the Zipf weights, the pool of words that quotes and
headlines are cut from) is made first and handed to the statements as packed parameters
(``Generator.pack``); the people (a few thousand) are written from Python as before. Articles
and events are numbered in date order, so "articles around a date" and "the event on that
day" are arithmetic, not searches.

The load runs on two connections at once (``archive.bulk.Lanes``): on PostgreSQL the second
inserts the search documents (their ``tsvector`` costs as much as everything else) and both
build indexes; on SQLite, which lets one connection write, the second builds the full-text
index in a scratch file (``archive.search.indexing.SideIndex``), then makes the tag and
monthly counts from the written tables while the first builds their indexes. Secondary indexes
are built once at the end (``archive.bulk.DeferredIndexes``); no ``save()``, no signals, no
history rows.

Everything synthetic is marked: slugs start with ``syn-`` and quotes carry
``SYNTHETIC_NOTE`` in their editors' notes, so ``real_content()`` can tell an archive
with editors' work in it (which the command refuses to touch without ``--force``).
"""

import bisect
import contextlib
import datetime
import functools
import itertools
import math
import os
import random
import re
import threading
import time
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from archive import counts_tags, counts_timeline
from archive.bulk import (
    Adapter,
    DeferredIndexes,
    Lanes,
    RowWriter,
    Step,
    counts_suspended,
    fill,
    next_id,
    reset_sequences,
)
from archive.dates import Precision
from archive.editorial import Status
from archive.models import Article, Citation, Event, Outlet, Quote, SearchDocument
from archive.search import indexing
from archive.search.documents import SEPARATOR
from people.models import Organization, Person, PersonAlias, Role, default_sort_name

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
# A rare word in ~2% of quotes (26 words long on average).
RARE_SHARE = 0.02 / 26
SQLITE_CACHE_KIB = 1_000_000
KINDS = [kind for kind, _ in Quote.Kind.choices]
EVENT_KINDS = list(Event.Kind)

# A draw is (x * x) mod PRIME with x = (n * m + c) mod PRIME: the largest prime whose square
# fits a signed 64-bit integer, so every product stays exact on SQLite (which would turn an
# overflow into a float) and on PostgreSQL (which would raise).
PRIME = 3_037_000_493
# A Zipf draw looks a uniform draw up in a table of this many equally likely buckets.
BUCKETS = 65_536
# SQLite has no generate_series: row numbers come from a table of 0..NUMBERS-1 joined to itself.
NUMBERS = 65_536
# Scheduled content goes public 1 to 120 days from now, at any hour.
FUTURE_HOURS = 120 * 24
# A quote's citations (an event's covering articles) come from this many articles around its date.
WINDOW = 60
# A value Rows.once() computes in the inner query.
DERIVED = re.compile(r"\bs\.(c\d+)\b")
# Streams drawing below a bound the SQL computes (a Zipf bucket's span of ranks) are declared this wide.
SPAN = 65_536
# Several streams share one draw while the product of their bounds stays below this (so that the
# remainder of PRIME that does not divide evenly skews none of them by more than about 1%).
DRAW_CAPACITY = 1 << 25
# Each kind of row draws from its own streams.
ARTICLE, EVENT, QUOTE = 1, 2, 3

# The columns of a search document the load makes (the rest are defaults).
STAGED_COLUMNS = ["id", "kind", "object_id", *indexing.CONTENT_FIELDS]

# The counts the database keeps, made once after the load (their triggers are off meanwhile).
# Suspended in this order, so put back and counted in the reverse: the timeline's, then the tags'.
COUNTERS = [counts_tags, counts_timeline]

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

# Column types of the lookup tables, per database.
SQL_TYPES = {
    "sqlite": {"int": "integer", "text": "text", "date": "text", "time": "text"},
    "postgresql": {"int": "bigint", "text": "text", "date": "date", "time": "timestamptz"},
}


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
    """Rows and seconds per table. Both lanes of a load add to it, so seconds may overlap."""

    tables: dict = field(default_factory=dict)
    lanes: dict = field(default_factory=dict)
    seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, table, rows, seconds):
        with self.lock:
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


def synthetic_quotes():
    """How many quotes earlier runs of this generator left."""
    return Quote.objects.filter(notes=SYNTHETIC_NOTE).count()


def joined(*parts):
    """``archive.search.documents.joined`` for text known to be clean (generated here): the same result, faster."""
    return SEPARATOR.join(part for part in parts if part)


def zipf_weights(count, exponent=1.0):
    """Cumulative weights for ``random.choices``: rank r is drawn in proportion to 1 / r**exponent."""
    return list(itertools.accumulate(1 / (rank**exponent) for rank in range(1, count + 1)))


def zipf_ranks(count, exponent):
    """The rank in the middle of each of BUCKETS equally likely slices (for a few hundred ranks: no tail to spread)."""
    cumulative = zipf_weights(count, exponent)
    total = cumulative[-1]
    return [
        min(bisect.bisect_right(cumulative, total * (bucket + 0.5) / BUCKETS), count - 1) for bucket in range(BUCKETS)
    ]


def zipf_buckets(count, exponent):
    """
    Zipf over ranks 0..count-1 as BUCKETS equally likely slices: slice b is covered by ranks
    ``lo`` to ``lo + span - 1`` (drawn uniformly among them: where a slice holds many ranks,
    the tail is nearly flat). Returns (b, lo, span) rows.
    """
    cumulative = zipf_weights(count, exponent)
    total = cumulative[-1]
    rows = []
    for bucket in range(BUCKETS):
        lo = min(bisect.bisect_right(cumulative, total * bucket / BUCKETS), count - 1)
        hi = min(bisect.bisect_left(cumulative, total * (bucket + 1) / BUCKETS), count - 1)
        rows.append((bucket, lo, max(1, hi - lo + 1)))
    return rows


@functools.cache
def cyrillic(name):
    """A rough transliteration, enough for an alias in another script."""
    return "".join(CYRILLIC.get(char.lower(), char) for char in name).title()


def literal(text):
    """A constant string in SQL run with parameters (so a % is doubled)."""
    return "'{}'".format(text.replace("'", "''").replace("%", "%%"))


def joined_sql(first, *parts):
    """
    ``joined()`` in SQL, for a ``first`` part that is never empty. Each further part is a
    text to add after a separator, or a ``Part``: an expression that is either empty or
    starts with the separator, so that it is computed once.
    """
    pieces = [first]
    for part in parts:
        pieces.append(part.sql if isinstance(part, Part) else f"{literal(SEPARATOR)} || {part}")
    return " || ".join(pieces)


@dataclass(frozen=True)
class Part:
    """A part of a document that may be missing: SQL giving '' or SEPARATOR and the text."""

    sql: str

    @classmethod
    def when(cls, condition, text):
        return cls(f"CASE WHEN {condition} THEN {literal(SEPARATOR)} || {text} ELSE '' END")


def step_names(steps):
    return tuple(step.name for step in steps)


def choose(slot, values):
    """The value of the row's slot (SQL)."""
    if len(values) == 1:
        return values[0]
    branches = " ".join(f"WHEN {index} THEN {value}" for index, value in enumerate(values[:-1]))
    return f"CASE {slot} {branches} ELSE {values[-1]} END"


def first_in_slot(slot, values):
    """SQL: the slot's value differs from those of the slots before it (draws with replacement, kept once)."""
    if len(values) == 1:
        return "1 = 1"
    branches = " ".join(
        f"WHEN {index} THEN ({' AND '.join(f'{value} <> {earlier}' for earlier in values[:index])})"
        for index, value in enumerate(values)
        if index
    )
    return f"CASE {slot} {branches} ELSE 1 = 1 END"


def kept(count, values):
    """SQL conditions, one per value: within the first ``count`` and not a repeat of an earlier one."""
    return [
        " AND ".join([f"{count} > {index}", *(f"{value} <> {earlier}" for earlier in values[:index])])
        for index, value in enumerate(values)
    ]


class Rows:
    """
    The rows of one ``INSERT … SELECT``: a row per number ``start <= n < stop`` (optionally
    times a few slots, for citations and taggings).

    An inner query makes the numbers and, once per row, the draws the columns use and what
    ``once()`` is given (SQLite would otherwise compute an expression again wherever it
    appears). Lookup values are packed into parameters (``Generator.pack``) and read by
    position, which costs a fraction of a join's index lookup.
    """

    def __init__(self, generator, start, stop):
        self.g = generator
        self.start = start
        self.stop = stop
        self.draws = {}
        self.derived = {}
        self.used = set()
        self.joins = []
        self.where = []
        self.slot = ""
        self.n = "s.n"

    def draw(self, salt, stream, n=None):
        """Row ``n``'s number in [0, PRIME) of a stream: the same on both databases, whatever the batch."""
        if n is None:
            key = (salt, stream)
            if key not in self.draws:
                self.draws[key] = f"r{len(self.draws)}"
            return f"s.{self.draws[key]}"
        multiplier, offset = self.g.stream(salt, stream)
        x = f"(({n}) * {multiplier} + {offset}) %% {PRIME}"
        return f"(({x}) * ({x}) %% {PRIME})"

    def integer(self, name, index):
        """The packed integer at ``index``."""
        width = self.use(name)
        if self.g.vendor == "postgresql":
            return f"(%({name})s::bigint[])[(({index}) + 1)::int]"
        return f"CAST(substr(%({name})s, ({index}) * {width} + 1, {width}) AS INTEGER)"

    def text(self, name, index):
        """The packed string at ``index``."""
        width = self.use(name)
        if self.g.vendor == "postgresql":
            start = f"(({index}) * {width} + 1)::int"
            return f"rtrim(convert_from(substring(%({name})s::bytea FROM {start} FOR {width}), 'UTF8'))"
        return f"rtrim(CAST(substr(%({name})s, ({index}) * {width} + 1, {width}) AS TEXT))"

    def value(self, name, index, cast):
        """The packed fixed-width value at ``index`` (a typed array element on PostgreSQL)."""
        width = self.use(name)
        if self.g.vendor == "postgresql":
            return f"(%({name})s::{cast}[])[(({index}) + 1)::int]"
        return f"CAST(substr(%({name})s, ({index}) * {width} + 1, {width}) AS TEXT)"

    def piece(self, start, length):
        """``length`` characters of the word pool from position ``start`` (1-based)."""
        self.use("pool")
        if self.g.vendor == "postgresql":
            return f"convert_from(substring(%(pool)s::bytea FROM ({start})::int FOR ({length})::int), 'UTF8')"
        return f"CAST(substr(%(pool)s, {start}, {length}) AS TEXT)"

    def once(self, expression):
        """``expression`` (of the row's own number and draws) computed once per row, in an inner query."""
        # Computed side by side, so one cannot name another: spell out any it uses.
        names = {name: inner for inner, name in self.derived.items()}
        expression = DERIVED.sub(lambda match: f"({names[match.group(1)]})", expression)
        if expression not in self.derived:
            self.derived[expression] = f"c{len(self.derived)}"
        return f"s.{self.derived[expression]}"

    def use(self, name):
        """A packed parameter: bound once per statement however often the SQL names it. Returns its width."""
        self.used.add(name)
        return self.g.packed[name][0]

    def join(self, table, key, column="id"):
        alias = f"j{len(self.joins)}"
        # SQLite: a CROSS JOIN keeps the order as written, and so the inner queries as co-routines
        # (a plain join would have them written out to a temporary table first).
        kind = "JOIN" if self.g.vendor == "postgresql" else "CROSS JOIN"
        self.joins.append(f"{kind} {table} {alias} ON {alias}.{column} = {key}")
        return alias

    def slots(self, count, most):
        """A row per slot ``j < count`` (at most ``most``) of each n; returns the slot number (SQL)."""
        if self.g.vendor == "postgresql":
            self.slot = f" CROSS JOIN generate_series(0, {most - 1}) AS j(i)"
        else:
            self.slot = " CROSS JOIN syn_numbers j"
            self.where.append(f"j.i < {most}")
        self.where.append(f"j.i < {count}")
        return "j.i"

    def source(self):
        """The FROM clause (everything after ``FROM``) and its parameters (by name)."""
        g = self.g
        count = self.stop - self.start
        if g.vendor == "postgresql":
            n = "g.n"
            rows = f"generate_series({self.start}::bigint, {self.stop - 1}) AS g(n)"
            limit = "OFFSET 0"  # keeps the inner query apart, so each draw is computed once
        else:
            n = f"({self.start} + hi.i * {NUMBERS} + lo.i)"
            rows = (
                f"syn_numbers hi CROSS JOIN syn_numbers lo WHERE hi.i <= {(count - 1) // NUMBERS} "
                f"AND lo.i < {count} - hi.i * {NUMBERS}"
            )
            limit = f"LIMIT {count}"  # keeps the inner query apart, so each draw is computed once
        columns = [f"{n} AS n"] + [
            f"{self.draw(salt, stream, n)} AS {name}" for (salt, stream), name in self.draws.items()
        ]
        where = f" WHERE {' AND '.join(self.where)}" if self.where else ""
        inner = f"(SELECT {', '.join(columns)} FROM {rows} {limit}) AS s"
        if self.derived:
            # A second level for what is computed from the draws (which it passes on).
            derived = ", ".join(f"{expression} AS {name}" for expression, name in self.derived.items())
            limit = "OFFSET 0" if g.vendor == "postgresql" else f"LIMIT {count}"
            inner = f"(SELECT s.*, {derived} FROM {inner} {limit}) AS s"
        params = {name: g.packed[name][1] for name in sorted(self.used)}
        return f"{inner}{self.slot} {' '.join(self.joins)}{where}", params


class Shape:
    """
    One kind of row as SQL, column by column, for the row numbers of ``rows`` (or for the
    numbers an expression gives: a quote's event is an event's row number).
    """

    salt = 0

    def __init__(self, generator, rows, n=None):
        self.g = generator
        self.rows = rows
        self.n = n
        self.number = n or rows.n

    @classmethod
    def bounds(cls, generator):
        """{stream: the number of values drawn from it}: declared, so that draws can be shared (``allocate``)."""
        raise NotImplementedError

    def below(self, stream, bound):
        """A number in [0, ``bound``) from a stream (``bound`` may be SQL when the stream was declared 65536)."""
        draw, divisor = self.g.allocation(type(self))[stream]
        declared = type(self).bounds(self.g)[stream]
        if isinstance(bound, int) and bound != declared:
            raise ValueError(f"{type(self).__name__} stream {stream} draws below {declared}, not {bound}.")
        value = self.rows.draw(self.salt, draw, self.n)
        if divisor > 1:
            value = f"({value} / {divisor})"
        return f"({value} %% {bound})"

    def once(self, expression):
        """Computed once per row where the row is the statement's own (not a quote's event, say)."""
        return self.rows.once(expression) if self.n is None else expression

    def pick(self, name, stream):
        values = self.g.lists[name]
        draw = self.below(stream, len(values))
        if len(values) <= 16:
            return choose(draw, [literal(value) for value in values])
        return self.rows.text(name, draw)

    def words(self, stream, low, high):
        """``low`` to ``high`` words of the pool: (first word's number, its position, the next word's position)."""
        start = self.below(stream, WORD_POOL - high)
        count = f"({low} + {self.below(stream + 1, high - low + 1)})"
        first = self.once(self.rows.integer("positions", start))
        return start, first, self.once(self.rows.integer("positions", f"{start} + {count}"))

    def plain(self, start, after):
        return self.rows.piece(start, f"{after} - {start} - 1")

    def capitalized(self, start, after):
        return f"upper({self.rows.piece(start, 1)}) || {self.rows.piece(f'{start} + 1', f'{after} - {start} - 2')}"

    def sentence(self, stream, low, high):
        _, start, after = self.words(stream, low, high)
        return f"{self.capitalized(start, after)} || '.'"

    def precision(self, stream):
        draw = self.below(stream, 20)
        return f"CASE WHEN {draw} < 16 THEN 'day' WHEN {draw} < 19 THEN 'month' ELSE 'year' END"

    def date_of(self, day, precision):
        g = self.g
        return (
            f"CASE {precision} WHEN 'day' THEN {g.day(self.rows, day)} "
            f"WHEN 'month' THEN {g.month(self.rows, day)} ELSE {g.year(self.rows, day)} END"
        )

    # Editorial status: ~94% public, ~4% drafts, ~1% in review, ~1% scheduled (published_at ahead).

    def status(self, stream):
        draw = self.below(stream, 100)
        return f"CASE WHEN {draw} < 4 THEN 'draft' WHEN {draw} < 5 THEN 'review' ELSE 'published' END"

    def published_at(self, stream, day):
        draw = self.below(stream, 100)
        later = self.g.later(self.below(stream + 1, FUTURE_HOURS))
        return f"CASE WHEN {draw} < 5 THEN NULL WHEN {draw} = 5 THEN {later} ELSE {self.g.noon(self.rows, day)} END"

    def public(self, stream):
        return f"{self.below(stream, 100)} >= 6"

    def speaker(self, stream):
        """A person's id, Zipf-drawn over a shuffled order of the people."""
        g, rows = self.g, self.rows
        bucket = self.below(stream, BUCKETS)
        span = rows.integer("speaker_span", bucket)
        rank = f"({rows.integer('speaker_lo', bucket)} + {self.below(stream + 1, span)})"  # span <= SPAN
        return self.once(f"({g.first[Person]} + ({rank} * {g.shuffle_step} + {g.shuffle_offset}) %% {g.sizes.people})")

    def tag(self, stream):
        """A Zipf-drawn tag, by its rank."""
        return self.once(self.rows.integer("tag_rank", self.below(stream, BUCKETS)))

    def tag_ids(self):
        return [self.once(self.rows.integer("tag_id", rank)) for rank in self.tags]

    def people_parts(self):
        """The names of the people drawn, as a document lists them: public ones only, each once."""
        people = [self.rows.join("syn_person", person) for person in self.people]
        return [
            Part(f"CASE WHEN {condition} THEN {person}.public_part ELSE '' END")
            for condition, person in zip(kept(self.people_count, self.people), people, strict=True)
        ]

    def tag_parts(self):
        return [
            Part.when(condition, self.rows.text("tag_name", rank))
            for condition, rank in zip(kept(self.tag_count, self.tags), self.tags, strict=True)
        ]

    def written(self, model, stored):
        """
        For a document: a function giving a column of the row as written (the row is joined on
        its id) when ``stored``, else as made here; either way the same text.
        """
        if not stored:
            return lambda column, made: made()
        row = self.rows.join(model._meta.db_table, self.id)
        return lambda column, made: f"{row}.{column}"


def cached(method):
    """A Shape's column, built once per statement."""
    name = f"_{method.__name__}"

    def get(self):
        if name not in self.__dict__:
            self.__dict__[name] = method(self)
        return self.__dict__[name]

    return property(get, doc=method.__doc__)


class ArticleShape(Shape):
    """Articles are numbered in date order (undated last): an article's day is arithmetic on n."""

    salt = ARTICLE
    model = Article

    @classmethod
    def bounds(cls, g):
        return {
            3: 20,
            4: WORD_POOL - 12,
            5: 7,
            6: BUCKETS,
            7: len(FIRST_NAMES),
            8: len(LAST_NAMES),
            9: WORD_POOL - 40,
            10: 21,
            11: WORD_POOL - 120,
            12: 61,
            13: 100,
            14: FUTURE_HOURS,
            15: g.past_days,
            16: 4,
            **dict.fromkeys((17, 18, 19, 20), BUCKETS),
            21: 3,
            **dict.fromkeys((22, 24, 26), BUCKETS),
            **dict.fromkeys((23, 25, 27), SPAN),
        }

    @cached
    def id(self):
        return f"({self.g.first[Article]} + {self.number})"

    @cached
    def undated(self):
        return f"{self.number} >= {self.g.dated_articles}"

    @cached
    def on(self):
        """The day published; for an undated article, a day to publish it on."""
        g = self.g
        day = f"{self.number} * {g.past_days} / {g.dated_articles}" if g.dated_articles else "0"
        return f"CASE WHEN {self.undated} THEN {self.below(15, g.past_days)} ELSE {day} END"

    @cached
    def precision(self):
        return f"CASE WHEN {self.undated} THEN 'day' ELSE {super().precision(3)} END"

    @cached
    def published_on(self):
        return f"CASE WHEN {self.undated} THEN NULL ELSE {self.date_of(self.on, self.precision)} END"

    @cached
    def headline_words(self):
        return self.words(4, 6, 12)

    @cached
    def headline(self):
        _, start, after = self.headline_words
        return self.capitalized(start, after)

    @cached
    def slug(self):
        first, start, _ = self.headline_words
        sixth = self.rows.integer("positions", f"{first} + 6")
        return f"'{SLUG_PREFIX}' || replace({self.plain(start, sixth)}, ' ', '-') || '-' || {self.id}"

    @cached
    def outlet(self):
        """The outlet's rank (Zipf)."""
        return self.once(self.rows.integer("outlet_rank", self.below(6, BUCKETS)))

    @cached
    def outlet_id(self):
        return self.once(self.rows.integer("outlet_id", self.outlet))

    @cached
    def outlet_name(self):
        return self.rows.text("outlet_name", self.outlet)

    @cached
    def authors(self):
        return f"{self.pick('first_name', 7)} || ' ' || {self.pick('last_name', 8)}"

    @cached
    def summary(self):
        return self.sentence(9, 20, 40)

    @cached
    def body(self):
        return self.sentence(11, 60, 120)

    @cached
    def tag_count(self):
        return f"(1 + {self.below(16, 4)})"

    @cached
    def tags(self):
        return [self.tag(stream) for stream in (17, 18, 19, 20)]

    @cached
    def people_count(self):
        return f"(1 + {self.below(21, 3)})" if self.g.sizes.people else "0"

    @cached
    def people(self):
        return [self.speaker(stream) for stream in (22, 24, 26)] if self.g.sizes.people else []

    def columns(self):
        return {
            "id": self.id,
            "headline": self.headline,
            "slug": self.slug,
            "outlet_id": self.outlet_id,
            "url": f"'https://{SLUG_PREFIX}outlet-' || {self.outlet_id} || '.example/' || {self.id}",
            "authors": self.authors,
            "published_on": self.published_on,
            "published_on_precision": self.precision,
            "summary": self.summary,
            "body": self.body,
            "status": self.status(13),
            "published_at": self.published_at(13, self.on),
        }

    def document(self, stored=False):
        value = self.written(Article, stored)
        authors = value("authors", lambda: self.authors)
        return {
            "id": f"{self.g.first_document[Article]} + {self.number}",
            "kind": literal(SearchDocument.Kind.ARTICLE),
            "object_id": self.id,
            "slug": value("slug", lambda: self.slug),
            "title": value("headline", lambda: self.headline),
            "names": "''",
            "subtitle": f"substr({self.outlet_name} || {literal(SEPARATOR)} || {authors}, 1, 300)",
            "body": joined_sql(
                value("summary", lambda: self.summary),
                authors,
                self.outlet_name,
                *self.people_parts(),
                *self.tag_parts(),
            ),
            "full_text": value("body", lambda: self.body),
            "date": value("published_on", lambda: self.published_on),
            "date_precision": value("published_on_precision", lambda: self.precision),
            "status": value("status", lambda: self.status(13)),
            "published_at": value("published_at", lambda: self.published_at(13, self.on)),
        }


class EventShape(Shape):
    """Events are numbered in date order, from 2000 to the end of the span (into the future)."""

    salt = EVENT
    model = Event

    @classmethod
    def bounds(cls, g):
        return {
            3: 20,
            4: len(EVENT_KINDS),
            5: len(CITIES),
            6: WORD_POOL - 6,
            7: 4,
            8: WORD_POOL - 40,
            9: 26,
            10: 5,
            11: 5,
            12: 100,
            13: FUTURE_HOURS,
            14: 3,
            **dict.fromkeys((15, 17, 19), BUCKETS),
            **dict.fromkeys((16, 18, 20), SPAN),
            21: 4,
            **g.window_bounds(22),
            25: 3,
            26: BUCKETS,
            27: BUCKETS,
        }

    @cached
    def id(self):
        return f"({self.g.first[Event]} + {self.number})"

    @cached
    def day(self):
        return f"({self.number} * {len(self.g.dates)} / {self.g.sizes.events})"

    @cached
    def precision(self):
        return super().precision(3)

    @cached
    def start_date(self):
        return self.date_of(self.day, self.precision)

    @cached
    def kind(self):
        return self.below(4, len(EVENT_KINDS))

    @cached
    def label(self):
        return choose(self.kind, [literal(kind.label) for kind in EVENT_KINDS])

    @cached
    def location(self):
        return self.pick("city", 5)

    @cached
    def title(self):
        _, start, after = self.words(6, 3, 6)
        return f"{self.label} || ' in ' || {self.location} || ': ' || {self.plain(start, after)}"

    @cached
    def description(self):
        return self.sentence(8, 15, 40)

    @cached
    def end_date(self):
        g = self.g
        last = f"{self.day} + 1 + {self.below(11, 5)}"
        ends = f"{self.precision} = 'day' AND {self.below(10, 5)} = 0 AND {self.day} + 5 < {len(g.dates)}"
        return f"CASE WHEN {ends} THEN {g.day(self.rows, last)} END"

    @cached
    def publish_on(self):
        return self.g.least(self.day, self.g.past_days - 1)

    @cached
    def public(self):
        return super().public(12)

    @cached
    def people_count(self):
        return f"(1 + {self.below(14, 3)})"

    @cached
    def people(self):
        return [self.speaker(stream) for stream in (15, 17, 19)]

    @cached
    def covering_count(self):
        return self.below(21, 4)

    @cached
    def tag_count(self):
        return self.below(25, 3)

    @cached
    def tags(self):
        return [self.tag(stream) for stream in (26, 27)]

    def columns(self):
        return {
            "id": self.id,
            "title": self.title,
            "slug": f"'{SLUG_PREFIX}event-' || {self.id}",
            "kind": choose(self.kind, [literal(kind.value) for kind in EVENT_KINDS]),
            "start_date": self.start_date,
            "start_precision": self.precision,
            "end_date": self.end_date,
            "location": self.location,
            "description": self.description,
            "status": self.status(12),
            "published_at": self.published_at(12, self.publish_on),
        }

    def document(self, stored=False):
        value = self.written(Event, stored)
        location = value("location", lambda: self.location)
        return {
            "id": f"{self.g.first_document[Event]} + {self.number}",
            "kind": literal(SearchDocument.Kind.EVENT),
            "object_id": self.id,
            "slug": f"'{SLUG_PREFIX}event-' || {self.id}",
            "title": value("title", lambda: self.title),
            "names": "''",
            "subtitle": f"{self.label} || {literal(SEPARATOR)} || {location}",
            "body": joined_sql(
                value("description", lambda: self.description),
                self.label,
                location,
                *self.people_parts(),
                *self.tag_parts(),
            ),
            "full_text": "''",
            "date": value("start_date", lambda: self.start_date),
            "date_precision": value("start_precision", lambda: self.precision),
            "status": value("status", lambda: self.status(12)),
            "published_at": value("published_at", lambda: self.published_at(12, self.publish_on)),
        }


class QuoteShape(Shape):
    salt = QUOTE
    model = Quote

    @classmethod
    def bounds(cls, g):
        return {
            1: 100,
            2: g.past_days,
            3: 20,
            4: WORD_POOL - 40,
            5: 29,
            6: 100,
            7: len(UNNAMED_SOURCES),
            8: BUCKETS,
            9: SPAN,
            10: 10,
            11: len(KINDS),
            12: 100,
            13: FUTURE_HOURS,
            14: g.past_days,
            15: 4,
            **g.window_bounds(16),
            19: 6,
            20: BUCKETS,
            21: BUCKETS,
            22: BUCKETS,
        }

    @cached
    def id(self):
        return f"({self.g.first[Quote]} + {self.number})"

    @cached
    def undated(self):
        return f"{self.below(1, 100)} = 0"

    @cached
    def day(self):
        return self.below(2, self.g.past_days)

    @cached
    def on(self):
        """The day said; for an undated quote, a day to publish it on."""
        return f"CASE WHEN {self.undated} THEN {self.below(14, self.g.past_days)} ELSE {self.day} END"

    @cached
    def precision(self):
        return f"CASE WHEN {self.undated} THEN 'day' ELSE {super().precision(3)} END"

    @cached
    def said_on(self):
        return f"CASE WHEN {self.undated} THEN NULL ELSE {self.date_of(self.day, self.precision)} END"

    @cached
    def text(self):
        return self.sentence(4, 12, 40)

    @cached
    def unnamed(self):
        return f"{self.below(6, 100)} < 3"

    @cached
    def unnamed_source(self):
        return self.pick("unnamed", 7)

    @cached
    def speaker(self):
        return super().speaker(8)

    @cached
    def held(self):
        """Said by someone whose profile is not public: the quote waits in review (Quote.validate_publishing)."""
        public = self.rows.integer("person_public", f"{self.speaker} - {self.g.first[Person]}")
        return f"(NOT ({self.unnamed}) AND {public} = 0)"

    def quote_status(self):
        return f"CASE WHEN {self.held} THEN 'review' ELSE {self.status(12)} END"

    def quote_published_at(self):
        return f"CASE WHEN {self.held} THEN NULL ELSE {self.published_at(12, self.on)} END"

    @cached
    def event_number(self):
        g = self.g
        if not g.sizes.events:
            return "NULL"
        days = len(g.dates)
        first_on_or_after = g.least(f"({self.day} * {g.sizes.events} + {days - 1}) / {days}", g.sizes.events - 1)
        return f"CASE WHEN {self.undated} OR {self.below(10, 10)} <> 0 THEN NULL ELSE {first_on_or_after} END"

    @cached
    def citation_count(self):
        return f"(1 + {self.below(15, 4)})"

    @cached
    def tag_count(self):
        return choose(self.below(19, 6), ["0", "1", "1", "2", "2", "3"])

    @cached
    def tags(self):
        return [self.tag(stream) for stream in (20, 21, 22)]

    def columns(self):
        return {
            "id": self.id,
            "text": self.text,
            "speaker_id": f"CASE WHEN {self.unnamed} THEN NULL ELSE {self.speaker} END",
            "unnamed_source": f"CASE WHEN {self.unnamed} THEN {self.unnamed_source} ELSE '' END",
            "said_on": self.said_on,
            "said_on_precision": self.precision,
            "event_id": f"{self.g.first[Event]} + {self.event_number}",
            "kind": self.pick("quote_kind", 11),
            "notes": literal(SYNTHETIC_NOTE),
            "status": self.quote_status(),
            "published_at": self.quote_published_at(),
        }

    def document(self, stored=False):
        value = self.written(Quote, stored)
        speaker = self.rows.join("syn_person", self.speaker)
        event = EventShape(self.g, self.rows, n=self.event_number)
        unnamed = self.unnamed
        source = value("unnamed_source", lambda: self.unnamed_source)
        return {
            "id": f"{self.g.first_document[Quote]} + {self.number}",
            "kind": literal(SearchDocument.Kind.QUOTE),
            "object_id": self.id,
            "slug": "''",
            "title": value("text", lambda: self.text),
            "names": "''",
            "subtitle": f"CASE WHEN {unnamed} THEN {source} ELSE {speaker}.name END",
            "body": joined_sql(
                f"CASE WHEN {unnamed} THEN {source} ELSE {speaker}.quote_names END",
                Part.when(f"{self.event_number} IS NOT NULL AND {event.public}", event.title),
                *self.tag_parts(),
            ),
            "full_text": "''",
            "date": value("said_on", lambda: self.said_on),
            "date_precision": value("said_on_precision", lambda: self.precision),
            "status": value("status", self.quote_status),
            "published_at": value("published_at", self.quote_published_at),
        }


class Generator:
    """Writes one synthetic archive; ``run()`` returns a Report of rows and seconds per table."""

    def __init__(self, sizes, seed=0, batch=100_000, log=None, using=DEFAULT_DB_ALIAS):
        self.sizes = sizes
        self.seed = seed
        self.batch = max(1, batch)
        self.log = log or (lambda message: None)
        self.using = using
        self.connection = connections[using]
        self.vendor = self.connection.vendor
        self.rng = random.Random(seed)
        self.report = Report()
        self.now = timezone.now().replace(microsecond=0)
        self.today = timezone.localdate()
        self.adapter = Adapter(self.connection)
        self.stamp = self.adapter.datetime(self.now)
        self.streams = {}
        self.allocations = {}
        self.side = None
        # SQLite: the archive in WAL mode once its tables are written; the side lane's counts made.
        self.wal = self.counts_staged = False
        days = (LAST_DAY - FIRST_DAY).days + 1
        self.dates = [FIRST_DAY + datetime.timedelta(days=offset) for offset in range(days)]
        self.past_days = bisect.bisect_right(self.dates, self.today)
        latest = self.now - datetime.timedelta(hours=1)
        self.noons = [
            min(datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC), latest) for day in self.dates
        ]
        # Articles are numbered in date order, the undated (~1%) last.
        self.dated_articles = sizes.articles - sizes.articles // 100
        self.window = min(WINDOW, self.dated_articles or sizes.articles)

    def db(self):
        """This thread's connection: each lane of the load has its own."""
        return connections[self.using]

    def allocation(self, shape_class):
        """
        {stream: (draw, divisor)}: streams share draws, each taking the next digits of the draw in
        the mixed radix of the streams' bounds, in stream order (so every statement agrees).
        """
        if shape_class not in self.allocations:
            allocation, draw, product = {}, 0, 1
            for stream, declared in sorted(shape_class.bounds(self).items()):
                bound = max(1, declared)
                if product * bound > DRAW_CAPACITY and product > 1:
                    draw, product = draw + 1, 1
                allocation[stream] = (draw, product)
                product *= bound
            self.allocations[shape_class] = allocation
        return self.allocations[shape_class]

    def window_bounds(self, first):
        """The streams of ``around()``: where the window starts, the first slot's offset, the step."""
        width = self.window
        return {first: self.sizes.articles - width + 1, first + 1: width, first + 2: max(1, (width - 1) // 3)}

    def stream(self, salt, stream):
        key = (salt, stream)
        if key not in self.streams:
            rng = random.Random(f"{self.seed}:{salt}:{stream}")
            self.streams[key] = (rng.randrange(1 << 20, 1 << 31), rng.randrange(PRIME))
        return self.streams[key]

    # Dates as SQL, from an index into ``dates``: as the database stores them (text on SQLite).

    def day(self, rows, index):
        return rows.value("day", index, "date")

    def month(self, rows, index):
        return rows.value("month", index, "date")

    def year(self, rows, index):
        return rows.value("year", index, "date")

    def noon(self, rows, index):
        """Noon UTC of the day, or an hour ago if that is later: when content of that day was published."""
        return rows.value("noon", index, "timestamptz")

    def later(self, hours):
        """A day and ``hours`` from now: when scheduled content goes public."""
        if self.vendor == "postgresql":
            return f"(TIMESTAMPTZ '{self.now.isoformat()}' + ({hours} + 24) * INTERVAL '1 hour')"
        return f"datetime('{self.adapter.datetime(self.now)}', '+' || ({hours} + 24) || ' hours')"

    def least(self, *values):
        return f"{'LEAST' if self.vendor == 'postgresql' else 'min'}({', '.join(str(value) for value in values)})"

    # The run.

    def run(self):
        started = time.perf_counter()
        self.log("Preparing names, people and lookup tables…")
        self.prepare()
        restore = self.tune()
        load = indexing.BulkLoad(self.connection)
        # SQLite adds to an index at its end about as fast as it writes the row; PostgreSQL builds
        # one from scratch, in parallel, faster than it logs each addition.
        keep = self.in_order() if self.vendor == "sqlite" else None
        deferred = DeferredIndexes(BULK_MODELS, self.connection, keep=keep)
        # The usage and monthly counts the database keeps as editors work: their triggers are off
        # for the load and the counts are made once from the rows written (after a failure too).
        self.counted = False
        counts = contextlib.ExitStack()
        for counter in COUNTERS:
            counts.enter_context(
                counts_suspended(self.using, counter.install, counter.uninstall, self.recount(counter))
            )
        try:
            with self.connection.cursor() as cursor:
                self.timed("lookup tables", 0, lambda: self.create_staging(cursor, self.vendor))
            load.begin()
            deferred.drop()
            self.side = load.side_index(self.first_document[Person], self.last_document)
            if self.side is not None:
                self.staged = f"{self.side.path}.documents"
            parallel = self.vendor == "postgresql" or self.side is not None
            lanes = Lanes(
                self.steps(deferred, counts),
                parallel=parallel,
                side_start=self.side_start,
                side_end=self.side_end,
            )
            for step in lanes.run():
                self.report.lanes[step.ran_on] = self.report.lanes.get(step.ran_on, 0.0) + step.seconds
        finally:
            self.log("Building what is left of the indexes…")
            self.timed("indexes (built once)", 0, deferred.restore)
            if self.vendor == "sqlite":
                self.timed("full-text index (built once)", 0, load.end)
            self.untune(restore)
            self.drop_staging()
            self.count(counts)  # unless a lane has (on PostgreSQL, when the load went well)
            if self.side is not None:
                self.remove_staged()
        with transaction.atomic(using=self.using):
            reset_sequences(list(self.ids), self.connection)
        self.report.seconds = time.perf_counter() - started
        return self.report

    @staticmethod
    def in_order():
        """{table: columns} the load fills in ascending order (see ``DeferredIndexes``)."""
        tables = {
            Citation: ["quote_id"],
            TaggedItem: ["content_type_id", "object_id"],
            SearchDocument: ["kind"],
            Article.people.through: ["article_id"],
            Event.people.through: ["event_id"],
            Event.articles.through: ["event_id"],
        }
        return {model._meta.db_table: columns for model, columns in tables.items()}

    def timed(self, label, rows, function):
        started = time.perf_counter()
        result = function()
        self.report.add(label, rows, time.perf_counter() - started)
        return result

    def tune(self):
        """Session settings for a load; returns what ``untune`` puts back."""
        connection = self.connection
        restore = {"checks": connection.disable_constraint_checking()}
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":
                for setting in ("synchronous", "cache_size", "temp_store"):
                    cursor.execute(f"PRAGMA {setting}")
                    restore[setting] = cursor.fetchone()[0]
                # A page cache big enough for the indexes being built; no fsync per commit: a synthetic
                # load that dies with the machine is simply run again.
                cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
                cursor.execute("PRAGMA synchronous = OFF")
                cursor.execute("PRAGMA temp_store = MEMORY")
                if not connection.is_in_memory_db():
                    # A rollback journal writes a bulk insert once; the write-ahead log writes it twice.
                    cursor.execute("PRAGMA journal_mode")
                    restore["journal_mode"] = cursor.fetchone()[0]
                    cursor.execute("PRAGMA journal_mode = DELETE")
            elif self.vendor == "postgresql":
                # Commits need not wait for the WAL to reach the disk (a crash loses the last batches, nothing else).
                cursor.execute("SET synchronous_commit = off")
                # Ids are given and point at rows written just before: checking each foreign key (and
                # running triggers) costs more than the write. Only a superuser may switch them off.
                cursor.execute("SELECT current_setting('is_superuser') = 'on'")
                self.replica = cursor.fetchone()[0]
        return restore

    def untune(self, restore):
        connection = self.connection
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":
                if self.wal:
                    # The indexes built since (in the log, while the side lane read): into the file.
                    cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                if "journal_mode" in restore:
                    cursor.execute(f"PRAGMA journal_mode = {restore['journal_mode']}")
                for setting in ("synchronous", "cache_size", "temp_store"):
                    cursor.execute(f"PRAGMA {setting} = {int(restore[setting])}")
            elif self.vendor == "postgresql":
                cursor.execute("RESET synchronous_commit")
        if restore["checks"]:
            connection.enable_constraint_checking()

    def steps(self, deferred, counts):
        """
        The load as Steps for ``Lanes``. The main lane writes the archive's tables. On PostgreSQL
        either lane writes search documents (each computes their ``tsvector``) and builds indexes,
        and the main lane counts tags and months as soon as the tables are written (the other
        lane goes on meanwhile). On SQLite the side lane makes the documents in a scratch file
        (the main lane copies them in) and indexes them for full-text search (``SideIndex``).
        Once the rows are in, the archive goes over to WAL mode, in which a reader does not hold
        up the writer: the side lane counts while the main lane builds indexes. (A database in
        memory, as in the tests, has no WAL mode: its counts come at the end.)
        """
        sizes = self.sizes
        shapes = ((ArticleShape, sizes.articles), (EventShape, sizes.events), (QuoteShape, sizes.quotes))
        part = self.part
        writes = [Step("people, outlets and tags", self.write_small)]
        for name, method, count in (
            ("articles", self.articles, sizes.articles),
            ("events", self.events, sizes.events),
            ("quotes", self.quotes, sizes.quotes),
        ):
            writes += [Step(f"{name} {start}", part(method, start, stop)) for start, stop in self.chunks(count)]
        documents = [Step("person documents", self.person_documents, "main" if self.side else "any")]
        if self.side is not None:
            staged = [
                Step(f"documents {shape.__name__} {start}", part(self.stage_documents, shape, start, stop), "side")
                for shape, count in shapes
                for start, stop in self.chunks(count)
            ]
            full_text = [Step("full-text person documents", self.index_person_documents, "side")] + [
                Step(f"full-text {shape.__name__} {start}", part(self.index_documents, shape, start, stop), "side")
                for shape, count in shapes
                for start, stop in self.chunks(count)
            ]
            if staged:  # Else nothing to copy, and the side lane may not have made its scratch table yet.
                documents.append(Step("documents", self.copy_documents, after=step_names(staged)))
            optimize = part(self.timed, "full-text index (next to the load)", 0, self.side.optimize)
            optimize = Step("optimize the full-text index", optimize, "side", after=step_names(full_text))
            steps = writes + documents + staged + full_text + [optimize]
            if not self.connection.is_in_memory_db():
                # Once the rows are in (the documents too: the log would have them written twice).
                wal = Step("write-ahead log", self.write_ahead, after=step_names(writes + documents))
                counting = Step("tag and monthly counts", self.count_aside, "side", after=[wal.name])
                steps[len(writes + documents) : len(writes + documents)] = [wal]
                steps.append(counting)
        else:
            # Smaller pieces, so that both lanes can share the work once the tables are written.
            lane, size = ("any", max(1, self.batch // 2)) if self.vendor == "postgresql" else ("main", self.batch)
            documents += [
                Step(f"documents {shape.__name__} {start}", part(self.documents, shape, start, stop), lane)
                for shape, count in shapes
                for start, stop in self.chunks(count, size)
            ]
            steps = writes + documents
        if self.vendor == "postgresql":
            counting = Step("tag and monthly counts", part(self.count, counts), "main", after=step_names(writes))
            steps.insert(len(writes), counting)
        index_lane = "any" if self.vendor == "postgresql" else "main"
        document_table = SearchDocument._meta.db_table
        for name in deferred.pending():
            after = documents if deferred.definitions[name][0] == document_table else writes
            steps.append(
                Step(f"index {name}", part(self.build_index, deferred, name), index_lane, after=step_names(after))
            )
        if self.side is not None:
            install = part(self.timed, "full-text index (built once)", 0, self.side.install)
            main = [step for step in steps if step.lane != "side"]
            steps.append(Step("install the full-text index", install, "side", after=step_names(main)))
        return steps

    def count(self, counts):
        """Put the count triggers back and count once (``counts_suspended``); a no-op the second time."""
        if self.counted:
            return
        self.counted = True
        self.log("Counting tags and months…")
        if not self.counts_staged:
            self.timed("tag and monthly counts (built once)", 0, counts.close)
            return
        with self.connection.cursor() as cursor:
            cursor.execute("ATTACH DATABASE %s AS staged", [self.staged])
        try:
            self.timed("tag and monthly counts (copied in)", 0, counts.close)
        finally:
            with self.connection.cursor() as cursor:
                cursor.execute("DETACH DATABASE staged")

    def recount(self, counter):
        """
        ``counter.rebuild``, or where the side lane counted: its counts copied in, table by table
        in the same order, so that the triggers (back on) do what they do in a rebuild.
        """

        def rebuild(using):
            if not self.counts_staged:
                return counter.rebuild(using)
            with self.connection.cursor() as cursor:
                for table in counter.COUNTED:
                    cursor.execute(f"DELETE FROM {table}")
                for table in counter.COUNTED:
                    cursor.execute(f"INSERT INTO {table} SELECT * FROM staged.{table}")

        return rebuild

    # SQLite's side lane counts too, once the main lane has written the tables, while that lane
    # builds the indexes (13 s of a 68 s load at a million quotes, otherwise after them).

    def write_ahead(self):
        """
        The archive in WAL mode from here on (the load wrote it with a rollback journal, which
        writes each page once): a reader on the side lane then sees the tables as they are now
        while this lane goes on writing indexes.
        """
        with self.connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode = WAL")
            self.wal = cursor.fetchone()[0] == "wal"

    def count_aside(self):
        """
        The recounts of ``COUNTERS`` from the archive's tables into the scratch file of the
        staged documents, for ``count()`` to copy in. They run as ``rebuild()`` runs them, into
        temporary tables defined as the archive's (SQL names without a schema find the
        temporary ones first, then the archive's); without the triggers, which do their part as
        the counts are copied in.
        """
        if not self.wal:
            return  # counted after the load instead
        started = time.perf_counter()
        side = self.side
        tables = [table for counter in COUNTERS for table in counter.COUNTED]
        now = self.adapter.datetime(timezone.now())
        side.execute("ATTACH DATABASE %s AS archive", [side.target])
        try:
            placeholders = ", ".join(["%s"] * len(tables))
            definitions = side.execute(
                f"SELECT sql FROM archive.sqlite_master WHERE type = 'table' AND name IN ({placeholders})", tables
            ).fetchall()
            for (definition,) in definitions:
                side.execute(re.sub(r"^CREATE TABLE", "CREATE TEMP TABLE", definition))
            side.execute("BEGIN")
            for counter in COUNTERS:
                for statement in counter.rebuild_statements("sqlite"):
                    side.execute(statement, [now] * statement.count("%s"))
            for table in tables:
                side.execute(f"CREATE TABLE staged.{table} AS SELECT * FROM temp.{table}")
            side.execute("COMMIT")
        finally:
            if side.db.in_transaction:
                side.execute("ROLLBACK")
            side.execute("DETACH DATABASE archive")
        self.counts_staged = True
        self.report.add("tag and monthly counts (next to the load)", 0, time.perf_counter() - started)

    @staticmethod
    def part(function, *args):
        return lambda: function(*args)

    def chunks(self, count, size=None):
        size = size or self.batch
        return [(start, min(start + size, count)) for start in range(0, count, size)]

    def build_index(self, deferred, name):
        self.timed("indexes (built once)", 0, lambda: deferred.build(name, self.db()))

    def side_start(self):
        if self.side is not None:
            side = self.side.open()
            self.create_staging(side, "sqlite")
            # The documents, made here and copied into the archive by the main lane.
            self.remove_staged()
            side.execute("ATTACH DATABASE %s AS staged", [self.staged])
            side.execute("PRAGMA staged.journal_mode = OFF")
            side.execute("PRAGMA staged.synchronous = OFF")
            side.execute(f"CREATE TABLE staged.documents ({', '.join(STAGED_COLUMNS)}, PRIMARY KEY (id))")
        elif self.vendor == "postgresql":
            with self.db().cursor() as cursor:
                cursor.execute("SET synchronous_commit = off")
                self.create_staging(cursor, "postgresql")

    def side_end(self):
        if self.side is not None:
            self.side.close()
        else:
            self.db().close()

    def remove_staged(self):
        for suffix in ("", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(f"{self.staged}{suffix}")

    # What Python makes: names, people, the word pool and the lookup tables.

    def prepare(self):
        rng = self.rng
        self.word_pool = rng.choices(WORDS, cum_weights=zipf_weights(len(WORDS), 1.0), k=WORD_POOL)
        for position in rng.sample(range(WORD_POOL), round(WORD_POOL * RARE_SHARE)):
            self.word_pool[position] = rng.choice(RARE_WORDS)
        date = self.adapter.date
        self.adapted = {
            Precision.DAY: [date(day) for day in self.dates],
            Precision.MONTH: [date(day.replace(day=1)) for day in self.dates],
            Precision.YEAR: [date(day.replace(month=1, day=1)) for day in self.dates],
        }
        self.publish_times = [self.adapter.datetime(noon) for noon in self.noons]
        models = (Outlet, Tag, Organization, Person, PersonAlias, Role, Article, Event, Quote, SearchDocument)
        self.ids = {model: next_id(model, self.connection) for model in models}
        self.first = dict(self.ids)
        for model in (Citation, TaggedItem, Article.people.through, Event.people.through, Event.articles.through):
            self.ids[model] = None  # numbered by the database as the rows go in
        first = self.ids[SearchDocument]
        sizes = self.sizes
        self.first_document = {Person: first}
        self.first_document[Article] = first + sizes.people
        self.first_document[Event] = self.first_document[Article] + sizes.articles
        self.first_document[Quote] = self.first_document[Event] + sizes.events
        self.last_document = self.first_document[Quote] + sizes.quotes - 1
        types = ContentType.objects.db_manager(self.using)
        self.content_types = {model: types.get_for_model(model).pk for model in (Article, Event, Quote)}
        self.small = []
        self.outlets_and_tags()
        self.people()
        self.shuffle_step = rng.randrange(1, max(2, sizes.people))
        while sizes.people and math.gcd(self.shuffle_step, sizes.people) != 1:
            self.shuffle_step += 1
        self.shuffle_offset = rng.randrange(max(1, sizes.people))
        self.pack()
        self.tables = self.staging()

    def pack(self):
        """
        The lookup values every statement reads, packed into parameters read by position (see
        ``Rows``): the word pool and where each word starts, the Zipf tables (a uniform draw in
        [0, BUCKETS) to a rank), names and labels.
        """
        self.packed = {}
        self.packed["pool"] = (0, (" ".join(self.word_pool) + " ").encode("ascii"))
        self.pack_integers("positions", itertools.accumulate((len(word) + 1 for word in self.word_pool), initial=1))
        if self.sizes.people:
            buckets = zipf_buckets(self.sizes.people, 1.1)
            self.pack_integers("speaker_lo", (lo for _, lo, _ in buckets))
            self.pack_integers("speaker_span", (span for _, _, span in buckets))
            self.pack_integers("person_public", self.person_public)
        self.pack_integers("tag_rank", zipf_ranks(len(self.tag_ids), 1.0))
        self.pack_integers("tag_id", self.tag_ids)
        self.pack_texts("tag_name", [self.tag_names[tag] for tag in self.tag_ids])
        self.pack_integers("outlet_rank", zipf_ranks(len(self.outlet_ids), 0.9))
        self.pack_integers("outlet_id", self.outlet_ids)
        self.pack_texts("outlet_name", [self.outlet_names[outlet] for outlet in self.outlet_ids])
        self.lists = {
            "first_name": FIRST_NAMES,
            "last_name": LAST_NAMES,
            "city": CITIES,
            "unnamed": UNNAMED_SOURCES,
            "quote_kind": KINDS,
        }
        for name, values in self.lists.items():
            self.pack_texts(name, values)
        # Dates as the database stores them, by day: the day, its month and year, noon (when content
        # of that day was published, or an hour ago for today's).
        for name, values in (
            ("day", self.adapted[Precision.DAY]),
            ("month", self.adapted[Precision.MONTH]),
            ("year", self.adapted[Precision.YEAR]),
            ("noon", self.publish_times),
        ):
            if self.vendor == "postgresql":
                self.packed[name] = (0, "{" + ",".join(f'"{value.isoformat()}"' for value in values) + "}")
            else:
                self.pack_texts(name, values)

    def pack_integers(self, name, values):
        values = list(values)
        if self.vendor == "postgresql":
            # An array literal, made once: cheaper to send than a list the driver converts for each statement.
            self.packed[name] = (0, "{" + ",".join(map(str, values)) + "}")
        else:
            width = len(str(max(values)))
            self.packed[name] = (width, "".join(map(f"{{:0{width}d}}".format, values)).encode("ascii"))

    def pack_texts(self, name, values):
        encoded = [value.encode() for value in values]
        width = max(len(value) for value in encoded)
        self.packed[name] = (width, b"".join(value.ljust(width) for value in encoded))

    def staging(self):
        """The tables statements join: (name, [(column, type)], rows), keyed by the first column."""
        tables = [
            (
                "syn_person",
                [("id", "int"), ("name", "text"), ("quote_names", "text"), ("public_part", "text")],
                self.person_rows,
            )
        ]
        if self.vendor == "sqlite":
            tables.append(("syn_numbers", [("i", "int")], [(number,) for number in range(NUMBERS)]))
        return tables

    def create_staging(self, cursor, vendor):
        """The lookup tables, as temporary tables of the connection ``cursor`` belongs to."""
        types = SQL_TYPES[vendor]
        schema = "pg_temp" if vendor == "postgresql" else "temp"
        for name, columns, rows in self.tables:
            definition = ", ".join(f"{column} {types[kind]}" for column, kind in columns)
            cursor.execute(f"DROP TABLE IF EXISTS {schema}.{name}")
            cursor.execute(f"CREATE TEMP TABLE {name} ({definition}, PRIMARY KEY ({columns[0][0]}))")
            fill(cursor, name, [column for column, _ in columns], rows, vendor)
            if vendor == "postgresql":
                cursor.execute(f"ANALYZE {name}")

    def drop_staging(self):
        schema = "pg_temp" if self.vendor == "postgresql" else "temp"
        with self.connection.cursor() as cursor:
            for name, _, _ in getattr(self, "tables", ()):
                cursor.execute(f"DROP TABLE IF EXISTS {schema}.{name}")

    # Writing.

    def transaction(self, triggers=False):
        """One chunk's transaction on this thread's connection; on PostgreSQL without triggers unless asked."""
        atomic = transaction.atomic(using=self.using)
        if self.vendor != "postgresql" or triggers or not self.replica:
            return atomic
        return ReplicaTransaction(atomic, self.db())

    def insert(self, model, columns, rows, label=None):
        writer = RowWriter(model, list(columns), self.now, connection=self.db())
        source, params = rows.source()
        started = time.perf_counter()
        count = writer.insert_select(list(columns.values()), source, params)
        self.report.add(label or model._meta.db_table, count, time.perf_counter() - started)
        return count

    def write(self, model, fields, rows):
        if not rows:
            return
        started = time.perf_counter()
        RowWriter(model, fields, self.now, connection=self.db()).write(rows)
        self.report.add(model._meta.db_table, len(rows), time.perf_counter() - started)

    def write_small(self):
        with self.transaction():
            for model, fields, rows in self.small:
                self.write(model, fields, rows)

    def articles(self, start, stop):
        with self.transaction():
            rows = Rows(self, start, stop)
            self.insert(Article, ArticleShape(self, rows).columns(), rows)
            self.taggings(ArticleShape, Article, start, stop)
            self.mentions(ArticleShape, Article.people.through, "article_id", start, stop)
        self.progress("articles", stop, self.sizes.articles)

    def events(self, start, stop):
        with self.transaction():
            rows = Rows(self, start, stop)
            self.insert(Event, EventShape(self, rows).columns(), rows)
            self.taggings(EventShape, Event, start, stop)
            self.mentions(EventShape, Event.people.through, "event_id", start, stop)
            if self.sizes.articles:
                rows = Rows(self, start, stop)
                event = EventShape(self, rows)
                slot = rows.slots(event.covering_count, min(3, self.window))
                columns = {"event_id": event.id, "article_id": self.around(event, event.day, slot, 22)}
                self.insert(Event.articles.through, columns, rows)
        self.progress("events", stop, self.sizes.events)

    def quotes(self, start, stop):
        with self.transaction():
            rows = Rows(self, start, stop)
            self.insert(Quote, QuoteShape(self, rows).columns(), rows)
            rows = Rows(self, start, stop)
            quote = QuoteShape(self, rows)
            slot = rows.slots(quote.citation_count, min(4, self.window))
            # The passage is the quote's words, read back rather than made again for each citation
            # (from this chunk's quotes only, which PostgreSQL then reads by their primary key).
            written = rows.join(Quote._meta.db_table, quote.id)
            first = self.first[Quote]
            rows.where.append(f"{written}.id BETWEEN {first + start} AND {first + stop - 1}")
            columns = {
                "quote_id": quote.id,
                "article_id": self.around(quote, quote.day, slot, 16, undated=quote.undated),
                "passage": f"{written}.text",
            }
            self.insert(Citation, columns, rows)
            self.taggings(QuoteShape, Quote, start, stop)
        self.progress("quotes", stop, self.sizes.quotes)

    def taggings(self, shape_class, model, start, stop):
        rows = Rows(self, start, stop)
        shape = shape_class(self, rows)
        ids = shape.tag_ids()
        slot = rows.slots(shape.tag_count, len(ids))
        rows.where.append(first_in_slot(slot, ids))
        columns = {
            "tag_id": choose(slot, ids),
            "content_type_id": str(self.content_types[model]),
            "object_id": shape.id,
        }
        self.insert(TaggedItem, columns, rows)

    def mentions(self, shape_class, through, owner, start, stop):
        """The people an article mentions (an event involves): 1-3, Zipf-drawn like speakers."""
        if not self.sizes.people:
            return
        rows = Rows(self, start, stop)
        shape = shape_class(self, rows)
        people = shape.people
        slot = rows.slots(shape.people_count, len(people))
        rows.where.append(first_in_slot(slot, people))
        self.insert(through, {owner: shape.id, "person_id": choose(slot, people)}, rows)

    def around(self, shape, day, slot, stream, undated=None):
        """
        The article in ``slot`` of a window of articles published on or soon after ``day`` (of any
        window if ``undated``): slots step through the window, so they never repeat an article.
        """
        width = self.window
        anywhere = shape.below(stream, self.sizes.articles - width + 1)
        if self.dated_articles:
            past = self.past_days
            near = self.least(f"({day} * {self.dated_articles} + {past - 1}) / {past}", self.dated_articles - width)
            start = near if undated is None else f"CASE WHEN {undated} THEN {anywhere} ELSE {near} END"
        else:
            start = anywhere
        offset = shape.below(stream + 1, width)
        step = f"(1 + {shape.below(stream + 2, max(1, (width - 1) // 3))})"
        return f"({self.first[Article]} + {start} + ({offset} + {slot} * {step}) %% {width})"

    def documents(self, shape_class, start, stop):
        # SQLite writes documents after their objects, on one connection: they read the words back.
        stored = self.vendor == "sqlite"
        with self.transaction(triggers=True):
            rows = Rows(self, start, stop)
            self.insert(SearchDocument, shape_class(self, rows).document(stored=stored), rows)

    def person_documents(self):
        with self.transaction(triggers=True):
            self.write(SearchDocument, indexing.DOCUMENT_COLUMNS, self.person_docs)

    # SQLite's side lane: documents in a scratch file, indexed there, copied in by the main lane.

    def stage_documents(self, shape_class, start, stop):
        rows = Rows(self, start, stop)
        document = shape_class(self, rows).document()
        source, params = rows.source()
        select = ", ".join(document[column] for column in STAGED_COLUMNS)
        sql = f"INSERT INTO staged.documents ({', '.join(STAGED_COLUMNS)}) SELECT {select} FROM {source}"
        started = time.perf_counter()
        count = self.side.run(sql, params)
        self.report.add("documents (next to the load)", count, time.perf_counter() - started)

    def index_documents(self, shape_class, start, stop):
        first = self.first_document[shape_class.model] + start
        columns = ", ".join(self.side.columns)
        select = f"SELECT id, {columns} FROM staged.documents WHERE id BETWEEN %s AND %s ORDER BY id"
        started = time.perf_counter()
        count = self.side.insert(select, [first, first + stop - start - 1])
        self.report.add("full-text index (next to the load)", count, time.perf_counter() - started)

    def index_person_documents(self):
        positions = [indexing.DOCUMENT_COLUMNS.index(column) for column in ["id", *self.side.columns]]
        placeholders = ", ".join(["%s"] * len(positions))
        columns = ", ".join(self.side.columns)
        self.side.executemany(
            f"INSERT INTO {indexing.SQLITE_FTS_TABLE} (rowid, {columns}) VALUES ({placeholders})",
            [tuple(row[position] for position in positions) for row in self.person_docs],
        )

    def copy_documents(self):
        connection = self.db()
        with connection.cursor() as cursor:
            cursor.execute("ATTACH DATABASE %s AS staged", [self.staged])
        try:
            with self.transaction(triggers=True):
                writer = RowWriter(SearchDocument, STAGED_COLUMNS, self.now, connection=connection)
                started = time.perf_counter()
                count = writer.insert_select([f"d.{column}" for column in STAGED_COLUMNS], "staged.documents d")
                self.report.add(SearchDocument._meta.db_table, count, time.perf_counter() - started)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("DETACH DATABASE staged")

    def progress(self, name, done, total):
        if done == total or done // self.batch % 5 == 0:
            self.log(f"  {name}: {done:,}/{total:,}")

    # Python-made content: outlets, tags, organizations, people.

    def python_precision(self):
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
        """``low`` to ``high`` words of the pool, as a sentence."""
        draw = self.rng.random
        count = low + int(draw() * (high - low + 1))
        start = int(draw() * (len(self.word_pool) - count))
        return " ".join(self.word_pool[start : start + count]).capitalize() + "."

    def choice(self, values):
        """``rng.choice``, a few times faster (what thousands of people cost in Python adds up)."""
        return values[int(self.rng.random() * len(values))]

    def take_ids(self, model, count):
        first = self.ids[model]
        self.ids[model] = first + count
        return range(first, first + count)

    def outlets_and_tags(self):
        rng = self.rng
        outlets = []
        self.outlet_names = {}
        for outlet_id in self.take_ids(Outlet, 50):
            name = f"The {rng.choice(OUTLET_WORDS)} {rng.choice(OUTLET_WORDS)} {outlet_id}"
            slug = f"{SLUG_PREFIX}outlet-{outlet_id}"
            self.outlet_names[outlet_id] = name
            outlets.append((outlet_id, name, slug, f"https://{slug}.example/", rng.choice(COUNTRIES)))
        self.small.append((Outlet, ["id", "name", "slug", "url", "country"], outlets))
        self.outlet_ids = list(self.outlet_names)

        # About two hundred tags, reusing any that exist (tag names are unique).
        names = [word for word in WORDS[21:] if len(word) > 3][:120]
        names += [f"{a} {b}" for a, b in zip(names[:80], names[40:120], strict=False)]
        names = list(dict.fromkeys(names))[:200]
        existing = {tag.name.lower(): tag.pk for tag in Tag.objects.using(self.using).filter(name__in=names)}
        rows = []
        for name in names:
            if name.lower() not in existing:
                tag_id = self.take_ids(Tag, 1)[0]
                rows.append((tag_id, name, f"{SLUG_PREFIX}{name.replace(' ', '-')}"))
                existing[name.lower()] = tag_id
        self.small.append((Tag, ["id", "name", "slug"], rows))
        self.tag_ids = [existing[name.lower()] for name in names]
        self.tag_names = {existing[name.lower()]: name for name in names}

    def aliases_of(self, first, last):
        rng, choice = self.rng, self.choice
        names = {f"{first[0]}. {last}"}
        spelled = f"{first} {last}".replace("y", "iy") if "y" in first else f"{first} {last}".replace("i", "y", 1)
        names.add(spelled)
        if rng.random() < 0.4:
            vowel = choice([v for v in ACCENTED if v in last] or ["e"])
            names.add(f"{first} {last.replace(vowel, ACCENTED[vowel], 1)}")
        if rng.random() < 0.5:
            names.add(cyrillic(f"{first} {last}"))
        chosen = sorted(names)
        rng.shuffle(chosen)
        return sorted(chosen[: 1 + int(rng.random() * 3)])

    def people(self):
        rng, choice = self.rng, self.choice
        draw = rng.random
        sizes = self.sizes
        organizations = []
        org_count = max(1, min(300, sizes.people // 20 + 5))
        for org_id in self.take_ids(Organization, org_count):
            country = rng.choice(COUNTRIES)
            kind = rng.choice(list(Organization.Kind))
            organizations.append(
                (org_id, f"{country} {kind.label} {org_id}", f"{SLUG_PREFIX}org-{org_id}", kind, country)
            )
        org_ids = [row[0] for row in organizations]
        people, aliases, roles, documents, staged = [], [], [], [], []
        self.person_public = []  # by person number: 1 if public
        for number, person_id in enumerate(self.take_ids(Person, sizes.people)):
            first, last = choice(FIRST_NAMES), choice(LAST_NAMES)
            name = f"{first} {last}" if number < 5000 else f"{first} {chr(65 + number % 26)}. {last}"
            country = choice(COUNTRIES)
            description = f"{country} {choice(POSTS)}"
            biography = self.text(20, 60)
            # Public from the archive's first day: before any quote that names them (Quote.validate_publishing).
            status, published_at, public = self.editorial(0)
            self.person_public.append(int(public))
            slug = f"{SLUG_PREFIX}{first}-{last}-{person_id}".lower()
            people.append(
                (person_id, name, f"{last}, {first}", slug, description, biography, country)
                + (status, published_at, self.stamp, self.stamp)
            )
            names = self.aliases_of(first, last)
            for alias_id, alias in zip(self.take_ids(PersonAlias, len(names)), names, strict=True):
                language = "ru" if alias == cyrillic(f"{first} {last}") else "en"
                aliases.append((alias_id, person_id, alias, language, default_sort_name(alias)))
            titles = []
            for _ in range(1 + int(draw() * 2)):
                start = int(draw() * self.past_days)
                end = min(start + 200 + int(draw() * 2801), self.past_days - 1)
                precision = self.python_precision()
                ongoing = draw() < 0.3
                title = f"{country} {choice(POSTS)}"
                titles.append(title)
                start_on = self.adapted[precision][start]
                end_on = None if ongoing else self.adapted[precision][end]
                roles.append(
                    (self.take_ids(Role, 1)[0], person_id, title, choice(org_ids), start_on, precision)
                    + (end_on, Precision.DAY if ongoing else precision)
                )
            # What a quote's document says of its speaker: the name, and the other names once public.
            staged.append(
                (person_id, name, joined(name, *names) if public else name, SEPARATOR + name if public else "")
            )
            documents.append(
                (self.take_ids(SearchDocument, 1)[0], SearchDocument.Kind.PERSON, person_id, slug, name, joined(*names))
                + (description[:300], joined(country, *titles, biography, description), "", None, Precision.DAY)
                + (status, published_at, self.stamp, self.stamp)
            )
        person_fields = ["id", "name", "sort_name", "slug", "description", "biography", "country"]
        person_fields += ["status", "published_at", "created_at", "updated_at"]
        role_fields = ["id", "person_id", "title", "organization_id", "start_date", "start_precision"]
        role_fields += ["end_date", "end_precision"]
        self.small += [
            (Organization, ["id", "name", "slug", "kind", "country"], organizations),
            (Person, person_fields, people),
            (PersonAlias, ["id", "person_id", "name", "language", "sort_name"], aliases),
            (Role, role_fields, roles),
        ]
        self.person_rows = staged
        self.person_docs = documents


class ReplicaTransaction:
    """
    PostgreSQL: a transaction in which foreign keys are not checked and triggers do not fire
    (``session_replication_role = replica``, for this transaction only). Ids are given and
    point at rows written just before: checking each costs more than the write.
    """

    def __init__(self, atomic, connection):
        self.atomic = atomic
        self.connection = connection

    def __enter__(self):
        self.atomic.__enter__()
        with self.connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")

    def __exit__(self, *exc_info):
        return self.atomic.__exit__(*exc_info)
