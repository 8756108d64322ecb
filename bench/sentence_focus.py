"""How many of the answer's sentences come from the passage that answers:
the span kept against the sentences of other passages shown beside it.

    python bench/sentence_focus.py [--half fit|check] [--rows FILE] [--reuse]

The extractive answer joins the sentences within ``sentence_margin`` of the
best one, from any of the best passages. That margin was fitted on the
answer span alone, which a longer answer never loses; a delegate reads the
answer on a phone, where a sentence of another passage (another FAQ entry,
another document) is noise. ``other_passage_margin`` lets the sentences of
a passage other than the best sentence's join only within a narrower margin.

For each value, on the data sets' answerable questions (the pools of
bench/fit_sentences.py, rows collected the same way), this prints: the
questions whose chosen sentences hold the answer span, the mean number of
chosen sentences from a paragraph other than the question's own, and the
mean length of the chosen text. Choose on ``--half fit``; report ``--half
check`` once, after choosing.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from fit_sentences import chosen_units, collect  # noqa: E402

from bot.core.tuning import DEFAULT, CompositionTuning  # noqa: E402

OTHER_MARGINS = (0.08, 0.06, 0.04, 0.03, 0.02, 0.01, 0.0)


def summary(rows: list[dict], tuning: CompositionTuning) -> tuple[int, float, float]:
    """Span held, mean sentences from another paragraph, mean characters."""
    held, others, chars = 0, 0, 0
    for row in rows:
        units = chosen_units(row, tuning)
        held += any(u["right"] for u in units)
        others += sum(not u["own"] for u in units)
        chars += sum(len(u["text"]) for u in units)
    return held, others / len(rows), chars / len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--half", choices=("fit", "check"), default="fit")
    parser.add_argument("--rows", type=Path, help="where the rows go (default: a temp file)")
    parser.add_argument("--reuse", action="store_true", help="read --rows as they are")
    args = parser.parse_args()
    rows_file = args.rows or Path(tempfile.gettempdir()) / f"focus-rows-{args.half}.jsonl"
    if args.reuse:
        text = rows_file.read_text(encoding="utf-8")
        rows = [json.loads(line) for line in text.splitlines()]
    else:
        with tempfile.TemporaryDirectory() as tmp:
            rows = collect(args.datasets, Path(tmp), half=0 if args.half == "fit" else 1)
        rows_file.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    # Questions whose own paragraph gave a candidate sentence: the others have
    # no right passage to stay with.
    rows = [r for r in rows if any(u["own"] for u in r["units"])]
    pools = list(dict.fromkeys(r["pool"] for r in rows))
    shipped = DEFAULT.composition
    print(f"\n{args.half} half: {len(rows)} questions with their own paragraph among the passages")
    print("| other-passage margin | pool | span held | other paragraphs' sentences | characters |")
    print("|---|---|---|---|---|")
    for margin in OTHER_MARGINS:
        tuning = replace(shipped, other_passage_margin=margin)
        for pool in [None, *pools]:
            mine = [r for r in rows if pool is None or r["pool"] == pool]
            held, others, chars = summary(mine, tuning)
            name = pool or "all"
            print(
                f"| {margin:.2f} | {name} | {held}/{len(mine)} ({held / len(mine):.3f}) "
                f"| {others:.2f} | {chars:.0f} |"
            )


if __name__ == "__main__":
    main()
