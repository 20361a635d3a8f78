"""
Editorial status shared by every public model.

Content is public when its status is published and its publish time has
passed, so scheduled publishing needs no cron job. ``published_q()`` is the one
place that decides what the public side may show (``published_sql()`` says the
same for a query written in SQL).
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"


def published_q(prefix=""):
    """
    The condition "public now", optionally through a relation: ``published_q("article__")``
    filters citations of published articles through the join, which both databases plan
    well, where ``article__in=Article.objects.published()`` makes SQLite materialise every
    published article.
    """
    return Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}published_at__lte": timezone.now()})


def published_sql(alias, connection):
    """
    ``published_q()`` for a query written in SQL: (condition, params) on the row ``alias``, with
    the clock read now and the time written as ``connection`` stores it.
    """
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    return f"{alias}.status = %s AND {alias}.published_at <= %s", [Status.PUBLISHED.value, now]


def to_the_second(moment):
    """A publish time as the admin's form gives it back, without the fraction of a second."""
    return moment.replace(microsecond=0)


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_q())

    def drafts(self):
        return self.exclude(status=Status.PUBLISHED)


def timestamps(through=""):
    """
    A ``TimeStamped`` row's timestamps as ``defer()`` names them, ``through`` a relation
    (``timestamps("article__")``): what lists never show, and what SQLite's driver parses in
    Python, one value at a time (an API page of 50 quotes read some 1,200 of them).
    """
    return (f"{through}created_at", f"{through}updated_at")


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Publishable(TimeStamped):
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="Public from this moment on. Set a future time to schedule; empty means now when published.",
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_time",
            ),
        ]

    def save(self, *args, **kwargs):
        self.fill_publish_time()
        super().save(*args, **kwargs)

    def clean(self):
        # Before the constraints are validated, so a form may leave the time empty.
        self.fill_publish_time()
        self.validate_publishing()

    def validate_publishing(self):
        """
        Raise ``ValidationError`` if the status and publish time as set would show readers
        something that is not public, through another object (see ``Quote`` and ``Person``).
        Run by ``clean()`` and by the admin's publish and unpublish actions.
        """

    def fill_publish_time(self):
        """Published with no publish time means published now."""
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED and self.published_at is not None and self.published_at <= timezone.now()
