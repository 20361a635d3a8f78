"""
The database-specific half of search: matching, ordering and highlighting, in bounded work.

A common word matches hundreds of thousands of documents, and no database ranks them
all within a page view. So a search reads a *window* per kind: the ``WINDOW`` newest
published matches (by id: the most recently added) of each of quotes, articles, people
and events. It orders those: matches in what a document is (its title, or a person's
other names) first, then the rest; within each, people first, then the newest, undated
last. Every kind has its own window, so a name finds the person even when thousands of
quotes mention them. Counts stop at the window ("200+ quotes"); below it they are exact.

Walking the matches newest first is cheap while they are many. When a query's words are
common but rarely together, finding the newest few means walking far; so each backend
first bounds the number of matches from its words (``Backend.bound()``: every clause must
match, a term needs all its words). Up to ``INDEX_MATCHES``, a window holds the newest of
all matches; beyond, it holds the matches among the kind's ``SCAN_ROWS`` newest documents,
and a window that stopped short of its kind says there may be more.

- SQLite: FTS5 with the document's kind indexed as a column (migration 0011_search), so
  ``kind : "person"`` narrows a match inside the index, and FTS5 walks matches by rowid,
  newest first, stopping when the window is full. Each word's matches are counted up to
  ``INDEX_MATCHES`` (a few ms); "the kind's newest documents" is a rowid range.
- PostgreSQL: a GIN index returns all matches at once, in no order, each then visited
  on its row; so a window is either every match from the kind's partial GIN index, or
  the kind's newest documents through the (kind, id) btree, each tested until the window
  is full. The planner cannot choose between them (for "antonov" it scanned 290,000
  quotes, 450 ms, where the index takes 30), so ``PostgresBackend`` asks it only for its
  estimate of each word, which is good, and chooses itself.

``search()`` returns ``SearchResults``: three queries in all (the words' counts, every
window with every kind's count, the page's documents with their highlights), whatever
the archive's size. (The quote list's words filter reads the quote documents' index
directly: ``archive.filters.QuoteWords``.)
"""

import datetime
import json
from dataclasses import dataclass
from functools import cached_property

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection

from archive.models import SearchDocument
from archive.search.query import HIGHLIGHT_START, HIGHLIGHT_STOP, Term, is_stopword

Kind = SearchDocument.Kind
KINDS = list(Kind.values)
WINDOW = 200
# The newest documents of each kind a bounded window reads (about 10 ms on either database).
SCAN_ROWS = {Kind.QUOTE: 10_000, Kind.ARTICLE: 5_000, Kind.PERSON: 25_000, Kind.EVENT: 10_000}
SNIPPET_WORDS = 30
DOCUMENTS_TABLE = SearchDocument._meta.db_table
# What a result shows (and needs for its address), read with its highlights.
SHOWN_COLUMNS = ["id", "kind", "object_id", "slug", "title", "names", "subtitle", "date", "date_precision"]


@dataclass(slots=True)
class Candidate:
    """One match in a window: enough to order it, without its text."""

    id: int
    kind: str
    date: datetime.date | None
    in_title: bool

    @classmethod
    def from_row(cls, row):
        document_id, kind, date, in_title = row
        if isinstance(date, str):  # SQLite returns raw SQL's dates as text
            date = datetime.date.fromisoformat(date)
        return cls(document_id, kind, date, bool(in_title))

    def sort_key(self):
        """Matched in the title or names first; then people (timeless), then the newest, undated last."""
        newest = -self.date.toordinal() if self.date else 0
        return (not self.in_title, self.kind != Kind.PERSON, self.date is None, newest, -self.id)


@dataclass(frozen=True)
class KindCount:
    count: int
    more: bool

    def __str__(self):
        return f"{self.count}+" if self.more else str(self.count)


def where_sql(documents):
    """``documents``' conditions as SQL over the documents table (not aliased), with parameters."""
    query = documents.query
    try:
        sql, params = query.where.as_sql(query.get_compiler(connection=connection), connection)
    except FullResultSet:  # no conditions
        return "1 = 1", []
    return (sql or "1 = 1"), params


