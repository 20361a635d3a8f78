"""What a quote card reads as plain rows (``archive.cards``), held to what the ORM finds."""

import datetime

import pytest
from django.db.models import F, Prefetch, prefetch_related_objects
from django.utils import timezone

from archive.cards import read_posts, read_reports
from archive.dates import Precision
from archive.editorial import Status, published_q
from archive.models import Citation, Quote
from people.models import Person, Role
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    OutletFactory,
    PersonFactory,
    QuoteFactory,
    RoleFactory,
)

D = datetime.date
pytestmark = pytest.mark.django_db


def test_reports_are_the_published_citations_outlets_in_the_citations_order():
    tass, cnn = OutletFactory(name="TASS"), OutletFactory(name="CNN")
    first, second, unreported = QuoteFactory(), QuoteFactory(), QuoteFactory()
    CitationFactory(quote=first, article=ArticleFactory(outlet=cnn, published_on=D(2022, 4, 19)))
    CitationFactory(quote=first, article=ArticleFactory(outlet=tass, published_on=D(2022, 4, 18)))
    CitationFactory(quote=first, article=ArticleFactory(outlet=None, published_on=D(2022, 4, 20)))
    CitationFactory(quote=first, article=ArticleFactory(outlet=tass, published_on=None))
    CitationFactory(quote=second, article=ArticleFactory(outlet=cnn, published_on=D(2022, 4, 18)))
    CitationFactory(quote=second, article=ArticleFactory(outlet=tass, draft=True))
    later = timezone.now() + datetime.timedelta(days=1)
    CitationFactory(quote=second, article=ArticleFactory(outlet=tass, status=Status.PUBLISHED, published_at=later))
    ids = [first.pk, second.pk, unreported.pk]

    found = [(report.quote_id, report.outlet_key, report.outlet_name) for report in read_reports(ids)]

    orm = Citation.objects.filter(published_q("article__"), quote__in=ids)
    assert found == list(orm.values_list("quote_id", "article__outlet_id", "article__outlet__name"))
    assert [name for quote_id, _, name in found if quote_id == second.pk] == ["CNN"]  # no draft, nothing scheduled


def test_a_list_of_cards_names_the_outlets_that_reported_each_quote_in_one_query(django_assert_num_queries):
    tass, cnn = OutletFactory(name="TASS"), OutletFactory(name="CNN")
    quote = QuoteFactory()
    for outlet, day in [(cnn, 19), (tass, 18), (cnn, 20)]:
        CitationFactory(quote=quote, article=ArticleFactory(outlet=outlet, published_on=D(2022, 4, day)))
    CitationFactory(quote=QuoteFactory(), article=ArticleFactory(outlet=tass, draft=True))

    # The quotes with their speakers, the outlets, the speakers' posts.
    with django_assert_num_queries(3):
        cards = {card.pk: card.reported_by for card in Quote.objects.with_related()}

    assert cards == {quote.pk: "TASS and CNN", **{pk: "" for pk in cards if pk != quote.pk}}


def test_posts_are_the_roles_in_the_roles_order_with_their_organizations():
    antonov, mcfaul, nobody = PersonFactory(), PersonFactory(), PersonFactory()
    RoleFactory(person=antonov, title="Ambassador", start_date=D(2017, 8, 21), start_precision=Precision.DAY)
    RoleFactory(person=antonov, title="Deputy minister", start_date=D(2016, 12, 28), end_date=D(2017, 8, 20))
    RoleFactory(person=antonov, title="Adviser", start_date=None, organization=None)
    RoleFactory(person=mcfaul, title="Ambassador to Russia", start_date=D(2012, 1, 1), end_date=D(2014, 2, 26))
    RoleFactory(person=mcfaul, title="Professor", start_date=D(2012, 1, 1), end_date=None)
    ids = [antonov.pk, mcfaul.pk, nobody.pk]
    columns = ["person_id", "title", "start_date", "start_precision", "end_date", "end_precision"]

    found = [
        (*(getattr(post, column) for column in columns), post.organization and post.organization.name)
        for post in read_posts(ids)
    ]

    orm = Role.objects.filter(person__in=ids).annotate(organization_name=F("organization__name"))
    assert found == list(orm.values_list(*columns, "organization_name"))
    assert found[0][1] == "Adviser"  # an unknown start first, as the person's page and the API list it


@pytest.mark.parametrize(
    ("said_on", "precision"),
    [
        (D(2017, 8, 10), Precision.DAY),
        (D(2017, 8, 21), Precision.DAY),
        (D(2017, 8, 1), Precision.MONTH),
        (D(2017, 9, 1), Precision.MONTH),
        (D(2017, 1, 1), Precision.YEAR),
        (D(2013, 5, 1), Precision.DAY),
        (D(1999, 1, 1), Precision.YEAR),
    ],
)
def test_a_speakers_post_read_as_plain_rows_is_the_one_their_roles_give(said_on, precision):
    antonov = PersonFactory()
    RoleFactory(person=antonov, title="Deputy minister", start_date=D(2016, 12, 28), end_date=D(2017, 8, 20))
    RoleFactory(person=antonov, title="Ambassador", start_date=D(2017, 8, 21), start_precision=Precision.DAY)
    RoleFactory(person=antonov, title="Envoy", start_date=D(2012, 3, 1), end_date=D(2014, 1, 1))
    RoleFactory(person=antonov, title="Adviser", start_date=D(2013, 1, 1), end_date=D(2013, 12, 1))
    QuoteFactory(speaker=antonov, said_on=said_on, said_on_precision=precision)

    (card,) = Quote.objects.with_related()
    (from_roles,) = Quote.objects.select_related("speaker").prefetch_related("speaker__roles")

    assert "posts" in card.speaker.__dict__
    assert getattr(card.speaker_post, "title", None) == getattr(from_roles.speaker_post, "title", None)


def test_plain_rows_take_no_queryset_and_need_a_name_to_go_to():
    person = PersonFactory()

    with pytest.raises(ValueError, match="takes no queryset"):
        prefetch_related_objects([person], Prefetch("post_rows", queryset=Role.objects.all(), to_attr="posts"))
    with pytest.raises(AttributeError, match="to_attr"):
        Person.objects.get(pk=person.pk).post_rows  # noqa: B018
