"""
The database-specific half of search: matching, ranking and highlighting.

Both backends take published documents (``SearchDocument.objects.published()``) and
a parsed query. ``results()`` returns something a ``Paginator`` can page through
(``count()`` and slicing) whose items are ``SearchDocument`` rows with three extra
attributes: ``rank``, ``title_marked``, ``names_marked`` and ``snippet_marked`` (text
with highlight markers, see ``query.mark``); ``matching()`` is a plain queryset of the matches, for
counting by kind.

- PostgreSQL: ``websearch_to_tsquery`` over the GIN-indexed ``search_vector``,
  ranked by ``ts_rank`` (title A, names B, body C), ``ts_headline`` for highlights.
- SQLite: FTS5 ``MATCH`` with every term quoted, ranked by ``bm25()`` with the title
  weighted 10, names 5 and the body 1; ``highlight()`` and ``snippet()`` for highlights.
"""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, F
from django.db.models.expressions import RawSQL

from archive.models import SearchDocument
from archive.search.query import HIGHLIGHT_START, HIGHLIGHT_STOP

SNIPPET_WORDS = 30


class PostgresBackend:
    config = "archive_search"

    def __init__(self, documents, parsed):
        self.documents = documents
        self.query = SearchQuery(parsed.as_websearch(), search_type="websearch", config=self.config)

    def matching(self):
        return self.documents.filter(search_vector=self.query)

    def results(self):
        highlight = {"config": self.config, "start_sel": HIGHLIGHT_START, "stop_sel": HIGHLIGHT_STOP}
        return (
            self.matching()
            .annotate(
                # Normalization 1 divides by the log of the document's length, so a long
                # article mentioning a name in passing does not outrank the person.
                rank=SearchRank(F("search_vector"), self.query, normalization=1),
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
            .order_by("-rank", "id")
        )


class FTS5Results:
    """A page-able FTS5 result list: ``count()`` through the ORM, pages as one ranked raw query."""

    table = "archive_search_fts"

    def __init__(self, documents, match):
        self.documents = documents
        self.match = match

    def count(self):
        return self.documents.filter(id__in=self.matching_ids()).count()

    def matching_ids(self):
        return RawSQL(f"SELECT rowid FROM {self.table} WHERE {self.table} MATCH %s", [self.match])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return list(self[index : index + 1])[0]
        start = index.start or 0
        limit = -1 if index.stop is None else max(index.stop - start, 0)
        # "Published" is decided by the ORM (PublishableQuerySet.published) and reused here.
        public_sql, public_params = self.documents.values("id").query.sql_with_params()
        table, documents = self.table, SearchDocument._meta.db_table
        sql = f"""
            SELECT {documents}.*,
                   bm25({table}, 10.0, 5.0, 1.0) AS rank,
                   highlight({table}, 0, %s, %s) AS title_marked,
                   highlight({table}, 1, %s, %s) AS names_marked,
                   snippet({table}, 2, %s, %s, '…', {SNIPPET_WORDS}) AS snippet_marked
            FROM {table} JOIN {documents} ON {documents}.id = {table}.rowid
            WHERE {table} MATCH %s AND {documents}.id IN ({public_sql})
            ORDER BY rank, {documents}.id
            LIMIT %s OFFSET %s
        """
        markers = [HIGHLIGHT_START, HIGHLIGHT_STOP]
        params = [*markers, *markers, *markers, self.match, *public_params, limit, start]
        return list(SearchDocument.objects.raw(sql, params))


class SQLiteBackend:
    def __init__(self, documents, parsed):
        self.documents = documents
        self.match = parsed.as_fts5()

    def matching(self):
        return self.documents.filter(id__in=FTS5Results(self.documents, self.match).matching_ids())

    def results(self):
        return FTS5Results(self.documents, self.match)


BACKENDS = {"postgresql": PostgresBackend, "sqlite": SQLiteBackend}


def get_backend(documents, parsed):
    try:
        backend = BACKENDS[connection.vendor]
    except KeyError:
        raise NotImplementedError(f"Search does not support the {connection.vendor} database.") from None
    return backend(documents, parsed)


def search(parsed, kind=None):
    """Published documents matching ``parsed`` (of one ``kind`` if given), best first."""
    documents = SearchDocument.objects.published()
    if kind:
        documents = documents.filter(kind=kind)
    return get_backend(documents, parsed).results()


def kind_counts(parsed):
    """{kind: number of published documents matching ``parsed``}."""
    backend = get_backend(SearchDocument.objects.published(), parsed)
    rows = backend.matching().order_by().values("kind").annotate(matches=Count("id"))
    return {row["kind"]: row["matches"] for row in rows}
