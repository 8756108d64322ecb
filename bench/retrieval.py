"""Retrieval benchmark: recall@1/5/10 and MRR@10 for BM25, dense and hybrid.

    python bench/retrieval.py [--datasets ../shared/datasets] [--sweep] [--limit N]

Each data set's paragraphs go into a fresh embedded Chroma collection through
the project's own ``ChunkStore`` and ``HybridSearch`` (the code path of
``python -m bot ask``); each question must find its own paragraph in the full
pool. A cross-lingual check pairs questions written for this benchmark
(``bench/crosslingual.jsonl``) with passages of the seed article (Arabic) and
its fact sheet (English), hidden among the other data set's paragraphs.
Prints a Markdown table; BENCHMARKS.md holds the last run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.answering.search import METHODS, HybridSearch  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.core.types import Chunk  # noqa: E402
from bot.knowledge.embeddings import get_embeddings  # noqa: E402
from bot.knowledge.store import ChunkStore  # noqa: E402


@dataclass
class Task:
    name: str
    lang: str
    passages: list[str]  # unique texts
    questions: list[tuple[str, set[int]]]  # question, indices of passages that answer it


def squad_task(path: Path, name: str, lang: str) -> Task:
    data = json.loads(path.read_text(encoding="utf-8"))
    index: dict[str, int] = {}
    passages: list[str] = []
    questions: list[tuple[str, set[int]]] = []
    for article in data["data"]:
        for paragraph in article["paragraphs"]:
            text = paragraph["context"].strip()
            # Duplicate paragraphs count as one: any copy is a hit.
            row = index.setdefault(text, len(passages))
            if row == len(passages):
                passages.append(text)
            for qa in paragraph["qas"]:
                questions.append((qa["question"].strip(" -\n"), {row}))
    return Task(name, lang, passages, questions)


def seed_passages(seed_dir: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The article's paragraphs (Arabic) and the fact sheet's bullets (English), by key."""
    article = next(p for p in seed_dir.glob("*.txt"))
    paragraphs = [p.strip() for p in article.read_text(encoding="utf-8").split("\n\n")]
    arabic = {f"ar{i}": p for i, p in enumerate(paragraphs) if len(p) > 120}
    facts: dict[str, str] = {}
    current: list[str] = []
    for line in (seed_dir / "FACTS.md").read_text(encoding="utf-8").splitlines() + ["- "]:
        if line.startswith("- ") and current:
            facts[f"en{len(facts)}"] = " ".join(current)
            current = []
        if line.startswith("- "):
            current = [line[2:].strip()]
        elif current and line.strip():
            current.append(line.strip())
    return arabic, {k: v for k, v in facts.items() if v}


