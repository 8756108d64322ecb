"""An FAQ entry that never names what the delegate asks about gives way: on
hand-made hits, no model (``bot.answering.named``)."""

from dataclasses import dataclass, replace

from bot.answering.named import (
    asked_names,
    asks_of_another,
    holds,
    singling_out,
    without_unnamed_entries,
)
from bot.core.types import Hit
from bot.text.names import latin_names, names
from tests.answering_fixtures import hit

LENGTH = hit(
    "Trois jours, à Agadir.",
    0.92,
    source="faq.fr.md",
    section="Combien de temps dure la rencontre ?",
    as_question=True,
)
VISIT = hit(
    "The visit to the Tiznit cooperative lasts about two hours.", 0.87, lang="en", source="v.odt"
)
VENUE = hit("La rencontre Terr'ESS se tient à Agadir.", 0.85, source="programme.fr.md")


@dataclass
class Documents:
    """Each source's names as its hits' text gives them; no translations."""

    hits: list

    def names_in(self, source: str) -> frozenset[str]:
        texts = [h.chunk.embed_text for h in self.hits if h.chunk.source == source]
        return frozenset().union(*(latin_names(t) for t in texts))

    def sounds_in(self, source: str) -> frozenset[str]:
        texts = [h.chunk.embed_text for h in self.hits if h.chunk.source == source]
        return frozenset().union(*(names(t) for t in texts))

    def versions_of(self, source: str) -> frozenset[str]:
        return frozenset({source})


def entry(question: str, answer: str) -> Hit:
    """A relayed French FAQ entry leading, found on its question."""
    return hit(answer, 0.94, source="faq-relayee.fr.md", section=question, as_question=True)


def kept(hits: list, question: str, lang: str = "fr") -> list:
    return without_unnamed_entries(hits, question, lang, Documents(hits))


def test_an_entry_whose_document_never_names_the_place_asked_about_goes() -> None:
    assert kept([LENGTH, VISIT], "Combien de temps dure la visite de Tiznit ?") == [VISIT]
    # a short name is a name too, after an elision as well
    trip = hit("The journey to Aït Baha takes 90 minutes.", 0.8, lang="en", source="b.odt")
    assert kept([LENGTH, trip], "Combien de temps dure le trajet jusqu'à Aït Baha ?") == [trip]


def test_a_name_several_documents_hold_is_context() -> None:
    # "Terr'ESS" is the programme's name: the FAQ need not say it.
    other = hit("Terr'ESS réunit des régions.", 0.8, source="terress.fr.md")
    hits = [LENGTH, VENUE, other]
    assert kept(hits, "Combien de temps dure la rencontre Terr'ESS ?") == hits
    documents = Documents(hits)
    held = {h.chunk.source: documents.names_in(h.chunk.source) for h in hits}
    question = "Combien de temps dure la rencontre Terr'ESS ?"
    assert singling_out(question, "fr", hits, documents, held) == set()
    # one document alone holding it singles that one out
    assert singling_out(question, "fr", [LENGTH, VENUE], documents, held) == {"terr'ess"}


def test_an_entry_whose_document_names_it_elsewhere_stays() -> None:
    who = hit("Quatre partenaires.", 0.95, source="faq.fr.md", section="Qui organise ?")
    hits = [replace(who, as_question=True), LENGTH, VENUE]  # the FAQ says Agadir
    assert kept(hits, "Qui organise la rencontre d'Agadir ?") == hits


def test_an_entry_below_the_passage_that_names_the_place_goes_too() -> None:
    # Quoted beside the visit's own duration, "Trois jours, à Agadir." would
    # read as a second answer to the Tiznit question.
    assert kept([VISIT, LENGTH], "Combien de temps dure la visite de Tiznit ?") == [VISIT]
    # found on its answer rather than its question, it is still an FAQ entry
    on_text = replace(LENGTH, as_question=False)
    assert kept([VISIT, on_text], "Combien de temps dure la visite de Tiznit ?") == [VISIT]
    # a lead that does not hold the name asks nothing of the entries below it
    assert kept([VENUE, LENGTH, VISIT], "Combien de temps dure la visite de Tiznit ?") == [
        VENUE,
        LENGTH,
        VISIT,
    ]


def test_only_an_entry_found_on_its_question_gives_way() -> None:
    plain = replace(LENGTH, as_question=False)
    assert kept([plain, VISIT], "Combien de temps dure la visite de Tiznit ?") == [plain, VISIT]
    # a name no passage holds asks nothing of them
    hits = [LENGTH, VISIT]
    assert kept(hits, "Combien de temps dure la visite de Tafraout ?") == hits


def test_names_are_capitals_inside_a_sentence() -> None:
    assert asked_names("Combien de jours ?", [VISIT]) == set()
    found = latin_names("Oxygen is a gas. It was named by Lavoisier: Paris (France).", inside=True)
    assert found == {"lavoisier"}  # "(France)" opens a bracket: left out too
    assert latin_names("Le port d'Essaouira", inside=True) == {"essaouira"}
    # English writes its first person and its days with a capital: no names.
    assert latin_names("Can I smoke? Where I’m staying, in Tiznit?", inside=True) == {"tiznit"}
    assert latin_names("Is it open on Sundays, or on Monday?", inside=True) == set()


def test_a_day_asked_in_english_keeps_a_french_entry() -> None:
    """Only the English note on Tiznit's market writes "Sunday"; the French
    entry says "dimanche", which no name's consonants could match."""
    souk = entry("Le souk est-il ouvert le dimanche ?", "Oui, sauf le lundi.")
    market = hit("Every Sunday, the Tiznit market opens.", 0.8, lang="en", source="tiznit.en.md")
    hits = [souk, market]
    assert kept(hits, "Is the souk open on Sunday?", "en") == hits


