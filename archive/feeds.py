"""
Atom feeds of published content: the latest articles, the latest quotes (with the quote
list's filters), one person's quotes, and everything under one tag.

"Latest" means most recently published. Entry ids are ``urn:uuid:`` names derived from the
kind and primary key, so an entry keeps its id when a slug changes, when the site moves
host, and across the feeds it appears in. Descriptions are HTML built with escaping:
nothing an editor typed is passed through as markup.
"""

import io
import re
import uuid

from django.contrib.syndication.views import Feed
from django.db import connection
from django.db.models import F
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaks_filter
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from archive.filters import NARROWING, QuoteFilterSet, error_lines
from archive.models import Article, Event, Quote
from archive.tag_lists import attach_tags
from archive.tags import carrying, public_tags, tag_url
from archive.timeline import format_span
from people.models import Person

# Characters XML 1.0 cannot carry at all (Django's feed writer raises on them): text pasted from
# a PDF or a word processor brings form feeds and the like into names, quotes and headlines.
XML_UNSAFE_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
ENTRY_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://embassy-row.invalid/feed-entries")
FEED_SIZE = 50
SITE_NAME = "Embassy Row"


def entry_id(obj):
    """A stable Atom id: the same for one object in every feed, whatever its slug or host."""
    return uuid.uuid5(ENTRY_ID_NAMESPACE, f"{obj._meta.label_lower}:{obj.pk}").urn


def newest_first(queryset):
    """The ``FEED_SIZE`` latest published items, with their tags (``tag_list``)."""
    return attach_tags(queryset.order_by("-published_at", "-id")[:FEED_SIZE])


def xml_safe(value):
    """A feed value (text, a list of categories, or anything else) with XML's forbidden characters as spaces."""
    if isinstance(value, str):
        return XML_UNSAFE_RE.sub(" ", value)
    if isinstance(value, (list, tuple)):
        return [xml_safe(part) for part in value]
    return value


class XMLSafeAtom1Feed(Atom1Feed):
    """Atom whose feed and entry values never hold a character XML 1.0 forbids."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.feed = {name: xml_safe(value) for name, value in self.feed.items()}

    def add_item(self, *args, **kwargs):
        super().add_item(*args, **kwargs)
        self.items[-1] = {name: xml_safe(value) for name, value in self.items[-1].items()}

    def write(self, outfile, encoding):
        """
        The document written in memory, then to ``outfile`` at once: the XML writer's 2,000 small
        writes for a feed of 50 quotes, each passed on to the response one by one, took 1.5 ms more.
        """
        document = io.StringIO()
        super().write(document, encoding)
        outfile.write(document.getvalue())


class InvalidFilters(Exception):
    def __init__(self, errors):
        super().__init__("invalid filters")
        self.errors = errors


# One set of entry parts per kind of object, so a tag's feed can mix them.


def quote_title(quote):
    words = Truncator(quote.text).chars(100)
    return f"{quote.attribution}: “{words}”" if quote.attribution else f"“{words}”"


def quote_description(quote):
    post = quote.speaker_post
    who = f"{quote.attribution}, {post.title}" if post else quote.attribution
    said = f", {quote.said}" if quote.said else ""
    outlets = quote.reporting_outlet_names
    reported = ""
    if outlets:
        reported = format_html("<p>Reported by {}.</p>", format_html_join(", ", "{}", ((name,) for name in outlets)))
    return format_html("<blockquote><p>{}</p></blockquote><p>— {}{}</p>{}", quote.text, who, said, reported)


def article_description(article):
    outlet = article.outlet.name if article.outlet_id else ""
    published = str(article.published) if article.published else ""
    byline = ", ".join(part for part in (article.authors, outlet, published) if part)
    return format_html("<p>{}</p>{}", byline, linebreaks_filter(article.summary, autoescape=True))


def event_description(event):
    where = f" · {event.location}" if event.location else ""
    return format_html(
        "<p>{}{} · {}</p>{}",
        format_span(event.start, event.end),
        where,
        event.get_kind_display(),
        linebreaks_filter(event.description, autoescape=True),
    )


ENTRY_PARTS = {
    Quote: {
        "title": quote_title,
        "description": quote_description,
        "author": lambda quote: quote.attribution or None,
    },
    Article: {
        "title": lambda article: article.headline,
        "description": article_description,
        "author": lambda article: article.authors or (article.outlet.name if article.outlet_id else None),
    },
    Event: {
        "title": lambda event: event.title,
        "description": event_description,
        "author": lambda event: None,
    },
}


class ArchiveFeed(Feed):
    """Shared Atom settings and entry parts; subclasses choose the items."""

    feed_type = XMLSafeAtom1Feed
    author_name = SITE_NAME

    def item_title(self, item):
        return ENTRY_PARTS[type(item)]["title"](item)

    def item_description(self, item):
        return ENTRY_PARTS[type(item)]["description"](item)

    def item_author_name(self, item):
        return ENTRY_PARTS[type(item)]["author"](item)

    def item_guid(self, item):
        return entry_id(item)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        # A scheduled item goes live after its last edit: it is new to readers from then on.
        return max(item.updated_at, item.published_at)

    def item_categories(self, item):
        return sorted(tag.name for tag in item.tag_list)


class LatestArticlesFeed(ArchiveFeed):
    title = f"{SITE_NAME}: latest articles"
    subtitle = "Coverage of diplomats and diplomacy, as it is added to the archive."

    def link(self):
        return reverse("articles:list")

    def items(self):
        return newest_first(Article.objects.published().listed())


class LatestQuotesFeed(ArchiveFeed):
    """The latest quotes, narrowed by the quote list's filters; invalid filters answer 400."""

    subtitle = "Who said what in diplomacy, as quotes are added to the archive."

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except InvalidFilters as error:
            message = f"The feed's filters are invalid.\n{error_lines(error.errors)}\n"
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")

    def get_object(self, request, *args, **kwargs):
        filterset = QuoteFilterSet(request.GET, queryset=Quote.objects.published().with_related(), request=request)
        if not filterset.is_valid():
            raise InvalidFilters(filterset.errors)
        return filterset

    def query(self, filterset):
        """The filters in use, for the feed's own links: not a page number, nor anything else given."""
        query = filterset.data.copy()
        for name in list(query):
            if name not in filterset.filters:
                del query[name]
        return f"?{query.urlencode()}" if query else ""

    def title(self, filterset):
        """The filters in use, in words, so that a feed reader can tell two filtered feeds apart."""
        data = filterset.form.cleaned_data
        narrowed = [
            f"{filterset.filters[name].label.lower()}: {data[name]}"
            for name in NARROWING
            if data.get(name) not in (None, "")
        ]
        return f"{SITE_NAME}: latest quotes ({'; '.join(narrowed)})" if narrowed else f"{SITE_NAME}: latest quotes"

    def link(self, filterset):
        return reverse("quotes:list") + self.query(filterset)

    def feed_url(self, filterset):
        return reverse("quotes:feed") + self.query(filterset)

    def items(self, filterset):
        return newest_first(filterset.qs)


