"""Requests the archive refuses before any view sees them, headers every response carries, and writes that collided."""

import logging

from django.conf import settings
from django.db import OperationalError
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# PostgreSQL's codes for a transaction stopped because another held what it needed: a deadlock
# (one of the two is rolled back), a serialization failure, a lock not available in time.
CONTENTION_CODES = {"40P01", "40001", "55P03"}

MESSAGE = "The address contains a NUL character (%00), which no page of this archive accepts."
HEADER_MESSAGE = "A request header contains a NUL character, which no page of this archive accepts."


class HeadWithoutBody:
    """
    A HEAD request is answered with the headers a GET would have (its ``Content-Length``
    included) and no body, as RFC 9110 asks. Django's development server and test client drop
    the body themselves; gunicorn drops it too, but logs a warning for every such request.
    Outermost, so that every other middleware has set its headers first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                # An open file stays among the response's closers: the server closes it as ever.
                response.streaming_content = ()
            else:
                response.content = b""
        return response


class RejectNulMiddleware:
    """
    A NUL character in the path, the query string or a header is never meaningful, and
    PostgreSQL refuses it in text: answer 400 with a message instead of letting it
    reach a query and fail there (the login stores the browser's User-Agent and Accept
    headers with each failed attempt).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return self.refuse(request, MESSAGE)
        if any("\x00" in value for name, value in request.META.items() if name.startswith("HTTP_")):
            return self.refuse(request, HEADER_MESSAGE)
        return self.get_response(request)

    def refuse(self, request, message):
        if request.path.startswith("/api/") or request.path.endswith(".json"):
            # The API's own error shape, as its schema documents for a 400, and the JSON exports' (a
            # TimelineJS document's filters answer in it): a script reading JSON can read the refusal.
            return JsonResponse({"errors": {"non_field_errors": [message]}}, status=400)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


class RefuseOversizedBodies:
    """
    A request whose body is larger than any form of the archive takes (``DATA_UPLOAD_MAX_MEMORY_SIZE``:
    an article of 5 MB to import, and the other fields) is answered 413 before its body is read.
    Django limits the fields it holds in memory but writes an uploaded file to disk whatever its
    size, and the form would refuse it only once it had all arrived.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return HttpResponse(render_to_string("400.html"), status=413)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """
    ``settings.CONTENT_SECURITY_POLICY`` and ``settings.PERMISSIONS_POLICY`` on every response
    (a view may set its own). The pages run only the archive's own scripts, from its own
    static files: text an editor typed can never run as a script, even if it were let
    through unescaped.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.headers = {
            "Content-Security-Policy": settings.CONTENT_SECURITY_POLICY,
            "Permissions-Policy": settings.PERMISSIONS_POLICY,
        }

    def __call__(self, request):
        response = self.get_response(request)
        for name, value in self.headers.items():
            if value and name not in response:
                response[name] = value
        return response


def collided(error):
    """Whether a database error means another transaction was in the way, not that something is broken."""
    if not isinstance(error, OperationalError):
        return False
    if getattr(error.__cause__, "sqlstate", None) in CONTENTION_CODES:
        return True
    # SQLite: a writer waited longer than the busy timeout for another to finish.
    return "database is locked" in str(error)


class CollidedWrites:
    """
    A write that collided with another at the same moment (two editors merging people who share
    an article, say: PostgreSQL rolls one back to break the deadlock) is answered 503, with a page
    that says nothing of it was saved and to send it again, rather than as a server error. Every
    write of the archive is one transaction, so it is all or nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not collided(exception):
            return None
        logger.warning("%s %s collided with another write: %s", request.method, request.path, exception)
        response = HttpResponse(render_to_string("503.html", request=request), status=503)
        response["Retry-After"] = "1"
        return response
