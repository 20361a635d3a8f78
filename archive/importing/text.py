"""
Plain text as scraped, turned into a headline, byline and a clean body.

Scraped text carries publisher furniture around the article: copyright and funding
lines, reprint policies, cookie and ad-blocker notices, donation appeals, photo
captions and credits, "6 min read" datelines, "Translated by:" lines. ``clean_text``
drops the furniture, keeps what it tells (translator, author, date) as metadata and
returns the body as paragraphs separated by one blank line, with whitespace inside
each paragraph normalised. Citations point into that body, so it is what gets stored.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from archive.dates import PartialDate, Precision

# A paragraph this short, without sentence punctuation, at the very end is furniture ("Euromaidan Press").
TRAILING_FURNITURE_WORDS = 4
HEADLINE_MAX_WORDS = 30
HEADLINE_MAX_CHARS = 300

INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


@dataclass
class CleanedText:
    headline: str
    body: str
    dek: str = ""
    authors: str = ""
    translator: str = ""
    published: PartialDate | None = None
    url: str = ""
    headline_guessed: bool = False
    dropped: list[str] = field(default_factory=list)

    @property
    def paragraphs(self):
        return self.body.split("\n\n") if self.body else []


# --- whitespace and paragraphs ---------------------------------------------------------------


def normalise(raw):
    """NFC, Unix newlines, no invisible characters, every kind of space a plain space."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(INVISIBLE)


def tidy(line):
    return SPACES.sub(" ", line).strip()


def split_paragraphs(text):
    """
    Paragraphs of ``text``: blank lines separate them and so, in scraped text, do line breaks.
    A line that stops mid-sentence before one starting in lower case was wrapped, and is rejoined.
    """
    paragraphs = []
    for block in re.split(r"\n\s*\n", normalise(text)):
        lines = [tidy(line) for line in block.split("\n")]
        lines = [line for line in lines if line]
        current = ""
        for line in lines:
            if current and not re.search(r"[.!?:;”\"’')\]]$", current) and line[0].islower():
                current = f"{current} {line}"
            else:
                if current:
                    paragraphs.append(current)
                current = line
        if current:
            paragraphs.append(current)
    return paragraphs


def word_count(text):
    return len(re.findall(r"[\w’'-]+", text))


# --- sentences ---------------------------------------------------------------------------------

ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "st", "ft", "mt", "gen", "col", "lt", "sgt", "capt", "adm", "sen", "rep"}
    | {"gov", "jr", "sr", "vs", "etc", "no", "vol", "fig", "approx", "est", "dept"}
)
SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9\u0400-\u04ff])|[.!?…]+[\"”’')\]]*\s*$")


def is_abbreviation(text, period_at):
    """Whether the period at ``period_at`` ends an abbreviation or an initial rather than a sentence."""
    word = re.search(r"([\w.]+)$", text[max(0, period_at - 40) : period_at])
    if not word:
        return False
    token = word.group(1)
    # "U.S.", "D.C.", an initial "F." or a listed abbreviation such as "Dr." or "Ft.".
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", token)) or token.lower() in ABBREVIATIONS


def sentence_ends(text, start=0, end=None):
    """Offsets just past each sentence end inside ``text[start:end]``."""
    end = len(text) if end is None else end
    ends = []
    for match in SENTENCE_END.finditer(text, start, end):
        if text[match.start()] == "." and is_abbreviation(text, match.start()):
            continue
        ends.append(match.end())
    return ends


def first_sentence(paragraph):
    ends = sentence_ends(paragraph)
    return paragraph[: ends[0]].strip() if ends else paragraph


# --- furniture -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Furniture:
    kind: str
    pattern: re.Pattern
    max_words: int
    cues: int = 1  # how many distinct matches a paragraph needs


def _cues(*patterns):
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


