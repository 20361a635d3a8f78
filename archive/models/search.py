"""
The search index: one row per quote, article, person and event, public or not.

Each row copies the text worth finding (``title`` ranks above ``body``) and the
object's editorial status, so ``SearchDocument.objects.published()`` decides what
readers may find exactly as every other public page does, scheduled publishing
included. ``archive.search.indexing`` writes the rows as editors save.

Matches rank by where they fall: the ``title`` (what the object is: a quote's words,
a headline, a name), then ``names`` (the other names of a person), then ``body``
(everything else, a quote's speaker's names included, so a search for an alias puts
the person before their quotes), then ``full_text``: an article's text, which the
archive holds (citations point into it) but does not publish. It is matched, never
shown: results' snippets are cut from ``body``.

The full-text structures are kept by the database itself, by triggers that
migrations ``0002_search``, ``0011_search`` and ``0018_search_full_text`` create:

- PostgreSQL fills ``search_vector`` (title weighted A, names B, body C, full text D) with the
  accent-folding ``archive_search`` configuration, behind a GIN index; its signed integers
  ("-2017" in "2016-2017") lose their sign (``0020_search_signed_integers``), and a "<" is
  read as a space, not as the start of a markup tag (``0021_search_angle_brackets``).
- SQLite keeps the FTS5 table ``archive_search_fts`` (external content over this
  table, ``unicode61 remove_diacritics 2``); ``search_vector`` stays empty there.

On SQLite, Django rebuilds a table to alter it, which drops its triggers: a
future migration that alters this model must recreate them (see 0002_search).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from archive.dates import Precision, partial
from archive.editorial import Publishable
from archive.links import detail_url


class SearchDocument(Publishable):
    class Kind(models.TextChoices):
        QUOTE = "quote", "Quote"
        ARTICLE = "article", "Article"
        PERSON = "person", "Person"
        EVENT = "event", "Event"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    # Read with the document, never looked up by: no index.
    slug = models.SlugField(
        max_length=200, blank=True, default="", db_index=False, help_text="For the object's address."
    )
    title = models.TextField(help_text="Shown as the result's heading; ranks first.")
    names = models.TextField(
        blank=True, default="", help_text="Other names the object goes by (a person's aliases); rank next."
    )
    subtitle = models.CharField(max_length=300, blank=True, default="", help_text="One line of context.")
    body = models.TextField(blank=True, default="", help_text="Everything else worth finding the object by.")
    full_text = models.TextField(
        blank=True,
        default="",
        help_text="Text the object is found by but that readers never see (an article's text); ranks last.",
    )
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)
    search_vector = SearchVectorField(null=True, editable=False)

    # ``objects`` is Publishable's: ``SearchDocument.objects.published()``.

    # The full-text indexes are one GIN per kind (PostgreSQL) and an FTS5 table (SQLite), made
    # by migrations 0002_search and 0011_search: every search reads one kind at a time.
    class Meta:
        constraints = [
            *Publishable.Meta.constraints,
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchdocument_unique_object"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.kind == self.Kind.QUOTE:
            return detail_url("quotes:detail", "pk", self.object_id)
        namespace = {self.Kind.ARTICLE: "articles", self.Kind.PERSON: "people", self.Kind.EVENT: "events"}[self.kind]
        return detail_url(f"{namespace}:detail", "slug", self.slug)

    @property
    def when(self):
        return partial(self.date, self.date_precision)
