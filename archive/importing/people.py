"""
People named in an article: finding their names, and matching them to the archive.

A name is a run of two to four capitalised words that survives the lexicon's filters
(places, organisations, outlets, titles, demonyms, months, sentence starters). A surname
or first name alone ("Antonov", "Dmitry") stands for the full name used earlier in the
text. Names are matched to people already in the archive, whatever their status, through
``Person.name`` and ``PersonAlias.name``, folding accents and case; the rest are proposed
as new people.
"""

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from archive.importing import lexicon
from archive.importing.text import ABBREVIATIONS

NAME_PARTICLES = lexicon.words("von van der den de da di du la le bin ibn al el dos das del della ter")
WORD = re.compile(r"[^\W\d_][\w’'-]*")
POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
# Role nouns link to a name within this many characters in the same sentence.
ROLE_REACH = 80


def fold(text):
    """Accent-, case- and punctuation-insensitive form of a name: "Anatoliy  ANTONOV" -> "anatoliy antonov"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    stripped = stripped.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("đ", "d")
    return " ".join(re.sub(r"[^\w\s]|_", " ", stripped.casefold().replace("’", "'").replace("'", "")).split())


# --- the archive's people --------------------------------------------------------------------------


class PeopleIndex:
    """Folded names and alias names of people in the archive, for matching names found in text."""

    def __init__(self, entries=()):
        """``entries``: (person, name) pairs, names and alias names alike."""
        self.by_name = {}
        surnames = {}
        for person, name in entries:
            key = fold(name)
            if not key:
                continue
            self.by_name.setdefault(key, person)
            surnames.setdefault(key.split()[-1], set()).add(person)
        # Only a surname that points at exactly one person may stand for them.
        self.by_surname = {surname: next(iter(people)) for surname, people in surnames.items() if len(people) == 1}

    @classmethod
    def from_database(cls):
        from people.models import Person, PersonAlias

        people = {person.pk: person for person in Person.objects.only("id", "name", "slug", "status")}
        entries = [(person, person.name) for person in people.values()]
        entries += [
            (people[person_id], name)
            for person_id, name in PersonAlias.objects.values_list("person_id", "name")
            if person_id in people
        ]
        return cls(entries)

    def match(self, name):
        return self.by_name.get(fold(name))

    def match_surname(self, word):
        return self.by_surname.get(fold(word))


# --- names in text -----------------------------------------------------------------------------------


@dataclass
class Mention:
    """One occurrence of a name in the body; ``key`` is the full name it stands for ("" if unknown)."""

    start: int
    end: int
    text: str
    single: bool
    possessive: bool = False
    title: str = ""
    key: str = ""


@dataclass
class PersonSuggestion:
    name: str
    person: object = None  # a people.Person already in the archive, or None for a new one
    confidence: float = 0.0
    mentions: int = 0
    created: bool = False  # set when an import has saved it as a new draft person

    @property
    def new(self):
        return self.person is None or self.created

    @property
    def person_id(self):
        return self.person.pk if self.person is not None else None


@dataclass
class PeopleFound:
    mentions: list[Mention]
    people: list[PersonSuggestion]
    roles: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, role noun, key)
    main_subject: str = ""

    def person_with_role(self, role, before):
        """The person most recently named with ``role`` before offset ``before``."""
        keys = [key for offset, noun, key in self.roles if noun == role and offset < before]
        return keys[-1] if keys else ""


def _is_capitalised(word):
    return word[0].isupper() and not (len(word) > 1 and word.isupper())


def _runs(text):
    """Runs of capitalised words separated by single spaces (and initials such as "F.")."""
    run = []
    for match in WORD.finditer(text):
        word = match.group(0)
        if run:
            previous = run[-1]
            gap = text[previous.end() : match.start()]
            joined = gap == " " or (
                gap == ". " and (len(previous.group(0)) == 1 or previous.group(0).lower() in ABBREVIATIONS)
            )
            if not joined or POSSESSIVE.search(previous.group(0)):
                yield run
                run = []
        if _is_capitalised(word) or (run and word in NAME_PARTICLES):
            run.append(match)
        else:
            if run:
                yield run
            run = []
    if run:
        yield run


def _bare(word):
    return POSSESSIVE.sub("", word).rstrip("’'").lower()


NOT_IN_A_NAME = (
    lexicon.ORGANISATION_WORDS
    | lexicon.DEMONYMS
    | lexicon.MONTHS
    | lexicon.WEEKDAYS
    | lexicon.COMMON_WORDS
    | lexicon.ROLE_NOUNS
    | lexicon.PLACES
    | lexicon.PLACE_PREFIXES
    | lexicon.OUTLET_NAMES
    | {"prime", "deputy", "vice"}
)
LEADING_NOISE = lexicon.COMMON_WORDS | lexicon.DEMONYMS | lexicon.PLACES | lexicon.MONTHS | lexicon.WEEKDAYS


def _name_from_run(text, run):
    """A Mention for the name in ``run`` (list of word matches), or None when it names no person."""
    words = list(run)
    while words and words[-1].group(0) in NAME_PARTICLES:
        words.pop()
    titles = []
    while words:
        bare = _bare(words[0].group(0))
        if bare in lexicon.TITLES:
            titles.append(words.pop(0).group(0))
        elif bare in LEADING_NOISE and not titles:
            words.pop(0)
        else:
            break
    if not words or _bare(words[0].group(0)) in lexicon.PLACE_PREFIXES:
        return None
    names = [word for word in words if word.group(0) not in NAME_PARTICLES]
    if any(_bare(word.group(0)) in NOT_IN_A_NAME for word in names):
        return None
    if len(names) > 4 or len(names[-1].group(0).rstrip("’'")) < 2:
        return None
    last = words[-1].group(0)
    end = words[-1].end()
    possessive = bool(POSSESSIVE.search(last))
    if possessive:
        end -= 2 if last[-1] not in "’'" else 1
    mention_text = text[words[0].start() : end]
    return Mention(
        start=words[0].start(),
        end=end,
        text=mention_text,
        single=len(names) == 1,
        possessive=possessive,
        title=" ".join(titles),
    )


def find_mentions(text):
    mentions = []
    for run in _runs(text):
        mention = _name_from_run(text, run)
        if mention is not None:
            mentions.append(mention)
    return mentions


def find_people(text, index=None):
    """
    Every person named in ``text``: mentions resolved to full names, the distinct people
    (matched to ``index`` where possible), the posts they were named with, and the main subject.
    """
    index = index or PeopleIndex()
    mentions = find_mentions(text)
    canonical = {}  # folded full name as written -> key (the archive's name, or the name as written)
    people = {}

    def suggestion(key, person, confidence):
        if key not in people:
            people[key] = PersonSuggestion(name=key, person=person, confidence=confidence)
        return people[key]

    full_names = [mention for mention in mentions if not mention.single]
    for mention in full_names:
        folded = fold(mention.text)
        if folded not in canonical:
            person = index.match(mention.text)
            canonical[folded] = person.name if person is not None else mention.text
            suggestion(canonical[folded], person, 0.95 if person is not None else 0.7)
        mention.key = canonical[folded]

    # Full names by their first and last word, in text order, for the lone names that stand for them.
    by_part = {}
    for mention in full_names:
        parts = fold(mention.text).split()
        for part in {parts[0], parts[-1]}:
            by_part.setdefault(part, ([], []))
            by_part[part][0].append(mention.start)
            by_part[part][1].append(mention.key)

    for mention in mentions:
        if mention.single:
            mention.key = _resolve_single(mention, by_part, index, suggestion)
        if mention.key:
            people[mention.key].mentions += 1

    found = PeopleFound(mentions=mentions, people=sorted(people.values(), key=lambda p: _first_offset(p, mentions)))
    counts = Counter(mention.key for mention in mentions if mention.key)
    if counts:
        top = max(counts.values())
        found.main_subject = next(mention.key for mention in mentions if counts.get(mention.key) == top)
    found.roles = _roles(text, mentions)
    return found


def _first_offset(person, mentions):
    return next((mention.start for mention in mentions if mention.key == person.name), 0)


def _resolve_single(mention, by_part, index, suggestion):
    """A lone surname (or first name) stands for the nearest full name before it, else the first after it."""
    word = fold(mention.text)
    if word in by_part:
        starts, keys = by_part[word]
        before = bisect_left(starts, mention.start)
        return keys[before - 1] if before else keys[0]
    if mention.text.lower() in lexicon.PLACES:
        return ""
    person = index.match_surname(mention.text) or index.match(mention.text)
    if person is not None:
        suggestion(person.name, person, 0.6)
        return person.name
    return ""


# What may stand between a post and the name it belongs to: "Ambassador Antonov", "ambassador to
# Panama John Feeley", "Ambassador to the United States, Anatoly Antonov".
ROLE_THEN_NAME = re.compile(r"^(?:\s+to\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})?,?\s+$")
# "Michael McFaul, former US Ambassador", "Andrei Kozyrev, who was Russia’s Foreign Minister",
# "James Melville resigned as U.S. ambassador".
NAME_THEN_ROLE = re.compile(
    r"^(?:,\s+(?:who (?:was|is|had been|has been|became)\s+)?(?:[\w.’'-]+\s+){0,4}"
    r"|\s+(?:[a-z]+\s+){0,2}as\s+(?:[\w.’'-]+\s+){0,3}|\s+)$"
)


def _roles(text, mentions):
    """(offset, role noun, key) for every post named right beside a person: "Ambassador Antonov"."""
    roles = []
    for mention in mentions:
        if mention.key and mention.title:
            for word in mention.title.lower().split():
                if word in lexicon.ROLE_NOUNS:
                    roles.append((mention.start, word, mention.key))
    named = [mention for mention in mentions if mention.key]
    starts = [mention.start for mention in named]
    for match in re.finditer(r"[^\W\d_]+", text):
        noun = match.group(0).lower()
        if noun not in lexicon.ROLE_NOUNS:
            continue
        after = bisect_left(starts, match.end())
        following = named[after] if after < len(named) else None
        before = after - 1
        while before >= 0 and named[before].end > match.start():
            before -= 1
        preceding = named[before] if before >= 0 else None
        if (
            following
            and following.start - match.end() <= ROLE_REACH
            and ROLE_THEN_NAME.match(text[match.end() : following.start])
        ):
            roles.append((match.start(), noun, following.key))
        elif (
            preceding
            and match.start() - preceding.end <= ROLE_REACH
            and NAME_THEN_ROLE.match(text[preceding.end : match.start()])
        ):
            roles.append((match.start(), noun, preceding.key))
    roles.sort()
    return roles
