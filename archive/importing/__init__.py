"""
Importing coverage from text and HTML files, with suggested people and quotes.

- ``sources``: reading a file, refusing what is no article (missing, empty, binary, not UTF-8, too large).
- ``text``: plain text to headline, byline, translator and a clean body (publisher boilerplate dropped).
- ``html``: the main text and metadata of an HTML page (trafilatura), then as ``text``.
- ``people``: names in the body, matched to the archive's people and alias names, or proposed as new.
- ``quotes``: direct quotes and their speakers, each with a confidence.
- ``lexicon``: the word lists both read (organisations, places, titles, verbs of saying).
- ``similarity``: whether two quotes are the same words (an import cites an archived quote, not a copy).
- ``service``: one file, one transaction: the draft article, people, quotes and citations.
- ``report``: what an import did, as JSON and as a summary.
- ``forms``: the admin's "Import article" form, whose fields the command checks its options with.
- ``quality`` and ``annotations``: recall and precision on the annotated seed articles.
"""
