"""
A reader in a real browser (Debian's Chromium through playwright) on the demo archive.

Skipped, with a message saying so, where Chromium is not installed.
"""

import re

import pytest
from django.core.management import call_command
from django.test import Client

from archive.models import Quote
from people.models import Person
from tests.factories import CitationFactory, PersonFactory, SuggestedQuoteFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


def test_reader_filters_antonovs_quotes_to_2017(page, demo):
    antonov = Person.objects.get(slug="anatoly-antonov")
    expected = Quote.objects.published().by_person(antonov).filter(said_on__year=2017)
    expected_texts = sorted(quote.text for quote in expected)
    assert len(expected_texts) > 3

    page.goto(f"{demo}/quotes/")
    page.get_by_label("Person").fill("Anatoly Antonov")
    page.get_by_label("Said from").fill("2017")
    page.get_by_label("Said until").fill("2017")
    page.get_by_role("button", name="Show quotes").click()

    assert "person=Anatoly+Antonov" in page.url
    page.get_by_role("heading", name=f"{len(expected_texts)} quotes").wait_for()
    shown = sorted(text.strip() for text in page.locator("blockquote").all_inner_texts())
    assert shown == expected_texts
    assert "Russian ambassador to the United States" in page.locator("main").inner_text()


def test_reader_opens_the_timeline_and_an_event(page, demo):
    page.goto(demo)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Timeline").click()

    page.get_by_role("heading", name="Timeline", exact=True).wait_for()
    assert page.locator("svg").first.is_visible()
    main = page.locator("main").inner_text()
    assert "2017 – date within the year unknown" in main
    assert "1 December 2017" in main

    page.get_by_role("link", name="Antonov speaks at Stanford's Freeman Spogli Institute").click()
    page.get_by_role("heading", level=1).wait_for()
    assert re.search(r"/events/[\w-]+/$", page.url)
    assert "Michael McFaul" in page.locator("main").inner_text()
    assert page.locator("blockquote").count() >= 3


def search_from_the_header(page, words):
    header = page.get_by_role("banner")
    header.get_by_label("Search the archive").fill(words)
    header.get_by_role("button", name="Search", exact=True).click()
    results = page.locator("main ol li, main ul.results li")
    results.first.wait_for()
    return results


def test_reader_finds_antonov_by_an_alias_in_search(page, demo):
    page.goto(demo)

    # "Anatoliy" is an alias of both Anatolys in the archive: Antonov and Chubais.
    results = search_from_the_header(page, "Anatoliy")
    assert "/search/?q=Anatoliy" in page.url
    assert "Anatoly Antonov" in " ".join(results.all_inner_texts())

    results = search_from_the_header(page, "Антонов")
    assert "Anatoly Antonov" in results.first.inner_text()
    results.first.get_by_role("link").first.click()
    page.get_by_role("heading", name="Anatoly Antonov", level=1).wait_for()


