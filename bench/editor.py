"""
An editor at work, for the load test: ``python -m bench.editor --seconds 45``.

Saves quotes the way the admin does (``save()`` in a transaction: history, search index and
all), one after another for the duration: edits a published quote's words, and now and then
adds a new quote with a tag. Prints one JSON line: saves, errors, and the slowest save.
"""

import argparse
import json
import os
import random
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")

import django  # noqa: E402

django.setup()

from django.db import OperationalError, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from archive.editorial import Status  # noqa: E402
from archive.models import Quote  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=45)
    parser.add_argument("--pause", type=float, default=0.05, help="Seconds between saves.")
    args = parser.parse_args()
    rng = random.Random(1)
    highest = Quote.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    saves, errors, locked, slowest = 0, 0, 0, 0.0
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            with transaction.atomic():
                quote = Quote.objects.filter(pk__gte=rng.randint(1, max(highest, 1))).order_by("pk").first()
                if quote is None or rng.random() < 0.2:
                    new = Quote(
                        text=f"Load test quote {saves}: we remain open to dialogue.",
                        unnamed_source="a load-test spokesperson",
                        said_on=timezone.localdate(),
                        status=Status.PUBLISHED,
                    )
                    new.save()
                    new.tags.add("load test")
                else:
                    quote.text = quote.text.rstrip(" *") + " *"
                    quote.save()
            saves += 1
        except OperationalError as error:
            errors += 1
            locked += "locked" in str(error)
        slowest = max(slowest, time.perf_counter() - started)
        time.sleep(args.pause)
    print(json.dumps({"saves": saves, "errors": errors, "locked": locked, "slowest_ms": round(slowest * 1000, 1)}))


if __name__ == "__main__":
    main()
