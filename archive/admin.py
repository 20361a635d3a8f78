"""
The editors' desk: coverage, quotes, citations and events, and the review queue.

Who may do what is decided by permissions (see ``archive.roles``): publishing needs
``publish_<model>`` (``PublishPermissionMixin``), everything else Django's own
add/change/delete/view. Every content admin shows each object's history and can
revert to an earlier version (django-simple-history).

At a million quotes every list page does bounded work: searches go through the
full-text index (``FullTextSearchMixin``), filters offer choices from cheap queries (a
year list from the first and last date, tags from the counts the database keeps), and
the big lists are not counted on PostgreSQL (``archive.paginators``).
"""

import datetime
import re
import tempfile
from collections import Counter
from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.auth import get_permission_codename
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst
from simple_history.admin import SimpleHistoryAdmin
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from archive.conflicts import GuardsEditConflicts, GuardsInlineEditConflicts, OpenedVersionForm
from archive.editorial import Status
from archive.forms import PartialDateField, PartialDateModelForm
from archive.importing.forms import ImportArticleForm
from archive.importing.service import import_file
from archive.importing.sources import ImportInputError
from archive.logins import LoginForm
from archive.models import Article, Citation, Event, Outlet, Quote, SearchDocument, SuggestedQuote
from archive.paginators import EstimatedCountPaginator
from archive.review import accept_suggestions, highlight_passage, reject_suggestions
from archive.search.backends import recent_matches
from archive.search.query import parse
from archive.tags import TAG_LENGTH
from people.merging import people_now
from people.models import Person

admin.site.site_header = "Embassy Row: editors' desk"
admin.site.site_title = "Embassy Row"
admin.site.index_title = "Coverage, quotes, people and events"
admin.site.login_form = LoginForm


class HistoryContextHelper(HistoricalRecordContextHelper):
    """A history page's changes, with an empty link shown as empty, not as a deleted object."""

    def prepare_delta_change_value(self, change, value):
        if isinstance(value, DeletedObject) and value.pk is None:
            return "—"
        return super().prepare_delta_change_value(change, value)