def crosslingual_task(seed_dir: Path, target: str, distractors: Task) -> Task:
    """Questions in one language, their passages in another, among distractors.

    The distractors are in the question's language (Arabic article paragraphs
    hide among the French FAQ, English facts among Arabic ARCD): exactly where
    BM25 finds confident-looking wrong matches that the fusion must ignore.
    """
    arabic, english = seed_passages(seed_dir)
    pool = arabic if target == "ar" else english
    keys = list(pool)
    passages = [pool[k] for k in keys]
    questions = []
    for line in (ROOT / "bench" / "crosslingual.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line) if line.strip() else None
        if not item or item["target"] != target:
            continue
        match = item["match"]  # a phrase of the target passage, checked against the seed
        gold = {i for i, k in enumerate(keys) if match in pool[k]}
        if not gold:
            raise SystemExit(f"crosslingual.jsonl: {match!r} is in no {target} passage")
        questions.append((item["question"], gold))
    passages.extend(distractors.passages)
    name = "fr/en -> ar seed + CNIL" if target == "ar" else "ar -> en facts + ARCD"
    return Task(f"cross-lingual {name}", "mixed", passages, questions)


def embed(texts: list[str], model: str, cache: Path | None) -> tuple[list, float | None]:
    """Vectors for ``texts`` and the seconds the model took (None when read from --cache)."""
    key = hashlib.sha256(("\0".join([model, *texts])).encode()).hexdigest()[:16]
    if cache is not None and (cache / f"{key}.npy").exists():
        import numpy as np

        return list(np.load(cache / f"{key}.npy")), None
    embeddings = get_embeddings(model)
    started = time.perf_counter()
    vectors = []
    for start in range(0, len(texts), 16):
        vectors.extend(embeddings.embed_documents(texts[start : start + 16]))
    seconds = time.perf_counter() - started
    if cache is not None:
        import numpy as np

        cache.mkdir(parents=True, exist_ok=True)
        np.save(cache / f"{key}.npy", np.asarray(vectors, dtype=np.float32))
    return vectors, seconds


def build(task: Task, workdir: Path, model: str, cache: Path | None = None):
    settings = Settings(
        data_dir=workdir,
        chroma_collection=f"bench-{hashlib.md5(task.name.encode()).hexdigest()[:8]}",
        embedding_model=model,
    )
    embeddings = get_embeddings(model)
    store = ChunkStore.staging(settings, embeddings.name)  # empty, whatever ran before
    langs = [task.lang] * len(task.passages)
    if task.lang == "mixed":
        from bot.text.language import detect

        langs = [detect(p) for p in task.passages]
    chunks = [
        Chunk(
            id=f"p{i}",
            text=t,
            source=f"{task.name}/{i}",
            title="",
            section="",
            lang=lang,
            kind="",
            position=0,
            doc_hash="bench",
        )
        for i, (t, lang) in enumerate(zip(task.passages, langs, strict=True))
    ]
    vectors, seconds = embed([c.embed_text for c in chunks], model, cache)
    started = time.perf_counter()
    store.add(chunks, vectors)
    store.commit([c.id for c in chunks])
    if seconds is None:
        return HybridSearch(store, embeddings), None
    seconds += time.perf_counter() - started
    return HybridSearch(store, embeddings), len(chunks) / seconds


def evaluate(
    retriever: HybridSearch, task: Task, method: str, latencies: list[float] | None = None
):
    r1 = r5 = r10 = mrr = 0.0
    for question, gold in task.questions:
        started = time.perf_counter()
        hits = retriever.search(question, k=10, method=method)
        if latencies is not None:
            latencies.append(time.perf_counter() - started)
        ranks = [i for i, h in enumerate(hits) if int(h.chunk.id[1:]) in gold]
        rank = ranks[0] + 1 if ranks else None
        if rank:
            r1 += rank <= 1
            r5 += rank <= 5
            r10 += rank <= 10
            mrr += 1.0 / rank
    n = len(task.questions)
    return {"R@1": r1 / n, "R@5": r5 / n, "R@10": r10 / n, "MRR@10": mrr / n}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--seed", type=Path, default=ROOT.parent / "shared" / "seed")
    parser.add_argument("--model", default="e5-small")
    parser.add_argument("--limit", type=int, default=0, help="questions per set (0 = all)")
    parser.add_argument(
        "--cache",
        type=Path,
        help="keep passage vectors here between runs (indexing throughput is then not measured)",
    )
    parser.add_argument("--sweep", action="store_true", help="also try other lexical weights")
    args = parser.parse_args()

    tasks = {
        "arcd": squad_task(args.datasets / "arcd.json", "ARCD (ar)", "ar"),
        "cnil": squad_task(args.datasets / "cnil-faq.json", "CNIL FAQ (fr)", "fr"),
    }
    tasks["to-ar"] = crosslingual_task(args.seed, "ar", tasks["cnil"])
    tasks["to-en"] = crosslingual_task(args.seed, "en", tasks["arcd"])
    if args.limit:
        for task in tasks.values():
            task.questions = task.questions[: args.limit]

    print(f"model {args.model}; {len(tasks)} tasks\n")
    rows = []
    throughput = []
    latencies: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for task in tasks.values():
            retriever, rate = build(task, Path(tmp), args.model, args.cache)
            if rate is not None:
                throughput.append(rate)
                print(
                    f"{task.name}: {len(task.passages)} passages at {rate:.1f} chunks/s",
                    file=sys.stderr,
                )
            retriever.search("warm-up", k=10)
            for method in METHODS:
                scores = evaluate(
                    retriever, task, method, latencies if method == "hybrid" else None
                )
                rows.append((task.name, method, scores))
            if args.sweep:
                default = retriever.tuning
                for weight in (0.02, 0.03, 0.06, 0.08, 0.12):
                    retriever.tuning = replace(default, lexical_weight=weight)
                    rows.append(
                        (task.name, f"hybrid w={weight}", evaluate(retriever, task, "hybrid"))
                    )
                retriever.tuning = default

    print("| data set | method | R@1 | R@5 | R@10 | MRR@10 |")
    print("|---|---|---|---|---|---|")
    for name, method, s in rows:
        cells = " | ".join(f"{s[m]:.3f}" for m in ("R@1", "R@5", "R@10", "MRR@10"))
        print(f"| {name} | {method} | {cells} |")
    latencies.sort()
    print()
    if throughput:
        print(
            f"indexing: {statistics.median(throughput):.1f} chunks/s (median over sets; "
            f"min {min(throughput):.1f})"
        )
    print(
        f"hybrid query latency: median {1000 * statistics.median(latencies):.1f} ms, "
        f"p95 {1000 * latencies[int(0.95 * (len(latencies) - 1))]:.1f} ms "
        f"over {len(latencies)} queries"
    )


if __name__ == "__main__":
    main()
