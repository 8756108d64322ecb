"""Whether the documents support an answer, and which passage leads: pure
decisions, tested on hand-made hits (tests/test_decide.py,
tests/test_calibration.py). The numbers are the calibrated model's
(``calibration.DecisionModel``) and ``DecisionTuning``'s.
"""

from __future__ import annotations

from dataclasses import replace

from bot.answering.calibration import DecisionModel, features
from bot.answering.versions import written_in
from bot.core.tuning import DEFAULT, DecisionTuning
from bot.core.types import Evidence, Hit, Query, Retrieval
from bot.text.question_types import offers, speaks_of_now


def prefer_translation(hits: list[Hit], twins: dict[str, Hit], reply_lang: str) -> list[Hit]:
    """Swap the best passage for its parallel in the reply language, when there is one."""
    top = hits[0]
    if top.chunk.lang == reply_lang:
        return hits
    twin = twins.get(top.chunk.id)
    if twin is None:
        return hits
    if top.as_question and twin.chunk.heading:
        twin = replace(twin, as_question=True)
    return [twin] + [h for h in hits if h.chunk.id != twin.chunk.id]


def order(retrieval: Retrieval) -> list[Hit]:
    """The hits in the order the answer reads them: the search's (each language
    ranked on its own background), the lead's translation in the reply
    language first."""
    if not retrieval.hits:
        return []
    return prefer_translation(retrieval.hits, retrieval.twins, retrieval.query.reply_lang)


def confident(
    evidence: Evidence,
    retrieval: Retrieval,
    model: DecisionModel,
    tuning: DecisionTuning = DEFAULT.decision,
) -> bool:
    """Whether the documents support an answer at all (else: an honest decline):
    the calibrated ``model``'s verdict on ``calibration.features``, after the
    off-topic veto. Arabizi rewritten in Arabic letters, which the model was
    not fitted on (no data set has any), keeps a threshold of its own.
    """
    if retrieval.query.respelled:
        return evidence.passage_score >= tuning.respelled
    if tuning.off_topic and off_topic(evidence, retrieval, tuning):
        return False
    return model.answers(features(evidence, retrieval, translations=tuning.judge_translations))


def off_topic(evidence: Evidence, retrieval: Retrieval, tuning: DecisionTuning) -> bool:
    """A question about something no document mentions: most of its weight
    is in words no document uses ("un parking", "the weather": the model
    finds the closest passage, the documents still say nothing about it),
    unless a passage is a strong match — near-certain when one of its nouns
    is in no document.

    A noun no document uses is not enough on its own in a question: its word
    is often missing in that form while the passage says it in another (an
    Arabic noun with its article and plural, a synonym), and on the fit
    halves that veto cost 42 right answers for 2 held-out questions declined
    (XQuAD ar->ar; BENCHMARKS.md). In a follow-up ("et la météo ?") it still
    is: the last question's words, searched with it, dilute the unseen share,
    and the noun is the new topic. The data sets' unanswerable questions are
    on the topic of their article, so the model never learnt this: it is a
    rule, measured on and off in BENCHMARKS.md. Absent words say something
    only about documents in the question's language, and only when they are
    the topic: where every noun of the question is in the documents, the
    unseen words are how the delegate puts it ("When does the gathering
    start?" over "opened on a Monday"), and the model decides alone: a lead
    partly in another language (``written_in``) is left to it too.
    """
    query, top = retrieval.query, evidence.hits[0]
    if written_in(top.chunk) != {query.lang}:
        return False
    if retrieval.unknown_topics and query.followup:
        return top.score < tuning.topic_override
    if retrieval.topics and all(retrieval.topics.values()):
        return False
    unseen = retrieval.unseen
    if unseen is None or unseen < tuning.max_unseen_share:
        return False
    strong = tuning.topic_override if retrieval.unknown_topics else tuning.strong_passage
    return top.score < strong


def of_the_present(evidence: Evidence | None, query: Query) -> bool:
    """Whether a question naming today asks what a document says holds now: a
    sentence that would answer it speaks of the present and holds what the
    question asks for ("How many members today?" over "La coopérative compte
    aujourd'hui 140 adhérentes"). Otherwise today is a day of the programme,
    which the documents, giving no dates, cannot place ("Y a-t-il une visite
    aujourd'hui ?" is the agenda's, whatever a brief says of its present);
    so is tomorrow, always."""
    if not query.today or evidence is None:
        return False
    return any(
        speaks_of_now(text) and offers(query.kind, text, pending=False)
        for _, _, text in evidence.units
    )
