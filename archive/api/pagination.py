"""
Page-number pagination for every API list: ``page``, 50 a page, ``page_size`` up to 100 (any
other ``page_size`` is refused with 400 and says why, rather than quietly replaced).

Lists are counted up to ``CappedPaginator.cap`` items, as on the HTML pages: ``count`` is
exact while ``count_capped`` is false; when it is true there are more than ``count`` items,
and only the pages holding the first ``count`` are served (narrow the filters to reach the
rest).
"""

from functools import partial

from django.conf import settings
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from archive.paginators import CappedPaginator


class PageNumberPagination(pagination.PageNumberPagination):
    django_paginator_class = CappedPaginator
    page_query_param = "page"
    page_size_query_param = "page_size"
    page_query_description = (
        f"A page number, from 1. A page past the last answers 404; only the pages holding the first "
        f"{CappedPaginator.cap:,} items are served."
    )

    @property
    def page_size(self):
        return settings.API_PAGE_SIZE

    @property
    def max_page_size(self):
        return settings.API_MAX_PAGE_SIZE

    @property
    def page_size_query_description(self):
        return f"Items per page: {settings.API_PAGE_SIZE} unless given, at most {settings.API_MAX_PAGE_SIZE}."

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param, "")
        if value == "":
            return self.page_size
        if not (value.isascii() and value.isdigit() and 1 <= int(value) <= self.max_page_size):
            message = f"Items per page: a whole number from 1 to {self.max_page_size}."
            raise ValidationError({"errors": {self.page_size_query_param: [message]}})
        return int(value)

    def paginate_queryset(self, queryset, request, view=None):
        # A view may say how its list is best counted and read (``paging_options()``, see CappedPaginator).
        options = view.paging_options() if hasattr(view, "paging_options") else {}
        self.django_paginator_class = partial(CappedPaginator, **options)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        paginator = self.page.paginator
        return Response(
            {
                "count": paginator.count,
                "count_capped": paginator.capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        properties = response["properties"]
        properties["count"]["description"] = (
            f"How many items match, counted up to {CappedPaginator.cap:,}: exact unless `count_capped` is true."
        )
        properties["count_capped"] = {
            "type": "boolean",
            "description": (
                f"True when more than {CappedPaginator.cap:,} items match: `count` is then a lower bound and "
                "the last page served is the one holding the item at that position."
            ),
        }
        properties = {name: properties[name] for name in ("count", "count_capped", "next", "previous", "results")}
        response["properties"] = properties
        response["required"] = ["count", "count_capped", "results"]
        return response

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size, default=self.page_size)
            elif parameter["name"] == self.page_query_param:
                parameter["schema"].update(minimum=1)
        return parameters
