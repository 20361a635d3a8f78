from django.urls import path

from archive.views.opendata import people_popolo
from people.views import PersonDetailView, PersonListView, person_feed

app_name = "people"

urlpatterns = [
    path("", PersonListView.as_view(), name="list"),
    path("export.popolo.json", people_popolo, name="export-popolo"),
    path("<slug:slug>/", PersonDetailView.as_view(), name="detail"),
    path("<slug:slug>/feed/", person_feed, name="feed"),
]
