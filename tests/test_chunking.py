import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.knowledge.chunking import (
    CHUNK_SIZE,
    carry_table_headers,
    chunk_document,
    content_hash,
    split_sections,
    title_of,
)
from bot.knowledge.loaders import LoadedDocument, load
from tests.docs import UNICODE_FONT, pdf_bytes

ARABIC_PARAGRAPH = (
    "تضم جهة سوس ماسة حوالي 6000 تعاونية تنشط في الحرف التقليدية والمنتجات المحلية والسياحة "
    "القروية والصيد التقليدي، وتدعمها الجهة بتقوية القدرات وتوفير المعدات والمواد الأولية. "
)

words = st.text(
    alphabet=st.characters(min_codepoint=0x0621, max_codepoint=0x064A)
    | st.sampled_from("abcdeéèàç"),
    min_size=1,
    max_size=30,
)
paragraphs = st.lists(words, min_size=1, max_size=120).map(" ".join)
documents = st.lists(paragraphs, min_size=1, max_size=6).map("\n\n".join)


def test_sections_follow_headings() -> None:
    text = "# Titre\n\nIntro.\n\n## Jour 1\n\nOuverture.\n\n### Atelier\n\nDébat.\n"
    assert split_sections(text) == [
        ("Titre", "Intro."),
        ("Titre > Jour 1", "Ouverture."),
        ("Titre > Jour 1 > Atelier", "Débat."),
    ]


def test_title_from_front_matter_heading_or_file_name() -> None:
    assert title_of(LoadedDocument("# Heading", title="Front"), "a.md") == "Front"
    assert title_of(LoadedDocument("intro\n\n## Le programme\n"), "a.md") == "Le programme"
    assert title_of(LoadedDocument("no heading"), "briefs/foires_locales.txt") == "foires locales"


def test_chunks_keep_metadata_and_section_path() -> None:
    doc = LoadedDocument(
        "# Programme\n\n## Visites\n\nVisite d'une coopérative d'argan.\n",
        title="Programme",
        lang="fr",
        kind="programme",
        translation_of="programme.ar.md",
    )
    (chunk,) = chunk_document(doc, source="programme/p.fr.md", doc_hash="h" * 64)
    assert chunk.section == "Visites"
    assert chunk.title == "Programme"
    assert (chunk.lang, chunk.kind, chunk.translation_of) == ("fr", "programme", "programme.ar.md")
    assert chunk.source == "programme/p.fr.md"
    assert chunk.embed_text.startswith("Programme — Visites\n")


def test_an_undeclared_bilingual_document_gives_chunks_in_each_language() -> None:
    """A notice printed in Arabic with its French translation under each part,
    uploaded with no language said: each passage is searched as what it is."""
    french = (
        "La région organise une visite de terrain dans une coopérative d'huile d'argan, "
        "et un guide accompagne les délégations pendant toute la journée."
    )
    text = f"# Visite\n\n{ARABIC_PARAGRAPH}\n\n{french}\n\n## Retour\n\n{ARABIC_PARAGRAPH}\n"
    chunks = chunk_document(LoadedDocument(text), source="avis.txt", doc_hash="h" * 64)
    assert [(c.lang, c.section) for c in chunks] == [("ar", ""), ("fr", ""), ("ar", "Retour")]
    assert chunks[1].text == french and [c.position for c in chunks] == [0, 1, 2]
    # A language its author declared holds for the whole document.
    declared = chunk_document(LoadedDocument(text, lang="ar"), source="a.md", doc_hash="h" * 64)
    assert {c.lang for c in declared} == {"ar"} and len(declared) == 2


@pytest.mark.skipif(not UNICODE_FONT.exists(), reason="no TrueType font with Arabic glyphs")
def test_a_pdf_paragraph_over_its_translation_gives_a_chunk_in_each_language(tmp_path) -> None:
    french = "La visite de la coopérative d'argan dure une demi-journée, guide compris."
    path = tmp_path / "avis.pdf"
    path.write_bytes(pdf_bytes([f"{ARABIC_PARAGRAPH.strip()}\n{french}"], font=UNICODE_FONT))
    chunks = chunk_document(load(path), source="avis.pdf", doc_hash="h" * 64)
    assert [(c.lang, c.text) for c in chunks] == [("ar", ARABIC_PARAGRAPH.strip()), ("fr", french)]


def test_long_arabic_text_is_cut_between_sentences_not_words() -> None:
    doc = LoadedDocument("# عنوان\n\n" + ARABIC_PARAGRAPH * 12, lang="ar")
    chunks = chunk_document(doc, source="a.md", doc_hash="x" * 64)
    assert len(chunks) > 1
    vocabulary = set(ARABIC_PARAGRAPH.split())
    for chunk in chunks:
        assert len(chunk.text) <= CHUNK_SIZE
        assert set(chunk.text.split()) <= vocabulary  # no word was cut in two
        assert chunk.text.endswith(".")  # each chunk ends on a sentence


def test_table_rows_stay_whole() -> None:
    rows = "\n".join(
        f"| Jour {i} | Visite de la coopérative numéro {i} à Agadir |" for i in range(60)
    )
    doc = LoadedDocument(f"# Agenda\n\n| Jour | Visite |\n|---|---|\n{rows}\n", lang="fr")
    chunks = chunk_document(doc, source="a.md", doc_hash="y" * 64)
    assert len(chunks) > 1
    for chunk in chunks:
        for line in chunk.text.splitlines():
            assert re.fullmatch(r"\|.*\|", line.strip()), line
        assert "---" not in chunk.text
        # Every chunk of the table starts with its header: a row means something under it.
        assert chunk.text.splitlines()[0].strip() == "| Jour | Visite |"
    rows_kept = [line for c in chunks for line in c.text.splitlines()[1:]]
    assert {f"| Jour {i} | Visite de la coopérative numéro {i} à Agadir |" for i in range(60)} <= {
        line.strip() for line in rows_kept
    }


def test_a_table_header_is_carried_only_into_its_own_table() -> None:
    chunks = ["Jour | Visite\n1 | Port", "2 | Salon\nUne phrase.", "Autre | Tableau\nx | y"]
    assert carry_table_headers(chunks) == [
        "Jour | Visite\n1 | Port",
        "Jour | Visite\n2 | Salon\nUne phrase.",  # the table went on into it
        "Autre | Tableau\nx | y",  # a new table after a sentence keeps its own first row
    ]


def test_content_hash_changes_with_content() -> None:
    assert content_hash(b"a") == content_hash(b"a")
    assert content_hash(b"a") != content_hash(b"b")


@settings(max_examples=40, deadline=None)
@given(documents)
def test_chunks_cover_the_text_fit_and_are_stable(text: str) -> None:
    doc = LoadedDocument(text, lang="fr")
    chunks = chunk_document(doc, source="d.md", doc_hash="z" * 64)
    again = chunk_document(doc, source="d.md", doc_hash="z" * 64)
    assert [c.id for c in chunks] == [c.id for c in again]
    assert len({c.id for c in chunks}) == len(chunks)
    for chunk in chunks:
        assert chunk.text.strip()
        assert len(chunk.text) <= CHUNK_SIZE
    # Every word of the document is in some chunk (overlap may repeat some).
    covered = {w for c in chunks for w in c.text.split()}
    assert set(text.split()) <= covered
