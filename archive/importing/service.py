"""
Importing one article file as drafts: the article, new people, quotes and citations.

``import_file`` reads and analyses the file, then writes everything in one transaction,
so a file that fails writes nothing. With ``dry_run`` it reads the database (to match
people, quotes and the URL) and writes nothing at all. Every object it creates is a draft;
nothing an import suggests reaches readers before an editor publishes it.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from archive.editorial import Status
from archive.importing.people import PeopleIndex, find_people
from archive.importing.quotes import find_quotes
from archive.importing.report import FileReport
from archive.importing.similarity import ArchiveQuotes
from archive.importing.sources import ImportInputError, read_article
from archive.models import Article, Citation, Outlet, Quote
from archive.slugs import unique_slug
from people.models import Person


@dataclass
class ImportOptions:
    outlet: str = ""
    url: str = ""
    published: object = None  # a PartialDate
    author: str = ""
    language: str = "en"
    dry_run: bool = False


@dataclass
class Plan:
    """What importing one file would write."""

    path: Path
    cleaned: object
    url: str
    slug: str
    published: object
    authors: str
    people: list
    quotes: list
    outlet: object = None  # the Outlet named, or None
    new_outlet: str = ""  # a name no outlet in the archive has: created on saving
    warnings: list = field(default_factory=list)


def import_file(path, options):
    """Import one file; returns a FileReport, raises ImportInputError (having written nothing)."""
    cleaned = read_article(path)  # before any database work: a bad file needs no connection
    try:
        with transaction.atomic():
            plan = plan_import(path, cleaned, options)
            if options.dry_run:
                return FileReport.from_plan(plan)
            return save(plan, options)
    except IntegrityError as error:
        # Another import took the URL (or a slug) between our check and our write.
        raise ImportInputError(f"could not be saved: {error}") from None


def plan_import(path, cleaned, options):
    warnings = []
    url = options.url or cleaned.url
    if url and not options.url and not storable_url(url):
        warnings.append(f"the file's canonical link is not a URL the archive can store; left out: {url[:100]}")
        url = ""
    if url:
        existing = Article.objects.filter(url=url).first()
        if existing is not None:
            raise ImportInputError(
                f"an article with the URL {url} is already in the archive (#{existing.pk}, “{existing.headline}”)"
            )
    found = find_people(cleaned.body, PeopleIndex.from_database())
    quotes = find_quotes(cleaned.body, found)
    archive = ArchiveQuotes.from_database()
    for quote in quotes:
        quote.existing_quote_id = archive.find(quote.text)
    plan = Plan(
        path=Path(path),
        cleaned=cleaned,
        url=url,
        slug=unique_slug(Article(), cleaned.headline),
        published=options.published or cleaned.published,
        authors=options.author or cleaned.authors,
        people=found.people,
        quotes=quotes,
    )
    if options.outlet:
        plan.outlet = find_outlet(options.outlet)
        if plan.outlet is None:
            plan.new_outlet = options.outlet.strip()[:200]
    plan.warnings += warnings
    if cleaned.headline_guessed:
        plan.warnings.append(f"no headline found; using the first sentence: “{cleaned.headline}”")
    return plan


def save(plan, options):
    """
    Every object written says in its history where it came from ("Imported from envoy.html"):
    from the command line no editor is named as the one who made it.
    """
    cleaned = plan.cleaned
    reason = f"Imported from {plan.path.name}"[:100]

    def create(obj):
        obj._change_reason = reason
        obj.save()
        return obj

    article = Article(
        headline=cleaned.headline[:300],
        dek=cleaned.dek[:500],
        slug=plan.slug,
        outlet=plan.outlet or (create(Outlet(name=plan.new_outlet)) if plan.new_outlet else None),
        url=plan.url,
        authors=plan.authors[:300],
        translator=cleaned.translator[:300],
        language=options.language,
        body=cleaned.body,
        notes=f"Imported from {plan.path.name} on {timezone.localdate():%Y-%m-%d}; quotes and people are "
        "suggestions to check.",
        status=Status.DRAFT,
    )
    if plan.published is not None:
        article.published_on = plan.published.date
        article.published_on_precision = plan.published.precision
    create(article)

    people = {}
    for suggestion in plan.people:
        if suggestion.person is None:
            suggestion.person = create(Person(name=suggestion.name[:200], status=Status.DRAFT))
            suggestion.created = True
        people[suggestion.name] = suggestion.person
    article.people.set(people.values())

    cited = set()
    for suggestion in plan.quotes:
        quote_id = suggestion.existing_quote_id
        if quote_id is None:
            quote = Quote(
                text=suggestion.text,
                speaker=people.get(suggestion.person_key),
                unnamed_source="" if suggestion.person_key else suggestion.unnamed_source[:300],
                kind=Quote.Kind.DIRECT if suggestion.kind == "direct" else Quote.Kind.PARTIAL,
                language=options.language,
                notes=_quote_notes(suggestion),
                status=Status.DRAFT,
                # Puts the quote in the admin's review queue (Suggested quotes).
                suggestion_confidence=suggestion.confidence,
                suggested_speaker_name="" if suggestion.person_key else (suggestion.speaker or "")[:300],
            )
            quote_id = create(quote).pk
        if quote_id in cited:
            continue
        cited.add(quote_id)
        create(
            Citation(
                quote_id=quote_id,
                article=article,
                passage=suggestion.passage,
                start_offset=suggestion.passage_start,
                end_offset=suggestion.passage_end,
            )
        )
    return FileReport.from_plan(plan, article=article)


def _quote_notes(suggestion):
    notes = f"Suggested by import, confidence {suggestion.confidence:.2f}"
    if suggestion.evidence:
        notes += f"; attribution: “{suggestion.evidence}”"
    if suggestion.speaker and not suggestion.person_key:
        notes += f"; attributed to “{suggestion.speaker}”, who matched no one in the archive"
    return notes + "."


def find_outlet(name):
    """The outlet called ``name`` (by name or slug, any case), or None: the import then creates it."""
    name = name.strip()
    return (
        Outlet.objects.filter(name__iexact=name).first()
        or Outlet.objects.filter(slug__in={name.lower(), slugify(name)}).first()
    )


def storable_url(url):
    """Whether ``url`` fits an article's canonical URL field and is a web address."""
    field = Article._meta.get_field("url")
    try:
        field.clean(url, None)
    except ValidationError:
        return False
    return True
