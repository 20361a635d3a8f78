"""The admin's "Import article" form: the same choices as the import_article command."""

import re
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError

from archive.forms import PartialDateField
from archive.importing.service import ImportOptions
from archive.importing.sources import MAX_BYTES

ALLOWED_SUFFIXES = {".txt", ".text", ".html", ".htm"}
MAX_NAME_BYTES = 200  # of an uploaded file's name, within every file system's 255
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


class ImportArticleForm(forms.Form):
    file = forms.FileField(required=False, help_text="A .txt or .html file of at most 5 MB.")
    text = forms.CharField(
        label="…or paste the text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 90}),
        help_text="Plain text, the headline first (a photo caption, dateline or byline above it is set aside).",
    )
    outlet = forms.CharField(required=False, max_length=200, help_text="The outlet's name; created if new.")
    url = forms.URLField(label="Canonical URL", required=False, max_length=500, assume_scheme="https")
    published = PartialDateField(label="Publication date", required=False)
    author = forms.CharField(required=False, max_length=300)
    language = forms.CharField(initial="en", max_length=20, help_text="A language code such as en, ru, uk.")
    dry_run = forms.BooleanField(label="Dry run: show what would be imported, write nothing", required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload:
            if Path(upload.name).suffix.lower() not in ALLOWED_SUFFIXES:
                raise ValidationError(f"“{upload.name}” is not a .txt or .html file.")
            if upload.size > MAX_BYTES:
                raise ValidationError(f"“{upload.name}” is {upload.size / 1024 / 1024:.1f} MB; the limit is 5 MB.")
        return upload

    def clean_text(self):
        text = self.cleaned_data["text"]
        size = len(self.data.get(self.add_prefix("text"), "").encode())  # as sent, spaces and all
        if size > MAX_BYTES:
            # The form comes back with its message, not with the megabytes it was sent.
            self.data = self.data.copy()
            self.data[self.add_prefix("text")] = ""
            raise ValidationError(f"The pasted text is {size / 1024 / 1024:.1f} MB; the limit is 5 MB.")
        return text

    def clean_language(self):
        language = self.cleaned_data["language"].strip()
        if not LANGUAGE_CODE.match(language):
            raise ValidationError(f"“{language}” is not a language code such as en, ru or uk.")
        return language

    def clean(self):
        cleaned_data = super().clean()
        nothing = not cleaned_data.get("file") and not cleaned_data.get("text", "").strip()
        if nothing and "file" not in self.errors and "text" not in self.errors:
            raise ValidationError("Upload a file or paste the article's text.")
        if cleaned_data.get("file") and cleaned_data.get("text", "").strip():
            raise ValidationError("Upload a file or paste text, not both.")
        return cleaned_data

    def source(self):
        """(file name, bytes) of the article to import."""
        upload = self.cleaned_data.get("file")
        if upload:
            # The import reads it from a file of that name, and file systems count a name's bytes
            # (255 at most): a long Cyrillic headline as a file name is cut, keeping its suffix.
            name = Path(upload.name)
            room = MAX_NAME_BYTES - len(name.suffix.encode())
            stem = name.stem.encode()[:room].decode(errors="ignore")
            return f"{stem}{name.suffix}", upload.read()
        return "pasted.txt", self.cleaned_data["text"].encode("utf-8")

    def options(self):
        data = self.cleaned_data
        return ImportOptions(
            outlet=data["outlet"].strip(),
            url=data["url"],
            published=data["published"],
            author=data["author"].strip(),
            language=data["language"],
            dry_run=data["dry_run"],
        )
