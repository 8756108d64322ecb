"""The data that moves between the steps: data only, no behaviour beyond views.

A document's path makes ``Chunk``s; a question's path makes one ``Query``,
then a ``Retrieval`` (the ``Hit``s and everything the answer step needs of
the index), then ``Evidence``, then an ``Answer`` with its ``Source``s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Literal

import numpy as np

QuestionType = Literal["who", "where", "when", "duration", "count"]
Courtesy = Literal["greeting", "thanks"]


@dataclass(frozen=True)
class Chunk:
    """One searchable passage and where it comes from."""

    id: str
    text: str
    source: str
    title: str
    section: str
    lang: str
    kind: str
    position: int
    doc_hash: str
    translation_of: str = ""

    @property
    def embed_text(self) -> str:
        """What the model embeds: the passage under its title and section.

        Headings carry the topic ("Visites de terrain") that a paragraph often
        leaves implicit, so they go into the vector, not only the metadata.
        """
        context = " — ".join(p for p in (self.title, self.section) if p)
        return f"{context}\n{self.text}" if context else self.text

    def metadata(self) -> dict[str, str | int | bool]:
        return {
            "source": self.source,
            "title": self.title,
            "section": self.section,
            "lang": self.lang,
            "kind": self.kind,
            "position": self.position,
            "doc_hash": self.doc_hash,
            "translation_of": self.translation_of,
        }

    @classmethod
    def from_store(cls, chunk_id: str, text: str, meta: dict) -> Chunk:
        return cls(
            id=chunk_id,
            text=text,
            source=str(meta.get("source", "")),
            title=str(meta.get("title", "")),
            section=str(meta.get("section", "")),
            lang=str(meta.get("lang", "")),
            kind=str(meta.get("kind", "")),
            position=int(meta.get("position", 0)),
            doc_hash=str(meta.get("doc_hash", "")),
            translation_of=str(meta.get("translation_of", "")),
        )

    @property
    def heading(self) -> str:
        """The chunk's own heading when it is a question (an FAQ entry), else ""."""
        heading = self.section.rsplit(" > ", 1)[-1].strip()
        return heading if heading.endswith(("?", "؟")) else ""


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk; ``dense`` and ``lexical`` are the parts of ``score``."""

    chunk: Chunk
    score: float
    dense: float
    lexical: float
    method: str
    as_question: bool = False  # matched through its FAQ question
    # ``score`` less its language's background for this question (search's
    # ``_backgrounds``): the scale hits of different languages are ranked on.
    relative: float = 0.0


@dataclass(frozen=True)
class Query:
    """A question understood once: every step reads it, none works it out again.

    ``text`` is what the delegate wrote (what an LLM reads); ``search`` what is
    searched (Darija in MSA function words, Arabizi in Arabic letters); the
    other fields are read off ``search``.
    """

    text: str
    search: str
    lang: str  # the question's language: retrieval and the lexical match
    reply_lang: str  # the answer's: a preference, else ``lang``
    terms: tuple[str, ...] = ()  # normalised, stemmed, stop-word-free, in order, once each
    kind: QuestionType | None = None
    yes_no: bool = False
    respelled: bool = False  # Arabizi: no document shares its spellings
    relative_day: bool = False  # "demain", "today": a day the documents cannot place
    today: bool = False  # the only such day is today, which a document's present may be
    courtesy: Courtesy | None = None
    followup: bool = False  # searched with the last question's words ("et la météo ?")

    @property
    def form(self) -> tuple[QuestionType | None, bool]:
        """``question_form`` of the searched text, as already read."""
        return self.kind, self.yes_no


# Similarity of each text (a sentence) to the question, by the embedding model.
SentenceScores = Callable[[Sequence[str]], np.ndarray]
# How much of the question's words a passage holds, word by word, in any language.
WordCoverage = Callable[["Chunk"], float]


@dataclass(frozen=True)
class Retrieval:
    """The hits of one query and what the answer step needs of the index.

    With this the answer step holds no retriever: ``twins`` are the passages
    in the reply language parallel to the first hits, ``versions`` each
    source's translation group, ``weights`` the idf of the question's terms.
    """

    query: Query
    hits: list[Hit]
    # the hits ranked after ``hits``: where a feature looks for the next
    # passages of one language when the first hits hold none
    further: list[Hit] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)
    unseen: float | None = None  # share of the question's idf in words no document uses
    # its nouns (``topic_words``), each with whether some document uses it
    topics: dict[str, bool] = field(default_factory=dict)
    twins: dict[str, Hit] = field(default_factory=dict)  # chunk id -> parallel passage
    versions: dict[str, frozenset[str]] = field(default_factory=dict)
    sentence_scores: SentenceScores | None = None
    word_coverage: WordCoverage | None = None

    def versions_of(self, source: str) -> frozenset[str]:
        return self.versions.get(source, frozenset({source}))

    @property
    def unknown_topics(self) -> tuple[str, ...]:
        """The question's nouns no document uses."""
        return tuple(t for t, known in self.topics.items() if not known)


# A unit an answer quotes: (passage rank, position in the passage, text).
Chosen = tuple[int, int, str]
# (score, passage rank, position in the passage, text) of a unit the answer may quote.
Candidate = tuple[float, int, int, str]


@dataclass(frozen=True)
class Evidence:
    """What the documents offer for one question, before any wording."""

    hits: list[Hit]  # the passages, the asker's-language twin first when there is one
    units: list[Chosen]  # chosen, in display order
    unit_score: float  # how well the best sentence matches the question
    passage_lang: str

    @property
    def passage_score(self) -> float:
        return self.hits[0].score

    @property
    def used(self) -> list[Hit]:
        return [self.hits[rank] for rank in sorted({rank for rank, _, _ in self.units})]


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
    # The sentences quoted from the documents (extractive answers): what
    # ``retell`` finds again in another language's version.
    units: tuple[str, ...] = field(default=(), compare=False)
    # How many documents ``units`` come from: the lead-in says "documents"
    # past one, and an answer retold as it is (``retell``) keeps saying so.
    quoted: int = field(default=1, compare=False)

    def documents(self, limit: int = 3) -> list[tuple[Source, tuple[str, ...]]]:
        """The first ``limit`` documents cited, each with the sections cited in it,
        best first: under an answer, three pages of one PDF are one line, and the
        next document still gets its own."""
        cited: dict[str, tuple[Source, list[str]]] = {}
        for source in self.sources:
            _, sections = cited.setdefault(source.source, (source, []))
            if source.section and source.section not in sections:
                sections.append(source.section)
        return [(first, tuple(sections)) for first, sections in list(cited.values())[:limit]]

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
