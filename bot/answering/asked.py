"""The sentence that holds what the question asks for, when the chosen ones do not.

The answer's sentences are the best-scored of the best passages; a sentence
of another passage joins only when it scores nearly as well as the best
(``other_passage_margin``), since another passage is most often about
something else. A question with a visible answer form (a number, a date:
``offers``) is the exception: "How many members do the health mutuals in
Thiès have?" scored the brief's opening sentence ("... mutuals pay part of
their members' care") first, and the table row "Thiès | 14 | 22,000", in
the next passage of the same brief, fell outside that margin though well
within ``sentence_margin``. An answer holding no number to "How many"
leaves the delegate with nothing; the best candidate that holds one, within
``sentence_margin`` of the best, joins the chosen (a fourth sentence, if
three were chosen: it is the one that answers). The decision's
``kind_missing`` reads the sentences shown, so it reads this one too.

Only a number or a date. An acronym (``offers``' form of a "who" answer)
is in many a sentence about someone else: on the fit half, the first
version, which took "who" questions too, added another paragraph's
sentence to three of them for its "LOR", "DTIME" or "MSFC". A length of
time is any number to ``offers``, as a count is, and "Le trajet dure
environ une heure et quart" holds none: "How long is the trip to
Tamanar?" got "Fondée en 2004, la coopérative réunit 60 femmes" beside
it (BENCHMARKS.md, Generalisation, "Forty-third session").

Pure: strings in, strings out.
"""

from __future__ import annotations

from bot.core.tuning import DEFAULT, CompositionTuning
from bot.core.types import Candidate, Chosen, QuestionType
from bot.text.question_types import offers

ASKED: frozenset[QuestionType] = frozenset({"count", "when"})


def with_asked(
    chosen: list[Chosen],
    candidates: list[Candidate],
    kind: QuestionType | None,
    tuning: CompositionTuning = DEFAULT.composition,
) -> list[Chosen]:
    """``chosen``, or with the best candidate holding what a ``kind`` question
    (``ASKED``) asks for when none of ``chosen`` does (``offers``). A detail
    "to be confirmed" counts only in the lead passage (rank 0), as in
    ``unit_terms``."""
    if kind not in ASKED or any(holds(kind, rank, text) for rank, _, text in chosen):
        return chosen
    ranked = sorted(candidates, key=lambda c: -c[0])
    best = ranked[0][0]
    length = sum(len(text) for _, _, text in chosen)
    for score, rank, i, unit in ranked:
        if score < best - tuning.sentence_margin:
            break
        if holds(kind, rank, unit) and length + len(unit) <= tuning.max_chars:
            return sorted([*chosen, (rank, i, unit)])
    return chosen


def holds(kind: QuestionType, rank: int, text: str) -> bool:
    """Whether a unit of passage ``rank`` holds the answer's form: a "to be
    confirmed" of another passage is about that passage's detail, not this one."""
    return offers(kind, text, pending=rank == 0)
