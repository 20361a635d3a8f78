"""
Read-only viewsets. Each ``get_queryset()`` starts from what is public (``published()``; for outlets
``reporting()``, for tags ``public_tags()``) and prefetches what its serializer reads, so a page
costs the same number of queries whatever its length.
"""

from django.conf import settings
from django.db.models import F, Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from drf_spectacular import generators
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView
from rest_framework import generics, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from archive.api import serializers
from archive.api.filtering import DetailSerializer, FilterBackend, FilterErrorsSerializer
from archive.citation_lists import attach_citations
from archive.editorial import timestamps
from archive.filters import EventFilterSet, PersonFilterSet, QuoteFilterSet
from archive.models import Article, Event, Outlet, Quote
from archive.models.quotes import posts_with_organizations, published_citations
from archive.people_lists import attach_people
from archive.tag_lists import attach_tags
from archive.tags import public_tags
from people.models import Person

NOT_FOUND = OpenApiResponse(DetailSerializer, description="No published object with this identifier.")
THROTTLED = OpenApiResponse(DetailSerializer, description="Too many requests: wait and retry.")
MOVED = OpenApiResponse(description="Merged into another person: `Location` is the address of the one kept.")
# What a person named in another item shows (PersonSummarySerializer): whether their profile is public decides the rest.
NAMED_PERSON = ("name", "slug", "status", "published_at")
BAD_FILTERS = OpenApiResponse(
    FilterErrorsSerializer,
    description='Invalid filters or `page_size`, e.g. `{"errors": {"date_after": ["…"]}}`.',
)
BAD_PAGE_SIZE = OpenApiResponse(
    FilterErrorsSerializer, description='A `page_size` out of range: `{"errors": {"page_size": ["…"]}}`.'
)


def documented(noun, serializer, filtered=False, moved=False):
    """The list and retrieve operations' descriptions and every answer they can give."""
    list_responses = {200: serializer(many=True), 400: BAD_FILTERS if filtered else BAD_PAGE_SIZE}
    list_responses.update({404: NOT_FOUND, 429: THROTTLED})
    retrieve_responses = {200: serializer, 404: NOT_FOUND, 429: THROTTLED}
    if moved:
        retrieve_responses[301] = MOVED
    return extend_schema_view(
        list=extend_schema(summary=f"Published {noun}, a page at a time", responses=list_responses),
        retrieve=extend_schema(
            summary=f"One published {noun.rstrip('s') if noun != 'people' else 'person'}",
            responses=retrieve_responses,
        ),
    )


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    filter_backends = [FilterBackend]
    #: Whether the serializer lists the objects' tags: read for a page at once (archive.tag_lists).
    tagged = False
    #: Whether it lists the objects' first published people: read for a page at once (archive.people_lists).
    with_people = False

    def filter_queryset(self, queryset):
        # Filters narrow lists; a detail address means the same object whatever the query string.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def paging_options(self):
        """For ``CappedPaginator``: a page's rows read by id, from the unfiltered queryset."""
        return {"rows": self.get_queryset()}

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return self.attach(page) if page is not None else page

    def get_object(self):
        item = super().get_object()
        self.attach([item])
        return item

    def attach(self, items):
        """What the serializer lists of each item beyond its row, read for all of ``items`` at once."""
        if self.tagged:
            items = attach_tags(items)
        if self.with_people:
            # One more than an item lists tells whether to link to the rest.
            items = attach_people(items, serializers.NESTED_LIMIT + 1, fields=NAMED_PERSON)
        return items


@documented("quotes", serializers.QuoteSerializer, filtered=True)
class QuoteViewSet(ReadOnlyViewSet):
    """
    Quotes with their speaker, the speaker's post on the day, the event, tags and every
    published article that reported them. Filters are the quote list's: ``person``,
    ``date_after``, ``date_before``, ``tag``, ``outlet``, ``event``, ``q`` and ``sort``.
    """

    serializer_class = serializers.QuoteSerializer
    filterset_class = QuoteFilterSet
    lookup_value_regex = "[0-9]+"  # not Python's int(): " 1" and a full-width "１" are no quote's address
    tagged = True

    def get_queryset(self):
        quotes = Quote.objects.published().with_speaker().select_related("event")
        return quotes.defer(*timestamps(), *timestamps("event__"))

    def attach(self, items):
        # One citation more than an item lists tells whether to link to the rest.
        return attach_citations(super().attach(items), serializers.NESTED_LIMIT + 1)

    def paging_options(self):
        """And counted by the shapes its filters took (``QuoteFilterSet.paging``)."""
        filterset = getattr(self, "filterset", None)
        return {**super().paging_options(), **(filterset.paging() if filterset is not None else {})}


