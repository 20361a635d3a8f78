"""What an import did (or, under --dry-run, would do), as JSON and as a summary for people."""

from dataclasses import dataclass, field

from archive.importing.text import CleanedText


@dataclass
class FileReport:
    file: str
    cleaned: CleanedText
    quotes: list
    people: list
    article: object = None  # the saved Article; None under --dry-run
    outlet: str = ""
    new_outlet: bool = False  # the outlet was not in the archive: the import creates it
    published: object = None
    authors: str = ""
    slug: str = ""
    warnings: list = field(default_factory=list)

    @classmethod
    def from_plan(cls, plan, article=None):
        return cls(
            file=str(plan.path),
            cleaned=plan.cleaned,
            quotes=plan.quotes,
            people=plan.people,
            article=article,
            outlet=plan.outlet.name if plan.outlet else plan.new_outlet,
            new_outlet=bool(plan.new_outlet),
            published=plan.published,
            authors=plan.authors,
            slug=plan.slug,
            warnings=plan.warnings,
        )

    @property
    def saved(self):
        return self.article is not None

    def as_json(self):
        """The --json entry; ids are null when nothing was saved (--dry-run)."""
        saved = self.saved
        return {
            "file": self.file,
            "article": {
                "id": self.article.pk if saved else None,
                "headline": self.article.headline if saved else self.cleaned.headline[:300],
                "slug": self.article.slug if saved else self.slug,
            },
            "quotes": [
                {
                    "text": quote.text,
                    "speaker": quote.speaker,
                    "unnamed_source": quote.unnamed_source or None,
                    "confidence": quote.confidence,
                    "existing_quote_id": quote.existing_quote_id if saved else None,
                }
                for quote in self.quotes
            ],
            "people": [
                {"name": person.name, "person_id": person.person_id if saved else None, "new": person.new}
                for person in self.people
            ],
        }

    def as_text(self):
        cleaned = self.cleaned
        if self.saved:
            lines = [f"{self.file}: draft article #{self.article.pk} “{self.article.headline}” ({self.article.slug})"]
        else:
            lines = [f"{self.file}: would import “{cleaned.headline}” (dry run: nothing written)"]
        outlet = self.outlet
        if self.new_outlet:
            outlet += " (new: created)" if self.saved else " (new: not in the archive, would be created)"
        details = [
            ("outlet", outlet),
            ("published", str(self.published) if self.published else ""),
            ("byline", self.authors),
            ("translator", cleaned.translator),
            ("boilerplate removed", f"{len(cleaned.dropped)} paragraph(s)" if cleaned.dropped else ""),
        ]
        lines += [f"  {label}: {value}" for label, value in details if value]
        lines += [f"  warning: {warning}" for warning in self.warnings]
        lines.append(f"  people ({len(self.people)}):")
        for person in self.people:
            if person.new:
                state = f"new draft #{person.person_id}" if self.saved else "new"
            else:
                state = f"in the archive, #{person.person_id}"
            lines.append(f"    {person.name} ({state})")
        lines.append(f"  quotes ({len(self.quotes)}):")
        for quote in self.quotes:
            who = quote.speaker or (f"unnamed source: {quote.unnamed_source}" if quote.unnamed_source else "unknown")
            words = quote.text if len(quote.text) <= 100 else quote.text[:99] + "…"
            line = f"    {quote.confidence:.2f}  {who}: “{words}”"
            if quote.existing_quote_id:
                line += f"  [cites quote #{quote.existing_quote_id} already in the archive]"
            lines.append(line)
        return "\n".join(lines)
