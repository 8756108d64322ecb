"""An answer told again in another language, from the twin documents.

"بالعربية" after a French answer must give the Arabic document's own
sentences, not a fresh search: asked again with an Arabic reply, the search
weighs the question against every passage and may settle elsewhere. Each
sentence of the answer is matched to its closest sentence in the versions of
its sources in that language (parallel sentences are near neighbours for the
model, whatever the language), through the sentence vectors stored at ingest.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from bot.answering.replies import lead_in
from bot.core.types import Answer, Chunk, Source
from bot.text.units import clean, is_question, units

if TYPE_CHECKING:
    from bot.answering.search import HybridSearch
    from bot.knowledge.sentences import SentenceVectors


def twin_units(answer: Answer, lang: str, search: HybridSearch) -> list[tuple[Chunk, str]]:
    """Every sentence of the versions in ``lang`` of the answer's sources in
    another language (a source already in ``lang`` is another document, not a
    version of what was quoted)."""
    index = search.index
    found: list[tuple[Chunk, str]] = []
    quoted = [s.source for s in answer.sources if s.lang != lang]
    versions = {v for s in quoted for v in search.versions_of(s) if v != s}
    for version in sorted(versions):
        for row in index.rows_by_source.get(version, []):
            chunk = index.chunks[row]
            if chunk.lang == lang:
                found += [(chunk, u) for u in units(chunk.text) if not is_question(u)]
    return found


def retell(
    answer: Answer, lang: str, search: HybridSearch, sentences: SentenceVectors
) -> Answer | None:
    """``answer`` in ``lang`` from its sources' twin documents; None when it has
    no sentences of its own (a decline, an LLM answer). Sources with no version
    in ``lang``: the same sentences, under a lead-in in ``lang`` that names the
    documents' language (as any answer from another language's document)."""
    if not answer.units:
        return None
    candidates = twin_units(answer, lang, search)
    if not candidates:
        written_in = answer.sources[0].lang if answer.sources else answer.lang
        return replace(
            answer,
            answer=f"{lead_in(lang, written_in, answer.quoted)}\n" + "\n".join(answer.units),
            lang=lang,
        )
    said = sentences([clean(u) for u in answer.units])
    pool = sentences([clean(u) for _, u in candidates])
    similarity = said @ pool.T
    picked = list(dict.fromkeys(int(np.argmax(row)) for row in similarity))
    chosen = [candidates[i] for i in picked]
    sources: dict[tuple[str, str], Source] = {}
    for i, (chunk, _) in zip(picked, chosen, strict=True):
        score = round(float(similarity[:, i].max()), 4)
        key = (chunk.source, chunk.section)
        sources.setdefault(key, Source(chunk.title, chunk.source, chunk.section, chunk.lang, score))
    return Answer(
        answer=f"{lead_in(lang, lang)}\n" + "\n".join(u for _, u in chosen),
        lang=lang,
        confident=True,
        mode=answer.mode,
        sources=list(sources.values()),
        units=tuple(u for _, u in chosen),
        quoted=len({chunk.source for chunk, _ in chosen}),
    )
