"""Paging for the secondary lists on a page (a person's quotes, a tag's articles)."""

from django.core.paginator import Paginator


def paginate(request, queryset, per_page, param="page"):
    """Page ``param`` of ``queryset``; a missing or bad page number falls back to a real page."""
    return Paginator(queryset, per_page).get_page(request.GET.get(param))
