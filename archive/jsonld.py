"""
schema.org JSON-LD for public pages, built as plain dicts in the views.

Templates render them with the ``jsonld`` filter (``{% load reading_room %}``),
which escapes ``<``, ``>`` and ``&`` like ``json_script`` so editor text can
never close the script element.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def to_script_json(data):
    """JSON safe to place inside a ``<script>`` element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return mark_safe(text)  # escaped above, as django.utils.html.json_script does


def _prune(data):
    """Drop empty values so the markup only states what we know."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def wikidata_url(wikidata_id):
    return f"https://www.wikidata.org/wiki/{wikidata_id}" if wikidata_id else ""


def person_jsonld(person, request=None):
    """A schema.org Person; aliases become alternateName, Wikidata becomes sameAs."""
    url = request.build_absolute_uri(person.get_absolute_url()) if request else person.get_absolute_url()
    return _prune(
        {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": person.name,
            "url": url,
            "description": person.description,
            "nationality": person.country,
            "alternateName": [alias.name for alias in person.aliases.all()],
            "sameAs": [wikidata_url(person.wikidata_id)] if person.wikidata_id else [],
        }
    )


def article_jsonld(article, people=(), request=None):
    """A schema.org NewsArticle for an article in the archive, pointing at the original."""
    url = request.build_absolute_uri(article.get_absolute_url()) if request else article.get_absolute_url()
    published = article.published
    authors = [name.strip() for name in article.authors.replace(" and ", ",").split(",") if name.strip()]
    return _prune(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.headline,
            "alternativeHeadline": article.dek,
            "url": url,
            "sameAs": article.url,
            "datePublished": published.isoformat() if published else None,
            "inLanguage": article.language,
            "abstract": article.summary,
            "author": [{"@type": "Person", "name": name} for name in authors],
            "translator": {"@type": "Person", "name": article.translator} if article.translator else None,
            "publisher": {"@type": "Organization", "name": article.outlet.name} if article.outlet_id else None,
            "keywords": [tag.name for tag in article.tags.all()],
            "mentions": [{"@type": "Person", "name": person.name} for person in people],
        }
    )


def quotation_jsonld(quote, citations=(), request=None):
    """
    A schema.org Quotation: the words, who said them (a Person, or the unnamed source in
    words), when, the original wording for a translation, and the articles that reported it.
    """
    url = request.build_absolute_uri(quote.get_absolute_url()) if request else quote.get_absolute_url()
    said = quote.said
    creator = None
    if quote.speaker_id:
        speaker = quote.speaker
        post = quote.speaker_post
        speaker_url = same_as = None
        if speaker.is_public:  # a draft person's page does not exist for readers, nor their profile
            speaker_url = speaker.get_absolute_url()
            speaker_url = request.build_absolute_uri(speaker_url) if request else speaker_url
            same_as = wikidata_url(speaker.wikidata_id) or None
        creator = _prune(
            {
                "@type": "Person",
                "name": speaker.name,
                "url": speaker_url,
                "jobTitle": post.title if post else None,
                "sameAs": same_as,
            }
        )
    original = None
    if quote.original_text:
        original = _prune({"@type": "Quotation", "text": quote.original_text, "inLanguage": quote.original_language})
    reports = []
    for citation in citations:
        article = citation.article
        published = article.published
        reports.append(
            _prune(
                {
                    "@type": "NewsArticle",
                    "headline": article.headline,
                    "url": article.url,
                    "datePublished": published.isoformat() if published else None,
                    "publisher": {"@type": "Organization", "name": article.outlet.name} if article.outlet_id else None,
                }
            )
        )
    return _prune(
        {
            "@context": "https://schema.org",
            "@type": "Quotation",
            "text": quote.text,
            "url": url,
            "inLanguage": quote.language,
            "dateCreated": said.isoformat() if said else None,
            "creator": creator,
            "description": None if quote.speaker_id else f"Attributed to {quote.unnamed_source}",
            "translationOfWork": original,
            "citation": reports,
        }
    )


def event_jsonld(event, people=(), request=None):
    """A schema.org Event: dates at their own precision ("2017", "2017-12", "2017-12-01"), place, people."""
    url = request.build_absolute_uri(event.get_absolute_url()) if request else event.get_absolute_url()
    start, end = event.start, event.end
    attendees = []
    for person in people:
        person_url = person.get_absolute_url()
        attendees.append(
            {
                "@type": "Person",
                "name": person.name,
                "url": request.build_absolute_uri(person_url) if request else person_url,
            }
        )
    return _prune(
        {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": event.title,
            "url": url,
            "description": event.description,
            "startDate": start.isoformat() if start else None,
            "endDate": end.isoformat() if end else None,
            "location": {"@type": "Place", "name": event.location} if event.location else None,
            "attendee": attendees,
            "keywords": [tag.name for tag in event.tags.all()],
        }
    )
