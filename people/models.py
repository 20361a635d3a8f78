"""People in the coverage, the other names they go by, and the posts they held."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, F, Min, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from archive.cards import PlainRows, Tenure, read_posts
from archive.dates import Precision, span_condition, span_error, truncate
from archive.editorial import Publishable, PublishableQuerySet, Status, TimeStamped, to_the_second
from archive.links import detail_url
from archive.slugs import unique_slug
from people.indexes import CaseInsensitivePrefixIndex, UnknownFirstIndex, spellings

# \Z, not $: a trailing newline must not pass (Python and PostgreSQL both read \Z as end of text).
WIKIDATA_ID_RE = r"^Q[1-9][0-9]*\Z"
validate_wikidata_id = RegexValidator(WIKIDATA_ID_RE, "A Wikidata id is Q followed by digits, such as Q7747.")


def default_sort_name(name):
    """ "Anatoly Antonov" sorts as "Antonov, Anatoly"."""
    parts = name.split()
    if len(parts) < 2:
        return name
    return f"{parts[-1]}, {' '.join(parts[:-1])}"


class PersonQuerySet(PublishableQuerySet):
    def listed(self):
        """As lists show people: without the biography, which their page alone shows (and may be long)."""
        return self.defer("biography")

    def name_starts_with(self, text):
        """
        People whose name, sort name or an alias name (as written, or surname first) begins
        with ``text``, ignoring case: "anat", "antonov", "анатолий" and "антонов" all find
        Anatoly Antonov.

        One set of ids from prefix scans (CaseInsensitivePrefixIndex on each column), three per
        form of the text (``spellings``), four when it is not plain ASCII, so each
        database reads only the names that match, not every person and alias.
        """
        scans = []
        for form in spellings(text, self.db):
            scans += [
                Person.objects.filter(name__istartswith=form).order_by().values("pk"),
                Person.objects.filter(sort_name__istartswith=form).order_by().values("pk"),
                PersonAlias.objects.filter(name__istartswith=form).order_by().values("person"),
            ]
            if not form.isascii():
                # A surname in another script, an alias name's: one in Latin letters is the person's own
                # sort name's. (The fourth scan would make PostgreSQL expect more matches and read every
                # published person to join them, where it now reads just the matches.)
                scans.append(PersonAlias.objects.filter(sort_name__istartswith=form).order_by().values("person"))
        first, *rest = scans
        return self.filter(pk__in=first.union(*rest))


class Person(Publishable):
    name = models.CharField(max_length=200, help_text="The name readers know, e.g. “Anatoly Antonov”.")
    sort_name = models.CharField(
        max_length=200, blank=True, default="", help_text="Leave empty for “Surname, Given names”."
    )
    slug = models.SlugField(max_length=200, unique=True)
    description = models.CharField(
        max_length=300, blank=True, default="", help_text="One line: “Russian ambassador to the US, 2017-2024”."
    )
    biography = models.TextField(blank=True, default="")
    country = models.CharField(max_length=100, blank=True, default="")
    wikidata_id = models.CharField(
        "Wikidata id", max_length=20, blank=True, default="", validators=[validate_wikidata_id]
    )

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()
    # Their posts as quote cards name them: Prefetch("post_rows", to_attr="posts") (archive.cards).
    post_rows = PlainRows(read_posts, key="person_id")

    class Meta:
        verbose_name_plural = "people"
        permissions = [
            ("publish_person", "Can publish and unpublish people"),
            ("merge_person", "Can merge people into one"),
        ]
        ordering = ["sort_name", "id"]
        indexes = [
            # status and published_at ride along so the public list counts and skips from the index.
            models.Index(fields=["sort_name", "id", "status", "published_at"], name="person_sort_name_idx"),
            CaseInsensitivePrefixIndex(field="name", covering=["id"], name="person_name_prefix_idx"),
            CaseInsensitivePrefixIndex(field="sort_name", covering=["id"], name="person_sort_name_prefix_idx"),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(wikidata_id="") | Q(wikidata_id__regex=WIKIDATA_ID_RE),
                name="person_wikidata_id_format",
                violation_error_message="A Wikidata id is Q followed by digits, such as Q7747.",
            ),
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="person_wikidata_id_unique",
                violation_error_message="Another person already has this Wikidata id.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return detail_url("people:detail", "slug", self.slug)

    def validate_publishing(self, speakers=None):
        """
        Published quotes name this person (``Quote.validate_publishing``): public by their publish
        times. Checked when a public profile is unpublished or put off (publishing a profile only
        ever helps), and for a merge: ``speakers`` are the people whose quotes will be theirs.
        """
        if self.pk is None:
            return
        if speakers is None:
            stored = Person.objects.filter(pk=self.pk).values("status", "published_at").first()
            if stored is None or stored["status"] != Status.PUBLISHED:
                return
            if self.status == Status.PUBLISHED and self.published_at <= stored["published_at"]:
                return
        quotes = self.quotes.model.objects.filter(speaker__in=speakers) if speakers is not None else self.quotes
        naming = quotes.filter(status=Status.PUBLISHED)
        if self.status == Status.PUBLISHED and self.published_at is not None:
            naming = naming.filter(published_at__lt=to_the_second(self.published_at))
        found = naming.aggregate(count=Count("pk"), earliest=Min("published_at"))
        if found["count"]:
            earliest = f"{timezone.localtime(found['earliest']):%Y-%m-%d %H:%M}"
            raise ValidationError(
                {
                    "status": f"{found['count']} published quote(s) name {self.name} before this profile would be "
                    f"public. Unpublish them first, or keep the profile published from {earliest} or earlier."
                }
            )

    def save(self, *args, **kwargs):
        if not self.sort_name:
            self.sort_name = default_sort_name(self.name)
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def post_on(self, date, until=None):
        """
        The role this person held on ``date``, or from ``date`` to ``until`` throughout (the span
        of a partial date: a post that changed within it is not known to be the one), from the
        posts read with the person (``speaker_posts()``) or else their prefetched roles; None if unknown.
        """
        if date is None:
            return None
        posts = self.posts if "posts" in self.__dict__ else self.roles.all()
        held = [post for post in posts if post.held_on(date) and post.held_on(until or date)]
        # The most recently started post wins when posts overlap.
        held.sort(key=lambda role: role.start_date or date.min, reverse=True)
        return held[0] if held else None


class PersonAlias(models.Model):
    """Another name for a person: a spelling, a transliteration, a name in another script."""

    # No index of its own: the unique (person, name) constraint leads with it.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases", db_index=False)
    name = models.CharField(max_length=200)
    language = models.CharField(max_length=20, blank=True, default="", help_text="A language code such as en, ru, uk.")
    # The name surname first ("Антонов, Анатолий"), made from it on save: a reader's "Антонов" finds it.
    sort_name = models.CharField(max_length=200, editable=False, default="")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "alias name"
        verbose_name_plural = "alias names"
        ordering = ["name", "id"]
        indexes = [
            CaseInsensitivePrefixIndex(field="name", covering=["person"], name="person_alias_name_prefix_idx"),
            CaseInsensitivePrefixIndex(field="sort_name", covering=["person"], name="person_alias_sort_prefix_idx"),
            # The admin's list, in this order: a page read from the index, not every alias sorted.
            models.Index(fields=["name", "id"], name="person_alias_name_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="person_alias_unique_name"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sort_name = default_sort_name(self.name)
        super().save(*args, **kwargs)


class Organization(TimeStamped):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", "Government or ministry"
        EMBASSY = "embassy", "Embassy or mission"
        INTERNATIONAL = "international", "International organization"
        ACADEMIC = "academic", "University or think tank"
        MEDIA = "media", "Media"
        COMPANY = "company", "Company"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    country = models.CharField(max_length=100, blank=True, default="")
    description = models.CharField(max_length=300, blank=True, default="")
    url = models.URLField(blank=True, default="")
    wikidata_id = models.CharField(
        "Wikidata id", max_length=20, blank=True, default="", validators=[validate_wikidata_id]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"], name="organization_name_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(wikidata_id="") | Q(wikidata_id__regex=WIKIDATA_ID_RE),
                name="organization_wikidata_id_format",
                violation_error_message="A Wikidata id is Q followed by digits, such as Q7747.",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)


class Role(Tenure, models.Model):
    """A post a person held, e.g. “Russian ambassador to the United States”, 2017-2024."""

    # No index of its own: role_person_start_idx leads with it.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles", db_index=False)
    title = models.CharField(
        max_length=200, help_text="Reads well after the name: “Russian ambassador to the United States”."
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="roles", null=True, blank=True
    )
    start_date = models.DateField(
        null=True, blank=True, help_text="The first day of the span if only the year or month is known."
    )
    start_precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)
    end_date = models.DateField(null=True, blank=True, help_text="Empty while the post is held.")
    end_precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)

    history = HistoricalRecords()

    class Meta:
        # An unknown start sorts first on both databases.
        ordering = [F("start_date").asc(nulls_first=True), "id"]
        indexes = [
            models.Index(fields=["person", "start_date", "id"], name="role_person_start_idx"),
            # The admin's list, in this order: a page read from the index, not every post sorted.
            UnknownFirstIndex(field="start_date", then=["id"], name="role_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=span_condition(),
                name="role_end_not_before_start",
                violation_error_message="A post cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.start_date = truncate(self.start_date, self.start_precision)
        self.end_date = truncate(self.end_date, self.end_precision)
        super().save(*args, **kwargs)

    def clean(self):
        if message := span_error(self.start, self.end):
            raise ValidationError({"end_date": message})


class PersonRedirect(models.Model):
    """
    A slug that once was a person's: left behind when that person was merged into another.

    The person's page and feed answer the old address with a permanent redirect.
    """

    old_slug = models.SlugField(max_length=200, unique=True)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "old person address"
        verbose_name_plural = "old person addresses"
        ordering = ["old_slug"]

    def __str__(self):
        return self.old_slug
