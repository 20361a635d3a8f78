from django.urls import path

from archive.feeds import PersonQuotesFeed
from archive.views.opendata import people_popolo
from people.views import PersonDetailView, PersonListView

app_name = "people"

urlpatterns = [
    path("", PersonListView.as_view(), name="list"),
    path("export.popolo.json", people_popolo, name="export-popolo"),
    path("<slug:slug>/", PersonDetailView.as_view(), name="detail"),
    path("<slug:slug>/feed/", PersonQuotesFeed(), name="feed"),
]
