"""What a page asked the database for."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def columns_read(client, url, column, expect=None):
    """
    The queries ``url`` ran (a streamed response read to its end) that select ``column``,
    written as the SQL names it: ``'"archive_article"."body"'``. The page must answer 200 and,
    if given, contain ``expect``.
    """
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200, url
    if expect is not None:
        assert expect in body.decode(), url
    return [query["sql"] for query in queries if column in query["sql"]]
