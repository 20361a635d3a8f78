"""Template helpers for the reading room's frame: navigation state, pagination links, counts, JSON-LD."""

import copy

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from archive import tags
from archive.jsonld import to_script_json

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_current(context, prefix):
    """``aria-current="page"`` when the current path lies under ``prefix``."""
    request = context.get("request")
    if request is None:
        return ""
    path = request.path
    current = path == prefix if prefix == "/" else path.startswith(prefix)
    return mark_safe(' aria-current="page"') if current else ""


@register.simple_tag(takes_context=True)
def page_url(context, number, param="page"):
    """The current query string with ``param`` set to ``number``; every other parameter kept."""
    # A shallow copy: setting ``param`` replaces its list of values and leaves the request's alone
    # (QueryDict.copy() deep-copies every value, on every link of every pagination).
    query = copy.copy(context["request"].GET)
    query[param] = number
    return f"?{query.urlencode()}"


@register.filter
def thousands(number):
    """A count with thousands separators, "12,345": as ``floatformat:"g"`` writes it, at a twentieth of the cost."""
    return f"{number:,}"


@register.filter
def tag_url(tag):
    """A tag's page: ``{{ tag|tag_url }}``."""
    return tags.tag_url(tag)


@register.simple_tag
def elided_pages(page_obj):
    """Page numbers around the current one, with ``…`` where pages are skipped."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


@register.filter
def jsonld(data):
    """Render a dict as ``<script type="application/ld+json">``, escaped the way ``json_script`` does."""
    if not data:
        return ""
    return format_html('<script type="application/ld+json">{}</script>', to_script_json(data))
