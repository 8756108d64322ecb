"""BM25 and coverage over the chunks' tokens: pure logic, no model."""

from bot.answering.query import as_searched
from bot.knowledge.lexical import LexicalIndex, without_attribution


def test_who_confirms_is_not_what_a_passage_is_about() -> None:
    assert without_attribution("Les salles sont à confirmer par les organisateurs.") == (
        "Les salles sont à confirmer."
    )
    assert without_attribution("The venue is to be confirmed by the organisers.") == (
        "The venue is to be confirmed."
    )
    assert without_attribution("المكان المحدد سيؤكده المنظمون.") == "المكان المحدد سيؤكده."
    # Elsewhere the organisers are a topic like any other.
    assert (
        without_attribution("Quatre organisateurs : l'AIRF...")
        == "Quatre organisateurs : l'AIRF..."
    )


def test_to_be_confirmed_sentences_do_not_match_the_organisers() -> None:
    index = LexicalIndex(
        [
            "Les dates exactes sont à confirmer par les organisateurs.",
            "La rencontre est organisée par quatre partenaires.",
            "التواريخ الدقيقة سيؤكدها المنظمون.",
        ],
        ["fr", "fr", "ar"],
    )
    scores = index.bm25(as_searched("Qui organise la rencontre ?", "fr").terms)
    assert scores[0] == 0 and scores[1] > 0
    # The confirmation itself still matches.
    assert index.bm25(as_searched("Quelles dates sont à confirmer ?", "fr").terms)[0] > 0
    assert index.bm25(as_searched("من هم المنظمون؟", "ar").terms)[2] == 0
