"""The data model: partial dates as stored, database constraints, editorial status, people and their posts."""

import datetime
from contextlib import contextmanager

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from archive.dates import Precision
from archive.editorial import Status
from archive.models import Article, Event, Quote
from people.models import Person, Role, validate_wikidata_id
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    EventFactory,
    OrganizationFactory,
    OutletFactory,
    PersonFactory,
    QuoteFactory,
    RoleFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
MID_2017 = D(2017, 6, 15)


@contextmanager
def rejected_by_database(match):
    """Expect the database to refuse the write; ``match`` names the constraint or column."""
    with pytest.raises(IntegrityError, match=match), transaction.atomic():
        yield


def quote_dates(queryset):
    return [quote.said_on for quote in queryset]


# Partial dates as stored


@pytest.mark.parametrize(
    ("precision", "stored", "shown"),
    [
        (Precision.YEAR, D(2017, 1, 1), "2017"),
        (Precision.MONTH, D(2017, 6, 1), "June 2017"),
        (Precision.DAY, D(2017, 6, 15), "15 June 2017"),
    ],
)
def test_quote_stores_the_first_day_of_its_span(precision, stored, shown):
    quote = QuoteFactory(said_on=MID_2017, said_on_precision=precision)
    quote.refresh_from_db()

    assert quote.said_on == stored
    assert str(quote.said) == shown


def test_event_stores_the_first_day_of_both_its_spans():
    event = EventFactory(
        start_date=MID_2017,
        start_precision=Precision.YEAR,
        end_date=D(2018, 3, 20),
        end_precision=Precision.MONTH,
    )
    event.refresh_from_db()

    assert (event.start_date, event.end_date) == (D(2017, 1, 1), D(2018, 3, 1))
    assert (str(event.start), str(event.end)) == ("2017", "March 2018")


def test_role_stores_the_first_day_of_both_its_spans():
    role = RoleFactory(
        start_date=MID_2017, start_precision=Precision.YEAR, end_date=D(2024, 10, 6), end_precision=Precision.YEAR
    )
    role.refresh_from_db()

    assert (role.start_date, role.end_date) == (D(2017, 1, 1), D(2024, 1, 1))
    assert (str(role.start), str(role.end)) == ("2017", "2024")


def test_article_stores_the_first_day_of_its_span():
    article = ArticleFactory(published_on=MID_2017, published_on_precision=Precision.YEAR)
    article.refresh_from_db()

    assert article.published_on == D(2017, 1, 1)
    assert str(article.published) == "2017"


def test_an_unknown_date_stays_unknown():
    quote = QuoteFactory(said_on=None, said_on_precision=Precision.YEAR)
    quote.refresh_from_db()

    assert quote.said_on is None
    assert quote.said is None


def test_quotes_are_listed_newest_first_with_a_year_sorting_as_its_first_day():
    QuoteFactory(said_on=D(2021, 12, 31))
    QuoteFactory(said_on=D(2022, 7, 1), said_on_precision=Precision.YEAR)  # "2022" sorts as 2022-01-01
    QuoteFactory(said_on=D(2022, 3, 5))
    QuoteFactory(said_on=D(2022, 2, 20), said_on_precision=Precision.MONTH)

    assert [str(quote.said) for quote in Quote.objects.all()] == [
        "5 March 2022",
        "February 2022",
        "2022",
        "31 December 2021",
    ]


def test_quotes_said_on_the_same_day_list_the_newest_entry_first():
    first = QuoteFactory(said_on=D(2022, 3, 5))
    second = QuoteFactory(said_on=D(2022, 3, 5))

    assert list(Quote.objects.all()) == [second, first]


def test_undated_quotes_are_listed_after_dated_ones():
    QuoteFactory(said_on=None)
    QuoteFactory(said_on=D(2020, 1, 1))

    assert quote_dates(Quote.objects.all()) == [D(2020, 1, 1), None]


