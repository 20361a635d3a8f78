"""Quotes, who said them and when, and every article that reported them."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import Truncator
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from archive.cards import PlainRows, read_reports
from archive.dates import Precision, partial, truncate
from archive.editorial import (
    Publishable,
    PublishableQuerySet,
    Status,
    TimeStamped,
    published_q,
    timestamps,
    to_the_second,
)
from archive.indexes import NullsLastIndex
from archive.links import detail_url

# Never shown with a quote: the editors' notes, and the speaker's biography (their page's) and timestamps.
UNSHOWN_WITH_A_QUOTE = ("notes", "speaker__biography", *timestamps("speaker__"))


class QuoteQuerySet(PublishableQuerySet):
    def by_person(self, person, walk=True):
        """
        Quotes said by ``person``. ``walk=False`` for quotes another condition gathers (a few):
        each is checked for the speaker, and "+ 0" keeps the database from walking all of a
        prolific speaker's quotes through their index instead.
        """
        if walk:
            return self.filter(speaker=person)
        return self.alias(said_by=models.F("speaker_id") + 0).filter(said_by=person.pk)

    def between(self, start=None, end=None):
        """Quotes said within [start, end], both dates inclusive and either optional."""
        queryset = self
        if start is not None:
            queryset = queryset.filter(said_on__gte=start)
        if end is not None:
            queryset = queryset.filter(said_on__lte=end)
        return queryset

    def suggestions(self):
        """Quotes an import suggested that no editor has accepted or rejected yet: the review queue."""
        return self.drafts().filter(suggestion_confidence__isnull=False)

    def with_related(self):
        """
        Everything a quote card shows, in a constant number of queries: the speaker, their
        posts (for ``speaker_post``), and the outlets of the *published* articles that reported
        it (``reporting_outlet_names``). A page of cards spends more time turning rows into Python
        objects than in the database, so the posts and outlets come as plain rows (``archive.cards``),
        and the event, which a card does not name, is not read (``select_related("event")`` adds it).
        (A page with several lists of cards can read them all at once: see ``card_citations``.)
        """
        return self.with_speaker(card_citations())

    def with_speaker(self, *prefetches):
        """The speaker and their posts (for ``speaker_post``), with ``prefetches`` besides."""
        quotes = self.select_related("speaker").defer(*UNSHOWN_WITH_A_QUOTE)
        return quotes.prefetch_related(*prefetches, speaker_posts())


def published_citations():
    """
    Citations in published articles, as the API shows them: the passage, and the article's
    headline, addresses and date, with its outlet's slug and name (nothing else of either).
    (A page of quotes reads its first few per quote as plain rows: ``archive.citation_lists``.)
    """
    return (
        Citation.objects.filter(published_q("article__"))
        .select_related("article__outlet")
        .only(
            "quote_id",
            "passage",
            *(f"article__{name}" for name in ["headline", "slug", "url", "published_on", "published_on_precision"]),
            "article__outlet__slug",
            "article__outlet__name",
        )
    )


def card_citations(through=""):
    """
    The prefetch of what a quote card needs of its citations: the outlets of the published
    articles that reported it (``reporting_outlet_names``), as plain rows (``archive.cards``).
    For several lists of quotes on one page, ``prefetch_related_objects(quotes, card_citations())``
    reads them all in one query; from rows that lead to quotes, ``card_citations("quote__")``.
    """
    return models.Prefetch(f"{through}reports", to_attr="reporting_citations")


def speaker_posts(through=""):
    """The prefetch of the posts of the quotes' speakers (``speaker_post``), as plain rows (``archive.cards``)."""
    return models.Prefetch(f"{through}speaker__post_rows", to_attr="posts")


def posts_with_organizations():
    """A person's posts with their organizations, as their page and the API list them."""
    from people.models import Role

    return Role.objects.select_related("organization").defer(*timestamps("organization__"))


