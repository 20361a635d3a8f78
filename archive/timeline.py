"""
The timeline's shapes: events grouped by year and month, date spans in words, and the
month-by-month overview strip, all honest about partial dates.

An event known only to the year is filed under "2017 — date within the year unknown",
never under January (where its stored first-of-span date would put it); one known to
the month sits under its month and shows no day. The overview counts such events in
a column of their own for the year.

The strip's figures come from the monthly counts the database keeps (``archive.models.counts``)
for whole months, less what is scheduled and not public yet, and are counted live only for the
parts of months a date filter cuts, for events begun before its start, and for the quotes of a
person and a tag together (which the counts key for events only).
"""

import calendar
import datetime
from dataclasses import dataclass, field
from functools import cached_property
from html import escape

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Count, DateField, Exists, OuterRef, Q, Sum, Value
from django.utils import timezone
from django.utils.safestring import mark_safe

from archive.dates import Precision
from archive.editorial import published_q
from archive.models import Event, MonthlyCount, Quote, ScheduledItem
from archive.models.counts import MonthStart
from archive.models.events import still_on
from archive.tags import carrying, taggings

COUNTS = MonthlyCount._meta.db_table
SCHEDULED = ScheduledItem._meta.db_table
EN_DASH = "\u2013"
# calendar.month_name formats the name afresh on every lookup; the strip looks up hundreds.
MONTH_NAMES = tuple(calendar.month_name)


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
        return f"{start.date.day} {MONTH_NAMES[start.date.month]}", str(end), f" {EN_DASH} "
    if start.precision == end.precision == Precision.MONTH and start.date.year == end.date.year:
        return MONTH_NAMES[start.date.month], str(end), f" {EN_DASH} "
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
    return year, start.date.month, f"{MONTH_NAMES[start.date.month]} {year}"


def group_by_period(events):
    """
    Events in date order, grouped: [YearGroup(year, [PeriodGroup(heading, events)])]. An event
    known only to its year is stored as 1 January, so date order mixes it with that day's
    events: its group comes first in the year (as its column does in the strip), and January's
    stays one group.
    """
    years = []
    for event in events:
        year, month, heading = period_of(event.start)
        if not years or years[-1].year != year:
            years.append(YearGroup(year))
        periods = years[-1].periods
        if month is None:
            if not periods or periods[0].month is not None:
                periods.insert(0, PeriodGroup(heading, year, month))
            period = periods[0]
        else:
            if not periods or periods[-1].month != month:
                periods.append(PeriodGroup(heading, year, month))
            period = periods[-1]
        period.events.append(event)
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
    # False when the quotes were too many to count live (see ``quote_months``): events only.
    quotes_counted: bool = True

    @property
    def width(self):
        return max(len(self.columns) * self.COLUMN, 1)

    @property
    def quote_y(self):
        return self.BASELINE + 2

    @property
    def label_y(self):
        return self.BASELINE + self.BAR_MAX + 24

    @cached_property
    def busy_columns(self):
        return [column for column in self.columns if column.events or column.quotes]

    @cached_property
    def summary(self):
        busy = self.busy_columns
        if not busy:
            return "No dated events or quotes."
        first, last = busy[0].period, busy[-1].period
        span = first if first == last else f"{first} to {last}"
        if self.quotes_counted:
            text = f"{plural(self.total_events, 'event')} and {plural(self.total_quotes, 'quote')}, {span}."
        else:
            text = f"{plural(self.total_events, 'event')}, {span}."
        busiest = max(busy, key=lambda column: column.events)
        if busiest.events > 1:
            text += f" Most events: {busiest.label} ({plural(busiest.events, 'event')})."
        return text

    # The strip's shapes and the table's rows are put together here rather than in the
    # template: a quarter of a century is some 350 columns, and that many loops through the
    # template engine (or format_html escaping every number) cost more than the rest of the
    # page. Numbers go in through the ":d" format, which takes integers only; the one piece
    # of text, a column's label, is escaped.

    @property
    def shapes(self):
        """Shaded bands for the years' unknown months, then bars above the line (events) and below (quotes)."""
        bar, band, quote_y = self.BAR, self.label_y, self.quote_y
        unknown, events, quotes = [], [], []
        for column in self.columns:
            if column.month is None:
                unknown.append(
                    f'<rect class="overview__unknown" x="{column.x:d}" y="0" width="{bar:d}" height="{band:d}">'
                    f"<title>{escape(column.label)}: dated to the year only</title></rect>"
                )
            if not (column.events or column.quotes):
                continue
            title = f"<title>{escape(column.counts_text)}</title></rect>"
            if column.events:
                events.append(
                    f'<rect class="overview__events" x="{column.x:d}" y="{column.event_y:d}" width="{bar:d}" '
                    f'height="{column.event_height:d}">{title}'
                )
            if column.quotes:
                quotes.append(
                    f'<rect class="overview__quotes" x="{column.x:d}" y="{quote_y:d}" width="{bar:d}" '
                    f'height="{column.quote_height:d}">{title}'
                )
        return mark_safe("".join(unknown + events + quotes))

    @property
    def table_rows(self):
        """The same counts, a row per month with anything in it."""
        rows = [
            f'<tr><th scope="row">{escape(column.label)}</th><td>{column.events:d}</td>'
            + (f"<td>{column.quotes:d}</td></tr>" if self.quotes_counted else "<td>not counted</td></tr>")
            for column in self.busy_columns
        ]
        return mark_safe("".join(rows))


