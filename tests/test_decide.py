"""Whether to answer, and which passage leads: on hand-made hits, no model."""

from dataclasses import replace

import pytest

from bot.answering.decide import anchor_first, confident, order, prefer_translation, threshold
from bot.core.tuning import DecisionTuning
from bot.core.types import Evidence
from tests.answering_fixtures import hit, retrieval

T = DecisionTuning()


def evidence(*hits) -> Evidence:
    return Evidence(list(hits), [(0, 0, hits[0].chunk.text)], hits[0].score, hits[0].chunk.lang)


def test_threshold_is_lower_across_languages() -> None:
    fr, ar = hit("Trois jours.", 0.9), hit("ثلاثة أيام.", 0.9, lang="ar")
    assert threshold(fr, "fr", T) == T.same_language
    assert threshold(ar, "fr", T) == T.other_language < T.same_language


def test_anchor_keeps_a_first_hit_that_clears_its_threshold() -> None:
    hits = [hit("a", 0.86), hit("b", 0.84, lang="ar", source="b.ar.md")]
    assert anchor_first(hits, "fr", T) == hits


def test_anchor_lifts_a_strong_other_language_hit_over_a_weak_first_one() -> None:
    weak = hit("a", 0.84)
    strong = hit("b", 0.83, lang="ar", source="b.ar.md")  # clears 0.815, not 0.85
    assert anchor_first([weak, strong], "fr", T) == [strong, weak]


def test_anchor_looks_no_deeper_than_its_candidates() -> None:
    hits = [hit(str(i), 0.80, source=f"{i}.fr.md") for i in range(3)]
    deep = hit("deep", 0.83, lang="ar", source="d.ar.md")
    assert anchor_first([*hits, deep], "fr", T)[0] is hits[0]
    wider = replace(T, anchor_candidates=4)
    assert anchor_first([*hits, deep], "fr", wider)[0] is deep


def test_anchor_leaves_the_order_when_nothing_clears() -> None:
    hits = [hit("a", 0.70), hit("b", 0.71, source="b.fr.md")]
    assert anchor_first(hits, "fr", T) == hits


def test_twin_in_the_reply_language_replaces_the_top_passage() -> None:
    arabic = hit("ثلاثة أيام.", 0.9, lang="ar", source="r.ar.md")
    french = hit("Trois jours.", 0.88, source="r.fr.md")
    twins = {arabic.chunk.id: french}
    assert prefer_translation([arabic], twins, "fr") == [french, arabic]
    assert prefer_translation([arabic], twins, "ar") == [arabic]  # already in the reply language
    assert prefer_translation([arabic], {}, "fr") == [arabic]  # no translation


def test_twin_of_an_faq_match_is_an_faq_match_when_it_has_a_question_heading() -> None:
    arabic = hit("نعم.", 0.95, lang="ar", source="f.ar.md", section="هل توجد زيارات؟")
    arabic = replace(arabic, as_question=True)
    french = hit("Oui.", 0.9, source="f.fr.md", section="Y a-t-il des visites ?")
    (first, _) = prefer_translation([arabic], {arabic.chunk.id: french}, "fr")
    assert first.as_question and first.chunk.source == "f.fr.md"
    plain = hit("Oui.", 0.9, source="f.fr.md", section="Visites")
    (first, _) = prefer_translation([arabic], {arabic.chunk.id: plain}, "fr")
    assert not first.as_question


def test_order_anchors_then_translates() -> None:
    weak = hit("Agadir.", 0.80)
    arabic = hit("ثلاثة أيام.", 0.83, lang="ar", source="r.ar.md")
    french = hit("Trois jours.", 0.82, source="r.fr.md")
    found = retrieval("Combien de jours dure la rencontre ?", [weak, arabic])
    found = replace(found, twins={arabic.chunk.id: french})
    anchored = replace(T, anchor=True)
    assert [h.chunk.source for h in order(found, anchored)] == ["r.fr.md", "r.ar.md", "doc.fr.md"]
    assert order(replace(found, hits=[]), anchored) == []


def test_order_keeps_the_search_ranking_unless_told_to_anchor() -> None:
    # The search already ranks each language on its own background (Hit.relative).
    first = hit("Agadir.", 0.80)
    arabic = hit("ثلاثة أيام.", 0.83, lang="ar", source="r.ar.md")
    assert not T.anchor
    assert order(retrieval("Combien de jours ?", [first, arabic]), T) == [first, arabic]


def test_confident_on_a_passage_above_its_threshold() -> None:
    top = hit("La rencontre dure trois jours.", 0.86)
    found = retrieval("Combien de jours dure la rencontre ?", [top])
    assert confident(evidence(top), found, T)
    assert not confident(evidence(replace(top, score=0.84)), found, T)


def test_an_unknown_noun_declines_unless_the_passage_is_near_certain() -> None:
    top = hit("Le lieu est Agadir.", 0.93)
    found = retrieval("Y a-t-il un parking ?", [top], unknown_topics=("parking",))
    assert not confident(evidence(top), found, T)
    assert confident(evidence(replace(top, score=0.96)), found, T)


def test_mostly_unseen_words_decline_unless_the_passage_is_strong() -> None:
    top = hit("Le vol.", 0.88)
    found = retrieval("Prix du billet d'avion ?", [top], unseen=0.8)
    assert not confident(evidence(top), found, T)
    assert confident(evidence(replace(top, score=0.91)), found, T)
    assert confident(evidence(top), replace(found, unseen=0.5), T)


def test_absent_words_say_nothing_about_a_passage_in_another_language() -> None:
    top = hit("حوالي 6000 تعاونية.", 0.83, lang="ar", source="c.ar.md")
    found = retrieval("Combien de coopératives ?", [top], unseen=0.9, unknown_topics=("x",))
    assert confident(evidence(top), found, T)


def test_arabizi_has_its_own_threshold_and_ignores_absent_words() -> None:
    top = hit("اللقاء يدوم ثلاثة أيام.", 0.83, lang="ar", source="r.ar.md")
    found = retrieval("chhal mn nhar ghadi ykoun l-liqa2?", [top], unseen=0.9)
    assert found.query.respelled
    assert confident(evidence(top), found, T)
    assert not confident(evidence(replace(top, score=0.81)), found, T)


@pytest.mark.parametrize(("same", "expected"), [(0.84, True), (0.87, False)])
def test_thresholds_come_from_the_tuning_passed_in(same: float, expected: bool) -> None:
    top = hit("La rencontre dure trois jours.", 0.86)
    found = retrieval("Combien de jours dure la rencontre ?", [top])
    assert confident(evidence(top), found, replace(T, same_language=same)) is expected
