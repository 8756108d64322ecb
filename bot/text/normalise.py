"""Text folded for matching, and the tokens BM25 matches on.

Pure logic: no model, no store. Arabic is normalised the way Arabic search
engines do (diacritics, tatweel, alef/hamza forms, alef maqsura, ta marbuta,
Arabic-Indic digits), French and English are case- and accent-folded, and
every token is stemmed with Snowball (PyStemmer) for its own script/language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from bot.core.languages import LATIN_LANGS
from bot.text.lexicons import LEXICONS

ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF]")
LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F]")
# Harakat, Quranic marks, superscript alef: meaning-preserving marks search ignores.
_ARABIC_MARKS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]")
_TATWEEL = "\u0640"
# Arabic-Indic and Persian digits -> ASCII, so "٦٠٠٠" matches "6000".
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {
    chr(0x06F0 + i): str(i) for i in range(10)
}
_DIGIT_FOLD = str.maketrans(_DIGITS)
_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه", **_DIGITS}
)
# Three kinds of word, each where it matters: any run of word characters
# (tokens), letters with an inner apostrophe (courtesy phrases), letters with
# inner hyphens (topic nouns: "Nouvelle-Aquitaine").
WORD = re.compile(r"\w+", re.UNICODE)
WORD_APOSTROPHE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
WORD_HYPHEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# "6 000", "6,000", "6.000" (thousands separators, incl. narrow no-break space) -> "6000".
_DIGIT_GROUP = re.compile(r"(?<=\d)[\s\u00a0\u202f,.](?=\d{3}(?!\d))")


def strip_marks(text: str) -> str:
    """Remove Arabic diacritics and tatweel, which search should not see."""
    return _ARABIC_MARKS.sub("", text).replace(_TATWEEL, "")


def normalise_arabic(text: str) -> str:
    """Fold the spellings of one Arabic word into one form (marks, alef, hamza, digits)."""
    return strip_marks(text).translate(_ARABIC_FOLD)


def fold_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Invisible format characters: bidi marks and isolates, zero-width spaces and
# joiners, the soft hyphen, a byte-order mark in mid-text. Phone keyboards and
# word processors leave them inside words ("التعا\u200bونيات"), where they cut
# a word in two for matching; nobody reads them.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def visible(text: str) -> str:
    """``text`` without the characters that are never seen."""
    return _INVISIBLE.sub("", text)


def normalise(text: str) -> str:
    """Case-, accent- and spelling-folded text for matching; idempotent, keeps every digit."""
    text = unicodedata.normalize("NFKC", visible(text))
    text = normalise_arabic(text).casefold()
    return unicodedata.normalize("NFC", fold_accents(text))


def fold_question(question: str) -> str:
    """A question folded for pattern matching: ``normalise``-d, one space between
    words, the typographic apostrophe made plain."""
    return " ".join(normalise(question).replace("\u2019", "'").split())


@cache
def stopwords(lang: str) -> frozenset[str]:
    return frozenset(normalise(w) for w in LEXICONS[lang].STOPWORDS.split())


@cache
def _stemmer(algorithm: str):
    import Stemmer  # PyStemmer: Snowball in C

    return Stemmer.Stemmer(algorithm, 0)


def _meaningful(text: str, lang: str) -> Iterator[tuple[str, bool]]:
    """The words of ``text`` that are no function word, as ``tokens`` and
    ``content_words`` both read them: marks stripped, case-folded, digits
    ASCII and their groups joined ("6 000" -> "6000"); each with whether it
    is in Arabic script (the other stop words are those of ``lang``, or
    French in an Arabic text)."""
    latin_lang = lang if lang in LATIN_LANGS else "fr"
    text = unicodedata.normalize("NFKC", visible(text)).translate(_DIGIT_FOLD)
    text = _DIGIT_GROUP.sub("", text)
    arabic_stop, latin_stop = stopwords("ar"), stopwords(latin_lang)
    for word in WORD.findall(strip_marks(text).casefold()):
        if ARABIC_LETTER.search(word):
            if not _arabic_function_word(normalise_arabic(word), arabic_stop):
                yield word, True
        elif fold_accents(word) not in latin_stop:
            yield word, False


def tokens(text: str, lang: str) -> list[str]:
    """Stemmed, normalised, stop-word-free tokens of ``text`` for BM25.

    Arabic-script words use the Arabic stemmer whatever ``lang`` says (an
    Arabic document quotes French names and vice versa); Latin words use the
    stemmer of ``lang``, or French in an Arabic text (Morocco's second language).
    """
    latin_lang = lang if lang in LATIN_LANGS else "fr"
    arabic_words, latin_words, out_order = [], [], []
    for word, arabic in _meaningful(text, lang):
        if arabic:
            if len(word) < 2:
                continue
            out_order.append(("ar", len(arabic_words)))
            arabic_words.append(word)  # Snowball wants ة and أ unfolded
        else:
            if len(word) < 2 and not word.isdigit():
                continue
            out_order.append(("la", len(latin_words)))
            latin_words.append(word)
    ar_stems = _arabic_stems(arabic_words)
    latin_stemmer = _stemmer(LEXICONS[latin_lang].STEMMER)
    la_stems = [fold_accents(s) for s in latin_stemmer.stemWords(latin_words)]
    if latin_lang == "fr":
        la_stems = [_french_tail(s) for s in la_stems]
    return [ar_stems[i] if kind == "ar" else la_stems[i] for kind, i in out_order]


# Proclitics written joined to the next word: "and", "then", "with" (which
# Snowball reads off a word's front), "for", "like" (which it leaves on).
_STEMMED_CLITICS = "وفب"
_KEPT_CLITICS = "لك"
_PROCLITICS = _STEMMED_CLITICS + _KEPT_CLITICS
# A stemmed clitic before the article: the stemmer reads both off (والفريق).
_CLITIC_ARTICLES = tuple(c + "ال" for c in _STEMMED_CLITICS)


def _arabic_stems(words: list[str]) -> list[str]:
    return [_light_tail(s) for s in _stemmer(LEXICONS["ar"].STEMMER).stemWords(words)]


def whole_readings(text: str, lang: str) -> dict[str, str]:
    """Each stem of ``text`` that lost an initial و, ف or ب to the stemmer, with
    the stem the word has when that letter is its own.

    Snowball reads و ("and"), ف ("then") and ب ("with") off a word's front
    unless an article stands between: "برنامج" (programme) becomes "رنامج"
    but "البرنامج" "برنامج", "فريق" (team) "ريق" but "الفريق" "فريق", so a
    name or a noun whose root begins with the letter meets itself only half
    the time. Whether the letter is a clitic ("وإنجلترا", "بفضل") or the
    word's own ("فرنسا") only the documents can tell: ``passage_terms`` holds
    both readings, the search picks one."""
    return dict(_whole_pairs(text, lang))


def _whole_pairs(text: str, lang: str) -> list[tuple[str, str]]:
    """``whole_readings`` as (stem, whole stem) pairs, in the text's order: two
    words may lose their letter to the same stem, and a passage keeps both."""
    words = [
        word
        for word, arabic in _meaningful(text, lang)
        if arabic
        and len(word) >= 3
        and word[0] in _STEMMED_CLITICS
        and not word.startswith(_CLITIC_ARTICLES)
    ]
    if not words:
        return []
    stripped = _arabic_stems(words)
    whole = _arabic_stems(["ال" + word for word in words])
    return [
        (s, w)
        for word, s, w in zip(words, stripped, whole, strict=True)
        if s != w and w.startswith(normalise_arabic(word[0]))
    ]


def content_words(text: str, lang: str) -> list[str]:
    """The words of ``text`` that carry its meaning, as written (marks aside,
    case-folded), each once: the words ``tokens`` keeps, unstemmed, of three
    letters or more, numbers aside. What a word-by-word comparison reads, where
    a stem would no longer be a word the embedding model knows."""
    kept = (w for w, _ in _meaningful(text, lang) if len(w) >= 3 and not w.isdigit())
    return list(dict.fromkeys(kept))


def without_preposition(word: str, lang: str) -> str | None:
    """An Arabic word or stem without the ل ("for", "of") or ك ("like") it may
    begin with, which the stemmer leaves on (لناسا, "for NASA"): None when it
    does not begin with one, or too little would be left. Many words begin
    with those letters themselves (لغة, كتاب), so only the caller can tell,
    by whether the documents know the rest and not the whole."""
    if lang == "ar" and len(word) >= 4 and word[0] in _KEPT_CLITICS and not word.startswith("لل"):
        return word[1:]
    return None


def spellings(word: str, lang: str) -> list[str]:
    """The stems ``word`` may stand for. Arabic writes ل + ال + لقاء as للقاء, which
    the stemmer reads as ل + ال + قاء: try the word with its article restored too,
    a word behind ل or ك without it (``without_preposition``), and one the
    stemmer read an initial و, ف or ب off with it (``whole_readings``)."""
    stems = tokens(word, lang)
    if word.startswith("لل"):
        stems += tokens("ال" + word[1:], lang)
    elif (bare := without_preposition(word, lang)) is not None:
        stems += tokens(bare, lang)
    return stems + list(whole_readings(word, lang).values())


def passage_terms(text: str, lang: str) -> list[str]:
    """``tokens`` of a passage, each Arabic word behind ل or ك also read without
    it (``without_preposition``): the passage says "لأطفالهم" ("for their
    children"), the question "أطفال", and the stemmer keeps the ل. And each
    word the stemmer read an initial و, ف or ب off also read with it
    (``whole_readings``). A question's terms stay one reading per word, so the
    other readings only ever add a match where the question names that word."""
    stems = tokens(text, lang)
    bare = (without_preposition(t, lang) for t in stems)
    whole = (w for _, w in _whole_pairs(text, lang))
    return stems + [b for b in bare if b is not None] + list(whole)


def _arabic_function_word(word: str, stop: frozenset[str]) -> bool:
    """A function word, alone or behind a proclitic (والتي, وهو, فإن, بما): the
    clitic does not make it name a topic."""
    return word in stop or (len(word) > 2 and word[0] in _PROCLITICS and word[1:] in stop)


_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")


def _light_tail(stem: str) -> str:
    """Finish Snowball's Arabic stem the way Larkey's light stemmer would.

    Snowball keeps the article and the feminine ending on short words
    (الجهة -> الجه, جهة -> جهة) and leaves the alef of the plural -ات
    (زيارات -> زيارا): fold those so the forms of one word meet.
    """
    for article in _ARTICLES:
        if stem.startswith(article) and len(stem) - len(article) >= 2:
            stem = stem[len(article) :]
            break
    stem = normalise_arabic(stem)
    if len(stem) >= 3 and stem[-1] in "ها":
        stem = stem[:-1]
    if len(stem) >= 4 and stem.endswith("ي"):
        stem = stem[:-1]
    return stem


def _french_tail(stem: str) -> str:
    """Finish Snowball's French stem where it leaves a verb's plural whole.

    Snowball strips most verb endings but not the present plural -ent
    ("participent", "visitent", "proposent") nor the -s of a participle in
    -us ("attendus", "prévus"): the sentence that says "ils participent"
    then shares no word with "les participants". Long stems only, so that
    "client", "parent" and "moment" stay words; a noun that loses -ent loses
    it in every form ("arguments" -> "argument" -> "argum"), so its forms
    still meet.
    """
    if len(stem) >= 7 and stem.endswith("ent"):
        return stem[:-3]
    if len(stem) >= 6 and stem.endswith("us"):
        return stem[:-1]
    return stem


def arabic_share(text: str) -> float:
    """Share of letters that are Arabic script, 0..1 (0 for a text with no letters)."""
    arabic = len(ARABIC_LETTER.findall(text))
    latin = len(LATIN_LETTER.findall(text))
    return arabic / (arabic + latin) if arabic + latin else 0.0
