"""The search box."""

from django import forms

from archive.forms import OptionsSelect, TextBox

KIND_CHOICES = [
    ("", "Everything"),
    ("quote", "Quotes"),
    ("article", "Articles"),
    ("person", "People"),
    ("event", "Events"),
]
MAX_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search for",
        required=False,
        max_length=MAX_LENGTH,
        widget=TextBox(attrs={"type": "search", "size": 40, "aria-describedby": "id_q_help"}),
        help_text="Names in any spelling or script, words, a “phrase in quotes”; or between alternatives; "
        "-word to leave a word out.",
        error_messages={
            "max_length": f"That search is too long: keep it to {MAX_LENGTH} characters "
            "(it has %(show_value)d). A few distinctive words work best.",
        },
    )
    kind = forms.ChoiceField(
        label="Show",
        required=False,
        choices=KIND_CHOICES,
        widget=OptionsSelect,
        error_messages={"invalid_choice": "Show quotes, articles, people or events (or everything)."},
    )
