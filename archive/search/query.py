"""
What a reader typed, made safe for the database, and the highlights coming back.

Readers get web-search syntax on both databases: words (all must match), "a phrase",
``or`` between alternatives, and ``-word`` to leave something out. ``parse()`` reads it
once; ``as_tsquery()`` writes it for PostgreSQL's ``to_tsquery`` and ``as_fts5()`` for
FTS5, each with every term a quoted string, so no input can be query syntax (and no
syntax error can reach the reader), and with the alternatives of each clause in
parentheses: "minsk or russia sanctions" needs "sanctions" whichever of the two matched.
(``websearch_to_tsquery`` has no parentheses, and its "or" binds more loosely than the
words around it: it read that as "minsk", or "russia" and "sanctions".) PostgreSQL's
parser keeps words joined by punctuation ("U.S.", "9/11") as one token, so for
PostgreSQL such a term is also looked for as typed.

English stopwords ("the", "of", ...) are left out of the query on both databases.
PostgreSQL's ``english`` configuration never indexes them; FTS5 does, and a word in
nearly every document would cost a walk over the whole index for no better results.
Inside a phrase they stay (FTS5 matches the exact phrase; PostgreSQL keeps their place).

An autocomplete (an admin's picker) reads the last word as the start of one, as it is typed:
"Vald" finds "Valdai" (FTS5's ``"vald"*``, PostgreSQL's ``'vald':*``), once it has
``PREFIX_LETTERS`` letters; fewer would match much of a large archive.

Highlights travel from the database as two control characters that never occur in
indexed text (``clean_text`` strips them); ``mark()`` escapes the text first and only
then turns the markers into ``<mark>`` elements.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_TERMS = 16
PREFIX_LETTERS = 3
# PostgreSQL's english.stop (the Snowball list), which the ``archive_search`` configuration uses.
ENGLISH_STOP = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her
    hers herself it its itself they them their theirs themselves what which who whom this that these
    those am is are was were be been being have has had having do does did doing a an the and but if or
    because as until while of at by for with about against between into through during before after
    above below to from up down in out on off over under again further then once here there when where
    why how all any both each few more most other some such no nor not only own same so than too very s
    t can will just don should now
"""
STOPWORDS = frozenset(ENGLISH_STOP.split())
HIGHLIGHT_START = "\x02"
HIGHLIGHT_STOP = "\x03"

# A quoted phrase (the closing quote optional, a "-" before it leaves it out) or a run of non-space characters.
TOKEN_RE = re.compile(r'(?P<minus>-?)"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+)')
# What the full-text tokenizers keep as words: letters and digits, in any script.
WORD_RE = re.compile(r"[^\W_]+")
# Words joined by punctuation, which PostgreSQL's parser may read as one token.
JOINED_RE = re.compile(r"[^\W_][^\w\s]+[^\W_]")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MARKED_RE = re.compile(f"{HIGHLIGHT_START}(.*?){HIGHLIGHT_STOP}", re.DOTALL)


def clean_text(text):
    """Text fit to index or to query: NFC, control characters (and so the highlight markers) removed."""
    return CONTROL_RE.sub(" ", unicodedata.normalize("NFC", text or ""))


def is_stopword(word):
    """Compared as both databases do: case and accents folded ("The", "thé" are "the")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)) in STOPWORDS


def without_stopwords(words):
    """A term's words with stopwords trimmed from both ends; those inside a phrase stay."""
    start, stop = 0, len(words)
    while start < stop and is_stopword(words[start]):
        start += 1
    while stop > start and is_stopword(words[stop - 1]):
        stop -= 1
    return words[start:stop]


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    # As typed, when punctuation joins its words ("U.S.", "9/11"): PostgreSQL's parser keeps
    # such a run as one token ("u.s"), in documents and in a query alike.
    typed: str = ""
    # One word, matched as the start of a word too (an autocomplete's last word).
    prefix: bool = False

    def fts5(self):
        # One FTS5 string: the tokenizer reads it as a phrase; quotes inside are doubled.
        return '"{}"{}'.format(" ".join(self.words).replace('"', '""'), "*" if self.prefix else "")

    def tsquery_operands(self):
        """
        ``to_tsquery`` operands: the phrase by its words (as FTS5 reads it), and as typed when
        PostgreSQL may read that otherwise; each quoted (quotes and backslashes escaped).
        """
        forms = [" ".join(self.words), *([self.typed] if self.typed else [])]
        suffix = ":*" if self.prefix else ""
        return ["'{}'{}".format(form.replace("\\", "\\\\").replace("'", "''"), suffix) for form in forms]


