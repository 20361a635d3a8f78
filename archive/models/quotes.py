"""Quotes, who said them and when, and every article that reported them."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.text import Truncator
from taggit.managers import TaggableManager

from archive.dates import Precision, partial, truncate
from archive.editorial import Publishable, PublishableQuerySet, Status, TimeStamped
from archive.indexes import NullsLastIndex
from archive.models.articles import Article


class QuoteQuerySet(PublishableQuerySet):
    def by_person(self, person):
        return self.filter(speaker=person)

    def between(self, start=None, end=None):
        """Quotes said within [start, end], both dates inclusive and either optional."""
        queryset = self
        if start is not None:
            queryset = queryset.filter(said_on__gte=start)
        if end is not None:
            queryset = queryset.filter(said_on__lte=end)
        return queryset

    def with_related(self):
        """
        Everything a quote card shows, in a constant number of queries: the speaker, their
        roles (for ``speaker_post``), the event, and the citations from *published* articles
        with their outlets, as ``published_citations``.
        """
        from people.models import Role

        return self.select_related("speaker", "event").prefetch_related(
            models.Prefetch("speaker__roles", queryset=Role.objects.select_related("organization")),
            models.Prefetch(
                "citations",
                queryset=Citation.objects.filter(article__in=Article.objects.published()).select_related(
                    "article__outlet"
                ),
                to_attr="published_citations",
            ),
        )


class Quote(Publishable):
    class Kind(models.TextChoices):
        DIRECT = "direct", "Direct quote"
        PARTIAL = "partial", "Partial quote"
        PARAPHRASE = "paraphrase", "Paraphrase"

    text = models.TextField(help_text="The words, verbatim as reported.")
    speaker = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="quotes", null=True, blank=True)
    unnamed_source = models.CharField(
        max_length=300,
        blank=True,
        default="",
        help_text="For a source the coverage does not name: “a State Department spokesperson”.",
    )
    said_on = models.DateField("date said", null=True, blank=True)
    said_on_precision = models.CharField(
        "date said precision", max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    event = models.ForeignKey(
        "archive.Event",
        on_delete=models.SET_NULL,
        related_name="quotes",
        null=True,
        blank=True,
        help_text="Where it was said, if known.",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.DIRECT)
    language = models.CharField(max_length=20, default="en", help_text="The language of the text above.")
    original_text = models.TextField(blank=True, default="", help_text="The original wording, for a translation.")
    original_language = models.CharField(max_length=20, blank=True, default="")
    notes = models.TextField("editors' notes", blank=True, default="", help_text="Never shown to readers.")
    tags = TaggableManager(blank=True)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        # Undated quotes sort last on both databases; the indexes follow the ordering.
        ordering = [F("said_on").desc(nulls_last=True), "-id"]
        indexes = [
            NullsLastIndex(F("said_on").desc(nulls_last=True), F("id").desc(), name="quote_said_on_idx"),
            NullsLastIndex(
                F("speaker"), F("said_on").desc(nulls_last=True), F("id").desc(), name="quote_speaker_said_on_idx"
            ),
            NullsLastIndex(F("event"), F("said_on").desc(nulls_last=True), name="quote_event_said_on_idx"),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(speaker__isnull=True) | Q(unnamed_source=""),
                name="quote_speaker_or_unnamed_source",
                violation_error_message="Give either a speaker or an unnamed source, not both.",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(speaker__isnull=False) | ~Q(unnamed_source=""),
                name="quote_published_is_attributed",
                violation_error_message="A published quote needs a speaker or an unnamed source.",
            ),
        ]

    def __str__(self):
        return Truncator(self.text).chars(80)

    def get_absolute_url(self):
        return reverse("quotes:detail", kwargs={"pk": self.pk})

    def save(self, *args, **kwargs):
        self.said_on = truncate(self.said_on, self.said_on_precision)
        super().save(*args, **kwargs)

    @property
    def said(self):
        return partial(self.said_on, self.said_on_precision)

    @property
    def attribution(self):
        """Who said it, in words: the speaker's name or the unnamed source."""
        return self.speaker.name if self.speaker_id else self.unnamed_source

    @property
    def reporting_outlets(self):
        """
        The outlets that reported the quote, each once, from with_related()'s published citations;
        empty when those were not prefetched (never a query per quote).
        """
        outlets = {}
        for citation in getattr(self, "published_citations", ()):
            outlet = citation.article.outlet
            if outlet is not None:
                outlets.setdefault(outlet.pk, outlet)
        return list(outlets.values())

    @property
    def speaker_post(self):
        """The post the speaker held on the day the words were said (needs prefetched roles)."""
        if not self.speaker_id:
            return None
        return self.speaker.post_on(self.said_on)


class Citation(TimeStamped):
    """One quote as reported by one article, with the passage around it."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="citations")
    article = models.ForeignKey("archive.Article", on_delete=models.CASCADE, related_name="citations")
    passage = models.TextField(blank=True, default="", help_text="The passage around the quote in the article.")
    start_offset = models.PositiveIntegerField(
        null=True, blank=True, help_text="Where the passage starts in the article's body, in characters."
    )
    end_offset = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["article__published_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["quote", "article"],
                name="citation_unique_quote_article",
                violation_error_message="This article already cites this quote.",
            ),
            models.CheckConstraint(
                condition=Q(end_offset__isnull=True)
                | Q(start_offset__isnull=True)
                | Q(end_offset__gte=F("start_offset")),
                name="citation_end_not_before_start",
                violation_error_message="The passage cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return self.passage[:80] or f"Citation {self.pk}"
