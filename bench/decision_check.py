"""The check half's numbers under another decision, read from the rows of one
run: no question is asked twice.

    python bench/generalisation.py --half check --limit 0 --pairs ... --rows /tmp/check.jsonl
    python bench/off_topic.py --half check --rows /tmp/off.jsonl
    python bench/decision_check.py --rows /tmp/check.jsonl,/tmp/off.jsonl --model /tmp/d.json

The features a decision reads do not depend on the decision, so a row's
answer under another model is that model's verdict on the row's features,
after the off-topic veto as the run applied it (a row the run's model
would answer, and the run declined, was vetoed). The run's own model is
read first, and its counts must be the run's (``generalisation.summary``
reads the same rows): a mismatch stops the script, since the rows would
then not say what the other model would do. Printed per pool, for the run's
model and each ``--model``: own paragraph among the sources of an answer,
answer text in it, held-out (or off-topic) questions declined, and the
curve (right answers kept at 60 / 70 / 80% of the pool's held-out questions
declined, by the model's probability; its thresholds aside).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from fit_decision import curve  # noqa: E402

from bot.answering.calibration import DecisionModel, bundled  # noqa: E402


def verdicts(rows: list[dict], run: DecisionModel, model: DecisionModel) -> list[bool]:
    """Whether ``model`` answers each row, where the run's ``run`` model was used."""
    out = []
    for row in rows:
        values = row["features"]
        vetoed = values is not None and not row["answered"] and run.answers(values)
        out.append(values is not None and not vetoed and model.answers(values))
    return out


def counts(rows: list[dict], answered: list[bool]) -> tuple[int, int, int]:
    """Own paragraph answered, answer text answered (answerable questions, as
    ``generalisation.summary`` counts them), held-out declined."""
    pairs = list(zip(rows, answered, strict=True))
    own = sum(a and r["label"] for r, a in pairs)
    span = sum(a and r["span_quoted"] for r, a in pairs if r["answerable"])
    held = sum(not a for r, a in pairs if not r["answerable"])
    return own, span, held


def check_run(rows: list[dict], run: DecisionModel) -> None:
    """Stop unless the run's model, read from the rows, gives the run's answers,
    and what a row would quote (``label``, ``span_quoted``) is what the run's
    answer showed (``own_source``, ``span``) wherever it answered."""
    if verdicts(rows, run, run) != [bool(r["answered"]) for r in rows]:
        sys.exit("the rows were not answered by the shipped model: run them again")
    for row in rows:
        if row["answered"] and row["answerable"]:
            if (row["label"], row["span_quoted"]) != (row["own_source"], row["span"]):
                sys.exit(f"a row's answer is not what its evidence quotes: {row['question']!r}")


def line(pool: str, rows: list[dict], model: DecisionModel, run: DecisionModel) -> str:
    answered = verdicts(rows, run, model)
    own, span, held = counts(rows, answered)
    scored = [(r, model.probability(r["features"]) if r["features"] else 0.0) for r in rows]
    kept = curve(scored, (0.6, 0.7, 0.8))
    shown = " / ".join(f"{k:.2f}" for k in kept) if kept else ""
    answerable = sum(r["answerable"] for r in rows)
    negatives = len(rows) - answerable
    spans = span if any(r["has_span"] for r in rows if r["answerable"]) else "—"
    return f"| {pool} | {own}/{answerable} | {spans} | {held}/{negatives} | {shown} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", required=True, help="row files, comma-separated")
    parser.add_argument("--model", action="append", default=[], type=Path)
    args = parser.parse_args()
    rows = [
        json.loads(text)
        for name in args.rows.split(",")
        for text in Path(name).read_text(encoding="utf-8").splitlines()
        if text.strip()
    ]
    run = bundled()
    check_run(rows, run)
    models = {"shipped": run} | {
        str(p): DecisionModel.from_json(p.read_text(encoding="utf-8")) for p in args.model
    }
    pools = list(dict.fromkeys(r["pool"] for r in rows))
    for label, model in models.items():
        print(f"\n{label}: thresholds {model.threshold} / across {model.cross_threshold}\n")
        print("| pool | own paragraph | answer text | declined | curve 60 / 70 / 80% |")
        print("|---|---|---|---|---|")
        for pool in pools:
            print(line(pool, [r for r in rows if r["pool"] == pool], model, run))


if __name__ == "__main__":
    main()
