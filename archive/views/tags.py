"""Tags: every tag with its count of published items, and everything published under one tag."""

from django.http import Http404
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from archive.models import Article, Event, Quote
from archive.tags import public_tags
from archive.views.paging import paginate


class TagListView(ListView):
    paginate_by = 50
    context_object_name = "tags"
    template_name = "archive/tag_list.html"

    def get_queryset(self):
        # A tag used only on drafts is not public either.
        return public_tags()


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
