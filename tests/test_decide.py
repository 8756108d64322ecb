"""Which passage leads and whether to answer: on hand-made hits, no model
(the calibrated model's own tests are in tests/test_calibration.py)."""

from dataclasses import replace

from bot.answering.calibration import DecisionModel
from bot.answering.decide import (
    confident,
    of_the_present,
    off_topic,
    order,
    prefer_translation,
)
from bot.answering.versions import written_in
from bot.core.tuning import DecisionTuning
from bot.core.types import Evidence
from tests.answering_fixtures import hit, retrieval

T = DecisionTuning()
# A model that answers whatever it is shown: the veto and the Arabizi rule alone decide.
ALWAYS = DecisionModel(("score",), (0.0,), (1.0,), (0.0,), 0.0, 0.0, 0.0)


def evidence(*hits) -> Evidence:
    return Evidence(list(hits), [(0, 0, hits[0].chunk.text)], hits[0].score, hits[0].chunk.lang)


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


def test_order_keeps_the_search_ranking_then_translates() -> None:
    # The search already ranks each language on its own background (Hit.relative).
    first = hit("Agadir.", 0.80)
    arabic = hit("ثلاثة أيام.", 0.83, lang="ar", source="r.ar.md")
    french = hit("Trois jours.", 0.82, source="r.fr.md")
    found = retrieval("Combien de jours ?", [first, arabic])
    assert order(found) == [first, arabic]
    found = retrieval("Combien de jours ?", [arabic, first], twins={arabic.chunk.id: french})
    assert [h.chunk.source for h in order(found)] == ["r.fr.md", "r.ar.md", "doc.fr.md"]
    assert order(replace(found, hits=[])) == []


def test_an_unknown_noun_declines_unless_the_passage_is_near_certain() -> None:
    top = hit("Le lieu est Agadir.", 0.93)
    found = retrieval("Y a-t-il un parking ?", [top], unseen=1.0, topics={"parking": False})
    assert off_topic(evidence(top), found, T)
    assert not confident(evidence(top), found, ALWAYS, T)
    assert not off_topic(evidence(replace(top, score=0.96)), found, T)
    assert confident(evidence(top), found, ALWAYS, replace(T, off_topic=False))


def test_an_unknown_noun_alone_does_not_decline_when_most_words_are_known() -> None:
    """ "المشاركات" is in no document in that form, the rest of the question
    is: the passage that says it otherwise may still answer."""
    top = hit("شارك أربعون مشاركا في ورشات الملتقى.", 0.86, lang="ar", source="p.ar.md")
    question = "كم عدد المشاركات في ورشات الملتقى؟"
    found = retrieval(question, [top], unseen=0.4, topics={"المشاركات": False})
    assert not off_topic(evidence(top), found, T)
    assert off_topic(evidence(top), replace(found, unseen=0.8), T)


def test_unseen_words_say_nothing_of_an_entry_whose_question_is_in_another_language() -> None:
    """A relayed entry kept in Arabic under the French question it answered:
    the Arabic asker's "الأورو" is in no Arabic text, and is in its question
    ("euros"). The same entry under an Arabic question is read as before."""
    question = "أين يمكن تغيير الأورو إلى الدرهم؟"
    answer = "يوجد مكتب صرف في بهو الفندق."
    crossed = hit(answer, 0.89, lang="ar", source="q3.ar.md", section="Où changer des euros ?")
    found = retrieval(question, [crossed], unseen=0.75, topics={"الأورو": False})
    assert written_in(crossed.chunk) == {"ar", "fr"}
    assert not off_topic(evidence(crossed), found, T)
    own = hit(answer, 0.89, lang="ar", source="q3.ar.md", section="أين أصرف النقود؟")
    assert written_in(own.chunk) == {"ar"}
    assert off_topic(evidence(own), replace(found, hits=[own]), T)


def test_an_unknown_noun_in_a_follow_up_declines_on_its_own() -> None:
    """ "et la météo ?" after "Combien de pays participent ?" is searched with
    the last question's words, which dilute its unseen share: its own noun is
    the new topic."""
    top = hit("Neuf pays participent.", 0.91)
    found = retrieval("et la météo pays participent ?", [top], unseen=0.4, topics={"météo": False})
    assert not off_topic(evidence(top), found, T)
    followup = replace(found, query=replace(found.query, followup=True))
    assert off_topic(evidence(top), followup, T)
    assert not off_topic(evidence(replace(top, score=0.96)), followup, T)


def test_mostly_unseen_words_decline_unless_the_passage_is_strong() -> None:
    top = hit("Le vol.", 0.88)
    found = retrieval("Prix du billet d'avion ?", [top], unseen=0.8)
    assert off_topic(evidence(top), found, T)
    assert not off_topic(evidence(replace(top, score=0.91)), found, T)
    assert not off_topic(evidence(top), replace(found, unseen=0.5), T)


def test_unseen_words_are_no_topic_when_every_noun_of_the_question_is_known() -> None:
    """ "start" is in no document ("opened on a Monday"); "gathering" is: the
    question is on the documents' topic, put in other words."""
    top = hit("The gathering lasts three days and opened on a Monday.", 0.88, lang="en")
    found = retrieval("When does the gathering start?", [top], unseen=0.75)
    assert off_topic(evidence(top), found, T)  # no noun found: the unseen share decides
    known = replace(found, topics={"gathering start": True})
    assert not off_topic(evidence(top), known, T)
    unknown = replace(known, topics={"gathering start": True, "parking": False})
    assert off_topic(evidence(top), unknown, T)


def test_absent_words_say_nothing_about_a_passage_in_another_language() -> None:
    top = hit("حوالي 6000 تعاونية.", 0.83, lang="ar", source="c.ar.md")
    found = retrieval("Combien de coopératives ?", [top], unseen=0.9, topics={"x": False})
    assert not off_topic(evidence(top), found, T)
    assert confident(evidence(top), found, ALWAYS, T)


def test_arabizi_has_its_own_threshold_and_ignores_absent_words() -> None:
    top = hit("اللقاء يدوم ثلاثة أيام.", 0.83, lang="ar", source="r.ar.md")
    found = retrieval("chhal mn nhar ghadi ykoun l-liqa2?", [top], unseen=0.9)
    assert found.query.respelled
    assert confident(evidence(top), found, ALWAYS, T)
    assert not confident(evidence(replace(top, score=0.81)), found, ALWAYS, T)
    assert confident(evidence(replace(top, score=0.81)), found, ALWAYS, replace(T, respelled=0.8))


def test_today_is_a_documents_present_only_where_its_answer_speaks_of_now() -> None:
    members = hit("La coopérative compte aujourd'hui 140 adhérentes.", 0.9)
    founded = hit("La coopérative a été créée en 2004.", 0.9)
    today = retrieval("How many members does the cooperative have today?", [members]).query
    assert of_the_present(evidence(members), today)
    assert not of_the_present(evidence(founded), today)
    assert not of_the_present(None, today)
    tomorrow = retrieval("Combien d'adhérentes aujourd'hui et demain ?", [members]).query
    assert not of_the_present(evidence(members), tomorrow)
    # A question that asks for nothing a sentence shows is the programme's.
    visit = retrieval("Y a-t-il une visite de la coopérative aujourd'hui ?", [members]).query
    assert not of_the_present(evidence(members), visit)