def plural(count, noun):
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


# The strip's figures: published quotes and events per month, from the counts kept by the
# database (archive.models.counts) where they can answer, counted live where they cannot.


def by_column(rows):
    """
    {(year, month or None): count} from rows of (first day of the month, dated to the year
    only, count), one per key. The month comes as a date, or as ISO text from SQLite; the count
    as a Decimal from PostgreSQL's SUM of big integers.
    """
    counts = {}
    for month_start, year_only, count in rows:
        if isinstance(month_start, str):
            year, month = int(month_start[:4]), int(month_start[5:7])
        else:
            year, month = month_start.year, month_start.month
        counts[(year, None if year_only else month)] = int(count)
    return counts


def month_end(day):
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def next_month(day):
    return month_end(day) + datetime.timedelta(days=1)


@dataclass(frozen=True)
class MonthSpan:
    """
    A range of days, either end open (None), split into the whole months it covers (read from
    the counts) and the parts of months at either end (counted live). ``whole`` is
    (first day, last day) of the whole months, either end None when open, or None when the
    range covers no whole month; ``parts`` are (first day, last day) ranges.
    """

    whole: tuple | None
    parts: tuple

    @classmethod
    def of(cls, start=None, end=None):
        first, last, parts = start, end, []
        if start is not None and start.day != 1:
            parts.append((start, min(month_end(start), end) if end else month_end(start)))
            if month_end(start) == datetime.date.max:  # the calendar's last month: no whole month follows
                return cls(None, tuple(parts))
            first = next_month(start)
        if end is not None and end != month_end(end):
            cut = end.replace(day=1)
            if not parts or parts[0][1] < cut:
                parts.append((max(cut, start) if start else cut, end))
            if cut == datetime.date.min:  # the calendar's first month: no whole month comes before
                return cls(None, tuple(parts))
            last = cut - datetime.timedelta(days=1)
        whole = None if first is not None and last is not None and first > last else (first, last)
        return cls(whole, tuple(parts))


def per_month(queryset, date_field, precision_field):
    """``queryset`` counted per (first day of the month of ``date_field``, precision): an arm of a union."""
    return (
        queryset.order_by()
        .annotate(month_start=MonthStart(date_field))
        .values_list("month_start", precision_field)
        .annotate(n=Count("*"))
    )


@dataclass(frozen=True)
class Arm:
    """An arm of a union written in SQL: rows of (month, date_precision, n)."""

    sql: str
    params: list
    db: str = DEFAULT_DB_ALIAS


def stored(subject, whole, person=None, tag=None, kind=""):
    """
    The counts kept by the database for the whole months of ``whole``, less their scheduled
    items, plus those whose time has come: two arms of a union, each a range of its table's
    index. The second reads only the scheduled rows that came due (since ``refresh_scheduled``
    last forgot them), however many more are still to come.

    Written in SQL: Django took 1.4 ms to put together and write out the four such arms of the
    whole timeline's strip, where the database answered its query in 1.8 ms.
    """
    ops = connections[DEFAULT_DB_ALIAS].ops
    where = "subject = %s AND person_id = %s AND tag_id = %s AND event_kind = %s"
    params = [str(subject), person.pk if person else 0, tag.pk if tag else 0, kind]
    for bound, value in zip(("month >= %s", "month <= %s"), whole, strict=True):
        if value is not None:
            where += f" AND {bound}"
            params.append(ops.adapt_datefield_value(value))
    now = ops.adapt_datetimefield_value(timezone.now())
    return [
        Arm(f'SELECT month, date_precision, "count" - scheduled FROM {COUNTS} WHERE {where}', params),
        Arm(
            f"SELECT month, date_precision, COUNT(*) FROM {SCHEDULED} WHERE {where} AND published_at <= %s "
            "GROUP BY month, date_precision",
            [*params, now],
        ),
    ]


def within(queryset, field, span):
    first, last = span
    if first is not None:
        queryset = queryset.filter(**{f"{field}__gte": first})
    if last is not None:
        queryset = queryset.filter(**{f"{field}__lte": last})
    return queryset


