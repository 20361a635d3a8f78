"""
Direct quotes in an article body and who said them.

1. Quote marks are paired: curly and straight, double and single, nested quotes inside
   quotes, a quote that runs over paragraphs (each reopened with a quote mark), and a
   closing mark whose opening mark was lost (the quote then starts its paragraph).
2. A quoted phrase of four words or fewer is a scare quote or a term ("blockade", "fake
   news"), and a quoted title ("titled “…”") is no quote; neither is suggested.
3. The speaker comes from the attribution after the quote ("…,” Antonov said; “…” said
   Antonov; “…” the Ambassador lamented) or before it (Antonov answered: “…”; Piontkovsky
   notes that “…”). A pronoun stands for the last named speaker; a post ("the Ambassador")
   for the person last named with it, else the article's main subject; an outlet or an
   unnamed person ("Politico writes", "a State Department spokesperson said") is recorded
   as an unnamed source and never invented as a person.
4. A quote interrupted by its attribution ("…,” Antonov said. “…”) is joined into one.

Each suggestion carries a confidence in [0, 1]; those under ``MIN_CONFIDENCE`` are not suggested.
"""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from archive.importing import lexicon
from archive.importing.similarity import same_words
from archive.importing.text import sentence_ends, word_count

MIN_CONFIDENCE = 0.5
MIN_WORDS = 5  # four words or fewer in quote marks are a scare quote or a term, not a quote
AFTER_REACH_WORDS = 12  # how far after a quote its attribution verb may be
INTERRUPTION_MAX_WORDS = 15  # the longest attribution that may interrupt one quote
PURE_ATTRIBUTION_WORDS = 4  # "Antonov told Politico": short enough to join a lower-case continuation
ATTRIBUTION_LEAD_WORDS = 3  # an attribution this close to the quote leaves no words of the article between

OPEN_DOUBLE, CLOSE_DOUBLE = "“„«", "”»"
OPEN_SINGLE, CLOSE_SINGLE = "‘‹", "’›"
OPENING_CONTEXT = "([{—–-/" + OPEN_DOUBLE + OPEN_SINGLE + "\"'"
CLOSING_CONTEXT = ".,;:!?)]}—–-…" + CLOSE_DOUBLE + CLOSE_SINGLE + "\"'"
ADVERBS = lexicon.words("later then also once again finally first further still too previously earlier now simply")
DETERMINERS = lexicon.words("a an one two three four several some many other another")
DEFINITE = lexicon.words("the this that our their his her its")
MASK = "\x00"
PUBLISHING_VERBS = lexicon.words("writes wrote reported reports reporting published publishes")
CONTINUING_VERBS = {"added", "adds", "adding", "continued", "continues", "went on", "goes on"}
# How much less sure "he said" is than a name, by what the pronoun was taken to stand for.
PRONOUN_DOUBT = {"speaker": 0.1, "subject of a sentence": 0.1, "mention": 0.15, "main subject": 0.25}


@dataclass
class Span:
    start: int  # the opening mark
    end: int  # just past the closing mark
    family: str
    reopenings: tuple = ()  # marks reopening the quote in each later paragraph
    reconstructed: bool = False

    def text(self, body):
        inner = "".join(
            char
            for offset, char in enumerate(body[self.start + 1 : self.end - 1], self.start + 1)
            if offset not in self.reopenings
        )
        return inner.strip()

    def contains(self, other):
        return self.start <= other.start and other.end <= self.end and self != other


@dataclass
class Nominal:
    """Who a stretch of text names as the speaker."""

    kind: str  # person, pronoun, role, source
    start: int
    end: int
    key: str = ""  # for a person: the full name, or the bare name when it matched no one
    resolved: bool = True
    phrase: str = ""  # for a role or a source: the words


@dataclass
class Attribution:
    speaker: str = ""
    person_key: str = ""
    unnamed_source: str = ""
    confidence: float = 0.0
    side: str = ""  # after, before, continuation
    evidence: str = ""
    distance: int = 0  # words between the quote and its attribution

    def __bool__(self):
        return bool(self.speaker or self.unnamed_source)

    def same_speaker(self, other):
        return (self.speaker, self.unnamed_source) == (other.speaker, other.unnamed_source)


