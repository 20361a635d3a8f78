"""
The quote filters: one FilterSet for the HTML pages and, later, the JSON API.

The query-string names (``person``, ``date_after``, ``date_before``, ``tag``, ``outlet``,
``event``, ``q``, ``sort``) are a public interface: links and bookmarks depend on them.
Every slug resolves among *published* objects only, so a draft's slug is as unknown to
readers as a typo. Filters that cross a many-to-many relation use ``Exists`` so a quote
never appears twice.
"""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, Q
from taggit.models import Tag, TaggedItem

from archive.editorial import published_q
from archive.forms import DateRangeForm, PartialDateField
from archive.models import Citation, Event, Outlet, Quote, SearchDocument
from archive.search.backends import get_backend
from archive.search.query import parse as parse_query
from people.models import Person, PersonAlias

SORTS = {
    "-date": (F("said_on").desc(nulls_last=True), F("id").desc()),
    "date": (F("said_on").asc(nulls_last=True), F("id").asc()),
}
DEFAULT_SORT = "-date"
SLUG_RE = re.compile(r"^[-\w]+$")


def find_people(text, limit=5):
    """
    Published people ``text`` names: the one whose slug it is, else everyone whose name or
    alias name it is (case-insensitive). Slugs win, since links and bookmarks use them.
    """
    people = Person.objects.published()
    if SLUG_RE.match(text):
        by_slug = list(people.filter(slug=text)[:1])
        if by_slug:
            return by_slug
    alias = PersonAlias.objects.filter(person=OuterRef("pk"), name__iexact=text)
    return list(people.filter(Q(name__iexact=text) | Q(Exists(alias)))[:limit])


class PersonField(forms.CharField):
    """A person typed as a slug, a name or an alias name; cleans to one published Person."""

    default_error_messages = {
        "unknown": "No one in the archive is called “%(value)s”. Check the spelling or pick a suggested name.",
        "ambiguous": "“%(value)s” could be more than one person: %(people)s. Type the one you mean.",
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)  # the text, stripped and checked for length first
        if not value:
            return None
        people = find_people(value)
        if not people:
            raise ValidationError(self.error_messages["unknown"], code="unknown", params={"value": value})
        if len(people) > 1:
            listed = "; ".join(
                f"{person.name} ({person.description}, “{person.slug}”)"
                if person.description
                else f"{person.name} (“{person.slug}”)"
                for person in people
            )
            raise ValidationError(
                self.error_messages["ambiguous"], code="ambiguous", params={"value": value, "people": listed}
            )
        return people[0]

    def prepare_value(self, value):
        return value.slug if isinstance(value, Person) else value


class PersonFilter(django_filters.Filter):
    field_class = PersonField


class PartialDateFilter(django_filters.Filter):
    field_class = PartialDateField


def published_events(request):
    # A callable, so "published" is judged per request, not once at import.
    return Event.objects.published()


def slug_error(noun):
    return {"invalid_choice": f"There is no {noun} “%(value)s” in the archive."}


def person_filter():
    """The ``person`` filter: a text box (never a list of everyone) taking a slug, a name or an alias."""
    return PersonFilter(
        label="Person",
        method="filter_person",
        help_text="A name, another spelling of it, or the person’s slug.",
    )


def tag_filter():
    """The ``tag`` filter: a tag's slug in a text box."""
    return django_filters.ModelChoiceFilter(
        label="Tag",
        queryset=Tag.objects.all(),
        to_field_name="slug",
        widget=forms.TextInput,
        method="filter_tag",
        help_text="A tag’s slug, such as “sanctions”.",
        error_messages=slug_error("tag"),
    )


