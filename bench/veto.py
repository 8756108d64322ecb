"""What the off-topic veto (``decide.off_topic``) costs and wins on the fit
halves, beside the model's own verdict.

    python bench/veto.py [--pairs ar-ar,en-en,arcd,cnil,ar-ar-small]

For each question of the fit halves: the calibrated model's probability and
whether the veto fires. Per pool it prints the right answers the model would
give (probability over its threshold, own paragraph cited) that the veto
stops, and the held-out questions over the threshold that only the veto
declines. The fourth session of 2026-11-30 read this, with the veto as it
was then (an unknown noun alone declined), to narrow it (BENCHMARKS.md,
"The veto, how it was chosen").
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generalisation import indexed, key_of, pools, sample  # noqa: E402

from bot.answering.calibration import features  # noqa: E402
from bot.answering.compose import gather  # noqa: E402
from bot.answering.decide import off_topic, order  # noqa: E402
from bot.answering.query import understand  # noqa: E402
from bot.core.tuning import DEFAULT  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--pairs", default="ar-ar,en-en,arcd,cnil,ar-ar-small")
    args = parser.parse_args()
    tuning = DEFAULT.decision
    counts: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for number, pool in enumerate(pools(args.datasets, args.pairs.split(","), half=0)):
            services = indexed(pool, Path(tmp) / f"pool{number}")
            model = services.assistant.decision
            mine = counts.setdefault(pool.name, [0, 0, 0, 0])
            for question, key, _ in sample(pool, 0):
                retrieval = services.retriever(understand(question))
                evidence = gather(order(retrieval), retrieval, DEFAULT.composition)
                if evidence is None:
                    continue
                values = features(evidence, retrieval, translations=tuning.judge_translations)
                vetoed = off_topic(evidence, retrieval, tuning)
                passes = model.answers(values)
                own = any(key_of(h.chunk.source) == key for h in evidence.hits)
                answerable = key not in pool.held_out
                mine[0] += vetoed
                mine[1] += vetoed and passes and answerable and own
                mine[2] += vetoed and passes and not answerable
                mine[3] += 1
    for name, (vetoed, lost, won, asked) in counts.items():
        print(
            f"{name}: the veto fires on {vetoed} of {asked} questions; right answers it stops "
            f"{lost}, held-out questions only it declines {won}"
        )


if __name__ == "__main__":
    main()
