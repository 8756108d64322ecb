"""The extractive answer: the best sentences of the best passages, ranked by
the model's similarity and the question's own terms, under a localised
lead-in. Pure: the similarities come with the ``Retrieval``
(``sentence_scores``), so tests/test_compose.py runs on hand-made hits.
"""

from __future__ import annotations

import numpy as np

from bot.answering.asked import with_asked
from bot.answering.beside import named_beside
from bot.answering.replies import lead_in
from bot.answering.rows import asked_rows
from bot.core.tuning import DEFAULT, CompositionTuning
from bot.core.types import Answer, Candidate, Chosen, Chunk, Evidence, Hit, Query, Retrieval, Source
from bot.text.normalise import normalise, passage_terms, spellings, tokens
from bot.text.question_types import conflict, offers, question_form, question_type
from bot.text.topics import topic_words
from bot.text.units import (
    clean,
    is_list_item,
    is_question,
    is_table_row,
    table_header,
    units,
    without_reply_word,
)

_CITATION_HEADINGS = frozenset(
    normalise(h) for h in ("Sources", "Source", "Références", "References", "المصادر", "المصدر")
)

# A sentence more than this share of whose words are in another repeats it (a product rule:
# showing one fact twice wastes a phone screen; not fitted).
RESTATED = 0.8


def is_citation(chunk: Chunk) -> bool:
    """A section that lists the documents' sources."""
    return normalise(chunk.section.rsplit(" > ", 1)[-1].strip()) in _CITATION_HEADINGS


def answers_as_whole(hit: Hit, retrieval: Retrieval) -> bool:
    """Whether ``hit`` is an FAQ entry whose question is the asker's: matched
    through its question, asking in the same form (an entry that answers
    "Où..." does not answer "Quel est le programme...", "Oui." does not
    answer "Quelles visites..."), and naming what the asker asks about
    (``names_its_topics``).
    """
    query = retrieval.query
    return (
        hit.as_question
        and question_form(hit.chunk.heading) == query.form
        and names_its_topics(hit.chunk, query)
    )


def names_its_topics(entry: Chunk, query: Query) -> bool:
    """Whether an FAQ entry in the asker's language, its question or its
    answer, names every topic of the asker's question (``topic_words``): "Will
    there be an interpreter during the field visits?" is not "Are there field
    visits?", nor "هل يوجد مسبح في الفندق؟" (a pool) "هل توجد خدمة غسل الملابس
    في الفندق؟", though the model finds them close and of one form; their
    "Yes." would answer a question nobody relayed. Across languages words
    cannot tell, and the match decides alone; so it does in a follow-up,
    searched with the last question's words, which the entry need not repeat."""
    if entry.lang != query.lang or query.followup:
        return True
    named = set(passage_terms(f"{entry.heading}\n{entry.text}", entry.lang))
    for phrase in topic_words(query.search, query.lang):
        stems = [stem for word in phrase for stem in spellings(word, query.lang)]
        if stems and not named.intersection(stems):
            return False
    return True


def shown_whole(
    hit: Hit,
    usable: list[tuple[int, str]],
    retrieval: Retrieval,
    tuning: CompositionTuning = DEFAULT.composition,
) -> bool:
    """Whether an FAQ entry is quoted whole: it answers the asker's question
    (``answers_as_whole``) and fits in ``max_chars``. An entry too long to
    fit is a passage like any other: its sentences are chosen, since cutting
    it at the limit loses whatever its later sentences say (a relayed
    paragraph's answer among them: BENCHMARKS.md, twenty-fourth session).
    """
    fits = sum(len(u) for _, u in usable) <= tuning.max_chars
    return bool(usable) and fits and answers_as_whole(hit, retrieval)


def gather(
    hits: list[Hit], retrieval: Retrieval, tuning: CompositionTuning = DEFAULT.composition
) -> Evidence | None:
    """The best sentences of the best passages; ``hits`` in the answer's order
    (``decide.order``). None when no passage offers a sentence."""
    if not hits:
        return None
    top = hits[0]
    candidates: list[Candidate] = []
    for rank, hit, usable in readable_units(hits, tuning):
        if rank == 0 and (shown_whole(hit, usable, retrieval, tuning) or a_list(usable, tuning)):
            return whole_entry(hit, hits, usable, retrieval)
        usable = quotable(usable)
        scores = unit_scores(retrieval, hit, usable, top, tuning)
        candidates += [(s, rank, i, u) for (i, u), s in zip(usable, scores, strict=True)]
    if not candidates:
        return None
    chosen, best = choose(candidates, tuning, top.chunk.lang)
    query = retrieval.query
    chosen = with_asked(chosen, candidates, query.kind, tuning)
    chosen = asked_rows(chosen, query.search, query.lang, [h.chunk.text for h in hits])
    chosen = named_beside(chosen, query.search, query.lang, [h.chunk.source for h in hits])
    replies = {rank: replies_to_asker(hits[rank], retrieval) for rank, _, _ in chosen}
    chosen = [
        (rank, i, text if replies[rank] else without_reply_word(text)) for rank, i, text in chosen
    ]
    return Evidence(hits, chosen, best, top.chunk.lang)


