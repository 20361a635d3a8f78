"""
Which tags are public: a tag counts only through the published objects that carry it,
so a tag used only on drafts stays private. The tag pages, the API and the sitemap
all ask here.
"""

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from taggit.models import Tag, TaggedItem

from archive.models import Article, Event, Quote

TAGGED_MODELS = (Article, Quote, Event)


def published_taggings(model):
    """Per tag (as OuterRef), the taggings of published ``model`` objects."""
    opts = model._meta
    return TaggedItem.objects.filter(
        tag=OuterRef("pk"),
        content_type__app_label=opts.app_label,
        content_type__model=opts.model_name,
        object_id__in=model.objects.published().values("pk"),
    )


def published_tagged_count(model):
    """Per tag (as OuterRef), how many published ``model`` objects carry it."""
    counted = published_taggings(model).order_by().values("tag").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def public_tags():
    """Tags carried by something published, with article_count, quote_count, event_count and total."""
    tags = Tag.objects.annotate(
        article_count=published_tagged_count(Article),
        quote_count=published_tagged_count(Quote),
        event_count=published_tagged_count(Event),
    )
    total = F("article_count") + F("quote_count") + F("event_count")
    return tags.annotate(total=total).filter(total__gt=0).order_by("name", "id")


def carried_by_published():
    """A condition on Tag, cheaper than counting: some published object carries it."""
    condition = Q()
    for model in TAGGED_MODELS:
        condition |= Q(Exists(published_taggings(model)))
    return condition
