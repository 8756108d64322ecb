"""Check the weights that choose the extractive answer's sentences against ones fitted on spans.

    python bench/fit_sentences.py [--rows FILE] [--reuse]

``compose.unit_scores`` ranks a passage's sentences by the model's
similarity plus weighted terms (the question's words a sentence holds, its
passage's gap to the lead, what the question asks for, an FAQ question of
another kind). This fits those weights, and then the margin within which
sentences join the best one, on the *fit* halves (even article numbers) of
the pools of bench/generalisation.py that have answer spans: a sentence is
right when it holds the answer text. The check halves stay unseen, for
bench/generalisation.py to report.

The weights: a conditional logit over each question's candidate sentences
(the right one's share of the softmax), five folds by article to compare
them with the shipped ones; the margin and the length cap: the grid values
whose chosen sentences hold the span most often, answers capped as shipped
(three sentences, ``max_chars``), with the answers' length for the cap (a
longer answer holds the span more often and costs the delegate more
reading: the cap is chosen on both). It prints them, and the fitted values as
a ``CompositionTuning``; it writes nothing. On 2026-11-30 the shipped
weights won (BENCHMARKS.md, "The sentence weights checked on answer spans").
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generalisation import contains, indexed, key_of, pools  # noqa: E402

from bot.answering.compose import (  # noqa: E402
    choose,
    quotable,
    readable_units,
    shown_whole,
    unit_terms,
)
from bot.answering.decide import order  # noqa: E402
from bot.answering.query import understand  # noqa: E402
from bot.core.tuning import DEFAULT, CompositionTuning  # noqa: E402
from bot.services import Services  # noqa: E402

PAIRS = ("ar-ar", "en-en", "ar-en", "en-ar", "ar-en-mixed", "arcd")
TERMS = ("similarity", "overlap", "passage gap", "asked for", "other kind")
MARGINS = (0.02, 0.04, 0.06, 0.08, 0.10, 0.12, 0.15)
LENGTHS = (450, 550, 650, 800)  # an answer's characters at most (``max_chars``)


def question_row(pool: str, key: str, question: str, span: str, services: Services) -> dict | None:
    """One question's candidate sentences: terms, text and whether each holds the span."""
    retrieval = services.retriever(understand(question))
    hits = order(retrieval)
    if not hits:
        return None
    units = []
    for rank, hit, usable in readable_units(hits, services.tuning.composition):
        if rank == 0 and shown_whole(hit, usable, retrieval, services.tuning.composition):
            return None  # an FAQ entry shown whole: no sentence is chosen
        usable = quotable(usable)
        for (i, text), terms in zip(
            usable, unit_terms(retrieval, hit, usable, hits[0]), strict=True
        ):
            own = key_of(hit.chunk.source) == key
            units.append({"rank": rank, "i": i, "text": text, "terms": terms, "own": own})
    for unit in units:
        unit["right"] = contains(unit["text"], span)
    return {
        "pool": pool,
        "article": key.split("-")[0],
        "question": question,
        "lang": hits[0].chunk.lang,
        "units": units,
    }


def collect(datasets: Path, workdir: Path, half: int = 0) -> list[dict]:
    """Every answerable, indexed question's row (``half`` 0: fit, 1: check)."""
    rows = []
    for number, pool in enumerate(pools(datasets, list(PAIRS), half=half)):
        print(f"{pool.name}:", flush=True)
        services = indexed(pool, workdir / f"pool{number}")
        for question, key, span in pool.questions:
            if span is not None and key not in pool.held_out:
                row = question_row(pool.name, key, question, span, services)
                if row and row["units"]:
                    rows.append(row)
    return rows


def fit_weights(rows: list[dict], l2: float = 0.01) -> np.ndarray:
    """The conditional logit's weights: each question's softmax over its
    sentences, the mass on the right ones maximised (questions with none
    right, or all, teach nothing)."""
    from scipy.optimize import minimize

    groups = []
    for row in rows:
        right = np.array([u["right"] for u in row["units"]])
        if right.any() and not right.all():
            groups.append((np.array([u["terms"] for u in row["units"]]), right))

    def loss(w: np.ndarray) -> float:
        total = 0.0
        for x, right in groups:
            s = x @ w
            top = s.max()
            total -= np.log(np.exp(s[right] - top).sum()) - np.log(np.exp(s - top).sum())
        return total / len(groups) + l2 * float(w[1:] @ w[1:])

    return minimize(loss, np.array([10.0, 0.5, 5.0, 0.3, 0.3]), method="L-BFGS-B").x


def as_tuning(w: np.ndarray, margin: float) -> CompositionTuning:
    """The weights on the similarity's scale, as ``unit_scores`` adds them."""
    sim = w[0]
    return replace(
        DEFAULT.composition,
        overlap_weight=round(float(w[1] / sim), 4),
        passage_weight=round(float(w[2] / sim), 4),
        answer_type_bonus=round(float(w[3] / sim), 4),
        type_penalty=round(float(-w[4] / sim), 4),
        sentence_margin=margin,
    )


