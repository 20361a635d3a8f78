"""The project's URLs plus ``/__bench__/floor/``: the cheapest Django view, the floor every page is compared to."""

from django.http import HttpResponse
from django.urls import include, path


def floor(request):
    return HttpResponse("ok")


urlpatterns = [
    path("__bench__/floor/", floor, name="bench-floor"),
    path("", include("archive.urls")),
]