class Backend:
    INDEX_MATCHES = 10_000

    def __init__(self, documents, parsed):
        self.documents = documents
        self.parsed = parsed
        # Kinds whose window stopped at SCAN_ROWS documents: there may be more matches.
        self.incomplete = set()

    def words(self):
        """The words whose frequencies bound the matches."""
        return sorted({word for term in self.parsed.terms() for word in term.words if not is_stopword(word)})

    def word_term(self, word):
        """One word as a term of its own, to count it: as the start of a word, if it is read so."""
        return Term((word,), prefix=word == self.parsed.prefix_word)

    def bound(self, frequency):
        """At most how many documents match: every clause must match, and a term needs all its words."""
        clauses = [
            sum(min((frequency[word] for word in term.words if word in frequency), default=0) for term in clause)
            for clause in self.parsed.clauses
        ]
        return min(clauses)

    def plan(self, kinds):
        """{kind: where its bounded window starts, or None for all matches}; records the incomplete kinds."""
        frequency, newest = self.statistics()
        if self.bound(frequency) <= self.INDEX_MATCHES:
            return dict.fromkeys(kinds)
        self.incomplete = {kind for kind in kinds if newest[kind] is not None}
        return {kind: newest[kind] for kind in kinds}

    def candidates(self):
        """Each kind's window, newest first: up to ``WINDOW`` + 1 (the one more says "there are more")."""
        sql, params = self.windows_sql(where_sql(self.documents), self.plan(KINDS))
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [Candidate.from_row(row) for row in cursor.fetchall()]

    def newest(self, kind, limit):
        """The object ids of the ``limit`` newest matches of ``kind``, and whether there may be more."""
        since = self.plan([kind])[kind]
        window, params = self.window_sql(kind, where_sql(self.documents), since, limit + 1)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT object_id FROM ({window}) AS window_{kind}", params)
            ids = [row[0] for row in cursor.fetchall()]
        return ids[:limit], len(ids) > limit or kind in self.incomplete


class SQLiteBackend(Backend):
    table = "archive_search_fts"

    def __init__(self, documents, parsed):
        super().__init__(documents, parsed)
        self.fts5 = parsed.as_fts5()

    def match(self, words=None, columns="title names body full_text", kind=None):
        """An FTS5 query: the reader's words in ``columns`` (never in ``kind``), of one kind if given."""
        match = f"{{{columns}}} : ({words or self.fts5})"
        return f'{match} AND kind : "{kind}"' if kind else match

    def statistics(self):
        """
        One query: ({word: documents with it, counted up to INDEX_MATCHES + 1},
        {kind: the lowest id among its SCAN_ROWS newest documents, None if it has no more}).
        """
        table, parts, params = self.table, [], []
        words = self.words()
        for word in words:
            parts.append(f"(SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH %s LIMIT %s))")
            params += [self.match(self.word_term(word).fts5()), self.INDEX_MATCHES + 1]
        for kind in KINDS:
            parts.append(f"(SELECT id FROM {DOCUMENTS_TABLE} WHERE kind = %s ORDER BY id DESC LIMIT 1 OFFSET %s)")
            params += [kind, SCAN_ROWS[kind] - 1]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(parts)}", params)
            row = cursor.fetchone()
        return dict(zip(words, row, strict=False)), dict(zip(KINDS, row[len(words) :], strict=True))

    def window_sql(self, kind, where, since, limit):
        """The newest ``limit`` matches of ``kind`` (with a rowid from ``since`` on, if given)."""
        table, documents = self.table, DOCUMENTS_TABLE
        where_sql, where_params = where
        since_sql, since_params = ("", []) if since is None else (f"AND {table}.rowid >= %s", [since])
        sql = f"""
            SELECT {documents}.id, {documents}.kind, {documents}.date, {documents}.object_id
            FROM {table} JOIN {documents} ON {documents}.id = {table}.rowid
            WHERE {table} MATCH %s {since_sql} AND {where_sql}
            ORDER BY {table}.rowid DESC LIMIT %s"""
        return sql, [self.match(kind=kind), *since_params, *where_params, limit]

    def windows_sql(self, where, since):
        windows, selects, params = [], [], []
        for number, kind in enumerate(KINDS):
            window, window_params = self.window_sql(kind, where, since[kind], WINDOW + 1)
            windows.append(f"window_{number} AS MATERIALIZED ({window})")
            params += window_params
        for number, kind in enumerate(KINDS):
            # Matched in the title or names: the same match confined to them, over the window's rowids only.
            selects.append(f"""
                SELECT id, kind, date, id IN (
                    SELECT rowid FROM {self.table}
                    WHERE {self.table} MATCH %s AND rowid >= (SELECT min(id) FROM window_{number})
                ) FROM window_{number}""")
            params.append(self.match(columns="title names", kind=kind))
        return f"WITH {', '.join(windows)} {' UNION ALL '.join(selects)}", params

    def documents_marked(self, ids):
        """The documents ``ids`` with ``title_marked``, ``names_marked`` and ``snippet_marked``."""
        table, documents = self.table, DOCUMENTS_TABLE
        placeholders = ", ".join(["%s"] * len(ids))
        # Not the full text (never shown, and it may be long): raw() leaves it deferred.
        columns = ", ".join(f"{documents}.{column}" for column in SHOWN_COLUMNS)
        sql = f"""
            SELECT {columns},
                   highlight({table}, 0, %s, %s) AS title_marked,
                   highlight({table}, 1, %s, %s) AS names_marked,
                   snippet({table}, 2, %s, %s, '…', {SNIPPET_WORDS}) AS snippet_marked
            FROM {table} JOIN {documents} ON {documents}.id = {table}.rowid
            WHERE {table} MATCH %s AND {table}.rowid IN ({placeholders})
        """
        markers = [HIGHLIGHT_START, HIGHLIGHT_STOP]
        return list(SearchDocument.objects.raw(sql, [*markers, *markers, *markers, self.match(), *ids]))