@dataclass
class QuoteSuggestion:
    text: str
    start: int  # offsets of the quote, marks included, in the body
    end: int
    speaker: str | None = None
    person_key: str = ""
    unnamed_source: str = ""
    confidence: float = 0.0
    kind: str = "direct"
    evidence: str = ""
    passage: str = ""  # the paragraph(s) holding the quote, as in the body
    passage_start: int = 0
    passage_end: int = 0
    existing_quote_id: int | None = None
    spans: list = field(default_factory=list)

    def set_passage(self, body, paragraphs):
        starts = [start for start, _end in paragraphs]
        first = paragraphs[bisect_right(starts, self.start) - 1][0]
        last = paragraphs[bisect_right(starts, self.end - 1) - 1][1]
        self.passage_start, self.passage_end = first, last
        self.passage = body[first:last]


# --- pairing quote marks -----------------------------------------------------------------------------


def _mark(body, offset, family):
    """'open', 'close' or None for the character at ``offset``, read as a ``family`` quote mark."""
    char = body[offset]
    before = body[offset - 1] if offset else "\n"
    after = body[offset + 1] if offset + 1 < len(body) else "\n"
    if family == "double":
        if char in OPEN_DOUBLE:
            return "open"
        if char in CLOSE_DOUBLE:
            return "close"
        if char != '"':
            return None
    else:
        if char in OPEN_SINGLE:
            return "open" if not after.isspace() else None
        if char in CLOSE_SINGLE + "'" and before.isalnum() and after.isalnum():
            return None  # an apostrophe: it’s, Russia’s
        if char in CLOSE_SINGLE:
            return "close" if not before.isspace() else None
        if char != "'":
            return None
    if (before.isspace() or before in OPENING_CONTEXT) and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in CLOSING_CONTEXT):
        return "close"
    return None


def paragraph_bounds(body):
    bounds, start = [], 0
    for paragraph in body.split("\n\n"):
        bounds.append((start, start + len(paragraph)))
        start += len(paragraph) + 2
    return bounds


QUOTE_CHARACTERS = {
    "double": re.compile(f'[{OPEN_DOUBLE}{CLOSE_DOUBLE}"]'),
    "single": re.compile(f"[{OPEN_SINGLE}{CLOSE_SINGLE}']"),
}


def pair_marks(body, family, paragraphs):
    """Every quoted span of one family of marks, nested ones included."""
    spans = []
    carried = None  # (opening offset, reopenings) of a quote left open at a paragraph's end
    for start, end in paragraphs:
        candidates = QUOTE_CHARACTERS[family].finditer(body, start, end)
        marks = [(match.start(), kind) for match in candidates if (kind := _mark(body, match.start(), family))]
        opens_paragraph = bool(marks) and marks[0] == (start, "open")
        stack = []
        if carried is not None and opens_paragraph:
            stack.append((carried[0], (*carried[1], start)))
            marks = marks[1:]
        carried = None
        for offset, kind in marks:
            if kind == "open":
                stack.append((offset, ()))
            elif stack:
                opening, reopenings = stack.pop()
                spans.append(Span(opening, offset + 1, family, reopenings))
            elif opens_paragraph and offset > start:
                # The opening mark was spent on an inner quote: the quote began with the paragraph.
                spans.append(Span(start, offset + 1, family, reconstructed=True))
        if stack:
            carried = stack[0]
    return spans


def outermost(spans):
    """The spans not inside (or overlapping) an earlier one: quotes, without the quotes within them."""
    kept = []
    for span in sorted(spans, key=lambda span: (span.start, -span.end)):
        # Kept spans do not overlap and come in order, so only the last can hold this one.
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


# --- reading attributions ------------------------------------------------------------------------------

WORD = re.compile(r"[^\W\d_][\w’'-]*")


def _words(text, start, end):
    return [(match.start(), match.end(), match.group(0)) for match in WORD.finditer(text, start, end)]