class HistoryAdmin(SimpleHistoryAdmin):
    """
    django-simple-history's admin, but a link that was empty (a quote with no speaker or event
    yet, an article with no outlet) reads "—" in the list of changes, where simple-history
    shows "Deleted person (pk=None)" as if someone had been deleted; and a change made with no
    reason has none shown, not "None".

    Reverting is changing: simple-history lets anyone who may view an item open its old
    versions and only hides the revert button from those who may not change it, but saves
    what they post all the same. Here the post is refused unless the user may change the item.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_historical_record_context_helper(self, request, historical_record):
        return HistoryContextHelper(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        for record in historical_records:
            # Most changes give no reason (a merge does): an empty cell, where simple-history writes "None".
            if record.history_change_reason is None:
                record.history_change_reason = ""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        version = getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)  # an old version's, to revert to
        if version is None:
            return form
        # Someone the version names who was merged into another person since: that person now.
        for field in obj._meta.concrete_fields:
            if field.related_model is Person and (pk := getattr(obj, field.attname)) is not None:
                setattr(obj, field.attname, next(iter(people_now([pk])), pk))
        if not version._history_m2m_fields:
            return form
        relations = {}
        for field in version._history_m2m_fields:
            rows = getattr(version, field.name).values_list(f"{field.m2m_reverse_field_name()}_id", flat=True)
            relations[field.name] = people_now(list(rows)) if field.related_model is Person else list(rows)
        return type(form.__name__, (VersionRelationsForm, form), {"version_relations": relations})


class VersionRelationsForm(forms.ModelForm):
    """
    A revert's form, with the people and articles (the many-to-many fields the history records)
    as the old version had them: simple-history's form reads today's, so reverting kept them.
    """

    version_relations = {}

    def __init__(self, *args, initial=None, **kwargs):
        super().__init__(*args, initial={**self.version_relations, **(initial or {})}, **kwargs)


class TagListFilter(admin.SimpleListFilter):
    """
    Filter by tag; lists the tags this model's published items carry, from the counts the
    database keeps (``archive.models.tags``), not a join over every tagging. A tag only
    drafts carry still filters, by address: ``?tag=<slug>``.
    """

    title = "tag"
    parameter_name = "tag"
    USAGE = {"article": "articles", "quote": "quotes", "event": "events"}

    def lookups(self, request, model_admin):
        usage = self.USAGE[model_admin.model._meta.concrete_model._meta.model_name]
        tags = Tag.objects.filter(**{f"usage__{usage}__gt": 0}).order_by("name")
        return [(tag.slug, tag.name) for tag in tags[:200]]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tags__slug=self.value())
        return queryset


class EventListFilter(admin.SimpleListFilter):
    """
    Filter by event, by address (``?event=<id>``: an event's links to its quotes), never by a
    menu of every event, which would be tens of thousands long. While it filters, it names the
    event and can be cleared like any other filter.
    """

    title = "event"
    parameter_name = "event"

    def lookups(self, request, model_admin):
        # Django applies a filter only while it has a choice to show: the one asked for.
        value = self.value()
        if not value:
            return []
        if not could_be_id(value):
            raise IncorrectLookupParameters(f"“{value[:40]}” is not an event.")
        event = Event.objects.filter(pk=value).only("title").first()
        return [(value, str(event) if event is not None else f"no event {value}")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(event_id=int(self.value()))
        return queryset


class YearListFilter(admin.SimpleListFilter):
    """
    The years from the first date to the last, newest first. The date leads the model's
    ordering, which has an index: both ends are one index read each, where Django's
    ``date_hierarchy`` reads every row for its distinct years.
    """

    title = "year"
    parameter_name = "year"
    field = None

    def lookups(self, request, model_admin):
        model = model_admin.model
        dated = model._default_manager.filter(**{f"{self.field}__isnull": False}).values_list(self.field, flat=True)
        ordered = dated.order_by(*model._meta.ordering)
        ends = [day for day in (ordered.first(), ordered.last()) if day is not None]
        if not ends:
            return []
        return [(str(year), str(year)) for year in range(max(ends).year, min(ends).year - 1, -1)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            year = int(self.value())
            # To 31 December, not before 1 January of the next year: 9999 has none.
            start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        except (ValueError, OverflowError):
            raise IncorrectLookupParameters(f"“{self.value()}” is not a year.") from None
        return queryset.filter(**{f"{self.field}__gte": start, f"{self.field}__lte": end})


class SaidYearFilter(YearListFilter):
    title = "year said"
    field = "said_on"


class PublishedYearFilter(YearListFilter):
    title = "year published"
    field = "published_on"


class StartYearFilter(YearListFilter):
    field = "start_date"


class FullTextSearchMixin:
    """
    The admin's search box through the full-text index (``archive.search``), drafts
    included: whole words in any form ("expelled" finds "expel"), phrases in quotes, "or"
    and "-word" as on the public search. A word common to a hundred thousand items would
    make every list page sort and count them all, so the list holds the ``SEARCH_LIMIT``
    most recently added matches, and says so. A picker (an autocomplete) reads its last
    word as the start of one too, as the editor types it: "Vald" finds "Valdai".
    """

    SEARCH_LIMIT = 500
    search_kind = None
    search_help_text = "Whole words, a “phrase in quotes”, or between alternatives, -word to leave one out."

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        # A picker's box is searched as it is typed: its last word may be the start of one.
        typing = getattr(request.resolver_match, "url_name", None) == "autocomplete"
        parsed = parse(search_term, prefix=typing)
        if not parsed:
            if parsed.stopwords:
                self.message_user(request, "Those words are too common to search for.", messages.WARNING)
            return queryset.none(), False
        ids, more = recent_matches(parsed, self.search_kind, self.SEARCH_LIMIT, documents=SearchDocument.objects.all())
        if more:
            self.message_user(
                request,
                f"Many items match: these are the {self.SEARCH_LIMIT:,} most recently added. Add words to narrow it.",
                messages.INFO,
            )
        return queryset.filter(pk__in=ids), False


# The id of a row edited in a changelist: list_editable's formset names it "form-0-id".
ROW_ID_KEY = re.compile(r"^form-\d+-id$")


def could_be_id(value):
    """Whether a submitted value could be a row's id: Django's autocompletes query with what they are given."""
    try:
        return -(2**63) <= int(str(value)) < 2**63
    except ValueError:
        return False


class IdsOnly:
    """
    An autocomplete redrawn after a form error shows the ids it was given that could be ids.
    Django's would look up "abc" or a 20-digit number as an id and fail (the field has already
    said "Select a valid choice").
    """

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [item for item in value if could_be_id(item)], attr)


class SafeAutocompleteSelect(IdsOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(IdsOnly, AutocompleteSelectMultiple):
    pass


class IdsMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses what could not be an id before looking the choices up (SQLite cannot take a 20-digit number)."""

    def _check_values(self, value):
        for item in value:
            if not could_be_id(item):
                message = self.error_messages["invalid_pk_value"]
                raise ValidationError(message, code="invalid_pk_value", params={"pk": item})
        return super()._check_values(value)


class SafeAutocompletes:
    """For a ModelAdmin or inline: its ``autocomplete_fields`` use the widgets and field above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
            kwargs.setdefault("form_class", IdsMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class CheckedInput(SafeAutocompletes):
    """
    For every ModelAdmin of the archive: what a crafted request can put where the admin expects
    an id (an autocomplete, the rows an action is for, a history version) is refused with a
    message or a 404, never passed to a query that would fail; and a form sent back with its
    errors answers 400.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # A form sent back with its errors answers 400, as every other refused input does.
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if request.method == "POST" and (getattr(response, "context_data", None) or {}).get("errors"):
            response.status_code = 400
        return response

    def response_action(self, request, queryset):
        unusable = [value for value in request.POST.getlist(ACTION_CHECKBOX_NAME) if not could_be_id(value)]
        if unusable:
            message = f"Nothing was done: “{unusable[0][:40]}” is not an item of this list."
            self.message_user(request, message, messages.ERROR)
            return None
        return super().response_action(request, queryset)

    def changelist_view(self, request, extra_context=None):
        # Rows edited in the list (list_editable) are named by id: "abc" or a 20-digit number is no row.
        if request.method == "POST" and "_save" in request.POST:
            rows = [value for key, value in request.POST.items() if ROW_ID_KEY.match(key) and value]
            unusable = [value for value in rows if not could_be_id(value)]
            if unusable:
                message = f"Nothing was saved: “{unusable[0][:40]}” is not an item of this list."
                self.message_user(request, message, messages.ERROR)
                return HttpResponseRedirect(request.get_full_path())
            # A row that left the list since the page was drawn (the review queue's, accepted or rejected
            # by someone else) would reach Django as a new row, and it answers a bare 400 for the page.
            if rows and self.list_editable and self.has_change_permission(request):
                listed = self.get_queryset(request).filter(pk__in=rows).order_by().values_list("pk", flat=True)
                gone = {int(row) for row in rows} - set(listed)
                if gone:
                    message = (
                        f"Nothing was saved: {len(gone)} row(s) of the page left this list meanwhile (someone else "
                        "changed or deleted them). This is the list as it is now: make your changes again."
                    )
                    self.message_user(request, message, messages.ERROR)
                    return HttpResponseRedirect(request.get_full_path())
        response = super().changelist_view(request, extra_context)
        formset = getattr((getattr(response, "context_data", None) or {}).get("cl"), "formset", None)
        if formset is not None and formset.is_bound and not formset.is_valid():
            response.status_code = 400  # rows sent back with their errors, as a change form's are
        return response

    def history_view(self, request, object_id, extra_context=None):
        if not could_be_id(object_id):
            raise Http404("No such item.")
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not (could_be_id(object_id) and could_be_id(version_id)):
            raise Http404("No such version.")
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 200:
            response.status_code = 400  # the old version's form, sent back with its errors
        return response


