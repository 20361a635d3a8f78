"""The "Export / feeds" links under a list: CSV, Atom, JSON, each keeping the filters in use."""

from django import template
from django.urls import reverse

register = template.Library()

QUOTE_FILTERS = ["person", "date_after", "date_before", "tag", "outlet", "event", "q", "sort"]
EVENT_FILTERS = ["person", "tag", "kind", "date_after", "date_before"]
PERSON_QUOTE_FILTERS = ["date_after", "date_before"]


def with_query(path, query, names, **fixed):
    """``path`` with the current values of ``names`` from ``query`` (never ``page``), plus ``fixed``."""
    kept = query.copy()
    for name in list(kept):
        if name not in names:
            del kept[name]
    for name, value in fixed.items():
        kept[name] = value
    return f"{path}?{kept.urlencode()}" if kept else path


def quotes_feed(query):
    """The quotes feed with the quote filters of ``query``."""
    return with_query(reverse("quotes:feed"), query, QUOTE_FILTERS)


def links_for(kind, query, obj=None):
    if kind == "quotes":
        return [
            ("CSV", with_query(reverse("quotes:export-csv"), query, QUOTE_FILTERS), "text/csv"),
            ("Atom feed", quotes_feed(query), "application/atom+xml"),
            ("JSON (API)", with_query(reverse("api:quote-list"), query, QUOTE_FILTERS), "application/json"),
        ]
    if kind == "timeline":
        return [
            (
                "TimelineJS JSON",
                with_query(reverse("events:timeline-export"), query, EVENT_FILTERS),
                "application/json",
            ),
            ("JSON (API)", with_query(reverse("api:event-list"), query, EVENT_FILTERS), "application/json"),
        ]
    if kind == "person":
        # With dates chosen, the feed is the quote list's, filtered by the person and those dates.
        dated = any(query.get(name) for name in PERSON_QUOTE_FILTERS)
        feed = (
            with_query(reverse("quotes:feed"), query, PERSON_QUOTE_FILTERS, person=obj.slug)
            if dated
            else reverse("people:feed", kwargs={"slug": obj.slug})
        )
        return [
            ("Atom feed of quotes", feed, "application/atom+xml"),
            (
                "Quotes as CSV",
                with_query(reverse("quotes:export-csv"), query, PERSON_QUOTE_FILTERS, person=obj.slug),
                "text/csv",
            ),
            ("JSON (API)", reverse("api:person-detail", kwargs={"slug": obj.slug}), "application/json"),
            ("Everyone as Popolo JSON", reverse("people:export-popolo"), "application/json"),
        ]
    if kind == "tag":
        return [
            ("Atom feed", reverse("tags:feed", kwargs={"slug": obj.slug}), "application/atom+xml"),
            ("Quotes as CSV", with_query(reverse("quotes:export-csv"), query, [], tag=obj.slug), "text/csv"),
            ("JSON (API)", reverse("api:tag-detail", kwargs={"slug": obj.slug}), "application/json"),
        ]
    if kind == "articles":
        return [
            ("Atom feed", reverse("articles:feed"), "application/atom+xml"),
            ("JSON (API)", reverse("api:article-list"), "application/json"),
        ]
    if kind == "people":
        return [
            ("Everyone as Popolo JSON", reverse("people:export-popolo"), "application/json"),
            ("JSON (API)", reverse("api:person-list"), "application/json"),
        ]
    if kind == "tags":
        return [("JSON (API)", reverse("api:tag-list"), "application/json")]
    raise ValueError(f"No export links for {kind!r}.")


@register.inclusion_tag("includes/export_links.html", takes_context=True)
def export_links(context, kind, obj=None):
    """``{% export_links "quotes" %}``, ``{% export_links "person" person %}``…"""
    return {"links": links_for(kind, context["request"].GET, obj)}


@register.simple_tag(takes_context=True)
def filtered_quotes_feed(context):
    """The quotes feed with the quote filters in use: ``{% filtered_quotes_feed as url %}``."""
    return quotes_feed(context["request"].GET)