def a_list(usable: list[tuple[int, str]], tuning: CompositionTuning = DEFAULT.composition) -> bool:
    """Whether a passage is a list of fragments and nothing else: a slide's
    bullets, the names under a heading ("Les intervenants": "- L'AIRF").
    Such items answer together, as an FAQ entry's sentences do: chosen one
    by one, an item too short to say anything alone (``quotable``) is never
    quoted, and an item of the next slide's list comes in its place. A list
    of sentences is chosen from as any passage is."""
    fits = sum(len(u) for _, u in usable) <= tuning.max_chars
    items = len(usable) > 1 and all(is_list_item(u) for _, u in usable)
    return items and fits and len(quotable(usable)) < len(usable)


def replies_to_asker(hit: Hit, retrieval: Retrieval) -> bool:
    """Whether a "Yes," or "Non," opening a sentence of ``hit`` may be quoted:
    under an FAQ question, only when that question is the asker's
    (``answers_as_whole``, an entry too long to quote whole among them); a
    passage under no question, whose reply answers no question we know of
    ("Oui, dans certains cas." opening a paragraph), keeps it."""
    return not is_question(hit.chunk.heading) or answers_as_whole(hit, retrieval)


def readable_units(
    hits: list[Hit], tuning: CompositionTuning = DEFAULT.composition
) -> list[tuple[int, Hit, list[tuple[int, str]]]]:
    """The passages an answer may quote, with their rank and their units (FAQ
    questions aside): the best ``tuning.passages``, in the lead's language."""
    top = hits[0]
    # Citation lists ("Sources") say where facts come from, and the answer lists
    # its sources anyway: they are no answer, unless nothing else was found.
    readable = [h for h in hits if not is_citation(h.chunk)] or hits
    out = []
    for hit in readable[: tuning.passages]:
        if hit.chunk.lang == top.chunk.lang:
            named = document_words(hit.chunk)
            usable = [
                (i, u)
                for i, u in enumerate(units(hit.chunk.text))
                if not is_question(u) and not names_document(u, named, hit.chunk.lang)
            ]
            out.append((hits.index(hit), hit, usable))
    return out


def document_words(chunk: Chunk) -> set[str]:
    """The words of a passage's title and section (read once per passage)."""
    return set(tokens(f"{chunk.title} {chunk.section}", chunk.lang))


def names_document(unit: str, named: set[str], lang: str) -> bool:
    """A line that only repeats the document's title or its section
    (``document_words``), as a PDF's first line does (its loader has no
    heading to put it in): no answer, and the answer's sources name the
    document anyway. A sentence is never one, though a PDF without a title
    line lends its first line to the title."""
    if unit.rstrip().endswith((".", "!", "?", "؟", "…", "。")):
        return False
    said = set(tokens(unit, lang))
    return bool(said) and len(said & named) > RESTATED * len(said)


