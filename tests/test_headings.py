"""FAQ questions compared with the asker's (``headings.QuestionHeadings``): pure,
on hand-made vectors, so what counts as the same question is seen alone."""

import numpy as np

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
