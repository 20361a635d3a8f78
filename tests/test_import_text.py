"""Reading scraped text: headline, byline and translator, publisher boilerplate dropped, paragraphs kept."""

import datetime

import pytest

from archive.dates import PartialDate, Precision
from archive.importing.html import clean_html
from archive.importing.sources import ImportInputError
from archive.importing.text import clean_text, furniture_kind, sentence_ends, split_paragraphs

SCRAPED = """\
Copyright © 2024

The work of Example Press is supported by the Open Society Foundation

When referencing our materials, please include an active hyperlink. To reprint anything longer, written \
permission must be acquired from the editors.

Privacy and Cookie Policies.

Envoy Says Talks With Washington Have Stalled

Envoy Says Talks With Washington Have Stalled
Translated by: Olena Kovalenko

The ambassador   spoke for an hour\tat the council.

He took   questions afterwards.
Translated by: Olena Kovalenko
You could close this page. Or you could join our community and help us produce more materials like this. \
Become a patron or see other ways to support. Become a Patron!

To suggest a correction or clarification, write to us here

You can also highlight the text and press Ctrl + Enter

    Example Press

    We are an independent outlet. We kindly ask for your support by disabling your ad blocker. Thank you!
"""


def test_headline_is_the_first_line_that_is_not_boilerplate():
    cleaned = clean_text(SCRAPED)

    assert cleaned.headline == "Envoy Says Talks With Washington Have Stalled"
    assert not cleaned.headline_guessed


def test_publisher_boilerplate_is_dropped_and_paragraphs_kept():
    cleaned = clean_text(SCRAPED)

    assert cleaned.body == "The ambassador spoke for an hour at the council.\n\nHe took questions afterwards."
    for gone in ("Copyright", "Cookie", "reprint", "Foundation", "patron", "Ctrl", "ad blocker", "Example Press"):
        assert gone not in cleaned.body


def test_translator_line_fills_the_translator_field():
    cleaned = clean_text(SCRAPED)

    assert cleaned.translator == "Olena Kovalenko"
    assert "Translated by" not in cleaned.body


def test_photo_caption_and_dateline_are_dropped_and_the_date_kept():
    text = (
        "Please answer his calls, somebody. (Photo by Jane Smith/Getty Images)\n\n"
        "May 2, 2022   6 mins\n\n"
        "No one in Washington will speak to him. His phone calls go unanswered.\n\n"
        "He is the most isolated man in the capital.\n\n"
        "Jane Doe is an academic and an author."
    )
    cleaned = clean_text(text)

    assert "Photo" not in cleaned.body and "6 mins" not in cleaned.body
    assert cleaned.published.date == datetime.date(2022, 5, 2)
    assert cleaned.published.precision == Precision.DAY
    assert cleaned.authors == "Jane Doe"
    assert cleaned.body.endswith("He is the most isolated man in the capital.")


def test_without_a_headline_line_the_first_sentence_stands_in_and_says_so():
    cleaned = clean_text("No one in Washington will speak to him. His phone calls go unanswered, and he is alone.")

    assert cleaned.headline == "No one in Washington will speak to him."
    assert cleaned.headline_guessed
    assert cleaned.body.startswith("No one in Washington")


def test_credit_line_under_the_headline_is_dropped():
    cleaned = clean_text("Nobody wants to talk to the ambassador\nWikipedia Creative Commons\n\nThe diplomat is alone.")

    assert cleaned.headline == "Nobody wants to talk to the ambassador"
    assert cleaned.body == "The diplomat is alone."


def test_byline_at_the_top_fills_the_authors():
    cleaned = clean_text("Envoy isolated in Washington\n\nBy Jane Doe\n\nThe ambassador spoke for an hour.")

    assert cleaned.authors == "Jane Doe"
    assert cleaned.body == "The ambassador spoke for an hour."


def test_read_on_the_website_and_share_links_are_dropped():
    cleaned = clean_text("Envoy isolated\n\nThe ambassador spoke.\n\nRead on the website\n\nShare this article")

    assert cleaned.body == "The ambassador spoke."