# An aside between commas right before a verb: ", who says he has not spoken to Putin, said".
PARENTHETICAL = re.compile(r",\s+[a-z][^,.;:!?\x00]{0,80},\s*$")
MODALS = lexicon.words("to can could will would may might must should shall")


def _verbs(text, start, end):
    """
    (start, end) of every attribution verb or phrase, in order. Verbs are lower case in running text,
    and one after "to" or a modal ("can ask", "to say") reports no words actually said.
    """
    found = []
    words = _words(text, start, end)
    for index, (word_start, word_end, word) in enumerate(words):
        if word in lexicon.SPEECH_VERBS and not (index and words[index - 1][2].lower() in MODALS):
            found.append((word_start, word_end))
        if index + 1 < len(words):
            pair = f"{word.lower()} {words[index + 1][2]}"
            if pair in lexicon.SPEECH_PHRASES and text[word_end : words[index + 1][0]] == " ":
                found.append((word_start, words[index + 1][1]))
    return sorted(set(found))


class Reader:
    """Reads attributions around quotes in one body, with the people found in it."""

    def __init__(self, body, found):
        self.body = body
        self.found = found
        self.paragraphs = paragraph_bounds(body)
        self.masked_spans = []
        self.masked = body
        self._set_visible()
        self.paragraph_starts = [start for start, _end in self.paragraphs]
        self.accepted = []  # suggestions with a named speaker so far, for "he" and "she"

    def mask(self, spans):
        """Hide the words inside ``spans`` (keeping their closing punctuation) from attribution reading."""
        self.masked_spans = list(spans)
        chars = list(self.body)
        for span in self.masked_spans:
            inner_end = span.end - 1
            tail = re.search(r"[^\w\s]*$", self.body[span.start + 1 : inner_end]).start() + span.start + 1
            for offset in range(span.start + 1, tail):
                chars[offset] = MASK
        self.masked = "".join(chars)
        self._set_visible()

    def _set_visible(self):
        spans = sorted(self.masked_spans, key=lambda span: span.start)
        starts = [span.start for span in spans]

        def hidden(offset):
            index = bisect_right(starts, offset) - 1
            return index >= 0 and spans[index].start < offset < spans[index].end

        self._visible = [mention for mention in self.found.mentions if not hidden(mention.start)]
        self._visible_starts = [mention.start for mention in self._visible]
        self._visible_by_end = {mention.end: mention for mention in self._visible if not mention.possessive}

    def mentions_between(self, start, end):
        """Visible mentions starting in [start, end), in order."""
        return self._visible[bisect_left(self._visible_starts, start) : bisect_left(self._visible_starts, end)]

    def paragraph_of(self, offset):
        return max(0, bisect_right(self.paragraph_starts, offset) - 1)

    # -- who is named where --

    def nominal_ending_at(self, start, end):
        """The speaker named by the words just before ``end`` (adverbs and commas allowed between)."""
        text = self.masked
        cut = end
        while True:
            stripped = text[start:cut].rstrip(" ,")
            cut = start + len(stripped)
            last = re.search(r"([^\W\d_]+)$", stripped)
            if last and (
                last.group(1).lower() in ADVERBS or (last.group(1).islower() and last.group(1).endswith("ly"))
            ):
                cut = start + last.start(1)
                continue
            break
        if cut <= start:
            return None
        mention = self._visible_by_end.get(cut)
        if mention is not None and mention.start >= start:
            return Nominal("person", mention.start, mention.end, mention.key or mention.text, bool(mention.key))
        nominal = self._described_ending_at(start, cut)
        aside = PARENTHETICAL.search(text, start, end)
        if nominal is None and aside is not None:
            # "A senior diplomat, speaking on condition of anonymity, described …": look past the aside.
            return self.nominal_ending_at(start, aside.start())
        return nominal

    def _described_ending_at(self, start, cut):
        text = self.masked[start:cut]
        last = re.search(r"([^\W\d_][\w’'.-]*)$", text)
        if not last:
            return None
        word = last.group(1)
        if word.lower() in lexicon.PRONOUNS:
            return Nominal("pronoun", start + last.start(1), cut, phrase=word.lower())
        # The noun phrase: back to a determiner (or a comma), at most eight words.
        phrase_words = []
        for word_start, _word_end, token in reversed(_words(self.masked, start, cut)[-8:]):
            if re.search(r"[,;:\x00]", self.masked[word_start:cut]):
                break
            phrase_words.insert(0, (word_start, token))
            if token.lower() in DETERMINERS | DEFINITE:
                break
        if not phrase_words:
            return None
        phrase_start = phrase_words[0][0]
        phrase = self.masked[phrase_start:cut].strip()
        head = phrase_words[-1][1].lower()
        first = phrase_words[0][1].lower()
        if first in DETERMINERS and (head in lexicon.SOURCE_NOUNS or head in lexicon.ROLE_NOUNS):
            return Nominal("source", phrase_start, cut, phrase=phrase)
        if first in DEFINITE and head in lexicon.ROLE_NOUNS:
            return Nominal("role", phrase_start, cut, phrase=phrase, key=head)
        if head in lexicon.SOURCE_NOUNS and head.endswith("s") and len(phrase_words) <= 4:
            return Nominal("source", phrase_start, cut, phrase=phrase)
        # "Politico", "the Kremlin", "The Washington Post": an outlet or an institution.
        proper = [token for _start, token in phrase_words if token.lower() not in DEFINITE]
        if (
            proper
            and all(token[0].isupper() or token in {"of", "for", "and"} for token in proper)
            and any(token.lower() in lexicon.ORGANISATION_WORDS | lexicon.OUTLET_NAMES for token in proper)
        ):
            return Nominal("source", phrase_start, cut, phrase=phrase)
        return None

    def nominal_starting_at(self, start, end):
        """The speaker named right after an inverted verb: “…” said Antonov; “…” asked a reporter."""
        text = self.masked
        gap = re.match(r"[ ,]*(?:by\s+)?", text[start:end])
        begin = start + gap.end()
        for mention in self.mentions_between(begin, begin + 41):
            if not mention.possessive:
                lead = text[begin : mention.start]
                if re.fullmatch(r"(?:(?:the|former|then|[A-Z][\w.’'-]*)\s+){0,3}", lead):
                    return Nominal("person", mention.start, mention.end, mention.key or mention.text, bool(mention.key))
                break
        clause = re.match(r"[^,.;:!?()\x00]*", text[begin:end]).group(0).rstrip()
        if not clause:
            return None
        words = _words(text, begin, begin + len(clause))[:8]
        if words and words[0][2].lower() in lexicon.PRONOUNS:
            return Nominal("pronoun", begin, words[0][1], phrase=words[0][2].lower())
        # "said a State Department spokesperson on Monday": the longest phrase that names a source.
        for _word_start, word_end, _word in reversed(words):
            nominal = self._described_ending_at(begin, word_end)
            if nominal is not None:
                return nominal
        return None

    # -- attributions --

    def after(self, span):
        """The attribution following ``span`` in its sentence: “…,” Antonov said / said Antonov."""
        paragraph_end = self.paragraphs[self.paragraph_of(span.end - 1)][1]
        ends = [end for end in sentence_ends(self.masked, span.end, paragraph_end) if end > span.end]
        limit = ends[0] if ends else paragraph_end
        next_quote = self.masked.find("“", span.end, limit)
        limit = next_quote if next_quote != -1 else limit
        for verb_start, verb_end in _verbs(self.masked, span.end, limit):
            distance = len(_words(self.masked, span.end, verb_start))
            if distance > AFTER_REACH_WORDS:
                break
            nominal = self.nominal_ending_at(span.end, verb_start) if distance else None
            if nominal is None:
                nominal = self.nominal_starting_at(verb_end, limit)
            if nominal is not None:
                evidence = self.body[min(nominal.start, verb_start) : max(nominal.end, verb_end)]
                gap = len(_words(self.masked, span.end, min(nominal.start, verb_start)))
                verb = self.body[verb_start:verb_end]
                return self.resolve(nominal, evidence, side="after", distance=gap, verb=verb)
        return Attribution()

    def before(self, span, floor=None):
        """The attribution introducing ``span`` in its sentence: Antonov answered: “…”."""
        paragraph_start = self.paragraphs[self.paragraph_of(span.start)][0]
        floor = paragraph_start if floor is None else max(floor, paragraph_start)
        ends = sentence_ends(self.masked, floor, span.start)
        clause_start = ends[-1] if ends else floor
        clause = self.masked[clause_start : span.start]
        if not clause.strip():
            return Attribution()
        for verb_start, verb_end in reversed(_verbs(self.masked, clause_start, span.start)):
            nominal = self.nominal_ending_at(clause_start, verb_start)
            if nominal is None:
                # Inverted only when the name closes the clause: "according to Politico, “…”", "said Antonov: “…”".
                nominal = self.nominal_starting_at(verb_end, span.start)
                if nominal is not None and not re.fullmatch(r"\s*[,:]\s*", self.masked[nominal.end : span.start]):
                    nominal = None
            if nominal is not None:
                evidence = self.body[min(nominal.start, verb_start) : max(nominal.end, verb_end)]
                distance = len(_words(self.masked, verb_end, span.start))
                verb = self.body[verb_start:verb_end]
                return self.resolve(nominal, evidence, side="before", distance=distance, verb=verb)
        if clause.rstrip().endswith(":"):
            # "Antonov refers to the adage: ‘…’": the clause's subject, without a verb of saying.
            for mention in self.mentions_between(clause_start, span.start):
                if not mention.possessive:
                    nominal = Nominal(
                        "person", mention.start, mention.end, mention.key or mention.text, bool(mention.key)
                    )
                    attribution = self.resolve(nominal, mention.text, side="before", distance=0)
                    attribution.confidence -= 0.15
                    return attribution
        return Attribution()

    def resolve(self, nominal, evidence, *, side, distance, verb=""):
        base = 0.9 if distance <= 3 else 0.75
        attribution = Attribution(side=side, evidence=evidence.strip(), distance=distance)
        if nominal.kind == "person" and not nominal.resolved and verb in PUBLISHING_VERBS:
            # "Tagesschau reported": a name no one in the text bears, publishing, is an outlet.
            attribution.unnamed_source = nominal.key
            attribution.confidence = base - 0.2
        elif nominal.kind == "person":
            attribution.speaker = nominal.key
            attribution.person_key = nominal.key if nominal.resolved else ""
            attribution.confidence = base if nominal.resolved else base - 0.25
        elif nominal.kind == "pronoun":
            key, how = self.last_speaker(nominal.start, continuing=verb in CONTINUING_VERBS)
            if nominal.phrase == "they" or not key:
                return Attribution()
            attribution.speaker = attribution.person_key = key
            attribution.confidence = base - PRONOUN_DOUBT[how]
        elif nominal.kind == "role":
            key = self.found.person_with_role(nominal.key, nominal.start)
            if key:
                attribution.speaker = attribution.person_key = key
                attribution.confidence = base - 0.1
            elif any(word[0].isupper() for word in nominal.phrase.split()[1:-1]):
                attribution.unnamed_source = nominal.phrase  # "the State Department spokesperson"
                attribution.confidence = base - 0.1
            elif self.found.main_subject:
                attribution.speaker = attribution.person_key = self.found.main_subject
                attribution.confidence = min(base, 0.6)
            else:
                attribution.unnamed_source = nominal.phrase
                attribution.confidence = min(base, 0.6)
        else:
            phrase = nominal.phrase
            attribution.unnamed_source = (
                phrase[0].lower() + phrase[1:] if phrase.split()[0] in {"A", "An", "The", "One"} else phrase
            )
            attribution.confidence = base - 0.1
        return attribution

    def last_speaker(self, offset, continuing=False):
        """
        Who "he" or "she" at ``offset`` is: a person introduced as a sentence's subject since the last
        quote ("James Cleverly defended the decision. “…,” he said."), unless the verb continues
        ("he added"); else the last named speaker; else the last person named; else the main subject.
        """
        paragraph = self.paragraph_of(offset)
        floor = self.paragraphs[max(0, paragraph - 1)][0]
        last_quote = next(
            (
                quote
                for quote in reversed(self.accepted)
                if quote.end <= offset and quote.person_key and self.paragraph_of(quote.start) >= paragraph - 2
            ),
            None,
        )
        if not continuing:
            since = max(floor, last_quote.end) if last_quote else floor
            subjects = [
                mention
                for mention in self.mentions_between(since, offset)
                if mention.key and mention.end <= offset and not mention.possessive and self.opens_sentence(mention)
            ]
            if subjects and (last_quote is None or subjects[-1].key != last_quote.person_key):
                return subjects[-1].key, "subject of a sentence"
        if last_quote is not None:
            return last_quote.person_key, "speaker"
        earlier = [mention for mention in self.mentions_between(floor, offset) if mention.key and mention.end <= offset]
        if earlier:
            return earlier[-1].key, "mention"
        return self.found.main_subject, "main subject"

    def opens_sentence(self, mention):
        """Whether only capitalised words (titles, a place) stand before ``mention`` in its sentence."""
        paragraph_start = self.paragraphs[self.paragraph_of(mention.start)][0]
        ends = sentence_ends(self.masked, paragraph_start, mention.start)
        sentence_start = ends[-1] if ends else paragraph_start
        return re.fullmatch(r"\s*(?:[A-Z][\w.’'-]*\s+)*", self.masked[sentence_start : mention.start]) is not None


