"""
The timeline's shapes: events grouped by year and month, date spans in words, and the
month-by-month overview strip, all honest about partial dates.

An event known only to the year is filed under "2017 — date within the year unknown",
never under January (where its stored first-of-span date would put it); one known to
the month sits under its month and shows no day. The overview counts such events in
a column of their own for the year.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from archive.dates import Precision

EN_DASH = "\u2013"


# Date spans in words.


def span_parts(start, end=None):
    """
    The words for each end of a span, each at its own precision, without repeating what
    they share: (start words, end words or None, separator).
    """
    if start is None:
        return "", None, ""
    if end is None or end == start:
        return str(start), None, ""
    if start.precision == end.precision == Precision.DAY and start.date.year == end.date.year:
        if start.date.month == end.date.month:
            return str(start.date.day), str(end), EN_DASH
        return f"{start.date.day} {calendar.month_name[start.date.month]}", str(end), f" {EN_DASH} "
    if start.precision == end.precision == Precision.MONTH and start.date.year == end.date.year:
        return calendar.month_name[start.date.month], str(end), f" {EN_DASH} "
    return str(start), str(end), f" {EN_DASH} "


def format_span(start, end=None):
    """
    "1 December 2017"; "29 November – 1 December 2017"; "29–30 November 2017";
    "November – December 2017"; "2017 – March 2019".
    """
    first, last, separator = span_parts(start, end)
    return first if last is None else f"{first}{separator}{last}"


# Grouping a page of events under year and month headings.


@dataclass
class PeriodGroup:
    heading: str
    year: int
    month: int | None  # None: the month is unknown
    events: list = field(default_factory=list)


@dataclass
class YearGroup:
    year: int
    periods: list = field(default_factory=list)


def period_of(start):
    """(year, month or None, heading) under which an event starting at ``start`` is filed."""
    year = start.date.year
    if start.precision == Precision.YEAR:
        return year, None, f"{year} {EN_DASH} date within the year unknown"
    return year, start.date.month, f"{calendar.month_name[start.date.month]} {year}"


def group_by_period(events):
    """Events in date order, grouped: [YearGroup(year, [PeriodGroup(heading, events)])]."""
    years = []
    for event in events:
        year, month, heading = period_of(event.start)
        if not years or years[-1].year != year:
            years.append(YearGroup(year))
        periods = years[-1].periods
        if not periods or (periods[-1].month != month):
            periods.append(PeriodGroup(heading, year, month))
        periods[-1].events.append(event)
    return years


# The overview strip: events above the line, quotes below, one column per month.


@dataclass
class Column:
    label: str  # "December 2017", or "2017, month unknown"
    year: int
    month: int | None
    events: int = 0
    quotes: int = 0
    x: int = 0
    event_height: int = 0
    quote_height: int = 0

    @property
    def event_y(self):
        return Overview.BASELINE - self.event_height

    @property
    def period(self):
        """The column's time in words, for a sentence: "December 2017", or "2017" for the year's unknown months."""
        return str(self.year) if self.month is None else self.label

    @property
    def counts_text(self):
        return f"{self.label}: {plural(self.events, 'event')}, {plural(self.quotes, 'quote')}"


@dataclass
class Overview:
    COLUMN = 8
    BAR = 6
    BAR_MAX = 56
    BASELINE = 70
    HEIGHT = 160

    columns: list
    years: list  # (x, year) for the axis labels
    total_events: int
    total_quotes: int

    @property
    def width(self):
        return max(len(self.columns) * self.COLUMN, 1)

    @property
    def quote_y(self):
        return self.BASELINE + 2

    @property
    def label_y(self):
        return self.BASELINE + self.BAR_MAX + 24

    @property
    def busy_columns(self):
        return [column for column in self.columns if column.events or column.quotes]

    @property
    def summary(self):
        busy = self.busy_columns
        if not busy:
            return "No dated events or quotes."
        first, last = busy[0].period, busy[-1].period
        span = first if first == last else f"{first} to {last}"
        text = f"{plural(self.total_events, 'event')} and {plural(self.total_quotes, 'quote')}, {span}."
        busiest = max(busy, key=lambda column: column.events)
        if busiest.events > 1:
            text += f" Most events: {busiest.label} ({plural(busiest.events, 'event')})."
        return text


def plural(count, noun):
    return f"{count} {noun}{'' if count == 1 else 's'}"


def month_counts(rows, date_key, precision_key):
    """{(year, month or None): count} from aggregate rows of (month, precision, count)."""
    counts = {}
    for row in rows:
        month_start = row[date_key]
        if month_start is None:
            continue
        if isinstance(month_start, datetime.datetime):
            month_start = month_start.date()
        key = (month_start.year, None if row[precision_key] == Precision.YEAR else month_start.month)
        counts[key] = counts.get(key, 0) + row["count"]
    return counts


def build_overview(event_counts, quote_counts):
    """
    The strip from {(year, month or None): count} for events and for quotes. Columns run
    month by month from the first to the last month with anything, each year's
    "month unknown" column (if it has anything) standing before its January.
    """
    keys = set(event_counts) | set(quote_counts)
    if not keys:
        return Overview(columns=[], years=[], total_events=0, total_quotes=0)
    ordered = sorted(keys, key=lambda key: (key[0], key[1] or 0))
    first = (ordered[0][0], ordered[0][1] or 1)
    last = (ordered[-1][0], ordered[-1][1] or 1)
    columns = []
    years = []
    year, month = first
    while (year, month) <= last:
        if month == 1 or not columns:
            years.append((len(columns) * Overview.COLUMN, year))
            if (year, None) in keys:
                columns.append(Column(f"{year}, month unknown", year, None))
        columns.append(Column(f"{calendar.month_name[month]} {year}", year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    highest_events = max(event_counts.values(), default=0) or 1
    highest_quotes = max(quote_counts.values(), default=0) or 1
    for index, column in enumerate(columns):
        key = (column.year, column.month)
        column.x = index * Overview.COLUMN
        column.events = event_counts.get(key, 0)
        column.quotes = quote_counts.get(key, 0)
        column.event_height = bar_height(column.events, highest_events)
        column.quote_height = bar_height(column.quotes, highest_quotes)
    return Overview(
        columns=columns,
        years=thin_labels(years),
        total_events=sum(event_counts.values()),
        total_quotes=sum(quote_counts.values()),
    )


def thin_labels(years, most=12):
    """Every n-th year's label, so that at most ``most`` labels share the strip and none collide."""
    step = -(-len(years) // most)  # ceiling division
    return [label for index, label in enumerate(years) if index % step == 0] if step > 1 else years


def bar_height(count, highest):
    if not count:
        return 0
    return max(2, round(count / highest * Overview.BAR_MAX))
