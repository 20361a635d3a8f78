"""The importer against an editor's annotation of the three seed articles: recall and precision of (quote, speaker)."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from archive.importing.annotations import SEED_ANNOTATIONS, Expected
from archive.importing.quality import Score, score, score_seeds
from archive.importing.quotes import QuoteSuggestion

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
TARGET = 0.9

needs_seeds = pytest.mark.skipif(
    not all((SEEDS / name).is_file() for name in SEED_ANNOTATIONS),
    reason=f"the seed articles are not at {SEEDS} (they live in the project's shared/ folder)",
)


@pytest.fixture(scope="module")
def scores():
    return score_seeds(SEEDS)


@needs_seeds
def test_overall_recall_and_precision_reach_the_target(scores):
    total = sum(scores.values(), Score())

    assert total.expected == sum(len(expected) for expected in SEED_ANNOTATIONS.values())
    assert total.recall >= TARGET, [expected.text[:60] for expected in total.missed]
    assert total.precision >= TARGET, [(wrong.speaker, wrong.text[:60]) for wrong in total.wrong]


@needs_seeds
@pytest.mark.parametrize("name", SEED_ANNOTATIONS)
def test_each_seed_reaches_the_target(scores, name):
    assert scores[name].recall >= TARGET, [expected.text[:60] for expected in scores[name].missed]
    assert scores[name].precision >= TARGET, [(wrong.speaker, wrong.text[:60]) for wrong in scores[name].wrong]


@needs_seeds
def test_import_quality_command_prints_per_file_and_overall_figures():
    out = StringIO()
    call_command("import_quality", "--seeds", str(SEEDS), "--fail-under", str(TARGET), stdout=out)
    lines = out.getvalue().splitlines()

    assert "recall" in lines[0] and "precision" in lines[0]
    assert [line.split()[0] for line in lines[1:]] == [*SEED_ANNOTATIONS, "overall"]


def test_scoring_needs_the_same_words_and_the_same_speaker():
    expected = [Expected("We are doomed to cooperate on various issues.", "Anatoly Antonov")]
    right = QuoteSuggestion("“We are doomed to cooperate on various issues,”", 0, 0, speaker="Anatoly Antonov")
    wrong_speaker = QuoteSuggestion("We are doomed to cooperate on various issues.", 0, 0, speaker="Michael McFaul")
    unrelated = QuoteSuggestion("Nobody wants to talk to me in this town.", 0, 0, speaker="Anatoly Antonov")

    assert (score([right], expected).recall, score([right], expected).precision) == (1.0, 1.0)
    assert score([wrong_speaker], expected).matched == 0
    assert (score([right, unrelated], expected).recall, score([right, unrelated], expected).precision) == (1.0, 0.5)
    assert score([right, right], expected).matched == 1  # one expected pair is matched once


def test_import_quality_names_a_missing_seed_folder(tmp_path):
    with pytest.raises(CommandError, match="seed file"):
        call_command("import_quality", "--seeds", str(tmp_path / "nowhere"), stdout=StringIO())


def test_import_quality_names_a_seed_file_it_cannot_read(tmp_path):
    for name in SEED_ANNOTATIONS:
        (tmp_path / name).write_text("Antonov said “hello”.\n", encoding="utf-8")
    broken = next(iter(SEED_ANNOTATIONS))
    (tmp_path / broken).write_bytes(b"\xff\xfe not UTF-8 text")
    with pytest.raises(CommandError, match=rf"Seed file not readable: .*{broken}: is not UTF-8 text"):
        call_command("import_quality", "--seeds", str(tmp_path), stdout=StringIO())


@pytest.mark.parametrize("floor", ["nan", "-1", "1.5"])
def test_import_quality_refuses_a_floor_that_is_no_fraction(tmp_path, floor):
    with pytest.raises(CommandError, match=rf"--fail-under is a fraction from 0 to 1, such as 0.9: not {floor}"):
        call_command("import_quality", "--seeds", str(tmp_path), "--fail-under", floor, stdout=StringIO())