def test_quotes_between_two_dates_includes_both_ends():
    for said_on in [D(2021, 12, 31), D(2022, 1, 1), D(2022, 6, 30), D(2022, 12, 31), D(2023, 1, 1)]:
        QuoteFactory(said_on=said_on)
    QuoteFactory(said_on=None)

    assert quote_dates(Quote.objects.between(D(2022, 1, 1), D(2022, 12, 31))) == [
        D(2022, 12, 31),
        D(2022, 6, 30),
        D(2022, 1, 1),
    ]
    assert quote_dates(Quote.objects.between(start=D(2022, 12, 31))) == [D(2023, 1, 1), D(2022, 12, 31)]
    assert quote_dates(Quote.objects.between(end=D(2022, 1, 1))) == [D(2022, 1, 1), D(2021, 12, 31)]
    assert Quote.objects.between().count() == 6


def test_quotes_between_filters_a_partial_date_by_its_first_day():
    year = QuoteFactory(said_on=MID_2017, said_on_precision=Precision.YEAR)
    month = QuoteFactory(said_on=MID_2017, said_on_precision=Precision.MONTH)

    assert set(Quote.objects.between(D(2017, 1, 1), D(2017, 1, 31))) == {year}
    assert set(Quote.objects.between(D(2017, 6, 1), D(2017, 6, 30))) == {month}
    assert not Quote.objects.between(D(2017, 6, 2), D(2017, 12, 31)).exists()


def test_quotes_between_chains_with_published_and_by_person(antonov):
    wanted = QuoteFactory(speaker=antonov, said_on=D(2022, 4, 18))
    QuoteFactory(speaker=antonov, said_on=D(2022, 4, 18), draft=True)
    QuoteFactory(said_on=D(2022, 4, 18))

    assert list(Quote.objects.published().by_person(antonov).between(D(2022, 4, 1), D(2022, 4, 30))) == [wanted]


def test_events_between_two_dates_by_start_includes_both_ends():
    for start in [D(2017, 11, 30), D(2017, 12, 1), D(2017, 12, 31), D(2018, 1, 1)]:
        EventFactory(start_date=start)
    EventFactory(start_date=D(2017, 7, 4), start_precision=Precision.MONTH)  # "July 2017" starts 2017-07-01

    def starts(queryset):
        return [event.start_date for event in queryset]

    assert starts(Event.objects.between(D(2017, 12, 1), D(2017, 12, 31))) == [D(2017, 12, 1), D(2017, 12, 31)]
    assert starts(Event.objects.between(start=D(2017, 12, 31))) == [D(2017, 12, 31), D(2018, 1, 1)]
    assert starts(Event.objects.between(end=D(2017, 7, 1))) == [D(2017, 7, 1)]
    assert Event.objects.between().count() == 5


# Constraints


@pytest.mark.parametrize(
    "factory",
    [PersonFactory, ArticleFactory, EventFactory, OutletFactory, OrganizationFactory],
    ids=lambda f: f.__name__,
)
def test_slugs_are_unique(factory):
    factory(slug="anatoly-antonov")

    with rejected_by_database("slug"):
        factory(slug="anatoly-antonov")

    factory(slug="anatoly-antonov-2")


def test_article_urls_are_unique_when_set():
    ArticleFactory(url="https://www.politico.com/news/2022/04/18/antonov/")

    with rejected_by_database("url"):
        ArticleFactory(url="https://www.politico.com/news/2022/04/18/antonov/")


def test_articles_without_a_url_do_not_clash():
    ArticleFactory(url="")
    ArticleFactory(url="")

    assert Article.objects.filter(url="").count() == 2


def test_an_event_cannot_end_before_it_starts():
    with rejected_by_database("event_end_not_before_start"):
        EventFactory(start_date=D(2022, 4, 18), end_date=D(2022, 4, 17))

    event = EventFactory(start_date=D(2022, 4, 18), end_date=D(2022, 4, 18))
    assert event.end_date == event.start_date


def test_a_role_cannot_end_before_it_starts():
    with rejected_by_database("role_end_not_before_start"):
        RoleFactory(start_date=D(2019, 1, 1), start_precision=Precision.YEAR, end_date=D(2018, 12, 31))

    # Either end may be unknown.
    RoleFactory(start_date=None, end_date=D(2018, 12, 31))
    RoleFactory(start_date=D(2019, 1, 1), end_date=None)


