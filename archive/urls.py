"""The public URL map (see README) and the editors' admin."""

from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.http import require_safe
from django.views.generic import RedirectView

from archive.api.throttling import throttled
from archive.feeds import LatestArticlesFeed, LatestQuotesFeed, TagFeed
from archive.sitemaps import SITEMAPS
from archive.views.articles import ArticleDetailView, ArticleListView
from archive.views.events import EventDetailView, TimelineView
from archive.views.home import HomeView
from archive.views.opendata import favicon, quotes_csv, robots_txt, timeline_json
from archive.views.quotes import QuoteDetailView, QuoteListView, person_suggestions
from archive.views.search import SearchView
from archive.views.tags import TagDetailView, TagListView

# Each area keeps its routes in its own list, mounted under a namespace below. Every public
# address is read-only: anything but GET and HEAD answers 405 (feeds and sitemaps included).
article_patterns = [
    path("", ArticleListView.as_view(), name="list"),
    path("feed/", require_safe(LatestArticlesFeed()), name="feed"),
    path("<slug:slug>/", ArticleDetailView.as_view(), name="detail"),
]
quote_patterns = [
    path("", QuoteListView.as_view(), name="list"),
    path("people.json", person_suggestions, name="person-suggest"),
    path("feed/", require_safe(LatestQuotesFeed()), name="feed"),
    path("export.csv", quotes_csv, name="export-csv"),
    path("<int:pk>/", QuoteDetailView.as_view(), name="detail"),
]
event_patterns = [
    path("timeline/", TimelineView.as_view(), name="timeline"),
    path("timeline/export.json", timeline_json, name="timeline-export"),
    path(
        "events/",
        RedirectView.as_view(pattern_name="events:timeline", query_string=True, http_method_names=["get", "head"]),
        name="list",
    ),
    path("events/<slug:slug>/", EventDetailView.as_view(), name="detail"),
]
tag_patterns = [
    path("", TagListView.as_view(), name="list"),
    path("<str:slug>/", TagDetailView.as_view(), name="detail"),
    path("<str:slug>/feed/", require_safe(TagFeed()), name="feed"),
]

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("admin/", admin.site.urls),
    path("articles/", include((article_patterns, "articles"))),
    path("people/", include("people.urls")),
    path("quotes/", include((quote_patterns, "quotes"))),
    path("", include((event_patterns, "events"))),
    path("tags/", include((tag_patterns, "tags"))),
    path("search/", throttled("search", answer="page")(SearchView.as_view()), name="search"),
    path("api/", include("archive.api.urls")),
    path(
        "sitemap.xml",
        require_safe(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", require_safe(sitemap_views.sitemap), {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon, name="favicon"),
]
