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
