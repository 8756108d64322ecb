"""Questions about something the documents never mention, asked of a corpus in several languages.

    python bench/off_topic.py [--half check|fit] [--pools off-bundled,off-cnil-faq,...]

bench/generalisation.py's unanswerable questions are held-out paragraphs of
an article whose other paragraphs are indexed: on the documents' topic. A
delegate also asks what no document is about ("Qui a gagné la coupe
d'Afrique ?"), and in a corpus of several languages the closest passage is
then often in another language, where the off-topic veto (which reads only
words of the question's language) says nothing. These pools ask one
data set's questions of another's documents, every question one to decline:

    off-bundled  the bundled knowledge (ar/fr/en), asked XQuAD (ar, en), ARCD and CNIL questions
    off-xquad    XQuAD paragraphs, half in English and half in Arabic, asked CNIL,
                 ARCD and the bundled set's questions
    off-cnil     the CNIL FAQ (French), asked XQuAD (ar, en), ARCD and the bundled set's questions
    off-cnil-faq the same, each CNIL answer written as an FAQ entry under its question, as
                 relayed answers are kept: a French FAQ asked about other things, mostly in
                 other languages, where an entry's question is compared with the asker's
    off-xquad-crossed  off-xquad's paragraphs as answers relayed for a question in the other
                 language (the sentence holding the first question's answer, under that
                 question in Arabic for an English paragraph, in English for an Arabic one,
                 as ``relayed.faq_entry`` writes it), asked the same questions

Halves as everywhere: the fit half takes even article numbers (even lines of
bench/questions.jsonl) for both the documents and the questions, the check
half odd ones. ARCD's article on Morocco is not asked of the bundled
knowledge, which is about a meeting in Morocco. ``bench/fit_decision.py``
collects the fit half's rows with the other pools'.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_tuning import tuned  # noqa: E402
from generalisation import Pool, articles, run_pool, sentence_at, summary, xquad  # noqa: E402

POOLS = ("off-bundled", "off-xquad", "off-cnil", "off-cnil-faq", "off-xquad-crossed")
PREFIX = "off topic: "  # every pool's name starts so (bench/fit_decision.py reads it)
PER_SOURCE = 60  # questions from each data set, evenly spread over its half
COVERED = {"off-bundled": {"المغرب"}}  # ARCD titles the pool's documents are about


def _spread(items: list, limit: int) -> list:
    if len(items) <= limit:
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def _dataset_questions(articles_: list[dict], half: int, skip: set[str] = frozenset()) -> list[str]:
    return [
        qa["question"]
        for number, article in enumerate(articles_)
        if number % 2 == half and article.get("title") not in skip
        for paragraph in article["paragraphs"]
        for qa in paragraph["qas"]
    ]


def _bundled_questions(half: int) -> list[str]:
    """The project's answerable questions (about the meeting), Arabizi aside."""
    lines = (ROOT / "bench" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines if line.strip()]
    return [
        item["question"]
        for number, item in enumerate(items)
        if number % 2 == half and item["answerable"] and item.get("dialect") != "arabizi"
    ]


def questions(datasets: Path, source: str, half: int, pool: str) -> list[str]:
    if source == "bundled":
        return _bundled_questions(half)
    if source.startswith("xquad-"):
        found = _dataset_questions(xquad(datasets)[source.split("-")[1]], half)
    else:
        skip = COVERED.get(pool, set()) if source == "arcd" else set()
        files = {"arcd": "arcd.json", "cnil": "cnil-faq.json"}
        found = _dataset_questions(articles(datasets / files[source]), half, skip)
    return _spread(found, PER_SOURCE)


def _ask(pool: Pool, datasets: Path, sources: tuple[str, ...], half: int, name: str) -> Pool:
    for source in sources:
        for i, question in enumerate(questions(datasets, source, half, name)):
            key = f"off-{source}-{i}"
            pool.held_out.add(key)
            pool.questions.append((question, key, None))
    return pool


def off_topic_pool(datasets: Path, name: str, half: int) -> Pool:
    pool = Pool(PREFIX + name.removeprefix("off-"))
    if name == "off-bundled":
        pool.tree = ROOT / "knowledge"
        return _ask(pool, datasets, ("xquad-ar", "xquad-en", "arcd", "cnil"), half, name)
    if name in ("off-xquad", "off-xquad-crossed"):
        by_lang = xquad(datasets)
        for number in range(len(by_lang["en"])):
            if number % 2 != half:
                continue
            lang = ("en", "ar")[(number // 2) % 2]  # alternate articles in each language
            other = "ar" if lang == "en" else "en"
            for i, paragraph in enumerate(by_lang[lang][number]["paragraphs"]):
                key = f"x{number:03d}-{i}"
                pool.paragraphs[key] = paragraph["context"]
                if name == "off-xquad-crossed":
                    pool.paragraphs[key] = sentence_at(paragraph["context"], paragraph["qas"][0])
                    asked = by_lang[other][number]["paragraphs"][i]["qas"][0]["question"]
                    pool.relayed[key] = (asked, other)
        return _ask(pool, datasets, ("cnil", "arcd", "bundled"), half, "off-xquad")
    if name in ("off-cnil", "off-cnil-faq"):
        for number, article in enumerate(articles(datasets / "cnil-faq.json")):
            if number % 2 == half:
                for i, paragraph in enumerate(article["paragraphs"]):
                    key = f"cnil{number:03d}-{i}"
                    pool.paragraphs[key] = paragraph["context"]
                    if name == "off-cnil-faq":
                        pool.headings[key] = paragraph["qas"][0]["question"]
        return _ask(pool, datasets, ("xquad-en", "xquad-ar", "arcd", "bundled"), half, "off-cnil")
    raise ValueError(f"unknown off-topic pool {name!r}; known: {', '.join(POOLS)}")


def declined_by_source(rows: list[dict]) -> str:
    """Per data set asked: declined / asked."""
    counts: dict[str, list[int]] = {}
    for row in rows:
        source = row["key"].rsplit("-", 1)[0].removeprefix("off-")
        counts.setdefault(source, [0, 0])
        counts[source][0] += not row["answered"]
        counts[source][1] += 1
    return ", ".join(f"{s} {d}/{n}" for s, (d, n) in counts.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--half", choices=("check", "fit"), default="check")
    parser.add_argument("--pools", default=",".join(POOLS))
    parser.add_argument("--rows", type=Path, help="write every question's row here (JSON lines)")
    parser.add_argument(
        "--set", action="append", default=[], help="a tuning value, e.g. search.top_k=8"
    )
    args = parser.parse_args()
    half = 1 if args.half == "check" else 0
    results = {}
    for name in args.pools.split(","):
        pool = off_topic_pool(args.datasets, name, half)
        print(f"{pool.name}: {len(pool.paragraphs)} paragraphs, {len(pool.questions)} questions")
        with tempfile.TemporaryDirectory() as tmp:
            results[pool.name] = run_pool(pool, 0, Path(tmp), tuned(args.set))
    if args.rows:
        lines = [json.dumps(r) for rows in results.values() for r in rows]
        args.rows.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\n{args.half} half: every question is one to decline\n")
    print("| pool | declined | latency median / p95 | declined, per data set asked |")
    print("|---|---|---|---|")
    for name, rows in results.items():
        cells = summary(name, rows).split(" | ")
        print(f"| {name} | {cells[3]} | {cells[4]} | {declined_by_source(rows)} |")


if __name__ == "__main__":
    main()
