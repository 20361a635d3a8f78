"""
The open-data exports as responses: quotes as CSV, people as Popolo JSON, events as
TimelineJS JSON, and robots.txt. Filters are the HTML lists' own FilterSets; a wrong value
answers 400 with a message, never a partial or unfiltered export. The exports share the API's
rate limit per client (counted apart from it): past it, 429.
"""

from django.core.paginator import Paginator
from django.http import (
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe

from archive.api.filtering import filter_errors
from archive.api.throttling import throttled
from archive.exports import popolo, quotes, timelinejs
from archive.filters import EventFilterSet, QuoteFilterSet, error_lines
from archive.models import Event, Quote

JSON_OPTIONS = {"ensure_ascii": False, "indent": 1}


def download(request, chunks, content_type, filename, disposition="attachment"):
    """A streamed export; for HEAD, its headers alone, without running the export."""
    response = StreamingHttpResponse(chunks if request.method != "HEAD" else (), content_type=content_type)
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@require_safe
@throttled("export")
def quotes_csv(request):
    """Every published quote matching the quote list's filters (``page`` is ignored), streamed as CSV."""
    filterset = QuoteFilterSet(request.GET, queryset=Quote.objects.published(), request=request)
    if not filterset.is_valid():
        message = f"The export's filters are invalid.\n{error_lines(filterset.errors)}\n"
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    lines = quotes.csv_lines(filterset.qs, request.build_absolute_uri)
    return download(request, lines, "text/csv; charset=utf-8", "embassy-row-quotes.csv")


@require_safe
@throttled("export", answer="json")
def people_popolo(request):
    """Published people, the organizations where they held posts, and those posts, as Popolo JSON (streamed)."""
    chunks = popolo.popolo_chunks(request.build_absolute_uri)
    return download(request, chunks, "application/json", "embassy-row-people.popolo.json", disposition="inline")


@require_safe
@throttled("export", answer="json")
def timeline_json(request):
    """
    Published events matching the timeline's filters, in TimelineJS's format, ``PAGE_SIZE`` to
    a document: ``page`` picks one, and the ``Link`` header gives the next and previous.
    """
    events = Event.objects.published().order_by("start_date", "id")
    filterset = EventFilterSet(request.GET, queryset=events, request=request)
    if not filterset.is_valid():
        return JsonResponse(filter_errors(filterset.errors), status=400, json_dumps_params=JSON_OPTIONS)
    paginator = Paginator(filterset.qs, timelinejs.PAGE_SIZE)
    number = request.GET.get("page") or "1"
    # Any script's digits are decimal ("٠" is a zero too): no page numbered 0, in any of them.
    if not number.isdecimal() or not any(int(digit) for digit in number):
        errors = {"page": [f"“{number}” is not a page number: pages are numbered from 1."]}
        return JsonResponse({"errors": errors}, status=400, json_dumps_params=JSON_OPTIONS)
    # A number of thousands of digits is no page either (and more than int() will read).
    if len(number.lstrip("0")) > 18 or int(number) > paginator.num_pages:
        errors = {"page": [f"There is no page {number}: the last is {paginator.num_pages}."]}
        return JsonResponse({"errors": errors}, status=404, json_dumps_params=JSON_OPTIONS)
    page = paginator.page(number)
    description = "Published events from the archive of diplomatic coverage"
    if paginator.num_pages > 1:
        description += f", {page.start_index():,}–{page.end_index():,} of {paginator.count:,}"
    # The filters in words, so that two documents from the same archive can be told apart.
    title = "Embassy Row: timeline"
    if narrowed := filterset.in_words():
        title += f" ({'; '.join(f'{label.lower()}: {value}' for label, value in narrowed)})"
    document = timelinejs.timeline(
        page.object_list, request.build_absolute_uri, title=title, description=f"{description}."
    )
    response = JsonResponse(document, json_dumps_params=JSON_OPTIONS)
    query, links = request.GET.copy(), []
    for rel, there, other in [
        ("prev", page.has_previous(), page.number - 1),
        ("next", page.has_next(), page.number + 1),
    ]:
        if there:
            query["page"] = other
            links.append(f'<{request.build_absolute_uri(f"{request.path}?{query.urlencode()}")}>; rel="{rel}"')
    if links:
        response["Link"] = ", ".join(links)
    return response


@require_safe
def favicon(request):
    """``/favicon.ico``, which browsers ask for on pages that name no icon (the admin's), and feed readers."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Allow: /", "", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
