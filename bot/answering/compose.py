"""From retrieved passages to what the delegate reads: one ``Answer`` shape for
every mode.

Extractive (default, offline): the best sentences of the best passages,
ranked by the embedding model and the question's own terms, under a
localised lead-in that says when the passage is in another language. LLM
(``LLM_MODEL`` set): a LangChain chat model answers from numbered passages
only; any failure of the model falls back to the extractive answer. Both
decline, in the asker's language, when the passages do not support an
answer: the threshold is calibrated on ``bench/questions.jsonl``.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from bot.answering.search import TYPE_PENALTY, Hit, Retriever, heading_of
from bot.i18n import language_name, translator
from bot.knowledge.chunking import Chunk
from bot.knowledge.embeddings import NamedEmbeddings
from bot.text.language import normalise, tokens
from bot.text.question_types import (
    QuestionType,
    conflict,
    offers,
    question_type,
    relative_day,
    same_question_form,
)

if TYPE_CHECKING:
    from bot.answering.llm import LLMAnswerer

# Calibrated on bench/questions.jsonl (bench/answers.py --calibrate): the top
# passage's fused score must reach this for the assistant to answer. A
# cross-language match scores lower for the same support (see BENCHMARKS.md).
THRESHOLD_SAME_LANGUAGE = 0.85
THRESHOLD_OTHER_LANGUAGE = 0.815
# Arabizi rewritten in Arabic letters ("l-liqa2" -> "الليقاء") matches less
# closely, answerable or not: its own threshold, on bench/questions.jsonl's az items.
THRESHOLD_RESPELLED = 0.82
MAX_UNSEEN_SHARE = 0.7
STRONG_PASSAGE = 0.9  # a passage this close outweighs unknown words ("Que signifie Terr'ESS ?")
TOPIC_OVERRIDE = 0.95  # only a near-certain passage outweighs a noun no document uses
ANCHOR_CANDIDATES = 3
# Sentences come from the best PASSAGES passages; a passage ranked lower costs its
# sentences PASSAGE_WEIGHT times its score gap to the best one.
PASSAGES = 4
PASSAGE_WEIGHT = 0.5
OVERLAP_WEIGHT = 0.05
# A sentence that holds what the question asks for (a date for "when", a number
# for "how many") gains this much over one that only shares its words.
ANSWER_TYPE_BONUS = 0.03
MAX_SENTENCES = 3
MAX_CHARS = 450
SENTENCE_MARGIN = 0.02

_SENTENCE_END = re.compile(r"(?<=[.!?؟…])\s+")


@dataclass(frozen=True)
class Source:
    title: str
    source: str
    section: str
    lang: str
    score: float


@dataclass(frozen=True)
class Answer:
    answer: str
    lang: str
    confident: bool
    mode: str = "extractive"
    sources: list[Source] = field(default_factory=list)

    def to_dict(self, question: str) -> dict:
        """The JSON object of ``python -m bot ask --json``, keys in contract order."""
        return {
            "question": question,
            "lang": self.lang,
            "answer": self.answer,
            "confident": self.confident,
            "mode": self.mode,
            "sources": [asdict(s) for s in self.sources],
        }


def source_of(hit: Hit) -> Source:
    return Source(
        title=hit.chunk.title,
        source=hit.chunk.source,
        section=hit.chunk.section,
        lang=hit.chunk.lang,
        score=round(hit.score, 4),
    )


def sources_of(hits: list[Hit]) -> list[Source]:
    """One source per (document, section), in rank order."""
    seen: dict[tuple[str, str], Source] = {}
    for hit in hits:
        seen.setdefault((hit.chunk.source, hit.chunk.section), source_of(hit))
    return list(seen.values())


def _threshold(hit: Hit, question_lang: str) -> float:
    return THRESHOLD_SAME_LANGUAGE if hit.chunk.lang == question_lang else THRESHOLD_OTHER_LANGUAGE


def anchor_first(hits: list[Hit], question_lang: str) -> list[Hit]:
    """Put first the best of the top passages that clears its own threshold.

    The model ranks a passage in the question's language above an equally
    relevant one in another language; a weak same-language first hit must not
    hide a strong other-language second one.
    """
    for hit in hits[:ANCHOR_CANDIDATES]:
        if hit.score >= _threshold(hit, question_lang):
            return [hit] + [h for h in hits if h is not hit]
    return hits


def confident(
    evidence: Evidence,
    question_lang: str,
    unseen: float | None = None,
    unknown_topics: Sequence[str] = (),
) -> bool:
    """Whether the documents support an answer at all (else: an honest decline).

    Three signals: the best passage's score, against a threshold that is
    lower across languages (a cross-language match scores lower for the same
    support); and, when the best passage is not a near-certain match, whether
    most of the question's weight is in words no document uses, or whether
    one of its nouns is ("un parking", "the weather": the model finds the
    closest passage, the documents still say nothing about it).
    """
    top = evidence.hits[0]
    # Absent words say something only about documents in the question's language.
    if top.chunk.lang == question_lang:
        if unknown_topics and top.score < TOPIC_OVERRIDE:
            return False
        if unseen is not None and unseen >= MAX_UNSEEN_SHARE and top.score < STRONG_PASSAGE:
            return False
    return top.score >= _threshold(top, question_lang)


def decline(lang: str, *, day: bool = False) -> Answer:
    """The honest "I don't know"; ``day``: the question was about a day named from now."""
    _ = translator(lang).gettext
    if day:
        text = _(
            "The documents give no dates, so they cannot say what happens on a given day: "
            "the agenda does (/today, /next) as soon as the organisers publish it. "
            "I can also pass your question to them."
        )
    else:
        text = _(
            "I could not find this in the documents I have. "
            "I can pass your question to the organisers."
        )
    return Answer(answer=text, lang=lang, confident=False, mode="extractive", sources=[])


def courteous_reply(kind: str, lang: str) -> Answer:
    """A greeting or thanks answered in kind: no documents, nothing to decline."""
    _ = translator(lang).gettext
    if kind == "thanks":
        text = _("You are welcome. Ask me another question whenever you like.")
    else:
        text = _(
            "Hello! Ask me about the programme, the schedule, the field visits or the good "
            "practices of the regions."
        )
    return Answer(answer=text, lang=lang, confident=True, mode="extractive", sources=[])


def lead_in(answer_lang: str, passage_lang: str) -> str:
    _ = translator(answer_lang).gettext
    if passage_lang == answer_lang:
        return _("According to the documents:")
    return _("According to the {language} document:").format(
        language=language_name(passage_lang, in_lang=answer_lang)
    )


def units(text: str) -> list[str]:
    """Sentences and list items of a passage, in order; never cuts inside one.

    A line that announces a list ("Les programmes visent à :") and the items
    under it form one unit: the items alone lack their subject, the lead-in
    alone says nothing.
    """
    out: list[str] = []
    announcing = False
    for line in text.splitlines():
        line = line.strip()
        if not line:
            announcing = False
            continue
        is_item = line.startswith(("-", "*", "•"))
        if announcing and is_item:
            out[-1] = f"{out[-1]}\n{line}"
            continue
        # A list item is one unit ("Novembre 2024 : annonce. La région s'y engage.").
        sentences = [line] if is_item else [s.strip() for s in _SENTENCE_END.split(line)]
        out.extend(s for s in sentences if s)
        announcing = line.rstrip().endswith((":", "："))
    return out


def answers_as_whole(hit: Hit, question: str) -> bool:
    """Whether ``hit`` is an FAQ entry whose question is the asker's: matched
    through its question, and asking in the same form (an entry that answers
    "Où..." does not answer "Quel est le programme...").
    """
    return hit.as_question and same_question_form(question, heading_of(hit.chunk))


_CITATION_HEADINGS = frozenset(
    normalise(h) for h in ("Sources", "Source", "Références", "References", "المصادر", "المصدر")
)


def is_citation(chunk: Chunk) -> bool:
    """A section that lists the documents' sources."""
    return normalise(chunk.section.rsplit(" > ", 1)[-1].strip()) in _CITATION_HEADINGS