class PersonQuotesFeed(ArchiveFeed):
    """One published person's quotes, latest first."""

    def get_object(self, request, slug):
        return get_object_or_404(Person.objects.published(), slug=slug)

    def title(self, person):
        return f"{SITE_NAME}: quotes by {person.name}"

    def subtitle(self, person):
        return person.description or None

    def link(self, person):
        return person.get_absolute_url()

    def items(self, person):
        return newest_first(Quote.objects.published().by_person(person).with_related())


class TagFeed(ArchiveFeed):
    """Everything published under one tag: articles, quotes and events, latest first."""

    def get_object(self, request, slug):
        if "\x00" in slug:  # PostgreSQL refuses NUL in text: no tag can have it
            raise Http404("No such tag.")
        # With its count of published items per kind, which picks the query shape (``carrying``).
        return get_object_or_404(public_tags(), slug=slug)

    def title(self, tag):
        return f"{SITE_NAME}: tagged “{tag.name}”"

    def link(self, tag):
        return tag_url(tag)

    def items(self, tag):
        """
        The ``FEED_SIZE`` latest of the tag's articles, quotes and events together. Each kind's
        latest keys come first, in one query (a common tag's walked from the publish-time index, a
        rare tag's gathered); only the items that make the cut are read whole, with what their
        entries show.
        """
        kinds = {
            Article: (tag.article_count, lambda rows: rows.listed()),
            Quote: (tag.quote_count, lambda rows: rows.with_related()),
            Event: (tag.event_count, lambda rows: rows),
        }
        kept = latest_keys(
            [
                model.objects.published().filter(carrying(model, tag, count))
                for model, (count, _) in kinds.items()
                if count
            ]
        )
        if not kept:
            raise Http404("No published items carry this tag.")
        found = []
        for model, (_, related) in kinds.items():
            if keys := [pk for kind, pk in kept if kind is model]:
                found += related(model.objects.published().filter(pk__in=keys))
        found.sort(key=lambda item: (item.published_at, item.pk), reverse=True)
        return attach_tags(found)


def latest_keys(querysets):
    """
    (model, pk) of the ``FEED_SIZE`` latest published rows of ``querysets`` together, newest
    first, from one query: each queryset's own latest, by its publish-time order, then the
    latest of those.
    """
    parts, params = [], []
    for index, rows in enumerate(querysets):
        latest = rows.order_by("-published_at", "-id").annotate(item_at=F("published_at"), item_id=F("pk"))
        sql, arm_params = latest.values_list("item_at", "item_id")[:FEED_SIZE].query.sql_with_params()
        parts.append(f"SELECT {index} AS arm, item_at, item_id FROM ({sql}) arm{index}")
        params += arm_params
    if not parts:
        return []
    sql = " UNION ALL ".join(parts) + f" ORDER BY item_at DESC, item_id DESC LIMIT {FEED_SIZE}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(querysets[arm].model, pk) for arm, _, pk in cursor.fetchall()]
