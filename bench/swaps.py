"""Memory of the answering process across rebuilds swapped in by another one.

    python bench/swaps.py [--swaps 5] [--server]

The bundled knowledge indexed, questions asked, then ``--swaps`` times
``python ingest.py --rebuild`` in a process of its own (as a maintainer runs
it) and the same questions again, the answering process following each swap.
Prints its resident size after each swap: the soak (bench/soak.py) sees a
step at the swap under load, and this tells a one-time step from growth at
every swap. ``--server``: against a `chroma run` server on 127.0.0.1, as the
soak; else the embedded store.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from processes import rebuild_elsewhere, rss_mb  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.services import Services  # noqa: E402
from tests.conftest import start_chroma, stop_chroma  # noqa: E402

QUESTIONS = (
    "Combien de jours dure la rencontre ?",
    "ما هي الدول المشاركة؟",
    "Who organises the meeting?",
)


def run(swaps: int, tmp: Path, port: int | None) -> None:
    knowledge = tmp / "knowledge"
    shutil.copytree(ROOT / "knowledge", knowledge)
    env = os.environ | {"KNOWLEDGE_DIR": str(knowledge), "DATA_DIR": str(tmp / "data")}
    settings = Settings(knowledge_dir=knowledge, data_dir=tmp / "data")
    if port is not None:
        env |= {"CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(port)}
        settings = settings.updated(chroma_host="127.0.0.1", chroma_port=port)
    services = Services(settings)
    services.ingest()
    services.warm_up()
    for question in QUESTIONS * 3:
        services.ask(question)
    sizes = [round(rss_mb())]
    print(f"before any swap: {sizes[0]} MB", flush=True)
    for n in range(1, swaps + 1):
        done = rebuild_elsewhere(env)
        answered = sum(services.ask(q).confident for q in QUESTIONS * 3)
        sizes.append(round(rss_mb()))
        print(f"after swap {n} (exit {done.returncode}, {answered}/9 answered): {sizes[-1]} MB")
    print(f"change over {swaps} swaps: {sizes[-1] - sizes[0]:+d} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--swaps", type=int, default=5)
    parser.add_argument("--server", action="store_true", help="against a `chroma run` server")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if not args.server:
            run(args.swaps, Path(tmp), None)
            return
        server, port = start_chroma(Path(tmp) / "chroma")
        try:
            run(args.swaps, Path(tmp), port)
        finally:
            stop_chroma(server)


if __name__ == "__main__":
    main()
