"""The decision to answer as one calibrated model instead of hand thresholds.

A cosine of 0.85 means "answerable" on one corpus and nothing on another: it
moves with the language pair, the corpus's density on the topic and the
model. So the decision reads features that mean the same on any corpus —
the lead passage's score above its language's background for this question
(``Hit.relative``), its margin over the next document, whether it is in
another language, the share of the question's weight it holds, the best
sentence's score above the same background, whether a sentence gives what
the question asks for — through a logistic regression fitted on the fit
halves of public data sets and the project's own questions
(``python bench/fit_decision.py``, which writes ``decision.json`` beside this
module). Pure: the model's numbers come in as a ``DecisionModel``.

A lead passage in another language whose document has a version in the
question's language is judged as that version (``judged``): the words then
mean what they say, and the coverage, blind across languages, can speak.
Measured on and off on XQuAD indexed in both languages (BENCHMARKS.md).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from importlib import resources

from bot.answering.asked import holds
from bot.answering.compose import idf_share
from bot.answering.versions import matched_in
from bot.core.types import Evidence, Hit, Retrieval
from bot.text.names import matches, name_words, names, share_held
from bot.text.topics import frame_terms

MODEL_FILE = "decision.json"
FEATURES = (
    "score",
    "score_cross",
    "relative",
    "relative_cross",
    "sentence",
    "sentence_cross",
    "margin",
    "cross",
    "coverage",
    "kind_missing",
    "as_question",
    "word_coverage",
    "word_relative",
    "names_gap",
    "names_relative",
)
# The documents after the lead that a feature compares it with.
NEXT = 3


def coverage(hit: Hit, retrieval: Retrieval) -> float:
    """The share of the question's idf mass in words ``hit``'s passage contains,
    the words that frame a question ("signifie", "stand for") aside."""
    frame = frame_terms(retrieval.query.lang)
    weights = {t: w for t, w in retrieval.weights.items() if t not in frame}
    return idf_share(weights, hit.chunk.embed_text, hit.chunk.lang)


def margin(hits: list[Hit], retrieval: Retrieval) -> float:
    """How far the lead passage stands above the next one of another document
    (its own translations are the same document)."""
    lead = hits[0]
    same = retrieval.versions_of(lead.chunk.source)
    for hit in hits[1:]:
        if hit.chunk.source not in same:
            return lead.relative - hit.relative
    return lead.relative


def next_documents(hits: list[Hit], retrieval: Retrieval, depth: int = NEXT) -> list[Hit]:
    """The ``depth`` hits after the lead that are not its own translations."""
    same = retrieval.versions_of(hits[0].chunk.source)
    return [h for h in hits[1:] if h.chunk.source not in same][:depth]


def _in_language(hits: list[Hit], lang: str) -> list[Hit]:
    return [h for h in hits if h.chunk.lang == lang]


def _above_the_rest(values: list[float]) -> float:
    """The lead's value (first) above the mean of the next documents' (0 alone)."""
    rest = values[1:]
    return values[0] - sum(rest) / len(rest) if rest else 0.0


def word_coverage(hits: list[Hit], retrieval: Retrieval) -> dict[str, float]:
    """``Retrieval.word_coverage`` of the lead, and how far above the next
    documents' it stands: a passage on the question's topic holds its topic
    words; the one that answers holds the word for the detail asked about too,
    in whatever language (the lexical ``coverage`` is blind across them)."""
    cover = retrieval.word_coverage
    if cover is None:
        return {"word_coverage": 0.0, "word_relative": 0.0}
    covered = [cover(h.chunk) for h in [hits[0], *next_documents(hits, retrieval)]]
    return {"word_coverage": covered[0], "word_relative": _above_the_rest(covered)}


def names_across(hits: list[Hit], retrieval: Retrieval) -> dict[str, float]:
    """For a lead in another script's language: the share of the question's
    names and numbers (those the leading passages hold at all; the other
    words were translated) the lead lacks, and how much more of them it
    holds than the next documents in its language (``bot.text.names``)."""
    query, lead = retrieval.query, hits[0]
    none = {"names_gap": 0.0, "names_relative": 0.0}
    if lead.chunk.lang == query.lang:
        return none
    others = _in_language(next_documents(hits, retrieval), lead.chunk.lang)
    if not others:  # the first hits hold only other languages: look further down
        others = _in_language(
            next_documents([lead, *retrieval.further], retrieval, len(retrieval.further)),
            lead.chunk.lang,
        )[:NEXT]
    held = [names(h.chunk.embed_text) for h in [lead, *others]]
    every = frozenset().union(*held)
    asked = [forms for forms in name_words(query.search) if matches(forms, every)]
    if not asked:
        return none
    shares = [share_held(asked, h) for h in held]
    return {"names_gap": 1.0 - shares[0], "names_relative": _above_the_rest(shares)}


def background(lang: str, hits: list[Hit]) -> float:
    """The search's background for ``lang`` on this question, read off a hit in
    it (the sentences may come from the lead's translation, in another
    language than the lead's)."""
    found = _background_in(lang, hits)
    return hits[0].score - hits[0].relative if found is None else found


def _background_in(lang: str, hits: list[Hit]) -> float | None:
    """The background read off the first hit in ``lang``; None without one."""
    return next((h.score - h.relative for h in hits if h.chunk.lang == lang), None)


def judged(retrieval: Retrieval) -> list[Hit]:
    """The hits as the decision reads them: a lead in another language whose
    document has a version in the question's language is judged as that
    version, a passage in the question's language like any other, where
    shared words mean shared meaning (the search may rank the translation
    first, on its language's background: the evidence is the same)."""
    hits, lang = retrieval.hits, retrieval.query.lang
    twin = retrieval.twins.get(hits[0].chunk.id)
    if hits[0].chunk.lang == lang or twin is None or twin.chunk.lang != lang:
        return hits
    listed = next((h for h in hits if h.chunk.id == twin.chunk.id), None)
    if listed is None:
        # its height over its own language's background, read off the first
        # hit in that language, past the first hits when they hold none (an
        # English question among many Arabic passages on its subject)
        base = _background_in(lang, [*hits, *retrieval.further])
        if base is None:
            return hits
        listed = replace(twin, relative=twin.score - base)
    if hits[0].as_question and listed.chunk.heading:  # as ``decide.prefer_translation``
        listed = replace(listed, as_question=True)
    return [listed] + [h for h in hits if h.chunk.id != twin.chunk.id]


def features(
    evidence: Evidence, retrieval: Retrieval, *, translations: bool = True
) -> dict[str, float]:
    """What the decision reads of one question's evidence, by name
    (``translations``: the lead ``judged``, as the assistant does by default)."""
    query = retrieval.query
    hits = judged(retrieval) if translations else retrieval.hits
    lead = hits[0]
    # Across languages unless the lead is in the question's, or was found on
    # the FAQ question it answers, in it: a relayed answer kept in English
    # under an Arabic delegate's question, asked again, is matched in Arabic
    # (-crossed pools); asked what else it says, on its English (-covered).
    cross = float(query.lang not in {lead.chunk.lang, matched_in(lead)})
    sentence = evidence.unit_score - background(evidence.passage_lang, [*hits, *retrieval.further])
    # A detail "to be confirmed" speaks for the best passage only (``asked.holds``).
    kind_missing = query.kind is not None and not any(
        holds(query.kind, rank, text) for rank, _, text in evidence.units
    )
    return {
        "score": lead.score,
        "score_cross": lead.score * cross,
        "relative": lead.relative,
        "relative_cross": lead.relative * cross,
        "sentence": sentence,
        "sentence_cross": sentence * cross,
        "margin": margin(hits, retrieval),
        "cross": cross,
        "coverage": coverage(lead, retrieval) * (1.0 - cross),
        "kind_missing": float(kind_missing),
        "as_question": float(lead.as_question),
        **word_coverage(hits, retrieval),
        **names_across(hits, retrieval),
    }


@dataclass(frozen=True)
class DecisionModel:
    """A logistic regression over standardised ``features``, and the
    probability above which the assistant answers: one point for a lead
    passage in the question's language, one across languages, each chosen on
    the fit half for the share of unanswerable questions it must decline."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    cross_threshold: float
    about: str = ""

    def probability(self, values: dict[str, float]) -> float:
        z = self.intercept
        for name, mean, scale, coef in zip(
            self.names, self.mean, self.scale, self.coef, strict=True
        ):
            z += coef * (values[name] - mean) / scale
        return 1.0 / (1.0 + math.exp(-z))

    def answers(self, values: dict[str, float]) -> bool:
        threshold = self.cross_threshold if values.get("cross") else self.threshold
        return self.probability(values) >= threshold

    def to_json(self) -> str:
        data = {
            "about": self.about,
            "threshold": self.threshold,
            "cross_threshold": self.cross_threshold,
            "intercept": self.intercept,
            "features": {
                name: {"mean": m, "scale": s, "coef": c}
                for name, m, s, c in zip(self.names, self.mean, self.scale, self.coef, strict=True)
            },
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> DecisionModel:
        data = json.loads(text)
        table = data["features"]
        names = tuple(table)
        return cls(
            names=names,
            mean=tuple(float(table[n]["mean"]) for n in names),
            scale=tuple(float(table[n]["scale"]) for n in names),
            coef=tuple(float(table[n]["coef"]) for n in names),
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
            cross_threshold=float(data["cross_threshold"]),
            about=str(data.get("about", "")),
        )


def bundled() -> DecisionModel:
    """The model fitted for the default embedding model, shipped in the package."""
    text = resources.files("bot.answering").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return DecisionModel.from_json(text)
