"""Paging for the secondary lists on a page (a person's quotes, a tag's articles)."""

from archive.paginators import CappedPaginator


def paginate(request, queryset, per_page, param="page"):
    """
    Page ``param`` of ``queryset``, counted up to ``CappedPaginator.cap`` items; a missing or
    bad page number, or one past the last page linked, falls back to a real page.
    """
    return CappedPaginator(queryset, per_page).get_page(request.GET.get(param))