def quotable(usable: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Units that say something outside their FAQ question: "Oui." answers its
    own question only, never another one ("Trois jours." may)."""
    return [(i, u) for i, u in usable if len(u.split()) > 2 or offers("count", u)]


def choose(
    candidates: list[Candidate],
    tuning: CompositionTuning = DEFAULT.composition,
    lang: str = "fr",
) -> tuple[list[Chosen], float]:
    """The units to show, in display order, and the best unit's score: the best
    ones within ``sentence_margin`` of the first (``other_passage_margin`` for
    a passage other than the best one's), each once, as length allows."""
    candidates = sorted(candidates, key=lambda c: -c[0])
    best, lead = candidates[0][0], candidates[0][1]
    chosen: list[Chosen] = []
    length = 0
    for score, rank, i, unit in candidates:
        if len(chosen) >= tuning.max_sentences:
            break
        if chosen and score < best - tuning.sentence_margin:
            break
        if rank != lead and score < best - tuning.other_passage_margin:
            continue
        if any(restates(unit, text, lang) for _, _, text in chosen):
            continue
        if not chosen or length + len(unit) <= tuning.max_chars:
            chosen.append((rank, i, unit))
            length += len(unit)
    return sorted(chosen), best


def restates(a: str, b: str, lang: str) -> bool:
    """Whether one sentence says nothing the other does not: the same fact in a
    brief and in its FAQ entry, a heading restated in the text. Nearly all the
    words of the shorter are in the longer."""
    x, y = set(tokens(a, lang)), set(tokens(b, lang))
    if not x or not y:
        return a.strip() == b.strip()
    return len(x & y) > RESTATED * min(len(x), len(y))


def unit_scores(
    retrieval: Retrieval,
    hit: Hit,
    usable: list[tuple[int, str]],
    top: Hit,
    tuning: CompositionTuning = DEFAULT.composition,
) -> list[float]:
    """Each unit's fit: the model's similarity, plus the question's words it
    shares (by idf), plus what the question asks for, less the passage's rank."""
    return [
        sim
        + tuning.overlap_weight * overlap
        + tuning.passage_weight * gap
        + tuning.answer_type_bonus * asked
        - tuning.type_penalty * other_kind
        for sim, overlap, gap, asked, other_kind in unit_terms(retrieval, hit, usable, top)
    ]


def unit_terms(
    retrieval: Retrieval, hit: Hit, usable: list[tuple[int, str]], top: Hit
) -> list[tuple[float, float, float, float, float]]:
    """What ``unit_scores`` weighs, per unit: the model's similarity, the share
    of the question's idf mass it holds (0 across languages), its passage's
    score gap to the lead (<= 0), whether it holds what the question asks for
    (a detail "to be confirmed" only in the lead passage: ``offers``),
    whether it sits under an FAQ question of another kind (bench/fit_sentences.py
    fits the weights on these)."""
    if not usable:
        return []
    query = retrieval.query
    # The answer to another kind of question ("Où..." for "Qui...") is not this one's.
    other_kind = float(conflict(query.kind, question_type(hit.chunk.heading)))
    similarity = retrieval.sentence_scores([clean(u) for _, u in usable])
    same_language = hit.chunk.lang == query.lang
    return [
        (
            float(sim),
            idf_share(retrieval.weights, unit, hit.chunk.lang) if same_language else 0.0,
            hit.score - top.score,
            float(offers(query.kind, unit, pending=hit.chunk.id == top.chunk.id)),
            other_kind,
        )
        for (_, unit), sim in zip(usable, similarity, strict=True)
    ]


def idf_share(weights: dict[str, float], text: str, lang: str) -> float:
    """The share of the question's idf mass (``weights``) in words ``text`` contains."""
    total = sum(weights.values())
    if not total:
        return 0.0
    return sum(weights[t] for t in weights.keys() & set(passage_terms(text, lang))) / total


def whole_entry(
    hit: Hit, hits: list[Hit], usable: list[tuple[int, str]], retrieval: Retrieval
) -> Evidence:
    """An FAQ entry's whole answer (``shown_whole``).

    Its sentences ("Quatre partenaires : ...", "Oui.") mean something only
    under their question, which already matched this one.
    """
    chosen = [(0, i, unit) for i, unit in usable]
    best = float(np.max(retrieval.sentence_scores([clean(u) for _, _, u in chosen])))
    return Evidence(hits, chosen, best, hit.chunk.lang)


def source_of(hit: Hit) -> Source:
    chunk = hit.chunk
    return Source(chunk.title, chunk.source, chunk.section, chunk.lang, round(hit.score, 4))


def sources_of(hits: list[Hit]) -> list[Source]:
    """One source per (document, section), in rank order."""
    seen: dict[tuple[str, str], Source] = {}
    for hit in hits:
        seen.setdefault((hit.chunk.source, hit.chunk.section), source_of(hit))
    return list(seen.values())


def with_table_headers(chosen: list[Chosen], hits: list[Hit]) -> list[Chosen]:
    """``chosen`` with the first row of each table a chosen row belongs to, in
    display order: "2 | à confirmer | Imsouane | B" alone does not say which
    column is the time (the chunker carries that row into every chunk of the
    table, ``chunking.carry_table_headers``)."""
    shown = set(chosen)
    for rank, i, text in chosen:
        if not is_table_row(text):
            continue  # a passage is split again only for a quoted row
        lines = units(hits[rank].chunk.text)
        first = table_header(lines, i) if i < len(lines) else None
        if first is not None and first != i:
            shown.add((rank, first, lines[first]))
    return sorted(shown)


def extractive(evidence: Evidence, retrieval: Retrieval) -> Answer:
    """The chosen units under their lead-in, with the passages they came from
    first (and the header of a table whose row they quote)."""
    lang = retrieval.query.reply_lang
    shown = with_table_headers(evidence.units, evidence.hits)
    body = "\n".join(text for _, _, text in shown)
    used = evidence.used
    # The same document in another language is not another source.
    quoted = {s for h in used for s in retrieval.versions_of(h.chunk.source)}
    others = []
    for hit in evidence.hits:
        if hit not in used and hit.chunk.source not in quoted:
            others.append(hit)
            quoted |= retrieval.versions_of(hit.chunk.source) - {hit.chunk.source}
    documents = len({h.chunk.source for h in used})
    return Answer(
        answer=f"{lead_in(lang, evidence.passage_lang, documents)}\n{body}",
        lang=lang,
        confident=True,
        mode="extractive",
        sources=sources_of(used + others),
        units=tuple(text for _, _, text in shown),
        quoted=documents,
    )
