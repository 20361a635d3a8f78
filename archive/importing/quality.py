"""
How well the importer reads quotes and speakers, measured against an editor's annotation.

A suggested (quote, speaker) pair matches an expected one when the words match fuzzily
(``same_words`` at 0.85, or one text containing the other) and the speaker is the same
person or the same unnamed source. Each expected pair is matched at most once, so a quote
split in two counts once, and the other half as a wrong suggestion.
"""

from dataclasses import dataclass, field
from pathlib import Path

from archive.importing.annotations import SEED_ANNOTATIONS
from archive.importing.people import find_people, fold
from archive.importing.quotes import find_quotes
from archive.importing.similarity import same_words
from archive.importing.sources import ImportInputError, read_source
from archive.importing.text import clean_text

MATCH_THRESHOLD = 0.85


@dataclass
class Score:
    expected: int = 0
    suggested: int = 0
    matched: int = 0
    missed: list = field(default_factory=list)  # expected pairs no suggestion matched
    wrong: list = field(default_factory=list)  # suggestions that matched no expected pair

    @property
    def recall(self):
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision(self):
        return self.matched / self.suggested if self.suggested else 1.0

    def __add__(self, other):
        return Score(
            self.expected + other.expected,
            self.suggested + other.suggested,
            self.matched + other.matched,
            self.missed + other.missed,
            self.wrong + other.wrong,
        )


def attribution_key(speaker, unnamed_source):
    if speaker:
        return ("person", fold(speaker))
    words = fold(unnamed_source or "").split()
    if words and words[0] in {"a", "an", "the"}:
        words = words[1:]
    return ("source", " ".join(words))


def score(suggestions, expected):
    """Compare suggestions (anything with text, speaker, unnamed_source) with expected pairs."""
    result = Score(expected=len(expected), suggested=len(suggestions))
    unmatched = list(expected)
    for suggestion in suggestions:
        key = attribution_key(suggestion.speaker, suggestion.unnamed_source)
        match = next(
            (
                wanted
                for wanted in unmatched
                if attribution_key(wanted.speaker, wanted.unnamed_source) == key
                and same_words(suggestion.text, wanted.text, MATCH_THRESHOLD)
            ),
            None,
        )
        if match is None:
            result.wrong.append(suggestion)
        else:
            unmatched.remove(match)
            result.matched += 1
    result.missed = unmatched
    return result


def suggest(path):
    """The importer's quote suggestions for one file, read as the import reads it, without the database."""
    source = read_source(path)
    cleaned = clean_text(source.text)
    return find_quotes(cleaned.body, find_people(cleaned.body))


def score_seeds(directory, annotations=None):
    """{file name: Score} for every annotated seed file in ``directory``; ImportInputError names one unreadable."""
    annotations = SEED_ANNOTATIONS if annotations is None else annotations
    directory = Path(directory)
    scores = {}
    for name, expected in annotations.items():
        try:
            suggestions = suggest(directory / name)
        except ImportInputError as error:
            raise ImportInputError(f"{directory / name}: {error}") from None
        scores[name] = score(suggestions, expected)
    return scores
