"""Form pieces shared by the admin and the public filters."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from archive.dates import PartialDate, partial


def attributes(attrs):
    """A widget's attributes as Django's ``attrs.html`` writes them: in order, a True one bare, a False one left out."""
    return mark_safe(
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


class TextBox(forms.TextInput):
    """
    A ``TextInput`` written out in one pass, as Django's templates would write it. Django
    renders two templates per input, which for the quote filters' form is a tenth of the page.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = format_html(' value="{}"', widget["value"]) if widget["value"] is not None else ""
        return format_html('<input type="{}" name="{}"{}{}>', widget["type"], name, shown, attributes(widget["attrs"]))


SELECTED = mark_safe(" selected")


class OptionsSelect(forms.Select):
    """
    A ``Select`` of plain choices (no groups) written out in one pass. Django's renders a
    template per option, which for a menu of every outlet costs more than the rest of the
    quote list's form.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((choice, SELECTED if str(choice) in selected else "", label) for choice, label in self.choices),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, attributes(self.build_attrs(self.attrs, attrs)), options
        )


class PartialDateField(forms.Field):
    """A date typed as YYYY, YYYY-MM or YYYY-MM-DD; cleans to a PartialDate or None."""

    widget = TextBox

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", "YYYY, YYYY-MM or YYYY-MM-DD: only what is known.")
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("placeholder", "YYYY-MM-DD")
        self.widget.attrs.setdefault("size", 12)

    def has_changed(self, initial, data):
        try:
            new = self.to_python(data)
        except ValidationError:
            return True
        return self.prepare_value(initial or "") != (new.isoformat() if new else "")

    def prepare_value(self, value):
        if isinstance(value, PartialDate):
            return value.isoformat()
        return value

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        try:
            return PartialDate.parse(value)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None


class DateRangeForm(forms.Form):
    """
    A form with ``date_after`` and ``date_before`` PartialDateFields, both ends inclusive:
    ``date_before=2017`` runs to 31 December 2017. A start after the end is an error
    that names both boxes by their labels.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        after, before = cleaned_data.get("date_after"), cleaned_data.get("date_before")
        if after and before and after.date > before.last_day:
            raise ValidationError(
                "“%(after_label)s” (%(after)s) is later than “%(before_label)s” (%(before)s): "
                "swap them or widen the range.",
                code="date_order",
                params={
                    "after": after,
                    "before": before,
                    "after_label": self.fields["date_after"].label,
                    "before_label": self.fields["date_before"].label.lower(),
                },
            )
        return cleaned_data

    def bounds(self):
        """(first day, last day) to filter on; either may be None. Only valid after ``is_valid()``."""
        after, before = self.cleaned_data.get("date_after"), self.cleaned_data.get("date_before")
        return (after.date if after else None, before.last_day if before else None)


class PartialDateModelForm(forms.ModelForm):
    """
    A ModelForm that shows each (date, precision) column pair as one PartialDateField.

    Subclasses list the pairs in ``partial_dates = {"form_field": ("date_column", "precision_column")}``
    and declare the form fields themselves.
    """

    partial_dates = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (date_column, precision_column) in self.partial_dates.items():
            value = partial(getattr(self.instance, date_column), getattr(self.instance, precision_column))
            if name in self.fields:
                self.initial.setdefault(name, value.isoformat() if value else "")

    def _post_clean(self):
        for name, (date_column, precision_column) in self.partial_dates.items():
            if name not in self.cleaned_data:
                continue
            value = self.cleaned_data[name]
            setattr(self.instance, date_column, value.date if value else None)
            if value:
                setattr(self.instance, precision_column, value.precision)
        super()._post_clean()

    def _get_validation_exclusions(self):
        # The date columns are not form fields, but they are set from the form:
        # validate them, and the constraints that use them, like any other field,
        # unless their box was refused already ("This field cannot be null." would repeat it).
        exclusions = super()._get_validation_exclusions()
        for name, columns in self.partial_dates.items():
            if name not in self._errors:
                exclusions.difference_update(columns)
        return exclusions

    def add_error(self, field, error):
        # Route errors on a date column to the form field that edits it; model
        # validation reports them as add_error(None, {"said_on": [...]}).
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            error = error.error_dict
        if isinstance(error, dict):
            routed = {}
            for key, messages in error.items():
                routed.setdefault(self._form_field_for(key), []).extend(
                    messages if isinstance(messages, list) else [messages]
                )
            error = routed
        else:
            field = self._form_field_for(field)
        super().add_error(field, error)

    def _form_field_for(self, name):
        if name is None or name in self.fields:
            return name
        for form_field, columns in self.partial_dates.items():
            if name in columns and form_field in self.fields:
                return form_field
        return name
