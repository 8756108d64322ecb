"""Which pools the decision is fitted on, and where its thresholds fall. Fit half only.

    python bench/fit_decision.py --rows /tmp/fit-rows.jsonl --out /tmp/decision.json \\
        --pairs ar-ar,en-en,ar-en,en-ar,ar-en-mixed,arcd,cnil,ar-two,en-two,ar-split,\\
en-split,off-bundled,off-xquad,off-cnil
    python bench/decision_pools.py --rows /tmp/fit-rows.jsonl

The shipped decision was fitted on pools of one language and the mixed
pool; the pools of one topic in two languages (``-two``, ``-split``) and
the FAQ pools (``-faq``, ``-relayed``, ``-brief``, ``off-cnil-faq``) are the
mission's common case and were measured only. This prints, per pool of the
rows' fit halves, the right answers kept and the held-out questions declined
for: the shipped model as it is; a refit on the shipped pools alone; a refit
with the others too. A refit's probabilities are out-of-fold
(``fit_decision.cross_validated``) on the pools it is fitted on and its whole
model's elsewhere, and its thresholds are ``fit_decision.threshold_for`` on
them, so neither refit is judged on questions it has seen (the shipped
model has seen its own pools' rows, as the code of its day computed them).
Each line ends with the curve (right answers kept at 60% / 70% of the
pool's held-out questions declined): a refit that only moves the
thresholds leaves it where it was.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from fit_decision import (  # noqa: E402
    answered_elsewhere,
    cross_validated,
    curve,
    fit,
    said,
    threshold_for,
)
from generalisation import FAQ_KINDS, FITTED  # noqa: E402
from off_topic import PREFIX as OFF_TOPIC_PREFIX  # noqa: E402

from bot.answering.calibration import FEATURES, bundled  # noqa: E402

# The pools the shipped fit leaves out, by their names' endings: one topic in two
# languages, the FAQ pools (entries, relayed and brief) and the off-topic FAQ.
EXTRA = ("two articles", "one article split", *FAQ_KINDS.values(), "cnil-faq")


def report(label: str, rows: list[dict], p: np.ndarray, same: float, cross: float) -> None:
    """Per pool: right answers kept, held-out declined, the curve; then the totals."""
    print(f"\n{label}: thresholds {same:.3f} / across {cross:.3f}")
    right_all = declined_all = 0
    for pool in dict.fromkeys(r["pool"] for r in rows):
        mine = [(r, q) for r, q in zip(rows, p, strict=True) if r["pool"] == pool]
        answerable = sum(r["answerable"] for r, _ in mine)
        right, held = said(mine, same, cross)
        kept = curve(mine)
        shown = "; curve " + " / ".join(f"{k:.2f}" for k in kept) if kept else ""
        right_all, declined_all = right_all + right, declined_all + sum(held)
        print(
            f"  {pool}: right {right}/{answerable}, held-out declined "
            f"{sum(held)}/{len(held)}{shown}"
        )
    print(f"  in all: right {right_all}, held-out declined {declined_all}")


def refit(label: str, rows: list[dict], fitted: set[str], c: float) -> None:
    """A refit on the ``fitted`` pools' rows, judged out of fold (``report``)."""
    mine = [r for r in rows if r["pool"] in fitted]
    out_of_fold = cross_validated(mine, FEATURES, c)
    model = fit(mine, 0.70, 0.60, c)
    by_row = {id(r): q for r, q in zip(mine, out_of_fold, strict=True)}
    p = np.array([by_row.get(id(r), model.probability(r["features"])) for r in rows])
    same = threshold_for(mine, out_of_fold, 0.70, cross=False)
    cross = threshold_for(mine, out_of_fold, 0.60, cross=True)
    report(label, rows, p, same, cross)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=Path, required=True, help="fit_decision.py's --rows")
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    args = parser.parse_args()
    text = args.rows.read_text(encoding="utf-8")
    rows = answered_elsewhere([json.loads(line) for line in text.splitlines()])
    pools = set(r["pool"] for r in rows)
    extra = {p for p in pools if p.endswith(EXTRA)}
    if not extra:
        sys.exit(f"no pool the shipped fit left out in {args.rows}: collect with --pairs ...")
    print(f"shipped pools: {', '.join(FITTED)} and the off-topic pools ({OFF_TOPIC_PREFIX}...)")
    shipped = bundled()
    probability = np.array([shipped.probability(r["features"]) for r in rows])
    report("shipped model", rows, probability, shipped.threshold, shipped.cross_threshold)
    refit("refit on the shipped pools (out of fold)", rows, pools - extra, args.c)
    refit("refit with the pools it left out too (out of fold)", rows, pools, args.c)


if __name__ == "__main__":
    main()
