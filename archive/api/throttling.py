"""
Rate limits for anonymous clients (every client is anonymous: the API has no logins): the
API's requests; the open-data exports', which stream the whole archive; and searches, whose
phrases could otherwise read back, guess by guess, the article texts the archive holds but
does not publish.
"""

import math
from functools import wraps

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import pluralize
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


class ScopedRateThrottle(AnonymousRateThrottle):
    """The same rate, counted per ``scope`` ("export", "search") apart from the API's requests."""

    def __init__(self, scope):
        self.scope = scope
        super().__init__()


def throttled(scope, answer="text"):
    """
    A plain Django view under ``ScopedRateThrottle(scope)``: past the rate, 429 with Retry-After,
    said the way the view's other answers are: ``"text"``, ``"json"`` (as the API says it) or
    ``"page"`` (the site's page, for readers).
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            throttle = ScopedRateThrottle(scope)
            if throttle.allow_request(request, None):
                return view(request, *args, **kwargs)
            seconds = math.ceil(throttle.wait() or 1)
            message = f"Too many requests: try again in {seconds} second{pluralize(seconds)}."
            if answer == "json":
                response = JsonResponse({"detail": message}, status=429)
            elif answer == "page":
                response = render(request, "429.html", {"seconds": seconds}, status=429)
            else:
                response = HttpResponse(f"{message}\n", status=429, content_type="text/plain; charset=utf-8")
            response["Retry-After"] = str(seconds)
            return response

        return wrapper

    return decorator
