"""/api/: the viewsets, the OpenAPI schema and its docs (Swagger UI from drf-spectacular-sidecar's static files)."""

from django.conf import settings
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from archive.api import views

router = DefaultRouter(trailing_slash=True)
router.register("quotes", views.QuoteViewSet, basename="quote")
router.register("people", views.PersonViewSet, basename="person")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("events", views.EventViewSet, basename="event")
router.register("outlets", views.OutletViewSet, basename="outlet")
router.register("tags", views.TagViewSet, basename="tag")

app_name = "api"
PAGE = ["get", "head"]

urlpatterns = [
    path("", include(router.urls)),
    path("quotes/<int:pk>/citations/", views.QuoteCitationsView.as_view(), name="quote-citations"),
    # One version: a ?version= is not read (drf-spectacular would write it into the download's
    # file name, where a line break made the response fail with a 500).
    path("schema/", views.SchemaView.as_view(api_version=settings.SPECTACULAR_SETTINGS["VERSION"]), name="schema"),
    # The docs pages are pages to read: GET and HEAD only (OPTIONS would render the
    # view's description through the page's HTML template, which has none to give).
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html", http_method_names=PAGE
        ),
        name="docs",
    ),
    path(
        "docs/redoc/",
        SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html", http_method_names=PAGE),
        name="redoc",
    ),
    # Only slash-ended paths, so CommonMiddleware still redirects /api/quotes to /api/quotes/.
    # [\s\S], not ".": an address with a newline in it is still an API address.
    re_path(r"^[\s\S]*/$", views.NotFoundView.as_view(), name="not-found"),
]
