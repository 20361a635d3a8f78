"""
Partial dates: "2017", "April 2022" and "2022-04-18" are all valid dates here.

A partial date is stored as two columns, a ``DateField`` holding the first day
of the span and a precision. Sorting and filtering use the first day; display
shows only what is known.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.db import models


class Precision(models.TextChoices):
    YEAR = "year", "Year"
    MONTH = "month", "Month"
    DAY = "day", "Day"


PARTIAL_DATE_RE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


def truncate(value, precision):
    """Return the first day of the span ``value`` falls in at ``precision``."""
    if value is None:
        return None
    if precision == Precision.YEAR:
        return value.replace(month=1, day=1)
    if precision == Precision.MONTH:
        return value.replace(day=1)
    return value


@dataclass(frozen=True, order=True)
class PartialDate:
    date: datetime.date
    precision: str = Precision.DAY

    def __post_init__(self):
        object.__setattr__(self, "date", truncate(self.date, self.precision))

    @classmethod
    def parse(cls, text):
        """Parse YYYY, YYYY-MM or YYYY-MM-DD; raise ValueError on anything else."""
        match = PARTIAL_DATE_RE.match((text or "").strip())
        if not match:
            raise ValueError(f"“{text}” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD.")
        year, month, day = match["year"], match["month"], match["day"]
        try:
            if day:
                return cls(datetime.date(int(year), int(month), int(day)), Precision.DAY)
            if month:
                return cls(datetime.date(int(year), int(month), 1), Precision.MONTH)
            return cls(datetime.date(int(year), 1, 1), Precision.YEAR)
        except ValueError:
            raise ValueError(f"“{text}” is not a real date.") from None

    @property
    def last_day(self):
        """The last day of the span: 2017 -> 2017-12-31, 2022-04 -> 2022-04-30."""
        if self.precision == Precision.YEAR:
            return self.date.replace(month=12, day=31)
        if self.precision == Precision.MONTH:
            last = calendar.monthrange(self.date.year, self.date.month)[1]
            return self.date.replace(day=last)
        return self.date

    def isoformat(self):
        if self.precision == Precision.YEAR:
            return f"{self.date.year:04d}"
        if self.precision == Precision.MONTH:
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()

    def __str__(self):
        if self.precision == Precision.YEAR:
            return str(self.date.year)
        if self.precision == Precision.MONTH:
            return f"{calendar.month_name[self.date.month]} {self.date.year}"
        return f"{self.date.day} {calendar.month_name[self.date.month]} {self.date.year}"


def partial(value, precision):
    """A PartialDate from a model's two columns, or None when the date is unknown."""
    if value is None:
        return None
    return PartialDate(value, precision or Precision.DAY)


class Span:
    """
    ``start`` and ``end`` as PartialDates, from ``start_date``/``start_precision`` and
    ``end_date``/``end_precision``: an event's, a post's.
    """

    __slots__ = ()

    @property
    def start(self):
        return partial(self.start_date, self.start_precision)

    @property
    def end(self):
        return partial(self.end_date, self.end_precision)


def span_error(start, end):
    """
    A message if a span ends before it starts, else None.

    Compares the end's last possible day with the start, so "15 June 2017 until
    2017" is a valid span even though 2017 is stored as 2017-01-01.
    """
    if start is None or end is None:
        return None
    if end.last_day < start.date:
        return f"It cannot end ({end}) before it starts ({start})."
    return None


def span_condition(start="start_date", end="end_date", end_precision="end_precision"):
    """
    The database half of the rule above: exact for day-precision ends. A year
    or month end is checked by ``span_error`` in the model's ``clean()``,
    because its last day is not stored.
    """
    return (
        models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{start}__isnull": True})
        | models.Q(**{f"{end}__gte": models.F(start)})
        | ~models.Q(**{end_precision: Precision.DAY})
    )
