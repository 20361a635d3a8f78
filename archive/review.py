"""
The review queue: quotes an import suggested, accepted or rejected by an editor.

A quote is a pending suggestion while it is unpublished and has a
``suggestion_confidence`` (``Quote.objects.suggestions()``). Accepting clears the
confidence and moves the quote on (to review, or published); rejecting deletes it with
its citation, unless other articles cite it too: then it only loses the citation of the
article whose import suggested it (its first) and stays as it was, out of the queue.

Each quote is saved or deleted on its own, so every decision is in its history with
who made it, and the search index follows.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html

from archive.editorial import Status

PASSAGE_CONTEXT = 160


def accept_suggestions(quotes, publish=False):
    """
    Accept ``quotes``; returns (accepted, published, why each quote that could not be published
    went to review instead): nobody said it yet, as far as the archive knows, or the speaker's
    profile is not public yet.
    """
    accepted = published = 0
    held = []
    now = timezone.now()
    with transaction.atomic():
        for quote in quotes:
            quote.suggestion_confidence = None
            quote.status = Status.REVIEW
            if publish:
                scheduled = quote.published_at
                quote.status = Status.PUBLISHED
                quote.published_at = scheduled or now
                try:
                    quote.validate_constraints()
                    quote.validate_publishing()
                except ValidationError as error:
                    # Held with the publish time it had: one of the failed attempt's would later
                    # read as a time before its speaker's profile was public, refusing to publish.
                    quote.status, quote.published_at = Status.REVIEW, scheduled
                    held.append(" ".join(error.messages))
                else:
                    published += 1
            quote.save()
            accepted += 1
    return accepted, published, held


def reject_suggestions(quotes):
    """Reject ``quotes``; returns (deleted, kept because other articles cite them)."""
    deleted = kept = 0
    with transaction.atomic():
        for quote in quotes:
            citations = sorted(quote.citations.all(), key=lambda citation: citation.pk)
            if len({citation.article_id for citation in citations}) > 1:
                citations[0].delete()
                quote.suggestion_confidence = None
                quote.save()
                kept += 1
            else:
                quote.delete()
                deleted += 1
    return deleted, kept


def highlight_passage(passage, words, context=PASSAGE_CONTEXT):
    """
    HTML for a passage with the quote's words marked: everything escaped, the words in
    ``<mark>``, and the passage cut to ``context`` characters either side of them.
    """
    if not passage:
        return ""
    # Line breaks and runs of spaces in the passage still match the quote's single spaces.
    pattern = r"\s+".join(re.escape(word) for word in words.split())
    match = re.search(pattern, passage, flags=re.IGNORECASE) if pattern else None
    if match is None:
        return format_html("{}", shorten(passage, 2 * context))
    start, end = match.span()
    before = passage[max(0, start - context) : start]
    after = passage[end : end + context]
    return format_html(
        "{}{}<mark>{}</mark>{}{}",
        "…" if start > context else "",
        before,
        passage[start:end],
        after,
        "…" if end + context < len(passage) else "",
    )


def shorten(text, length):
    return text if len(text) <= length else text[:length].rstrip() + "…"