# --- putting it together --------------------------------------------------------------------------------


def _is_naming(body, span):
    """A quoted title or term: titled “…”, the word ‘…’."""
    before = re.search(r"([\w-]+)[\s,:]*$", body[max(0, span.start - 30) : span.start])
    return bool(before) and before.group(1).lower() in lexicon.NAMING_WORDS


def _candidates(body, spans):
    return [span for span in spans if word_count(span.text(body)) >= MIN_WORDS and not _is_naming(body, span)]


def find_quotes(body, found):
    """Suggested quotes in ``body`` (an article body as stored) with their speakers, in text order."""
    reader = Reader(body, found)
    doubles = outermost(pair_marks(body, "double", reader.paragraphs))
    singles = pair_marks(body, "single", reader.paragraphs)
    candidates = _candidates(body, doubles)
    candidates += _candidates(
        body,
        outermost(
            [
                s
                for s in singles
                if not any(d.contains(s) or d.start < s.start < d.end or d.start < s.end - 1 < d.end for d in doubles)
            ]
        ),
    )
    candidates.sort(key=lambda span: span.start)
    reader.mask(candidates)

    results = _attribute(reader, candidates)
    results = _join_interrupted(reader, results)

    # A quote no one is credited with may hold a quote within it that someone is: “… Antonov refers
    # to the adage: ‘Every coin has two sides.’ …” with its outer marks misplaced.
    unattributed = [spans[0] for spans, attribution in results if not attribution and spans[0].family == "double"]
    inner = [
        (span, outer)
        for outer in unattributed
        for span in _candidates(body, outermost([single for single in singles if outer.contains(single)]))
    ]
    if inner:
        attributed = [span for spans, attribution in results if attribution for span in spans]
        reader.mask(attributed + [span for span, _outer in inner])
        for span, outer in inner:
            attribution = reader.before(span, floor=outer.start + 1) or reader.after(span)
            results.append(([span], attribution))
        results.sort(key=lambda item: item[0][0].start)

    suggestions = []
    for spans, attribution in results:
        if not attribution:
            continue
        suggestion = _suggestion(body, spans, attribution, reader.paragraphs)
        if suggestion.confidence < MIN_CONFIDENCE:
            continue
        # An article that repeats a quote (a pull quote, a recap) reports it once.
        if any(same_words(suggestion.text, earlier.text) for earlier in suggestions):
            continue
        suggestions.append(suggestion)
    return suggestions


