"""Template helpers for events: a date span in words, each end in its own ``<time>`` element."""

from django import template
from django.utils.html import format_html

from archive.timeline import span_parts

register = template.Library()


@register.filter
def event_dates(event):
    """``29 November – 1 December 2017``, machine-readable at each end's own precision."""
    start, end = event.start, event.end
    first, last, separator = span_parts(start, end)
    if not first:
        return ""
    if last is None:
        return format_html('<time datetime="{}">{}</time>', start.isoformat(), first)
    return format_html(
        '<time datetime="{}">{}</time>{}<time datetime="{}">{}</time>',
        start.isoformat(),
        first,
        separator,
        end.isoformat(),
        last,
    )
