"""The public URL map (see README) and the editors' admin."""

from django.contrib import admin
from django.urls import include, path

# Each area keeps its routes in its own list, mounted under a namespace below.
article_patterns = []
quote_patterns = []
event_patterns = []
tag_patterns = []

urlpatterns = [
    path("admin/", admin.site.urls),
    path("articles/", include((article_patterns, "articles"))),
    path("people/", include("people.urls")),
    path("quotes/", include((quote_patterns, "quotes"))),
    path("", include((event_patterns, "events"))),
    path("tags/", include((tag_patterns, "tags"))),
]