def _attribute(reader, candidates):
    results = []
    for span in candidates:
        after = reader.after(span)
        before = reader.before(span)
        attribution = _choose(span, reader.body, after, before)
        if not attribution and results:
            previous_span, previous = results[-1][0][-1], results[-1][1]
            same_paragraph = reader.paragraph_of(previous_span.start) == reader.paragraph_of(span.start)
            between = reader.masked[previous_span.end : span.start]
            sentence_over = sentence_ends(reader.masked, max(previous_span.start, previous_span.end - 3), span.start)
            if previous and same_paragraph and not sentence_over:
                attribution = Attribution(
                    speaker=previous.speaker,
                    person_key=previous.person_key,
                    unnamed_source=previous.unnamed_source,
                    confidence=0.7,
                    side="continuation",
                    evidence=between.strip(),
                )
        if span.reconstructed and attribution:
            attribution.confidence -= 0.1
        results.append(([span], attribution))
        if attribution.person_key:
            reader.accepted.append(_suggestion(reader.body, [span], attribution, reader.paragraphs))
    return results


def _choose(span, body, after, before):
    ends_open = re.search(r"[,?!—–-]$", span.text(body)) is not None
    # Introduced by a colon and closed by its own full stop (Lavrov said: “… sanctions.”), the
    # quote is the speaker's before it, whoever the next sentence names.
    if before and body[: span.start].rstrip().endswith(":") and not ends_open:
        return before
    if after and (after.distance <= 3 or ends_open):
        return after
    if before and body[: span.start].rstrip().endswith(":"):
        return before
    if after and before:
        return after if after.distance <= before.distance else before
    return after or before


