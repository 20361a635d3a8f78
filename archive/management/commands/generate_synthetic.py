"""
Fill the archive with synthetic content, for benchmarks and load tests.

    python manage.py generate_synthetic --quotes 1000000 --articles 100000 --people 20000 \\
        --events 50000 --seed 42 [--batch 100000] [--force] [--dry-run]

The same sizes and seed give the same archive (see ``archive.synthetic`` for what it looks
like). It refuses to write into an archive holding editors' content, or an earlier synthetic
archive, unless ``--force``: editors' work and synthetic quotes must not be mixed by accident,
nor a second run double the first. Prints rows per second for each table and in total.
"""

import argparse
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from archive.synthetic import SIZES, Generator, Sizes, real_content, synthetic_quotes


def positive(value):
    # ArgumentTypeError, not CommandError: argparse turns it into a usage message and exit status 2,
    # where a CommandError raised while parsing escapes as a traceback.
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{value}” is not a whole number.") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"sizes cannot be negative (got {number}).")
    return number


class Command(BaseCommand):
    help = "Generate a synthetic archive (quotes, articles, people, events, citations, tags, search index)."

    def add_arguments(self, parser):
        for name, default in SIZES.items():
            parser.add_argument(
                f"--{name}", type=positive, default=default, help=f"How many {name} (default {default:,})."
            )
        parser.add_argument("--seed", type=int, default=0, help="Random seed: the same seed gives the same archive.")
        parser.add_argument(
            "--batch",
            type=positive,
            default=100_000,
            help="Rows of the main table per statement and transaction (default 100,000).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Write even though the archive holds content: an editor's, or an earlier synthetic archive.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Say what would be generated and write nothing.")

    def handle(self, *args, quotes, articles, people, events, seed, batch, force, dry_run, **options):
        if batch < 1:
            raise CommandError("--batch must be at least 1.")
        if quotes and not (articles and people):
            raise CommandError(
                "Quotes need articles to cite them and people to say them: give --articles and --people."
            )
        if events and not people:
            raise CommandError("Events need people: give --people.")
        if connection.vendor not in {"sqlite", "postgresql"}:
            raise CommandError(f"generate_synthetic supports SQLite and PostgreSQL, not {connection.vendor}.")
        real = real_content()
        if real and not force:
            raise CommandError(
                f"This database already holds content that is not synthetic ({', '.join(real)}): "
                "use an empty database, or --force to add synthetic content next to it."
            )
        if not force and (earlier := synthetic_quotes()):
            raise CommandError(
                f"This database already holds a synthetic archive ({earlier:,} quotes): run "
                "`python manage.py flush` first to replace it, or --force to add a second one next to it."
            )
        sizes = Sizes(quotes=quotes, articles=articles, people=people, events=events)
        self.stdout.write(
            f"{'Would generate' if dry_run else 'Generating'} {quotes:,} quotes, {articles:,} articles, "
            f"{people:,} people, {events:,} events (seed {seed}) on {connection.vendor}."
        )
        if dry_run:
            return
        started = time.perf_counter()
        report = Generator(sizes, seed=seed, batch=batch, log=self.stdout.write).run()
        seconds = time.perf_counter() - started
        width = max(len(name) for name in report.tables)
        self.stdout.write(f"{'table':<{width}}  {'rows':>11}  {'seconds':>8}  {'rows/s':>10}")
        for name, stat in report.tables.items():
            rate = f"{stat.rate:,.0f}" if stat.rows else ""
            self.stdout.write(f"{name:<{width}}  {stat.rows:>11,}  {stat.seconds:>8.2f}  {rate:>10}")
        busy = ", ".join(f"{lane} {busy:.1f} s" for lane, busy in sorted(report.lanes.items()))
        self.stdout.write(f"Seconds at work per connection (they run at once): {busy}.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {report.rows:,} rows in {seconds:.1f} s: {report.rows / seconds:,.0f} rows/s, "
                f"{quotes / seconds:,.0f} quotes/s overall."
            )
        )
