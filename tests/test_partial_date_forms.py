"""Partial dates in forms: one YYYY / YYYY-MM / YYYY-MM-DD box for each (date, precision) column pair."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from archive.admin import ArticleForm, EventForm, QuoteForm
from archive.dates import PartialDate, Precision
from archive.editorial import Status
from archive.forms import PartialDateField
from archive.models import Event, Quote
from people.admin import RoleForm
from people.models import Role
from tests.factories import ArticleFactory, EventFactory, OrganizationFactory, QuoteFactory, RoleFactory

D = datetime.date


def quote_data(speaker, **overrides):
    return {
        "text": "We are doomed to cooperate.",
        "speaker": speaker.pk,
        "unnamed_source": "",
        "kind": Quote.Kind.DIRECT,
        "language": "en",
        "status": Status.DRAFT,
        "published_at": "",
        "said": "",
        **overrides,
    }


def quote_data_for(quote, **overrides):
    said = quote.said.isoformat() if quote.said else ""
    return quote_data(quote.speaker, **{"text": quote.text, "said": said, **overrides})


def event_data(**overrides):
    return {
        "title": "Antonov presents his credentials",
        "slug": "antonov-credentials",
        "kind": Event.Kind.APPOINTMENT,
        "status": Status.DRAFT,
        "published_at": "",
        "start": "",
        "end": "",
        **overrides,
    }


def role_data(person, **overrides):
    return {
        "person": person.pk,
        "title": "Ambassador to the United States",
        "organization": OrganizationFactory().pk,
        "start": "",
        "end": "",
        **overrides,
    }


def saved(form):
    assert form.is_valid(), form.errors
    instance = form.save()
    instance.refresh_from_db()
    return instance


# The field


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017", PartialDate(D(2017, 1, 1), Precision.YEAR)),
        ("2022-04", PartialDate(D(2022, 4, 1), Precision.MONTH)),
        ("2022-04-18", PartialDate(D(2022, 4, 18), Precision.DAY)),
        (" 2022-04-18 ", PartialDate(D(2022, 4, 18), Precision.DAY)),
    ],
)
def test_field_cleans_to_a_partial_date(text, expected):
    assert PartialDateField().clean(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("17", "“17” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD."),
        ("2017-4", "“2017-4” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD."),
        ("abc", "“abc” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD."),
        ("18.04.2022", "“18.04.2022” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD."),
        ("2017-13", "“2017-13” is not a real date."),
        ("2017-02-30", "“2017-02-30” is not a real date."),
    ],
)
def test_field_rejects_anything_else_with_its_message(text, message):
    with pytest.raises(ValidationError) as error:
        PartialDateField().clean(text)

    assert error.value.messages == [message]
    assert error.value.code == "invalid"


def test_field_requires_a_value_unless_told_otherwise():
    with pytest.raises(ValidationError) as error:
        PartialDateField().clean("")
    assert error.value.messages == ["This field is required."]

    assert PartialDateField(required=False).clean("") is None
    assert PartialDateField(required=False).clean("   ") is None


def test_field_shows_a_partial_date_as_typed():
    field = PartialDateField()

    assert field.prepare_value(PartialDate.parse("2022-04")) == "2022-04"
    assert field.prepare_value("2022-04") == "2022-04"
    assert field.widget.attrs["placeholder"] == "YYYY-MM-DD"


# Quotes


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("said", "said_on", "precision"),
    [
        ("2017", D(2017, 1, 1), Precision.YEAR),
        ("2022-04", D(2022, 4, 1), Precision.MONTH),
        ("2022-04-18", D(2022, 4, 18), Precision.DAY),
    ],
)
def test_a_new_quote_stores_the_date_said_and_its_precision(antonov, said, said_on, precision):
    quote = saved(QuoteForm(data=quote_data(antonov, said=said)))

    assert (quote.said_on, quote.said_on_precision) == (said_on, precision)
    assert quote.said.isoformat() == said


@pytest.mark.django_db
def test_editing_a_quote_shows_the_date_as_it_was_entered():
    quote = QuoteFactory(said_on=D(2022, 4, 1), said_on_precision=Precision.MONTH)

    form = QuoteForm(instance=quote)

    assert form["said"].value() == "2022-04"
    assert 'value="2022-04"' in str(form["said"])


@pytest.mark.django_db
def test_editing_an_undated_quote_shows_an_empty_box():
    form = QuoteForm(instance=QuoteFactory(said_on=None))

    assert form["said"].value() == ""


@pytest.mark.django_db
def test_changing_the_precision_of_a_quotes_date(antonov):
    quote = QuoteFactory(speaker=antonov, said_on=D(2022, 4, 1), said_on_precision=Precision.MONTH, draft=True)

    quote = saved(QuoteForm(data=quote_data_for(quote, said="2022-04-18"), instance=quote))
    assert (quote.said_on, str(quote.said)) == (D(2022, 4, 18), "18 April 2022")

    quote = saved(QuoteForm(data=quote_data_for(quote, said="2022"), instance=quote))
    assert (quote.said_on, str(quote.said)) == (D(2022, 1, 1), "2022")


@pytest.mark.django_db
def test_clearing_the_date_said_stores_none(antonov):
    quote = QuoteFactory(speaker=antonov, said_on=D(2022, 4, 1), said_on_precision=Precision.MONTH, draft=True)

    quote = saved(QuoteForm(data=quote_data_for(quote, said=""), instance=quote))

    assert quote.said_on is None
    assert quote.said is None
    assert QuoteForm(instance=quote)["said"].value() == ""


@pytest.mark.django_db
def test_a_bad_date_said_is_reported_on_its_box_and_nothing_changes(antonov):
    quote = QuoteFactory(speaker=antonov, said_on=D(2022, 4, 1), said_on_precision=Precision.MONTH, draft=True)

    form = QuoteForm(data=quote_data_for(quote, said="2022-02-30"), instance=quote)

    assert not form.is_valid()
    assert form.errors["said"] == ["“2022-02-30” is not a real date."]
    quote.refresh_from_db()
    assert (quote.said_on, quote.said_on_precision) == (D(2022, 4, 1), Precision.MONTH)


@pytest.mark.django_db
def test_the_quote_form_refuses_a_speaker_and_an_unnamed_source_together(antonov):
    form = QuoteForm(data=quote_data(antonov, unnamed_source="a senior official", said="2022"))

    assert not form.is_valid()
    assert form.non_field_errors() == ["Give either a speaker or an unnamed source, not both."]
    assert not Quote.objects.exists()


@pytest.mark.django_db
def test_publishing_from_the_form_with_an_empty_publish_time_publishes_now(antonov):
    form = QuoteForm(data=quote_data(antonov, status=Status.PUBLISHED, published_at="", said="2022-04"))

    quote = saved(form)

    assert quote.is_public


@pytest.mark.django_db
def test_resubmitting_an_unchanged_date_is_not_a_change(antonov):
    quote = QuoteFactory(speaker=antonov, said_on=D(2022, 4, 1), said_on_precision=Precision.MONTH, draft=True)

    form = QuoteForm(data=quote_data_for(quote, status=quote.status), instance=quote)

    assert form.is_valid(), form.errors
    assert "said" not in form.changed_data


# Events


@pytest.mark.django_db
def test_a_new_event_stores_both_partial_dates():
    event = saved(EventForm(data=event_data(start="2017", end="2018-03")))

    assert (event.start_date, event.start_precision) == (D(2017, 1, 1), Precision.YEAR)
    assert (event.end_date, event.end_precision) == (D(2018, 3, 1), Precision.MONTH)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "message"), [("", "This field is required."), ("2017-13", "“2017-13” is not a real date.")]
)
def test_a_new_event_needs_a_usable_start_date(start, message):
    form = EventForm(data=event_data(start=start))

    assert not form.is_valid()
    assert form.errors["start"] == [message]  # once, without the model's "This field cannot be null."
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_the_event_form_refuses_an_end_before_the_start():
    form = EventForm(data=event_data(start="2022-04-18", end="2022-04-17"))

    assert not form.is_valid()
    assert form.errors["end"] == ["It cannot end (17 April 2022) before it starts (18 April 2022)."]
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_editing_an_event_shows_and_clears_its_end():
    event = EventFactory(
        slug="antonov-credentials",
        start_date=D(2017, 12, 1),
        start_precision=Precision.MONTH,
        end_date=D(2018, 1, 1),
        end_precision=Precision.YEAR,
    )

    form = EventForm(instance=event)
    assert (form["start"].value(), form["end"].value()) == ("2017-12", "2018")

    event = saved(EventForm(data=event_data(start="2017-12", end=""), instance=event))
    assert event.end_date is None
    assert event.end is None
    assert str(event.start) == "December 2017"


# Roles


@pytest.mark.django_db
def test_a_new_role_stores_its_partial_dates_and_round_trips(antonov):
    role = saved(RoleForm(data=role_data(antonov, start="2017", end="2024")))

    assert (role.start_date, role.start_precision) == (D(2017, 1, 1), Precision.YEAR)
    assert (role.end_date, role.end_precision) == (D(2024, 1, 1), Precision.YEAR)
    assert antonov.post_on(D(2024, 6, 30)) == role

    form = RoleForm(instance=role)
    assert (form["start"].value(), form["end"].value()) == ("2017", "2024")


@pytest.mark.django_db
def test_clearing_a_roles_end_means_it_is_still_held(antonov):
    role = RoleFactory(person=antonov, end_date=D(2024, 1, 1), end_precision=Precision.YEAR)

    role = saved(RoleForm(data=role_data(antonov, start="2017", end=""), instance=role))

    assert role.end_date is None
    assert Role.objects.get(pk=role.pk).held_on(datetime.date.today())


@pytest.mark.django_db
def test_a_role_may_have_no_dates_at_all(antonov):
    role = saved(RoleForm(data=role_data(antonov)))

    assert (role.start_date, role.end_date) == (None, None)


# Articles


@pytest.mark.django_db
def test_article_form_round_trips_its_publication_date():
    article = ArticleFactory(published_on=D(2022, 4, 18), published_on_precision=Precision.DAY)

    assert ArticleForm(instance=article)["published"].value() == "2022-04-18"
