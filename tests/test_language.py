import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.text.language import detect, is_arabizi, language_runs, plain_language
from bot.text.normalise import (
    arabic_share,
    normalise,
    normalise_arabic,
    passage_terms,
    tokens,
    whole_readings,
    without_preposition,
)
from bot.text.rewrite import arabizi_to_arabic, darija_to_msa, is_darija

arabic_text = st.text(
    alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
    | st.sampled_from(" .،؟0123456789"),
    max_size=80,
)
mixed_text = arabic_text | st.text(max_size=80)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("الاقْتِصَادُ", "الاقتصاد"),  # harakat
        ("الاقتـــصاد", "الاقتصاد"),  # tatweel
        ("أحمد إبراهيم آمنة ٱلله", "احمد ابراهيم امنة الله"),  # alef forms
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("٦٠٠٠ تعاونية", "6000 تعاونية"),  # Arabic-Indic digits
    ],
)
def test_normalise_arabic_folds_spellings(raw: str, expected: str) -> None:
    assert normalise_arabic(raw) == normalise_arabic(expected)
    assert normalise_arabic(raw).split()[0] == normalise_arabic(expected).split()[0]


def test_normalise_folds_french_case_and_accents() -> None:
    assert normalise("Économie SOCIALE et Solidaire") == "economie sociale et solidaire"
    assert normalise("Côte d'Ivoire") == "cote d'ivoire"


@given(mixed_text)
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@given(mixed_text)
def test_normalise_never_loses_a_digit(text: str) -> None:
    # Every digit survives as its ASCII value, in order ("٦" -> "6"); NFKC may add
    # some ("²" -> "2"), which only helps matching.
    digits = [int(ch) for ch in text if ch.isdecimal()]
    kept = iter([int(ch) for ch in normalise(text) if ch.isdecimal()])
    assert all(d in kept for d in digits)


def test_tokens_meet_across_arabic_forms() -> None:
    question = set(tokens("كم عدد التعاونيات في الجهة؟", "ar"))
    passage = set(tokens("تضم جهة سوس ماسة حوالي ٦٠٠٠ تعاونية", "ar"))
    assert {"تعاون", "جه"} <= question & passage
    assert "6000" in passage
    assert "في" not in question  # stop word


@pytest.mark.parametrize(
    "mark", ["\u200b", "\u200c", "\u200f", "\u200e", "\u00ad", "\u2067", "\ufeff", "\u061c"]
)
def test_an_invisible_mark_inside_a_word_does_not_cut_it(mark: str) -> None:
    # Phone keyboards and word processors leave bidi marks and zero-width
    # characters inside words; nobody sees them, so matching must not either.
    assert tokens(f"كم عدد التعا{mark}ونيات في جهة سو{mark}س ماسة؟", "ar") == tokens(
        "كم عدد التعاونيات في جهة سوس ماسة؟", "ar"
    )
    assert tokens(f"Combien de coopé{mark}ratives ?", "fr") == tokens(
        "Combien de coopératives ?", "fr"
    )
    assert normalise(f"{mark}سوس ماسة{mark}") == normalise("سوس ماسة")


def test_a_function_word_behind_a_proclitic_is_no_topic() -> None:
    # "and which", "and he", "when", "while": joined clitics do not make a topic word.
    question = tokens("ما الجهات والتي وهو عندما بينما فإن تنظم الزيارات الميدانية؟", "ar")
    assert question == tokens("ما الجهات تنظم الزيارات الميدانية؟", "ar")
    # A content word that starts like a clitic stays ("وطن", "بلد", "زيارة").
    assert len(tokens("وطن بلد كلمة زيارة", "ar")) == 4


def test_tokens_stem_french_and_join_thousands() -> None:
    assert tokens("les coopératives", "fr") == tokens("coopérative", "fr")
    assert "6000" in tokens("environ 6 000 coopératives", "fr")
    assert tokens("the cooperatives", "en") == tokens("cooperative", "en")


