"""
The open-data exports as responses: quotes as CSV, people as Popolo JSON, events as
TimelineJS JSON, and robots.txt. Filters are the HTML lists' own FilterSets; a wrong value
answers 400 with a message, never a partial or unfiltered export.
"""

from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from archive.api.filtering import filter_errors
from archive.exports import popolo, quotes, timelinejs
from archive.filters import EventFilterSet, QuoteFilterSet
from archive.models import Event, Quote

JSON_OPTIONS = {"ensure_ascii": False, "indent": 1}


def error_lines(errors):
    return "\n".join(f"{name}: {message}" for name, messages in errors.items() for message in messages)


@require_GET
def quotes_csv(request):
    """Every published quote matching the quote list's filters (``page`` is ignored), streamed as CSV."""
    filterset = QuoteFilterSet(request.GET, queryset=Quote.objects.published(), request=request)
    if not filterset.is_valid():
        message = f"The export's filters are invalid.\n{error_lines(filterset.errors)}\n"
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    response = StreamingHttpResponse(
        quotes.csv_lines(filterset.qs, request.build_absolute_uri), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="embassy-row-quotes.csv"'
    return response


@require_GET
def people_popolo(request):
    """Published people, the organizations where they held posts, and those posts, as Popolo JSON (streamed)."""
    response = StreamingHttpResponse(popolo.popolo_chunks(request.build_absolute_uri), content_type="application/json")
    response["Content-Disposition"] = 'inline; filename="embassy-row-people.popolo.json"'
    return response


@require_GET
def timeline_json(request):
    """Published events matching the timeline's filters, in TimelineJS's format."""
    events = Event.objects.published().order_by("start_date", "id")
    filterset = EventFilterSet(request.GET, queryset=events, request=request)
    if not filterset.is_valid():
        return JsonResponse(filter_errors(filterset.errors), status=400, json_dumps_params=JSON_OPTIONS)
    document = timelinejs.timeline(
        filterset.qs,
        request.build_absolute_uri,
        description="Published events from the archive of diplomatic coverage.",
    )
    return JsonResponse(document, json_dumps_params=JSON_OPTIONS)


@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Allow: /", "", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