class Quote(Publishable):
    class Kind(models.TextChoices):
        DIRECT = "direct", "Direct quote"
        PARTIAL = "partial", "Partial quote"
        PARAPHRASE = "paraphrase", "Paraphrase"

    text = models.TextField(help_text="The words, verbatim as reported.")
    # No index of its own: quote_speaker_said_on_idx leads with the speaker and serves every lookup by it.
    speaker = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="quotes", null=True, blank=True, db_index=False
    )
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
        db_index=False,  # quote_event_said_on_idx leads with it
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.DIRECT)
    language = models.CharField(max_length=20, default="en", help_text="The language of the text above.")
    original_text = models.TextField(blank=True, default="", help_text="The original wording, for a translation.")
    original_language = models.CharField(max_length=20, blank=True, default="")
    notes = models.TextField("editors' notes", blank=True, default="", help_text="Never shown to readers.")
    suggestion_confidence = models.FloatField(
        null=True,
        blank=True,
        help_text="Set by an import: how sure it was this is a quote. Empty once an editor has reviewed it.",
    )
    suggested_speaker_name = models.CharField(
        max_length=300,
        blank=True,
        default="",
        help_text="The speaker's name as the import read it, when it matched nobody in the archive.",
    )
    tags = TaggableManager(blank=True)

    objects = QuoteQuerySet.as_manager()
    history = HistoricalRecords()
    # The outlets that reported it: Prefetch("reports", to_attr="reporting_citations") (archive.cards).
    reports = PlainRows(read_reports, key="quote_id")

    class Meta:
        permissions = [("publish_quote", "Can publish and unpublish quotes")]
        # Undated quotes sort last on both databases; the indexes follow the ordering.
        ordering = [F("said_on").desc(nulls_last=True), "-id"]
        indexes = [
            NullsLastIndex(F("said_on").desc(nulls_last=True), F("id").desc(), name="quote_said_on_idx"),
            # The public quote list in either order: published quotes by date, published_at riding
            # along, so the list skips scheduled quotes, and counts the public ones, from the index
            # alone (quote_said_on_idx above has every quote, for the admin).
            NullsLastIndex(
                F("status"),
                F("said_on").desc(nulls_last=True),
                F("id").desc(),
                F("published_at"),
                name="quote_public_said_on_idx",
            ),
            # PostgreSQL cannot read the index above backwards for "oldest first, undated last".
            NullsLastIndex(
                F("status"),
                F("said_on").asc(nulls_last=True),
                F("id"),
                F("published_at"),
                name="quote_public_said_on_asc_idx",
            ),
            # The quotes feed: latest published first. status comes last, as in
            # quote_speaker_published_idx: leading, it would make SQLite read the range of
            # publish times from here for the date-ordered lists too, and sort it.
            models.Index(F("published_at").desc(), F("id").desc(), F("status"), name="quote_published_at_idx"),
            # One person's quotes by date; status and published_at ride along, so counting the
            # published ones (the person page, ?person=) reads the index alone.
            NullsLastIndex(
                F("speaker"),
                F("said_on").desc(nulls_last=True),
                F("id").desc(),
                F("status"),
                F("published_at"),
                name="quote_speaker_said_on_idx",
            ),
            # One person's quotes feed, latest published first. status comes last: as a second
            # equality it would make SQLite prefer this index to the one above for the person page.
            models.Index(
                F("speaker"), F("published_at").desc(), F("id").desc(), F("status"), name="quote_speaker_published_idx"
            ),
            # An event's quotes by date. Only quotes tied to an event (one in ten in the synthetic
            # archive): ``event = …`` implies the condition on both databases.
            NullsLastIndex(
                F("event"),
                F("said_on").desc(nulls_last=True),
                condition=Q(event__isnull=False),
                name="quote_event_said_on_idx",
            ),
            # The review queue, newest first (SuggestedQuoteAdmin).
            models.Index(
                F("created_at").desc(),
                F("id").desc(),
                condition=Q(suggestion_confidence__isnull=False),
                name="quote_suggestion_queue_idx",
            ),
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
        return detail_url("quotes:detail", "pk", self.pk)

    def save(self, *args, **kwargs):
        self.said_on = truncate(self.said_on, self.said_on_precision)
        super().save(*args, **kwargs)

    def validate_publishing(self):
        """
        A published quote names its speaker: their profile must be public by the quote's publish
        time. Checked when a quote is published, brought forward or given another speaker; an
        edit that changes none of these is never refused for what was there before.
        """
        if self.status != Status.PUBLISHED or self.speaker_id is None:
            return
        stored = Quote.objects.filter(pk=self.pk).values("status", "published_at", "speaker_id").first()
        if (
            stored
            and (stored["status"], stored["speaker_id"]) == (Status.PUBLISHED, self.speaker_id)
            and to_the_second(stored["published_at"]) <= self.published_at
        ):
            return
        try:
            speaker = self.speaker
        except ObjectDoesNotExist:
            # An old version being restored names someone since merged into another or deleted.
            raise ValidationError(
                {"speaker": "That person is no longer in the archive (merged or deleted): choose who said it."}
            ) from None
        if speaker.status != Status.PUBLISHED:
            raise ValidationError(
                {"speaker": f"{speaker.name}'s profile is not published. Publish it first: the quote shows their name."}
            )
        if self.published_at is not None and to_the_second(speaker.published_at) > self.published_at:
            when = f"{timezone.localtime(speaker.published_at):%Y-%m-%d %H:%M}"
            raise ValidationError(
                {"speaker": f"{speaker.name}'s profile is scheduled for {when}: publish the quote then or later."}
            )

    @property
    def said(self):
        return partial(self.said_on, self.said_on_precision)

    @property
    def attribution(self):
        """Who said it, in words: the speaker's name or the unnamed source."""
        return self.speaker.name if self.speaker_id else self.unnamed_source

    @property
    def reporting_outlet_names(self):
        """
        The names of the outlets that reported the quote, each once, from with_related()'s
        citations (``card_citations``); empty when those were not prefetched (never a query per quote).
        """
        names = {}
        for citation in getattr(self, "reporting_citations", ()):
            if citation.outlet_key is not None:
                names.setdefault(citation.outlet_key, citation.outlet_name)
        return list(names.values())

    @property
    def reported_by(self):
        """The reporting outlets' names as a reader says them: "TASS", "TASS and CNN", "TASS, CNN and NPR"."""
        names = self.reporting_outlet_names
        return " and ".join(filter(None, [", ".join(names[:-1]), *names[-1:]]))

    @property
    def speaker_post(self):
        """
        The post the speaker held on the day the words were said, or throughout the month or
        year when that is all that is known (needs prefetched roles). None while their profile
        is not public: a quote names such a speaker, and shows nothing else of them.
        """
        said = self.said
        if said is None or not self.speaker_id or not self.speaker.is_public:
            return None
        return self.speaker.post_on(said.date, said.last_day)


# The largest offset either database stores (PostgreSQL's integer).
MAX_OFFSET = 2**31 - 1


class Citation(TimeStamped):
    """One quote as reported by one article, with the passage around it."""

    # Neither key has an index of its own: the unique (quote, article) constraint and
    # citation_article_quote_idx lead with one each and serve every lookup by it.
    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="citations", db_index=False)
    article = models.ForeignKey("archive.Article", on_delete=models.CASCADE, related_name="citations", db_index=False)
    passage = models.TextField(blank=True, default="", help_text="The passage around the quote in the article.")
    start_offset = models.PositiveIntegerField(
        null=True, blank=True, help_text="Where the passage starts in the article's body, in characters."
    )
    end_offset = models.PositiveIntegerField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        # Oldest report first, undated reports last on both databases (SQLite puts NULL first).
        ordering = [F("article__published_on").asc(nulls_last=True), "id"]
        # The unique constraint below leads with quote; an article's citations need their own index.
        indexes = [models.Index(fields=["article", "quote"], name="citation_article_quote_idx")]
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

    def clean(self):
        """
        The offsets point into the article's text, so not past its end when the archive holds
        it. Without the text (the demo keeps only passages) they say where the passage was.
        """
        offsets = {name: getattr(self, name) for name in ("start_offset", "end_offset")}
        too_large = {name: "Too large for an offset." for name, value in offsets.items() if (value or 0) > MAX_OFFSET}
        if too_large:
            raise ValidationError(too_large)
        if all(value is None for value in offsets.values()) or self.article_id is None:
            return
        length = len(self.article.body)
        past = {
            name: f"{value:,} is past the end of the article's text ({length:,} characters)."
            for name, value in offsets.items()
            if length and value is not None and value > length
        }
        if past:
            raise ValidationError(past)


class SuggestedQuote(Quote):
    """
    The review queue: a quote an import suggested, until an editor accepts or rejects it.

    A proxy, so the admin can list the queue on its own page; ``forward_signals()``
    makes its saves and deletes reach everything that listens to ``Quote``'s (history,
    the search index).
    """

    class Meta:
        proxy = True
        verbose_name = "suggested quote"
        verbose_name_plural = "suggested quotes"


def forward_signals(proxy):
    """Send a proxy model's save and delete signals on as its concrete model's, so receivers of either hear both."""
    concrete = proxy._meta.concrete_model

    def forward(sender, signal, **kwargs):
        signal.send(sender=concrete, **kwargs)

    signals = models.signals
    for name in ("pre_save", "post_save", "pre_delete", "post_delete"):
        getattr(signals, name).connect(forward, sender=proxy, weak=False, dispatch_uid=f"{proxy._meta.label}.{name}")
