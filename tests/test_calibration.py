"""The calibrated decision: its features on hand-made hits, the model file, and
the assistant's use of it. No embedding model, no Chroma."""

from dataclasses import replace

import pytest

from bot.answering.calibration import (
    FEATURES,
    DecisionModel,
    bundled,
    coverage,
    features,
    judged,
    margin,
)
from bot.answering.decide import confident
from bot.answering.pipeline import Assistant
from bot.core.tuning import DecisionTuning
from bot.core.types import Evidence, Hit
from tests.answering_fixtures import hit, retrieval


def ranked(text: str, score: float, background: float, **where) -> Hit:
    return replace(hit(text, score, **where), relative=score - background)


def evidence(*hits: Hit, unit: str | None = None, unit_score: float = 0.85) -> Evidence:
    return Evidence(list(hits), [(0, 0, unit or hits[0].chunk.text)], unit_score, "fr")


def test_margin_skips_the_lead_documents_own_translations() -> None:
    lead = ranked("Trois jours.", 0.90, 0.80, source="r.fr.md")
    twin = ranked("ثلاثة أيام.", 0.86, 0.77, lang="ar", source="r.ar.md")
    other = ranked("Le programme.", 0.85, 0.80, source="p.fr.md")
    found = retrieval("Combien de jours dure la rencontre ?", [lead, twin, other])
    assert margin([lead, twin, other], found) == pytest.approx(0.10 - 0.09)  # twin counted
    versions = {"r.fr.md": frozenset({"r.fr.md", "r.ar.md"})}
    found = retrieval("Combien de jours ?", [lead, twin, other], versions=versions)
    assert margin([lead, twin, other], found) == pytest.approx(0.10 - 0.05)  # twin skipped


def test_coverage_is_the_share_of_the_question_weight_in_the_passage() -> None:
    passage = hit("La rencontre dure trois jours à Agadir.", 0.9)
    found = retrieval("Combien de jours dure la rencontre ?", [passage])
    weights = {t: 1.0 for t in found.query.terms}
    assert coverage(passage, replace(found, weights=weights)) == pytest.approx(1.0)
    elsewhere = hit("Le réseau compte des coopératives.", 0.9)
    assert coverage(elsewhere, replace(found, weights=weights)) == 0.0
    assert coverage(passage, found) == 0.0  # no weights: nothing to share


def test_features_of_a_cross_language_lead_carry_no_lexical_signal() -> None:
    lead = ranked("اللقاء في أكادير.", 0.84, 0.78, lang="ar", source="r.ar.md")
    found = retrieval("Combien de pays participent ?", [lead], weights={"pay": 2.0}, unseen=0.9)
    values = features(evidence(lead, unit_score=0.83), found)
    assert values["cross"] == 1.0
    assert values["relative"] == pytest.approx(0.06)
    assert values["relative_cross"] == pytest.approx(0.06)
    assert values["sentence"] == pytest.approx(0.83 - 0.78)
    assert values["coverage"] == 0.0  # shared words mean nothing across languages
    assert tuple(values) == FEATURES
    assert values["kind_missing"] == 1.0  # "combien" asks for a number, none offered


def test_an_entry_found_on_its_question_in_the_askers_language_is_not_a_lead_across() -> None:
    """A relayed answer kept in English under the Arabic question it answered,
    found on that question, is matched in the asker's language and judged as
    a lead in it. Found on its English answer (the asker's question is closer
    to it), or under a French question, it is a lead across."""
    answer = "The shuttle leaves the hotel at nine."
    asked = "متى تغادر الحافلة الفندق؟"
    lead = ranked(answer, 0.86, 0.80, lang="en", source="q1.en.md", section=asked)
    lead = replace(lead, as_question=True)
    values = features(evidence(lead), retrieval(asked, [lead]))
    assert values["cross"] == 0.0 and values["relative_cross"] == 0.0
    on_answer = replace(lead, as_question=False)
    values = features(evidence(on_answer), retrieval(asked, [on_answer]))
    assert values["cross"] == 1.0 and values["relative_cross"] > 0.0
    other = ranked(
        answer, 0.86, 0.80, lang="en", source="q1.en.md", section="Quand part la navette ?"
    )
    other = replace(other, as_question=True)
    assert features(evidence(other), retrieval(asked, [other]))["cross"] == 1.0


