"""Each language's background (pure): its own, lent by the largest language,
or pooled with the reference passages."""

import pytest

from bot.answering.background import backgrounds, ranked
from tests.answering_fixtures import hit


def test_a_language_with_enough_passages_is_its_own_background() -> None:
    levels = backgrounds({"ar": [0.9, 0.8, 0.7, 0.6]}, {"ar": [0.1]}, depth=2)
    assert levels["ar"] == pytest.approx(0.85)


def test_a_small_language_borrows_the_largest_ones_moved_by_the_reference_gap() -> None:
    scores = {"ar": [0.9, 0.8, 0.7], "en": [0.75]}
    reference = {"ar": [0.70, 0.72], "en": [0.64, 0.66]}  # English reads 0.06 further
    levels = backgrounds(scores, reference, depth=2)
    assert levels["en"] == pytest.approx(0.85 - 0.06)


def test_with_no_large_language_the_reference_passages_fill_in() -> None:
    scores = {"en": [0.82, 0.78], "fr": [0.80]}
    reference = {"en": [0.70, 0.60, 0.50], "fr": [0.81, 0.65]}
    levels = backgrounds(scores, reference, depth=4)
    assert levels["en"] == pytest.approx((0.82 + 0.78 + 0.70 + 0.60) / 4)
    assert levels["fr"] == pytest.approx((0.81 + 0.80 + 0.65) / 3)  # all there is
    assert backgrounds(scores, reference, depth=0)["en"] == 0.0


def test_a_passage_no_version_of_which_is_in_the_question_language_is_lifted() -> None:
    # An English question: its language's passage on the same topic reads 0.02
    # higher than the French sheet that answers, which exists only in French.
    english = hit("The visit starts at the workshop.", 0.86, lang="en", source="visit.en.md")
    french = hit(
        "Les photos sont autorisées dans l'atelier.", 0.83, lang="fr", source="sheet.fr.md"
    )
    grounds = {"en": 0.80, "fr": 0.79}
    versions = {"visit.en.md": frozenset({"en"}), "sheet.fr.md": frozenset({"fr"})}
    first, second = ranked([english, french], grounds, "en", versions, lift=0.03)
    assert first.chunk.source == "sheet.fr.md"
    assert first.relative == pytest.approx(0.04)  # what the decision reads is not lifted
    assert second.relative == pytest.approx(0.06)
    assert ranked([english, french], grounds, "en", versions, lift=0.0)[0].chunk.source == (
        "visit.en.md"
    )
    # With an English version of the sheet, its French passage is not lifted.
    versions = {"visit.en.md": frozenset({"en"}), "sheet.fr.md": frozenset({"fr", "en"})}
    first, _ = ranked([english, french], grounds, "en", versions, lift=0.03)
    assert first.chunk.source == "visit.en.md"
