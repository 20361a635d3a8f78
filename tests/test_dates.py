"""Partial dates: parsing what editors type, and showing only what is known."""

import datetime
import re

import pytest

from archive.dates import PartialDate, Precision, partial, truncate


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("2017", datetime.date(2017, 1, 1), Precision.YEAR),
        ("2022-04", datetime.date(2022, 4, 1), Precision.MONTH),
        ("2022-04-18", datetime.date(2022, 4, 18), Precision.DAY),
        ("  2022-04 ", datetime.date(2022, 4, 1), Precision.MONTH),
    ],
)
def test_parse_accepts_year_month_and_day(text, date, precision):
    value = PartialDate.parse(text)

    assert value.date == date
    assert value.precision == precision


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("17", "“17” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD."),
        ("2017-4", "“2017-4” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD."),
        ("", "“” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD."),
        ("abc", "“abc” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD."),
        ("18/04/2022", "“18/04/2022” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD."),
        ("2017-13", "“2017-13” is not a real date."),
        ("2017-02-30", "“2017-02-30” is not a real date."),
        ("2023-02-29", "“2023-02-29” is not a real date."),
    ],
)
def test_parse_rejects_anything_else_with_a_clear_message(text, message):
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        PartialDate.parse(text)


def test_parse_accepts_a_leap_day():
    assert PartialDate.parse("2024-02-29").date == datetime.date(2024, 2, 29)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (PartialDate(datetime.date(2017, 1, 1), Precision.YEAR), "2017"),
        (PartialDate(datetime.date(2022, 4, 1), Precision.MONTH), "April 2022"),
        (PartialDate(datetime.date(2022, 4, 18), Precision.DAY), "18 April 2022"),
        (PartialDate(datetime.date(2022, 3, 5), Precision.DAY), "5 March 2022"),
    ],
)
def test_str_shows_only_what_is_known(value, shown):
    assert str(value) == shown


@pytest.mark.parametrize(
    ("precision", "shown"),
    [(Precision.YEAR, "2017"), (Precision.MONTH, "June 2017")],
)
def test_str_never_shows_a_day_for_year_or_month_precision(precision, shown):
    # A mid-span date must not leak its day (or month) into what readers see.
    value = PartialDate(datetime.date(2017, 6, 15), precision)

    assert str(value) == shown
    assert "15" not in str(value)


def test_a_partial_date_holds_the_first_day_of_its_span():
    assert PartialDate(datetime.date(2017, 6, 15), Precision.YEAR).date == datetime.date(2017, 1, 1)
    assert PartialDate(datetime.date(2017, 6, 15), Precision.MONTH).date == datetime.date(2017, 6, 1)
    assert PartialDate(datetime.date(2017, 6, 15), Precision.MONTH) == PartialDate.parse("2017-06")


@pytest.mark.parametrize("text", ["2017", "2022-04", "2022-04-18", "0999-01-09"])
def test_isoformat_round_trips_through_parse(text):
    value = PartialDate.parse(text)

    assert value.isoformat() == text
    assert PartialDate.parse(value.isoformat()) == value


def test_isoformat_of_a_mid_span_date_drops_the_unknown_parts():
    assert PartialDate(datetime.date(2017, 6, 15), Precision.YEAR).isoformat() == "2017"
    assert PartialDate(datetime.date(2017, 6, 15), Precision.MONTH).isoformat() == "2017-06"


@pytest.mark.parametrize(
    ("text", "last_day"),
    [
        ("2017", datetime.date(2017, 12, 31)),
        ("2022-04", datetime.date(2022, 4, 30)),
        ("2022-12", datetime.date(2022, 12, 31)),
        ("2024-02", datetime.date(2024, 2, 29)),
        ("2023-02", datetime.date(2023, 2, 28)),
        ("2000-02", datetime.date(2000, 2, 29)),
        ("1900-02", datetime.date(1900, 2, 28)),
        ("2022-04-18", datetime.date(2022, 4, 18)),
    ],
)
def test_last_day_is_the_end_of_the_span(text, last_day):
    assert PartialDate.parse(text).last_day == last_day


@pytest.mark.parametrize(
    ("precision", "first_day"),
    [
        (Precision.YEAR, datetime.date(2022, 1, 1)),
        (Precision.MONTH, datetime.date(2022, 4, 1)),
        (Precision.DAY, datetime.date(2022, 4, 18)),
    ],
)
def test_truncate_returns_the_first_day_of_the_span(precision, first_day):
    assert truncate(datetime.date(2022, 4, 18), precision) == first_day


def test_truncate_keeps_an_unknown_date_unknown():
    assert truncate(None, Precision.YEAR) is None


def test_partial_builds_from_a_models_two_columns():
    assert partial(None, Precision.YEAR) is None
    assert partial(datetime.date(2022, 4, 18), Precision.MONTH) == PartialDate.parse("2022-04")
    # An empty precision column reads as a full date rather than failing.
    assert str(partial(datetime.date(2022, 4, 18), "")) == "18 April 2022"


def test_partial_dates_sort_by_their_first_day():
    values = [PartialDate.parse(text) for text in ["2022-03-05", "2021-12-31", "2022", "2022-02"]]

    assert [value.isoformat() for value in sorted(values)] == ["2021-12-31", "2022", "2022-02", "2022-03-05"]
