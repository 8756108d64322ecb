"""What the assistant says back: one ``Answer`` shape for every mode.

Until grounded answer composition lands, the answer is the best passage
itself and ``confident`` says whether retrieval found strong support; the
shape (answer, lang, confident, mode, sources) is the contract the command
line's JSON, the Telegram handlers and the benchmarks build on.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from bot.retrieval import Hit

# Provisional: a fused score (cosine + lexical bonus) under this is weak
# support. multilingual-e5 cosines of unrelated texts sit around 0.75-0.8.
CONFIDENCE_THRESHOLD = 0.83


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


def sources_of(hits: list[Hit]) -> list[Source]:
    """One source per (document, section), best score kept, in rank order."""
    seen: dict[tuple[str, str], Source] = {}
    for hit in hits:
        key = (hit.chunk.source, hit.chunk.section)
        if key not in seen:
            seen[key] = Source(
                title=hit.chunk.title,
                source=hit.chunk.source,
                section=hit.chunk.section,
                lang=hit.chunk.lang,
                score=round(hit.score, 4),
            )
    return list(seen.values())


def best_passage(hits: list[Hit], lang: str) -> Answer:
    """The top passage as the answer, confident when its score clears the threshold."""
    if not hits:
        return Answer(answer="", lang=lang, confident=False, sources=[])
    top = hits[0]
    return Answer(
        answer=top.chunk.text,
        lang=lang,
        confident=top.score >= CONFIDENCE_THRESHOLD,
        sources=sources_of(hits),
    )
