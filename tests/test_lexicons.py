"""The per-language word lists: complete, and each list doing its job."""

import pytest

from bot.answering.query import understand
from bot.core.languages import LANGS
from bot.text.courtesy import courtesy
from bot.text.lexicons import LEXICONS
from bot.text.normalise import stopwords, tokens


def test_every_language_has_its_lexicon() -> None:
    assert set(LEXICONS) == set(LANGS)
    for lexicon in LEXICONS.values():
        for name in ("STEMMER", "STOPWORDS", "FRAME_WORDS", "GREETINGS", "THANKS"):
            assert getattr(lexicon, name), f"{lexicon.__name__}.{name}"
    assert LEXICONS["ar"].DARIJA_TO_MSA and LEXICONS["ar"].DARIJA_WORDS


@pytest.mark.parametrize("lang", LANGS)
def test_every_courtesy_phrase_is_recognised_as_what_it_is(lang: str) -> None:
    lexicon = LEXICONS[lang]
    assert all(courtesy(p) == "greeting" for p in lexicon.GREETINGS)
    assert all(courtesy(p) == "thanks" for p in lexicon.THANKS)


@pytest.mark.parametrize("lang", LANGS)
def test_stop_words_never_reach_the_index(lang: str) -> None:
    words = LEXICONS[lang].STOPWORDS.split()
    assert stopwords(lang) and tokens(" ".join(words), lang) == []


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "when where how why who what which"),
        ("fr", "quand où comment pourquoi qui quel quelle"),
        ("ar", "متى أين كيف لماذا من ماذا ما ومتى وأين فكيف"),
    ],
)
def test_question_words_are_no_search_terms_in_any_language(lang: str, words: str) -> None:
    """A question word is in no document's answer: kept as a term, it would
    count as a word the documents never use (the off-topic veto) and as one a
    passage fails to hold (the decision's coverage), in one language only."""
    assert tokens(words, lang) == []


@pytest.mark.parametrize(
    ("darija", "msa"),
    [
        ("فين غادي يكون اللقاء؟", "أين يكون اللقاء؟"),
        ("واش نقدر نزور التعاونيات؟", "هل نزور التعاونيات؟"),
        ("هل يمكنني زيارة التعاونيات؟", "هل زيارة التعاونيات؟"),
    ],
)
def test_future_and_modal_words_are_no_search_terms(darija: str, msa: str) -> None:
    """Darija's غادي becomes سوف, نقدر becomes أستطيع: like English "will" and
    "can", they name no topic, so the question searches its topic alone."""
    assert understand(darija).terms == understand(msa).terms != ()
