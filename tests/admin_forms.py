"""Helpers for the editorial-desk tests: admin URLs, and POST data as an admin form sends it."""

from django.test import RequestFactory
from django.urls import reverse

INLINE_EMPTY = {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "1000"}


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def inline(prefix):
    return {f"{prefix}-{key}": value for key, value in INLINE_EMPTY.items()}


def quote_data(quote=None, **changes):
    """A quote's admin form as submitted, from ``quote`` (or a new draft) with ``changes``."""
    data = {
        "text": quote.text if quote else "We are doomed to cooperate.",
        "speaker": (quote.speaker_id or "") if quote else "",
        "unnamed_source": quote.unnamed_source if quote else "",
        "said": quote.said.isoformat() if quote and quote.said else "",
        "event": (quote.event_id or "") if quote else "",
        "kind": quote.kind if quote else "direct",
        "language": quote.language if quote else "en",
        "original_text": "",
        "original_language": "",
        "tags": "",
        "notes": "",
        "status": quote.status if quote else "draft",
        **inline("citations"),
    }
    data.update(changes)
    return data


def person_data(person=None, **changes):
    data = {
        "name": person.name if person else "Anatoly Antonov",
        "sort_name": person.sort_name if person else "",
        "slug": person.slug if person else "anatoly-antonov",
        "description": person.description if person else "",
        "country": person.country if person else "",
        "wikidata_id": person.wikidata_id if person else "",
        "biography": person.biography if person else "",
        "status": person.status if person else "draft",
        **inline("aliases"),
        **inline("roles"),
    }
    data.update(changes)
    return data


def action_choices(response):
    """The action names a changelist offers (none at all: no action form)."""
    form = response.context["action_form"]
    return {name for name, _ in form.fields["action"].choices if name} if form else set()


def login_request():
    """For ``authenticate()`` as the admin's login form calls it: with the request, which django-axes counts by."""
    return RequestFactory().post("/admin/login/")