def test_a_lead_with_a_version_in_the_question_language_is_judged_as_that_version() -> None:
    arabic = ranked("الدول المشاركة: تسع دول.", 0.84, 0.76, lang="ar", source="faq.ar.md")
    english = ranked("Nine countries take part.", 0.80, 0.77, lang="en", source="faq.en.md")
    other = ranked("The region's plan for 2045.", 0.82, 0.77, lang="en", source="plan.en.md")
    weights = {"world": 3.0, "cup": 3.0}
    found = retrieval("Who won the 2022 World Cup?", [arabic, other], weights=weights)
    assert judged(found) == [arabic, other]  # no version in English: as it was
    twin = hit("Nine countries take part.", 0.80, lang="en", source="faq.en.md")
    found = replace(found, twins={arabic.chunk.id: twin})
    lead, *rest = judged(found)
    assert lead.chunk.source == "faq.en.md" and rest == [arabic, other]
    assert lead.relative == pytest.approx(0.80 - 0.77)  # the English background, read off `other`
    values = features(evidence(lead), found)
    assert values["cross"] == 0.0 and values["relative"] == pytest.approx(0.03)
    assert values["coverage"] == 0.0  # judged on words now: none of the question's
    # The version already among the hits is taken as ranked, lexical bonus and all.
    listed = replace(found, hits=[arabic, english, other])
    assert judged(listed) == [english, arabic, other]
    # Matched through its FAQ question: so is its version, when it has one too.
    asked = replace(arabic, as_question=True, chunk=replace(arabic.chunk, section="من يشارك؟"))
    english = replace(english, chunk=replace(english.chunk, section="Who takes part?"))
    (lead, *_) = judged(replace(listed, hits=[asked, english, other]))
    assert lead.as_question and lead.chunk.source == "faq.en.md"
    # No hit in English to read its background off: judged as it was.
    alone = replace(found, hits=[arabic])
    assert judged(alone) == [arabic]
    # None among the first hits (many Arabic passages on the subject): read further down.
    lead, *rest = judged(replace(alone, further=[other]))
    assert lead.chunk.source == "faq.en.md" and rest == [arabic]
    assert lead.relative == pytest.approx(0.80 - 0.77)
    # A twin in the reply language that is not the question's says nothing more.
    french = hit("Neuf pays participent.", 0.80, source="faq.fr.md")
    assert judged(replace(found, twins={arabic.chunk.id: french})) == [arabic, other]


def test_features_see_what_the_question_asks_for() -> None:
    lead = ranked("La rencontre dure 3 jours.", 0.90, 0.80)
    found = retrieval("Combien de jours dure la rencontre ?", [lead])
    values = features(evidence(lead), found)
    assert values["kind_missing"] == 0.0 and values["cross"] == 0.0
    assert values["margin"] == pytest.approx(0.10)  # alone: its whole height


def test_a_time_to_be_confirmed_offers_a_time_only_in_the_best_passage() -> None:
    """As in the answer's sentence choice (``compose.unit_terms``)."""
    lead = ranked("Le car part de l'hôtel.", 0.90, 0.80, source="a.fr.md")
    other = ranked("L'heure de départ sera confirmée.", 0.88, 0.80, source="b.fr.md")
    found = retrieval("À quelle heure part le car ?", [lead, other])
    pending = "L'heure de départ sera confirmée."
    own = Evidence([lead, other], [(0, 0, pending)], 0.85, "fr")
    elsewhere = Evidence([lead, other], [(0, 0, lead.chunk.text), (1, 0, pending)], 0.85, "fr")
    assert features(own, found)["kind_missing"] == 0.0
    assert features(elsewhere, found)["kind_missing"] == 1.0