def test_filter_form_works_without_javascript(browser, demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{demo}/quotes/?person=anatoly-antonov&date_after=2017-13")

    assert "not a real date" in page.locator("main").inner_text() or "YYYY" in page.locator("main").inner_text()
    context.close()


def test_nothing_on_the_pages_breaks_the_content_security_policy(page, demo):
    """The policy allows only the archive's own scripts: no page, docs or admin screen needs more."""
    refused = []

    def console(message):
        # ReDoc's stylesheet asks for its "powered by" logo from its CDN (the link is hidden): refused,
        # as anything from other sites is.
        if "Content Security Policy" in message.text and "cdn.redoc.ly/redoc/logo-mini.svg" not in message.text:
            refused.append(message.text)

    page.on("console", console)
    # A superuser: the groups a migration made are gone once an earlier test has flushed the tables.
    editor = UserFactory(username="csp-editor", is_superuser=True)
    editor.set_password("a long enough password")
    editor.save()
    quote = Quote.objects.published().first()

    for path in ["/", "/quotes/", "/timeline/", "/search/?q=antonov", "/people/anatoly-antonov/", "/tags/"]:
        page.goto(f"{demo}{path}")
        page.wait_for_load_state("networkidle")
    page.goto(f"{demo}/quotes/")
    page.get_by_label("Person").fill("Anto")
    page.locator("datalist option[label*='Antonov']").first.wait_for(state="attached")
    page.goto(f"{demo}/api/docs/")
    page.get_by_text("Embassy Row open data API").first.wait_for()
    page.goto(f"{demo}/api/docs/redoc/")
    page.get_by_text("Embassy Row open data API").first.wait_for()
    # ReDoc's "powered by" link, whose logo the policy refuses, is hidden.
    assert not page.locator("a[href^='https://redocly.com']").first.is_visible()

    page.goto(f"{demo}/admin/")
    page.get_by_label("Username").fill("csp-editor")
    page.get_by_label("Password").fill("a long enough password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Coverage, quotes, people and events").wait_for()
    for path in ["/admin/archive/quote/", f"/admin/archive/quote/{quote.pk}/change/", "/admin/archive/article/import/"]:
        page.goto(f"{demo}{path}")
        page.wait_for_load_state("networkidle")
    page.goto(f"{demo}/admin/archive/quote/{quote.pk}/change/")
    page.locator("#id_speaker + .select2 .select2-selection").click()
    page.locator(".select2-search__field").fill("Anto")
    page.locator(".select2-results__option", has_text="Antonov").first.wait_for()

    assert refused == []


@pytest.fixture
def editor_page(browser, demo):
    """Pages of browsers of their own, each logged in to the admin as a new superuser; closed after the test."""
    contexts = []

    def open_as(username):
        client = Client()
        client.force_login(UserFactory(username=username, is_superuser=True))
        context = browser.new_context()
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": demo}])
        contexts.append(context)
        return context.new_page()

    yield open_as
    for context in contexts:
        context.close()


def test_two_editors_on_one_quote_the_second_save_is_refused_until_reopened(editor_page, demo):
    quote = Quote.objects.published().first()
    change = f"{demo}/admin/archive/quote/{quote.pk}/change/"
    first, second = editor_page("first-editor"), editor_page("second-editor")
    first.goto(change)
    second.goto(change)

    second.locator("#id_text").fill("Their correction of the words.")
    second.get_by_role("button", name="Save", exact=True).click()
    second.get_by_text("was changed successfully").wait_for()
    first.locator("#id_text").fill("My correction of the words.")
    first.get_by_role("button", name="Save", exact=True).click()

    first.get_by_text("This quote was changed by second-editor at").wait_for()
    assert first.locator("#id_text").input_value() == "My correction of the words."  # kept, to copy
    quote.refresh_from_db()
    assert quote.text == "Their correction of the words."

    first.goto(change)
    assert first.locator("#id_text").input_value() == "Their correction of the words."
    first.locator("#id_text").fill("Their correction of the words, and mine.")
    first.get_by_role("button", name="Save", exact=True).click()
    first.get_by_text("was changed successfully").wait_for()
    quote.refresh_from_db()
    assert quote.text == "Their correction of the words, and mine."
    assert [record.history_user.username for record in quote.history.all()[:2]] == ["first-editor", "second-editor"]


def test_after_a_refused_save_the_keyboard_starts_at_the_mistake(editor_page, demo):
    quote = Quote.objects.published().first()
    page = editor_page("keyboard-editor")
    focused = "() => document.activeElement.id || document.activeElement.className"

    page.goto(f"{demo}/admin/archive/quote/{quote.pk}/change/")
    page.locator("#id_said").fill("2024-13-45")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("is not a real date").wait_for()
    page.wait_for_load_state("load")
    assert page.evaluate(focused) == "id_said"
    page.keyboard.press("Control+A")  # straight into the field in error
    page.keyboard.type("2017")
    assert page.locator("#id_said").input_value() == "2017"

    # A mistake that is not one field's: the message is focused, and read out first.
    page.goto(f"{demo}/admin/archive/quote/{quote.pk}/change/")
    page.locator("#id_unnamed_source").fill("a State Department spokesperson")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Give either a speaker or an unnamed source, not both.").wait_for()
    page.wait_for_load_state("load")
    assert page.evaluate(focused) == "errornote"

    # A mistake in an autocomplete: its box, the one the keyboard works with, is focused.
    PersonFactory(name="Qa Draftperson", slug="qa-draftperson", draft=True)
    page.goto(f"{demo}/admin/archive/quote/{quote.pk}/change/")
    page.locator("#id_speaker + .select2 .select2-selection").click()
    page.locator(".select2-search__field").fill("Draftperson")
    page.locator(".select2-results__option", has_text="Qa Draftperson").click()
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Qa Draftperson's profile is not published.").wait_for()
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.activeElement.classList.contains('select2-selection')")
    in_speaker = "() => document.activeElement.closest('.related-widget-wrapper').querySelector('#id_speaker') !== null"
    assert page.evaluate(in_speaker)
    page.keyboard.press("Enter")
    page.locator(".select2-search__field").wait_for()


def test_a_refused_choice_to_keep_in_a_merge_puts_the_keyboard_on_the_choice(editor_page, demo):
    PersonFactory(name="Qa Duplicate", slug="qa-duplicate", draft=True)
    page = editor_page("merging-editor")

    page.goto(f"{demo}/admin/people/person/")
    for name in ["Anatoly Antonov", "Qa Duplicate"]:
        page.locator("#result_list tr", has_text=name).locator("input.action-select").check()
    page.locator("select[name=action]").select_option("merge_people")
    page.locator("button[name=index]").click()
    page.get_by_label("Qa Duplicate (qa-duplicate)").check()  # a draft, while Antonov's quotes are published
    page.get_by_role("button", name="Merge into the person kept").click()

    page.get_by_text("Keep a published person, or publish this one first.").wait_for()
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.activeElement.name === 'keep'")
    page.keyboard.press("ArrowDown")  # straight on to another choice
    assert page.evaluate("() => document.activeElement.name") == "keep"


def test_an_action_run_after_choosing_a_speaker_in_the_review_queue_warns_the_choice_is_unsaved(editor_page, demo):
    suggestion = SuggestedQuoteFactory(text="We will keep raising the price of aggression.")
    CitationFactory(quote=suggestion)
    page = editor_page("queue-editor")
    page.on("dialog", lambda dialog: dialog.dismiss())

    page.goto(f"{demo}/admin/archive/suggestedquote/")
    row = page.locator("#result_list tr", has_text="price of aggression")
    row.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("McFaul")
    page.locator(".select2-results__option", has_text="Michael McFaul").click()
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option("accept")
    with page.expect_event("dialog", timeout=5000) as warning:
        page.locator("button[name=index]").click()

    assert warning.value.message.startswith("You have unsaved changes on individual editable fields.")
    suggestion.refresh_from_db()
    assert suggestion.suggestion_confidence is not None and suggestion.speaker is None  # nothing was done
