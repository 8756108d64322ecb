"""FAQ questions compared with the asker's (``headings.QuestionHeadings``): pure,
on hand-made vectors, so what counts as the same question is seen alone."""

import numpy as np
import pytest

from bot.answering.headings import QuestionHeadings
from bot.text.normalise import tokens


def faq(*questions: str) -> QuestionHeadings:
    """Entries whose question vectors all equal the asker's: only words decide."""
    return QuestionHeadings(
        rows=list(range(len(questions))),
        vectors=np.ones((len(questions), 2)) / np.sqrt(2),
        kinds=[None] * len(questions),
        terms=[frozenset(tokens(q, "en")) for q in questions],
    )


ASKED = set(tokens("How long does the incubation programme last?", "en"))
# idf-like weights: the words that name the topic weigh most.
WEIGHTS = {"long": 1.0, "incub": 3.0, "programm": 2.0, "last": 1.0}
VECTOR = np.ones(2) / np.sqrt(2)


def test_a_shared_word_is_enough_without_a_cover() -> None:
    assert ASKED == set(WEIGHTS)  # the weights are the question's own words
    entries = faq("How long does the meeting last?", "Is there a parking?")
    scores, other = entries.scores(VECTOR, None, ASKED, 0.02)
    assert list(scores) == [0] and not other  # "long", "last": the form's words count


def test_an_faq_question_must_hold_the_askers_topic_words_to_count() -> None:
    entries = faq(
        "How long does the meeting last?",  # 2 of 7 of the weight: the form only
        "How long is the incubation?",  # 4 of 7
    )
    scores, _ = entries.scores(VECTOR, None, ASKED, 0.02, WEIGHTS, 0.3)
    assert list(scores) == [1]
    assert abs(scores[1] - (1.0 - 0.02)) < 1e-9  # no kind: compared less the offset
    assert entries.scores(VECTOR, None, ASKED, 0.02, WEIGHTS, 0.6)[0] == {}


def entries_in(lang: str, sims: list[float], questions: list[str]) -> QuestionHeadings:
    """Entries in ``lang`` whose questions are ``sims`` from the asker's (``AXIS``)."""
    return QuestionHeadings(
        rows=list(range(len(sims))),
        vectors=np.array([[s, np.sqrt(1 - s * s)] for s in sims]),
        kinds=[None] * len(sims),
        terms=[frozenset(tokens(q, lang)) for q in questions],
        langs=[lang] * len(sims),
    )


AXIS = np.array([1.0, 0.0])
ASKED_AR = set(tokens("من ينظم لقاء أكادير؟", "ar"))
FRENCH = [
    "Qui organise la rencontre ?",
    "Où se déroule la rencontre ?",
    "Combien de pays participent ?",
]


def test_an_entry_in_another_language_counts_when_its_question_stands_apart() -> None:
    """A relayed answer kept in French, asked for in Arabic: no word is shared,
    the similarity standing above the other French questions decides."""
    entries = entries_in("fr", [0.84, 0.80, 0.79], FRENCH)
    assert not ASKED_AR & set().union(*entries.terms)
    scores, _ = entries.scores(AXIS, None, ASKED_AR, 0.02, {}, 0.2, ("ar", 0.03, 0.8))
    assert list(scores) == [0] and scores[0] == pytest.approx(0.84 - 0.02)
    assert entries.scores(AXIS, None, ASKED_AR, 0.02, {}, 0.2)[0] == {}  # words alone
    assert entries.scores(AXIS, None, ASKED_AR, 0.02, {}, 0.2, ("ar", 0.05, 0.8))[0] == {}


def test_an_entry_in_another_language_standing_apart_but_far_does_not_count() -> None:
    """A lone entry on another subject stands apart from its siblings for many
    questions: below the floor it is not the asker's question."""
    entries = entries_in("fr", [0.78, 0.70, 0.69], FRENCH)
    assert entries.scores(AXIS, None, ASKED_AR, 0.02, {}, 0.2, ("ar", 0.03, 0.8))[0] == {}
    assert list(entries.scores(AXIS, None, ASKED_AR, 0.02, {}, 0.2, ("ar", 0.03, 0.75))[0]) == [0]


def test_an_entry_in_another_language_among_close_siblings_does_not_count() -> None:
    """Siblings as close as the best: the question's form, not the entry's own question."""
    entries = entries_in("fr", [0.84, 0.83, 0.79], FRENCH)
    assert entries.scores(AXIS, None, ASKED_AR, 0.02, {}, 0.2, ("ar", 0.03, 0.8))[0] == {}


def test_a_long_entry_stands_apart_whole_and_a_lone_question_not_at_all() -> None:
    """The rows of one long entry share its question: they are not each other's
    siblings. A language with one question has nothing to stand apart from."""
    long_entry = entries_in("fr", [0.84, 0.84, 0.79], [FRENCH[0], FRENCH[0], FRENCH[1]])
    scores, _ = long_entry.scores(AXIS, None, ASKED_AR, 0.02, {}, 0.2, ("ar", 0.03, 0.8))
    assert sorted(scores) == [0, 1]
    alone = entries_in("fr", [0.95], FRENCH[:1])
    assert alone.scores(AXIS, None, ASKED_AR, 0.02, {}, 0.2, ("ar", 0.03, 0.8))[0] == {}


def test_an_entry_in_the_askers_language_still_needs_its_words() -> None:
    """The margin is for other languages only: in the asker's, words decide."""
    arabic = ["من يمول الزيارات؟", "ما موعد العشاء؟", "كم عدد الدول؟"]
    entries = entries_in("ar", [0.90, 0.80, 0.79], arabic)
    assert entries.scores(AXIS, None, ASKED_AR, 0.02, {}, 0.2, ("ar", 0.03, 0.8))[0] == {}
