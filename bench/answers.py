"""Answer benchmark on the project's own question set (bench/questions.jsonl).

    python bench/answers.py [--show] [--dump FILE] [--set section.field=value] [--only fr]

Indexes ``knowledge/`` into a fresh embedded store, then asks every question
through ``Services.ask`` (the code path of ``python -m bot ask``) and prints:
the share of answerable questions whose answer contains every expected fact,
by language; precision and recall of the decision to decline; median and p95
latency per question after warm-up; and the facts and declines of the odd
lines alone (bench/fit_decision.py fits on the even ones).

``--only fr`` indexes the French version of every document alone (and the
files of no language, the agenda): the knowledge in one language, as an
organiser's uploads are, asked in all four. An answer from a document in
another language quotes it, so the facts of a question in another language
(its own words) are rarely found; the share answered, and the declines,
say how the decision fares across languages on the event's own topics.

``--distractors`` adds every paragraph of the public data sets (read from
``../shared/datasets/``, never copied into the project) as uploads in plain
text, one file per article: ten times the bundled knowledge, on other
subjects (Wikipedia's, the CNIL's), in Arabic, English and French. What the
assistant does once organisers have uploaded far more than it ships with.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_tuning import tuned  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.services import Services  # noqa: E402
from bot.text.normalise import normalise  # noqa: E402


def load_questions(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


LANGUAGE_SUFFIX = re.compile(r"\.(ar|fr|en)\.[^.]+$")


def one_language(knowledge: Path, lang: str, into: Path) -> Path:
    """A copy of ``knowledge`` holding only its ``lang`` documents and the files of no language."""
    for path in sorted(knowledge.rglob("*")):
        found = LANGUAGE_SUFFIX.search(path.name)
        if path.is_file() and (found is None or found.group(1) == lang):
            target = into / path.relative_to(knowledge)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    return into


DATASETS = ROOT.parent / "shared" / "datasets"
DISTRACTORS = {
    "arcd": "arcd.json",
    "cnil": "cnil-faq.json",
    "xquad-ar": "xquad-dev/xquad.ar.json",
    "xquad-en": "xquad-dev/xquad.en.json",
}


def article_paragraphs(file: str) -> list[list[str]]:
    """Each article's paragraphs in a data set of ``DATASETS`` (SQuAD's form),
    a paragraph the set repeats only the first time."""
    data = json.loads((DATASETS / file).read_text(encoding="utf-8"))["data"]
    seen: set[str] = set()
    articles = []
    for article in data:
        paragraphs = dict.fromkeys(p["context"].strip() for p in article["paragraphs"])
        fresh = [p for p in paragraphs if p and p not in seen]
        seen.update(fresh)
        articles.append(fresh)
    return articles


def with_distractors(knowledge: Path, into: Path) -> Path:
    """A copy of ``knowledge`` (unless it is ``into``) plus every data-set
    paragraph under ``uploads/``, each article one ``.txt`` file."""
    if knowledge != into:
        shutil.copytree(knowledge, into, dirs_exist_ok=True)
    for name, file in DISTRACTORS.items():
        folder = into / "uploads" / name
        folder.mkdir(parents=True, exist_ok=True)
        for number, paragraphs in enumerate(article_paragraphs(file)):
            if paragraphs:
                text = "\n\n".join(paragraphs) + "\n"
                (folder / f"{name}-{number:03d}.txt").write_text(text, encoding="utf-8")
    return into


def has_fact(answer: str, fact: str) -> bool:
    """One expected fact, with alternatives "6 000 | 6000 | ٦٠٠٠", found in the answer."""
    text = normalise(answer).replace("\u202f", " ").replace("\u00a0", " ")
    return any(normalise(alt.strip()) in text for alt in fact.split("|"))


def decision(declined_when: list[tuple[bool, bool]]) -> str:
    """Precision and recall of declining, from (answerable, declined) pairs."""
    true_declines = sum(1 for a, d in declined_when if d and not a)
    declines = sum(1 for _, d in declined_when if d)
    unanswerable = sum(1 for a, _ in declined_when if not a)
    precision = true_declines / declines if declines else 1.0
    recall = true_declines / unanswerable if unanswerable else 1.0
    return (
        f"precision {precision:.2f} ({true_declines}/{declines}), "
        f"recall {recall:.2f} ({true_declines}/{unanswerable})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=ROOT / "bench" / "questions.jsonl")
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge")
    parser.add_argument("--show", action="store_true", help="print every wrong answer")
    parser.add_argument(
        "--dump",
        type=Path,
        help="write every answer as `ask --json` prints it, one per line: diff two runs "
        "to show that a change kept every answer",
    )
    parser.add_argument(
        "--set", action="append", default=[], help="a tuning value, e.g. decision.off_topic=0"
    )
    parser.add_argument("--only", choices=("ar", "fr", "en"), help="the documents of one language")
    parser.add_argument(
        "--distractors", action="store_true", help="every data-set paragraph uploaded too"
    )
    args = parser.parse_args()
    questions = load_questions(args.questions)

    with tempfile.TemporaryDirectory() as tmp:
        knowledge = args.knowledge.resolve()
        if args.only:
            knowledge = one_language(knowledge, args.only, Path(tmp) / "knowledge")
        if args.distractors:
            knowledge = with_distractors(knowledge, Path(tmp) / "knowledge")
        settings = Settings(knowledge_dir=knowledge, data_dir=Path(tmp) / "data")
        services = Services(settings, tuning=tuned(args.set))
        report = services.ingest()
        print(f"knowledge: {report.summary()}")
        services.warm_up()
        for question in ("Bonjour", "مرحبا", "Hello"):  # the model and the caches, not the answers
            services.ask(question)

        right: dict[str, list[bool]] = defaultdict(list)
        answered: dict[str, list[bool]] = defaultdict(list)
        declined_when: list[tuple[bool, bool]] = []  # (answerable, declined)
        declined_arabizi: list[tuple[bool, bool]] = []
        latencies: list[float] = []
        dumped = []
        # bench/fit_decision.py fits on the even lines: the odd ones are unseen.
        unseen: list[tuple[bool, bool]] = []  # (answerable, right) on odd lines
        for number, item in enumerate(questions):
            started = time.perf_counter()
            answer = services.ask(item["question"])
            latencies.append(time.perf_counter() - started)
            dumped.append(json.dumps(answer.to_dict(item["question"]), ensure_ascii=False))
            declined = not answer.confident
            group = item.get("dialect") or item["lang"]
            # Arabizi is the stretch goal: its decisions are counted apart.
            (declined_arabizi if group == "arabizi" else declined_when).append(
                (item["answerable"], declined)
            )
            if item["answerable"]:
                ok = not declined and all(has_fact(answer.answer, f) for f in item["facts"])
                if number % 2 and group != "arabizi":
                    unseen.append((True, ok))
                right[group].append(ok)
                answered[group].append(not declined)
                if not ok and args.show:
                    print(
                        f"\n✗ {item['id']} {item['question']}\n  expected {item['facts']}\n"
                        f"  got: {answer.answer!r}"
                    )
            elif number % 2 and group != "arabizi":
                unseen.append((False, declined))
            if not item["answerable"] and not declined and args.show:
                print(
                    f"\n✗ {item['id']} answered an unanswerable question: {answer.answer[:120]!r}"
                )

    if args.dump:
        args.dump.write_text("\n".join(dumped) + "\n", encoding="utf-8")
    print("\n| group | answerable questions | answered | answer contains the facts |")
    print("|---|---|---|---|")
    for group in ("ar", "darija", "fr", "en"):
        results = right.get(group, [])
        if results:
            said = sum(answered[group])
            print(f"| {group} | {len(results)} | {said} | {sum(results) / len(results):.0%} |")
    total = [ok for g, results in right.items() if g != "arabizi" for ok in results]
    said = sum(sum(a) for g, a in answered.items() if g != "arabizi")
    print(f"| all but Arabizi | {len(total)} | {said} | {sum(total) / len(total):.0%} |")
    if right.get("arabizi"):
        results, said = right["arabizi"], sum(answered["arabizi"])
        print(
            f"| Arabizi (stretch) | {len(results)} | {said} | {sum(results) / len(results):.0%} |"
        )

    facts = [ok for answerable, ok in unseen if answerable]
    declines = [ok for answerable, ok in unseen if not answerable]
    print(
        f"\nodd lines only (never fitted on): facts {sum(facts)}/{len(facts)}, "
        f"declines {sum(declines)}/{len(declines)}"
    )
    print(f"\ndecline: {decision(declined_when)}")
    if declined_arabizi:
        print(f"decline, Arabizi: {decision(declined_arabizi)}")
    latencies.sort()
    print(
        f"latency per question: median {1000 * statistics.median(latencies):.0f} ms, "
        f"p95 {1000 * latencies[int(0.95 * (len(latencies) - 1))]:.0f} ms "
        f"({len(latencies)} questions)"
    )


if __name__ == "__main__":
    main()
