"""Each language's background for a question: what ranks passages of
different languages on one scale (``Hit.relative``). Pure: scores in, levels out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np


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