def test_word_coverage_is_read_for_the_lead_and_against_the_next_documents() -> None:
    lead = ranked("Neuf pays participent.", 0.84, 0.78, source="r.fr.md")
    twin = ranked("Nine countries take part.", 0.83, 0.78, lang="en", source="r.en.md")
    other = ranked("La rencontre dure trois jours.", 0.83, 0.78, source="d.fr.md")
    covers = {lead.chunk.id: 0.9, twin.chunk.id: 0.9, other.chunk.id: 0.7}
    versions = {"r.fr.md": frozenset({"r.fr.md", "r.en.md"})}
    found = retrieval(
        "ما هي الدول المشاركة؟",
        [lead, twin, other],
        versions=versions,
        word_coverage=lambda chunk: covers[chunk.id],
    )
    values = features(evidence(lead), found)
    assert values["word_coverage"] == pytest.approx(0.9)
    assert values["word_relative"] == pytest.approx(0.2)  # its translation is no other
    alone = features(evidence(lead), replace(found, hits=[lead]))
    assert alone["word_relative"] == 0.0
    unmeasured = features(evidence(lead), replace(found, word_coverage=None))
    assert unmeasured["word_coverage"] == unmeasured["word_relative"] == 0.0


def test_names_across_scripts_are_read_for_a_lead_in_another_script() -> None:
    newton = ranked("Isaac Newton worked at Cambridge.", 0.84, 0.78, lang="en")
    hooke = ranked(
        "Robert Hooke disputed Newton's optics.", 0.83, 0.78, lang="en", source="h.en.md"
    )
    found = retrieval("متى عمل نيوتن في كامبريدج؟", [newton, hooke])
    values = features(evidence(newton), found)
    # "نيوتن" and "كامبريدج" are names the passages hold: the lead holds both,
    # the next document one.
    assert values["names_gap"] == 0.0
    assert values["names_relative"] == pytest.approx(0.5)
    swapped = features(evidence(hooke), replace(found, hits=[hooke, newton]))
    assert swapped["names_gap"] == pytest.approx(0.5)
    assert swapped["names_relative"] == pytest.approx(-0.5)
    # In the question's own script the lexical coverage speaks instead.
    french = ranked("Newton publie les Principia en 1687.", 0.84, 0.78)
    same = features(evidence(french), retrieval("Quand Newton publie-t-il ?", [french]))
    assert same["names_gap"] == same["names_relative"] == 0.0


def test_names_across_look_past_the_first_hits_for_the_leads_language() -> None:
    """An English upload beside a corpus in the question's language: the first
    hits after the lead are all Arabic, so the English passages it is weighed
    against come from further down the ranking."""
    newton = ranked("Isaac Newton worked at Cambridge.", 0.84, 0.78, lang="en")
    arabic = [
        ranked(f"نص عربي عن الجامعات رقم {i}.", 0.83, 0.80, lang="ar", source=f"a{i}.ar.md")
        for i in range(3)
    ]
    hooke = ranked("Robert Hooke lived in London.", 0.80, 0.78, lang="en", source="h.en.md")
    halley = ranked("Halley worked at Cambridge.", 0.79, 0.78, lang="en", source="y.en.md")
    question = "متى عمل نيوتن في كامبريدج؟"
    found = retrieval(question, [newton, *arabic], further=[hooke, halley])
    values = features(evidence(newton), found)
    # The lead holds both names, Hooke's passage neither, Halley's one of two.
    assert values["names_gap"] == 0.0
    assert values["names_relative"] == pytest.approx(1.0 - (0.0 + 0.5) / 2)
    # Not past the first hits: nothing to weigh the lead against.
    assert features(evidence(newton), replace(found, further=[]))["names_relative"] == 0.0
    # Where the first hits hold one, it alone is the comparison.
    first = retrieval(question, [newton, hooke, *arabic], further=[halley])
    assert features(evidence(newton), first)["names_relative"] == pytest.approx(1.0)


MODEL = DecisionModel(
    names=("relative", "cross"),
    mean=(0.05, 0.5),
    scale=(0.02, 0.5),
    coef=(2.0, -0.5),
    intercept=0.0,
    threshold=0.5,
    cross_threshold=0.6,
)


