"""The editors' desk: people, their alias names and posts, organizations."""

from django.contrib import admin

from archive.admin import EDITORIAL_FIELDSET, PublishableAdmin
from archive.forms import PartialDateField, PartialDateModelForm
from people.models import Organization, Person, PersonAlias, Role


class RoleForm(PartialDateModelForm):
    start = PartialDateField(label="From", required=False)
    end = PartialDateField(label="Until", required=False, help_text="Empty while the post is held.")
    partial_dates = {"start": ("start_date", "start_precision"), "end": ("end_date", "end_precision")}

    class Meta:
        model = Role
        exclude = ["start_date", "start_precision", "end_date", "end_precision"]


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1


class RoleInline(admin.TabularInline):
    model = Role
    form = RoleForm
    fields = ["title", "organization", "start", "end"]
    autocomplete_fields = ["organization"]
    extra = 1


@admin.register(Person)
class PersonAdmin(PublishableAdmin):
    list_display = ["name", "description", "country", "wikidata_id", "status_badge"]
    list_filter = ["status", "country"]
    search_fields = ["name", "sort_name", "aliases__name", "wikidata_id"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonAliasInline, RoleInline]
    fieldsets = [
        (None, {"fields": ["name", "sort_name", "slug", "description", "country", "wikidata_id", "biography"]}),
        EDITORIAL_FIELDSET,
    ]


@admin.register(PersonAlias)
class PersonAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "language", "person"]
    list_select_related = ["person"]
    list_filter = ["language"]
    search_fields = ["name", "person__name"]
    autocomplete_fields = ["person"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "wikidata_id"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "wikidata_id"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
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