@pytest.mark.parametrize("factory", [RoleFactory, EventFactory], ids=lambda f: f.__name__)
def test_an_end_known_only_to_the_year_it_started_can_be_saved(factory):
    record = factory(
        start_date=MID_2017, start_precision=Precision.DAY, end_date=D(2017, 1, 1), end_precision=Precision.YEAR
    )

    assert str(record.end) == "2017"


def test_a_citation_cannot_end_before_it_starts():
    with rejected_by_database("citation_end_not_before_start"):
        CitationFactory(start_offset=120, end_offset=119)

    citation = CitationFactory(start_offset=120, end_offset=120)
    assert citation.end_offset == 120


def test_an_article_cites_a_quote_once():
    citation = CitationFactory()

    with rejected_by_database("quote_id|article_id|citation_unique_quote_article"):
        CitationFactory(quote=citation.quote, article=citation.article)

    CitationFactory(quote=citation.quote)
    CitationFactory(article=citation.article)


@pytest.mark.parametrize("wikidata_id", ["Q7747", "Q1", ""])
def test_valid_wikidata_ids_are_accepted(wikidata_id):
    person = PersonFactory(wikidata_id=wikidata_id)

    person.full_clean()
    assert Person.objects.get(pk=person.pk).wikidata_id == wikidata_id


@pytest.mark.parametrize("wikidata_id", ["7747", "q7747", "Q07", "Q12a", "Q", " Q7747"])
def test_malformed_wikidata_ids_are_refused_by_the_database(wikidata_id):
    with rejected_by_database("person_wikidata_id_format"):
        PersonFactory(wikidata_id=wikidata_id)


@pytest.mark.parametrize("wikidata_id", ["7747", "q7747", "Q07", "Q12a"])
def test_malformed_wikidata_ids_are_refused_by_validation(wikidata_id):
    person = PersonFactory.build(wikidata_id=wikidata_id)

    with pytest.raises(ValidationError) as error:
        person.full_clean()

    assert error.value.message_dict["wikidata_id"] == ["A Wikidata id is Q followed by digits, such as Q7747."]


def test_a_wikidata_id_with_a_trailing_newline_is_refused():
    with pytest.raises(ValidationError):
        validate_wikidata_id("Q7747\n")


def test_wikidata_ids_are_unique_when_set():
    PersonFactory(wikidata_id="Q7747")

    with rejected_by_database("wikidata_id"):
        PersonFactory(wikidata_id="Q7747")


def test_people_without_a_wikidata_id_do_not_clash():
    PersonFactory(wikidata_id="")
    PersonFactory(wikidata_id="")

    assert Person.objects.filter(wikidata_id="").count() == 2


def test_a_quote_cannot_have_both_a_speaker_and_an_unnamed_source(antonov):
    with rejected_by_database("quote_speaker_or_unnamed_source"):
        QuoteFactory(speaker=antonov, unnamed_source="a senior State Department official")


def test_a_published_quote_must_be_attributed():
    with rejected_by_database("quote_published_is_attributed"):
        QuoteFactory(speaker=None, unnamed_source="")

    quote = QuoteFactory(speaker=None, unnamed_source="a senior State Department official")
    assert quote.attribution == "a senior State Department official"


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW])
def test_an_unpublished_quote_may_be_unattributed(status):
    quote = QuoteFactory(speaker=None, unnamed_source="", status=status, published_at=None)

    assert Quote.objects.filter(pk=quote.pk, speaker=None, unnamed_source="").exists()


PUBLIC_FACTORIES = [PersonFactory, ArticleFactory, QuoteFactory, EventFactory]
public_models = pytest.mark.parametrize("factory", PUBLIC_FACTORIES, ids=lambda f: f._meta.model.__name__)


@public_models
def test_publishing_without_a_publish_time_publishes_now(factory):
    before = timezone.now()
    item = factory(status=Status.PUBLISHED, published_at=None)
    item.refresh_from_db()

    assert before <= item.published_at <= timezone.now()
    assert item.is_public
    assert factory._meta.model.objects.published().filter(pk=item.pk).exists()


