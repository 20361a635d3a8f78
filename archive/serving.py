"""
What a serving process does once, after Django is set up and before its first request.

Python's cyclic garbage collector walks every tracked object in its oldest generation on
each full collection: with Django, the URLconf, the admin and the models loaded, that is
about 100,000 objects, and a full collection took 40–80 ms in the middle of a request.
``gc.freeze()`` moves what exists at startup out of the collector's way for the life of the
process (it is never garbage), so the collector only walks what requests made. Under
gunicorn's fork this also keeps those objects' pages shared between workers.
"""

import gc

from django.urls import get_resolver


def prepare():
    get_resolver().url_patterns  # noqa: B018 (imports every view, admin and API module now)
    gc.collect()
    gc.freeze()
