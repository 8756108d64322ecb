"""The extractive answer on hand-made hits and given similarities: no model."""

from dataclasses import replace
from types import SimpleNamespace

import pytest

from bot.answering.compose import (
    answers_as_whole,
    choose,
    document_words,
    extractive,
    gather,
    is_citation,
    names_document,
    restates,
    sources_of,
    unit_scores,
    with_table_headers,
)
from bot.answering.retell import retell
from bot.core.tuning import CompositionTuning
from bot.text.units import units, without_reply_word
from tests.answering_fixtures import chunk, hit, retrieval

T = CompositionTuning()
DURATION = "Combien de jours dure la rencontre ?"


def test_units_split_sentences_and_keep_a_list_with_its_lead_in() -> None:
    text = (
        "Première phrase. Deuxième phrase ?\nLes programmes visent à :\n- former\n- équiper\n\nFin."
    )
    assert units(text) == [
        "Première phrase.",
        "Deuxième phrase ?",
        "Les programmes visent à :\n- former\n- équiper",
        "Fin.",
    ]


@pytest.mark.parametrize(
    ("lead_in", "items"),
    [
        ("L'inscription se fait en trois étapes :", ["1. remplir le formulaire ;", "2) signer."]),
        ("Documents à apporter :", ["▪ le passeport ;", "– la lettre d'invitation."]),
        ("الوثائق المطلوبة:", ["١- جواز السفر", "٢- رسالة الدعوة", "أ) نسخة من التذكرة"]),
        ("Options:", ["a) a coach", "b) a taxi"]),
    ],
)
def test_a_numbered_or_otherwise_marked_list_stays_with_its_lead_in(
    lead_in: str, items: list[str]
) -> None:
    assert units("\n".join([lead_in, *items, "Fin."])) == ["\n".join([lead_in, *items]), "Fin."]


def test_a_year_a_date_or_an_initial_does_not_start_a_list_item() -> None:
    text = "Étapes :\n2024. Une année.\n10-12 mars. Trois jours.\nM. Alaoui ouvre."
    assert units(text) == [
        "Étapes :",
        "2024.",
        "Une année.",
        "10-12 mars.",
        "Trois jours.",
        "M. Alaoui ouvre.",
    ]


def test_units_cut_arabic_sentences_at_arabic_punctuation() -> None:
    assert units("تضم الجهة 6000 تعاونية. هل هذا كثير؟ نعم") == [
        "تضم الجهة 6000 تعاونية.",
        "هل هذا كثير؟",
        "نعم",
    ]


def test_an_initial_or_a_title_does_not_end_a_sentence() -> None:
    # "M. Alaoui" and "John C. Messenger" are one sentence each; so is an Arabic
    # road "ط. و. 99" (initials), but a year's era "1955 م." ends one.
    assert units("Le réseau est présidé par M. Alaoui. Il compte 40 membres.") == [
        "Le réseau est présidé par M. Alaoui.",
        "Il compte 40 membres.",
    ]
    assert units("Translated by John C. Messenger in 1920. It is sung.") == [
        "Translated by John C. Messenger in 1920.",
        "It is sung.",
    ]
    assert units("وتمتد على طول ط. و. 99 نحو الجنوب. ثم تعود.") == [
        "وتمتد على طول ط. و. 99 نحو الجنوب.",
        "ثم تعود.",
    ]
    assert units("توفي عام 1955 م. ثم دفن في القاهرة.") == [
        "توفي عام 1955 م.",
        "ثم دفن في القاهرة.",
    ]
    # A letter that ends a lower-case sentence is not an initial, nor is a unit.
    assert units("Choose plan A. Then pay.") == ["Choose plan A.", "Then pay."]
    assert units("La vis mesure 5 m. Puis on serre.") == ["La vis mesure 5 m.", "Puis on serre."]
    # A number after a unit or after a sentence's last word still starts one.
    assert len(units("La vis mesure 5 m. 20 vis suffisent.")) == 2
    assert len(units("Le budget a baissé. 2011 fut pire.")) == 2


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Such as Jacques Lefevre (c. 1455–1536).", "The Gallicans won."),
        ("It consumes approx. 4 kg of steam per kWh.", "It is efficient."),
        ("Il publie deux tomes en 1795 (Vol. 1, Vol. 2).", "Ils sont lus."),
        ("Voir l'art. 5 de la loi et la p. 12 du guide.", "Puis signer."),
        ("مثل جاك لوفيفر (c. 1455–1536).", "حقق الغاليانيون نصرا."),
    ],
)
def test_an_abbreviation_before_a_number_does_not_end_a_sentence(first: str, second: str) -> None:
    # "c. 1455" is "about 1455": cut there, the fragment "(c." could be quoted.
    assert units(f"{first} {second}") == [first, second]


