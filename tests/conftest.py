import os
import shutil

import pytest
from django.test import Client

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