class PostgresBackend(Backend):
    """
    A window from the kind's partial GIN index (migration 0011_search) costs a visit to a
    random row per match; from the (kind, id) btree, newest first, a read in order per
    document tested, written ``ts_match_vq(...)`` so that the planner cannot swap the GIN
    index in. The planner's statistics know each word's frequency; its estimate for several
    words together assumes they are independent, and words that go together make it far
    too low: hence ``bound()`` from the words one by one.
    """

    config = "archive_search"
    INDEX_MATCHES = 20_000

    def __init__(self, documents, parsed):
        super().__init__(documents, parsed)
        self.tsquery_text = parsed.as_tsquery()
        self.query = SearchQuery(self.tsquery_text, search_type="raw", config=self.config)

    def tsquery(self):
        """The query as SQL of one parameter: ``tsquery_text``, or one word's operand (``statistics()``)."""
        return f"to_tsquery('{self.config}', %s)"

    def statistics(self):
        """
        The planner's estimates, from one EXPLAIN: ({word: documents with it},
        {kind: SCAN_ROWS[kind], or None when the kind has fewer documents}).
        """
        words = self.words()
        arms = [f"SELECT 1 FROM {DOCUMENTS_TABLE} WHERE search_vector @@ {self.tsquery()}" for _ in words]
        arms += [f"SELECT 1 FROM {DOCUMENTS_TABLE} WHERE kind = %s" for _ in KINDS]
        with connection.cursor() as cursor:
            operands = [self.word_term(word).tsquery_operands()[0] for word in words]
            cursor.execute(f"EXPLAIN (FORMAT JSON) {' UNION ALL '.join(arms)}", [*operands, *KINDS])
            plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        rows = [arm["Plan Rows"] for arm in plan[0]["Plan"]["Plans"]]
        totals = dict(zip(KINDS, rows[len(words) :], strict=True))
        # Room to spare: an estimate of 20,000 documents may be 21,000.
        newest = {kind: SCAN_ROWS[kind] if SCAN_ROWS[kind] < totals[kind] * 1.2 else None for kind in KINDS}
        return dict(zip(words, rows, strict=False)), newest

    def window_sql(self, kind, where, rows, limit):
        """The newest ``limit`` matches of ``kind``: all from its GIN index, or among its newest ``rows``."""
        where_sql, where_params = where
        columns = f"id, kind, date, object_id, search_vector FROM {DOCUMENTS_TABLE}"
        if rows is None:
            # OFFSET 0 keeps the LIMIT from turning this into a scan.
            sql = f"""
                SELECT * FROM (
                    SELECT {columns} WHERE kind = %s AND {where_sql} AND search_vector @@ {self.tsquery()} OFFSET 0
                ) AS matches ORDER BY id DESC LIMIT %s"""
            return sql, [kind, *where_params, self.tsquery_text, limit]
        sql = f"""
            SELECT * FROM (
                SELECT {columns} WHERE kind = %s AND {where_sql} ORDER BY id DESC LIMIT %s
            ) AS newest WHERE ts_match_vq(search_vector, {self.tsquery()}) LIMIT %s"""
        return sql, [kind, *where_params, rows, self.tsquery_text, limit]

    def windows_sql(self, where, rows):
        arms, params = [], []
        for kind in KINDS:
            window, window_params = self.window_sql(kind, where, rows[kind], WINDOW + 1)
            arms.append(f"""
                SELECT id, kind, date, ts_filter(search_vector, '{{a,b}}') @@ {self.tsquery()}
                FROM ({window}) AS window_{kind}""")
            params += [self.tsquery_text, *window_params]
        return " UNION ALL ".join(f"({arm})" for arm in arms), params

    def documents_marked(self, ids):
        highlight = {"config": self.config, "start_sel": HIGHLIGHT_START, "stop_sel": HIGHLIGHT_STOP}
        return list(
            SearchDocument.objects.filter(id__in=ids)
            .only(*SHOWN_COLUMNS)
            .annotate(
                title_marked=SearchHeadline("title", self.query, highlight_all=True, **highlight),
                names_marked=SearchHeadline("names", self.query, highlight_all=True, **highlight),
                snippet_marked=SearchHeadline(
                    "body",
                    self.query,
                    max_words=SNIPPET_WORDS,
                    min_words=SNIPPET_WORDS // 2,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                    **highlight,
                ),
            )
        )