def test_a_sources_section_is_a_citation() -> None:
    assert is_citation(chunk("AIRF, 2024.", section="Brief > Sources"))
    assert is_citation(chunk("...", section="المصادر", lang="ar"))
    assert not is_citation(chunk("...", section="Contexte"))


def test_a_line_repeating_the_title_is_no_answer() -> None:
    # A PDF's first line is its title, and stays in the page's text.
    title = "Fiche bonne pratique : la monnaie locale de la région de Liège"
    lead = replace(
        chunk(f"{title}\nElle est acceptée par 300 commerçants.", section="p. 1"), title=title
    )
    named = document_words(lead)
    assert names_document(title, named, "fr")
    assert not names_document(
        "La monnaie locale de Liège est acceptée par 300 commerçants.", named, "fr"
    )
    found = retrieval("Combien de commerçants acceptent la monnaie locale ?", [], table={})
    top = replace(hit("", 0.9), chunk=lead)
    evidence = gather([top], found, T)
    assert [u for _, _, u in evidence.units] == ["Elle est acceptée par 300 commerçants."]
    title_ar = "تعاونية نساء الأطلس لإنتاج زيت الأركان"
    ar = document_words(replace(chunk("...", lang="ar"), title=title_ar))
    assert names_document(title_ar, ar, "ar") and not names_document(
        "تضم التعاونية 84 امرأة.", ar, "ar"
    )
    # A PDF that opens on a sentence lends it to the title: it stays an answer.
    opening = "Le réseau compte 1 240 femmes."
    assert not names_document(opening, document_words(replace(chunk(opening), title=opening)), "fr")


def test_the_best_sentence_wins_and_questions_in_documents_are_skipped() -> None:
    top = hit("La rencontre dure trois jours. Quelle est sa durée ? Elle se tient à Agadir.", 0.9)
    found = retrieval(DURATION, [top], table={"trois": 0.90, "Agadir": 0.70, "durée": 0.99})
    evidence = gather([top], found, T)
    assert [u for _, _, u in evidence.units] == ["La rencontre dure trois jours."]
    assert evidence.unit_score >= 0.90 and evidence.passage_lang == "fr"


def test_sentences_within_the_margin_join_the_best_in_document_order() -> None:
    top = hit("Elle s'ouvre un lundi matin. La rencontre dure trois jours pleins.", 0.9)
    # "trois jours" gains 0.03 as a duration: 0.93 against 0.92.
    found = retrieval(DURATION, [top], table={"trois": 0.90, "lundi": 0.92})
    evidence = gather([top], found, T)
    assert [i for _, i, _ in evidence.units] == [0, 1]
    narrow = replace(T, sentence_margin=0.0)
    assert len(gather([top], found, narrow).units) == 1


def test_a_lower_passage_pays_for_its_rank() -> None:
    first = hit("La rencontre dure trois jours pleins.", 0.90, source="a.fr.md")
    second = hit("La rencontre dure trois jours à Agadir.", 0.70, source="b.fr.md")
    found = retrieval(DURATION, [first, second], table={"trois": 0.9})
    (rank, _, _), *_ = gather([first, second], found, T).units
    assert rank == 0
    # 0.5 x 0.20 = 0.10 below: out of the margin
    assert T.sentence_margin < 0.10
    assert len(gather([first, second], found, T).units) == 1
    closer = replace(second, score=0.86)  # 0.02 below: in it
    assert len(gather([first, closer], found, T).units) == 2