def test_an_english_question_in_the_first_person_keeps_a_french_entry() -> None:
    """The English FAQ writes "Who can I contact on site?": were "I" a name,
    it would single out that FAQ, and the French entry would give way."""
    smoking = entry("Peut-on fumer à l'hôtel ?", "Non, l'hôtel est non-fumeur.")
    contact = hit(
        "The organisers will confirm the contacts.",
        0.8,
        lang="en",
        source="faq.en.md",
        section="Who can I contact on site?",
    )
    hits = [smoking, contact, VISIT]
    assert kept(hits, "Can I smoke in the hotel?", "en") == hits


def test_an_arabic_word_is_a_name_where_a_latin_passage_transliterates_it() -> None:
    # Arabic has no capitals: "تزنيت" is a name because the note writes "Tiznit".
    hits = [LENGTH, VISIT]
    assert asked_names("كم تدوم زيارة تزنيت؟", hits) == {"tiznit"}
    assert kept(hits, "كم تدوم زيارة تزنيت؟", "ar") == [VISIT]
    # "زمن" (time) and "Seaman" share the skeleton "smn": three consonants are chance.
    seaman = hit("The committee chaired by Robert Seaman met.", 0.8, lang="en", source="s.md")
    assert asked_names("ما الذي طلب في زمن لوثر؟", [LENGTH, seaman]) == set()


def test_an_entry_in_arabic_is_never_judged() -> None:
    arabic = hit("ثلاثة أيام.", 0.92, lang="ar", source="faq.ar.md", section="كم يدوم اللقاء؟")
    hits = [replace(arabic, as_question=True), VISIT]
    assert kept(hits, "How long is the Tiznit visit?", "en") == hits


def test_a_name_translated_keeps_its_consonants_across_languages() -> None:
    # The French FAQ writes "Maroc"; an English brief writes "Morocco".
    visa = entry("Faut-il un visa pour entrer au Maroc ?", "Cela dépend de votre nationalité.")
    brief = hit("Morocco adopted a framework law.", 0.84, lang="en", source="ess-maroc.en.md")
    hits = [visa, brief]
    assert kept(hits, "Do I need a visa to enter Morocco?", "en") == hits
    # within one language a name is compared as written: another spelling is another name
    ville = hit("La ville de Morocco, au Texas.", 0.84, source="texas.fr.md")
    assert kept([visa, ville], "Faut-il un visa pour Morocco ?", "fr") == [ville]
    # across languages too, a skeleton of fewer than three consonants meets names by chance
    assert holds(frozenset({"maroc"}), "morocco", across=True)
    assert not holds(frozenset({"maroc"}), "morocco", across=False)
    assert not holds(frozenset({"lome"}), "lima", across=True)  # both "lm"


def test_an_arabic_document_holds_a_name_it_transliterates() -> None:
    # Only the Arabic note names Tiznit, as "تيزنيت": the French entry gives way.
    trip = "Combien de temps dure le trajet de l'aéroport à Tiznit ?"
    airport = entry(
        "Combien de temps dure le trajet de l'aéroport à Agadir ?",
        "Environ trente minutes en navette.",
    )
    note = hit("ويدوم الطريق نحو تيزنيت ساعة ونصف.", 0.8, lang="ar", source="tiznit.ar.md")
    assert kept([airport, note], trip) == [note]
    # three consonants are chance: "ثلاث" (three) reads "tlt", as "Toledo" does
    three = hit("الرحلة ثلاث ساعات.", 0.8, lang="ar", source="three.ar.md")
    shuttle = entry("Combien de temps dure le trajet ?", "Environ trente minutes en navette.")
    assert kept([shuttle, three], "Combien de temps dure le trajet à Toledo ?") == [shuttle, three]


def test_an_entry_asked_of_another_name_goes_though_the_name_is_context() -> None:
    # Two documents name Senegal, so no document is singled out; but the entry
    # is about Tunisia, and its "Non" is no answer for a delegate of Senegal.
    visa = entry(
        "Les délégués de Tunisie ont-ils besoin d'un visa ?",
        "Non, les ressortissants tunisiens sont dispensés de visa.",
    )
    law = hit("Senegal adopted its law in 2021.", 0.84, lang="en", source="senegal.docx")
    countries = hit(
        "Neuf pays : Maroc, Sénégal, Tunisie...",
        0.83,
        source="faq.fr.md",
        section="Quels pays participent ?",
        as_question=True,
    )
    hits = [visa, law, countries]
    assert kept(hits, "Do delegates from Senegal need a visa?", "en") == [law, countries]
    assert kept(hits, "Les délégués du Sénégal ont-ils besoin d'un visa ?") == [law, countries]
    # the entry's own name asked, in another language's spelling: it stays
    assert kept(hits, "Do delegates from Tunisia need a visa?", "en") == hits


def test_an_entry_naming_only_what_the_asker_names_is_not_about_another() -> None:
    desk = entry("Où est l'accueil de l'Hôtel Atlas ?", "Au rez-de-chaussée.")
    assert not asks_of_another(desk, "Où est l'accueil de l'Hôtel Atlas à Agadir ?", "fr")
    assert asks_of_another(desk, "Où est l'accueil du Riad Tildi ?", "fr")
    # one name in common: the same subject, however else the two are put
    assert not asks_of_another(desk, "L'Hôtel Atlas a-t-il un accueil en Français ?", "fr")
    # an Arabic question holds it where a word has its consonants, however short
    visa = entry("Les délégués de Tunisie ont-ils besoin d'un visa ?", "Non.")
    assert not asks_of_another(visa, "هل يحتاج المندوبون من تونس إلى تأشيرة؟", "ar")
    assert asks_of_another(visa, "هل يحتاج المندوبون من السنغال إلى تأشيرة؟", "ar")
