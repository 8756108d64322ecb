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
    to this question, so that a score above it means the same in every
    language (an Arabic question is ~0.05 closer to any Arabic text than to
    its own answer's English twin).

    Two things move a language's nearest passages (``scores``: the question's
    similarity to each candidate, by language): the model's pull towards the
    question's language, and how much of that language's text is on the
    question's topic. Only the first may set the languages apart: a level read
    off each language's own nearest passages would sink the language that
    holds the answer and its neighbours below an asker's-language corpus
    that knows nothing of the topic (the mixed pool, BENCHMARKS.md). So the
    gap between languages is the gap between the question's similarity to
    their versions of the same everyday passages (``reference``:
    ``lexicons.*.BACKGROUND``), and the common level the highest of the
    languages' own — the mean of their ``depth`` nearest passages, less their
    reference — where the topic is densest. A corpus in one language keeps its
    own level. With no language that large (a handful of documents), each
    language's few passages are pooled with its reference ones.
    """
    if depth <= 0:
        return dict.fromkeys(scores, 0.0)
    own = {
        lang: float(np.mean(sorted(found, reverse=True)[:depth]))
        for lang, found in scores.items()
        if len(found) >= depth
    }
    levels = {
        lang: own[lang] if lang in own else _pooled(found, reference.get(lang, []), depth)
        for lang, found in scores.items()
    }
    gaps = {
        lang: float(np.mean(reference[lang])) for lang in scores if len(reference.get(lang, []))
    }
    readers = [lang for lang in (own or levels) if lang in gaps]
    if not readers:
        return levels
    common = max(levels[lang] - gaps[lang] for lang in readers)
    return {lang: common + gaps[lang] if lang in gaps else levels[lang] for lang in scores}


def _pooled(found: Sequence[float], reference: Sequence[float], depth: int) -> float:
    """The mean of the ``depth`` best of a language's few passages and its reference ones."""
    pooled = sorted([float(s) for s in found] + [float(s) for s in reference], reverse=True)
    return float(np.mean(pooled[:depth]))