def tally(arms):
    """
    Run the arms as one query (UNION ALL) and add up their rows per strip column there: a
    row per column with anything in it, read as plain values (a strip has hundreds).
    """
    return tally_each({"arms": arms})["arms"]


def tally_each(named):
    """
    ``tally`` for several sets of arms at once, {name: arms}, in one query: {name: counts}.
    The strip's events and quotes are counted together, saving a round trip per page.
    """
    ctes, selects, params, sums = [], [], [], []
    for name, arms in named.items():
        sql, arm_params = union_sql(arms)
        ctes.append(f"{name} (month, date_precision, n) AS ({sql})")
        params += arm_params
        selects.append(
            f"SELECT '{name}', month, date_precision = %s, SUM(n) FROM {name} GROUP BY 2, 3 HAVING SUM(n) <> 0"
        )
        sums.append(Precision.YEAR.value)
    database = next(iter(named.values()))[0].db
    with connections[database].cursor() as cursor:
        cursor.execute(f"WITH {', '.join(ctes)} {' UNION ALL '.join(selects)}", [*params, *sums])
        rows = cursor.fetchall()
    return {name: by_column(row[1:] for row in rows if row[0] == name) for name in named}


def over_arms(arms, select, *params):
    """The rows of ``select`` over the arms run as one query (UNION ALL), named ``arms (month, date_precision, n)``."""
    sql, arm_params = union_sql(arms)
    with connections[arms[0].db].cursor() as cursor:
        cursor.execute(f"WITH arms (month, date_precision, n) AS ({sql}) {select}", [*arm_params, *params])
        return cursor.fetchall()


def union_sql(arms):
    """The arms' UNION ALL as SQL and its parameters: the querysets' union, then the arms written in SQL."""
    parts = [(arm.sql, arm.params) for arm in arms if isinstance(arm, Arm)]
    querysets = [arm for arm in arms if not isinstance(arm, Arm)]
    if querysets:
        first, *rest = querysets
        union = first.union(*rest, all=True) if rest else first
        parts.insert(0, union.query.sql_with_params())
    return " UNION ALL ".join(sql for sql, _ in parts), [value for _, params in parts for value in params]


def tagged_with(model, tag):
    """Whether the outer ``model`` object carries ``tag``: a probe of taggit's unique index per object."""
    return Exists(taggings(model, tag).filter(object_id=OuterRef("pk")))


def involved(person):
    """Whether the outer event involves ``person``: a probe of the event-people unique index per event."""
    return Exists(Event.people.through.objects.filter(event=OuterRef("pk"), person=person))


def strip_months(person=None, tag=None, kind="", start=None, end=None):
    """
    The strip's figures in one query: (``event_months``, ``quote_months``) for these filters
    (a kind narrows the events only).
    """
    arms = {"events": event_month_arms(person, tag, kind, start, end)}
    quotes = quote_month_arms(person, tag, start, end)
    if quotes is not None:
        arms["quotes"] = quotes
    counts = tally_each(arms)
    return counts["events"], counts.get("quotes")


def quote_months(person=None, tag=None, start=None, end=None):
    """
    Published quotes with a date said, per strip column, narrowed as the quote filters do:
    said by ``person``, carrying ``tag``, said within [start, end]; None when not counted
    (see ``quote_month_arms``).
    """
    arms = quote_month_arms(person, tag, start, end)
    return None if arms is None else tally(arms)


def quote_month_arms(person, tag, start, end):
    """
    The arms that count ``quote_months``. The stored counts serve the whole months of one
    person or one tag; parts of months and both at once are counted live.

    Both at once means testing one by one the quotes of the person (for the tag), or of the tag
    (for the person), whichever has fewer within the dates: past ``LIVE_LIMIT`` of them, None
    (not counted), rather than a page that takes seconds.
    """
    public = Quote.objects.filter(published_q(), said_on__isnull=False)
    if person is not None and tag is not None:
        said, carried = quote_totals(person, tag, start, end)
        if min(said, carried) > LIVE_LIMIT:
            return None
        if carried < said:
            # The tag's quotes gathered (the shape for a rare tag: a count of 0), each checked for the speaker.
            both = public.filter(carrying(Quote, tag, 0)).by_person(person, walk=False)
        else:
            both = public.filter(tagged_with(Quote, tag), speaker=person)
        return [per_month(within(both, "said_on", (start, end)), "said_on", "said_on_precision")]
    return quote_arms(public, person, tag, start, end)


def quote_arms(public, person, tag, start, end):
    """The arms that count ``public`` quotes of one person or one tag (or of neither) per month, within [start, end]."""
    if person is not None:
        public = public.filter(speaker=person)
    if tag is not None:
        public = public.filter(tagged_with(Quote, tag))
    span = MonthSpan.of(start, end)
    arms = [per_month(within(public, "said_on", part), "said_on", "said_on_precision") for part in span.parts]
    if span.whole is not None:
        arms += stored(MonthlyCount.Subject.QUOTE, span.whole, person=person, tag=tag)
    return arms


