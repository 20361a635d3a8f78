"""
What a serving process does once, after Django is set up and before its first request: keep
Python's cyclic garbage collector out of the middle of requests.

A request leaves thousands of objects in reference cycles behind (model instances and their
prefetched relations point at each other; so do a serializer's fields and their parent).
With the collector's defaults they outlive a few young collections during the request, are
promoted to the oldest generation, and are freed together by a full collection every dozen
or so requests: 20–80 ms in the middle of one of them, walking everything Django loaded at
startup too (about 100,000 objects). So:

- ``gc.freeze()`` moves what exists at startup out of the collector's way for the life of the
  process (it is never garbage; under gunicorn's fork its pages also stay shared);
- the youngest generation is collected every 50,000 allocations instead of 700, so a
  request's objects are still young when it ends, and
- the young generations are collected when each response is finished, which frees that
  request's cycles then, at a cost in proportion to what it made.

Measured with ``python -m bench``'s pages at a million quotes (80 requests each): the API's
quote list had a 95th percentile of 72–117 ms with the defaults and 28–55 ms with these
settings; means fell by a few per cent.
"""

import gc

from django.core.signals import request_finished
from django.urls import get_resolver

THRESHOLDS = (50_000, 20, 100)


def prepare():
    get_resolver().url_patterns  # noqa: B018 (imports every view, admin and API module now)
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
    request_finished.connect(collect_young, dispatch_uid="archive.serving.collect_young")


def collect_young(**kwargs):
    gc.collect(1)
