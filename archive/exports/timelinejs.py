"""
Events in TimelineJS's JSON format (https://timeline.knightlab.com/docs/json-format.html).

A partial date is exported at its precision only: an event known to the year has
``{"year": 2017}``, never a made-up month or day. TimelineJS renders ``headline`` and
``text`` as HTML, so both are built here with escaping and no editor markup passes through.
"""

from django.template.defaultfilters import linebreaks_filter
from django.utils.html import escape, format_html

from archive.dates import Precision
from archive.timeline import format_span

CHUNK_SIZE = 1000
# Events in one document: TimelineJS itself shows a few dozen slides well, and a document of
# the whole archive would be tens of megabytes. The export is paged (``?page=``).
PAGE_SIZE = 500


def timeline_date(partial):
    """{"year": 2017}, {"year": 2017, "month": 12} or {"year": 2017, "month": 12, "day": 1}."""
    date = {"year": partial.date.year}
    if partial.precision in (Precision.MONTH, Precision.DAY):
        date["month"] = partial.date.month
    if partial.precision == Precision.DAY:
        date["day"] = partial.date.day
    return date


def event_slide(event, absolute_url):
    where = f" · {event.location}" if event.location else ""
    text = format_html(
        '<p>{}{}</p>{}<p><a href="{}">More on Embassy Row</a></p>',
        format_span(event.start, event.end),
        where,
        linebreaks_filter(event.description, autoescape=True),
        absolute_url(event.get_absolute_url()),
    )
    slide = {
        "unique_id": event.slug,
        "group": event.get_kind_display(),
        "start_date": timeline_date(event.start),
        "text": {"headline": escape(event.title), "text": str(text)},
    }
    if event.end:
        slide["end_date"] = timeline_date(event.end)
    return slide


def timeline(events, absolute_url, title="Embassy Row: timeline", description=""):
    """The TimelineJS document for ``events`` (an ordered queryset of published events)."""
    return {
        "title": {"text": {"headline": escape(title), "text": escape(description)}},
        "events": [event_slide(event, absolute_url) for event in events.iterator(chunk_size=CHUNK_SIZE)],
    }
