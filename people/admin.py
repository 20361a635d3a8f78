"""The editors' desk: people, their alias names and posts, organizations; merging people."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.template.response import TemplateResponse

from archive.admin import (
    EDITORIAL_FIELDSET,
    CheckedInput,
    HistoryAdmin,
    KnownChoicesForm,
    KnownChoicesInlineMixin,
    LargeTable,
    NamesDeletedRows,
    PublishableAdmin,
    SafeAutocompletes,
)
from archive.conflicts import GuardsEditConflicts
from archive.forms import PartialDateField, PartialDateModelForm
from archive.models import Article, Event, Quote
from people.merging import merge_people
from people.models import Organization, Person, PersonAlias, PersonRedirect, Role


class RoleForm(KnownChoicesForm, PartialDateModelForm):
    start = PartialDateField(label="From", required=False)
    end = PartialDateField(label="Until", required=False, help_text="Empty while the post is held.")
    partial_dates = {"start": ("start_date", "start_precision"), "end": ("end_date", "end_precision")}

    class Meta:
        model = Role
        exclude = ["start_date", "start_precision", "end_date", "end_precision"]


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    formset = NamesDeletedRows
    extra = 1


class RoleInline(KnownChoicesInlineMixin, SafeAutocompletes, admin.TabularInline):
    model = Role
    form = RoleForm
    formset = NamesDeletedRows
    fields = ["title", "organization", "start", "end"]
    autocomplete_fields = ["organization"]
    extra = 1


class MergePeopleForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Keep",
        help_text="The others are merged into this person and deleted; their addresses redirect here.",
        error_messages={"invalid_choice": "Choose one of the selected people to keep."},
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = people
        self.fields["keep"].label_from_instance = lambda person: f"{person.name} ({person.slug})"

    def clean_keep(self):
        kept = self.cleaned_data["keep"]
        try:
            kept.validate_publishing(speakers=self.fields["keep"].queryset)
        except ValidationError as error:
            raise ValidationError([*error.messages, "Keep a published person, or publish this one first."]) from error
        return kept


# What the merge confirmation page counts for each person: {attribute: (model, field to the person)}.
RELATED_COUNTS = {
    "quote_count": (Quote, "speaker"),
    "role_count": (Role, "person"),
    "alias_count": (PersonAlias, "person"),
    "article_count": (Article.people.through, "person"),
    "event_count": (Event.people.through, "person"),
}


def count_related(people):
    """Set ``quote_count`` and the like on each of ``people``: one query per kind, not a join of them all."""
    for attribute, (model, field) in RELATED_COUNTS.items():
        rows = model.objects.filter(**{f"{field}__in": people}).values(field).annotate(total=Count("pk"))
        totals = {row[field]: row["total"] for row in rows.order_by()}
        for person in people:
            setattr(person, attribute, totals.get(person.pk, 0))
    return people


@admin.register(Person)
class PersonAdmin(PublishableAdmin):
    actions = [*PublishableAdmin.actions, "merge_people"]
    list_display = ["name", "description", "country", "wikidata_id", "status_badge"]
    list_filter = ["status", "country"]
    search_fields = ["name", "sort_name", "aliases__name", "wikidata_id"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonAliasInline, RoleInline]
    fieldsets = [
        (None, {"fields": ["name", "sort_name", "slug", "description", "country", "wikidata_id", "biography"]}),
        EDITORIAL_FIELDSET,
    ]

    def has_merge_permission(self, request):
        return request.user.has_perm("people.merge_person")

    def get_search_results(self, request, queryset, search_term):
        """
        Each word in the name, the sort name or an alias name (any part of them, as a
        picker's typing needs), or the Wikidata id. The aliases are read once per word, as
        a set of people: Django's own search joins them and removes the duplicates with
        DISTINCT over every person.
        """
        for word in search_term.split():
            aliased = PersonAlias.objects.filter(name__icontains=word).values("person_id")
            queryset = queryset.filter(
                Q(name__icontains=word) | Q(sort_name__icontains=word) | Q(wikidata_id__iexact=word) | Q(pk__in=aliased)
            )
        return queryset, False

    @admin.action(description="Merge selected people into one", permissions=["merge"])
    def merge_people(self, request, queryset):
        """First a confirmation page to choose whom to keep; its "Merge" button runs the merge."""
        people = count_related(list(queryset.order_by("sort_name", "id")))
        selected = {int(value) for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)}
        gone = selected - {person.pk for person in people}
        if "confirm" in request.POST and gone:
            # Merged or deleted since the confirmation page was drawn (or the page sent twice).
            self.message_user(
                request,
                f"Nothing was merged: {len(gone)} of the people you confirmed are no longer in this list (merged, "
                "deleted or changed by someone else meanwhile, or the merge was sent twice). Select them again.",
                messages.WARNING,
            )
            return None
        if len(people) < 2:
            self.message_user(request, "Select at least two people to merge.", messages.WARNING)
            return None
        form = MergePeopleForm(
            request.POST if "confirm" in request.POST else None,
            people=queryset,
            initial={"keep": max(people, key=lambda person: (person.is_public, person.quote_count)).pk},
        )
        if form.is_valid():
            kept = form.cleaned_data["keep"]
            merged = [person for person in people if person.pk != kept.pk]
            merge_people(kept, merged)
            names = ", ".join(person.name for person in merged)
            self.message_user(request, f"Merged {names} into {kept.name}.", messages.SUCCESS)
            if not kept.is_public:
                self.message_user(
                    request,
                    f"{kept.name} is not published: readers following the old addresses get “not found” until "
                    "they are.",
                    messages.WARNING,
                )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge people",
            "opts": self.opts,
            "people": people,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        # A choice refused (the form bound and invalid) is a mistake in a form, as on any change form.
        return TemplateResponse(
            request, "admin/people/merge_people.html", context, status=400 if form.is_bound else 200
        )


@admin.register(PersonAlias)
class PersonAliasAdmin(LargeTable, CheckedInput, HistoryAdmin):
    list_display = ["name", "language", "person"]
    list_select_related = ["person"]
    list_filter = ["language"]
    search_fields = ["name", "person__name"]
    autocomplete_fields = ["person"]


@admin.register(Organization)
class OrganizationAdmin(GuardsEditConflicts, CheckedInput, HistoryAdmin):
    list_per_page = 50
    list_display = ["name", "kind", "country", "wikidata_id"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "wikidata_id"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Role)
class RoleAdmin(LargeTable, CheckedInput, HistoryAdmin):
    form = RoleForm
    list_display = ["title", "person", "organization", "span"]
    list_select_related = ["person", "organization"]
    list_filter = ["start_precision"]
    search_fields = ["title", "person__name", "organization__name"]
    autocomplete_fields = ["person", "organization"]
    fields = ["person", "title", "organization", "start", "end"]

    @admin.display(description="held", ordering="start_date")
    def span(self, obj):
        return f"{obj.start or '?'} – {obj.end or 'present'}"


@admin.register(PersonRedirect)
class PersonRedirectAdmin(CheckedInput, admin.ModelAdmin):
    """Old addresses of merged people; each answers with a permanent redirect to the person kept."""

    list_display = ["old_slug", "person", "created_at"]
    list_select_related = ["person"]
    search_fields = ["old_slug", "person__name"]
    autocomplete_fields = ["person"]