def test_a_french_verb_in_the_plural_meets_its_noun() -> None:
    # Snowball leaves "-ent" and the "-us" of a participle: "ils participent"
    # shared no word with "les participants", "attendus" none with "attendu".
    assert tokens("ils participent", "fr") == tokens("les participants", "fr")
    assert tokens("les délégués visitent", "fr")[-1] == tokens("la visite", "fr")[-1]
    assert tokens("attendus", "fr") == tokens("attendu", "fr")
    # Short words keep their ending; every form of a noun still meets.
    assert tokens("le client et le moment", "fr") == ["client", "moment"]
    assert tokens("les présidents", "fr") == tokens("le président", "fr")
    # Only French: an English stem in "-ent" stays Snowball's.
    assert tokens("the students", "en") == ["student"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("كم عدد التعاونيات في جهة سوس ماسة؟", "ar"),
        ("شحال من تعاونية كاينة فسوس ماسة؟", "ar"),
        ("واش كاين شي زيارة ميدانية غدا؟", "ar"),
        ("Quels pays participent à la rencontre ?", "fr"),
        ("Où se trouve l'hôtel des délégués ?", "fr"),
        ("C'est quand la visite de terrain ?", "fr"),
        ("Which countries take part in the meeting?", "en"),
        ("Who organises the gathering in Agadir?", "en"),
        ("How many cooperatives are there?", "en"),
        ("Terr'ESS هو برنامج للتنمية", "ar"),
    ],
)
def test_detect_real_sentences(text: str, lang: str) -> None:
    assert detect(text) == lang


def test_detect_falls_back_without_letters() -> None:
    assert detect("2045 ?", default="en") == "en"


def test_darija_is_told_from_msa() -> None:
    assert is_darija("شحال من تعاونية كاينة؟")
    assert is_darija("فين غادي تكون الزيارة؟")
    assert not is_darija("كم عدد التعاونيات في الجهة؟")


def test_everyday_darija_words_mark_darija_and_meet_msa_documents() -> None:
    # Words of the trip, not only function words: the bus, the card, paying.
    assert is_darija("واش كاين طوبيس؟") and is_darija("نخلص بالكارط")
    assert darija_to_msa("واش كاين شي طوبيس للزيارات الميدانية؟") == (
        "هل يوجد حافلة للزيارات الميدانية؟"
    )
    # Behind a proclitic; ف is Darija's "in"; a modal takes أن before its verb.
    assert darija_to_msa("واش نقدر نخلص بالكارط فالسوق؟") == "هل أستطيع أن أدفع بالبطاقة في السوق؟"
    assert darija_to_msa("بغيت نمشي للطوبيس") == "أريد أن أذهب للحافلة"
    assert darija_to_msa("بغيت نهار الثلاثاء") == "أريد يوم الثلاثاء"  # a noun takes no أن
    # The ka- prefix goes before the lexicon is read; "we" verbs lose their final و.
    assert darija_to_msa("كنقلب على الفرمسيان") == "أبحث على الصيدلية"
    assert darija_to_msa("بغينا نعرفو البرنامج") == "نريد أن نعرف البرنامج"
    # Behind the conjunction و: "and where...?", as a chat goes on.
    assert is_darija("وفين غادي تكون الزيارة؟")
    assert darija_to_msa("وفين غادي تكون الزيارة؟") == "وأين سوف تكون الزيارة؟"
    assert darija_to_msa("وديال شكون هاد البرنامج؟") == "من هذا البرنامج؟"
    # The meeting's own words, taken from French: the shuttle, the programme, the visit.
    assert is_darija("فوقاش النافيت؟")
    assert darija_to_msa("واش كاينة شي نافيت من المطار؟") == "هل توجد حافلة من المطار؟"
    assert darija_to_msa("وقتاش الفيزيت ديال التعاونية؟") == "متى الزيارة التعاونية؟"
    # Luggage on the day of departure: the suitcase (from French "valise"), "to leave".
    assert is_darija("فين نخلي الباليزة؟")
    assert darija_to_msa("فين نخلي الباليزة نهار السفر؟") == "أين أترك الحقيبة يوم السفر؟"


@pytest.mark.parametrize(
    "msa",
    [
        "هل يمكن أن نرجع إلى الفندق بعد الزيارة؟",  # نرجع: "we return" in MSA too
        "ما هو النبات الذي تزرعه التعاونية؟",
        "كيف تقدر قيمة المشروع؟",
        "هل نمشي إلى القاعة؟",
        "ونرجع إلى الفندق بعد الزيارة.",  # و + an MSA word Darija also uses
        "وقت الزيارة والعودة",
    ],
)
def test_msa_words_that_darija_shares_do_not_mark_darija(msa: str) -> None:
    assert not is_darija(msa)


