"""Forms for the people pages."""

from archive.forms import DateRangeForm, PartialDateField


class QuoteDateRangeForm(DateRangeForm):
    """``date_after`` / ``date_before`` as in the quote filters: both ends inclusive, partial dates allowed."""

    date_after = PartialDateField(label="Said from", required=False)
    date_before = PartialDateField(label="Said until", required=False)
