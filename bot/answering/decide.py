"""Whether the documents support an answer, and which passage leads: pure
decisions on scores, tested on hand-made hits (tests/test_decide.py).

A cross-language match scores lower for the same support, so each passage
is held to the threshold of its own language pair; the numbers are in
``DecisionTuning``.
"""

from __future__ import annotations

from dataclasses import replace

from bot.answering.calibration import DecisionModel, features
from bot.core.tuning import DEFAULT, DecisionTuning
from bot.core.types import Evidence, Hit, Retrieval


def threshold(hit: Hit, question_lang: str, tuning: DecisionTuning = DEFAULT.decision) -> float:
    """The score ``hit`` must reach to answer a question in ``question_lang``."""
    return tuning.same_language if hit.chunk.lang == question_lang else tuning.other_language


def anchor_first(
    hits: list[Hit], question_lang: str, tuning: DecisionTuning = DEFAULT.decision
) -> list[Hit]:
    """Put first the best of the top passages that clears its own threshold.

    The model ranks a passage in the question's language above an equally
    relevant one in another language; a weak same-language first hit must not
    hide a strong other-language second one.
    """
    for hit in hits[: tuning.anchor_candidates]:
        if hit.score >= threshold(hit, question_lang, tuning):
            return [hit] + [h for h in hits if h is not hit]
    return hits


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


def order(retrieval: Retrieval, tuning: DecisionTuning = DEFAULT.decision) -> list[Hit]:
    """The hits in the order the answer reads them: the search's (each language
    on its own background), anchored when ``tuning.anchor``, then the lead's
    translation in the reply language first."""
    if not retrieval.hits:
        return []
    query = retrieval.query
    hits = retrieval.hits
    if tuning.anchor:
        hits = anchor_first(hits, query.lang, tuning)
    return prefer_translation(hits, retrieval.twins, query.reply_lang)


def confident(
    evidence: Evidence,
    retrieval: Retrieval,
    tuning: DecisionTuning = DEFAULT.decision,
    model: DecisionModel | None = None,
) -> bool:
    """Whether the documents support an answer at all (else: an honest decline).

    With a ``model`` (the assistant's default), its calibrated verdict on
    ``calibration.features``; Arabizi rewritten in Arabic letters, which the
    model was not fitted on, keeps its own threshold.
    """
    query = retrieval.query
    if query.respelled:
        return evidence.passage_score >= tuning.respelled
    if tuning.off_topic and off_topic(evidence, retrieval, tuning):
        return False
    if model is not None:
        return model.answers(features(evidence, retrieval))
    return evidence.hits[0].score >= threshold(evidence.hits[0], query.lang, tuning)


def off_topic(evidence: Evidence, retrieval: Retrieval, tuning: DecisionTuning) -> bool:
    """A question about something no document mentions, unless a passage is a
    near-certain match: one of its nouns is in no document ("un parking", "the
    weather": the model finds the closest passage, the documents still say
    nothing about it), or most of its weight is in words no document uses.

    The data sets' unanswerable questions are on the topic of their article
    (a held-out paragraph), so the model never learnt this: it is a rule,
    measured on and off in BENCHMARKS.md. Absent words say something only
    about documents in the question's language.
    """
    query, top = retrieval.query, evidence.hits[0]
    if top.chunk.lang != query.lang:
        return False
    if retrieval.unknown_topics and top.score < tuning.topic_override:
        return True
    unseen = retrieval.unseen
    return (
        unseen is not None
        and unseen >= tuning.max_unseen_share
        and (top.score < tuning.strong_passage)
    )
