"""Failed logins at the editors' desk: five in a row for one username from one address lock that pair out."""

import pytest
from axes.models import AccessAttempt

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "a long enough password"


@pytest.fixture
def editor():
    user = UserFactory(username="ines")
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(client, password, username="ines", **headers):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, **headers)


def test_five_failures_lock_out_the_username_from_that_address(client, editor):
    assert [log_in(client, "wrong").status_code for _ in range(4)] == [200] * 4

    locked = log_in(client, "wrong")

    assert locked.status_code == 429
    page = locked.content.decode()
    assert "5 logins as “ines” from this address failed in a row" in page
    assert "logging in as “ines” from here is refused for 15 minutes, even with the right password" in page
    # Even the right password is refused now, and no session is opened.
    right = log_in(client, PASSWORD)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another username from the same address, and the same one from another address, may still log in.
    other = UserFactory(username="omar")
    other.set_password(PASSWORD)
    other.save()
    assert log_in(client, PASSWORD, username="omar").status_code == 302
    assert log_in(client.__class__(), PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 302


def test_a_forged_forwarded_for_header_does_not_reset_the_count(client, editor):
    for number in range(5):
        log_in(client, "wrong", HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")

    assert log_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="10.0.0.99").status_code == 429


def test_a_login_that_succeeds_clears_the_failures(client, editor):
    for _ in range(4):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()

    assert [log_in(client, "wrong").status_code for _ in range(4)] == [200] * 4
    assert log_in(client, PASSWORD).status_code == 302


def test_deleting_the_attempt_unlocks(client, editor):
    for _ in range(5):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD).status_code == 429

    AccessAttempt.objects.filter(username="ines").delete()  # Axes › Access attempts, in the admin

    assert log_in(client, PASSWORD).status_code == 302


def test_behind_a_trusted_proxy_the_address_it_saw_is_the_clients(client, editor, settings):
    settings.TRUSTED_PROXIES = 1
    for _ in range(5):
        log_in(client, "wrong", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.1")

    assert log_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="7.7.7.7, 198.51.100.1").status_code == 429
    assert log_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 302


@pytest.mark.parametrize(
    "forwarded, counted_as",
    [
        ("1.2.3.4:5555", "1.2.3.4"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:db8::2", "2001:db8::2"),
        ("notanip", "127.0.0.1"),
        ("1.2.3.4, notanip", "127.0.0.1"),
    ],
)
def test_what_a_proxy_forwarded_counts_only_as_an_address(client, editor, settings, forwarded, counted_as):
    settings.TRUSTED_PROXIES = 1

    response = log_in(client, "wrong", HTTP_X_FORWARDED_FOR=forwarded)

    assert response.status_code == 200
    assert AccessAttempt.objects.get().ip_address == counted_as


def test_a_username_longer_than_any_users_is_refused_with_a_message_on_every_database(client, editor):
    # django-axes keeps a failure's username in 255 characters: PostgreSQL refused a longer one with a 500.
    response = log_in(client, "wrong", username="x" * 300)

    assert response.status_code == 200
    assert "A username has at most 150 characters; this one has 300." in response.content.decode()
    assert not AccessAttempt.objects.exists()
    assert log_in(client, PASSWORD).status_code == 302