def _join_interrupted(reader, results):
    """“…,” Antonov said. “…” is one quote; so is “…,” Politico writes, “and …”."""
    joined = []
    for (span,), attribution in results:
        if joined:
            previous_spans, previous = joined[-1]
            last = previous_spans[-1]
            between = reader.body[last.end : span.start]
            ends = [
                end
                for end in sentence_ends(reader.masked, last.end, span.start)
                if end < len(between.rstrip()) + last.end
            ]
            text = span.text(reader.body)
            if (
                previous
                and previous.side in {"after", "continuation"}
                and reader.paragraph_of(last.start) == reader.paragraph_of(span.start)
                and "\n" not in between
                and word_count(between) <= INTERRUPTION_MAX_WORDS
                and not ends
                # The second part has no attribution of its own after it (that would make it a quote of its own).
                and (not attribution or (attribution.side != "after" and attribution.same_speaker(previous)))
                and (text[:1].isupper() or word_count(between) <= PURE_ATTRIBUTION_WORDS)
            ):
                previous_spans.append(span)
                previous.confidence = max(previous.confidence, attribution.confidence if attribution else 0)
                continue
        joined.append(([span], attribution))
    return joined


def _suggestion(body, spans, attribution, paragraphs):
    parts = [spans[0].text(body)]
    for previous, span in zip(spans, spans[1:], strict=False):
        between = body[previous.end : span.start]
        if parts[-1].endswith(",") and between.rstrip().endswith("."):
            parts[-1] = parts[-1][:-1] + "."
        # Only the attribution came between ("Kelin said in a message."): the words run on. Words of
        # the article's own before it ("to describe his goals, Antonov said.") are marked as left out.
        parts.append(" " if attribution.distance <= ATTRIBUTION_LEAD_WORDS else " … ")
        parts.append(span.text(body))
    text = "".join(parts)
    if text.endswith(","):
        # “…program,” Antonov said: the comma belongs to the reporting sentence.
        text = text[:-1] + ("." if text[:1].isupper() else "")
    confidence = attribution.confidence
    if word_count(text) < 7:
        confidence -= 0.05
    if any(span.reopenings for span in spans):
        confidence -= 0.05
    suggestion = QuoteSuggestion(
        text=text,
        start=spans[0].start,
        end=spans[-1].end,
        speaker=attribution.speaker or None,
        person_key=attribution.person_key,
        unnamed_source=attribution.unnamed_source,
        confidence=round(max(0.0, min(1.0, confidence)), 2),
        kind="direct" if text[:1].isupper() or not text[:1].isalpha() else "partial",
        evidence=attribution.evidence,
        spans=spans,
    )
    suggestion.set_passage(body, paragraphs)
    return suggestion
