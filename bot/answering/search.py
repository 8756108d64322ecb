"""Hybrid retrieval: dense search in Chroma plus BM25, fused so that BM25 only
ever adds evidence.

Plain reciprocal rank fusion hands BM25's ranks the same vote as the dense
ranks even when BM25 matched nothing useful (an Arabic question over French
passages matches only a number or a name), and measured here it halved
recall cross-lingually. So the fusion works on scores, not ranks:

    score = cosine(question, chunk) + weight * strength
    strength = bm25(chunk) / max bm25 over all chunks * coverage(chunk)

``coverage`` is the share of the question's idf mass that the chunk contains
(0..1): a relative BM25 win on two common words is discounted, a chunk that
holds every rare term of the question is not. ``weight`` is non-zero only
when the chunk is in the question's language, the one case where shared
words mean shared meaning. A chunk with no lexical match keeps its dense
score exactly, and every score is a cosine plus a bonus of at most
``weight``, comparable from one question to the next: the answer step can
put a threshold on it.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from bot.knowledge.chunking import Chunk
from bot.knowledge.embeddings import NamedEmbeddings
from bot.knowledge.lexical import LexicalIndex
from bot.knowledge.store import ChunkStore
from bot.text.language import detect, tokens
from bot.text.question_types import (
    QuestionType,
    conflict,
    frame_terms,
    question_type,
    topic_words,
)

log = logging.getLogger(__name__)

Method = Literal["hybrid", "dense", "bm25"]
METHODS: tuple[Method, ...] = ("hybrid", "dense", "bm25")

# Tuned on the benchmark sets (bench/retrieval.py --sweep); see BENCHMARKS.md.
LEXICAL_WEIGHT = 0.045
CANDIDATES = 50
# A question-shaped heading (an FAQ entry: "Qui organise la rencontre ?") is also
# compared with the question, question to question; see ``QuestionHeadings``.
HEADING_OFFSET: float | None = 0.02
# An FAQ entry whose question asks for another kind of answer ("Où..." for a
# "Qui..." question) answers another question: it loses this much; one that
# asks for the same kind is compared question to question without the offset.
TYPE_PENALTY = 0.03
MIN_LANGUAGE_SHARE = 0.2


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk; ``dense`` and ``lexical`` are the parts of ``score``."""

    chunk: Chunk
    score: float
    dense: float
    lexical: float
    method: str
    as_question: bool = False  # matched through its FAQ question (``QuestionHeadings``)


