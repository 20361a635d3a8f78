"""Rate limits for the anonymous clients of the API (every client is anonymous: the API has no logins)."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousRateThrottle(AnonRateThrottle):
    """
    ``settings.API_ANON_THROTTLE_RATE`` ("60/min"), read per request rather than at import,
    so deployments and tests can change it; None turns throttling off. Counts live in the
    default cache.
    """

    def get_rate(self):
        return getattr(settings, "API_ANON_THROTTLE_RATE", None)
