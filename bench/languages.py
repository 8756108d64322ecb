"""Language detection benchmark: the project's questions and the data sets'.

    python bench/languages.py [--datasets ../shared/datasets]

Prints, for ``bench/questions.jsonl``, how often ``bot.text.language.detect``
gives each question's labelled language (Arabizi and Darija count as Arabic,
the language of the reply), and how many of the data sets' French (CNIL) and
Arabic (ARCD) questions are taken for Arabizi or for another language.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.text.language import detect, is_arabizi  # noqa: E402

DATASETS = {"cnil-faq.json": "fr", "arcd.json": "ar"}


def dataset_questions(path: Path) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [qa["question"] for a in data["data"] for p in a["paragraphs"] for qa in p["qas"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=ROOT / "bench" / "questions.jsonl")
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    args = parser.parse_args()

    items = [json.loads(line) for line in args.questions.read_text("utf-8").splitlines() if line]
    right: dict[str, list[bool]] = defaultdict(list)
    misses = []
    started = time.perf_counter()
    for item in items:
        group = item.get("dialect") or item["lang"]
        got = detect(item["question"])
        right[group].append(got == item["lang"])
        if got != item["lang"]:
            misses.append((item["id"], got, item["question"]))
    elapsed = time.perf_counter() - started
    print("| group | questions | language detected right |\n|---|---|---|")
    for group, results in right.items():
        print(f"| {group} | {len(results)} | {sum(results) / len(results):.0%} |")
    for miss in misses:
        print("  miss:", *miss)
    print(f"{1000 * elapsed / len(items):.2f} ms per question")

    print("\n| data set | questions | taken for Arabizi | other language detected |")
    print("|---|---|---|---|")
    for name, lang in DATASETS.items():
        path = args.datasets / name
        if not path.is_file():
            print(f"| {name} | missing | | |")
            continue
        questions = dataset_questions(path)
        arabizi = sum(is_arabizi(q) for q in questions)
        wrong = Counter(got for q in questions if (got := detect(q)) != lang)
        print(f"| {name} ({lang}) | {len(questions)} | {arabizi} | {dict(wrong) or 0} |")


if __name__ == "__main__":
    main()