def test_another_documents_sentence_stays_out_when_the_lead_names_what_is_asked() -> None:
    first = hit(
        "La coopérative de Taroudant est dirigée par Khadija Amrani.", 0.9, source="t.fr.md"
    )
    second = hit("Le directeur de l'AIRF a salué une occasion d'échange.", 0.9, source="r.fr.md")
    found = retrieval(
        "Qui dirige la coopérative de Taroudant ?",
        [first, second],
        table={"Taroudant": 0.9, "AIRF": 0.9},
    )
    assert [rank for rank, _, _ in gather([first, second], found, T).units] == [0]
    # Naming the same place, it is about the same thing.
    third = hit("Taroudant accueille la foire de l'argan au printemps.", 0.9, source="f.fr.md")
    found = retrieval(
        "Qui dirige la coopérative de Taroudant ?", [first, third], table={"Taroudant": 0.9}
    )
    assert [rank for rank, _, _ in gather([first, third], found, T).units] == [0, 1]


def test_only_passages_in_the_top_passage_language_give_sentences() -> None:
    first = hit("La rencontre dure trois jours.", 0.9)
    arabic = hit("يدوم اللقاء ثلاثة أيام كاملة.", 0.9, lang="ar", source="r.ar.md")
    found = retrieval(DURATION, [first, arabic], table={"يدوم": 0.99, "trois": 0.9})
    evidence = gather([first, arabic], found, T)
    assert {rank for rank, _, _ in evidence.units} == {0}


def test_a_count_question_gets_a_number_from_the_next_passage() -> None:
    # The opening sentence reads closest; the row of the next passage holds
    # the number, outside the other passage's margin, inside the sentence one.
    opening = "In Thiès, community health mutuals pay part of their members' care."
    first = hit(opening, 0.93, lang="en", source="thies.docx")
    table = hit("Department | Members\nThiès | 22,000", 0.92, lang="en", source="thies.docx")
    question = "How many members do the health mutuals in Thiès have?"
    found = retrieval(question, [first, table], table={"care": 0.9, "22,000": 0.82})
    units = [text for _, _, text in gather([first, table], found, T).units]
    assert units == [opening, "Thiès | 22,000"]


def test_a_bare_yes_answers_only_its_own_faq_question() -> None:
    faq = hit("Oui.", 0.92, section="Y a-t-il un parking ?", as_question=True)
    assert gather([faq], retrieval("Quelles visites sont prévues ?", [faq]), T) is None
    evidence = gather([faq], retrieval("Y a-t-il un parking ?", [faq]), T)
    assert [u for _, _, u in evidence.units] == ["Oui."]


@pytest.mark.parametrize(
    ("unit", "shown"),
    [
        ("Yes, the secretariat keeps laptops.", "The secretariat keeps laptops."),
        ("Non, le parking est payant.", "Le parking est payant."),
        ("نعم، الخدمة متوفرة في الفندق.", "الخدمة متوفرة في الفندق."),
        ("لا، لا يوجد مسبح.", "لا يوجد مسبح."),
        ("No. Only registered delegates.", "No. Only registered delegates."),  # a unit of its own
        ("Nonobstant, la règle vaut.", "Nonobstant, la règle vaut."),
        ("Non-members pay.", "Non-members pay."),
    ],
)
def test_a_reply_word_is_taken_off_a_sentence_quoted_for_another_question(
    unit: str, shown: str
) -> None:
    assert without_reply_word(unit) == shown


def test_an_faq_entry_is_quoted_whole_under_a_question_of_its_form() -> None:
    text = "Quatre partenaires : l'AIRF, l'AMR. La région Souss-Massa accueille."
    faq = hit(text, 0.93, section="Qui organise la rencontre ?", as_question=True)
    found = retrieval("Qui organise la rencontre d'Agadir ?", [faq])
    assert answers_as_whole(faq, found)
    assert len(gather([faq], found, T).units) == 2
    where = retrieval("Où se déroule la rencontre ?", [faq])
    assert not answers_as_whole(faq, where)