class Retriever:
    """Searches the committed chunks of one ``ChunkStore``."""

    def __init__(
        self,
        store: ChunkStore,
        embeddings: NamedEmbeddings,
        *,
        lexical_weight: float = LEXICAL_WEIGHT,
        candidates: int = CANDIDATES,
    ) -> None:
        self.store = store
        self.embeddings = embeddings
        self.lexical_weight = lexical_weight
        self.candidates = candidates
        self._lock = threading.Lock()
        self._recent: dict[str, np.ndarray] = {}
        self._heading_cache: dict[str, np.ndarray] = {}
        self.refresh()

    def refresh(self) -> None:
        """Reload chunks for BM25 after an ingest changed the collection."""
        chunks, vectors = self.store.committed()
        lexical = LexicalIndex([c.embed_text for c in chunks], [c.lang for c in chunks])
        with self._lock:
            self._chunks = chunks
            self._vectors = vectors
            self._rows = {c.id: i for i, c in enumerate(chunks)}
            self._lexical = lexical
            self._translations = _translation_groups(chunks)
            self._rows_by_source: dict[str, list[int]] = {}
            for i, chunk in enumerate(chunks):
                self._rows_by_source.setdefault(chunk.source, []).append(i)
            self._lang_counts = Counter(c.lang for c in chunks)
            self._headings = self._question_headings(chunks)
        log.debug("retriever holds %d chunks", len(chunks))

    def _question_headings(self, chunks: list[Chunk]) -> QuestionHeadings:
        """The chunks under a question heading (FAQ entries), with that question's
        query embedding, kind and words."""
        rows, vectors, kinds, terms = [], [], [], []
        for i, chunk in enumerate(chunks):
            heading = heading_of(chunk)
            if not heading:
                continue
            if heading not in self._heading_cache:
                self._heading_cache[heading] = np.asarray(
                    self.embeddings.embed_query(heading), dtype=np.float32
                )
            rows.append(i)
            vectors.append(self._heading_cache[heading])
            kinds.append(question_type(heading))
            terms.append(frozenset(tokens(heading, chunk.lang)))
        return QuestionHeadings(rows, np.stack(vectors) if vectors else None, kinds, terms)

    def query_vector(self, question: str) -> np.ndarray:
        """The question's embedding; the last few are kept, as answering asks again."""
        with self._lock:
            cached = self._recent.get(question)
        if cached is not None:
            return cached
        vector = np.asarray(self.embeddings.embed_query(question), dtype=np.float32)
        with self._lock:
            self._recent[question] = vector
            while len(self._recent) > 64:
                self._recent.pop(next(iter(self._recent)))
        return vector

    def unseen_share(self, question: str, lang: str) -> float | None:
        """``LexicalIndex.unseen_share`` for ``question``; None when too few chunks are in
        ``lang`` for absent words to mean anything (an English question, French documents)."""
        with self._lock:
            chunks, lexical, counts = self._chunks, self._lexical, self._lang_counts
        if not chunks or counts[lang] < MIN_LANGUAGE_SHARE * len(chunks):
            return None
        frame = frame_terms(lang)
        return lexical.unseen_share(
            [t for t in lexical.query_terms(question, lang) if t not in frame]
        )

    def term_weights(self, terms: Iterable[str]) -> dict[str, float]:
        """Each term's idf: how much sharing it says about a passage."""
        with self._lock:
            lexical = self._lexical
        return {t: lexical.idf(t) for t in terms}

    def unknown_topics(self, question: str, lang: str) -> list[str] | None:
        """The question's nouns (``topic_words``, with their modifiers) of which no
        chunk contains a word; None when too few chunks are in ``lang`` for an
        absent word to mean anything."""
        with self._lock:
            chunks, lexical, counts = self._chunks, self._lexical, self._lang_counts
        if not chunks or counts[lang] < MIN_LANGUAGE_SHARE * len(chunks):
            return None
        unknown = []
        for phrase in topic_words(question, lang):
            stems = [t for word in phrase for t in _spellings(word, lang)]
            if stems and not any(lexical.knows(t) for t in stems):
                unknown.append(" ".join(phrase))
        return unknown

    def versions_of(self, source: str) -> frozenset[str]:
        """``source`` and its translations (``translation_of``)."""
        with self._lock:
            return self._translations.get(source, frozenset({source}))

    def best_in_translation(self, question: str, chunk: Chunk, lang: str) -> Hit | None:
        """The passage of ``chunk``'s parallel document in ``lang`` that best fits ``question``."""
        with self._lock:
            group = self._translations.get(chunk.source, frozenset()) - {chunk.source}
            chunks, vectors = self._chunks, self._vectors
            rows = [
                i
                for source in sorted(group)
                for i in self._rows_by_source.get(source, [])
                if chunks[i].lang == lang
            ]
        if not rows:
            return None
        sims = vectors[rows] @ self.query_vector(question)
        best = int(np.argmax(sims))
        score = float(sims[best])
        return Hit(chunks[rows[best]], score, score, 0.0, "translation")

    def search(
        self, question: str, *, k: int = 5, lang: str | None = None, method: Method = "hybrid"
    ) -> list[Hit]:
        """The ``k`` best chunks for ``question``, best first."""
        if method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}, not {method!r}")
        with self._lock:
            chunks, vectors, rows, lexical = self._chunks, self._vectors, self._rows, self._lexical
            headings = self._headings
        if not chunks or not question.strip():
            return []
        lang = lang or detect(question)
        n = min(len(chunks), max(self.candidates, 4 * k))
        terms = lexical.query_terms(question, lang)

        if method == "bm25":
            bm25 = lexical.bm25(terms)
            order = [int(i) for i in np.argsort(-bm25, kind="stable")[:k] if bm25[i] > 0]
            return [Hit(chunks[i], float(bm25[i]), 0.0, float(bm25[i]), "bm25") for i in order]

        query_vector = self.query_vector(question)
        dense = {rows[i]: s for i, s in self.store.query(query_vector, n) if i in rows}
        if method == "dense":
            best = sorted(dense.items(), key=lambda item: -item[1])[:k]
            return [Hit(chunks[r], s, s, 0.0, "dense") for r, s in best]

        bm25 = lexical.bm25(terms)
        lexical_rows = [int(i) for i in np.argsort(-bm25, kind="stable")[:n] if bm25[i] > 0]
        faq, other_question = headings.scores(query_vector, question_type(question), set(terms))
        lexical_rows += sorted(faq, key=faq.get, reverse=True)[:k]
        missing = [r for r in dict.fromkeys(lexical_rows) if r not in dense]
        if missing:  # BM25 found them, Chroma's top-n did not: score them exactly
            for r, s in zip(missing, vectors[missing] @ query_vector, strict=True):
                dense[r] = float(s)
        candidates = list(dense)
        coverage = lexical.coverage(terms, candidates)
        top = float(bm25.max()) if len(bm25) else 0.0
        scored = []
        for r, cov in zip(candidates, coverage, strict=True):
            weight = self.lexical_weight if chunks[r].lang == lang else 0.0
            strength = float(bm25[r] / top) * float(cov) if top > 0 else 0.0
            semantic = max(dense[r], faq.get(r, -1.0))
            score = semantic + weight * strength - (TYPE_PENALTY if r in other_question else 0.0)
            as_question = faq.get(r, -1.0) > dense[r]
            scored.append(Hit(chunks[r], score, semantic, strength, "hybrid", as_question))
        scored.sort(key=lambda h: -h.score)
        return scored[:k]


