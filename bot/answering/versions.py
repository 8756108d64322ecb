"""Which documents are versions of one another, and in which languages a
document can be read: from the chunks' ``translation_of`` and languages.

Pure logic over chunks; ``search`` keeps the result in its snapshot.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from bot.core.types import Chunk, Hit
from bot.text.language import detect


def languages(
    chunks: list[Chunk], translations: dict[str, frozenset[str]]
) -> dict[str, frozenset[str]]:
    """source -> the languages of its passages and of its translations' (a
    bilingual notice is written in two by itself)."""
    own: dict[str, set[str]] = {}
    for chunk in chunks:
        own.setdefault(chunk.source, set()).add(chunk.lang)
    return {
        source: frozenset().union(*(own[m] for m in translations.get(source, {source})))
        for source in own
    }


def translation_groups(chunks: list[Chunk]) -> dict[str, frozenset[str]]:
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


def translated_within(chunks: Sequence[Chunk], lang: str, of: str) -> bool:
    """Whether a document's passages in ``lang`` may be its passages in ``of``
    translated: there are at least half as many. A notice printed in two
    languages is its own translation; a French report with a one-paragraph
    English abstract is not, and an English question on it is better
    answered from its French passages than from the abstract."""
    counts = Counter(c.lang for c in chunks)
    return lang != of and counts[lang] > 0 and 2 * counts[lang] >= counts[of]


def written_in(chunk: Chunk) -> set[str]:
    """The languages of what a passage is matched on: its own, and its FAQ
    question's. A relayed entry is kept in its answer's language under the
    delegate's question, which may be in another ("Où peut-on changer des
    euros ?" over an Arabic answer): the asker's words may be in that
    question, where no word of the asker's language can be."""
    if not chunk.heading:
        return {chunk.lang}
    return {chunk.lang, heading_language(chunk.heading, chunk.lang)}


def matched_in(hit: Hit) -> str:
    """The language of the text a hit was found on: its FAQ question's when
    the asker's question was closer to it than to the answer
    (``Hit.as_question``), else the passage's. A relayed answer kept in
    English under an Arabic question is found in Arabic by the asker who
    puts it as that question did, across languages by one who asks what
    else the answer says."""
    chunk = hit.chunk
    if hit.as_question and chunk.heading:
        return heading_language(chunk.heading, chunk.lang)
    return chunk.lang


@lru_cache(maxsize=4096)
def heading_language(heading: str, lang: str) -> str:
    """The language of an FAQ question heading, its document's ``lang`` when
    it cannot tell. Read once per heading: the search's snapshot and every
    decision on a lead under it ask again."""
    return detect(heading, default=lang)