@dataclass
class ParsedQuery:
    """
    Clauses that must all match, each a list of alternatives; terms that must not; and the
    stopwords left out (``only_stopwords`` when they were all the reader typed).
    """

    clauses: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    stopwords: list[str] = field(default_factory=list)

    def __bool__(self):
        return bool(self.clauses)

    def terms(self):
        """Every term that must or may match (not those left out)."""
        return [term for clause in self.clauses for term in clause]

    @property
    def prefix_word(self):
        """The word matched as the start of a word too, if any (``parse(..., prefix=True)``)."""
        return next((term.words[0] for term in self.terms() if term.prefix), None)

    @property
    def only_stopwords(self):
        return not self.clauses and not self.excluded and bool(self.stopwords)

    def as_tsquery(self):
        def either(terms):
            operands = [operand for term in terms for operand in term.tsquery_operands()]
            return operands[0] if len(operands) == 1 else "({})".format(" | ".join(operands))

        parts = [either(clause) for clause in self.clauses]
        parts += [f"!{either([term])}" for term in self.excluded]
        return " & ".join(parts)

    def as_fts5(self):
        clauses = []
        for clause in self.clauses:
            if len(clause) == 1:
                clauses.append(clause[0].fts5())
            else:
                clauses.append("({})".format(" OR ".join(term.fts5() for term in clause)))
        query = " AND ".join(clauses)
        for term in self.excluded:
            query = f"({query}) NOT {term.fts5()}"
        return query


def parse(text, prefix=False):
    """
    Read web-search syntax; anything else is just words. Never raises. With ``prefix``, a
    last word typed up to the end of ``text`` is the start of a word (see above).
    """
    parsed = ParsedQuery()
    join_next = False
    count = 0
    text = clean_text(text)
    for match in TOKEN_RE.finditer(text):
        if count >= MAX_TERMS:
            break
        raw = match["phrase"] if match["phrase"] is not None else match["word"]
        negated = bool(match["minus"])
        if match["word"] is not None:
            if raw.lower() == "or":
                join_next = bool(parsed.clauses)
                continue
            if raw.startswith("-") and len(raw) > 1:
                negated, raw = True, raw[1:]
        typed = tuple(WORD_RE.findall(raw))
        words = without_stopwords(typed)
        joined = JOINED_RE.search(raw)
        # Said to be left out: not the "s" of "Russia's", which is looked for as typed.
        for word in () if words and joined else typed:
            if word not in words and word.lower() not in parsed.stopwords:
                parsed.stopwords.append(word.lower())
        if not words:
            continue
        count += 1
        term = Term(words, raw if joined else "")
        typing = prefix and match.end() == len(text) and not negated and match["word"] is not None
        if typing and typed == (raw,) and len(raw) >= PREFIX_LETTERS:
            term = Term(words, prefix=True)
        if negated:
            parsed.excluded.append(term)
        elif join_next:
            parsed.clauses[-1].append(term)
        else:
            parsed.clauses.append([term])
        join_next = False
    return parsed


def mark(text):
    """HTML for a highlighted fragment: the text escaped, then the database's markers as ``<mark>``."""
    escaped = escape(text or "")
    marked = MARKED_RE.sub(r"<mark>\1</mark>", escaped)
    return mark_safe(marked.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_STOP, ""))


def has_mark(text):
    return HIGHLIGHT_START in (text or "")