def test_an_entry_quoted_whole_names_every_topic_of_the_question() -> None:
    """An entry close to the question and of its form answers another question
    when it never names what is asked: its "Yes" is not quoted for it."""
    visits = hit(
        "Yes. Meetings and field visits are planned. The sites are to be confirmed.",
        0.93,
        section="Are there field visits?",
        as_question=True,
        lang="en",
    )
    interpreter = retrieval("Will there be an interpreter during the field visits?", [visits])
    assert not answers_as_whole(visits, interpreter)
    assert "Yes." not in [u for _, _, u in gather([visits], interpreter, T).units]
    # A follow-up is searched with the last question's words: the model decides.
    again = replace(interpreter, query=replace(interpreter.query, followup=True))
    assert answers_as_whole(visits, again)
    # A topic its answer names is the entry's too ("meeting" in "Meetings").
    assert answers_as_whole(visits, retrieval("Are there visits during the meeting?", [visits]))
    laundry = hit(
        "نعم، الخدمة متوفرة في الفندق على نفقة المشارك.",
        0.86,
        section="هل توجد خدمة غسل الملابس في الفندق؟",
        as_question=True,
        lang="ar",
        source="faq.ar.md",
    )
    pool = retrieval("هل يوجد مسبح في الفندق؟", [laundry])  # a pool
    assert not answers_as_whole(laundry, pool)
    assert [u for _, _, u in gather([laundry], pool, T).units] == [
        "الخدمة متوفرة في الفندق على نفقة المشارك."
    ]
    asked = retrieval("هل هناك خدمة لغسل الملابس في الفندق؟", [laundry])
    assert answers_as_whole(laundry, asked)
    assert gather([laundry], asked, T).units[0][2].startswith("نعم، ")


def test_a_reply_word_stays_where_it_answers_the_asker_or_no_known_question() -> None:
    """A paragraph under no question keeps its "Oui,"; so does an entry whose
    question is the asker's, quoted by sentences because it is too long."""
    plain = hit("Oui, dans certains cas. Un hôpital peut effacer vos données.", 0.9)
    asked = retrieval("Puis-je faire effacer mes données de santé ?", [plain])
    assert gather([plain], asked, T).units[0][2] == "Oui, dans certains cas."
    filler = " ".join(f"Phrase numéro {i} sur le parking de l'hôtel." for i in range(14))
    long_entry = hit(
        f"Oui, le parking est gratuit. {filler}",
        0.93,
        section="Le parking de l'hôtel est-il gratuit ?",
        as_question=True,
    )
    same = retrieval("Le parking de l'hôtel est-il gratuit ?", [long_entry], table={"Oui": 0.95})
    assert answers_as_whole(long_entry, same) and len(long_entry.chunk.text) > T.max_chars
    assert gather([long_entry], same, T).units[0][2] == "Oui, le parking est gratuit."
    other = retrieval("Le parking de la gare est-il gratuit ?", [long_entry], table={"Oui": 0.95})
    assert gather([long_entry], other, T).units[0][2] == "Le parking est gratuit."


def test_an_entry_in_another_language_is_matched_by_the_model_alone() -> None:
    laundry = hit(
        "نعم، الخدمة متوفرة في الفندق.",
        0.86,
        section="هل توجد خدمة غسل الملابس في الفندق؟",
        as_question=True,
        lang="ar",
    )
    assert answers_as_whole(
        laundry, retrieval("Is there a laundry service at the hotel?", [laundry])
    )


