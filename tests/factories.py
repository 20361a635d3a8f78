"""factory_boy factories for every model; published by default unless said otherwise."""

import datetime

import factory
from django.utils import timezone

from archive.dates import Precision
from archive.editorial import Status
from archive.models import Article, Citation, Event, Outlet, Quote
from people.models import Organization, Person, PersonAlias, Role


class PublishedFactory(factory.django.DjangoModelFactory):
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    class Meta:
        abstract = True

    class Params:
        draft = factory.Trait(status=Status.DRAFT, published_at=None)


class PersonFactory(PublishedFactory):
    name = factory.Faker("name")
    slug = factory.Sequence(lambda n: f"person-{n}")
    description = "Diplomat"

    class Meta:
        model = Person


class PersonAliasFactory(factory.django.DjangoModelFactory):
    person = factory.SubFactory(PersonFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")
    language = "en"

    class Meta:
        model = PersonAlias


class OrganizationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"organization-{n}")

    class Meta:
        model = Organization


class RoleFactory(factory.django.DjangoModelFactory):
    person = factory.SubFactory(PersonFactory)
    title = "Ambassador to the United States"
    organization = factory.SubFactory(OrganizationFactory)
    start_date = datetime.date(2017, 1, 1)
    start_precision = Precision.YEAR

    class Meta:
        model = Role


class OutletFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Outlet {n}")
    slug = factory.Sequence(lambda n: f"outlet-{n}")

    class Meta:
        model = Outlet


class ArticleFactory(PublishedFactory):
    headline = factory.Sequence(lambda n: f"Headline number {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    outlet = factory.SubFactory(OutletFactory)
    url = factory.Sequence(lambda n: f"https://example.com/articles/{n}/")
    published_on = datetime.date(2022, 4, 18)
    summary = "A summary in our own words."

    class Meta:
        model = Article


class EventFactory(PublishedFactory):
    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = Event.Kind.MEETING
    start_date = datetime.date(2017, 12, 1)

    class Meta:
        model = Event


class QuoteFactory(PublishedFactory):
    text = factory.Sequence(lambda n: f"We are doomed to cooperate, statement {n}.")
    speaker = factory.SubFactory(PersonFactory)
    said_on = datetime.date(2017, 12, 1)

    class Meta:
        model = Quote


class CitationFactory(factory.django.DjangoModelFactory):
    quote = factory.SubFactory(QuoteFactory)
    article = factory.SubFactory(ArticleFactory)
    passage = factory.LazyAttribute(lambda c: f"“{c.quote.text}” he said.")

    class Meta:
        model = Citation


class UserFactory(factory.django.DjangoModelFactory):
    """A staff user; ``UserFactory(roles=["Contributor"])`` puts them in the desk's groups."""

    username = factory.Sequence(lambda n: f"user-{n}")
    is_staff = True

    class Meta:
        model = "auth.User"
        skip_postgeneration_save = True

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            from django.contrib.auth.models import Group

            self.groups.set(Group.objects.filter(name__in=extracted))


class SuggestedQuoteFactory(QuoteFactory):
    """A quote an import suggested and no editor has reviewed: a draft with a confidence."""

    status = Status.DRAFT
    published_at = None
    speaker = None
    suggested_speaker_name = "Anatoly Antonov"
    suggestion_confidence = 0.8