@dataclass(frozen=True)
class QuestionHeadings:
    """The FAQ entries of the index: row, question embedding, kind and words of each."""

    rows: list[int]
    vectors: np.ndarray | None
    kinds: list[QuestionType | None]
    terms: list[frozenset[str]]

    def scores(
        self, query_vector: np.ndarray, kind: QuestionType | None, terms: set[str]
    ) -> tuple[dict[int, float], set[int]]:
        """Question-to-FAQ-question similarity by row, and the rows whose question
        asks for another kind of answer.

        Two questions embedded as queries compare more sharply than a question
        and a passage, so an FAQ answer is scored by whichever is higher. But
        the comparison hears the form more than the topic: "Y a-t-il un parking
        ?" is 0.92 from "Y a-t-il des visites de terrain ?", so an FAQ question
        counts only when it shares a word with the asker's. Nor does it hear
        the interrogative word ("Qui organise la rencontre d'Agadir ?" is 0.94
        from "Qui organise la rencontre ?", 0.92 from "Où se déroule la
        rencontre ?"): that is ``question_type``'s job.
        """
        if HEADING_OFFSET is None or self.vectors is None:
            return {}, set()
        sims = self.vectors @ query_vector
        scores, other = {}, set()
        for row, sim, its_kind, its_terms in zip(
            self.rows, sims, self.kinds, self.terms, strict=True
        ):
            if conflict(kind, its_kind):
                other.add(row)
            elif not _word_families(terms) & _word_families(its_terms):
                continue
            elif kind is not None and its_kind == kind:
                scores[row] = float(sim)
            else:
                scores[row] = float(sim) - HEADING_OFFSET
        return scores, other


def _spellings(word: str, lang: str) -> list[str]:
    """The stems ``word`` may stand for. Arabic writes ل + ال + لقاء as للقاء, which
    the stemmer reads as ل + ال + قاء: try the word with its article restored too."""
    stems = tokens(word, lang)
    if word.startswith("لل"):
        stems += tokens("ال" + word[1:], lang)
    return stems


def _word_families(terms: Iterable[str]) -> set[str]:
    """Stems cut to five letters: Snowball leaves "participent" whole but cuts
    "participants" to "particip"; both are about taking part."""
    return {term[:5] for term in terms}


def heading_of(chunk: Chunk) -> str:
    """The chunk's own heading when it is a question (an FAQ entry), else ""."""
    heading = chunk.section.rsplit(" > ", 1)[-1].strip()
    return heading if heading.endswith(("?", "؟")) else ""


def _translation_groups(chunks: list[Chunk]) -> dict[str, frozenset[str]]:
    """source -> every source of its translation group (the original and all
    documents that are ``translation_of`` it), from ``translation_of``.

    A group, not pairs: an Arabic and an English version of one French
    original are each other's translations too.
    """
    sources = {c.source for c in chunks}
    members: dict[str, set[str]] = {}
    for chunk in chunks:
        original = chunk.translation_of
        if original and original in sources and original != chunk.source:
            members.setdefault(original, {original}).add(chunk.source)
    return {source: frozenset(group) for group in members.values() for source in group}
