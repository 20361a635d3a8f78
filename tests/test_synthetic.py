"""generate_synthetic: a small synthetic archive, right in size and shape, and searchable."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from archive.editorial import Status
from archive.models import Article, Citation, Event, Quote, SearchDocument
from archive.search import documents
from archive.search.backends import kind_counts, search
from archive.search.query import parse
from archive.synthetic import SYNTHETIC_NOTE
from people.models import Person, PersonAlias
from tests.factories import PersonFactory

# The load writes through its own connection on PostgreSQL: committed transactions, not a test's rollback.
pytestmark = pytest.mark.django_db(transaction=True)

SIZES = {"quotes": 600, "articles": 80, "people": 30, "events": 20}


def generate(seed=7, **options):
    call_command("generate_synthetic", seed=seed, batch=250, stdout=io.StringIO(), **SIZES, **options)


def snapshot():
    """The quotes' content, independent of the ids they were given."""
    return [
        (quote.text, quote.said_on, quote.said_on_precision, quote.status, quote.speaker.name if quote.speaker else "")
        for quote in Quote.objects.select_related("speaker").order_by("pk")
    ]


def test_writes_the_sizes_asked_for_with_citations_aliases_and_tags():
    generate()
    assert Quote.objects.count() == 600
    assert Article.objects.count() == 80
    assert Person.objects.count() == 30
    assert Event.objects.count() == 20
    per_quote = Citation.objects.values("quote").annotate(n=Count("id")).values_list("n", flat=True)
    assert len(per_quote) == 600 and min(per_quote) >= 1 and max(per_quote) <= 4
    per_person = Person.objects.annotate(n=Count("aliases")).values_list("n", flat=True)
    assert min(per_person) >= 1 and max(per_person) <= 3
    assert Quote.objects.filter(tags__isnull=False).exists()
    assert set(Quote.objects.values_list("said_on_precision", flat=True)) == {"day", "month", "year"}


def test_the_same_seed_gives_the_same_archive():
    generate(seed=11)
    first = snapshot()
    generate(seed=11)  # again, next to the first: the content repeats, under new ids
    second = snapshot()[len(first) :]
    assert first == second
    generate(seed=12)
    assert snapshot()[2 * len(first) :] != first


def test_drafts_and_scheduled_content_stay_private():
    generate()
    drafts = Quote.objects.exclude(status=Status.PUBLISHED).count()
    scheduled = Quote.objects.filter(status=Status.PUBLISHED).exclude(pk__in=Quote.objects.published()).count()
    assert drafts > 0
    assert scheduled > 0
    assert Quote.objects.published().count() == 600 - drafts - scheduled
    public_documents = SearchDocument.objects.published().filter(kind="quote").count()
    assert public_documents == Quote.objects.published().count()


def test_the_search_index_holds_every_object_as_a_rebuild_would():
    generate()
    assert SearchDocument.objects.count() == 600 + 80 + 30 + 20
    quote = Quote.objects.published().exclude(speaker=None).select_related("speaker").first()
    document = SearchDocument.objects.get(kind="quote", object_id=quote.pk)
    built = documents.quote_document(documents.quote_queryset().get(pk=quote.pk))
    assert document.title == built["title"]
    assert document.subtitle == built["subtitle"]
    assert set(document.body.split(documents.SEPARATOR)) == set(built["body"].split(documents.SEPARATOR))
    # The full-text index answers for the synthetic rows (the word is the speaker's name).
    hits = list(search(parse(quote.speaker.name))[:50])
    assert hits
    assert kind_counts(parse("russia")).get("quote", 0) > 0


def test_refuses_an_archive_with_editors_content_unless_forced():
    PersonFactory(name="Anatoly Antonov", slug="anatoly-antonov")
    with pytest.raises(CommandError, match="--force"):
        generate()
    assert not Quote.objects.exists()
    generate(force=True)
    assert Quote.objects.filter(notes=SYNTHETIC_NOTE).count() == 600
    assert PersonAlias.objects.exists()


def test_rejects_quotes_without_people_or_articles():
    with pytest.raises(CommandError, match="--people"):
        call_command("generate_synthetic", quotes=10, articles=0, people=0, events=0)
