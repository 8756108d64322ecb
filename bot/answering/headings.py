"""FAQ entries compared question to question: an entry's own question says
what it answers more sharply than its answer does, when the asker's words
agree with it (``QuestionHeadings.scores``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from bot.core.types import QuestionType
from bot.text.question_types import conflict


@dataclass(frozen=True)
class QuestionHeadings:
    """The FAQ entries of the index: row, question embedding, kind and words of each.

    Two questions embedded as queries compare more sharply than a question
    and a passage, so an FAQ answer is scored by whichever is higher. But
    the comparison hears the form more than the topic: "Y a-t-il un parking
    ?" is 0.92 from "Y a-t-il des visites de terrain ?", so an FAQ question
    counts only when it shares a word with the asker's, and its words hold
    ``cover`` of the asker's ``weights`` (idf, frame words aside): entries
    on one subject all name it, and a question on another detail of the
    subject shares that name and little else. Without the cover, on XQuAD
    paragraphs kept as FAQ entries (fit half), 11 of 49 English questions
    on a held-out paragraph found a sibling's entry this way (BENCHMARKS.md,
    "Fourteenth session"). The idf is the documents': a question's form
    words ("how long", "combien de temps dure") are rare there and weigh as
    much as its topic, which the cover cannot tell apart. Nor does it hear
    the interrogative word ("Qui organise la rencontre d'Agadir ?" is 0.94
    from "Qui organise la rencontre ?", 0.92 from "Où se déroule la
    rencontre ?"): that is ``question_type``'s job.
    """

    rows: list[int]
    vectors: np.ndarray | None
    kinds: list[QuestionType | None]
    terms: list[frozenset[str]]

    def scores(
        self,
        query_vector: np.ndarray,
        kind: QuestionType | None,
        terms: set[str],
        offset: float | None,
        weights: dict[str, float] | None = None,
        cover: float = 0.0,
    ) -> tuple[dict[int, float], set[int]]:
        """Question-to-FAQ-question similarity by row, and the rows whose question
        asks for another kind of answer (the class says when one counts)."""
        if offset is None or self.vectors is None:
            return {}, set()
        sims = self.vectors @ query_vector
        scores, other = {}, set()
        asked = _word_families(terms)
        for row, sim, its_kind, its_terms in zip(
            self.rows, sims, self.kinds, self.terms, strict=True
        ):
            families = _word_families(its_terms)
            if conflict(kind, its_kind):
                other.add(row)
            elif not asked & families or _held(weights or {}, families) < cover:
                continue
            elif kind is not None and its_kind == kind:
                scores[row] = float(sim)
            else:
                scores[row] = float(sim) - offset
        return scores, other


def _word_families(terms: Iterable[str]) -> set[str]:
    """Stems cut to five letters: one word's family has stems of several
    lengths ("proposition" -> "proposit", "proposent" -> "propos"), and a
    question about one is about the others."""
    return {term[:5] for term in terms}


def _held(weights: dict[str, float], families: set[str]) -> float:
    """The share of ``weights`` (the asker's words) whose family is in ``families``."""
    total = sum(weights.values())
    if not total:
        return 1.0
    return sum(w for t, w in weights.items() if t[:5] in families) / total
