"""Tags: every tag with its count of published items, and everything published under one tag."""

from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.views.generic import DetailView, ListView
from taggit.models import Tag, TaggedItem

from archive.models import Article, Event, Quote
from archive.views.paging import paginate


def published_tagged_count(model):
    """Per tag (as OuterRef), how many published ``model`` objects carry it."""
    opts = model._meta
    items = TaggedItem.objects.filter(
        tag=OuterRef("pk"),
        content_type__app_label=opts.app_label,
        content_type__model=opts.model_name,
        object_id__in=model.objects.published().values("pk"),
    )
    counted = items.order_by().values("tag").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class TagListView(ListView):
    paginate_by = 50
    context_object_name = "tags"
    template_name = "archive/tag_list.html"

    def get_queryset(self):
        tags = Tag.objects.annotate(
            article_count=published_tagged_count(Article),
            quote_count=published_tagged_count(Quote),
            event_count=published_tagged_count(Event),
        )
        # A tag used only on drafts is not public either.
        total = F("article_count") + F("quote_count") + F("event_count")
        return tags.annotate(total=total).filter(total__gt=0).order_by("name")


class TagDetailView(DetailView):
    """Three paginated sections, one per kind of content; a tag with nothing published is a 404."""

    model = Tag
    context_object_name = "tag"
    template_name = "archive/tag_detail.html"
    per_section = 10

    def get_context_data(self, **kwargs):
        tag, request = self.object, self.request
        articles = Article.objects.published().filter(tags=tag).select_related("outlet")
        quotes = Quote.objects.published().filter(tags=tag).with_related()
        events = Event.objects.published().filter(tags=tag).order_by("-start_date", "-id")
        sections = {
            "articles": paginate(request, articles, self.per_section, "articles_page"),
            "quotes": paginate(request, quotes, self.per_section, "quotes_page"),
            "events": paginate(request, events, self.per_section, "events_page"),
        }
        if not any(page.paginator.count for page in sections.values()):
            raise Http404("No published items carry this tag.")
        return super().get_context_data(**sections, **kwargs)
