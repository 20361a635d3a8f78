"""
The estimated-count paginator (PostgreSQL's estimate for whole large tables, an exact count
otherwise) and the public lists' capped paginator.
"""

import pytest
from django.core.paginator import EmptyPage, Paginator
from django.db import connection
from django.template.loader import render_to_string

from archive.admin import QuoteAdmin
from archive.models import Quote
from archive.paginators import CappedPaginator, EstimatedCountPaginator, estimated_count
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


# The public lists' capped paginator


def capped(queryset, per_page=2, **kwargs):
    return CappedPaginator(queryset.order_by("pk"), per_page, **kwargs)


def test_a_short_list_is_counted_exactly(quotes):
    paginator = capped(Quote.objects.all(), cap=10)

    assert paginator.count == 5
    assert not paginator.capped
    assert paginator.count_text == "5"
    assert paginator.num_pages == 3


def test_counting_stops_at_the_cap(quotes):
    paginator = capped(Quote.objects.all(), cap=4)

    assert paginator.count == 4
    assert paginator.capped
    assert paginator.count_text == "4+"
    assert paginator.num_pages == 2
    assert [quote.pk for quote in paginator.page(2)] == [quotes[2].pk, quotes[3].pk]


def test_a_page_past_the_cap_is_past_the_end(quotes):
    with pytest.raises(EmptyPage):
        capped(Quote.objects.all(), cap=4).page(3)
    assert capped(Quote.objects.all(), cap=4).get_page(3).number == 2


def test_thousands_are_separated():
    paginator = CappedPaginator(list(range(12_345)), 20, cap=10_000)

    assert paginator.count_text == "10,000+"
    assert CappedPaginator(list(range(1_234)), 20).count_text == "1,234"


def test_the_count_reads_at_most_the_cap_plus_one(quotes, django_assert_num_queries):
    paginator = capped(Quote.objects.all(), cap=3)
    with django_assert_num_queries(1) as captured:
        assert paginator.count == 3
    assert "LIMIT 4" in captured.captured_queries[0]["sql"]


@pytest.mark.parametrize("cap", [3, 10])
def test_walking_the_ids_gives_the_same_pages(quotes, cap):
    plain = capped(Quote.objects.all(), cap=cap)
    walked = capped(Quote.objects.all(), cap=cap, walk=True)

    assert (walked.count, walked.capped, walked.num_pages) == (plain.count, plain.capped, plain.num_pages)
    for number in plain.page_range:
        assert list(walked.page(number)) == list(plain.page(number))


def test_a_walked_page_costs_two_queries_and_fetches_rows_from_rows(quotes, django_assert_num_queries):
    rows = Quote.objects.select_related("speaker")
    paginator = capped(Quote.objects.filter(speaker__isnull=False), walk=True, rows=rows)

    with django_assert_num_queries(2):  # the ids, then the page's rows with their speakers
        page = paginator.page(2)
        assert [quote.speaker.name for quote in page] == [quote.speaker.name for quote in quotes[2:4]]


@pytest.mark.parametrize("ordering", ["pk", "-pk"])
def test_a_page_read_by_id_from_rows_is_the_same_page(quotes, ordering, django_assert_num_queries):
    mine = Quote.objects.filter(pk__in=[quote.pk for quote in quotes[1:]]).order_by(ordering)
    plain = CappedPaginator(mine, 2)
    by_id = CappedPaginator(mine, 2, rows=Quote.objects.select_related("speaker"))

    assert by_id.num_pages == plain.num_pages == 2
    for number in plain.page_range:
        expected = list(plain.page(number))
        with django_assert_num_queries(1):  # ids in a subquery; the count is already known
            assert list(by_id.page(number)) == expected
    assert quotes[0] not in expected


def test_ahead_counts_only_to_the_next_page(quotes):
    paginator = capped(Quote.objects.all(), walk=True, ahead=0)
    page = paginator.page(1)

    # One item past the first page was seen: the second page is linked, nothing is promised beyond.
    assert paginator.count_text == "2+"
    assert paginator.num_pages == 2
    assert page.has_next()
    assert [quote.pk for quote in page] == [quotes[0].pk, quotes[1].pk]


def test_ahead_counts_further_for_a_later_page(quotes):
    paginator = capped(Quote.objects.all(), walk=True, ahead=0)
    page = paginator.page(3)

    assert [quote.pk for quote in page] == [quotes[4].pk]
    assert paginator.count_text == "5"
    assert not page.has_next()
    with pytest.raises(EmptyPage):
        capped(Quote.objects.all(), walk=True, ahead=0).page(4)


def test_ahead_never_passes_the_cap(quotes):
    paginator = capped(Quote.objects.all(), walk=True, ahead=0, cap=4)

    with pytest.raises(EmptyPage):
        paginator.page(3)
    assert paginator.num_pages == 2


def test_the_pages_are_counted_with_thousands_separators(rf):
    page = Paginator(range(30_000), 1).page(1_234)
    request = rf.get("/quotes/", {"page": 1_234})

    html = render_to_string("includes/pagination.html", {"page_obj": page}, request=request)

    assert "Page 1,234 of 30,000</p>" in html
    assert 'href="?page=1235" rel="next"' in html