def test_an_entry_too_long_to_quote_whole_gives_its_answering_sentence() -> None:
    # A relayed paragraph whose answer is its last sentence, past max_chars.
    answer = "La rencontre est organisée par l'AIRF et la région Souss-Massa."
    filler = " ".join(f"Phrase numéro {i} sur le contexte de la région." for i in range(12))
    text = f"{filler} {answer}"
    faq = hit(text, 0.93, section="Qui organise la rencontre ?", as_question=True)
    found = retrieval("Qui organise la rencontre ?", [faq], table={"AIRF": 0.92})
    assert len(text) > T.max_chars and answers_as_whole(faq, found)
    chosen = [u for _, _, u in gather([faq], found, T).units]
    assert chosen[0] == answer
    assert sum(len(u) for u in chosen) <= T.max_chars
    # Within the limit, the same entry is quoted whole, from its first sentence.
    short = replace(faq, chunk=replace(faq.chunk, text=f"Phrase numéro 0. {answer}"))
    assert len(gather([short], found, T).units) == 2


def test_sources_are_quoted_only_when_nothing_else_answers() -> None:
    sources = hit("AIRF, rapport annuel 2024, page trois.", 0.95, section="Brief > Sources")
    body = hit("La rencontre dure trois jours.", 0.90, source="r.fr.md")
    found = retrieval(DURATION, [sources, body], table={"AIRF": 0.99, "trois": 0.9})
    assert gather([sources, body], found, T).units[0][2] == "La rencontre dure trois jours."
    alone = gather([sources], retrieval(DURATION, [sources], table={"AIRF": 0.99}), T)
    assert "AIRF" in alone.units[0][2]


def test_a_sentence_holding_what_the_question_asks_for_gains() -> None:
    top = hit("La région soutient les coopératives locales. Elle en compte 6000 aujourd'hui.", 0.9)
    found = retrieval("Combien de coopératives compte la région ?", [top])
    plain, number = unit_scores(found, top, list(enumerate(units(top.chunk.text))), top, T)
    assert number - plain > T.answer_type_bonus - 0.01


def test_a_time_to_be_confirmed_answers_when_in_the_lead_passage_only() -> None:
    """A sentence naming no time but saying it is to be confirmed answers "when"
    for its own passage; in another passage it speaks of another subject."""
    text = "Le car conduit les délégués à Taroudant. L'heure de départ sera confirmée."
    lead, other = hit(text, 0.9, source="a.fr.md"), hit(text, 0.9, source="b.fr.md")
    found = retrieval("À quelle heure part le car ?", [lead, other])
    usable = list(enumerate(units(text)))
    plain, pending = unit_scores(found, lead, usable, lead, T)
    assert pending - plain > T.answer_type_bonus - 0.01
    plain, pending = unit_scores(found, other, usable, lead, T)
    assert pending - plain < T.answer_type_bonus - 0.01


def test_an_faq_answer_of_another_kind_loses() -> None:
    where = hit("À Agadir, au Maroc, dans la région.", 0.9, section="Où se déroule la rencontre ?")
    found = retrieval("Qui organise la rencontre ?", [where])
    (penalised,) = unit_scores(found, where, [(0, where.chunk.text)], where, T)
    (plain,) = unit_scores(found, where, [(0, where.chunk.text)], where, replace(T, type_penalty=0))
    assert plain - penalised == pytest.approx(T.type_penalty)


def test_shared_question_words_add_by_idf() -> None:
    top = hit("Les coopératives de la région. Un autre sujet ici.", 0.9)
    found = retrieval("Combien de coopératives ?", [top], weights={"cooper": 2.0})
    with_word, without = unit_scores(found, top, list(enumerate(units(top.chunk.text))), top, T)
    assert with_word - without == pytest.approx(T.overlap_weight)


def test_choose_caps_sentences_and_skips_repeats() -> None:
    candidates = [(0.9, 0, i, f"Phrase {i % 2} assez longue.") for i in range(6)]
    chosen, best = choose(candidates, T)
    assert best == 0.9 and [u for _, _, u in chosen] == [
        "Phrase 0 assez longue.",
        "Phrase 1 assez longue.",
    ]


