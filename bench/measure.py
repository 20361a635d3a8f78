"""
Time every page of one database's synthetic archive: ``python -m bench.measure`` (run by ``python -m bench``).

Each page is requested in-process with Django's test client (server time only: no network,
no browser): a warm-up under ``CaptureQueriesContext`` (its queries counted), then up to
``--repeat`` timed requests, fewer for a slow page (a few seconds' budget; a page slower than
the whole budget is reported from its one request), taken in rounds of one request per page.
"""

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.contrib import admin  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import DatabaseError, connection, connections  # noqa: E402
from django.db.backends.signals import connection_created  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from taggit.models import Tag, TaggedItem  # noqa: E402

from archive.models import Article, Citation, Event, Outlet, Quote  # noqa: E402
from archive.serving import prepare  # noqa: E402
from archive.synthetic import RARE_WORDS, Sizes  # noqa: E402
from bench import dataset  # noqa: E402
from people.models import Person  # noqa: E402

TARGETS = {"floor": None, "public": 30, "filters": 30, "search": 100, "api": 30, "export": 30, "admin": 300}
BUDGET_SECONDS = 4.0
# Any one SQL statement slower than this is stopped, and its page reported as timed out (HTTP 504).
STATEMENT_TIMEOUT_SECONDS = 10.0
TIMED_OUT = 504
# Change forms with a person (or quote, article) picker: each must stay an autocomplete, not a <select> of everyone.
CHANGE_FORMS = {"quote", "article", "event", "citation", "role", "personalias", "person"}


@dataclass
class Case:
    group: str
    name: str
    url: str
    admin: bool = False
    stream: bool = False
    expect: int = 200  # a filter a reader got wrong answers 400, as fast as any page


@dataclass
class Result:
    group: str
    name: str
    url: str
    status: int
    p50: float
    p95: float
    queries: int
    runs: int
    target: float | None
    expect: int = 200


def pick():
    """The objects the pages are about: the busiest speaker (the worst case), a typical one, and so on."""
    published = Quote.objects.published()
    speakers = list(published.exclude(speaker=None).values("speaker").annotate(n=Count("id")).order_by("-n")[:60])
    top = Person.objects.get(pk=speakers[0]["speaker"])
    typical = Person.objects.get(pk=speakers[-1]["speaker"])
    quote_type = TaggedItem.objects.filter(content_type__model="quote", content_type__app_label="archive")
    tag_counts = list(quote_type.values("tag").annotate(n=Count("id")).order_by("-n"))
    common_tag = Tag.objects.get(pk=tag_counts[0]["tag"])
    rare_tag = Tag.objects.get(pk=tag_counts[-1]["tag"])
    outlet = Outlet.objects.annotate(n=Count("articles")).order_by("-n").first()
    event = (
        Event.objects.published().filter(quotes__status="published").annotate(n=Count("quotes")).order_by("-n").first()
    )
    quote = published.filter(speaker=top).first()
    article = Article.objects.published().filter(pk__in=Citation.objects.values("article")[:1000]).first()
    rare = next(word for word in RARE_WORDS if Quote.objects.filter(text__contains=word).exists())
    return {
        "top": top,
        "typical": typical,
        "common_tag": common_tag,
        "rare_tag": rare_tag,
        "outlet": outlet,
        "event": event,
        "quote": quote,
        "article": article,
        "rare": rare,
    }


