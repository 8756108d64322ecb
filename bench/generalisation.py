"""How the assistant does on documents and questions nobody tuned it for.

    python bench/generalisation.py [--half check|fit] [--limit N] [--pairs ar-ar,en-en,...]

Public sets from ``../shared/datasets/`` (read-only): XQuAD (Arabic and
English, parallel, answer spans), ARCD (Arabic, spans), the CNIL FAQ
(French). Every set is split by article into a *fit* half (even article
numbers) and a *check* half (odd): nothing may be fitted on the check half,
and this script reports the check half unless told otherwise.

Unanswerable questions are made honestly (datasets/README.md): of each
article, one paragraph is left out of the index (the article number modulo
its paragraph count picks which), and the questions on it are ones the
documents do not answer. Each pool is written as plain ``.txt`` files (or,
with ``--format pdf``, as PDFs drawn by fpdf2; with ``pdf-<writer>``, as a
writer of ``bench/pdf_writers.py`` saves them), the
way an organiser's upload arrives, indexed by ``Services.ingest`` and asked
through the assistant's own path (``Services.ask`` without the courtesy
step, which no data-set question triggers). The ``-small`` pairs index each
XQuAD article apart (four paragraphs of one topic, its fifth held out): what
a folder holding one uploaded document looks like. The ``-parallel`` pairs
index every paragraph in both languages, the English one declared the
Arabic one's translation (``translation_of``), as the bundled knowledge is:
the question's language names the span looked for. The ``-two`` pairs index
one article in English beside another in Arabic; the ``-split`` pairs one
article with its paragraphs in turn in English and in Arabic, no paragraph
in both: documents of one topic in two languages, none translated; the
``-minority`` pairs one article in the question's language but for one
paragraph in the other, beside the bundled ``knowledge/``, and ask only
that paragraph's questions and the held-out one's. The ``-bilingual`` pairs
write each paragraph and its translation in one file, no language declared;
the ``-parts`` pairs each article in one file, all of it in one language
then in the other (the own paragraph is then its article's file). The
``-faq`` pairs write each indexed paragraph as an FAQ entry, as relayed
answers are kept: under a question heading (the paragraph's first XQuAD
question, in the paragraph's language), and ask the paragraph's other
questions; a held-out paragraph's questions then meet the entries of the
same article, whose headings share their topic words. The ``-relayed``
pairs keep those entries and ask their own questions in the other language
(XQuAD's questions are translations): a relayed answer asked for again by
a delegate of another language; the ``-brief`` pairs likewise, each entry's
answer cut to the sentence holding it, as an organiser relays one. The
``-crossed`` pairs write those brief answers as the bot writes a relayed one
(``relayed.faq_entry``), each under its first question in another language
than the answer's: ``ar-ar`` and ``en-en`` under the other language's (an
Arabic delegate's question answered in English), asked again in the
answer's language; ``ar-en`` and ``en-ar`` under the asker's (an Arabic
question answered in English, asked again in Arabic: a held-out question
meets its article's entries under questions in its language); the
``-covered`` pairs write whole paragraphs so, under the asker's question,
beside the bundled ``knowledge/``, and ask their other questions. The
``-upload`` pairs index each article as the ``-small`` ones do, beside the bundled
``knowledge/`` (its FAQ included): an organiser's upload in one language to
the assistant as it ships, asked in the other.

Per pair it prints: answered with the question's own paragraph among the
sources, the answer span contained in the answer (sets with spans), the
held-out questions declined, latency (first question on the fresh corpus
included), then the trade-off curve a threshold on one score would give:
the share of answerable questions still answered, with their own paragraph
first among the hits, when declining 50-90% of the held-out ones.
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
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_tuning import tuned  # noqa: E402
from candidates import candidate_features  # noqa: E402
from pdf_writers import WRITERS, write_pdfs  # noqa: E402

from bot.answering.calibration import features  # noqa: E402
from bot.answering.compose import extractive, gather  # noqa: E402
from bot.answering.decide import order  # noqa: E402
from bot.answering.query import understand  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.core.tuning import DEFAULT, Tuning  # noqa: E402
from bot.knowledge.relayed import entry_language, faq_entry  # noqa: E402
from bot.services import Services  # noqa: E402
from bot.text.normalise import normalise  # noqa: E402

# The pools the shipped decision was fitted on (their fit halves), and the
# one-article pools, measured only: no corpus that small was in the fit.
FITTED = ("ar-ar", "en-en", "ar-en", "en-ar", "ar-en-mixed", "arcd", "cnil")
PAIRS = (
    *FITTED,
    "ar-ar-small",
    "en-en-small",
    "ar-en-small",
    "en-ar-small",
    "ar-parallel",
    "en-parallel",
    "ar-two",
    "en-two",
    "ar-split",
    "en-split",
    "ar-ar-faq",
    "en-en-faq",
    "ar-en-faq",
    "ar-en-relayed",
    "en-ar-relayed",
    "ar-en-brief",
    "en-ar-brief",
    "en-ar-upload",
    "ar-en-upload",
    "ar-minority",
    "en-minority",
    "ar-bilingual",
    "en-bilingual",
    "ar-parts",
    "en-parts",
    "ar-ar-crossed",
    "en-en-crossed",
    "ar-en-crossed",
    "en-ar-crossed",
    "ar-en-covered",
    "en-ar-covered",
)


@dataclass
class Pool:
    """Paragraphs to index and questions: (question, own paragraph key, span or None)."""

    name: str
    paragraphs: dict[str, str] = field(default_factory=dict)
    questions: list[tuple[str, str, str | None]] = field(default_factory=list)
    held_out: set[str] = field(default_factory=set)
    # key -> the paragraph's version in another language: (language, text)
    versions: dict[str, tuple[str, str]] = field(default_factory=dict)
    lang: str = ""  # the paragraphs' language, when they have versions
    # a folder of documents copied as it is (bench/off_topic.py, the -upload pairs)
    tree: Path | None = None
    headings: dict[str, str] = field(default_factory=dict)  # key -> its FAQ question
    # key -> (the question it was relayed for, that question's language): written
    # as the bot writes a relayed answer (``relayed.faq_entry``)
    relayed: dict[str, tuple[str, str]] = field(default_factory=dict)
    # paragraph key -> the key of the file that holds it, where a file holds several
    files: dict[str, str] = field(default_factory=dict)

    def write(self, folder: Path, fmt: str = "txt") -> None:
        """Plain ``.txt`` files (or PDFs as a writer of ``bench/pdf_writers.py``
        saves them); a paragraph with a version as two ``.md`` files, the second
        declared the first's translation."""
        folder.mkdir(parents=True)
        if self.tree is not None:
            shutil.copytree(self.tree, folder, dirs_exist_ok=True)
        if fmt.startswith("pdf"):
            writer = fmt.partition("-")[2] or "fpdf2"
            plain = {k: t for k, t in self.paragraphs.items() if k not in self.versions}
            write_pdfs(plain, folder, writer)
        for key, text in self.paragraphs.items():
            if key in self.versions:
                lang, version = self.versions[key]
                original = f"{key}.{self.lang}.md"
                (folder / original).write_text(f"---\nlang: {self.lang}\n---\n{text}\n", "utf-8")
                (folder / f"{key}.{lang}.md").write_text(
                    f"---\nlang: {lang}\ntranslation_of: {original}\n---\n{version}\n", "utf-8"
                )
            elif key in self.headings:
                (folder / f"{key}.md").write_text(f"## {self.headings[key]}\n\n{text}\n", "utf-8")
            elif key in self.relayed:
                question, asked_in = self.relayed[key]
                lang = entry_language(text, asked_in)
                entry = faq_entry(question, text, lang, asked_in)
                (folder / f"{key}.{lang}.md").write_text(entry, encoding="utf-8")
            elif fmt == "txt":
                (folder / f"{key}.txt").write_text(text + "\n", encoding="utf-8")


