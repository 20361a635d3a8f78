import os
import shutil

import pytest
from django.core.cache import cache
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.test import Client

from archive.models import MonthlyCount, ScheduledItem, ScheduledTagging, TagUsage
from archive.roles import CONTRIBUTOR, EDITOR
from tests.factories import PersonFactory, UserFactory

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = os.path.exists(CHROMIUM)

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# would otherwise refuse to run next to it in the browser tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if HAVE_CHROMIUM:
        return
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium`")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(autouse=True)
def fresh_cache():
    """The rate limits count in the cache (locmem in the tests): every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def antonov(db):
    return PersonFactory(name="Anatoly Antonov", slug="anatoly-antonov")


# The editorial desk's two roles (archive.roles), each with a client of its own.


@pytest.fixture
def editor(db):
    return UserFactory(username="editor-user", roles=[EDITOR])


@pytest.fixture
def contributor(db):
    return UserFactory(username="contributor-user", roles=[CONTRIBUTOR])


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def contributor_client(contributor):
    client = Client()
    client.force_login(contributor)
    return client


@receiver(post_migrate)
def empty_the_counts_after_a_flush(sender, using, **kwargs):
    """
    A transactional test ends with a flush: on SQLite, a DELETE per table in no fixed order.
    Deleting counted rows after their counts table was emptied makes the count triggers write
    negative counts, which the next test would inherit. Every table is empty after a flush
    (the signal follows it), so the counts must be too.
    """
    if sender.label == "archive":
        for model in (MonthlyCount, ScheduledItem, TagUsage, ScheduledTagging):
            model.objects.using(using).all().delete()