@extend_schema(
    summary="Every published citation of one quote, a page at a time",
    responses={200: serializers.CitationSerializer(many=True), 400: BAD_PAGE_SIZE, 404: NOT_FOUND, 429: THROTTLED},
)
class QuoteCitationsView(generics.ListAPIView):
    """
    The published articles that reported one quote, oldest first, with the passage around it:
    all of them, where the quote itself lists the first ``NESTED_LIMIT`` (its ``more_citations``).
    """

    serializer_class = serializers.CitationSerializer
    filter_backends = []

    def get_queryset(self):
        quote = generics.get_object_or_404(Quote.objects.published(), pk=self.kwargs["pk"])
        return published_citations().filter(quote=quote)


@documented("people", serializers.PersonSerializer, filtered=True, moved=True)
class PersonViewSet(ReadOnlyViewSet):
    """People with their alias names and posts held, in sort-name order; ``article`` and ``event`` narrow them."""

    serializer_class = serializers.PersonSerializer
    filterset_class = PersonFilterSet
    lookup_field = "slug"
    lookup_value_regex = r"[-\w]+"

    def retrieve(self, request, *args, **kwargs):
        """A person merged into another answers their old address with a permanent redirect, as their page does."""
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            kept = Person.objects.published().filter(redirects__old_slug=kwargs["slug"]).values_list("slug", flat=True)
            if not kept:
                raise
            url = reverse("api:person-detail", kwargs={"slug": kept[0]})
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

    def get_queryset(self):
        roles = posts_with_organizations().order_by(F("start_date").asc(nulls_first=True), "id")
        return (
            Person.objects.published()
            .defer(*timestamps())
            .prefetch_related("aliases", Prefetch("roles", queryset=roles))
            .order_by("sort_name", "id")
        )


@documented("articles", serializers.ArticleSerializer)
class ArticleViewSet(ReadOnlyViewSet):
    """Articles, newest first, with their outlet, the published people they mention and tags."""

    serializer_class = serializers.ArticleSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-\w]+"
    tagged = True
    with_people = True

    def get_queryset(self):
        return (
            # As lists read articles: without their text, which the API does not publish.
            Article.objects.published()
            .listed()
            .defer(*timestamps(), *timestamps("outlet__"))
            .order_by(F("published_on").desc(nulls_last=True), "-id")
        )


@documented("events", serializers.EventSerializer, filtered=True)
class EventViewSet(ReadOnlyViewSet):
    """
    Events in date order. Filters are the timeline's: ``person``, ``tag``, ``kind``,
    ``date_after`` and ``date_before``.
    """

    serializer_class = serializers.EventSerializer
    filterset_class = EventFilterSet
    lookup_field = "slug"
    lookup_value_regex = r"[-\w]+"
    tagged = True
    with_people = True

    def get_queryset(self):
        return Event.objects.published().defer(*timestamps()).order_by("start_date", "id")


@documented("outlets", serializers.OutletSerializer)
class OutletViewSet(ReadOnlyViewSet):
    """Outlets with at least one published article, by name."""

    serializer_class = serializers.OutletSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-\w]+"

    def get_queryset(self):
        return Outlet.objects.reporting().order_by("name", "id")


@documented("tags", serializers.TagDetailSerializer)
class TagViewSet(ReadOnlyViewSet):
    """Tags carried by at least one published article, quote or event, with those counts."""

    serializer_class = serializers.TagDetailSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[^/\x00]+"

    def get_queryset(self):
        return public_tags()


class NotFoundView(APIView):
    """Any other address under /api/: a JSON 404, like an unknown object's."""

    schema = None

    def get(self, request, *args, **kwargs):
        raise NotFound("There is nothing at this address in the API. The endpoints are listed at /api/.")

    # Not DRF's description of this view, with a 200 for an address that does not exist.
    options = get


class SchemaGenerator(generators.SchemaGenerator):
    """
    ``info.version`` is the API's version alone: the view's fixed ``api_version`` (see urls.py)
    names the download, and drf-spectacular would also append it, as "1.0.0 (1.0.0)".
    """

    def get_schema(self, request=None, public=False):
        schema = super().get_schema(request=request, public=public)
        schema["info"]["version"] = settings.SPECTACULAR_SETTINGS["VERSION"]
        return schema


class SchemaView(SpectacularAPIView):
    """OpenAPI 3 schema for this API: YAML, or JSON with `?format=json`."""

    generator_class = SchemaGenerator

    def handle_exception(self, exc):
        # A refusal (405, 404 for an unknown format, 406) is the API's JSON {"detail": "…"},
        # not the error's parts written out as an OpenAPI YAML document.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)