class PublishPermissionMixin:
    """
    Publishing is an editor's decision: only users with ``publish_<model>`` may publish,
    unpublish or schedule (set the publish time).

    Anyone else is offered "Draft" and "In review" only (a crafted "published" is a form
    error), sees the publish time and an already-published item's status read-only, and
    does not get the publish and unpublish actions. ``save_model`` enforces the same on
    every path into the form, reverting to an old version included.
    """

    NOT_ALLOWED = "Only editors can publish: save this as a draft or submit it for review."

    def has_publish_permission(self, request, obj=None):
        opts = self.opts.concrete_model._meta
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def stored_state(self, obj):
        """The status and publish time in the database (not as a form or an old version has them)."""
        if obj is None or obj.pk is None:
            return None
        if not hasattr(obj, "_stored_state"):
            manager = self.opts.concrete_model._default_manager
            obj._stored_state = manager.filter(pk=obj.pk).values("status", "published_at").first()
        return obj._stored_state

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields.append("published_at")
            stored = self.stored_state(obj)
            if stored and stored["status"] == Status.PUBLISHED:
                fields.append("status")
        return fields

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not self.has_publish_permission(request):
            kwargs["choices"] = [choice for choice in Status.choices if choice[0] != Status.PUBLISHED]
            kwargs["error_messages"] = {"invalid_choice": self.NOT_ALLOWED}
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if self.has_publish_permission(request):
            return form
        return type(form.__name__, (StoredEditorialStateForm, form), {"admin": self})

    def save_model(self, request, obj, form, change):
        if not self.has_publish_permission(request):
            self.keep_editorial_state(obj)
        super().save_model(request, obj, form, change)

    def keep_editorial_state(self, obj):
        """What a user who may not publish cannot change stays as stored; nothing they save is published."""
        stored = self.stored_state(obj)
        if stored and stored["status"] == Status.PUBLISHED:
            obj.status = Status.PUBLISHED
        elif obj.status == Status.PUBLISHED:
            raise PermissionDenied(self.NOT_ALLOWED)
        obj.published_at = stored["published_at"] if stored else None


class StoredEditorialStateForm(forms.ModelForm):
    """
    For a user who may not publish: the object is checked with the status and publish time it
    will be saved with (the stored ones, see ``keep_editorial_state``), not with those of the
    form's instance, which for a revert are an old version's. Otherwise a draft version's
    checks would pass and the save would publish what they let through. Every constraint is
    checked, those on the read-only status included, and an error about a field the form does
    not show is said at the top of the form.
    """

    admin = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The read-only status and publish time show what a save keeps, not an old version's.
        stored = self.admin.stored_state(self.instance)
        if stored:
            self.instance.status, self.instance.published_at = stored["status"], stored["published_at"]

    def _post_clean(self):
        stored = self.admin.stored_state(self.instance)
        self.instance.status = stored["status"] if stored else Status.DRAFT
        self.instance.published_at = stored["published_at"] if stored else None
        super()._post_clean()
        if self._errors:
            return
        try:
            self.instance.validate_constraints()
        except ValidationError as error:
            self._update_errors(error)

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            shown = {}
            for field, messages in errors.error_dict.items():
                shown.setdefault(field if field in self.fields else NON_FIELD_ERRORS, []).extend(messages)
            errors = ValidationError(shown)
        super()._update_errors(errors)


class LargeTable:
    """A large table's admin: no COUNT(*) of the whole table per page view on PostgreSQL (archive.paginators)."""

    paginator = EstimatedCountPaginator
    show_full_result_count = False


def items(count):
    return f"{count:,} item" if count == 1 else f"{count:,} items"