def key_of(source: str) -> str:
    """The paragraph key of an indexed file (``x001-2.txt``, ``x001-2.ar.md``)."""
    return source.split(".", 1)[0]


def articles(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["data"]


def xquad(datasets: Path) -> dict[str, list[dict]]:
    """XQuAD's articles by language (Arabic and English, parallel)."""
    return {lang: articles(datasets / "xquad-dev" / f"xquad.{lang}.json") for lang in ("ar", "en")}


def add_article(pool: Pool, number: int, article: dict, questions_from: dict | None, tag: str):
    """Index all but one paragraph of ``article``; questions from the parallel article."""
    paragraphs = article["paragraphs"]
    held = number % len(paragraphs) if len(paragraphs) > 1 else None
    asked = (questions_from or article)["paragraphs"]
    for i, paragraph in enumerate(paragraphs):
        key = f"{tag}{number:03d}-{i}"
        if i == held:
            pool.held_out.add(key)
        else:
            pool.paragraphs[key] = paragraph["context"]
        # The span looked for is the indexed paragraph's (XQuAD's questions are
        # parallel, same ids): an Arabic question over English paragraphs is
        # answered with English text.
        spans = {qa.get("id", j): qa.get("answers") for j, qa in enumerate(paragraph["qas"])}
        for j, qa in enumerate(asked[i]["qas"]):
            answers = spans.get(qa.get("id", j))
            span = answers[0]["text"] if answers and tag != "cnil" else None
            pool.questions.append((qa["question"], key, span))


def xquad_pool(datasets: Path, q_lang: str, p_lang: str, half: int, mixed: bool) -> Pool:
    by_lang = xquad(datasets)
    name = f"XQuAD {q_lang} -> {p_lang}" + (" (mixed pool)" if mixed else "")
    pool = Pool(name)
    for number, article in enumerate(by_lang[p_lang]):
        if number % 2 == half:
            add_article(pool, number, article, by_lang[q_lang][number], "x")
        elif mixed:  # other articles' paragraphs in the question's language, as distractors
            for i, paragraph in enumerate(by_lang[q_lang][number]["paragraphs"]):
                pool.paragraphs[f"d{number:03d}-{i}"] = paragraph["context"]
    return pool


def small_pools(
    datasets: Path, q_lang: str, p_lang: str, half: int, upload: bool = False
) -> list[Pool]:
    """One index per article, four paragraphs of one topic: what a folder of a
    single uploaded document looks like. Each language's search background is
    then mostly the shipped reference passages, and a held-out paragraph's
    question is on the topic of everything indexed. With ``upload``, the
    article sits beside the bundled ``knowledge/`` (documents with twins in
    three languages, on another topic): an organiser's one-language upload
    to the assistant as it ships."""
    by_lang = xquad(datasets)
    made = []
    for number, article in enumerate(by_lang[p_lang]):
        if number % 2 == half:
            where = "beside the bundled knowledge" if upload else "one article"
            tree = ROOT / "knowledge" if upload else None
            pool = Pool(f"XQuAD {q_lang} -> {p_lang}, {where}", tree=tree)
            add_article(pool, number, article, by_lang[q_lang][number], "x")
            made.append(pool)
    return made


def two_article_pools(datasets: Path, q_lang: str, half: int) -> list[Pool]:
    """Two uploads in two languages: one XQuAD article's paragraphs in English
    beside another's in Arabic, each with one held out, asked in ``q_lang``.
    No language holds enough passages for a background of its own, so each
    is ranked on its few passages pooled with its reference ones
    (``background.py``), and a question must find its article in whichever
    language it is written. Not in the decision's fit (BENCHMARKS.md,
    "Twelfth session", has both halves)."""
    by_lang = xquad(datasets)
    numbers = [n for n in range(len(by_lang["en"])) if n % 2 == half]
    made = []
    for english, arabic in zip(numbers[::2], numbers[1::2], strict=False):
        pool = Pool(f"XQuAD {q_lang} -> en+ar, two articles")
        add_article(pool, english, by_lang["en"][english], by_lang[q_lang][english], "x")
        add_article(pool, arabic, by_lang["ar"][arabic], by_lang[q_lang][arabic], "x")
        made.append(pool)
    return made


def split_pools(datasets: Path, q_lang: str, half: int) -> list[Pool]:
    """One article per index, its paragraphs in turn in English and in Arabic
    (one held out), asked in ``q_lang``: a small upload whose documents share
    a topic but not a language, as a French sheet beside an Arabic brief on
    the same visit. No language has a background of its own, and a question
    must find its paragraph against same-topic passages in both languages."""
    by_lang = xquad(datasets)
    made = []
    for number in range(len(by_lang["en"])):
        if number % 2 != half:
            continue
        pool = Pool(f"XQuAD {q_lang} -> en/ar, one article split")
        english, arabic = by_lang["en"][number]["paragraphs"], by_lang["ar"][number]["paragraphs"]
        split = {"paragraphs": [(english, arabic)[i % 2][i] for i in range(len(english))]}
        add_article(pool, number, split, by_lang[q_lang][number], "x")
        made.append(pool)
    return made


def minority_pools(datasets: Path, q_lang: str, half: int) -> list[Pool]:
    """One article per index in the question's language but for one paragraph,
    in the other (the one after the held-out one), beside the bundled
    ``knowledge/``: an upload in another language among documents on its
    topic in the delegate's, which fill the first hits, in the assistant as
    it ships. Only that paragraph's questions are asked, and the held-out
    one's."""
    by_lang = xquad(datasets)
    other = "en" if q_lang == "ar" else "ar"
    made = []
    for number, article in enumerate(by_lang[q_lang]):
        if number % 2 != half:
            continue
        paragraphs = list(article["paragraphs"])
        held = number % len(paragraphs)
        minority = (held + 1) % len(paragraphs)
        paragraphs[minority] = by_lang[other][number]["paragraphs"][minority]
        pool = Pool(
            f"XQuAD {q_lang} -> {q_lang} with one {other} paragraph", tree=ROOT / "knowledge"
        )
        add_article(pool, number, {"paragraphs": paragraphs}, article, "x")
        asked = {f"x{number:03d}-{i}" for i in (held, minority)}
        pool.questions = [q for q in pool.questions if q[1] in asked]
        made.append(pool)
    return made


FAQ_KINDS = {
    "faq": "FAQ entries",
    "relayed": "relayed FAQ questions",
    "brief": "brief relayed answers",
    "crossed": "answers relayed for a question in the other language",
    "covered": "relayed answers asked what else they say, beside the bundled knowledge",
}


def faq_pool(datasets: Path, q_lang: str, p_lang: str, half: int, kind: str = "faq") -> Pool:
    """Each indexed paragraph under its first question (in ``p_lang``) as an FAQ
    entry; that question is not asked, the paragraph's others are (in
    ``q_lang``), and the held-out paragraphs' too, but their first.

    ``kind`` "relayed": only the first questions are asked, in ``q_lang``: a
    delegate asks what an FAQ entry (a relayed answer) already answers, in
    another language; a held-out paragraph's first question, which no entry
    answers, is one to decline. "brief": the same, each entry's answer the
    sentence of its paragraph that holds the answer, as an organiser relays
    it; the entry's question then says far more than its answer. "crossed":
    the brief answer written as the bot writes a relayed one, for the first
    question asked in another language than the answer's: in ``q_lang`` when
    that is not ``p_lang`` (a delegate asks again what a delegate of their
    language asked: the held-out questions then meet entries under
    questions in their language), else in the other one (a delegate of the
    answer's language asks it again). "covered": the whole paragraph written
    so, under its first question in ``q_lang``, beside the bundled knowledge
    (which speaks the asker's language), and its other questions asked: what
    a relayed answer says beyond the question it was written for, where the
    asker's words are in the answer's language only."""
    by_lang = xquad(datasets)
    tree = ROOT / "knowledge" if kind == "covered" else None
    pool = Pool(f"XQuAD {q_lang} -> {p_lang}, {FAQ_KINDS[kind]}", tree=tree)
    firsts = set()  # (paragraph key, its first question as asked)
    relayed_in = q_lang if q_lang != p_lang else "en" if p_lang == "ar" else "ar"
    if kind == "covered" and q_lang == p_lang:
        raise ValueError("a covered pool's answers are in another language than its questions")
    for number, article in enumerate(by_lang[p_lang]):
        if number % 2 != half:
            continue
        add_article(pool, number, article, by_lang[q_lang][number], "x")
        asked = by_lang[q_lang][number]["paragraphs"]
        for i, paragraph in enumerate(article["paragraphs"]):
            key = f"x{number:03d}-{i}"
            firsts.add((key, asked[i]["qas"][0]["question"]))
            if key in pool.paragraphs and kind in ("crossed", "covered"):
                first = by_lang[relayed_in][number]["paragraphs"][i]["qas"][0]["question"]
                pool.relayed[key] = (first, relayed_in)
            elif key in pool.paragraphs:
                pool.headings[key] = paragraph["qas"][0]["question"]
            if key in pool.paragraphs and kind in ("brief", "crossed"):
                pool.paragraphs[key] = sentence_at(paragraph["context"], paragraph["qas"][0])
    asks_firsts = kind not in ("faq", "covered")  # else the paragraphs' other questions
    pool.questions = [q for q in pool.questions if ((q[1], q[0]) in firsts) == asks_firsts]
    return pool


def sentence_at(text: str, qa: dict) -> str:
    """The sentence of ``text`` holding ``qa``'s first answer."""
    answer = qa["answers"][0]
    start, end = answer["answer_start"], answer["answer_start"] + len(answer["text"])
    ends = [m.end() for m in re.finditer(r"[.!?؟](?=\s)", text)]
    begin = max([e for e in ends if e <= start], default=0)
    stop = min([e for e in ends if e >= end], default=len(text))
    return text[begin:stop].strip()


def parallel_pool(datasets: Path, q_lang: str, half: int) -> Pool:
    """Every indexed paragraph in Arabic and in English, the English declared
    the Arabic's translation: a corpus where every document has a twin, as
    the bundled one does. Questions and spans in ``q_lang``."""
    by_lang = xquad(datasets)
    pool = Pool(f"XQuAD {q_lang} -> ar+en (parallel)", lang="ar")
    for number, article in enumerate(by_lang["ar"]):
        if number % 2 != half:
            continue
        spans_from = by_lang[q_lang][number]
        add_article(pool, number, spans_from, None, "x")
        for i, paragraph in enumerate(article["paragraphs"]):
            key = f"x{number:03d}-{i}"
            if key in pool.paragraphs:
                english = by_lang["en"][number]["paragraphs"][i]["context"]
                pool.paragraphs[key] = paragraph["context"]
                pool.versions[key] = ("en", english)
    return pool


def bilingual_pool(datasets: Path, q_lang: str, half: int) -> Pool:
    """Every indexed paragraph as one file holding it in both languages, one
    after the other (Arabic first in every other file), no language declared:
    a bilingual notice as Moroccan bodies print them, each paragraph followed
    by its translation. Questions and spans in ``q_lang``."""
    by_lang = xquad(datasets)
    pool = Pool(f"XQuAD {q_lang} -> ar+en, bilingual files")
    for number, article in enumerate(by_lang["ar"]):
        if number % 2 != half:
            continue
        add_article(pool, number, by_lang[q_lang][number], None, "x")
        for i, paragraph in enumerate(article["paragraphs"]):
            key = f"x{number:03d}-{i}"
            if key in pool.paragraphs:
                versions = [paragraph["context"], by_lang["en"][number]["paragraphs"][i]["context"]]
                pool.paragraphs[key] = "\n\n".join(versions[:: 1 if (number + i) % 2 else -1])
    return pool


def parts_pool(datasets: Path, q_lang: str, half: int) -> Pool:
    """Every article as one file: its indexed paragraphs in one language, then
    all of them in the other (Arabic first in every other file), no language
    declared, as a notice printed in French, then in Arabic. The own
    paragraph is its article's file."""
    by_lang = xquad(datasets)
    pool = Pool(f"XQuAD {q_lang} -> ar+en, one part after the other")
    for number, article in enumerate(by_lang["ar"]):
        if number % 2 != half:
            continue
        one = Pool("")
        add_article(one, number, by_lang[q_lang][number], None, "x")
        pool.questions += one.questions
        pool.held_out |= one.held_out
        kept = sorted(one.paragraphs, key=lambda k: int(k.split("-")[1]))
        pool.files |= {key: f"a{number:03d}" for key in [*kept, *one.held_out]}
        ar = [article["paragraphs"][int(k.split("-")[1])]["context"] for k in kept]
        en = [by_lang["en"][number]["paragraphs"][int(k.split("-")[1])]["context"] for k in kept]
        parts = (ar, en) if (number // 2) % 2 == 0 else (en, ar)  # either half alternates
        pool.paragraphs[f"a{number:03d}"] = "\n\n".join("\n\n".join(part) for part in parts)
    return pool


def simple_pool(path: Path, name: str, tag: str, half: int, every: int) -> Pool:
    """ARCD and the CNIL FAQ; CNIL articles have one paragraph and one question
    each, so every ``every``-th article is left out whole instead."""
    pool = Pool(name)
    for number, article in enumerate(articles(path)):
        if number % 2 != half:
            continue
        if tag == "cnil" and number % every == 1:
            for i, paragraph in enumerate(article["paragraphs"]):
                key = f"{tag}{number:03d}-{i}"
                pool.held_out.add(key)
                pool.questions += [(qa["question"], key, None) for qa in paragraph["qas"]]
        else:
            add_article(pool, number, article, None, tag)
    return pool


def sample(pool: Pool, limit: int) -> list[tuple[str, str, str | None]]:
    """At most ``limit`` questions, evenly spread, answerable and held-out alike."""
    if not limit or len(pool.questions) <= limit:
        return pool.questions
    step = len(pool.questions) / limit
    return [pool.questions[int(i * step)] for i in range(limit)]


def _folded(text: str) -> str:
    return " ".join(normalise(text).split())


def contains(answer: str, span: str) -> bool:
    """The answer span in the answer, case, accents, Arabic spellings and spacing aside."""
    return _folded(span) in _folded(answer)


def indexed(pool: Pool, workdir: Path, tuning: Tuning = DEFAULT, fmt: str = "txt") -> Services:
    """``pool`` written under ``workdir`` as an upload would arrive, and ingested."""
    knowledge = workdir / "knowledge"
    pool.write(knowledge, fmt)
    services = Services(Settings(knowledge_dir=knowledge, data_dir=workdir / "data"), tuning=tuning)
    print(f"  {services.ingest().summary()}", flush=True)
    return services


def run_pool(
    pool: Pool, limit: int, workdir: Path, tuning: Tuning = DEFAULT, fmt: str = "txt"
) -> list[dict]:
    services = indexed(pool, workdir, tuning, fmt)
    rows = []
    for question, key, span in sample(pool, limit):
        started = time.perf_counter()
        retrieval = services.retriever(understand(question))
        answer = services.assistant.answer(retrieval)
        latency = time.perf_counter() - started
        evidence = gather(order(retrieval), retrieval, tuning.composition)
        shipped = shipped_features(services, evidence, retrieval)
        top_key = key_of(retrieval.hits[0].chunk.source) if retrieval.hits else ""
        quoted = extractive(evidence, retrieval).answer if evidence else ""
        own = pool.files.get(key, key)
        found = evidence is not None and any(key_of(h.chunk.source) == own for h in evidence.hits)
        rows.append(
            {
                "pool": pool.name,
                "key": key,
                "question": question,
                "answer": answer.answer if answer.confident else "",
                "answerable": key not in pool.held_out,
                # What the decision is fitted to say: answer when it would cite the
                # question's own paragraph, decline otherwise.
                "label": key not in pool.held_out and found,
                "features": measured(evidence, retrieval, services, shipped) if evidence else None,
                "probability": services.assistant.decision.probability(shipped) if shipped else 0.0,
                "answered": answer.confident,
                "own_source": any(key_of(s.source) == own for s in answer.sources),
                "span": span is not None and answer.confident and contains(answer.answer, span),
                "has_span": span is not None,
                # The answer text is in what the evidence quotes, whatever the
                # decision: for a held-out question, a right answer found in
                # another paragraph (ARCD's paragraphs of one article repeat
                # each other), which declining would throw away.
                "span_quoted": span is not None and contains(quoted, span),
                "own_first": top_key == own,
                "passage": evidence.passage_score if evidence else 0.0,
                "sentence": evidence.unit_score if evidence else 0.0,
                "latency": latency,
            }
        )
    return rows


def shipped_features(services: Services, evidence, retrieval) -> dict[str, float] | None:
    """What the shipped decision reads, as ``services`` is tuned (None: nothing found)."""
    if evidence is None:
        return None
    judge = services.tuning.decision.judge_translations
    return features(evidence, retrieval, translations=judge)


def measured(evidence, retrieval, services: Services, shipped=None) -> dict[str, float]:
    """The shipped features and the candidates (bench/candidates.py)."""
    shipped = shipped or shipped_features(services, evidence, retrieval)
    return shipped | candidate_features(evidence, retrieval, services.search)


def curve(rows: list[dict], feature: str) -> str:
    """Answerable questions answered with their own paragraph among the passages
    (``label``) when declining 50..90% of held-out questions by ``feature``."""
    negatives = sorted(r[feature] for r in rows if not r["answerable"])
    positives = [r for r in rows if r["answerable"]]
    if not negatives or not positives:
        return "n/a"
    points = []
    for declined in (0.5, 0.6, 0.7, 0.8, 0.9):
        threshold = negatives[min(len(negatives) - 1, int(declined * len(negatives)))]
        kept = sum(r["label"] and r[feature] > threshold for r in positives)
        points.append(f"{declined:.0%}: {kept / len(positives):.2f}")
    return ", ".join(points)


def summary(name: str, rows: list[dict]) -> str:
    pos = [r for r in rows if r["answerable"]]
    neg = [r for r in rows if not r["answerable"]]
    spans = [r for r in pos if r["has_span"]]
    latencies = sorted(r["latency"] for r in rows)
    own = sum(r["answered"] and r["own_source"] for r in pos)
    found = f"{sum(r['span'] for r in spans)}/{len(spans)}" if spans else "—"
    declined = sum(not r["answered"] for r in neg)
    return (
        f"| {name} | {own}/{len(pos)} ({own / max(1, len(pos)):.2f}) | {found} | "
        f"{declined}/{len(neg)} ({declined / max(1, len(neg)):.2f}) | "
        f"{1000 * statistics.median(latencies):.0f} / "
        f"{1000 * latencies[int(0.95 * (len(latencies) - 1))]:.0f} ms | "
        f"{sum(r['own_first'] for r in pos) / max(1, len(pos)):.2f} |"
    )


def elsewhere(rows: list[dict]) -> str:
    """Held-out questions answered by another paragraph's quote, and how many
    of the rest were declined: the decline share without the questions the
    documents do answer."""
    held = [r for r in rows if not r["answerable"]]
    quoted = [r for r in held if r.get("span_quoted")]
    rest = [r for r in held if not r.get("span_quoted")]
    declined = sum(not r["answered"] for r in rest)
    return (
        f"{len(quoted)}/{len(held)} quoted anyway "
        f"({sum(r['answered'] for r in quoted)} of them answered); "
        f"the rest declined {declined}/{len(rest)} ({declined / max(1, len(rest)):.2f})"
    )


def pools(datasets: Path, pairs: list[str], half: int) -> list[Pool]:
    made = []
    for pair in pairs:
        if pair == "arcd":
            made.append(simple_pool(datasets / "arcd.json", "ARCD ar -> ar", "arcd", half, 3))
        elif pair == "cnil":
            made.append(simple_pool(datasets / "cnil-faq.json", "CNIL fr -> fr", "cnil", half, 5))
        elif pair.endswith("-split"):
            made += split_pools(datasets, pair.split("-")[0], half)
        elif pair.endswith("-minority"):
            made += minority_pools(datasets, pair.split("-")[0], half)
        elif pair.endswith("-two"):
            made += two_article_pools(datasets, pair.split("-")[0], half)
        elif pair.rsplit("-", 1)[-1] in FAQ_KINDS:
            q_lang, p_lang, kind = pair.split("-")
            made.append(faq_pool(datasets, q_lang, p_lang, half, kind))
        elif pair.endswith("-parallel"):
            made.append(parallel_pool(datasets, pair.split("-")[0], half))
        elif pair.endswith("-bilingual"):
            made.append(bilingual_pool(datasets, pair.split("-")[0], half))
        elif pair.endswith("-parts"):
            made.append(parts_pool(datasets, pair.split("-")[0], half))
        elif pair.endswith(("-small", "-upload")):
            q_lang, p_lang, kind = pair.split("-")
            made += small_pools(datasets, q_lang, p_lang, half, upload=kind == "upload")
        else:
            q_lang, p_lang, *mixed = pair.split("-")
            made.append(xquad_pool(datasets, q_lang, p_lang, half, bool(mixed)))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--half", choices=("check", "fit"), default="check")
    parser.add_argument("--limit", type=int, default=160, help="questions per pair (0 = all)")
    parser.add_argument("--pairs", default=",".join(PAIRS))
    parser.add_argument(
        "--format",
        choices=("txt", "pdf", *(f"pdf-{w}" for w in WRITERS)),
        default="txt",
        help="how each paragraph is written: a text file, or a PDF (pdf: fpdf2's; "
        "pdf-<writer>: that writer's, see bench/pdf_writers.py)",
    )
    parser.add_argument(
        "--set", action="append", default=[], help="a tuning value, e.g. search.top_k=8"
    )
    parser.add_argument(
        "--rows", type=Path, help="write every question's row (question, answer, scores) as JSONL"
    )
    args = parser.parse_args()
    tuning = tuned(args.set)
    half = 1 if args.half == "check" else 0
    results: dict[str, list[dict]] = {}
    for pool in pools(args.datasets, args.pairs.split(","), half):
        print(
            f"{pool.name}: {len(pool.paragraphs)} paragraphs indexed, "
            f"{len(pool.questions)} questions",
            flush=True,
        )
        with tempfile.TemporaryDirectory() as tmp:
            rows = run_pool(pool, args.limit, Path(tmp), tuning, args.format)
        results.setdefault(pool.name, []).extend(rows)
    if args.rows:
        with args.rows.open("w", encoding="utf-8") as out:
            for row in (r for rows in results.values() for r in rows):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(
        f"\n{args.half} half, at most {args.limit or 'all'} questions per pair, "
        f"{args.format} files; {args.set}\n"
    )
    print(
        "| pair | answered, own paragraph among sources | answer span in the answer "
        "| held-out questions declined | latency median / p95 | own paragraph first |"
    )
    print("|---|---|---|---|---|---|")
    for name, rows in results.items():
        print(summary(name, rows))
    print(
        "\nheld-out questions whose answer text the quoted passages hold anyway "
        "(another paragraph answers them), and the declines among the others:"
    )
    for name, rows in results.items():
        print(f"  {name}: {elsewhere(rows)}")
    print(
        "\nanswerable questions kept with their own paragraph among the passages, "
        "at a share of held-out questions declined:"
    )
    for name, rows in results.items():
        for feature in ("passage", "sentence", "probability"):
            print(f"  {name}, by the {feature} score: {curve(rows, feature)}")


if __name__ == "__main__":
    main()
