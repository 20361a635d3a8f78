"""
How well the importer finds quotes and their speakers in the seed articles.

    python manage.py import_quality [--seeds DIR] [--fail-under 0.9] [-v 2]

Runs the extraction on each annotated seed file (``archive.importing.annotations``) and
prints recall and precision of (quote, speaker) pairs per file and overall. A pair matches
when the words match fuzzily (ratio 0.85 or one containing the other) and the speaker is the
same. With ``-v 2`` it lists the pairs missed and the suggestions that matched nothing.
Reads no database and writes nothing.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.importing.annotations import SEED_ANNOTATIONS
from archive.importing.quality import Score, score_seeds
from archive.importing.sources import ImportInputError


def default_seeds():
    return Path(settings.BASE_DIR).parent / "shared" / "seeds"


class Command(BaseCommand):
    help = "Recall and precision of suggested (quote, speaker) pairs on the annotated seed articles."

    def add_arguments(self, parser):
        parser.add_argument("--seeds", type=Path, default=None, help="Folder of seed files (default ../shared/seeds).")
        parser.add_argument(
            "--fail-under",
            type=float,
            default=None,
            help="Exit with an error when overall recall or precision is lower.",
        )

    def handle(self, *args, **options):
        floor = options["fail_under"]
        # NaN compares false with everything: a floor of "nan" would never fail.
        if floor is not None and not 0 <= floor <= 1:
            raise CommandError(f"--fail-under is a fraction from 0 to 1, such as 0.9: not {floor}.")
        seeds = options["seeds"] or default_seeds()
        missing = [name for name in SEED_ANNOTATIONS if not (seeds / name).is_file()]
        if missing:
            raise CommandError(f"{seeds}: seed file(s) not found: {', '.join(missing)}")
        try:
            scores = score_seeds(seeds)
        except ImportInputError as error:
            raise CommandError(f"Seed file not readable: {error}") from None
        width = max(len(name) for name in scores)
        self.stdout.write(f"{'file':<{width}}  expected  suggested  matched  recall  precision")
        total = Score()
        for name, score in scores.items():
            total += score
            self.stdout.write(self._row(name, score, width))
            if options["verbosity"] >= 2:
                for expected in score.missed:
                    who = expected.speaker or expected.unnamed_source
                    self.stdout.write(f"    missed: {who}: “{expected.text[:90]}”")
                for suggestion in score.wrong:
                    who = suggestion.speaker or suggestion.unnamed_source or "nobody"
                    self.stdout.write(f"    wrong:  {who}: “{suggestion.text[:90]}”")
        self.stdout.write(self._row("overall", total, width))
        if floor is not None and min(total.recall, total.precision) < floor:
            raise CommandError(f"Overall recall {total.recall:.2f} / precision {total.precision:.2f} under {floor}.")

    @staticmethod
    def _row(name, score, width):
        return (
            f"{name:<{width}}  {score.expected:>8}  {score.suggested:>9}  {score.matched:>7}  "
            f"{score.recall:>6.2f}  {score.precision:>9.2f}"
        )
