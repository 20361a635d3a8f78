"""
Addresses of the archive's pages, for lists that link dozens of them: each URL pattern is
reversed once (per URL configuration and script prefix) and filled in for every object.
``reverse()`` matches the pattern afresh on every call, about 30 µs, and an API page of 50
quotes links some 200 pages.
"""

import re
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# Stands in for the object's key while a pattern is reversed: digits, which both the int and the slug converters take.
MARK = "4242424242424242"
# A key put in as it is: what the slug converter takes, which no address quotes.
PLAIN = re.compile(r"[-a-zA-Z0-9_]+")


@lru_cache(maxsize=64)
def around(viewname, kwarg, urlconf, prefix):
    """The address of ``viewname`` before and after its one argument ``kwarg``."""
    head, mark, tail = reverse(viewname, urlconf=urlconf, kwargs={kwarg: MARK}).partition(MARK)
    assert mark, f"{viewname}'s address does not show its {kwarg}."
    return head, tail


def detail_url(viewname, kwarg, value):
    """``reverse(viewname, kwargs={kwarg: value})``, without matching the pattern again."""
    text = str(value)
    if PLAIN.fullmatch(text) is None:
        return reverse(viewname, kwargs={kwarg: value})
    head, tail = around(viewname, kwarg, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    return f"{head}{text}{tail}"
