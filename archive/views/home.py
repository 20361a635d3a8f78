"""The front page: the latest articles, recent quotes, upcoming and recent events."""

from django.utils import timezone
from django.views.generic import TemplateView

from archive.models import Article, Event, Quote


class HomeView(TemplateView):
    """Fixed-size samples of each kind of content; each links to its full, paginated list."""

    template_name = "archive/home.html"
    article_count = 8
    quote_count = 5
    event_count = 5

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        events = Event.objects.published().listed()
        return super().get_context_data(
            articles=Article.objects.published().listed()[: self.article_count],
            quotes=Quote.objects.published().with_related()[: self.quote_count],
            upcoming_events=events.filter(start_date__gt=today).order_by("start_date", "id")[: self.event_count],
            recent_events=events.filter(start_date__lte=today).order_by("-start_date", "-id")[: self.event_count],
            **kwargs,
        )
