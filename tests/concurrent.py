"""Two transactions at once, for the tests of what the database keeps right between them."""

import contextlib
import threading
import time

import pytest
from django.db import connection, transaction


@contextlib.contextmanager
def written_meanwhile(write):
    """
    Runs ``write`` in a transaction of another thread (and connection), held open half a second
    after it has written: the ``with`` body writes meanwhile, and the other commits at its end.
    PostgreSQL only (tests marked ``django_db(transaction=True)``); SQLite writes one at a time.
    """
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time.")
    written = threading.Event()

    def other():
        with transaction.atomic():
            write()
            written.set()
            time.sleep(0.5)
        connection.close()

    thread = threading.Thread(target=other)
    thread.start()
    written.wait(5)
    try:
        yield
    finally:
        thread.join()