@public_models
def test_a_draft_gets_no_publish_time(factory):
    item = factory(draft=True)
    item.refresh_from_db()

    assert item.published_at is None


@public_models
def test_the_database_refuses_published_content_without_a_publish_time(factory):
    item = factory()

    with rejected_by_database("published_has_time"):
        type(item).objects.filter(pk=item.pk).update(published_at=None)


# Editorial status


@public_models
def test_published_excludes_drafts_review_and_scheduled_items(factory):
    model = factory._meta.model
    past = timezone.now() - datetime.timedelta(minutes=5)
    future = timezone.now() + datetime.timedelta(days=2)
    public = factory(status=Status.PUBLISHED, published_at=past)
    draft = factory(status=Status.DRAFT, published_at=past)
    review = factory(status=Status.REVIEW, published_at=past)
    scheduled = factory(status=Status.PUBLISHED, published_at=future)

    assert list(model.objects.published()) == [public]
    assert [item.is_public for item in (public, draft, review, scheduled)] == [True, False, False, False]


@public_models
def test_a_scheduled_item_appears_once_its_publish_time_has_passed(factory):
    model = factory._meta.model
    item = factory(status=Status.PUBLISHED, published_at=timezone.now() + datetime.timedelta(hours=1))
    assert not model.objects.published().exists()
    assert not item.is_public

    item.published_at = timezone.now() - datetime.timedelta(seconds=1)
    item.save()

    assert list(model.objects.published()) == [item]
    assert model.objects.get(pk=item.pk).is_public


# People and their posts


def test_sort_name_defaults_to_surname_first(antonov):
    assert Person.objects.get(pk=antonov.pk).sort_name == "Antonov, Anatoly"


@pytest.mark.parametrize(
    ("name", "sort_name"),
    [("Sergey Viktorovich Lavrov", "Lavrov, Sergey Viktorovich"), ("Madonna", "Madonna")],
)
def test_sort_name_default_for_other_names(name, sort_name):
    assert PersonFactory(name=name).sort_name == sort_name


def test_an_explicit_sort_name_is_kept():
    person = PersonFactory(name="Kim Jong Un", sort_name="Kim Jong Un")

    assert Person.objects.get(pk=person.pk).sort_name == "Kim Jong Un"


def test_people_are_listed_by_sort_name():
    PersonFactory(name="Maria Zakharova")
    PersonFactory(name="Zbigniew Brzezinski")
    PersonFactory(name="Anatoly Antonov")

    assert [person.name for person in Person.objects.all()] == [
        "Anatoly Antonov",
        "Zbigniew Brzezinski",
        "Maria Zakharova",
    ]


def test_slug_is_filled_from_the_name():
    person = PersonFactory(name="Anatoly Antonov", slug="")

    assert Person.objects.get(pk=person.pk).slug == "anatoly-antonov"
    assert person.get_absolute_url().endswith("/anatoly-antonov/")


def test_a_given_slug_is_kept():
    assert PersonFactory(name="Anatoly Antonov", slug="antonov").slug == "antonov"


def test_a_name_in_cyrillic_gets_a_usable_slug():
    person = PersonFactory(name="Анатолий Антонов", slug="")

    assert person.slug
    person.get_absolute_url()


def test_post_on_picks_the_most_recently_started_of_overlapping_posts(antonov):
    RoleFactory(person=antonov, title="Deputy Minister of Defence", start_date=D(2011, 1, 1), end_date=None)
    RoleFactory(person=antonov, title="Deputy Foreign Minister", start_date=D(2016, 1, 1), end_date=None)
    RoleFactory(person=antonov, title="Ambassador to the United States", start_date=D(2017, 9, 1), end_date=None)

    assert antonov.post_on(D(2012, 6, 1)).title == "Deputy Minister of Defence"
    assert antonov.post_on(D(2016, 6, 1)).title == "Deputy Foreign Minister"
    assert antonov.post_on(D(2017, 9, 1)).title == "Ambassador to the United States"
    assert antonov.post_on(D(2010, 12, 31)) is None
    assert antonov.post_on(None) is None


