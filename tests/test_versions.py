"""Which documents are versions of one another, and their languages."""

from dataclasses import replace

from bot.answering.versions import languages, translated_within, translation_groups
from tests.answering_fixtures import chunk


def test_a_document_reads_in_its_passages_languages_and_its_translations() -> None:
    chunks = [
        chunk("Programme", lang="fr", source="programme.fr.md"),
        replace(
            chunk("البرنامج", lang="ar", source="programme.ar.md"),
            translation_of="programme.fr.md",
        ),
        # A notice with an Arabic part and a French part, no translation declared.
        chunk("إعلان", lang="ar", source="avis.txt", position=0),
        chunk("Avis", lang="fr", source="avis.txt", position=1),
        chunk("Brief", lang="en", source="brief.txt"),
    ]
    groups = translation_groups(chunks)
    assert groups["programme.ar.md"] == {"programme.fr.md", "programme.ar.md"}
    assert "avis.txt" not in groups
    assert languages(chunks, groups) == {
        "programme.fr.md": {"fr", "ar"},
        "programme.ar.md": {"fr", "ar"},
        "avis.txt": {"ar", "fr"},
        "brief.txt": {"en"},
    }


def test_a_document_is_its_own_translation_only_when_both_parts_are_whole() -> None:
    notice = [
        chunk(text, lang=lang, source="avis.txt", position=i)
        for i, (lang, text) in enumerate([("ar", "إعلان"), ("fr", "Avis"), ("ar", "زيارة")])
    ]
    assert translated_within(notice, "fr", "ar") and translated_within(notice, "ar", "fr")
    # A French report with a one-paragraph English abstract.
    report = [chunk("Abstract", lang="en", source="r.pdf")] + [
        chunk(f"Partie {i}", lang="fr", source="r.pdf", position=i) for i in range(1, 4)
    ]
    assert not translated_within(report, "en", "fr") and translated_within(report, "fr", "en")
    assert not translated_within(notice, "en", "ar")
    assert not translated_within(notice, "ar", "ar")  # a passage is not its own version
