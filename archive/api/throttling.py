"""
Rate limits for anonymous clients (every client is anonymous: the API has no logins): the
API's requests, and the open-data exports', which stream the whole archive.
"""

import math
from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from rest_framework.throttling import AnonRateThrottle


class AnonymousRateThrottle(AnonRateThrottle):
    """
    ``settings.API_ANON_THROTTLE_RATE`` ("60/min"), read per request rather than at import,
    so deployments and tests can change it; None turns throttling off. A client is its
    address (``TRUSTED_PROXIES`` says how far to trust X-Forwarded-For). Counts live in the
    default cache.
    """

    def get_rate(self):
        return getattr(settings, "API_ANON_THROTTLE_RATE", None)


class ExportRateThrottle(AnonymousRateThrottle):
    """The same rate, counted apart from the API's requests."""

    scope = "export"


def throttled(view):
    """A plain Django view (an export) under ``ExportRateThrottle``: past it, 429 with Retry-After."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        throttle = ExportRateThrottle()
        if throttle.allow_request(request, None):
            return view(request, *args, **kwargs)
        seconds = math.ceil(throttle.wait() or 1)
        message = f"Too many requests: try again in {seconds} seconds.\n"
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(seconds)
        return response

    return wrapper
