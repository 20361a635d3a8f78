"""
The API side of the archive's FilterSets: the same filters, and a wrong value answered with
400 and ``{"errors": {"date_after": ["…"]}}`` instead of an empty or unfiltered list.
"""

import django_filters
from django.forms.forms import NON_FIELD_ERRORS
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.extensions import OpenApiFilterExtension
from drf_spectacular.plumbing import build_parameter_type
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.settings import api_settings

from archive.api.serializers import PARTIAL_DATE_PATTERN
from archive.filters import PartialDateFilter, PersonFilterSet

# The quote list's and the timeline's parameters. The people filters, which only the API has,
# are documented by their own help texts: their ``event`` narrows people, not quotes.
PARAMETER_DESCRIPTIONS = {
    "person": "A person's slug, such as `anatoly-antonov` (a name or alias name also works when it is unambiguous).",
    "date_after": "On or after this partial date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (from the first day of the span).",
    "date_before": "On or before this partial date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (to the last day of the span).",
    "tag": "A tag's slug, such as `sanctions`.",
    "outlet": "An outlet's slug: only quotes that outlet reported in a published article.",
    "event": "A published event's slug: only quotes said there.",
    "q": (
        'Words in the quote or its speaker’s names, all of which must match; web-search syntax works: "a phrase", '
        "`or` between alternatives, `-word` to leave one out. Words too common to look for (`the`, `of`) are "
        "left out; a `q` with no other word to look for answers 400."
    ),
    "sort": "`-date` (newest first, the default) or `date` (oldest first); undated quotes come last.",
    "kind": "A kind of event.",
}


class FilterErrors(ValidationError):
    default_detail = "Some filters are invalid."


def filter_errors(form_errors):
    """A form's errors as ``{"errors": {name: [message, ...]}}``; form-wide ones under ``non_field_errors``."""
    errors = {}
    for name, messages in form_errors.items():
        key = api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else name
        errors[key] = list(messages)
    return {"errors": errors}


class FilterBackend(DjangoFilterBackend):
    """DjangoFilterBackend with the archive's error shape."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise FilterErrors(filter_errors(filterset.errors))
        # Kept for the view's paginator: the filters' shapes decide how the list is counted.
        view.filterset = filterset
        return filterset.qs


class FilterErrorsSerializer(serializers.Serializer):
    """Documents the 400 answer to invalid filters."""

    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Each invalid query parameter with what is wrong with it; `non_field_errors` for combinations.",
    )


class DetailSerializer(serializers.Serializer):
    """Documents 404 and 429 answers."""

    detail = serializers.CharField()


class FilterBackendExtension(OpenApiFilterExtension):
    """
    Documents a view's FilterSet as query parameters: partial dates with their pattern,
    choices as enums, every parameter with what it means (django-filter's labels are the
    HTML form's, too terse for an API reference).
    """

    target_class = "archive.api.filtering.FilterBackend"
    priority = 1

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        filterset_class = getattr(auto_schema.view, "filterset_class", None)
        if filterset_class is None:
            return []
        parameters = []
        for name, filter_ in filterset_class.base_filters.items():
            schema = {"type": "string"}
            if isinstance(filter_, PartialDateFilter):
                schema["pattern"] = PARTIAL_DATE_PATTERN
            elif isinstance(filter_, django_filters.ChoiceFilter) and isinstance(filter_.extra.get("choices"), list):
                schema["enum"] = [value for value, _label in filter_.extra["choices"]]
            if filter_.extra.get("max_length"):
                schema["maxLength"] = filter_.extra["max_length"]
            parameters.append(
                build_parameter_type(
                    name=name,
                    schema=schema,
                    location=OpenApiParameter.QUERY,
                    description=describe(filterset_class, name, filter_),
                )
            )
        return parameters


def describe(filterset_class, name, filter_):
    if filterset_class is PersonFilterSet:
        return str(filter_.extra["help_text"])
    return PARAMETER_DESCRIPTIONS.get(name) or str(filter_.label)