def test_wrapped_lines_are_rejoined_but_separate_lines_stay_paragraphs():
    assert split_paragraphs("The ambassador spoke\nfor an hour.\nThen he left.") == [
        "The ambassador spoke for an hour.",
        "Then he left.",
    ]


def test_whitespace_is_normalised_inside_paragraphs():
    assert split_paragraphs("A\u00a0line  with\u200b odd\t spaces.\r\n\r\n\r\nNext.") == [
        "A line with odd spaces.",
        "Next.",
    ]


def test_prose_mentioning_a_donation_is_not_boilerplate():
    paragraph = (
        "Russia's donation to the relief fund was announced on Monday, officials said, after weeks of talks "
        "between the two delegations about how the money would be spent."
    )
    assert furniture_kind(paragraph) is None


def test_abbreviations_do_not_end_sentences():
    text = "He met U.S. officials in Washington, D.C. on Monday. Then he left."
    assert [text[:end].strip()[-5:] for end in sentence_ends(text)] == ["nday.", "left."]


def test_html_takes_main_text_title_and_metadata():
    page = """<!doctype html><html><head><title>Envoy says talks stalled | The Daily</title>
    <meta property="og:title" content="Envoy says talks stalled">
    <link rel="canonical" href="https://example.org/2022/04/envoy/">
    <meta name="author" content="Jane Reporter">
    <meta property="article:published_time" content="2022-04-18T10:00:00Z"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Envoy says talks stalled</h1>
    <p>Anatoly Antonov, Russia's ambassador to the United States, said that nobody in Washington would meet him.</p>
    <p>“We are doomed to cooperate on various issues,” Antonov said. “It is impossible to imagine otherwise.”</p>
    </article><footer>Copyright © 2024 The Daily. All rights reserved.</footer></body></html>"""
    cleaned = clean_html(page)

    assert cleaned.headline == "Envoy says talks stalled"
    assert cleaned.body.startswith("Anatoly Antonov, Russia's ambassador")
    assert "\n\n“We are doomed" in cleaned.body
    assert "Home" not in cleaned.body and "Copyright" not in cleaned.body
    assert cleaned.url == "https://example.org/2022/04/envoy/"
    assert cleaned.authors == "Jane Reporter"
    assert cleaned.published.date == datetime.date(2022, 4, 18)


@pytest.mark.parametrize(
    "meta, stated, published",
    [
        ("", "", None),  # no date on the page: none is made up from the copyright year
        ("", '<time datetime="2020-02-03">3 February 2020</time>', PartialDate(datetime.date(2020, 2, 3))),
        # A month only: no day is made up (the date parser would fill in today's).
        ("", '<time datetime="2020-02">February 2020</time>', PartialDate(datetime.date(2020, 2, 1), Precision.MONTH)),
        (
            '<meta property="article:published_time" content="2020-02">',
            "",
            PartialDate(datetime.date(2020, 2, 1), Precision.MONTH),
        ),
        (
            '<meta property="article:published_time" content="2020-02-03T23:30:00-05:00">',
            '<time datetime="2020-02">February 2020</time>',
            PartialDate(datetime.date(2020, 2, 3)),
        ),
    ],
)
def test_html_takes_only_a_date_the_page_states(meta, stated, published):
    page = f"""<html><head><title>Envoy speaks</title>{meta}</head><body><article><h1>Envoy speaks</h1>{stated}
    <p>Anatoly Antonov said: “We are doomed to cooperate,” at a lunch in Washington, and spoke for an hour.</p>
    <p>More paragraphs follow here, long enough to be an article's text, about diplomacy and sanctions.</p>
    </article><footer>Copyright 2024 Example News</footer></body></html>"""

    cleaned = clean_html(page)

    assert cleaned.published == published


def test_html_without_article_text_is_refused():
    with pytest.raises(ImportInputError, match="no article text"):
        clean_html("<html><head><title>Empty</title></head><body></body></html>")