def test_model_probability_grows_with_the_relative_score_and_round_trips() -> None:
    low = MODEL.probability({"relative": 0.01, "cross": 0.0})
    high = MODEL.probability({"relative": 0.09, "cross": 0.0})
    assert 0.0 < low < 0.5 < high < 1.0
    assert DecisionModel.from_json(MODEL.to_json()) == MODEL
    assert MODEL.answers({"relative": 0.09, "cross": 1.0})
    assert not MODEL.answers({"relative": 0.0, "cross": 1.0})
    # Each regime has its own operating point.
    between = {"relative": 0.0575, "cross": 1.0}
    assert 0.5 < MODEL.probability(between) < 0.6
    assert not MODEL.answers(between)
    assert replace(MODEL, cross_threshold=0.5).answers(between)


def test_the_bundled_model_reads_every_feature_the_assistant_computes() -> None:
    model = bundled()
    lead = ranked("La rencontre dure 3 jours.", 0.90, 0.80)
    found = retrieval("Combien de jours dure la rencontre ?", [lead])
    assert set(model.names) == set(features(evidence(lead), found))
    assert 0.0 < model.threshold < 1.0 and model.about


def test_confident_follows_the_model_and_keeps_the_arabizi_threshold() -> None:
    tuning = DecisionTuning()
    strong = ranked("La rencontre dure 3 jours.", 0.90, 0.80)
    weak = ranked("La rencontre dure 3 jours.", 0.90, 0.895)
    question = "Combien de jours dure la rencontre ?"
    assert confident(evidence(strong), retrieval(question, [strong]), MODEL, tuning)
    assert not confident(evidence(weak), retrieval(question, [weak]), MODEL, tuning)
    arabizi = retrieval("chhal mn nhar ghadi ydoum l'liqa2?", [weak])
    assert arabizi.query.respelled
    assert confident(evidence(weak), arabizi, MODEL, tuning)  # 0.90 >= respelled threshold


def test_the_assistant_decides_with_the_bundled_model_unless_given_one() -> None:
    assert Assistant(retriever=None).decision == bundled()
    assert Assistant(retriever=None, decision=MODEL).decision is MODEL


def test_the_off_topic_veto_overrides_the_model_only_in_the_questions_language() -> None:
    tuning = DecisionTuning()
    lead = ranked("Le lieu est Agadir.", 0.93, 0.80)
    found = retrieval("Y a-t-il un parking ?", [lead], unseen=1.0, topics={"parking": False})
    always = replace(MODEL, threshold=0.0, cross_threshold=0.0)
    assert not confident(evidence(lead), found, always, tuning)
    assert confident(evidence(lead), found, always, replace(tuning, off_topic=False))
    arabic = ranked("المكان أكادير.", 0.93, 0.80, lang="ar", source="l.ar.md")
    found = retrieval("Y a-t-il un parking ?", [arabic], unseen=1.0, topics={"parking": False})
    assert confident(evidence(arabic), found, always, tuning)


def test_the_sentence_is_measured_against_its_own_languages_background() -> None:
    # An English question led by an Arabic passage, answered from its English twin.
    arabic = ranked("تسع دول.", 0.80, 0.78, lang="ar", source="f.ar.md")
    english = ranked("Nine countries.", 0.82, 0.81, lang="en", source="f.en.md")
    found = retrieval("Which countries take part?", [arabic, english])
    answer = Evidence([english, arabic], [(0, 0, "Nine countries.")], 0.83, "en")
    assert features(answer, found)["sentence"] == pytest.approx(0.83 - 0.81)
    # The English passage ranked past the first hits: its background read there.
    deep = retrieval("Which countries take part?", [arabic], further=[english])
    assert features(answer, deep)["sentence"] == pytest.approx(0.83 - 0.81)


def test_coverage_leaves_out_the_words_that_frame_the_question() -> None:
    passage = hit("L'AIRF est l'Association internationale des régions francophones.", 0.9)
    found = retrieval("Que signifie AIRF ?", [passage])
    weights = {t: 1.0 for t in found.query.terms}
    assert len(weights) == 2  # "signifi" and "airf"
    assert coverage(passage, replace(found, weights=weights)) == pytest.approx(1.0)