def is_question(unit: str) -> bool:
    """Questions in a document (FAQ headings, "questions to discuss") answer nothing."""
    return unit.rstrip().endswith(("?", "؟"))


class SentenceVectors:
    """Sentence embeddings, cached: the same passages answer many questions."""

    def __init__(self, embeddings: NamedEmbeddings, *, size: int = 20_000) -> None:
        self.embeddings = embeddings
        self.size = size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            vectors = np.asarray(self.embeddings.embed_documents(missing), dtype=np.float32)
            with self._lock:
                for text, vector in zip(missing, vectors, strict=True):
                    self._cache[text] = vector
                while len(self._cache) > self.size:
                    self._cache.popitem(last=False)
        with self._lock:
            return np.stack([self._cache[t] for t in texts])


def _clean(unit: str) -> str:
    return " ".join(line.lstrip("-*• ").strip() for line in unit.splitlines())


@dataclass(frozen=True)
class Evidence:
    """What the documents offer for one question, before any wording."""

    hits: list[Hit]  # the passages, the asker's-language twin first when there is one
    units: list[tuple[int, int, str]]  # (passage rank, position, text) chosen, display order
    unit_score: float  # how well the best sentence matches the question
    passage_lang: str

    @property
    def passage_score(self) -> float:
        return self.hits[0].score

    @property
    def used(self) -> list[Hit]:
        return [self.hits[rank] for rank in sorted({rank for rank, _, _ in self.units})]


