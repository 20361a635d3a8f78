"""
Two people editing one item: a save made from a version older than the stored one is refused,
so nobody overwrites a change they never saw.

Every change form carries, hidden, the ``updated_at`` of the item as the editor opened it
(``opened_version``). Saving compares it with the stored row, locked until the save ends where
the database locks rows (PostgreSQL; SQLite writes one at a time anyway). If someone saved in
between, the form comes back with a message saying who and when, and nothing is written: the
editor opens the item again, sees the other change, and makes theirs on top of it.

A row of an inline list (a quote's or an article's citations) is compared the same way when
the form would save it: a row the editor changed, and also one changed elsewhere since (from
the citation's own page or the other side's list), which the form would otherwise write back
as the editor saw it; and a row ticked for deletion, which would otherwise go with a change
its editor never saw. Rows nobody changed are not saved, so they are not compared.
"""

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connections, router
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils import timezone
from django.utils.functional import cached_property

VERSION_FIELD = "opened_version"


def stored_version(model, pk, lock=False):
    """The stored row's ``updated_at`` as the form carries it; None once the row is gone."""
    rows = model._default_manager.filter(pk=pk)
    if lock and connections[router.db_for_write(model)].in_atomic_block:
        rows = rows.select_for_update()
    updated_at = rows.values_list("updated_at", flat=True).first()
    return updated_at.isoformat() if updated_at else None


def who_changed(instance, pk=None):
    """``" by editor2 at 2026-12-06 10:42 UTC"``, from the item's history (or row ``pk``'s), as far as it tells."""
    history = getattr(instance if pk is None else type(instance), "history", None)
    if history is not None and pk is not None:
        history = history.filter(**{instance._meta.pk.attname: pk})
    record = history.order_by("-history_date").select_related("history_user").first() if history else None
    if record is None:
        return ""
    by = f" by {record.history_user.get_username()}" if record.history_user else ""
    return f"{by} at {timezone.localtime(record.history_date):%Y-%m-%d %H:%M %Z}"


class OpenedVersionForm(forms.ModelForm):
    opened_version = forms.CharField(widget=forms.HiddenInput, required=False)
    # An inline row is compared only when the editor changed it: unchanged rows are not saved.
    compare_unchanged = True
    # The message, when the stored row is newer than the one opened.
    conflict = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            # From the row, not the instance: a history revert's instance is an old version.
            model = type(self.instance)
            stored = stored_version(model, self.instance.pk) if self.compare_unchanged else None
            self.initial[VERSION_FIELD] = stored or self.instance.updated_at.isoformat()

    @cached_property
    def changed_data(self):
        # The version is no change of the editor's: alone it neither saves a row nor reads as a change.
        return [name for name in super().changed_data if name != VERSION_FIELD]

    def clean(self):
        cleaned = super().clean()
        opened = cleaned.get(VERSION_FIELD)
        if not opened:
            return cleaned
        if self.instance.pk is None:
            # A row of a list that carries the version it was opened at, but whose row is gone: Django
            # only says "Select a valid choice" of its hidden id, which the page does not show.
            self.refuse(self.deleted(self.posted_pk()))
        if not self.compare_unchanged and not self.has_changed():
            return cleaned
        stored = stored_version(type(self.instance), self.instance.pk, lock=True)
        if stored is None:
            self.refuse(self.deleted(self.instance.pk))  # a revert from History to a deleted item's version
        if stored != opened:
            name = self.instance._meta.verbose_name
            self.refuse(
                f"This {name} was changed{who_changed(self.instance)}, after you opened it. "
                "Nothing of yours was saved, so that change is not lost: open it again to see it, "
                "then make your changes."
            )
        return cleaned

    def refuse(self, message):
        self.conflict = message
        raise ValidationError({NON_FIELD_ERRORS: message})

    def deleted(self, pk):
        who = who_changed(self.instance, pk) if pk is not None else ""
        return (
            f"This {self.instance._meta.verbose_name} was deleted{who}. Nothing of yours was saved: "
            "open the page again to see what is there now, then make your changes."
        )

    def posted_pk(self):
        """The id a bound row was sent with, if it could be one."""
        value = str(self.data.get(self.add_prefix(self._meta.model._meta.pk.name), ""))
        return int(value) if value.isdigit() and int(value) < 2**63 else None


def with_opened_version(form, inline=False):
    if issubclass(form, OpenedVersionForm):
        return form
    return type(form.__name__, (OpenedVersionForm, form), {"compare_unchanged": not inline})


def with_version_field(fieldsets):
    if VERSION_FIELD in flatten_fieldsets(fieldsets):
        return fieldsets
    (name, options), *rest = fieldsets
    return [(name, {**options, "fields": [*options["fields"], VERSION_FIELD]}), *rest]


class GuardsEditConflicts:
    """For the admin of a model with ``updated_at``: its change form refuses a save from an old version."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = with_opened_version(kwargs.get("form", self.form))
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        return with_version_field(super().get_fieldsets(request, obj))


class RefusesStaleDeletions:
    """
    An inline formset that refuses to delete a row changed since it was opened. Django leaves
    out the errors of a row ticked for deletion (it is about to go), so the row's own check
    would not stop the save: the formset says it for the row. It says it too for a row deleted
    since it was opened, which the page no longer shows (Django draws the rows still stored).
    """

    def clean(self):
        super().clean()
        for form in self.forms:
            gone = form.instance.pk is None
            if form.conflict and (gone or getattr(form, "cleaned_data", {}).get(DELETION_FIELD_NAME)):
                raise ValidationError(form.conflict)


def refusing_stale_deletions(formset):
    if issubclass(formset, RefusesStaleDeletions):
        return formset
    return type(formset.__name__, (RefusesStaleDeletions, formset), {})


class GuardsInlineEditConflicts:
    """For an inline of a model with ``updated_at``: each row the editor changed or deletes is compared."""

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = with_opened_version(kwargs.get("form", self.form), inline=True)
        kwargs["formset"] = refusing_stale_deletions(kwargs.get("formset", self.formset))
        return super().get_formset(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        return with_version_field(super().get_fieldsets(request, obj))