def quote_count(person=None, tag=None, start=None, end=None, undated=False):
    """
    How many published quotes ``person`` said or ``tag`` carries (one of them, or neither)
    within [start, end], as the quote list filters them: the months' counts as ``quote_months``
    reads them, in one query. With ``undated``, the quotes without a date said too (counted live:
    for a person, a range of the speaker's index).
    """
    arms = quote_arms(Quote.objects.filter(published_q(), said_on__isnull=False), person, tag, start, end)
    if undated:
        unknown = Quote.objects.filter(published_q(), said_on__isnull=True)
        unknown = unknown.filter(speaker=person) if person is not None else unknown
        unknown = unknown.filter(tagged_with(Quote, tag)) if tag is not None else unknown
        # Counted as one row, from the index alone: no month or precision to read from each quote.
        nothing = {"month_start": Value(None, output_field=DateField()), "precision": Value("")}
        arms.append(unknown.order_by().annotate(**nothing).values_list(*nothing).annotate(n=Count("*")))
    return total(arms)


def event_count(person):
    """How many published events involve ``person``: their months' counts (every event has a start date)."""
    return total(stored(MonthlyCount.Subject.EVENT, (None, None), person=person))


def total(arms):
    """The arms of counts per month (as ``tally`` takes them) added up, in one query."""
    ((count,),) = over_arms(arms, "SELECT COALESCE(SUM(n), 0) FROM arms")
    return count


# The most quotes tested one by one to count a person's quotes with a tag month by month.
LIVE_LIMIT = 5_000


def quote_totals(person, tag, start, end):
    """
    About how many published quotes ``person`` said and ``tag`` carries within [start, end]:
    the stored counts of the months the dates fall in (scheduled quotes included, year-only
    dates counted in their January), which is close enough to choose how to count.
    """
    months = within(
        MonthlyCount.objects.filter(subject=MonthlyCount.Subject.QUOTE, event_kind=""),
        "month",
        (start.replace(day=1) if start else None, end),
    )
    rows = dict(
        months.filter(Q(person_id=person.pk, tag_id=0) | Q(person_id=0, tag_id=tag.pk))
        .values_list("person_id")
        .annotate(total=Sum("count"))
        .order_by()
    )
    return rows.get(person.pk, 0), rows.get(0, 0)


def event_months(person=None, tag=None, kind="", start=None, end=None):
    """
    Published events per strip column (by start date), narrowed as the timeline's filters do:
    involving ``person``, carrying ``tag``, of ``kind``, overlapping [start, end].
    """
    return tally(event_month_arms(person, tag, kind, start, end))


def event_month_arms(person, tag, kind, start, end):
    """
    The arms that count ``event_months``. The stored counts serve the whole months of a person,
    a tag or both, with or without a kind; parts of months and events begun earlier are counted live.
    """
    public = Event.objects.filter(published_q())
    if kind:
        public = public.filter(kind=kind)
    if tag is not None:
        public = public.filter(tagged_with(Event, tag))
    if person is not None:
        # Checked event by event within the dates, not gathered from all of the person's events.
        public = public.filter(involved(person))
    span = MonthSpan.of(start, end)
    arms = [per_month(within(public, "start_date", part), "start_date", "start_precision") for part in span.parts]
    if start is not None:
        # Begun before the range and still going on when it starts (found through the end date).
        begun_before = public.filter(still_on(start), start_date__lt=start)
        arms.append(per_month(begun_before, "start_date", "start_precision"))
    if span.whole is not None:
        arms += stored(MonthlyCount.Subject.EVENT, span.whole, person=person, tag=tag, kind=kind)
    return arms


def build_overview(event_counts, quote_counts):
    """
    The strip from {(year, month or None): count} for events and for quotes (None: quotes not
    counted, see ``quote_months``). Columns run
    month by month from the first to the last month with anything, each year's
    "month unknown" column (if it has anything) standing before its January.
    """
    quotes_counted = quote_counts is not None
    quote_counts = quote_counts if quotes_counted else {}
    keys = set(event_counts) | set(quote_counts)
    if not keys:
        return Overview(columns=[], years=[], total_events=0, total_quotes=0, quotes_counted=quotes_counted)
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
        columns.append(Column(f"{MONTH_NAMES[month]} {year}", year, month))
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
        quotes_counted=quotes_counted,
    )


def thin_labels(years, most=12):
    """Every n-th year's label, so that at most ``most`` labels share the strip and none collide."""
    step = -(-len(years) // most)  # ceiling division
    return [label for index, label in enumerate(years) if index % step == 0] if step > 1 else years


def bar_height(count, highest):
    if not count:
        return 0
    return max(2, round(count / highest * Overview.BAR_MAX))