class QuoteFilterSet(django_filters.FilterSet):
    person = person_filter()
    date_after = PartialDateFilter(label="Said from", method="filter_date_after")
    date_before = PartialDateFilter(label="Said until", method="filter_date_before")
    tag = tag_filter()
    outlet = django_filters.ModelChoiceFilter(
        label="Reported by",
        queryset=Outlet.objects.order_by("name"),
        to_field_name="slug",
        empty_label="Any outlet",
        method="filter_outlet",
        error_messages=slug_error("outlet"),
    )
    event = django_filters.ModelChoiceFilter(
        label="Event",
        queryset=published_events,
        to_field_name="slug",
        widget=forms.TextInput,
        method="filter_event",
        help_text="An event’s slug, as in its address.",
        error_messages=slug_error("event"),
    )
    q = django_filters.CharFilter(label="Words in the quote", method="filter_words", max_length=200)
    sort = django_filters.ChoiceFilter(
        label="Order",
        choices=[("-date", "Newest first"), ("date", "Oldest first")],
        empty_label=None,
        method="filter_sort",
        error_messages={"invalid_choice": "Sort by “-date” (newest first) or “date” (oldest first)."},
    )

    class Meta:
        model = Quote
        fields = []
        form = DateRangeForm

    def filter_queryset(self, queryset):
        # The default order applies even when ``sort`` is absent, with undated quotes last.
        if not self.form.cleaned_data.get("sort"):
            queryset = self.filter_sort(queryset, "sort", DEFAULT_SORT)
        return super().filter_queryset(queryset)

    def filter_person(self, queryset, name, person):
        return queryset.by_person(person)

    def filter_date_after(self, queryset, name, value):
        return queryset.between(start=value.date)

    def filter_date_before(self, queryset, name, value):
        # "Until 2017" means to the end of 2017.
        return queryset.between(end=value.last_day)

    def filter_tag(self, queryset, name, tag):
        # Through the content type's natural key: no content-type lookup of its own.
        tagged = TaggedItem.objects.filter(
            content_type__app_label=Quote._meta.app_label,
            content_type__model=Quote._meta.model_name,
            object_id=OuterRef("pk"),
            tag=tag,
        )
        return queryset.filter(Exists(tagged))

    def filter_outlet(self, queryset, name, outlet):
        cited = Citation.objects.filter(published_q("article__"), quote=OuterRef("pk"), article__outlet=outlet)
        return queryset.filter(Exists(cited))

    def filter_event(self, queryset, name, event):
        return queryset.filter(event=event)

    def filter_words(self, queryset, name, value):
        """
        Quotes matching the words through the full-text index (a quote is indexed with
        its speaker's names), never a LIKE scan; web-search syntax works as on /search/.
        """
        parsed = parse_query(value)
        if not parsed:
            return queryset
        documents = SearchDocument.objects.filter(kind=SearchDocument.Kind.QUOTE)
        matching = get_backend(documents, parsed).matching().values("object_id")
        return queryset.filter(pk__in=matching)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS[value])


class EventFilterSet(django_filters.FilterSet):
    """
    The timeline's filters, with the quote filters' names and date semantics: an event
    counts when its span overlaps the range (``Event.objects.between``), and ``date_before``
    runs to the end of its span.
    """

    person = person_filter()
    tag = tag_filter()
    kind = django_filters.ChoiceFilter(
        label="Kind",
        choices=Event.Kind.choices,
        empty_label="Any kind",
        error_messages={"invalid_choice": "There is no kind of event “%(value)s”: pick one from the list."},
    )
    date_after = PartialDateFilter(label="From", method="filter_date_after")
    date_before = PartialDateFilter(label="Until", method="filter_date_before")

    class Meta:
        model = Event
        fields = []
        form = DateRangeForm

    def filter_person(self, queryset, name, person):
        return queryset.involving(person)

    def filter_tag(self, queryset, name, tag):
        tagged = TaggedItem.objects.filter(
            content_type__app_label=Event._meta.app_label,
            content_type__model=Event._meta.model_name,
            object_id=OuterRef("pk"),
            tag=tag,
        )
        return queryset.filter(Exists(tagged))

    def filter_date_after(self, queryset, name, value):
        return queryset.between(start=value.date)

    def filter_date_before(self, queryset, name, value):
        return queryset.between(end=value.last_day)