FURNITURE = (
    Furniture("copyright", _cues(r"^\s*(?:copyright\b|©|\(c\)\s*\d{4})", r"\ball rights reserved\b"), 30),
    Furniture(
        "funding",
        _cues(
            r"^the work of .{1,80} is (?:supported|funded|made possible) by",
            r"\b(?:supported|funded|made possible) by (?:the )?[\w\s'’-]{0,60}\b(?:foundation|fund|grant|endowment)\b",
        ),
        25,
    ),
    Furniture(
        "reprint policy",
        _cues(
            r"when referencing our materials",
            r"\bto reprint\b",
            r"\breprint(?:ing)? (?:policy|permission|rights)",
            r"\bwritten permission\b",
            r"\brepublish(?:ing)? (?:policy|this|our)",
        ),
        80,
    ),
    Furniture(
        "cookie notice",
        _cues(
            r"\bcookies?\b.{0,60}\b(?:polic(?:y|ies)|consent|accept|settings|preferences)\b",
            r"\b(?:we use|this (?:site|website) uses) cookies\b",
            r"^(?:privacy policy|terms of (?:use|service))\.?$",
        ),
        60,
    ),
    Furniture(
        "donation appeal",
        _cues(
            r"\bbecome a (?:patron|member|supporter|subscriber)\b",
            r"\bdonat(?:e|ion|ions|ing)\b",
            r"\bsupport (?:us|our (?:work|journalism|reporting|team))\b",
            r"\bsupport of readers\b",
            r"\bjoin our community\b",
            r"\bhelp us (?:produce|continue|keep|grow)\b",
            r"\bfor as little as\b",
            r"\bsubscribe (?:now|today|to our)\b",
            r"\bsign up for (?:our|the) newsletter\b",
            r"\bpatreon\b",
            r"\byou could close this page\b",
        ),
        200,
        cues=2,
    ),
    Furniture(
        "donation appeal",
        _cues(r"^become a patron\b", r"^(?:donate|support us|subscribe)(?: now| today)?[.!]?$"),
        12,
    ),
    Furniture(
        "correction notice",
        _cues(
            r"\bto suggest a correction\b",
            r"\bctrl\s*\+\s*enter\b",
            r"\bsuggestions or corrections\b",
            r"\breport an? (?:error|typo|mistake)\b",
            r"\bspotted an? (?:error|typo|mistake)\b",
        ),
        30,
    ),
    Furniture("ad-blocker notice", _cues(r"\bad[\s-]?block(?:er|ers|ing)?\b", r"\bdisabl\w* your ad"), 100),
    Furniture(
        "site link",
        _cues(
            r"^read (?:it )?on the website\b",
            r"^read (?:more|the full (?:article|story)|also|next)\b",
            r"^continue reading\b",
            r"^(?:share|tweet|email|print) this (?:article|story|page)\b",
            r"^follow us on\b",
            r"^click here\b",
            r"^(?:advertisement|sponsored content|related articles?|most read)\b",
        ),
        12,
    ),
    Furniture(
        "photo caption",
        _cues(
            r"\((?:photo|photos|image|picture|photograph|credit|illustration)\b[^)]*\)\s*$",
            r"^(?:photo|image|picture|photograph|illustration|credit|photo credit)s?(?: by)?\s*:",
        ),
        60,
    ),
    Furniture(
        "photo credit",
        _cues(
            r"\bgetty images\b",
            r"\bshutterstock\b",
            r"\bwiki(?:pedia|media)(?: commons)?\b",
            r"\bcreative commons\b",
            r"\bap photo\b",
            r"\b(?:afp|ap|reuters|epa|tass|sputnik) via\b",
            r"/(?:afp|ap|reuters|getty|epa)\b",
        ),
        12,
    ),
)


def furniture_kind(paragraph):
    """The kind of publisher furniture ``paragraph`` is, or None for article text."""
    words = word_count(paragraph)
    for furniture in FURNITURE:
        if words > furniture.max_words:
            continue
        found = {match.group(0).lower() for match in furniture.pattern.finditer(paragraph)}
        if len(found) >= furniture.cues:
            return furniture.kind
    return None


# --- metadata lines --------------------------------------------------------------------------------

TRANSLATOR_LINE = re.compile(r"^(?:translated|translation)(?: from [\w\s]+?)? by\s*:?\s*(?P<name>.{2,120}?)\.?$", re.I)
BYLINE = re.compile(r"^(?i:by|written by|author)\s*:?\s+(?P<name>[A-Z][\w’'.-]*(?:[ ,]+(?:and )?[A-Z][\w’'.-]*){0,8})$")
AUTHOR_BIO = re.compile(
    r"^(?P<name>[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){1,3}) (?:is|was|has been|teaches|writes|works)\b.{3,300}$"
)
MONTH_NAMES = {
    name.lower(): number
    for number, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sep", "Sept"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTH_NAMES, key=len, reverse=True)) + r")\.?"
