"""Relayed answers kept as FAQ entries, the organiser answering in another
language than the delegate asked in, then asked for again: through the real
writer (``relayed.faq_entry``), ingest, Chroma and the model."""

import pytest

from bot.answering.replies import lead_in
from bot.config import Settings
from bot.knowledge.relayed import entry_language, entry_name, faq_entry
from bot.services import Services
from tests.conftest import write_docs

# (the delegate's question, its language, the organiser's answer)
RELAYED = (
    (
        "هل توجد صيدلية قريبة من الفندق؟",
        "ar",
        "Oui, la pharmacie Al Amal est à 200 mètres de l'hôtel, sur le boulevard "
        "Mohammed V. Elle est ouverte jusqu'à 22 h.",
    ),
    (
        "Où peut-on changer des euros en dirhams ?",
        "fr",
        "يوجد مكتب صرف في بهو الفندق، ويمكن أيضا سحب الدرهم من الشباك الآلي بجانب الاستقبال.",
    ),
    (
        "Is there a prayer room at the venue?",
        "en",
        "Oui, une salle de prière est prévue au rez-de-chaussée, à côté de la salle plénière.",
    ),
    ("Quel est le code wifi de la salle ?", "fr", "Il est affiché à l'accueil de la salle."),
    (
        "Peut-on acheter une carte SIM marocaine à l'aéroport ?",
        "fr",
        "Yes, the three Moroccan operators have desks in the arrivals hall; bring your passport.",
    ),
    (
        "واش كاين شي تخفيض فالطاكسي للمشاركين؟",
        "ar",
        "Non, il n'y a pas de tarif spécial ; les petits taxis d'Agadir sont au compteur.",
    ),
)


@pytest.fixture(scope="module")
def relayed(tmp_path_factory: pytest.TempPathFactory, e5) -> Services:
    """The relayed entries beside the small fixture knowledge, as
    ``relay.organiser_reply`` writes them."""
    from tests.conftest import FIXTURE_DOCS

    root = tmp_path_factory.mktemp("relayed")
    entries = {}
    for number, (question, asked_in, answer) in enumerate(RELAYED, start=1):
        lang = entry_language(answer, asked_in)
        entries[entry_name(number, lang)] = faq_entry(question, answer, lang, asked_in)
    knowledge = write_docs(root / "knowledge", {**FIXTURE_DOCS, **entries})
    services = Services(Settings(knowledge_dir=knowledge, data_dir=root / "data"))
    assert services.ingest().ok
    return services


@pytest.mark.parametrize(
    ("answer", "asked_in", "kept_in"),
    [
        ("Oui, la pharmacie est à 200 mètres.", "ar", "fr"),
        ("يوجد مكتب صرف في بهو الفندق.", "fr", "ar"),
        ("TERRESS2026", "fr", "fr"),  # nothing to tell: the question's
        ("14h30", "en", "en"),
        ("Salle B2", "fr", "fr"),
        ("Non.", "ar", "fr"),
    ],
)
def test_an_entry_is_kept_in_its_answers_language(answer: str, asked_in: str, kept_in: str) -> None:
    assert entry_language(answer, asked_in) == kept_in


def test_an_answer_relayed_in_french_to_an_arabic_question_is_a_french_passage(
    relayed: Services,
) -> None:
    """Kept as Arabic, it was labelled "the Arabic document" to a French
    delegate, and searched and stemmed as Arabic."""
    answer = relayed.ask("Y a-t-il une pharmacie près de l'hôtel ?")
    assert answer.confident and answer.sources[0].source == "faq/relayed/q1.fr.md"
    assert answer.sources[0].lang == "fr"
    assert answer.answer.startswith(lead_in("fr", "fr")) and "Al Amal" in answer.answer
    arabic = relayed.ask("هل توجد صيدلية قريبة من الفندق؟")  # asked again as it was
    assert arabic.confident and "Al Amal" in arabic.answer


def test_a_question_asked_again_meets_its_entry_in_the_answers_language(
    relayed: Services,
) -> None:
    """The entry's answer is Arabic, its question French; asked in Arabic with a
    word no Arabic text uses ("الأورو"), whose absence says nothing: the
    entry's question holds it, in French."""
    answer = relayed.ask("أين يمكن تغيير الأورو إلى الدرهم؟")
    assert answer.confident and answer.sources[0].source == "faq/relayed/q2.ar.md"
    assert "مكتب صرف" in answer.answer


def test_what_else_an_entry_says_is_found_across_languages(relayed: Services) -> None:
    """The taxi entry is kept in French under a Darija question about a
    discount; an Arabic delegate asks whether the taxis are metered, which
    its French answer says ("au compteur") and its question does not. Found
    on that answer, it is a lead across languages, judged on that scale (it
    was declined when read as an Arabic lead for its question's sake)."""
    answer = relayed.ask("هل سيارات الأجرة في أكادير بالعداد؟")
    assert answer.confident and answer.sources[0].source == "faq/relayed/q6.fr.md"
    assert answer.sources[0].lang == "fr" and "au compteur" in answer.answer
