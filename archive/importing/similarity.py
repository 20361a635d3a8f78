"""
Whether two quotes are the same words: normalised text compared fuzzily.

Reports of one quote differ in punctuation, quote marks, case and the odd elided word;
``same_words`` treats them as one when difflib's ratio reaches the threshold or one text
contains the other (at least ``MIN_CONTAINED_WORDS`` words of it, so a stock phrase does not
match every quote that uses it).
"""

import re
import unicodedata
from difflib import SequenceMatcher

ARCHIVE_THRESHOLD = 0.9  # an imported quote is a new citation of an archived one from here on
MIN_CONTAINED_WORDS = 5


def normalise(text):
    """Lower case, no accents, no punctuation or quote marks, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    stripped = re.sub(r"['’‘`]", "", stripped)
    return " ".join(re.sub(r"[\W_]+", " ", stripped).split())


def similar(a, b, threshold):
    """Whether difflib's ratio of two normalised texts reaches ``threshold``; cheap upper bounds first."""
    if not a or not b or 2 * min(len(a), len(b)) / (len(a) + len(b)) < threshold:
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold
    )


def contains(a, b):
    """Whether one normalised text holds the other as whole words."""
    shorter, longer = sorted((a, b), key=len)
    return len(shorter.split()) >= MIN_CONTAINED_WORDS and f" {shorter} " in f" {longer} "


def same_words(a, b, threshold=ARCHIVE_THRESHOLD):
    a, b = normalise(a), normalise(b)
    return a == b or contains(a, b) or similar(a, b, threshold)


class ArchiveQuotes:
    """Every quote in the archive, normalised once, to find the one an imported quote repeats."""

    def __init__(self, quotes=()):
        """``quotes``: (id, text) pairs."""
        self.quotes = [(pk, normalise(text)) for pk, text in quotes]

    @classmethod
    def from_database(cls):
        from archive.models import Quote

        return cls(Quote.objects.values_list("id", "text"))

    def add(self, pk, text):
        self.quotes.append((pk, normalise(text)))

    def find(self, text, threshold=ARCHIVE_THRESHOLD):
        """The id of the archived quote with the same words as ``text`` (the first found), or None."""
        wanted = normalise(text)
        for pk, archived in self.quotes:
            if wanted == archived or contains(wanted, archived) or similar(wanted, archived, threshold):
                return pk
        return None
