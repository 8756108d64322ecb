import re
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from telegram.constants import MessageLimit

from bot.core.types import Answer, Source
from bot.tg.formatting import (
    RLM,
    TEXT_LIMIT,
    isolate,
    plain_length,
    render_answer,
    render_text,
    rtl,
    split_text,
)

arabic_words = st.text(
    alphabet=st.characters(min_codepoint=0x0621, max_codepoint=0x064A), min_size=1, max_size=12
)
french_words = st.text(alphabet="abcdéèàçôï<>&'\"", min_size=1, max_size=12)
long_words = st.text(alphabet="x", min_size=50, max_size=300)
texts = st.lists(
    st.one_of(
        arabic_words, french_words, long_words, st.sampled_from([".", "؟", "\n", "\n\n", "،"])
    ),
    max_size=400,
).map(" ".join)


def test_limit_is_telegrams() -> None:
    assert TEXT_LIMIT == MessageLimit.MAX_TEXT_LENGTH


@settings(max_examples=60, deadline=None)
@given(texts, st.integers(min_value=20, max_value=400))
def test_split_text_fits_loses_nothing_and_cuts_no_word(text: str, limit: int) -> None:
    pieces = split_text(text, limit)
    assert all(0 < len(p) <= limit for p in pieces)
    assert re.sub(r"\s+", "", "".join(pieces)) == re.sub(r"\s+", "", text)
    words = text.split()
    for piece in pieces:
        for word in piece.split():
            # A piece holds whole words, except a single word longer than the limit.
            assert word in words or len(max(words, key=len)) > limit


def test_split_prefers_paragraphs_then_sentences() -> None:
    text = "Premier paragraphe. Deuxième phrase.\n\nSecond paragraphe."
    assert split_text(text, 40) == ["Premier paragraphe. Deuxième phrase.", "Second paragraphe."]
    arabic = "جملة أولى طويلة نوعا ما. جملة ثانية؟ جملة ثالثة."
    assert split_text(arabic, 30) == ["جملة أولى طويلة نوعا ما.", "جملة ثانية؟ جملة ثالثة."]


def test_html_is_escaped_after_cutting() -> None:
    answer = Answer(answer="Salle <A> & « B » " * 400, lang="fr", confident=True)
    pieces = render_answer(answer)
    assert len(pieces) > 1
    for piece in pieces:
        assert plain_length(piece) <= TEXT_LIMIT
        assert "<A>" not in piece and "&lt;A&gt;" in piece
        assert not re.search(r"&[a-z]*$", piece)  # no entity cut in two


def test_sources_follow_the_answer_and_fit() -> None:
    answer = Answer(
        answer="La rencontre dure trois jours.",
        lang="fr",
        confident=True,
        sources=[Source("La rencontre d'Agadir", "p.md", "Durée", "fr", 0.9)],
    )
    (message,) = render_answer(answer)
    assert message == "La rencontre dure trois jours.\n\n📄 <i>La rencontre d'Agadir</i> — Durée"


def test_the_pages_of_one_document_make_one_source_line() -> None:
    """Three pages of one PDF under an answer would hide the next document."""
    pdf = [Source("Le cadre juridique", "loi.fr.pdf", f"p. {n}", "fr", 0.9) for n in (2, 4, 2, 3)]
    other = Source("Le programme Terr'ESS", "terress.fr.md", "", "fr", 0.8)
    answer = Answer(answer="Le Sénégal a adopté une loi en 2021.", lang="fr", confident=True)
    (message,) = render_answer(replace(answer, sources=[*pdf, other]))
    assert message.endswith(
        "\n\n📄 <i>Le cadre juridique</i> — p. 2 · p. 4 · p. 3\n📄 <i>Le programme Terr'ESS</i>"
    )
    (message,) = render_answer(replace(answer, lang="ar", sources=[*pdf, other]))
    pages = " · ".join(isolate(f"p. {n}") for n in (2, 4, 3))
    assert f"{RLM}📄 <i>{isolate('Le cadre juridique')}</i> — {pages}\n" in message


def test_long_answer_keeps_sources_within_the_limit() -> None:
    text = ("جملة عربية طويلة عن الاقتصاد الاجتماعي والتضامني. " * 200).strip()
    answer = Answer(
        answer=text, lang="ar", confident=True, sources=[Source("T" * 200, "s", "S", "fr", 1)] * 3
    )
    pieces = render_answer(answer)
    assert all(plain_length(p) <= TEXT_LIMIT for p in pieces)
    assert "📄" in pieces[-1]
    assert "".join(p.replace(RLM, "") for p in pieces).count("جملة عربية") == 200


def test_arabic_lines_are_marked_right_to_left() -> None:
    assert rtl("Terr'ESS برنامج\n2045 أفق", "ar") == f"{RLM}Terr'ESS برنامج\n{RLM}2045 أفق"
    assert rtl("Terr'ESS programme", "fr") == "Terr'ESS programme"
    (message,) = render_answer(
        Answer(
            answer="2045 هو أفق التصميم.",
            lang="ar",
            confident=True,
            sources=[Source("Le cadre <stratégique>", "b.md", "Contexte", "fr", 0.9)],
        )
    )
    assert message.startswith(RLM + "2045")
    assert "\u2068Le cadre &lt;stratégique&gt;\u2069" in message


def test_render_text_escapes_and_splits() -> None:
    pieces = render_text("<b>non</b> " * 1000, "fr")
    assert all("<b>" not in p and plain_length(p) <= TEXT_LIMIT for p in pieces)