BACKENDS = {"postgresql": PostgresBackend, "sqlite": SQLiteBackend}


def get_backend(documents, parsed):
    try:
        backend = BACKENDS[connection.vendor]
    except KeyError:
        raise NotImplementedError(f"Search does not support the {connection.vendor} database.") from None
    return backend(documents, parsed)


class SearchResults:
    """
    Published documents matching a query, best first, of one ``kind`` or all; a
    ``Paginator`` can page through it (``count()`` and slices of ``SearchDocument`` rows
    with ``title_marked``, ``names_marked`` and ``snippet_marked``).
    """

    def __init__(self, backend, kind=None):
        self.backend = backend
        self.kind = kind or None
        self.window = WINDOW

    @cached_property
    def windows(self):
        """{kind: candidates, newest first}: up to ``WINDOW``, and one more if there are more."""
        try:
            candidates = self.backend.candidates()
        except EmptyResultSet:  # conditions that can match nothing
            candidates = []
        windows = {kind: [] for kind in KINDS}
        for found in sorted(candidates, key=lambda found: -found.id):
            windows[found.kind].append(found)
        return windows

    @cached_property
    def kind_counts(self):
        """{kind: KindCount}: matches of each kind, up to ``WINDOW``, and whether there may be more."""
        incomplete = self.backend.incomplete
        return {
            kind: KindCount(min(len(found), self.window), len(found) > self.window or kind in incomplete)
            for kind, found in self.windows.items()
        }

    def count_of(self, kind=None):
        """A ``KindCount`` for one kind, or for all of them."""
        counts = self.kind_counts.values() if kind is None else [self.kind_counts[kind]]
        return KindCount(sum(count.count for count in counts), any(count.more for count in counts))

    @property
    def total(self):
        """This list's count, as readers see it."""
        return self.count_of(self.kind)

    @cached_property
    def ranked(self):
        kinds = KINDS if self.kind is None else [self.kind]
        return sorted((found for kind in kinds for found in self.windows[kind][: self.window]), key=Candidate.sort_key)

    def count(self):
        return len(self.ranked)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        page = self.ranked[index]
        if not page:
            return []
        documents = {document.id: document for document in self.backend.documents_marked([c.id for c in page])}
        return [documents[candidate.id] for candidate in page if candidate.id in documents]


def search(parsed, kind=None):
    """Published documents matching ``parsed`` (of one ``kind`` if given), best first."""
    return SearchResults(get_backend(SearchDocument.objects.published(), parsed), kind)


def recent_matches(parsed, kind, limit, documents=None):
    """
    The ids of the ``limit`` most recently added objects of ``kind`` matching ``parsed``, and
    whether there may be more: three small queries, for filtering a list by words in bounded
    work. ``documents`` defaults to the published ones (``SearchDocument.objects.all()``
    for editors).
    """
    if documents is None:
        documents = SearchDocument.objects.published()
    try:
        return get_backend(documents, parsed).newest(kind, limit)
    except EmptyResultSet:
        return [], False


def kind_counts(parsed):
    """{kind: published documents matching ``parsed``, counted up to ``WINDOW`` + 1}."""
    return {kind: count.count + count.more for kind, count in search(parsed).kind_counts.items()}