@dataclass(frozen=True)
class _Asked:
    """What the answer step needs of the question, computed once per question."""

    lang: str
    vector: np.ndarray
    kind: QuestionType | None
    weights: dict[str, float]  # idf of each of the question's terms
    total: float


class Answerer:
    """Turns a question and its hits into an ``Answer``, extractive or through an LLM."""

    def __init__(
        self,
        retriever: Retriever,
        embeddings: NamedEmbeddings,
        *,
        llm: LLMAnswerer | None = None,
    ) -> None:
        self.retriever = retriever
        self.embeddings = embeddings
        self.sentences = SentenceVectors(embeddings)
        self.llm = llm

    def answer(
        self,
        question: str,
        hits: list[Hit],
        *,
        question_lang: str,
        lang: str,
        respelled: bool = False,
        asked: str | None = None,
    ) -> Answer:
        """``question`` is what was searched; ``asked``, the delegate's own words
        when they differ (Darija, Arabizi), which an LLM reads better than the
        rewrite. ``respelled``: ``question`` is Arabizi rewritten in Arabic
        letters, whose spellings no document shares, so absent words mean nothing."""
        if relative_day(question):
            return decline(lang, day=True)
        evidence = self.gather(question, hits, question_lang=question_lang, lang=lang)
        if evidence is None:
            return decline(lang)
        if respelled:
            sure = evidence.passage_score >= THRESHOLD_RESPELLED
        else:
            unseen = self.retriever.unseen_share(question, question_lang)
            topics = self.retriever.unknown_topics(question, question_lang) or []
            sure = confident(evidence, question_lang, unseen, topics)
        if not sure:
            return decline(lang)
        if self.llm is not None:
            answer = self.llm.answer(asked or question, evidence.hits, lang=lang)
            if answer is not None:
                return answer
        return self.compose(evidence, lang)

    def gather(
        self, question: str, hits: list[Hit], *, question_lang: str, lang: str
    ) -> Evidence | None:
        """The best sentences of the best passages, ranked by the model and the question's terms."""
        if not hits:
            return None
        hits = anchor_first(hits, question_lang)
        hits = self.prefer_translation(question, hits, lang)
        top = hits[0]
        asked = self._asked(question, question_lang)
        candidates: list[tuple[float, int, int, str]] = []
        # Citation lists ("Sources") say where facts come from, and the answer lists
        # its sources anyway: they are no answer, unless nothing else was found.
        readable = [h for h in hits if not is_citation(h.chunk)] or hits
        for hit in readable[:PASSAGES]:
            rank = hits.index(hit)
            if hit.chunk.lang != top.chunk.lang:
                continue
            usable = [(i, u) for i, u in enumerate(units(hit.chunk.text)) if not is_question(u)]
            if rank == 0 and usable and answers_as_whole(hit, question):
                return self._whole_entry(hit, hits, usable, asked.vector)
            # "Oui." answers its own FAQ question only, never another one ("Trois jours." may).
            usable = [(i, u) for i, u in usable if len(u.split()) > 2 or offers("count", u)]
            candidates += [
                (score, rank, i, unit)
                for (i, unit), score in zip(
                    usable, self._unit_scores(asked, hit, usable, top), strict=True
                )
            ]
        if not candidates:
            return None
        candidates.sort(key=lambda c: -c[0])
        best = candidates[0][0]
        chosen: list[tuple[int, int, str]] = []
        length = 0
        for score, rank, i, unit in candidates:
            if len(chosen) >= MAX_SENTENCES or (chosen and score < best - SENTENCE_MARGIN):
                break
            if any(unit == text for _, _, text in chosen):  # the same sentence twice
                continue
            if not chosen or length + len(unit) <= MAX_CHARS:
                chosen.append((rank, i, unit))
                length += len(unit)
        return Evidence(hits, sorted(chosen), best, top.chunk.lang)

    def _asked(self, question: str, lang: str) -> _Asked:
        terms = frozenset(tokens(question, lang))
        weights = self.retriever.term_weights(terms)
        return _Asked(
            lang=lang,
            vector=self.retriever.query_vector(question),
            kind=question_type(question),
            weights=weights,
            total=sum(weights.values()),
        )

    def _unit_scores(
        self, asked: _Asked, hit: Hit, usable: list[tuple[int, str]], top: Hit
    ) -> list[float]:
        """Each unit's fit: the model's similarity, plus the question's words it
        shares (by idf), plus what the question asks for, less the passage's rank."""
        if not usable:
            return []
        # The answer to another kind of question ("Où..." for "Qui...") is not this one's.
        other_kind = conflict(asked.kind, question_type(heading_of(hit.chunk)))
        similarity = self.sentences([_clean(u) for _, u in usable]) @ asked.vector
        scores = []
        for (_, unit), sim in zip(usable, similarity, strict=True):
            overlap = 0.0
            if asked.total and hit.chunk.lang == asked.lang:
                shared = asked.weights.keys() & set(tokens(unit, hit.chunk.lang))
                overlap = sum(asked.weights[t] for t in shared) / asked.total
            scores.append(
                float(sim)
                + OVERLAP_WEIGHT * overlap
                + PASSAGE_WEIGHT * (hit.score - top.score)
                + (ANSWER_TYPE_BONUS if offers(asked.kind, unit) else 0.0)
                - (TYPE_PENALTY if other_kind else 0.0)
            )
        return scores

    def _whole_entry(
        self, hit: Hit, hits: list[Hit], usable: list[tuple[int, str]], query_vector: np.ndarray
    ) -> Evidence:
        """An FAQ entry's whole answer, as far as ``MAX_CHARS`` allows.

        Its sentences ("Quatre partenaires : ...", "Oui.") mean something only
        under their question, which already matched this one.
        """
        chosen, length = [], 0
        for i, unit in usable:
            if chosen and length + len(unit) > MAX_CHARS:
                break
            chosen.append((0, i, unit))
            length += len(unit)
        best = float(np.max(self.sentences([_clean(u) for _, _, u in chosen]) @ query_vector))
        return Evidence(hits, chosen, best, hit.chunk.lang)

    def compose(self, evidence: Evidence, lang: str) -> Answer:
        body = "\n".join(text for _, _, text in evidence.units)
        used = evidence.used
        # The same document in another language is not another source.
        quoted = {s for h in used for s in self.retriever.versions_of(h.chunk.source)}
        others = [h for h in evidence.hits if h not in used and h.chunk.source not in quoted]
        return Answer(
            answer=f"{lead_in(lang, evidence.passage_lang)}\n{body}",
            lang=lang,
            confident=True,
            mode="extractive",
            sources=sources_of(used + others),
        )

    def prefer_translation(self, question: str, hits: list[Hit], lang: str) -> list[Hit]:
        """Swap the best passage for its parallel in the asker's language, when there is one."""
        top = hits[0]
        if top.chunk.lang == lang:
            return hits
        twin = self.retriever.best_in_translation(question, top.chunk, lang)
        if twin is None:
            return hits
        if top.as_question and heading_of(twin.chunk):
            twin = replace(twin, as_question=True)
        return [twin] + [h for h in hits if h.chunk.id != twin.chunk.id]
