"""The one-pass widgets write exactly what Django's templates write (bar whitespace between options)."""

import re

import pytest
from django import forms

from archive.forms import OptionsSelect, TextBox

ATTRS = {"maxlength": 200, "placeholder": "Say “what”", "required": True, "disabled": False, "id": "id_words"}


@pytest.mark.parametrize("value", [None, "", "Antonov", 'a"b<c>&d', 2017])
def test_text_box_writes_what_text_input_writes(value):
    expected = forms.TextInput(ATTRS).render("words", value, attrs={"aria-describedby": "help"})
    assert TextBox(ATTRS).render("words", value, attrs={"aria-describedby": "help"}) == expected


@pytest.mark.parametrize("value", [None, "", "b", ["b"]])
def test_options_select_writes_what_select_writes(value):
    choices = [("", "Any"), ("a", "A & A"), ("b", "“B”")]
    expected = forms.Select({"id": "id_pick"}, choices=choices).render("pick", value)
    written = OptionsSelect({"id": "id_pick"}, choices=choices).render("pick", value)
    assert written == re.sub(r">\s+<", "><", expected.strip())


@pytest.mark.django_db
def test_every_public_form_writes_its_inputs_and_menus_in_one_pass(rf):
    """Django's template-rendered widgets cost a template per input and per menu option on every page."""
    from archive.filters import EventFilterSet, QuoteFilterSet
    from archive.search.forms import SearchForm
    from people.forms import QuoteDateRangeForm

    request = rf.get("/")
    forms_ = [
        QuoteFilterSet(request.GET, request=request).form,
        EventFilterSet(request.GET, request=request).form,
        SearchForm(),
        QuoteDateRangeForm(),
    ]
    widgets = {f"{type(form).__name__}.{name}": field.widget for form in forms_ for name, field in form.fields.items()}
    assert {
        name: type(widget).__name__ for name, widget in widgets.items() if type(widget) not in (TextBox, OptionsSelect)
    } == {}
