"""
axe-core (bundled by axe-playwright-python, nothing fetched) on every kind of public page and on
the admin screens the archive draws itself, in a real Chromium on the demo archive. A serious or
critical violation fails, naming the rule, the element and the page.

Skipped, with a message saying so, where Chromium is not installed.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.test import Client
from taggit.models import Tag

from archive.models import Article, Event, Quote
from people.models import Person
from tests.factories import CitationFactory, SuggestedQuoteFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FAILING_IMPACTS = {"serious", "critical"}

# Markup that is Django's admin's own, the same on every admin screen, not the archive's: the
# breadcrumbs (a trail of links between "›", which axe reads as links in running text), the
# changelist's search box (named "Search" by its magnifier icon's alt text, which axe does not
# count) and the autocomplete boxes (select2's, named only by the current choice, so unnamed
# while empty: a fix belongs in Django's admin).
DJANGO_ADMIN_MARKUP = [[".breadcrumbs"], ["#changelist-search"], [".select2-container"]]


@pytest.fixture
def demo(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


@pytest.fixture
def check(page):
    """
    check(name, exclude=[selectors], skip=[rules]) runs axe on the page as it is; check.violations
    lists what failed, page by page.
    """
    axe, found = Axe(), []

    def check(name, exclude=(), skip=()):
        context = {"exclude": list(exclude)} if exclude else None
        options = {"resultTypes": ["violations"], "rules": {rule: {"enabled": False} for rule in skip}}
        for violation in axe.run(page, context=context, options=options).response["violations"]:
            if violation["impact"] in FAILING_IMPACTS:
                for node in violation["nodes"]:
                    target = " ".join(map(str, node["target"]))
                    found.append(f"{name} ({page.url}): {violation['id']} ({violation['impact']}) at {target}")

    check.violations = found
    return check


def test_public_pages_have_no_serious_accessibility_violations(page, demo, check):
    person = Person.objects.get(slug="anatoly-antonov")
    pages = {
        "home": "/",
        "article list": "/articles/",
        "article page": Article.objects.published().first().get_absolute_url(),
        "people list": "/people/",
        "person page": person.get_absolute_url(),
        "quote list": "/quotes/",
        "quote list, filtered": f"/quotes/?person={person.slug}&date_after=2017&date_before=2017",
        "quote list, invalid filter (400)": f"/quotes/?person={person.slug}&date_after=2017-13",
        "quote page": Quote.objects.published().first().get_absolute_url(),
        "timeline": "/timeline/",
        "timeline, filtered": f"/timeline/?person={person.slug}",
        "event page": Event.objects.published().first().get_absolute_url(),
        "tag list": "/tags/",
        "tag page": f"/tags/{Tag.objects.order_by('slug').first().slug}/",
        "search with results": "/search/?q=antonov",
        "search without results": "/search/?q=zyzzyva",
        "search, invalid (400)": "/search/?q=antonov&kind=nothing",
        "not found (404)": "/no-such-page/",
    }
    for name, path in pages.items():
        page.goto(f"{demo}{path}")
        check(name)

    # The API docs as they open. Swagger UI's operation rows are buttons holding a copy-link
    # button (nested-interactive): its markup, not ours to change.
    page.goto(f"{demo}/api/docs/")
    page.get_by_text("Embassy Row open data API").first.wait_for()
    check("API docs (Swagger UI)", skip=["nested-interactive"])
    page.goto(f"{demo}/api/docs/redoc/")
    page.get_by_text("Embassy Row open data API").first.wait_for()
    check("API docs (ReDoc)")
    assert page.get_by_role("main").count() == 1  # ReDoc draws none: the documentation is the page's main part

    assert check.violations == [], "\n".join(check.violations)


def test_the_archives_own_admin_screens_have_no_serious_accessibility_violations(page, demo, check):
    client = Client()
    client.force_login(UserFactory(username="axe-editor", is_superuser=True))
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": demo}])
    suggestion = CitationFactory(quote=SuggestedQuoteFactory(text="The door remains open for serious talks.")).quote

    def visit(name, path, heading):
        page.goto(f"{demo}{path}")
        page.get_by_role("heading", name=heading, level=1).wait_for()
        check(name, exclude=DJANGO_ADMIN_MARKUP)

    visit("import article", "/admin/archive/article/import/", "Import article")
    headline = "Ambassador Anatoly Antonov tells reporters in Washington that dialogue with the United States goes on"
    page.get_by_label("…or paste the text").fill(
        f"{headline} whatever the sanctions\n\n“We will not give up on dialogue,” Anatoly Antonov said."
    )
    page.get_by_label("Dry run").check()
    page.get_by_role("button", name="Import").click()
    page.get_by_role("heading", name="Dry run: nothing was written").wait_for()
    check("import article, dry run", exclude=DJANGO_ADMIN_MARKUP)

    visit("review queue", "/admin/archive/suggestedquote/", "Select suggested quote to change")
    visit("suggested quote", f"/admin/archive/suggestedquote/{suggestion.pk}/change/", "Change suggested quote")

    page.goto(f"{demo}/admin/people/person/")
    page.locator("input.action-select").nth(0).check()
    page.locator("input.action-select").nth(1).check()
    page.get_by_role("combobox", name="Action").select_option(label="Merge selected people into one")
    page.get_by_role("button", name="Go").click()
    page.get_by_role("heading", name="Merge people", level=1).wait_for()
    check("merge people", exclude=DJANGO_ADMIN_MARKUP)

    event = Event.objects.filter(quotes__isnull=False).first()
    page.goto(f"{demo}/admin/archive/event/{event.pk}/delete/")
    page.get_by_text("Kept, without an event:").wait_for()
    check("delete an event, its quotes kept", exclude=DJANGO_ADMIN_MARKUP)

    assert check.violations == [], "\n".join(check.violations)