class PublishableAdmin(LargeTable, GuardsEditConflicts, CheckedInput, PublishPermissionMixin, HistoryAdmin):
    """Status filter, publish and unpublish actions, timestamps and history for every public model."""

    # Drawing a row costs more than reading it: 50 a page keeps a page view well under 300 ms.
    list_per_page = 50
    actions = ["publish", "unpublish"]
    readonly_fields = ["created_at", "updated_at"]

    # Saved one by one, not with update(): each change is recorded in the history with
    # who made it, and reaches the search index.

    @admin.action(description="Publish selected items now", permissions=["publish"])
    def publish(self, request, queryset):
        now = timezone.now()

        def publish(obj):
            obj.status = Status.PUBLISHED
            # Now means now: a publish time still ahead (scheduled) is brought forward; a past one stays.
            if obj.published_at is None or obj.published_at > now:
                obj.published_at = now

        already = Q(status=Status.PUBLISHED, published_at__lte=now)
        self.change_status(request, queryset, already, publish, "published", ("was published", "were published"))

    @admin.action(description="Unpublish selected items (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        def unpublish(obj):
            obj.status = Status.DRAFT

        self.change_status(
            request, queryset, Q(status=Status.DRAFT), unpublish, "unpublished", ("was a draft", "were drafts")
        )

    def change_status(self, request, queryset, already, change, done, were_so):
        """
        ``change`` each object not ``already`` so and save it, unless the result fails a check:
        then say why. Says how many changed, and how many ``were_so`` (singular, plural) already.
        """
        count, refused = 0, []
        selected = queryset.count()
        with transaction.atomic():
            for obj in queryset.exclude(already):
                change(obj)
                try:
                    obj.validate_constraints()
                    obj.validate_publishing()
                except ValidationError as error:
                    refused.append(f"“{obj}”: {' '.join(error.messages)}")
                    continue
                obj.save()
                count += 1
        if count:
            self.message_user(request, f"{done.capitalize()} {items(count)}.", messages.SUCCESS)
        if unchanged := selected - count - len(refused):
            were = were_so[0] if unchanged == 1 else were_so[1]
            self.message_user(request, f"{capfirst(items(unchanged))} {were} already.", messages.INFO)
        if refused:
            self.message_user(request, f"Not {done}: {'; '.join(refused)}", messages.WARNING)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "published_at":
            # The admin's date and time boxes follow "Date:" and "Time:" in plain text, and the
            # field's label points at neither: each box is named for screen readers instead.
            date, time = formfield.widget.widgets
            date.attrs["aria-label"] = f"{capfirst(db_field.verbose_name)}: date"
            time.attrs["aria-label"] = f"{capfirst(db_field.verbose_name)}: time of day"
        return formfield

    @admin.display(description="status", ordering="status")
    def status_badge(self, obj):
        if obj.status == Status.PUBLISHED and not obj.is_public:
            return f"Scheduled for {timezone.localtime(obj.published_at):%Y-%m-%d %H:%M}"
        return obj.get_status_display()


EDITORIAL_FIELDSET = ("Editorial status", {"fields": ["status", "published_at", "created_at", "updated_at"]})


class TagNames:
    """For a form with the tags box: a tag typed there fits a tag's name (and its slug); a longer one is an error."""

    def clean_tags(self):
        names = self.cleaned_data["tags"]
        for name in names:
            if len(name) > TAG_LENGTH:
                raise ValidationError(f"A tag is at most {TAG_LENGTH} characters: “{name[:40]}…” has {len(name)}.")
        return names


class ArticleForm(TagNames, PartialDateModelForm):
    published = PartialDateField(label="Publication date", required=False)
    partial_dates = {"published": ("published_on", "published_on_precision")}

    class Meta:
        model = Article
        exclude = ["published_on", "published_on_precision"]


class QuoteForm(TagNames, PartialDateModelForm):
    said = PartialDateField(label="Date said", required=False)
    partial_dates = {"said": ("said_on", "said_on_precision")}

    class Meta:
        model = Quote
        exclude = ["said_on", "said_on_precision"]


class EventForm(TagNames, PartialDateModelForm):
    start = PartialDateField(label="Start date")
    end = PartialDateField(label="End date", required=False, help_text="Only for events that lasted.")
    partial_dates = {"start": ("start_date", "start_precision"), "end": ("end_date", "end_precision")}

    class Meta:
        model = Event
        exclude = ["start_date", "start_precision", "end_date", "end_precision"]


class KnownChoiceAutocomplete(SafeAutocompleteSelect):
    """
    An autocomplete that shows its selected object from ``known`` (the row's own,
    select_related) instead of a query per row, so the queue's editable list and an inline of
    many rows cost the same number of queries however long they are. Without ``known``, Django's own.
    """

    known = None

    def optgroups(self, name, value, attr=None):
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if self.known is None or selected != [str(self.known.pk)]:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(self.known)
        options.append(self.create_option(name, self.known.pk, label, set(selected), len(options)))
        return [(None, options, 0)]


class KnownChoicesForm(forms.ModelForm):
    """Each ``KnownChoiceAutocomplete`` of the form shows the object its row already holds."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # inside the related-object wrapper
            if isinstance(widget, KnownChoiceAutocomplete) and getattr(self.instance, f"{name}_id", None):
                widget.known = getattr(self.instance, name)


class KnownChoicesInlineMixin:
    """An inline whose autocompletes cost no query per row: their objects come with the rows."""

    form = KnownChoicesForm

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.autocomplete_fields)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = KnownChoiceAutocomplete(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CitationInline(GuardsInlineEditConflicts, KnownChoicesInlineMixin, SafeAutocompletes, admin.StackedInline):
    model = Citation
    extra = 1
    fields = ["quote", "article", "passage", ("start_offset", "end_offset")]


class ArticleCitationInline(CitationInline):
    """On an article: which quotes it reports. "+" beside a quote adds a new quote in a popup."""

    autocomplete_fields = ["quote"]
    fields = ["quote", "passage", ("start_offset", "end_offset")]
    verbose_name = "quote reported here"
    verbose_name_plural = "quotes reported in this article"


class QuoteCitationInline(CitationInline):
    """On a quote: every article that reported it."""

    autocomplete_fields = ["article"]
    fields = ["article", "passage", ("start_offset", "end_offset")]
    verbose_name = "citation (an article reporting this quote)"
    verbose_name_plural = "citations (articles reporting this quote)"


@admin.register(Outlet)
class OutletAdmin(LargeTable, GuardsEditConflicts, CheckedInput, HistoryAdmin):
    list_display = ["name", "url", "country", "article_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        # Counted per outlet shown, through the (outlet, date) index: a join and GROUP BY would
        # read every article for each page, and once more to count the outlets.
        articles = Article.objects.filter(outlet=OuterRef("pk")).order_by().values("outlet")
        total = Subquery(articles.annotate(total=Count("*")).values("total"))
        return super().get_queryset(request).annotate(article_total=Coalesce(total, 0))

    @admin.display(description="articles", ordering="article_total")
    def article_count(self, obj):
        return obj.article_total


@admin.register(Article)
class ArticleAdmin(FullTextSearchMixin, PublishableAdmin):
    form = ArticleForm
    change_list_template = "admin/archive/article/change_list.html"
    list_display = ["headline", "outlet", "published_display", "status_badge", "updated_at"]
    # No language filter: its choices would read every row (``?language=ru`` still filters).
    list_filter = ["status", "outlet", "published_on_precision", PublishedYearFilter, TagListFilter]
    list_select_related = ["outlet"]
    search_kind = SearchDocument.Kind.ARTICLE
    search_fields = ["headline", "dek", "summary", "url", "authors"]
    search_help_text = "Words in the headline, summary, byline, outlet, people, tags or text; or an article's full URL."
    autocomplete_fields = ["outlet", "people"]
    prepopulated_fields = {"slug": ["headline"]}
    inlines = [ArticleCitationInline]
    fieldsets = [
        (None, {"fields": ["headline", "dek", "slug", "outlet", "url", "authors", "translator", "published"]}),
        ("Content", {"fields": ["language", "summary", "body", "people", "tags", "notes"]}),
        EDITORIAL_FIELDSET,
    ]

    @admin.display(description="published", ordering="published_on")
    def published_display(self, obj):
        return obj.published or "—"

    def get_search_results(self, request, queryset, search_term):
        """A full URL finds its article (the index on ``url``); anything else is words."""
        if search_term.strip().startswith(("http://", "https://")):
            return queryset.filter(url=search_term.strip()), False
        return super().get_search_results(request, queryset, search_term)

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="archive_article_import"),
            *super().get_urls(),
        ]

    # What an import writes: the article, its citations, new quotes and people (drafts), a new outlet.
    IMPORT_PERMISSIONS = [
        "archive.add_article",
        "archive.add_citation",
        "archive.add_quote",
        "archive.add_outlet",
        "people.add_person",
    ]

    def has_import_permission(self, request):
        """A user who may add articles but not quotes, people or outlets adds articles by hand, not by import."""
        return request.user.has_perms(self.IMPORT_PERMISSIONS)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "has_import_permission": self.has_import_permission(request)}
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        """Upload or paste an article; everything it creates is a draft waiting in the review queue."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = ImportArticleForm(request.POST or None, request.FILES or None)
        report, problem = None, None
        if request.method == "POST" and form.is_valid():
            name, data = form.source()
            with tempfile.TemporaryDirectory() as folder:
                source = Path(folder) / name
                source.write_bytes(data)
                try:
                    report = import_file(source, form.options())
                except ImportInputError as error:
                    problem = f"{name}: {error}"
            if report:
                report.file = name  # The editor's file name, not the server's temporary path.
            if report and report.saved:
                self.message_user(request, import_summary(report), messages.SUCCESS)
                if report.new_outlet:
                    self.message_user(
                        request,
                        f"The outlet “{report.outlet}” was not in the archive and has been created. If it is "
                        "another spelling of an outlet already there, choose that one here; an editor can then "
                        "delete the new one under Outlets.",
                        messages.WARNING,
                    )
                for warning in report.warnings:
                    self.message_user(request, f"{name}: {warning}", messages.WARNING)
                return redirect("admin:archive_article_change", report.article.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import article",
            "form": form,
            "report": report,
            "problem": problem,
        }
        # A browser never sends a chosen file back with the form: without a word, the next try says "upload a file".
        upload = request.FILES.get("file")
        if form.errors and upload and "file" not in form.errors and not form.data.get("text", "").strip():
            self.message_user(
                request,
                f"Nothing was imported. Put the mistakes below right, then choose “{upload.name}” again: "
                "the form comes back without the file.",
                messages.WARNING,
            )
        elif report and not report.saved and upload:
            self.message_user(
                request,
                f"To import “{upload.name}”, untick the dry run and choose the file again: the form comes back "
                "without it.",
                messages.INFO,
            )
        status = 400 if request.method == "POST" and (problem or form.errors) else 200
        return TemplateResponse(request, "admin/archive/article/import.html", context, status=status)


def import_summary(report):
    """What a saved import added: new quotes wait in the review queue, words already in the archive do not."""
    suggested = sum(1 for quote in report.quotes if quote.existing_quote_id is None)
    existing = len({quote.existing_quote_id for quote in report.quotes} - {None})
    if suggested:
        summary = f"Imported a draft article with {suggested} suggested quote(s); review them under Suggested quotes."
    elif existing:
        summary = "Imported a draft article; no new quotes to review."
    else:
        summary = "Imported a draft article; no quotes were found in it."
    if existing:
        summary += f" It cites {existing} quote(s) already in the archive, which keep their status."
    return summary


@admin.register(Quote)
class QuoteAdmin(FullTextSearchMixin, PublishableAdmin):
    form = QuoteForm
    list_display = ["__str__", "attribution_display", "said_display", "kind", "event", "status_badge"]
    # No language filter: its choices would read every row (``?language=ru`` still filters).
    list_filter = ["status", "kind", "said_on_precision", SaidYearFilter, TagListFilter, EventListFilter]
    list_select_related = ["speaker", "event"]
    search_kind = SearchDocument.Kind.QUOTE
    search_fields = ["text", "speaker__name", "unnamed_source", "original_text"]
    search_help_text = (
        "Words in the quote, its speaker's names, the unnamed source, the original wording, the event or tags."
    )
    autocomplete_fields = ["speaker", "event"]
    inlines = [QuoteCitationInline]
    fieldsets = [
        (None, {"fields": ["text", ("speaker", "unnamed_source"), "said", "event", "kind"]}),
        ("Language", {"fields": ["language", "original_text", "original_language"], "classes": ["collapse"]}),
        ("Classification", {"fields": ["tags", "notes"]}),
        EDITORIAL_FIELDSET,
    ]

    @admin.display(description="said by", ordering="speaker__sort_name")
    def attribution_display(self, obj):
        return obj.attribution or "—"

    @admin.display(description="date said", ordering="said_on")
    def said_display(self, obj):
        return obj.said or "—"


class ConcretePermissionsMixin:
    """A proxy's admin asks for its concrete model's permissions: the roles need no grants of their own."""

    def has_concrete_permission(self, request, action):
        opts = self.opts.concrete_model._meta
        return request.user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")

    def has_view_permission(self, request, obj=None):
        return self.has_concrete_permission(request, "view") or self.has_concrete_permission(request, "change")

    def has_change_permission(self, request, obj=None):
        return self.has_concrete_permission(request, "change")

    def has_delete_permission(self, request, obj=None):
        return self.has_concrete_permission(request, "delete")


class SuggestedSpeakerForm(OpenedVersionForm, KnownChoicesForm):
    """
    The queue's speaker column: naming a speaker replaces an unnamed source. Every row of the
    page is sent back, as it was shown: a row whose speaker someone else set since is compared
    with the version opened (hidden beside the list, see its change_list_results.html), like an
    inline's row, so it is refused rather than written back over their change.
    """

    compare_unchanged = False

    class Meta:
        model = SuggestedQuote
        fields = ["speaker"]

    def _post_clean(self):
        if self.cleaned_data.get("speaker"):
            self.instance.unnamed_source = ""
        super()._post_clean()


class SuggestedQuoteForm(QuoteForm):
    class Meta(QuoteForm.Meta):
        model = SuggestedQuote


@admin.register(SuggestedQuote)
class SuggestedQuoteAdmin(ConcretePermissionsMixin, QuoteAdmin):
    """
    The review queue: quotes an import suggested, newest first. Set speakers in the list
    (many at once), then accept or reject them, here or one at a time on each quote's page.
    """

    form = SuggestedQuoteForm
    actions = ["accept", "accept_and_publish", "reject"]
    list_display = ["text_display", "speaker", "suggested_source", "confidence", "articles_display", "passage"]
    list_display_links = ["text_display"]
    list_editable = ["speaker"]
    # The queue is short: here the language filter's choices cost little.
    list_filter = ["kind", "language"]
    list_select_related = ["speaker"]
    # Newest first, as the queue's partial index (quote_suggestion_queue_idx) is ordered; the
    # changelist would otherwise sort by the model's ordering, walking every quote by date.
    ordering = ["-created_at", "-id"]
    readonly_fields = [*PublishableAdmin.readonly_fields, "suggestion_confidence", "suggested_speaker_name"]
    fieldsets = [
        ("Import suggestion", {"fields": [("suggestion_confidence", "suggested_speaker_name")]}),
        *QuoteAdmin.fieldsets,
    ]
    change_form_template = "admin/archive/suggestedquote/change_form.html"
    change_list_template = "admin/archive/suggestedquote/change_list.html"
    decisions = {"_accept": "change", "_accept_publish": "publish", "_reject": "delete"}

    def get_queryset(self, request):
        citations = Citation.objects.select_related("article").order_by("id")
        return (
            SuggestedQuote.objects.suggestions()
            .select_related("speaker")
            .prefetch_related(Prefetch("citations", queryset=citations))
            .order_by("-created_at", "-id")
        )

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=SuggestedSpeakerForm, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "speaker":
            kwargs["widget"] = KnownChoiceAutocomplete(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Rejecting is how a suggestion goes: it keeps a quote that other articles cite.
        actions.pop("delete_selected", None)
        return actions

    def has_add_permission(self, request):
        return False  # Suggestions come from imports; add quotes under Quotes.

    # A suggestion's history is its quote's: one place to read it and revert.

    def history_view(self, request, object_id, extra_context=None):
        return redirect("admin:archive_quote_history", object_id)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        return redirect("admin:archive_quote_simple_history", object_id, version_id)

    @admin.display(description="quote")
    def text_display(self, obj):
        return Truncator(obj.text).chars(120)

    @admin.display(description="suggested speaker / unnamed source")
    def suggested_source(self, obj):
        if obj.suggested_speaker_name:
            return format_html("read as “{}”", obj.suggested_speaker_name)
        return obj.unnamed_source or "—"

    @admin.display(description="confidence", ordering="suggestion_confidence")
    def confidence(self, obj):
        return f"{obj.suggestion_confidence:.0%}"

    @admin.display(description="cited in")
    def articles_display(self, obj):
        citations = obj.citations.all()
        if not citations:
            return "—"
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}">{}</a>',
            (
                (reverse("admin:archive_article_change", args=[c.article_id]), Truncator(c.article.headline).chars(80))
                for c in citations
            ),
        )

    @admin.display(description="passage")
    def passage(self, obj):
        citations = obj.citations.all()
        return highlight_passage(citations[0].passage, obj.text) if citations else "—"

    def decide(self, request, queryset, decision):
        if decision == "_reject":
            deleted, kept = reject_suggestions(queryset)
            message = f"Rejected {deleted + kept} suggested quote(s)."
            if kept:
                message += f" {kept} also cited by other articles: kept, without this article's citation."
            self.message_user(request, message, messages.SUCCESS)
            return
        accepted, published, held = accept_suggestions(queryset, publish=decision == "_accept_publish")
        if decision == "_accept_publish":
            message = f"Accepted {accepted} quote(s); published {published}."
            if held:
                reasons = "; ".join(f"{reason} ({count})" for reason, count in Counter(held).items())
                message += f" {len(held)} went to review instead: {reasons}"
        else:
            message = f"Accepted {accepted} quote(s) for review."
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description="Accept (to review)", permissions=["change"])
    def accept(self, request, queryset):
        self.decide(request, queryset, "_accept")

    @admin.action(description="Accept and publish", permissions=["publish"])
    def accept_and_publish(self, request, queryset):
        self.decide(request, queryset, "_accept_publish")

    @admin.action(description="Reject (delete suggestion and its citation)", permissions=["delete"])
    def reject(self, request, queryset):
        self.decide(request, queryset, "_reject")

    def allowed_decisions(self, request):
        return [
            decision
            for decision, permission in self.decisions.items()
            if getattr(self, f"has_{permission}_permission")(request)
        ]

    def render_change_form(self, request, context, *args, **kwargs):
        context["allowed_decisions"] = self.allowed_decisions(request)
        return super().render_change_form(request, context, *args, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            wanted = [decision for decision in self.decisions if decision in request.POST]
            if any(decision not in self.allowed_decisions(request) for decision in wanted):
                raise PermissionDenied
        if object_id is not None and could_be_id(object_id) and self.has_view_or_change_permission(request):
            decided = self.decided_meanwhile(request, object_id)
            if decided is not None:
                return decided
        return super().changeform_view(request, object_id, form_url, extra_context)

    def decided_meanwhile(self, request, object_id):
        """
        A suggestion someone accepted or rejected since its page was opened: Django would say "Perhaps
        it was deleted?" of a quote still there, on the admin's home page. The quote's own page opens
        instead, with a message saying what happened; None while it is still a suggestion.
        """
        if self.get_queryset(request).filter(pk=object_id).exists():
            return None
        quote = Quote.objects.filter(pk=object_id).only("text").first()
        if quote is None:
            return None
        message = f"“{quote}” is no longer in the review queue: someone accepted or rejected it meanwhile."
        if request.method == "POST":
            message += " Nothing of yours was saved."
        self.message_user(request, message, messages.WARNING)
        return redirect("admin:archive_quote_change", quote.pk)

    def response_change(self, request, obj):
        decision = next((decision for decision in self.decisions if decision in request.POST), None)
        if decision is None:
            return super().response_change(request, obj)
        self.decide(request, SuggestedQuote.objects.filter(pk=obj.pk), decision)
        return HttpResponseRedirect(reverse("admin:archive_suggestedquote_changelist"))


@admin.register(Citation)
class CitationAdmin(LargeTable, GuardsEditConflicts, CheckedInput, HistoryAdmin):
    list_display = ["quote", "article", "start_offset", "end_offset"]
    list_select_related = ["quote", "article"]
    # Newest first, by the primary key: the model's ordering (by article date) sorts every citation.
    ordering = ["-id"]
    list_per_page = 50
    list_filter = ["article__outlet"]
    search_fields = ["quote__text", "article__headline", "passage"]
    search_help_text = "Words of the quote or of the article (as the quote and article lists search them)."
    autocomplete_fields = ["quote", "article"]

    def get_search_results(self, request, queryset, search_term):
        """Citations of the quotes and of the articles the full-text index finds (a LIKE would read them all)."""
        if not search_term.strip():
            return queryset, False
        parsed = parse(search_term)
        documents = SearchDocument.objects.all()
        limit = FullTextSearchMixin.SEARCH_LIMIT
        quotes, _ = recent_matches(parsed, SearchDocument.Kind.QUOTE, limit, documents) if parsed else ([], False)
        articles, _ = recent_matches(parsed, SearchDocument.Kind.ARTICLE, limit, documents) if parsed else ([], False)
        return queryset.filter(Q(quote__in=quotes) | Q(article__in=articles)), False


class NamesDeletedRows(forms.BaseInlineFormSet):
    """
    An inline list that says so when a row it was opened with has been deleted since. Django
    refuses the save with "Select a valid choice" on that row's hidden id, and the page, drawn
    from the rows still stored, no longer shows the row: the error would be nowhere to be seen.
    """

    def clean(self):
        super().clean()
        pk_name = self.model._meta.pk.name
        gone = [
            form for form in self.initial_forms if form.instance.pk is None and form.data.get(form.add_prefix(pk_name))
        ]
        if gone:
            opts = self.model._meta
            what = (
                f"One {opts.verbose_name} in this list was"
                if len(gone) == 1
                else f"{len(gone)} {opts.verbose_name_plural} in this list were"
            )
            raise ValidationError(
                f"{what} deleted since you opened the page. Nothing was saved: open it again to see the list as it "
                "is now, then make your changes."
            )


class NewestFormSet(forms.BaseInlineFormSet):
    """
    An inline of the newest ``limit`` related rows only (read-only: nothing to save). What a page
    sends back for it is not read: a row deleted since the page was opened would otherwise refuse
    the whole save, with an error on a row the page no longer shows.
    """

    limit = 20

    def __init__(self, data=None, files=None, *args, **kwargs):
        super().__init__(None, None, *args, **kwargs)

    def is_valid(self):
        return True

    def save(self, commit=True):
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
        return []

    def get_queryset(self):
        # Kept, like Django's own: the formset asks for it once per form.
        if not hasattr(self, "_newest"):
            self._newest = super().get_queryset()[: self.limit]
        return self._newest


class EventQuoteInline(admin.TabularInline):
    """The newest quotes said at the event; all of them are a link away (``EventAdmin.all_quotes``)."""

    model = Quote
    formset = NewestFormSet
    fields = ["text", "speaker", "said_display", "kind", "status"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False
    verbose_name_plural = f"quotes said at this event (the newest {NewestFormSet.limit})"

    def has_add_permission(self, request, obj):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker")

    @admin.display(description="date said")
    def said_display(self, obj):
        return obj.said or "—"


@admin.register(Event)
class EventAdmin(FullTextSearchMixin, PublishableAdmin):
    form = EventForm
    list_display = ["title", "kind", "start_display", "location", "status_badge"]
    list_filter = ["status", "kind", "start_precision", StartYearFilter, TagListFilter]
    search_kind = SearchDocument.Kind.EVENT
    search_fields = ["title", "location", "description"]
    search_help_text = "Words in the title, location, description, people or tags."
    autocomplete_fields = ["people", "articles"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = [*PublishableAdmin.readonly_fields, "all_quotes"]
    inlines = [EventQuoteInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", ("start", "end"), "location", "description"]}),
        ("Connections", {"fields": ["people", "articles", "tags", "all_quotes"]}),
        EDITORIAL_FIELDSET,
    ]

    delete_confirmation_template = "admin/archive/event/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/archive/event/delete_selected_confirmation.html"
    # How many of the quotes said at the events being deleted their confirmation page lists.
    quotes_kept_shown = 20

    # Deleting an event keeps the quotes said at it (``Quote.event`` is SET_NULL). The
    # confirmation says so and lists them, and each quote is saved without its event before
    # the delete, so the change is in its history (the database's SET NULL would not be).

    def quotes_kept_context(self, quotes):
        shown = list(quotes.order_by("-said_on", "-id")[: self.quotes_kept_shown])
        count = len(shown) if len(shown) < self.quotes_kept_shown else quotes.count()
        return {"quotes_kept": shown, "quotes_kept_count": count, "quotes_kept_more": count - len(shown)}

    def render_delete_form(self, request, context):
        event = context["object"]
        context.update(self.quotes_kept_context(Quote.objects.filter(event=event)))
        url = reverse("admin:archive_quote_changelist")
        context["quotes_kept_url"] = f"{url}?event={event.pk}"
        return super().render_delete_form(request, context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _, name, description = actions["delete_selected"]
            actions["delete_selected"] = (type(self).delete_selected_events, name, description)
        return actions

    def delete_selected_events(self, request, queryset):
        response = delete_selected(self, request, queryset)
        if isinstance(response, TemplateResponse):
            response.context_data.update(self.quotes_kept_context(Quote.objects.filter(event__in=queryset)))
        return response

    def release_quotes(self, quotes):
        for quote in quotes.select_related("event"):
            quote._change_reason = f"Event “{quote.event.title}” deleted"
            quote.event = None
            quote.save()

    def delete_model(self, request, obj):
        with transaction.atomic():
            self.release_quotes(Quote.objects.filter(event=obj))
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            self.release_quotes(Quote.objects.filter(event__in=queryset))
            super().delete_queryset(request, queryset)

    @admin.display(description="quotes")
    def all_quotes(self, obj):
        if obj.pk is None:
            return "—"
        url = reverse("admin:archive_quote_changelist")
        return format_html('<a href="{}?event={}">Every quote said at this event</a>', url, obj.pk)

    @admin.display(description="date", ordering="start_date")
    def start_display(self, obj):
        if obj.end:
            return f"{obj.start} – {obj.end}"
        return obj.start


def name_the_links():
    """
    The rows Django creates for the many-to-many links (the people an article mentions, an
    event's people and covering articles) read as both ends, not "Article_people object (14)":
    a delete's confirmation page lists the links it removes, and the editor must see which.
    """
    Article.people.through.__str__ = lambda link: f"“{link.article}” mentions {link.person}"
    Event.people.through.__str__ = lambda link: f"“{link.event}” involves {link.person}"
    Event.articles.through.__str__ = lambda link: f"“{link.event}” is covered by “{link.article}”"


def check_every_admin(site=admin.site):
    """
    The other apps' ModelAdmins (users, groups, django-axes' login attempts) refuse what cannot
    be an id as the archive's own do (``CheckedInput``): run once every admin module is loaded.
    """
    for model, model_admin in list(site._registry.items()):
        if not isinstance(model_admin, CheckedInput):
            site.unregister(model)
            site.register(model, type(type(model_admin).__name__, (CheckedInput, type(model_admin)), {}))


# taggit's own admin lists every tagging of a tag on its page: thousands of rows at this size.
admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(CheckedInput, TaggitTagAdmin):
    inlines = []
    list_per_page = 50
    # No "Merge selected tags" (taggit's action and its merge-tags/ page): that page checks no
    # permission, so any staff user could merge the tags of published content, and it moves
    # taggings without the search index hearing of it.
    actions = []

    def get_urls(self):
        return [url for url in super().get_urls() if url.name != "taggit_tag_merge_tags"]
