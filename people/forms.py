"""Forms for the people pages."""

from django import forms

from archive.dates import PartialDate

DATE_HELP = "YYYY, YYYY-MM or YYYY-MM-DD"


class PartialDateField(forms.CharField):
    """A YYYY, YYYY-MM or YYYY-MM-DD value, cleaned to a PartialDate (None when empty)."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return PartialDate.parse(value)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from None


class QuoteDateRangeForm(forms.Form):
    """``date_after`` / ``date_before`` as in the quote filters: both ends inclusive, partial dates allowed."""

    date_after = PartialDateField(label="Said on or after", required=False, help_text=DATE_HELP)
    date_before = PartialDateField(label="Said on or before", required=False, help_text=DATE_HELP)

    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("date_after"), cleaned.get("date_before")
        if after and before and after.date > before.last_day:
            raise forms.ValidationError(
                "“Said on or after” (%(after)s) is later than “Said on or before” (%(before)s).",
                code="range",
                params={"after": after.isoformat(), "before": before.isoformat()},
            )
        return cleaned

    def bounds(self):
        """(first day, last day) to filter on; either may be None. Only valid after ``is_valid()``."""
        after, before = self.cleaned_data.get("date_after"), self.cleaned_data.get("date_before")
        return (after.date if after else None, before.last_day if before else None)