def test_arabic_share() -> None:
    assert arabic_share("مرحبا") == 1.0
    assert arabic_share("hello") == 0.0
    assert 0 < arabic_share("Terr'ESS برنامج") < 1


@pytest.mark.parametrize(
    "text",
    [
        "chhal mn cooperative kayna f jihat souss massa?",
        "wach kaynin chi zyarat midaniya?",
        "ch7al mn nhar ghadi ydoum l-liqa2?",
        "chkoun rba7 kas l3alam 2022?",
        "Bonjour, wach kayn chi zyarat?",
    ],
)
def test_arabizi_is_arabic_in_latin_letters(text: str) -> None:
    assert is_arabizi(text) and detect(text) == "ar"


@pytest.mark.parametrize(
    "text",
    [
        "Quels pays participent ?",
        "Covid-19 : quelles règles ?",  # a digit after a hyphen is a number
        "Where is the G20 summit?",
        "Le règlement 2016/679 s'applique-t-il ?",
        "ok",
        "كم عدد الدول المشاركة؟",
    ],
)
def test_french_english_and_arabic_script_are_not_arabizi(text: str) -> None:
    assert not is_arabizi(text)


def test_arabizi_is_searched_in_arabic_letters() -> None:
    converted = arabizi_to_arabic("chkoun rba7 kas l3alam 2022?")
    assert not re.search(r"[a-z]", converted) and "2022" in converted  # a year stays a year
    assert arabizi_to_arabic("fin ghadi ykoun l-liqa2?").split()[3].startswith("ال")
    assert darija_to_msa(arabizi_to_arabic("wach kaynin chi zyarat midaniya?")).startswith("هل")


def test_content_words_are_the_words_tokens_keeps_as_written() -> None:
    from bot.text.normalise import content_words

    assert content_words("Combien de JOURS dure la rencontre, en 2026 ?", "fr") == [
        "jours",
        "dure",
        "rencontre",
    ]
    # Marks go, a function word behind a proclitic goes, the article stays on
    # the word the embedding model reads, a repeated word comes once.
    assert content_words("والتي تضمّ التعاونيات، التعاونيات في ٦٠٠٠ قرية", "ar") == [
        "تضم",
        "التعاونيات",
        "قرية",
    ]


def test_an_arabic_word_may_be_read_without_the_preposition_it_begins_with() -> None:
    assert without_preposition("لناسا", "ar") == "ناسا"
    assert without_preposition("كمدينة", "ar") == "مدينة"
    # Whether كتاب is ك + تاب only the documents can tell: the rest is offered.
    assert without_preposition("كتاب", "ar") == "تاب"
    # للقاء is ل + ال + لقاء (search's spellings restore the article); too short, or
    # not Arabic, is nothing.
    assert without_preposition("للقاء", "ar") is None
    assert without_preposition("لغة", "ar") is None
    assert without_preposition("lkitab", "en") is None


def test_a_passage_word_behind_a_preposition_also_counts_as_the_bare_word() -> None:
    text = "خصصت الجمعية منحاً دراسية لأطفالهم كمساعدة للأسر."
    # "لأطفالهم" ("for their children") and "كمساعدة" ("as help"): the stemmer
    # keeps the ل and the ك, so a question's "أطفال" would not meet the word.
    assert tokens("أطفال", "ar")[0] not in tokens(text, "ar")
    terms = passage_terms(text, "ar")
    assert terms[: len(tokens(text, "ar"))] == tokens(text, "ar")
    assert {tokens("أطفال", "ar")[0], tokens("مساعدة", "ar")[0]} <= set(terms)
    # ل and ك are Arabic prepositions: a French passage gains nothing.
    assert passage_terms("Les enfants du Liban", "fr") == tokens("Les enfants du Liban", "fr")