def cases(p):
    top, tag, outlet = p["top"].slug, p["common_tag"].slug, p["outlet"].slug
    quotes = reverse("quotes:list")
    timeline = reverse("events:timeline")
    search = reverse("search")
    dates = "date_after=2010&date_before=2012-06"
    yield Case("floor", "trivial view (floor)", "/__bench__/floor/")
    public = [
        ("home", "/"),
        ("article list", reverse("articles:list")),
        ("article list, page 200", reverse("articles:list") + "?page=200"),
        ("article detail", p["article"].get_absolute_url()),
        ("people list", reverse("people:list")),
        ("people list ?q=ant", reverse("people:list") + "?q=ant"),
        ("person detail (busiest speaker)", p["top"].get_absolute_url()),
        ("person detail (typical)", p["typical"].get_absolute_url()),
        ("person suggestions", reverse("quotes:person-suggest") + "?q=ant"),
        ("quote detail", p["quote"].get_absolute_url()),
        ("timeline", timeline),
        ("timeline ?person", f"{timeline}?person={top}"),
        ("timeline ?tag", f"{timeline}?tag={tag}"),
        ("timeline ?dates", f"{timeline}?{dates}"),
        ("timeline ?kind", f"{timeline}?kind=meeting"),
        ("timeline ?person&tag", f"{timeline}?person={top}&tag={p['common_tag'].slug}"),
        ("event detail", p["event"].get_absolute_url()),
        ("tag list", reverse("tags:list")),
        (
            "tag detail (common)",
            p["common_tag"].get_absolute_url()
            if hasattr(p["common_tag"], "get_absolute_url")
            else reverse("tags:detail", args=[tag]),
        ),
        ("tag detail (rare)", reverse("tags:detail", args=[p["rare_tag"].slug])),
        ("quotes feed", reverse("quotes:feed")),
        ("tag feed (common)", reverse("tags:feed", args=[p["common_tag"].slug])),
        ("sitemap index", reverse("sitemap")),
    ]
    for name, url in public:
        yield Case("public", name, url)
    filters = [
        ("quotes", ""),
        ("?person (busiest)", f"person={top}"),
        ("?person (typical)", f"person={p['typical'].slug}"),
        ("?person (a name typed)", urlencode({"person": p["top"].name.upper()})),
        ("?date_after", "date_after=2015"),
        ("?date_after&date_before", dates),
        ("?tag (common)", f"tag={tag}"),
        ("?tag (rare)", f"tag={p['rare_tag'].slug}"),
        ("?outlet", f"outlet={outlet}"),
        ("?event", f"event={p['event'].slug}"),
        ("?q (common: russia)", "q=russia"),
        ("?q (rare)", f"q={p['rare']}"),
        ("?sort=date", "sort=date"),
        ("person + dates", f"person={top}&{dates}"),
        ("person + tag", f"person={top}&tag={tag}"),
        ("person + rare tag", f"person={top}&tag={p['rare_tag'].slug}"),
        ("tag + outlet", f"tag={tag}&outlet={outlet}"),
        ("dates + q", f"{dates}&q=sanctions"),
        ("all filters", f"person={top}&{dates}&tag={tag}&outlet={outlet}&q=russia"),
        ("page 100", "page=100"),
    ]
    for name, query in filters:
        yield Case("filters", f"quotes {name}", f"{quotes}?{query}" if query else quotes)
    for name, query in [
        ("?person (no one by that name)", "person=No+Such+Person"),
        ("?date_after (no date)", "date_after=soon"),
    ]:
        yield Case("filters", f"quotes {name}", f"{quotes}?{query}", expect=400)
    for name, query in [
        ("the", "q=the"),
        ("russia", "q=russia"),
        ("rare word", f"q={p['rare']}"),
        ("a name", f"q={p['top'].name.split()[-1]}"),
        ("russia, quotes only", "q=russia&kind=quote"),
    ]:
        yield Case("search", f"search: {name}", f"{search}?{query}")
    for name in ["quote", "person", "article", "event", "outlet", "tag"]:
        yield Case("api", f"api {name} list", reverse(f"api:{name}-list"))
    yield Case("api", "api quote list ?person+dates", reverse("api:quote-list") + f"?person={top}&{dates}")
    yield Case(
        "export", "quotes CSV, first chunk (?person)", f"{reverse('quotes:export-csv')}?person={top}", stream=True
    )
    yield Case("export", "quotes CSV, first chunk (all)", reverse("quotes:export-csv"), stream=True)
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        yield Case("admin", f"admin {opts.model_name} list", url, admin=True)
        if model_admin.search_fields and model in (Quote, Person, Article):
            yield Case("admin", f"admin {opts.model_name} search", f"{url}?q=russia", admin=True)
        if opts.model_name in CHANGE_FORMS:
            first = model._default_manager.order_by("pk").first()
            if first is not None:
                change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
                yield Case("admin", f"admin {opts.model_name} change form", change, admin=True)


class StatementTimeout:
    """
    Stops any one statement after ``seconds``, so a page that would take minutes at a million
    quotes costs the run seconds: PostgreSQL's statement_timeout; on SQLite a progress handler
    checks a deadline that an execute wrapper sets before each statement.
    """

    def __init__(self, seconds):
        self.seconds = seconds
        self.deadline = float("inf")

    def install(self):
        connection_created.connect(self.configure, weak=False)
        connection.execute_wrappers.append(self.wrap)
        if connection.connection is not None:
            self.configure(connection=connection)

    def configure(self, sender=None, connection=None, **kwargs):
        if connection.vendor == "postgresql":
            with connection.connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {int(self.seconds * 1000)}")
        elif connection.vendor == "sqlite":
            connection.connection.set_progress_handler(self.expired, 10_000)

    def expired(self):
        return int(time.monotonic() > self.deadline)

    def wrap(self, execute, sql, params, many, context):
        # Left set after the call: fetching the rows is part of the statement's time.
        self.deadline = time.monotonic() + self.seconds
        return execute(sql, params, many, context)


