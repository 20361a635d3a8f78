"""
Unpublished content planted next to published content, for the tests that prove a public
surface (API, feeds, exports, sitemap) never shows it. Everything planted here carries the
word "secret" in a name, title, text or slug, so a surface leaks if "secret" appears in it.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from taggit.models import Tag

from archive.editorial import Status
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    EventFactory,
    OrganizationFactory,
    OutletFactory,
    PersonAliasFactory,
    PersonFactory,
    QuoteFactory,
    RoleFactory,
)

MARKER = "secret"


def scheduled():
    """Published, but only from tomorrow."""
    return {"status": Status.PUBLISHED, "published_at": timezone.now() + datetime.timedelta(days=1)}


@dataclass
class Planted:
    published_quote: object
    published_person: object
    published_article: object
    published_event: object
    draft_quote: object
    scheduled_quote: object
    draft_person: object
    scheduled_person: object
    draft_article: object
    scheduled_article: object
    draft_event: object
    scheduled_event: object
    secret_tag: object


def plant():
    """
    A published quote, person, article and event that all point at unpublished things
    (a draft article's citation, a draft event, a tag used only by drafts), and drafts and
    scheduled items of every kind.
    """
    secret_tag = Tag.objects.create(name="Secret tag", slug="secret-tag")
    draft_outlet = OutletFactory(name="Secret Outlet", slug="secret-outlet")

    person = PersonFactory(name="Anatoly Antonov", slug="anatoly-antonov")
    PersonAliasFactory(person=person, name="Анатолий Антонов", language="ru")
    RoleFactory(person=person, title="Russian ambassador to the United States")
    event = EventFactory(title="Stanford talk", slug="stanford-talk")
    article = ArticleFactory(headline="Antonov at Stanford", slug="antonov-at-stanford")
    quote = QuoteFactory(speaker=person, event=event, text="We are doomed to cooperate.")
    CitationFactory(quote=quote, article=article, passage="He said: “We are doomed to cooperate.”")

    draft_person = PersonFactory(name="Secret Draft Person", slug="secret-draft-person", draft=True)
    RoleFactory(person=draft_person, title="Secret post", organization=OrganizationFactory(name="Secret Ministry"))
    scheduled_person = PersonFactory(name="Secret Scheduled Person", slug="secret-scheduled-person", **scheduled())

    draft_article = ArticleFactory(
        headline="Secret draft article", slug="secret-draft-article", outlet=draft_outlet, draft=True
    )
    scheduled_article = ArticleFactory(
        headline="Secret scheduled article", slug="secret-scheduled-article", outlet=draft_outlet, **scheduled()
    )
    # A published quote's citations from unpublished articles stay hidden.
    CitationFactory(quote=quote, article=draft_article, passage="A secret passage.")
    CitationFactory(quote=quote, article=scheduled_article, passage="Another secret passage.")

    draft_event = EventFactory(title="Secret draft event", slug="secret-draft-event", draft=True)
    scheduled_event = EventFactory(title="Secret scheduled event", slug="secret-scheduled-event", **scheduled())
    draft_event.people.add(person)
    # A published quote said at a draft event: the quote shows, the event does not.
    QuoteFactory(speaker=person, event=draft_event, text="Said at an unannounced meeting.")

    draft_quote = QuoteFactory(speaker=person, text="A secret draft quote.", draft=True)
    scheduled_quote = QuoteFactory(speaker=person, text="A secret scheduled quote.", **scheduled())
    QuoteFactory(speaker=draft_person, text="A secret quote by a draft person.", draft=True)
    for item in (draft_quote, scheduled_quote, draft_article, draft_event, scheduled_event):
        item.tags.add(secret_tag)
    quote.tags.add("Diplomacy")
    article.tags.add("Diplomacy")
    event.tags.add("Diplomacy")
    event.people.add(person, draft_person)
    article.people.add(person, draft_person)

    return Planted(
        published_quote=quote,
        published_person=person,
        published_article=article,
        published_event=event,
        draft_quote=draft_quote,
        scheduled_quote=scheduled_quote,
        draft_person=draft_person,
        scheduled_person=scheduled_person,
        draft_article=draft_article,
        scheduled_article=scheduled_article,
        draft_event=draft_event,
        scheduled_event=scheduled_event,
        secret_tag=secret_tag,
    )


def assert_no_secrets(content):
    text = content.decode() if isinstance(content, bytes) else content
    assert MARKER not in text.lower(), f"unpublished content leaked: …{text[text.lower().find(MARKER) - 80 :][:200]}…"
