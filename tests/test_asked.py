"""The sentence holding what the question asks for joins an answer without one
(``bot.answering.asked``): pure, strings in, strings out."""

import pytest

from bot.answering.asked import with_asked
from bot.core.types import QuestionType

OPENING = "In the Thiès region, community health mutuals pay part of their members' care."
ROW = "Thiès | 14 | 22,000"
FEE = "A family pays 3,500 CFA francs a year per person."


def test_a_count_question_gets_the_number_of_another_passage() -> None:
    # The opening sentence (passage 1) was chosen alone: the row of the next
    # passage was outside the other-passage margin, inside the sentence margin.
    candidates = [(0.936, 1, 0, OPENING), (0.861, 0, 3, ROW), (0.738, 3, 0, FEE)]
    chosen = [(1, 0, OPENING)]
    assert with_asked(chosen, candidates, "count") == [(0, 3, ROW), (1, 0, OPENING)]


def test_chosen_holding_the_answer_stay_as_they_are() -> None:
    candidates = [(0.9, 0, 0, ROW), (0.88, 0, 1, FEE), (0.8, 1, 0, OPENING)]
    chosen = [(0, 0, ROW)]
    assert with_asked(chosen, candidates, "count") == chosen
    # A question of no visible form asks for nothing a sentence shows.
    chosen = [(1, 0, OPENING)]
    assert with_asked(chosen, [(0.9, 1, 0, OPENING), (0.89, 0, 0, ROW)], None) == chosen


def test_a_number_far_below_the_best_does_not_join() -> None:
    candidates = [(0.936, 1, 0, OPENING), (0.738, 3, 0, FEE)]
    chosen = [(1, 0, OPENING)]
    assert with_asked(chosen, candidates, "count") == chosen


def test_to_be_confirmed_answers_only_in_the_lead_passage() -> None:
    # "When does the bus leave?": the lead's "to be confirmed" is the answer;
    # another passage's says nothing of this bus.
    opening = "Buses take the delegates from the hotel to the visit sites."
    pending = "The departure time is to be confirmed by the organisers."
    candidates = [(0.9, 1, 0, opening), (0.88, 0, 2, pending)]
    assert with_asked([(1, 0, opening)], candidates, "when") == [(0, 2, pending), (1, 0, opening)]
    candidates = [(0.9, 0, 0, opening), (0.88, 1, 2, pending)]
    assert with_asked([(0, 0, opening)], candidates, "when") == [(0, 0, opening)]


def test_arabic_digits_count_in_an_arabic_answer() -> None:
    opening = "تتولى مجامع التنمية الفلاحية تسيير شبكات الماء الصالح للشرب في الأرياف."
    figure = "يستفيد من هذه الشبكات نحو ٢٥ ألف عائلة."
    candidates = [(0.85, 0, 0, opening), (0.8, 1, 1, figure)]
    assert with_asked([(0, 0, opening)], candidates, "count") == [(0, 0, opening), (1, 1, figure)]


@pytest.mark.parametrize(
    ("kind", "lead", "other"),
    [
        # An acronym is "who"'s visible form, and in many a sentence about someone else.
        (
            "who",
            "John Elway, the former record holder, is now the team's general manager.",
            "Members of the centre came to support LOR, among them Joseph Shea.",
        ),
        # Any number is a length of time to ``offers``, and "une heure et quart" none.
        (
            "duration",
            "Le trajet dure environ une heure et quart.",
            "Fondée en 2004, la coopérative réunit 60 femmes.",
        ),
    ],
)
def test_who_and_duration_questions_take_nothing_from_elsewhere(
    kind: QuestionType, lead: str, other: str
) -> None:
    candidates = [(0.9, 0, 0, lead), (0.87, 1, 0, other)]
    assert with_asked([(0, 0, lead)], candidates, kind) == [(0, 0, lead)]
