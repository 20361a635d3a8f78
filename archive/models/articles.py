"""Outlets and the articles they published."""

from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from archive.dates import Precision, partial, truncate
from archive.editorial import Publishable, PublishableQuerySet, TimeStamped
from archive.indexes import NullsLastIndex
from archive.links import detail_url
from archive.slugs import unique_slug


class OutletQuerySet(models.QuerySet):
    def reporting(self):
        """Outlets with a published article: the ones readers may see named and filter by."""
        return self.filter(Exists(Article.objects.published().filter(outlet=OuterRef("pk"))))


class Outlet(TimeStamped):
    """A publication: Politico, UnHerd, Euromaidan Press."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    url = models.URLField("home page", blank=True, default="")
    country = models.CharField(max_length=100, blank=True, default="")
    language = models.CharField(max_length=20, blank=True, default="en")
    description = models.CharField(max_length=300, blank=True, default="")

    objects = OutletQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"], name="outlet_name_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)


class ArticleQuerySet(PublishableQuerySet):
    def with_related(self):
        return self.select_related("outlet").prefetch_related("tags")

    def listed(self):
        """
        As lists show articles (``_article_item.html``): with the outlet, without the text and
        the editors' notes, which an article's own page alone shows (a body may be megabytes).
        """
        return self.select_related("outlet").defer("body", "notes")


class Article(Publishable):
    headline = models.CharField(max_length=300)
    dek = models.CharField("subheadline", max_length=500, blank=True, default="")
    slug = models.SlugField(max_length=200, unique=True)
    # No index of its own: article_outlet_date_idx leads with the outlet.
    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, related_name="articles", null=True, blank=True, db_index=False
    )
    url = models.URLField("canonical URL", max_length=500, blank=True, default="")
    authors = models.CharField(max_length=300, blank=True, default="", help_text="The byline, as printed.")
    translator = models.CharField(max_length=200, blank=True, default="")
    published_on = models.DateField("publication date", null=True, blank=True)
    published_on_precision = models.CharField(
        "publication date precision", max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    language = models.CharField(max_length=20, default="en", help_text="A language code such as en, ru, uk.")
    summary = models.TextField(blank=True, default="", help_text="What the article says, in our own words.")
    body = models.TextField(blank=True, default="", help_text="The text citations point into, when we hold it.")
    notes = models.TextField("editors' notes", blank=True, default="", help_text="Never shown to readers.")
    people = models.ManyToManyField(
        "people.Person", related_name="articles", blank=True, verbose_name="people mentioned"
    )
    tags = TaggableManager(blank=True)

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[people])

    class Meta:
        permissions = [("publish_article", "Can publish and unpublish articles")]
        # Undated articles sort last on both databases; the indexes follow the ordering.
        ordering = [F("published_on").desc(nulls_last=True), "-id"]
        indexes = [
            NullsLastIndex(F("published_on").desc(nulls_last=True), F("id").desc(), name="article_published_on_idx"),
            # The public article list, as Quote's quote_public_said_on_idx.
            NullsLastIndex(
                F("status"),
                F("published_on").desc(nulls_last=True),
                F("id").desc(),
                F("published_at"),
                name="article_public_date_idx",
            ),
            # The articles feed: latest published first (status last, as in Quote's).
            models.Index(F("published_at").desc(), F("id").desc(), F("status"), name="article_published_at_idx"),
            NullsLastIndex(F("outlet"), F("published_on").desc(nulls_last=True), name="article_outlet_date_idx"),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url=""),
                name="article_url_unique",
                violation_error_message="An article with this URL is already in the archive.",
            ),
        ]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return detail_url("articles:detail", "slug", self.slug)

    def save(self, *args, **kwargs):
        self.published_on = truncate(self.published_on, self.published_on_precision)
        if not self.slug:
            self.slug = unique_slug(self, self.headline)
        super().save(*args, **kwargs)

    @property
    def published(self):
        return partial(self.published_on, self.published_on_precision)
