"""Ingest benchmark on the bundled knowledge base.

    python bench/ingest.py [--source knowledge]

Indexes the folder into a fresh embedded store (chunks/s, the model loaded
beforehand so only indexing is timed), then runs ``python ingest.py`` on the
unchanged folder as a new process, the way a maintainer does, and reports
its wall time (start-up included), median of three runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.knowledge.embeddings import get_embeddings  # noqa: E402
from bot.knowledge.ingest import Ingestor  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT / "knowledge")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(knowledge_dir=args.source.resolve(), data_dir=Path(tmp))
        model = get_embeddings(settings.embedding_model)
        model.embed_documents(["warm-up"])
        started = time.perf_counter()
        report = Ingestor(settings, embeddings=lambda: model).run()
        seconds = time.perf_counter() - started
        print(
            f"first ingest: {len(report.added)} files, {report.chunks} chunks in {seconds:.1f} s "
            f"= {report.chunks / seconds:.1f} chunks/s"
        )

        env = {**os.environ, "KNOWLEDGE_DIR": str(settings.knowledge_dir), "DATA_DIR": tmp}
        walls = []
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, str(ROOT / "ingest.py")],
                env=env,
                check=True,
                capture_output=True,
                cwd=tmp,
            )
            walls.append(time.perf_counter() - started)
        print(
            f"unchanged re-ingest (new process, wall): median {statistics.median(walls):.2f} s "
            f"(runs: {', '.join(f'{w:.2f}' for w in walls)})"
        )


if __name__ == "__main__":
    main()
