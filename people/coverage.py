"""
A person's latest coverage, and who else it quotes, for their page (``PersonDetailView``).

Each is one query of nested subqueries, written in SQL: Django took longer to put either
together on every request (1.3–1.7 ms) than either database takes to answer it. What is
public is decided by ``published_sql``, as ``published()`` decides it elsewhere, and the
orders are the models' own (their ``Meta.ordering``); ``tests/test_pages_people.py`` holds
both queries to what the ORM finds.
"""

from django.db import connection

from archive.editorial import published_sql
from archive.models import Article, Citation, Quote

ARTICLES = Article._meta.db_table
CITATIONS = Citation._meta.db_table
QUOTES = Quote._meta.db_table
MENTIONS = Article.people.through._meta.db_table


def ids(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def latest_coverage(person, quotes, mentions):
    """
    The ids of the published articles, newest first, that report one of ``person``'s ``quotes``
    latest published quotes, or are among the ``mentions`` articles mentioning them most
    recently added to the archive.
    """
    public_article, article_params = published_sql("a", connection)
    public_quote, quote_params = published_sql("q", connection)
    sql = (
        f"SELECT a.id FROM {ARTICLES} a WHERE {public_article} AND a.id IN ("
        f"SELECT c.article_id FROM {CITATIONS} c WHERE c.quote_id IN ("
        f"SELECT q.id FROM {QUOTES} q WHERE q.speaker_id = %s AND {public_quote} "
        "ORDER BY q.said_on DESC NULLS LAST, q.id DESC LIMIT %s) "
        f"UNION SELECT recent.article_id FROM (SELECT latest.article_id FROM {MENTIONS} latest "
        "WHERE latest.person_id = %s ORDER BY latest.article_id DESC LIMIT %s) recent"
        ") ORDER BY a.published_on DESC NULLS LAST, a.id DESC"
    )
    return ids(sql, [*article_params, person.pk, *quote_params, quotes, person.pk, mentions])


def others_quoted(person, articles):
    """The ids of the published quotes in ``articles`` (ids) said by anyone but ``person``, newest first."""
    if not articles:
        return []
    public_quote, quote_params = published_sql("q", connection)
    placeholders = ", ".join(["%s"] * len(articles))
    sql = (
        f"SELECT q.id FROM {QUOTES} q WHERE {public_quote} AND (q.speaker_id IS NULL OR q.speaker_id <> %s) "
        f"AND q.id IN (SELECT c.quote_id FROM {CITATIONS} c WHERE c.article_id IN ({placeholders})) "
        "ORDER BY q.said_on DESC NULLS LAST, q.id DESC"
    )
    return ids(sql, [*quote_params, person.pk, *articles])
