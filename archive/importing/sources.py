"""
Reading the files an editor imports, and refusing the ones that are no article.

Refused, each with a message naming the file: a missing path or a folder, an empty file,
one over ``MAX_BYTES``, a binary file, text that is not UTF-8, and a file with no article
text left once publisher furniture is removed.
"""

from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 5 * 1024 * 1024
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
CONTROL_BYTES = bytes(range(32)).translate(None, b"\t\n\r\f\x1b")


class ImportInputError(Exception):
    """A file that cannot be imported; the message says why, for the editor."""


@dataclass
class Source:
    path: Path
    text: str
    is_html: bool


def read_source(path):
    path = Path(path)
    if not path.exists():
        raise ImportInputError("no such file")
    if not path.is_file():
        raise ImportInputError("not a file")
    size = path.stat().st_size
    if size == 0:
        raise ImportInputError("the file is empty")
    if size > MAX_BYTES:
        raise ImportInputError(f"the file is {size / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportInputError(f"cannot be read ({error.strerror})") from None
    sample = data[:8192]
    if b"\x00" in sample or sum(sample.count(byte) for byte in CONTROL_BYTES) > len(sample) // 20:
        raise ImportInputError("looks like a binary file, not text or HTML")
    if (nul := data.find(b"\x00")) >= 0:
        raise ImportInputError(f"has a NUL byte at byte {nul:,}, which no text may hold; remove it first")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportInputError(
            f"is not UTF-8 text (undecodable byte at position {error.start}); convert it to UTF-8 first"
        ) from None
    if not text.strip():
        raise ImportInputError("the file is empty (only whitespace)")
    head = text.lstrip()[:200].lower()
    is_html = path.suffix.lower() in HTML_SUFFIXES or head.startswith(("<!doctype html", "<html"))
    return Source(path=path, text=text, is_html=is_html)


def read_article(path):
    """The CleanedText of an article file, plain text or HTML."""
    from archive.importing.html import clean_html
    from archive.importing.text import clean_text

    source = read_source(path)
    cleaned = clean_html(source.text) if source.is_html else clean_text(source.text)
    if not cleaned.body.strip():
        raise ImportInputError("no article text left once publisher boilerplate is removed")
    return cleaned
