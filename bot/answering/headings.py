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
    "Fourteenth session"); an entry in another language, which shares no
    word, counts when it stands apart (``standing_apart``). The idf is the
    documents': a question's form words ("how long", "combien de temps
    dure") are rare there and weigh as much as its topic, which the cover
    cannot tell apart. Nor does it hear the interrogative word ("Qui
    organise la rencontre d'Agadir ?" is 0.94 from "Qui organise la
    rencontre ?", 0.92 from "Où se déroule la rencontre ?"): that is
    ``question_type``'s job.
    """

    rows: list[int]
    vectors: np.ndarray | None
    kinds: list[QuestionType | None]
    terms: list[frozenset[str]]
    langs: list[str] | None = None  # each entry's language; None: the asker's

    def scores(
        self,
        query_vector: np.ndarray,
        kind: QuestionType | None,
        terms: set[str],
        offset: float | None,
        weights: dict[str, float] | None = None,
        cover: float = 0.0,
        across: tuple[str, float, float] | None = None,
    ) -> tuple[dict[int, float], set[int]]:
        """Question-to-FAQ-question similarity by row, and the rows whose question
        asks for another kind of answer (the class says when one counts; an
        entry in another language, ``across``: ``standing_apart``)."""
        if offset is None or self.vectors is None:
            return {}, set()
        sims = self.vectors @ query_vector
        apart = self.standing_apart(sims, kind, across) if across else set()
        scores, other = {}, set()
        asked = _word_families(terms)
        for i, (row, sim, its_kind, its_terms) in enumerate(
            zip(self.rows, sims, self.kinds, self.terms, strict=True)
        ):
            families = _word_families(its_terms)
            if conflict(kind, its_kind):
                other.add(row)
                continue
            shares = asked & families and _held(weights or {}, families) >= cover
            if not shares and i not in apart:
                continue
            same_kind = kind is not None and its_kind == kind
            scores[row] = float(sim) - (0.0 if same_kind else offset)
        return scores, other

    def standing_apart(
        self, sims: np.ndarray, kind: QuestionType | None, across: tuple[str, float, float]
    ) -> set[int]:
        """The entries in another language than the asker's (``across``: that
        language, a margin, a floor) whose question stands ``margin`` above
        every other entry of its language, its similarity to the asker's
        reaching ``floor``.

        Such an entry shares no word with the question. A relayed answer is
        kept in one language and asked for again in another: the same
        question in two languages stands apart from its siblings, a question
        on a neighbouring detail does not, and the floor keeps a lone entry
        on another subject from standing apart for every question. On
        XQuAD's fit half, the first questions of 48 paragraphs kept as
        English entries and asked in Arabic: 0.79 of them pass (0.02 above
        the rest, similarity 0.80 at least), and 1 of the 12 held-out
        paragraphs' first questions does; English asked of Arabic entries:
        0.83, and none of 12 (`bench/heading_margin.py`, BENCHMARKS.md)."""
        asked_in, margin, floor = across
        if not self.langs:
            return set()
        rivals = [not conflict(kind, its_kind) for its_kind in self.kinds]
        apart = _standing(sims, self.langs, asked_in, rivals)
        return {i for i, gap in apart.items() if gap >= margin and sims[i] >= floor}


def _word_families(terms: Iterable[str]) -> set[str]:
    """Stems cut to five letters: one word's family has stems of several
    lengths ("proposition" -> "proposit", "proposent" -> "propos"), and a
    question about one is about the others."""
    return {term[:5] for term in terms}


def _standing(
    sims: np.ndarray, langs: list[str], asked_in: str, rivals: list[bool]
) -> dict[int, float]:
    """For each entry in another language than ``asked_in``, how far its
    similarity stands above the best other question of its language that
    could answer the asker (``rivals``: an entry asking for another kind of
    answer, "Où...?" for "Qui...?", is no rival; the rows of one long entry
    share its question, hence its similarity); none where its language has
    no other such question: nothing to stand apart from."""
    by_lang: dict[str, list[int]] = {}
    for i, lang in enumerate(langs):
        if lang != asked_in and rivals[i]:
            by_lang.setdefault(lang, []).append(i)
    apart = {}
    for group in by_lang.values():
        values = sims[group]
        distinct = np.unique(values)[::-1]
        if len(distinct) < 2:
            continue
        first, second = float(distinct[0]), float(distinct[1])
        for i, value in zip(group, values, strict=True):
            apart[i] = float(value) - (second if value == first else first)
    return apart


def _held(weights: dict[str, float], families: set[str]) -> float:
    """The share of ``weights`` (the asker's words) whose family is in ``families``."""
    total = sum(weights.values())
    if not total:
        return 1.0
    return sum(w for t, w in weights.items() if t[:5] in families) / total
