"""Each language's background for a question: what ranks passages of
different languages on one scale (``Hit.relative``), and the ranking on it.
Pure: scores in, levels and order out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np

from bot.core.types import Hit


def backgrounds(
    scores: Mapping[str, Sequence[float]],
    reference: Mapping[str, Sequence[float]],
    depth: int,
) -> dict[str, float]:
    """Per language, what the model gives any passage of that language close
    to this question: the mean similarity of its ``depth`` nearest passages
    (``scores``: the question's similarity to each candidate, by language).
    Above it, a score means the same in every language (an Arabic question is
    ~0.05 closer to any Arabic text than to its own answer's English twin).

    A language with fewer passages than that (one uploaded document) has no
    background of its own: it gets the best-represented language's, moved by
    the gap between the question's similarity to the two languages' versions
    of the same everyday passages (``reference``: ``lexicons.*.BACKGROUND``).
    With no language that large (a handful of documents), those passages
    stand in for the missing ones.
    """
    if depth <= 0:
        return dict.fromkeys(scores, 0.0)
    own = {
        lang: float(np.mean(sorted(found, reverse=True)[:depth]))
        for lang, found in scores.items()
        if len(found) >= depth
    }
    anchor = max(own, key=lambda lang: len(scores[lang]), default=None)
    out = dict(own)
    for lang, found in scores.items():
        if lang in own:
            continue
        if anchor is not None and lang in reference and anchor in reference:
            gap = float(np.mean(reference[lang]) - np.mean(reference[anchor]))
            out[lang] = own[anchor] + gap
        else:
            out[lang] = _pooled(found, reference.get(lang, []), depth)
    return out


def _pooled(found: Sequence[float], reference: Sequence[float], depth: int) -> float:
    """The mean of the ``depth`` best of a language's few passages and its reference ones."""
    pooled = sorted([float(s) for s in found] + [float(s) for s in reference], reverse=True)
    return float(np.mean(pooled[:depth]))


def ranked(
    hits: Sequence[Hit],
    grounds: Mapping[str, float],
    lang: str,
    versions: Mapping[str, frozenset[str]],
    lift: float,
) -> list[Hit]:
    """``hits`` with ``relative`` set (score less its language's background),
    best first. A passage of a document that exists in no version in the
    question's language ranks as if ``lift`` higher; its ``relative``, which
    the decision reads, is left as it is.

    Why: above the background, the model still prefers a passage on the same
    topic in the question's own language. Where a document is only in another
    language (a French sheet beside an Arabic brief on the same visit), that
    pull buries the passage that answers; where it has a version in the
    question's language, that version is the better reading and no lift is
    due (BENCHMARKS.md, Generalisation, "Twelfth session").
    """
    out = [replace(h, relative=h.score - grounds[h.chunk.lang]) for h in hits]

    def rank(h: Hit) -> float:
        alone = lang not in versions.get(h.chunk.source, frozenset({h.chunk.lang}))
        return h.relative + (lift if alone else 0.0)

    return sorted(out, key=rank, reverse=True)
