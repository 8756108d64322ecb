"""An FAQ entry that never names what the delegate asks about gives way: on
hand-made hits, no model (``bot.answering.named``)."""

from dataclasses import replace

from bot.answering.named import asked_names, without_unnamed_entries
from bot.text.names import names, proper_names, skeleton
from tests.answering_fixtures import hit

FAQ = "faq.fr.md"
LENGTH = hit(
    "Trois jours, à Agadir.",
    0.92,
    source=FAQ,
    section="Combien de temps dure la rencontre ?",
    as_question=True,
)
VISIT = hit(
    "The visit to the Tiznit cooperative lasts about two hours.",
    0.87,
    lang="en",
    source="visit.odt",
)
TITLED = {
    VISIT.chunk.source: names(VISIT.chunk.embed_text),
    FAQ: names("Combien de temps dure la rencontre ? Trois jours, à Agadir."),
}


def by_source(source: str) -> frozenset[str]:
    return TITLED.get(source, frozenset())


def test_an_entry_whose_document_never_names_the_place_asked_about_goes() -> None:
    hits = [LENGTH, VISIT]
    kept = without_unnamed_entries(hits, "Combien de temps dure la visite de Tiznit ?", by_source)
    assert kept == [VISIT]


def test_an_entry_whose_document_names_it_elsewhere_stays() -> None:
    # The FAQ entry says nothing of Agadir's organisers, the FAQ names Agadir.
    who = hit("Quatre partenaires.", 0.95, source=FAQ, section="Qui organise ?", as_question=True)
    hits = [who, VISIT]
    assert without_unnamed_entries(hits, "Qui organise la rencontre d'Agadir ?", by_source) == hits


def test_only_a_lead_found_on_its_question_gives_way() -> None:
    plain = hit("Trois jours, à Agadir.", 0.92, source=FAQ, section="Durée")
    hits = [plain, VISIT]
    assert (
        without_unnamed_entries(hits, "Combien de temps dure la visite de Tiznit ?", by_source)
        == hits
    )
    # a name no passage holds asks nothing of them
    hits = [LENGTH, VISIT]
    assert (
        without_unnamed_entries(hits, "Combien de temps dure la visite de Tafraout ?", by_source)
        == hits
    )


def test_the_first_word_of_a_question_is_no_name() -> None:
    hits = [hit("Combien ? Trois.", 0.9)]
    assert asked_names("Combien de jours ?", hits) == []
    assert asked_names("Quand part le car de Combien ?", hits) != []


def test_an_arabic_word_is_a_name_where_a_latin_passage_transliterates_it() -> None:
    # Arabic has no capitals: "تزنيت" is a name because the note writes "Tiznit".
    hits = [LENGTH, VISIT]
    asked = asked_names("كم تدوم زيارة تزنيت؟", hits)
    assert len(asked) == 1
    kept = without_unnamed_entries(hits, "كم تدوم زيارة تزنيت؟", by_source)
    assert kept == [VISIT]
    # the other words of the question meet no Latin name: nothing is asked
    assert asked_names("كم تدوم الزيارة؟", hits) == []


def test_a_capital_opening_a_sentence_is_no_name() -> None:
    found = proper_names("Oxygen is a gas. It was named by Lavoisier: Paris (France).")
    assert found == {skeleton("Lavoisier")}  # "(France)" opens a bracket: left out too


def test_an_entry_in_arabic_is_never_judged() -> None:
    # Names are read in Latin letters only: an Arabic entry may write any of them.
    arabic = hit("ثلاثة أيام.", 0.92, lang="ar", source="faq.ar.md", section="كم يدوم اللقاء؟")
    hits = [replace(arabic, as_question=True), VISIT]
    assert without_unnamed_entries(hits, "How long is the Tiznit visit?", by_source) == hits


def test_an_arabic_word_meeting_a_short_name_by_chance_is_none() -> None:
    # "زمن" (time) and "Seaman" share the skeleton "smn": three consonants.
    seaman = hit("The committee chaired by Robert Seaman met twice.", 0.8, lang="en", source="s.md")
    assert asked_names("ما الذي طلب في زمن لوثر؟", [LENGTH, seaman]) == []