def scored(row: dict, tuning: CompositionTuning) -> np.ndarray:
    """Each of the row's units scored as ``compose.unit_scores`` weighs its terms."""
    weights = np.array(
        [
            1.0,
            tuning.overlap_weight,
            tuning.passage_weight,
            tuning.answer_type_bonus,
            -tuning.type_penalty,
        ]
    )
    return np.array([u["terms"] for u in row["units"]]) @ weights


def chosen_units(row: dict, tuning: CompositionTuning) -> list[dict]:
    """The row's units that ``compose.choose`` shows under ``tuning``."""
    units = row["units"]
    candidates = [
        (float(s), u["rank"], u["i"], u["text"])
        for s, u in zip(scored(row, tuning), units, strict=True)
    ]
    chosen, _ = choose(candidates, tuning, row["lang"])
    picked = {(rank, i) for rank, i, _ in chosen}
    return [u for u in units if (u["rank"], u["i"]) in picked]


def held(rows: list[dict], tuning: CompositionTuning, first: bool = False) -> list[bool]:
    """Per question, whether the sentences chosen under ``tuning`` hold the
    span (``first``: whether the best-scored one does, what the logit fits)."""
    out = []
    for row in rows:
        if first:
            out.append(bool(row["units"][int(np.argmax(scored(row, tuning)))]["right"]))
        else:
            out.append(any(u["right"] for u in chosen_units(row, tuning)))
    return out


def by_pool(rows: list[dict], hits: list[bool]) -> str:
    names = dict.fromkeys(r["pool"] for r in rows)
    parts = []
    for name in names:
        mine = [h for r, h in zip(rows, hits, strict=True) if r["pool"] == name]
        parts.append(f"{sum(mine)}/{len(mine)}")
    return f"{sum(hits)}/{len(hits)} ({sum(hits) / len(hits):.3f}): " + " ".join(parts)


def cross_validated(
    rows: list[dict], margin: float, folds: int = 5, first: bool = False
) -> list[bool]:
    """Each question judged under weights fitted on the other folds' articles."""
    articles = sorted({(r["pool"], r["article"]) for r in rows})
    fold_of = {a: n % folds for n, a in enumerate(articles)}
    out: dict[int, bool] = {}
    for fold in range(folds):
        train = [r for r in rows if fold_of[(r["pool"], r["article"])] != fold]
        test = [n for n, r in enumerate(rows) if fold_of[(r["pool"], r["article"])] == fold]
        tuning = as_tuning(fit_weights(train), margin)
        for n, h in zip(test, held([rows[n] for n in test], tuning, first), strict=True):
            out[n] = h
    return [out[n] for n in range(len(rows))]


def by_length(answerable: list[dict], shipped: CompositionTuning) -> None:
    """The span held against the answer's length cap, and what the answers
    then cost a phone screen: the length a delegate reads."""
    for chars in LENGTHS:
        tuning = replace(shipped, max_chars=chars)
        shown = [sum(len(u["text"]) for u in chosen_units(r, tuning)) for r in answerable]
        now = by_pool(answerable, held(answerable, tuning))
        print(
            f"  shipped weights, at most {chars} characters: {now}; {np.mean(shown):.0f}"
            f" characters on average, {np.percentile(shown, 90):.0f} at the 90th percentile"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument(
        "--rows", type=Path, default=Path(tempfile.gettempdir()) / "sentence-rows.jsonl"
    )
    parser.add_argument("--reuse", action="store_true", help="fit on --rows as they are")
    args = parser.parse_args()
    if args.reuse:
        rows = [json.loads(line) for line in args.rows.read_text(encoding="utf-8").splitlines()]
    else:
        with tempfile.TemporaryDirectory() as tmp:
            rows = collect(args.datasets, Path(tmp))
        args.rows.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    answerable = [r for r in rows if any(u["right"] for u in r["units"])]
    print(f"\n{len(rows)} questions, {len(answerable)} with the span in a candidate sentence")
    print("pools: " + "; ".join(dict.fromkeys(r["pool"] for r in answerable)))
    shipped = DEFAULT.composition
    print("span held by the chosen sentences (fit half; all, then per pool):")
    for margin in MARGINS:
        now = held(answerable, replace(shipped, sentence_margin=margin))
        print(f"  shipped weights, margin {margin:.2f}: {by_pool(answerable, now)}")
    by_length(answerable, shipped)
    for margin in MARGINS:
        cv = cross_validated(answerable, margin)
        print(f"  fitted weights (5 folds), margin {margin:.2f}: {by_pool(answerable, cv)}")
    first = by_pool(answerable, held(answerable, shipped, first=True))
    print(f"  the best-scored sentence alone, shipped weights: {first}")
    first = by_pool(answerable, cross_validated(answerable, 0.08, first=True))
    print(f"  the best-scored sentence alone, fitted weights (5 folds): {first}")
    w = fit_weights(answerable)
    named = ", ".join(f"{n} {v:+.3f}" for n, v in zip(TERMS, w, strict=True))
    print(f"\nfitted on every fit-half question: {named}")
    for margin in MARGINS:
        tuning = as_tuning(w, margin)
        in_sample = by_pool(answerable, held(answerable, tuning))
        print(f"  margin {margin:.2f}: {tuning}\n    in sample {in_sample}")


if __name__ == "__main__":
    main()
