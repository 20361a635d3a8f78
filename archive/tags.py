"""
Which tags are public: a tag counts only through the published objects that carry it, so a
tag used only on drafts stays private. The tag pages, the API, the quote and timeline filters
and the sitemap all ask here.

The counts come from ``TagUsage`` (kept by triggers, see ``archive.models.tags``), minus the
scheduled taggings it notes, plus those whose time has come: exactly what is public now,
counting only the taggings that came due since ``refresh_scheduled`` last ran.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import DateTimeField, Exists, Expression, F, IntegerField, OuterRef, Q, Subquery, Value
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from archive.links import detail_url
from archive.models.tags import ScheduledTagging, TaggedModel
from archive.slugs import unique_slug

# The attribute each count is annotated as, per tagged model, and its column in TagUsage.
COUNTS = {
    TaggedModel.ARTICLE: ("article_count", "articles"),
    TaggedModel.QUOTE: ("quote_count", "quotes"),
    TaggedModel.EVENT: ("event_count", "events"),
}

# The longest name a tag may have: it must fit a tag's name and its slug (the admin's tags box, load_demo).
TAG_LENGTH = min(Tag._meta.get_field("name").max_length, Tag._meta.get_field("slug").max_length)

# A tag on at most this many objects of a model is rare: its objects are fetched through its
# taggings (an index) and sorted. A commoner tag's list is read in its own order (its index),
# each row's taggings checked, until a page is full: page size x rows / count rows, 3,300 for a
# page of ten among a million quotes at this count, fewer the commoner the tag.
RARE = 3_000


class PublicCount(Expression):
    """
    Per tag, how many of its objects of ``model`` (or of any model) are public now: its usage
    counts less the scheduled taggings they note, plus those that came due by ``now``. Those
    are a range of ScheduledTagging's (tag, model, publish time) index per model, empty once
    ``refresh_scheduled`` has forgotten them.

    Written out in SQL, the usage's columns read from the join its first one made: as a sum of
    ``F()`` expressions and a ``Subquery``, the four a list needs cost more Python to build on
    every request than they take to run.
    """

    output_field = IntegerField()

    def __init__(self, now, model=None):
        super().__init__()
        self.now = now
        self.columns = [COUNTS[model][1]] if model else [column for _, column in COUNTS.values()]
        self.models = [model] if model else list(COUNTS)
        self.tag, self.usage = F("pk"), F(f"usage__{self.columns[0]}")

    def get_source_expressions(self):
        return [self.tag, self.usage]

    def set_source_expressions(self, expressions):
        self.tag, self.usage = expressions

    def as_sql(self, compiler, connection):
        quote = connection.ops.quote_name
        tag_sql, params = compiler.compile(self.tag)
        now_sql, now_params = compiler.compile(Value(self.now, output_field=DateTimeField()))
        usage = compiler.quote_name_unless_alias(self.usage.alias)
        waiting = " + ".join(
            f"{usage}.{quote(column)} - {usage}.{quote(f'{column}_scheduled')}" for column in self.columns
        )
        due = (
            f"SELECT COUNT(*) FROM {quote(ScheduledTagging._meta.db_table)} due WHERE due.tag_id = {tag_sql} "
            f"AND due.model IN ({', '.join(['%s'] * len(self.models))}) AND due.published_at <= {now_sql}"
        )
        return f"({waiting} + ({due}))", [*params, *self.models, *now_params]


def tag_url(tag):
    """A tag's page (taggit's ``Tag`` has no ``get_absolute_url``)."""
    return detail_url("tags:detail", "slug", tag.slug)


def public_tags(*models):
    """
    Tags carried by something public now, with article_count, quote_count and event_count (of
    ``models`` only, if given: each count is a range of the scheduled taggings' index to read).
    """
    now = timezone.now()
    # Public: some of its published objects are not scheduled, or their time came. One sum per
    # tag decides it; the three per model are made for the page's rows only.
    tags = Tag.objects.alias(public=PublicCount(now)).filter(public__gt=0)
    counts = {name: PublicCount(now, model) for model, (name, _) in COUNTS.items() if not models or model in models}
    return tags.annotate(**counts).order_by("name", "id")


def carrying(model, tag, count):
    """
    A condition on ``model``: it carries ``tag``, which ``count`` objects of the model carry.
    Shaped for the plan that suits the count (see ``RARE``); SQLite follows the shape as
    written, PostgreSQL plans either shape the same way from its own statistics.
    """
    tagged = taggings(model, tag)
    if count <= RARE:
        return Q(pk__in=tagged.values("object_id"))
    return Q(Exists(tagged.filter(object_id=OuterRef("pk"))))


def taggings(model, tag):
    """
    ``tag``'s taggings of ``model`` objects. The content type is a scalar subquery, not a join:
    PostgreSQL evaluates it once and knows how many of the tag's taggings are of this model, so
    it walks a common tag's items in order (or probes taggit's unique index per object) instead
    of gathering and merging every tagging of the tag.
    """
    opts = model._meta
    content_type = ContentType.objects.filter(app_label=opts.app_label, model=opts.model_name).values("pk")
    return TaggedItem.objects.filter(content_type=Subquery(content_type), tag=tag)


def give_a_slug(sender, instance, **kwargs):
    """
    A tag whose name slugifies to nothing ("🙂", "!!!") gets a slug all the same (``tag``,
    ``tag-2``…): its page, feed and API entry are addressed by it. taggit would save it empty
    (or as ``_1``), and every page that links to the tag would fail.
    """
    if not instance.slug.strip("-_"):
        instance.slug = unique_slug(instance, instance.name)