READING_TIME = r"(?:\s*[|·•–—-]?\s*\d{1,3}\s*min(?:ute)?s?(?: read)?)?"
DATELINE = re.compile(
    r"^(?:(?:published|updated|posted)(?: on)?\s*:?\s*)?(?:"
    rf"{_MONTH} (?P<day>\d{{1,2}}),? (?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}}) {_MONTH.replace('month', 'month2')},? (?P<year2>\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})"
    rf"){READING_TIME}\.?$",
    re.IGNORECASE,
)
READING_TIME_LINE = re.compile(r"^\d{1,3}\s*min(?:ute)?s?(?: read)?$", re.IGNORECASE)


def translator_from(paragraph):
    match = TRANSLATOR_LINE.match(paragraph)
    return match["name"].strip() if match else None


def byline_from(paragraph):
    match = BYLINE.match(paragraph)
    return match["name"].strip(" ,") if match else None


def dateline_from(paragraph):
    """The date of a line such as "May 2, 2022   6 mins" (as a PartialDate), or None if it is no dateline."""
    match = DATELINE.match(paragraph)
    if not match:
        return None
    try:
        if match["iso"]:
            return PartialDate.parse(match["iso"])
        month = MONTH_NAMES[(match["month"] or match["month2"]).lower()]
        day = int(match["day"] or match["day2"])
        year = int(match["year"] or match["year2"])
        return PartialDate(datetime.date(year, month, day), Precision.DAY)
    except ValueError:
        return None


def author_from_bio(paragraph):
    """ "Cheryl Benard is an academic and an author." names the author."""
    if word_count(paragraph) > 60:
        return None
    match = AUTHOR_BIO.match(paragraph)
    return match["name"] if match else None


def fold_line(text):
    return re.sub(r"\W+", " ", text.casefold()).strip()


def looks_like_headline(paragraph):
    """Short, one sentence, and not ending in a full stop: a headline rather than a paragraph."""
    if word_count(paragraph) > HEADLINE_MAX_WORDS or len(paragraph) > HEADLINE_MAX_CHARS:
        return False
    if paragraph.endswith("."):
        return False
    return not sentence_ends(paragraph.rstrip(".!?…\"”’'"))


# --- the whole text ----------------------------------------------------------------------------------


def clean_text(raw, *, headline=""):
    """
    Split scraped text into headline, metadata and body paragraphs. ``headline`` is given
    when it is known from elsewhere (an HTML title); otherwise it is the first paragraph that
    is not furniture and reads like a headline, or failing that the first sentence of the text.
    """
    cleaned = CleanedText(headline=tidy(headline), body="")
    kept = []
    for paragraph in split_paragraphs(raw):
        if (name := translator_from(paragraph)) is not None:
            cleaned.translator = cleaned.translator or name
            cleaned.dropped.append(paragraph)
            continue
        if furniture_kind(paragraph) is not None:
            cleaned.dropped.append(paragraph)
            continue
        if not kept and (date := dateline_from(paragraph)) is not None:
            cleaned.published = cleaned.published or date
            cleaned.dropped.append(paragraph)
            continue
        if not kept and READING_TIME_LINE.match(paragraph):
            cleaned.dropped.append(paragraph)
            continue
        if len(kept) <= 1 and (name := byline_from(paragraph)) is not None:
            cleaned.authors = cleaned.authors or name
            cleaned.dropped.append(paragraph)
            continue
        kept.append(paragraph)

    if not cleaned.headline and kept and looks_like_headline(kept[0]):
        cleaned.headline = kept.pop(0)
    if cleaned.headline:
        # Scraped pages repeat the headline (page title, then the article's own heading).
        folded = fold_line(cleaned.headline)
        head, tail = kept[:3], kept[3:]
        kept = [paragraph for paragraph in head if fold_line(paragraph) != folded] + tail

    while kept and _is_trailing_furniture(kept[-1]):
        cleaned.dropped.append(kept.pop())
    if kept and (author := author_from_bio(kept[-1])):
        cleaned.authors = cleaned.authors or author
        cleaned.dropped.append(kept.pop())

    if not cleaned.headline and kept:
        cleaned.headline = first_sentence(kept[0])[:HEADLINE_MAX_CHARS]
        cleaned.headline_guessed = True
    cleaned.body = "\n\n".join(kept)
    return cleaned


def _is_trailing_furniture(paragraph):
    return word_count(paragraph) <= TRAILING_FURNITURE_WORDS and not re.search(r"[.!?”\"]$", paragraph)
