from django.urls import path

from people.views import PersonDetailView, PersonListView

app_name = "people"

urlpatterns = [
    path("", PersonListView.as_view(), name="list"),
    path("<slug:slug>/", PersonDetailView.as_view(), name="detail"),
]