def test_another_passage_joins_only_within_its_own_margin() -> None:
    # The best sentence's passage (rank 1 here) keeps the wide margin; the
    # sentences of any other passage, the lead's included, need the narrow one.
    candidates = [
        (0.90, 1, 0, "Les déjeuners sont offerts."),
        (0.85, 1, 1, "Les dîners restent à la charge des délégations."),
        (0.88, 0, 0, "La navette part de l'hôtel."),
        (0.84, 2, 0, "Dans les souks, mieux vaut payer en espèces."),
    ]
    focused = replace(T, sentence_margin=0.08, other_passage_margin=0.03)
    chosen, best = choose(candidates, focused)
    assert best == 0.90 and [(r, i) for r, i, _ in chosen] == [(0, 0), (1, 0), (1, 1)]
    chosen, _ = choose(candidates, replace(focused, other_passage_margin=0.01))
    assert [(r, i) for r, i, _ in chosen] == [(1, 0), (1, 1)]
    wide = replace(T, sentence_margin=0.08, other_passage_margin=0.08)
    assert len(choose(candidates, wide)[0]) == 3  # the cap of three, from any passage


def test_a_sentence_restated_is_shown_once() -> None:
    brief = "La rencontre réunit plus de 30 responsables venus de neuf pays francophones."
    faq = "Plus de 30 responsables venus de neuf pays francophones."
    other = "Les visites de terrain ont lieu le deuxième jour."
    chosen, _ = choose([(0.9, 0, 0, brief), (0.89, 1, 0, faq), (0.88, 1, 1, other)], T, "fr")
    assert [u for _, _, u in chosen] == [brief, other]
    ar_brief = "يشارك في اللقاء أكثر من 30 مسؤولا من تسع دول."
    ar_faq = "يشارك أكثر من 30 مسؤولا من تسع دول."
    assert restates(ar_faq, ar_brief, "ar") and restates(ar_brief, ar_faq, "ar")
    assert not restates(brief, other, "fr")


def test_no_usable_sentence_is_no_evidence() -> None:
    top = hit("Pourquoi ? Comment ?", 0.9)
    assert gather([top], retrieval(DURATION, [top]), T) is None
    assert gather([], retrieval(DURATION, []), T) is None


def test_extractive_answer_names_the_other_language_and_lists_each_document_once() -> None:
    arabic = hit("يدوم اللقاء ثلاثة أيام كاملة.", 0.9, lang="ar", source="r.ar.md")
    english = hit("The gathering lasts three days.", 0.85, lang="en", source="r.en.md")
    other = hit("Un autre document.", 0.8, source="o.fr.md")
    hits = [arabic, english, other]
    versions = {"r.ar.md": frozenset({"r.ar.md", "r.en.md"})}
    found = retrieval(DURATION, hits, versions=versions)
    answer = extractive(gather(hits, found, T), found)
    assert answer.lang == "fr" and answer.confident and answer.mode == "extractive"
    assert answer.answer.startswith("D'après le document en arabe")
    assert [s.source for s in answer.sources] == ["r.ar.md", "o.fr.md"]


def test_sentences_of_two_documents_in_another_language_are_not_one_document() -> None:
    # A brief and the FAQ, both Arabic, quoted for a French question: "le
    # document en arabe" would make two sources read as one.
    brief = hit("يدوم اللقاء ثلاثة أيام كاملة.", 0.9, lang="ar", source="b.ar.md")
    faq = hit("ينعقد اللقاء في أكادير لمدة ثلاثة أيام.", 0.89, lang="ar", source="f.ar.md")
    found = retrieval(DURATION, [brief, faq], table={"يدوم": 0.9, "ينعقد": 0.89})
    evidence = gather([brief, faq], found, T)
    assert {h.chunk.source for h in evidence.used} == {"b.ar.md", "f.ar.md"}
    answer = extractive(evidence, found)
    assert answer.answer.startswith("D'après les documents en arabe :\n") and answer.quoted == 2
    one = gather([brief], retrieval(DURATION, [brief]), T)
    assert extractive(one, found).answer.startswith("D'après le document en arabe :\n")
    # Retold in English with no English version of either: the same sentences, still two documents.
    alone = SimpleNamespace(
        index=SimpleNamespace(rows_by_source={}, chunks=[]), versions_of=lambda s: frozenset({s})
    )
    retold = retell(answer, "en", alone, sentences=None)
    assert retold.answer.startswith("According to the Arabic documents:\n")
    assert retold.units == answer.units and retold.lang == "en"


