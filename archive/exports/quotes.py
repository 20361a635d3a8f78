"""
Quotes as CSV, one row per published quote, streamed.

Columns, in order:

    id              the quote's number, as in /quotes/<id>/
    text            the words, verbatim
    speaker         the speaker's name; empty for an unnamed source
    speaker_slug    the speaker's slug, when their profile is public
    unnamed_source  who said it, in words, when the coverage does not name them
    said            when, as ISO 8601 at its precision: 2017, 2017-12 or 2017-12-01; empty if unknown
    precision       year, month or day; empty if the date is unknown
    kind            direct, partial or paraphrase
    language        the language code of the text
    event           the slug of the (published) event it was said at
    tags            tag names in alphabetical order (not case by case), separated by "; "
    outlets         the outlets whose published articles reported it, separated by "; "
    url             the quote's page in the archive

Text that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a
carriage return: ``FORMULA_STARTS``) is written with a leading apostrophe.

Rows are read with ``iterator(chunk_size=CHUNK_SIZE)``: related rows are prefetched (and tags
read, ``archive.tag_lists``) one chunk at a time, so memory stays bounded and each chunk costs
the same few queries, whatever the length of the export.
"""

import csv
from itertools import islice

from archive.tag_lists import attach_tags

COLUMNS = [
    "id",
    "text",
    "speaker",
    "speaker_slug",
    "unnamed_source",
    "said",
    "precision",
    "kind",
    "language",
    "event",
    "tags",
    "outlets",
    "url",
]
CHUNK_SIZE = 500
SEPARATOR = "; "


class Echo:
    """A file-like object whose ``write`` hands the line back, for csv.writer in a stream."""

    def write(self, value):
        return value


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """
    A value safe to open in a spreadsheet: text that a spreadsheet would run as a
    formula ("=HYPERLINK(...)") gets a leading apostrophe, which it shows as text.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def quote_row(quote, absolute_url):
    said = quote.said
    speaker = quote.speaker if quote.speaker_id else None
    return [
        quote.pk,
        quote.text,
        speaker.name if speaker else "",
        speaker.slug if speaker and speaker.is_public else "",
        quote.unnamed_source,
        said.isoformat() if said else "",
        said.precision if said else "",
        quote.kind,
        quote.language,
        quote.event.slug if quote.event_id and quote.event.is_public else "",
        # In the order the pages and the API list them (``archive.tag_lists``): by name, whatever the case.
        SEPARATOR.join(tag.name for tag in quote.tag_list),
        SEPARATOR.join(quote.reporting_outlet_names),
        absolute_url(quote.get_absolute_url()),
    ]


def csv_lines(quotes, absolute_url, chunk_size=None):
    """
    The header and one CSV line per quote. ``quotes`` is an ordered queryset of published
    quotes; ``absolute_url`` turns a path into an address (``request.build_absolute_uri``).
    """
    writer = csv.writer(Echo())
    yield writer.writerow(COLUMNS)
    chunk_size = chunk_size or CHUNK_SIZE
    rows = quotes.with_related().select_related("event").iterator(chunk_size=chunk_size)
    while chunk := attach_tags(islice(rows, chunk_size)):
        for quote in chunk:
            yield writer.writerow([cell(value) for value in quote_row(quote, absolute_url)])