def test_a_word_the_stemmer_reads_a_conjunction_off_is_also_read_whole() -> None:
    # Snowball reads the ف of "فريق" (team) as "then" unless the article stands
    # between: the word meets itself only half the time.
    assert tokens("فريق", "ar") != tokens("الفريق", "ar")
    readings = whole_readings("فريق كارولينا في وكالة ناسا", "ar")
    assert readings[tokens("فريق", "ar")[0]] == tokens("الفريق", "ar")[0]
    assert tokens("الوكالة", "ar")[0] in readings.values()
    assert set(readings.values()) <= set(passage_terms("فريق كارولينا في وكالة ناسا", "ar"))
    assert whole_readings("برنامج", "ar") == {
        tokens("برنامج", "ar")[0]: tokens("البرنامج", "ar")[0]
    }
    # "فريق" (team) and "بريق" (glitter) both lose their letter to "ريق": the
    # passage holds both words, once for each time it says them.
    text = "فريق بريق فريق"
    assert tokens(text, "ar") == [tokens("فريق", "ar")[0]] * 3
    whole = [t for t in passage_terms(text, "ar") if t not in tokens(text, "ar")]
    assert sorted(whole) == sorted([tokens("الفريق", "ar")[0]] * 2 + [tokens("البريق", "ar")[0]])
    # A conjunction before an article (the stemmer reads both off), a word that
    # begins with none of the letters, and a Latin word are read one way only.
    assert whole_readings("والفريق الوطني في paris", "ar") == {}


NOTICE_AR = (
    "تنظم جهة سوس ماسة زيارة ميدانية إلى تعاونية لإنتاج زيت الأركان بضواحي أكادير، "
    "ويرافق الوفود مرشد من الجهة. تدوم الزيارة نصف يوم."
)
NOTICE_FR = (
    "La région Souss-Massa organise une visite de terrain dans une coopérative d'huile "
    "d'argan près d'Agadir ; un guide de la région accompagne les délégations."
)
NOTICE_EN = (
    "The Souss-Massa region organises a field visit to an argan oil cooperative near "
    "Agadir, and a guide from the region goes with the delegations."
)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (NOTICE_AR, "ar"),
        (NOTICE_FR, "fr"),
        (NOTICE_EN, "en"),
        ("Agadir, Souss-Massa", None),  # too short to say
        ("الجمعية الدولية للجهات الفرنكفونية AIRF", None),
        # Names and acronyms: one stop word by chance ("Est") does not say.
        ("AIRF, AMR, REMESS, Région Souss-Massa, Grand Est, Québec, Wallonie, Dakar", None),
    ],
)
def test_a_paragraph_s_language_only_when_it_is_plain(text: str, lang: str | None) -> None:
    assert plain_language(text) == lang


def test_a_bilingual_notice_is_cut_where_its_language_changes() -> None:
    text = f"{NOTICE_AR}\n\nAIRF — Agadir\n\n{NOTICE_FR}  \n{NOTICE_EN}"
    runs = language_runs(text, "ar")
    assert [lang for lang, _ in runs] == ["ar", "fr", "en"]
    # A short line stays with the paragraphs around it; no word is lost.
    assert runs[0][1].startswith(NOTICE_AR) and runs[0][1].endswith("AIRF — Agadir")
    assert [run.strip() for _, run in runs[1:]] == [NOTICE_FR, NOTICE_EN]
    # The document's language is only the start: a first paragraph says its own.
    assert [lang for lang, _ in language_runs(text, "fr")] == ["ar", "fr", "en"]


def test_a_document_in_one_language_is_one_run() -> None:
    text = f"{NOTICE_FR}\n\nAgadir, Maroc\n\n{NOTICE_FR}"
    assert language_runs(text, "fr") == [("fr", text)]
    assert language_runs(NOTICE_AR, "ar") == [("ar", NOTICE_AR)]


def test_a_paragraph_and_its_translation_with_no_gap_are_two_runs() -> None:
    """A PDF sets the Arabic under the French with no blank line between:
    lines of another script start a run; French and English are told apart
    only a paragraph at a time, so a wrapped line never moves alone."""
    assert language_runs(f"{NOTICE_FR}\n{NOTICE_AR}", "fr") == [
        ("fr", NOTICE_FR),
        ("ar", NOTICE_AR),
    ]
    assert language_runs(f"{NOTICE_AR}\n{NOTICE_FR}", "fr") == [
        ("ar", NOTICE_AR),
        ("fr", NOTICE_FR),
    ]
    assert language_runs(f"{NOTICE_FR}\n{NOTICE_EN}", "fr") == [("fr", f"{NOTICE_FR}\n{NOTICE_EN}")]
