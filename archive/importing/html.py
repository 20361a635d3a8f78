"""
The article inside an HTML page, with trafilatura.

trafilatura finds the main text (leaving navigation, footers, comments and related links
behind) and the page's metadata: title, author, date (only as the page states it, never
guessed from a year in its text) and canonical URL. Its text then goes
through the same cleaning as plain text, with the page title as the headline.
"""

import contextlib
import datetime
import re

import trafilatura
from lxml import html as lxml_html
from trafilatura.settings import set_date_params

from archive.dates import PartialDate, Precision
from archive.importing.sources import ImportInputError
from archive.importing.text import clean_text, tidy


def clean_html(page):
    document = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=True,
        # Only a date the page states (its metadata, a <time> element): an extensive search also
        # guesses from any year in the text, and made "Copyright 2024" into 1 January 2024.
        date_extraction_params=set_date_params(extensive=False),
    )
    if document is None or not (document.text or "").strip():
        raise ImportInputError("no article text found in the HTML")
    title = tidy(document.title or "") or _title_element(page)
    cleaned = clean_text(document.text, headline=title)
    if not title:
        cleaned.headline_guessed = cleaned.headline_guessed or bool(cleaned.headline)
    cleaned.authors = cleaned.authors or tidy(document.author or "").replace(";", ",")
    cleaned.url = document.url or ""
    cleaned.dek = tidy(document.description or "")[:500]
    if document.date and cleaned.published is None:
        with contextlib.suppress(ValueError):
            cleaned.published = stated_date(page, datetime.date.fromisoformat(document.date[:10]))
    return cleaned


def stated_date(page, found):
    """
    The date trafilatura ``found``, at the precision the page states it. A page dated to the
    month alone ("2022-04": a ``<time>`` element's month, a meta value) comes back with a day
    that its date parser made up (today's): that is April 2022, unless the page writes the day too.
    """
    month = f"{found.year:04d}-{found.month:02d}"
    if re.search(rf"(?<!\d){month}(?![-\d])", page) and found.isoformat() not in page:
        return PartialDate(found, Precision.MONTH)
    return PartialDate(found, Precision.DAY)


def _title_element(page):
    try:
        titles = lxml_html.fromstring(page).xpath("//title/text()")
    except (ValueError, lxml_html.etree.ParserError):
        return ""
    return tidy(titles[0]) if titles else ""
