"""Paging for the secondary lists on a page (an article's quotes, an event's people, a person's coverage)."""

from archive.paginators import CappedPaginator

# The most items of a short list (an article's people, an event's) read at once and paged in memory.
SHORT_LIST_CAP = 1_000


def paginate(request, queryset, per_page, param="page"):
    """
    Page ``param`` of ``queryset``, counted up to ``CappedPaginator.cap`` items; a missing or
    bad page number, or one past the last page linked, falls back to a real page.
    """
    return CappedPaginator(queryset, per_page).get_page(request.GET.get(param))


def paginate_short(request, queryset, per_page, param):
    """
    Page ``param`` of a list that is nearly always short but has no bound (the people an
    article mentions, an event's participants): its first ``SHORT_LIST_CAP`` items, and one
    more to tell that there are more, read in one query and paged in memory. The usual list
    of three costs what reading it whole did, and no list costs more than a thousand rows.
    """
    items = list(queryset[: SHORT_LIST_CAP + 1])
    return CappedPaginator(items, per_page, cap=SHORT_LIST_CAP).get_page(request.GET.get(param))