def test_a_post_ending_in_a_year_is_held_until_the_end_of_that_year(antonov):
    role = RoleFactory(person=antonov, start_date=D(2017, 1, 1), end_date=D(2024, 1, 1), end_precision=Precision.YEAR)

    assert role.held_on(D(2024, 6, 30))
    assert role.held_on(D(2024, 12, 31))
    assert not role.held_on(D(2025, 1, 1))
    assert antonov.post_on(D(2024, 6, 30)) == role
    assert antonov.post_on(D(2025, 1, 1)) is None


def test_a_post_starting_in_a_month_is_held_from_its_first_day(antonov):
    role = RoleFactory(person=antonov, start_date=D(2017, 9, 20), start_precision=Precision.MONTH)

    assert role.held_on(D(2017, 9, 1))
    assert not role.held_on(D(2017, 8, 31))


def test_a_post_with_no_end_is_held_today(antonov):
    role = RoleFactory(person=antonov, start_date=D(2017, 1, 1), end_date=None)

    assert role.held_on(timezone.localdate())
    assert antonov.post_on(timezone.localdate()) == role


def test_speaker_post_is_the_post_held_when_the_words_were_said(antonov):
    RoleFactory(
        person=antonov,
        title="Ambassador to the United States",
        start_date=D(2017, 1, 1),
        start_precision=Precision.YEAR,
        end_date=D(2024, 10, 6),
    )
    RoleFactory(person=antonov, title="Retired", start_date=D(2024, 10, 7), end_date=None)
    QuoteFactory(speaker=antonov, said_on=D(2022, 4, 18))
    QuoteFactory(speaker=antonov, said_on=D(2025, 2, 1))

    posts = {quote.said_on: quote.speaker_post.title for quote in Quote.objects.with_related()}

    assert posts == {D(2022, 4, 18): "Ambassador to the United States", D(2025, 2, 1): "Retired"}


def test_a_quote_dated_to_the_month_or_year_names_a_post_held_throughout_it(antonov, client):
    """Said "August 2017" or "2017", when a post changed on 21 August: which one is unknown, so none is shown."""
    day = Precision.DAY
    RoleFactory(
        person=antonov,
        title="Deputy Foreign Minister",
        start_date=D(2016, 12, 28),
        start_precision=day,
        end_date=D(2017, 8, 20),
    )
    RoleFactory(
        person=antonov,
        title="Ambassador to the United States",
        start_date=D(2017, 8, 21),
        start_precision=day,
        end_date=None,
    )
    month = QuoteFactory(speaker=antonov, said_on=D(2017, 8, 1), said_on_precision=Precision.MONTH)
    year = QuoteFactory(speaker=antonov, said_on=D(2017, 1, 1), said_on_precision=Precision.YEAR)
    on_a_day = QuoteFactory(speaker=antonov, said_on=D(2017, 8, 10))
    later = QuoteFactory(speaker=antonov, said_on=D(2017, 9, 1), said_on_precision=Precision.MONTH)

    posts = {quote.pk: getattr(quote.speaker_post, "title", None) for quote in Quote.objects.with_related()}

    assert posts == {
        month.pk: None,
        year.pk: None,
        on_a_day.pk: "Deputy Foreign Minister",
        later.pk: "Ambassador to the United States",
    }
    page = client.get(month.get_absolute_url()).content.decode()
    assert "Deputy Foreign Minister" not in page
    assert "at the time" not in page


def test_speaker_post_is_empty_without_a_speaker_or_a_date(antonov):
    RoleFactory(person=antonov, end_date=None)

    assert QuoteFactory(speaker=None, unnamed_source="an aide").speaker_post is None
    assert QuoteFactory(speaker=antonov, said_on=None).speaker_post is None


def test_attribution_names_the_speaker_or_the_unnamed_source(antonov):
    named = QuoteFactory(speaker=antonov)
    unnamed = QuoteFactory(speaker=None, unnamed_source="a State Department spokesperson")

    assert named.attribution == "Anatoly Antonov"
    assert unnamed.attribution == "a State Department spokesperson"


def test_roles_of_a_person_are_deleted_with_them(antonov):
    RoleFactory(person=antonov)

    antonov.delete()

    assert not Role.objects.exists()
