"""The estimated-count paginator: PostgreSQL's estimate for whole large tables, an exact count otherwise."""

import pytest
from django.db import connection

from archive.admin import QuoteAdmin
from archive.models import Quote
from archive.paginators import EstimatedCountPaginator, estimated_count
from tests.factories import QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def quotes(antonov):
    return QuoteFactory.create_batch(5, speaker=antonov)


def test_filtered_lists_are_counted_exactly(quotes, antonov):
    filtered = Quote.objects.filter(speaker=antonov, pk__in=[quote.pk for quote in quotes[:3]])
    assert estimated_count(filtered) is None
    assert EstimatedCountPaginator(filtered, 2).count == 3


def test_small_tables_are_counted_exactly(quotes):
    paginator = EstimatedCountPaginator(Quote.objects.all(), 2)
    assert paginator.count == 5
    assert paginator.num_pages == 3


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite keeps no estimate")
def test_sqlite_always_counts(quotes, monkeypatch):
    monkeypatch.setattr(EstimatedCountPaginator, "threshold", 0)
    assert estimated_count(Quote.objects.all()) is None
    assert EstimatedCountPaginator(Quote.objects.all(), 2).count == 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the estimate is PostgreSQL's")
def test_postgresql_estimates_a_whole_table(quotes, monkeypatch):
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Quote._meta.db_table}")
    monkeypatch.setattr(EstimatedCountPaginator, "threshold", 0)
    estimate = estimated_count(Quote.objects.all())
    assert estimate is not None
    assert EstimatedCountPaginator(Quote.objects.order_by("-pk"), 2).count == estimate


def test_the_quote_admin_uses_it_without_a_second_full_count(admin_client, quotes):
    assert QuoteAdmin.paginator is EstimatedCountPaginator
    assert QuoteAdmin.show_full_result_count is False
    response = admin_client.get("/admin/archive/quote/")
    assert response.status_code == 200
