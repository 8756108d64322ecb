"""Features tried for the calibrated decision and not (yet) shipped.

``python bench/fit_decision.py --compare NAME,...`` reads them from the rows
that bench/generalisation.py collects, and prints the cross-validated curves
with each added to ``calibration.FEATURES``; BENCHMARKS.md keeps the result.
A candidate that earns its place moves to ``bot/answering/calibration.py``.
"""

from __future__ import annotations

import numpy as np

from bot.answering.compose import idf_share
from bot.core.types import Evidence, Hit, Retrieval
from bot.text.normalise import tokens
from bot.text.question_types import frame_terms


def sentence_coverage(evidence: Evidence, retrieval: Retrieval) -> float:
    """The largest share of the question's idf mass that one quoted sentence
    holds: a question written about a sentence shares its rare words with
    that sentence, one on a neighbouring paragraph spreads them thin."""
    frame = frame_terms(retrieval.query.lang)
    weights = {t: w for t, w in retrieval.weights.items() if t not in frame}
    return max(
        (idf_share(weights, text, evidence.passage_lang) for _, _, text in evidence.units),
        default=0.0,
    )


def standout(hits: list[Hit], retrieval: Retrieval, depth: int = 4) -> float:
    """How far the lead passage stands above the mean of the next ``depth``
    passages of other documents: one passage above a crowd of near-equals on
    the topic is an answer, a crowd without a leader rarely is."""
    lead = hits[0]
    same = retrieval.versions_of(lead.chunk.source)
    others = [h.relative for h in hits[1:] if h.chunk.source not in same][:depth]
    if not others:
        return lead.relative
    return lead.relative - sum(others) / len(others)


def numbers_missing(hit: Hit, retrieval: Retrieval) -> float:
    """1 when the question names a number (a year, a count) the passage does
    not hold: numbers read the same in every language."""
    wanted = {t for t in retrieval.weights if t.isdigit()}
    if not wanted:
        return 0.0
    held = set(tokens(hit.chunk.embed_text, hit.chunk.lang))
    return float(not wanted <= held)


def _rare_words(retrieval: Retrieval, count: int) -> list[tuple[float, int]]:
    """The question's ``count`` words of most idf weight: (weight, position)."""
    query = retrieval.query
    words = query.search.split()
    weighted = []
    for position, word in enumerate(words):
        weight = sum(retrieval.weights.get(t, 0.0) for t in tokens(word, query.lang))
        if weight > 0:
            weighted.append((weight, position))
    return sorted(weighted, reverse=True)[:count]


def occlusion(retrieval: Retrieval, search, count: int = 4, depth: int = 3) -> dict[str, float]:
    """Coverage the embedding model can see across languages: each of the
    question's rarest words left out in turn, how much more the lead passage's
    cosine falls than the next documents' do. A passage holding what the
    question names (or its translation) loses most when that word goes; one
    that only shares the topic loses what its neighbours lose."""
    query, hits = retrieval.query, retrieval.hits
    rare = _rare_words(retrieval, count)
    if not rare:
        return {"occlusion_max": 0.0, "occlusion_mean": 0.0}
    words = query.search.split()
    texts = [query.search] + [" ".join(words[:i] + words[i + 1 :]) for _, i in rare]
    questions = np.array([search.embeddings.embed_query(t) for t in texts])
    index = search.index
    same = retrieval.versions_of(hits[0].chunk.source)
    others = [h for h in hits[1:] if h.chunk.source not in same][:depth]
    rows = [index.rows[h.chunk.id] for h in [hits[0], *others] if h.chunk.id in index.rows]
    cosines = questions @ index.vectors[rows].T  # (1 + words) x (1 + others)
    drops = cosines[0] - cosines[1:]
    relative = drops[:, 0] - (drops[:, 1:].mean(axis=1) if drops.shape[1] > 1 else 0.0)
    weight = np.array([w for w, _ in rare])
    return {
        "occlusion_max": float(relative.max()),
        "occlusion_mean": float((relative * weight).sum() / weight.sum()),
    }


def candidate_features(evidence: Evidence, retrieval: Retrieval, search) -> dict[str, float]:
    """The candidates of one question's evidence, by name (``search``: the
    ``HybridSearch`` that found it, for what needs the model or the vectors)."""
    hits, lead = retrieval.hits, retrieval.hits[0]
    cross = float(lead.chunk.lang != retrieval.query.lang)
    return {
        "sentence_coverage": sentence_coverage(evidence, retrieval) * (1.0 - cross),
        "standout": standout(hits, retrieval),
        "numbers_missing": numbers_missing(lead, retrieval),
        **occlusion(retrieval, search),
    }
