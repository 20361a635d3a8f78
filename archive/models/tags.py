"""
How many published articles, quotes and events carry each tag, kept by the database.

Counting taggings per request costs a join over every tagging (1.5 million at a million
quotes), so the tag pages, the API and the sitemap read these two tables instead:

- ``TagUsage``: per tag, how many articles, quotes and events with status "published"
  carry it, scheduled ones included, and how many of each have a scheduled tagging.
- ``ScheduledTagging``: the taggings of objects published with a publish time still ahead
  when the tagging or the object was written. What is public now is the usage count minus
  the scheduled taggings, plus those whose time has come (``archive.tags``), so an item
  becomes public on time with no job to run, and a read walks only the rows that came due.
  Those stay until the object changes again, the counts are rebuilt or ``refresh_scheduled``
  forgets them (``archive.counts_tags.forget_due``).

Triggers (``archive.counts_tags``, installed by migration 0007_tag_counts) keep both tables
current on every write to the taggings and to the three content tables, whatever makes it:
a save, an admin action's ``queryset.update()``, an import, raw SQL; the scheduled taggings'
own triggers keep each count's note of them. Nothing in Python writes them, except the
rebuild (``manage.py rebuild_tag_counts``) and the forgetting of due rows.

On SQLite, Django rebuilds a table to alter it, which drops its triggers: a future migration
that alters Article, Quote, Event, taggit's TaggedItem or ScheduledTagging must install them again
(``archive.counts_tags.install``); ``tests/test_tag_counts.py`` fails until it does.
"""

from django.db import models
from taggit.models import Tag


class TaggedModel(models.TextChoices):
    """The models that carry tags, by model name (the name the triggers write)."""

    ARTICLE = "article", "Article"
    QUOTE = "quote", "Quote"
    EVENT = "event", "Event"


class TagUsage(models.Model):
    tag = models.OneToOneField(Tag, on_delete=models.CASCADE, primary_key=True, related_name="usage")
    articles = models.IntegerField(db_default=0, help_text="Articles with status published carrying the tag.")
    quotes = models.IntegerField(db_default=0, help_text="Quotes with status published carrying the tag.")
    events = models.IntegerField(db_default=0, help_text="Events with status published carrying the tag.")
    articles_scheduled = models.IntegerField(
        db_default=0, help_text="How many of the counted articles have a scheduled tagging, due or not."
    )
    quotes_scheduled = models.IntegerField(
        db_default=0, help_text="How many of the counted quotes have a scheduled tagging, due or not."
    )
    events_scheduled = models.IntegerField(
        db_default=0, help_text="How many of the counted events have a scheduled tagging, due or not."
    )

    class Meta:
        verbose_name_plural = "tag usage"

    def __str__(self):
        return str(self.tag_id)


class ScheduledTagging(models.Model):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="+", db_index=False)
    model = models.CharField(max_length=10, choices=TaggedModel.choices)
    object_id = models.PositiveBigIntegerField()
    published_at = models.DateTimeField("publish time")

    class Meta:
        indexes = [
            # Per tag and model, the taggings whose time has come: a range of this index.
            models.Index(fields=["tag", "model", "published_at"], name="scheduledtagging_due_idx"),
        ]
        constraints = [
            # Also the index the triggers find an object's rows by.
            models.UniqueConstraint(fields=["model", "object_id", "tag"], name="scheduledtagging_unique_tagging"),
        ]

    def __str__(self):
        return f"{self.model} {self.object_id}"