def test_a_quoted_table_row_is_shown_under_its_tables_header() -> None:
    table = "\n".join(
        [
            "Le planning des visites :",
            "Jour | Heure | Visite | Groupe",
            "Jour 2 | 09:30 | Coopérative Tifawin | A",
            "Jour 2 | à confirmer | ميناء إمسوان | B",
        ]
    )
    rows = hit(table, 0.9, source="planning.fr.md")
    found = retrieval("Dans quel groupe est la visite du port ?", [rows], table={"إمسوان": 0.95})
    evidence = gather([rows], found, T)
    assert [text for _, _, text in evidence.units] == ["Jour 2 | à confirmer | ميناء إمسوان | B"]
    answer = extractive(evidence, found)
    assert answer.answer.splitlines()[1:] == [
        "Jour | Heure | Visite | Groupe",
        "Jour 2 | à confirmer | ميناء إمسوان | B",
    ]
    assert answer.units == tuple(answer.answer.splitlines()[1:])  # retold as shown
    # The header itself, or a line that is no row, brings nothing more.
    assert with_table_headers([(0, 1, "Jour | Heure | Visite | Groupe")], [rows]) == [
        (0, 1, "Jour | Heure | Visite | Groupe")
    ]
    assert with_table_headers([(0, 0, "Le planning des visites :")], [rows]) == [
        (0, 0, "Le planning des visites :")
    ]


def test_a_leading_list_of_fragments_is_quoted_whole() -> None:
    """A slide's bullets ("Les intervenants") answer together: "- L'AIRF" is
    too short to be chosen alone, and the next slide's item would take its
    place."""
    speakers = hit(
        "- Une banque coopérative\n- Une association de microcrédit\n- L'AIRF",
        0.86,
        source="atelier.pptx",
        section="2. Les intervenants",
    )
    steps = hit(
        "- Tour de table des régions\n- Étude de cas\n- Recommandations communes",
        0.84,
        source="atelier.pptx",
        section="3. Le déroulé",
        position=1,
    )
    question = "Qui intervient à l'atelier ?"
    found = retrieval(question, [speakers, steps], table={"Étude": 0.83, "banque": 0.82})
    chosen = [text for _, _, text in gather([speakers, steps], found, T).units]
    assert chosen == ["- Une banque coopérative", "- Une association de microcrédit", "- L'AIRF"]
    # A list of sentences is chosen from as any passage is.
    facts = replace(
        speakers,
        chunk=replace(
            speakers.chunk, text="- Le fonds prête 50 000 dirhams.\n- Le prêt dure trois ans."
        ),
    )
    found = retrieval("Combien prête le fonds ?", [facts], table={"prête": 0.9, "dure": 0.7})
    assert [t for _, _, t in gather([facts], found, T).units] == [
        "- Le fonds prête 50 000 dirhams."
    ]


def test_sources_are_one_per_section_in_rank_order() -> None:
    a = hit("x", 0.91234567, section="A")
    b = hit("y", 0.8, section="A", position=1)
    c = hit("z", 0.7, section="B", position=2)
    sources = sources_of([a, b, c])
    assert [s.section for s in sources] == ["A", "B"] and sources[0].score == 0.9123


def test_two_versions_of_one_uncited_document_are_listed_once() -> None:
    top = hit("La rencontre dure trois jours.", 0.9, source="r.fr.md")
    fr = hit("Le lieu est Agadir.", 0.85, source="p.fr.md")
    ar = hit("المكان أكادير.", 0.84, lang="ar", source="p.ar.md")
    versions = {"p.fr.md": frozenset({"p.fr.md", "p.ar.md"})}
    versions["p.ar.md"] = versions["p.fr.md"]
    found = retrieval(DURATION, [top, fr, ar], table={"trois": 0.95}, versions=versions)
    evidence = gather([top, fr, ar], found, T)
    assert [s.source for s in extractive(evidence, found).sources] == ["r.fr.md", "p.fr.md"]
