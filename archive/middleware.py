"""Requests the archive refuses before any view sees them."""

from django.http import HttpResponseBadRequest, JsonResponse

MESSAGE = "The address contains a NUL character (%00), which no page of this archive accepts."


class RejectNulMiddleware:
    """
    A NUL character in the path or the query string is never meaningful, and
    PostgreSQL refuses it in text: answer 400 with a message instead of letting it
    reach a query and fail there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            if request.path.startswith("/api/"):
                # The API's own error shape, as its schema documents for a 400.
                return JsonResponse({"errors": {"non_field_errors": [MESSAGE]}}, status=400)
            return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