def request(client, case):
    try:
        response = client.get(case.url)
    except DatabaseError:
        # The statement timeout: roll back whatever the connection was in the middle of.
        connections.close_all()
        return TIMED_OUT
    if case.stream and response.streaming:
        next(iter(response.streaming_content), b"")
    response.close()
    return response.status_code


def measure(cases, repeat):
    """
    Each page's warm-up first (its queries counted; a page slower than the budget is reported
    from that one request), then the timed requests in rounds of one request per page. The
    machine's hiccups come in bursts (a dozen slow requests in a row, whatever the page), so
    timing a page's requests back to back would charge a burst to whichever page it fell on;
    in rounds it costs each page a request or two. ``cases`` are (client, case) pairs.
    """
    warm, counted, status = [], [], []
    for client, case in cases:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            status.append(request(client, case))
            warm.append(time.perf_counter() - started)
            counted.append(len(queries))  # now: the next request resets the connection's query log
    runs = [
        0 if seconds > BUDGET_SECONDS else max(3, min(repeat, int(BUDGET_SECONDS / max(seconds, 1e-6))))
        for seconds in warm
    ]
    times = [[] if runs[index] else [warm[index] * 1000] for index in range(len(cases))]
    rounds = max(runs, default=0)
    print(f"Warmed up {len(cases)} pages; timing them in {rounds} rounds…", flush=True)
    for round_number in range(rounds):
        for index, (client, case) in enumerate(cases):
            if round_number < runs[index]:
                started = time.perf_counter()
                request(client, case)
                times[index].append((time.perf_counter() - started) * 1000)
    results = []
    for index, (_, case) in enumerate(cases):
        timed = sorted(times[index])
        p95 = timed[min(len(timed) - 1, int(round(0.95 * (len(timed) - 1))))]
        results.append(
            Result(
                case.group,
                case.name,
                case.url,
                status[index],
                statistics.median(timed),
                p95,
                counted[index],
                len(timed),
                TARGETS[case.group],
                case.expect,
            )
        )
    return results


def python_speed(additions=10_000_000):
    """Seconds for ``additions`` additions in a Python loop: how fast this machine is, to compare runs."""
    started = time.perf_counter()
    total = 0
    for number in range(additions):
        total += number
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--out", required=True)
    parser.add_argument("--only", default="", help="Measure only pages whose name contains this.")
    args = parser.parse_args()
    sizes = Sizes.scaled(args.scale)
    key = sizes.key(args.seed)
    vendor = connection.vendor
    if dataset.built_key(connection) != key:
        print(f"Building the {key} archive on {vendor}…", flush=True)
        url = os.environ["DATABASE_URL"]
        connections.close_all()
        dataset.reset(vendor, url)
        dataset.build(sizes, args.seed)
    else:
        print(f"Reusing the {key} archive on {vendor}.", flush=True)
    from django.core.management import call_command

    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    call_command("migrate", verbosity=0, interactive=False)
    if pending:
        # A migration that rewrote rows (0018 rewrote 100,000 search documents) leaves the planner's
        # statistics behind, as autovacuum would soon catch up with in production.
        print(f"Applied {len(pending)} migration(s); analyzing…", flush=True)
        dataset.analyze(connection)
    user = get_user_model().objects.filter(username="bench-admin").first()
    if user is None:
        user = get_user_model().objects.create_superuser("bench-admin", "bench@example.com", None)
    chosen = pick()  # full scans of their own, before the timeout applies
    StatementTimeout(STATEMENT_TIMEOUT_SECONDS).install()
    prepare()  # as archive/wsgi.py does in each gunicorn worker
    speed = python_speed()
    public, staff = Client(), Client()
    staff.force_login(user)
    chosen_cases = [case for case in cases(chosen) if not args.only or args.only in case.name]
    results = measure([(staff if case.admin else public, case) for case in chosen_cases], args.repeat)
    for result in results:
        verdict = (
            ""
            if result.target is None
            else ("OK" if result.p95 <= result.target and result.status == result.expect else "FAIL")
        )
        print(
            f"{vendor:10} {result.name:45} {result.status} p50 {result.p50:8.1f}  p95 {result.p95:8.1f} ms"
            f"  {result.queries:3} queries  {verdict}",
            flush=True,
        )
    with open(args.out, "w") as out:
        run = {"vendor": vendor, "key": key, "python_speed": speed, "results": [asdict(result) for result in results]}
        json.dump(run, out, indent=1)


if __name__ == "__main__":
    sys.exit(main())
