"""
Import article files (plain text or HTML) as drafts, with suggested people and quotes.

    python manage.py import_article FILE... [--outlet NAME] [--url URL] [--published DATE]
                                    [--author NAME] [--language CODE] [--json] [--dry-run]

Every file is read, cleaned of publisher boilerplate and analysed: the headline, byline and
translator; the people it names, matched to the archive through names and alias names or
proposed as new; its direct quotes with their speakers and a confidence. Then, in one
transaction per file, it writes a draft article, draft people for the new names, draft quotes
(or, for words already in the archive, a new citation of the existing quote) and citations
with the passage and its character offsets in the stored body. Nothing is published.

A file that cannot be imported (missing, empty, binary, not UTF-8, over 5 MB, or with a URL
already in the archive) gets a message naming it on stderr and writes nothing; the other files
are imported, and the command then exits with status 1.
"""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from archive.dates import PartialDate
from archive.importing.forms import LANGUAGE_CODE, ImportArticleForm
from archive.importing.service import ImportOptions, import_file
from archive.importing.sources import ImportInputError


class Command(BaseCommand):
    help = (
        "Import article files (plain text or HTML) as draft articles with suggested people, quotes and "
        "citations. Use --dry-run to see the suggestions without writing anything."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="Text or HTML files, one article each.")
        parser.add_argument("--outlet", default="", help="The publication, by name or slug; created if new.")
        parser.add_argument("--url", default="", help="The article's canonical URL (one FILE only).")
        parser.add_argument("--published", default="", help="Publication date: YYYY, YYYY-MM or YYYY-MM-DD.")
        parser.add_argument("--author", default="", help="The byline, as printed.")
        parser.add_argument("--language", default="en", help="Language code of the text, e.g. en, ru, uk.")
        parser.add_argument("--json", action="store_true", help="Print a JSON list, one entry per imported file.")
        parser.add_argument("--dry-run", action="store_true", help="Analyse and report, but write nothing.")

    def handle(self, *args, **options):
        files = options["files"]
        if options["url"] and len(files) > 1:
            raise CommandError("--url names one article: give it with a single FILE.")
        try:
            published = PartialDate.parse(options["published"]) if options["published"] else None
        except ValueError as error:
            raise CommandError(f"--published: {error}") from None
        language = self.checked(options, "language")
        if not LANGUAGE_CODE.match(language):
            raise CommandError(f"--language: “{language}” is not a language code such as en, ru or uk.")
        import_options = ImportOptions(
            outlet=self.checked(options, "outlet"),
            url=self.checked(options, "url"),
            published=published,
            author=self.checked(options, "author"),
            language=language,
            dry_run=options["dry_run"],
        )

        reports, failed = [], []
        for name in files:
            try:
                report = import_file(name, import_options)
            except ImportInputError as error:
                failed.append(name)
                self.stderr.write(f"{name}: {error}")
                continue
            reports.append(report)
            if options["json"]:
                for warning in report.warnings:
                    self.stderr.write(f"{name}: warning: {warning}")
            else:
                self.stdout.write(report.as_text())

        if options["json"]:
            self.stdout.write(json.dumps([report.as_json() for report in reports], ensure_ascii=False, indent=2))
        elif reports:
            verb = "Analysed" if import_options.dry_run else "Imported"
            self.stdout.write(self.style.SUCCESS(f"{verb} {len(reports)} of {len(files)} file(s)."))
        if failed:
            raise CommandError(f"{len(failed)} of {len(files)} file(s) could not be imported: {', '.join(failed)}")

    @staticmethod
    def checked(options, name):
        """An option checked as the admin's import form checks its field: length, NUL characters, a URL."""
        try:
            return ImportArticleForm.base_fields[name].clean(options[name].strip())
        except ValidationError as error:
            raise CommandError(f"--{name}: {' '.join(error.messages)}") from None
