"""Which language a text is in, and the normalised tokens BM25 matches on.

Pure logic: no model, no store. Arabic is normalised the way Arabic search
engines do (diacritics, tatweel, alef/hamza forms, alef maqsura, ta marbuta,
Arabic-Indic digits), French and English are case- and accent-folded, and
every token is stemmed with Snowball (PyStemmer) for its own script/language.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache

from bot.core.languages import LATIN_LANGS, Lang
from bot.core.tuning import DEFAULT, DetectionTuning

_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F]")
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
_WORD = re.compile(r"\w+", re.UNICODE)
# "6 000", "6,000", "6.000" (thousands separators, incl. narrow no-break space) -> "6000".
_DIGIT_GROUP = re.compile(r"(?<=\d)[\s\u00a0\u202f,.](?=\d{3}(?!\d))")

# Words that identify Moroccan Darija rather than Modern Standard Arabic.
_DARIJA_WORDS = (
    "شحال",
    "شحآل",
    "كاين",
    "كاينة",
    "كاينين",
    "واش",
    "فين",
    "علاش",
    "بزاف",
    "ديال",
    "ديالي",
    "ديالنا",
    "دابا",
    "كيفاش",
    "غادي",
    "بغيت",
    "بغينا",
    "نقدر",
    "مزيان",
    "شنو",
    "اشنو",
    "امتى",
    "فوقاش",
    "شكون",
    "حنا",
    "نتوما",
    "كتدير",
    "كيدير",
    "هادشي",
    "هادي",
    "هاد",
    "تاع",
)

_STOPWORDS_RAW: dict[str, str] = {
    "ar": """في من على الى إلى عن مع هذا هذه ذلك تلك التي الذي الذين اللذين ما ماذا كم هل
        و او أو ثم ان أن إن كان كانت يكون هو هي هم هن انا أنا نحن انت أنت لا لم لن قد كل بين
        عند بعد قبل حول منذ حتى اي أي ايضا أيضا لقد وقد التى او لكن كما لدى عليه عليها فيه فيها
        منه منها به بها له لها يا ف ب ل و عدد يوجد توجد هناك""",
    "fr": """le la les l de des du d un une et en à a au aux pour par sur dans est sont sera
        seront que qu qui quoi quel quelle quels quelles ce cet cette ces c il elle ils elles on
        nous vous je j tu se s sa son ses leur leurs pas ne n plus ou où y avec comme mais donc
        est-ce être été moi toi
        combien comment quand pourquoi""",
    "en": """the a an of to in on for and or is are was were be been being what which who whom how
        when where why do does did by with at from this that these those it its as there their they
        we you i me my our your will would can could should about much many like near after
        before during between into""",
}


def strip_marks(text: str) -> str:
    """Remove Arabic diacritics and tatweel, which search should not see."""
    return _ARABIC_MARKS.sub("", text).replace(_TATWEEL, "")


def normalise_arabic(text: str) -> str:
    """Fold the spellings of one Arabic word into one form (marks, alef, hamza, digits)."""
    return strip_marks(text).translate(_ARABIC_FOLD)


def _strip_latin_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(text: str) -> str:
    """Case-, accent- and spelling-folded text for matching; idempotent, keeps every digit."""
    text = unicodedata.normalize("NFKC", text)
    text = normalise_arabic(text).casefold()
    return unicodedata.normalize("NFC", _strip_latin_accents(text))


@cache
def _stopwords(lang: str) -> frozenset[str]:
    return frozenset(normalise(w) for w in _STOPWORDS_RAW[lang].split())


@cache
def _stemmer(algorithm: str):
    import Stemmer  # PyStemmer: Snowball in C

    return Stemmer.Stemmer(algorithm, 0)


_STEMMER_FOR = {"ar": "arabic", "fr": "french", "en": "english"}


def tokens(text: str, lang: str) -> list[str]:
    """Stemmed, normalised, stop-word-free tokens of ``text`` for BM25.

    Arabic-script words use the Arabic stemmer whatever ``lang`` says (an
    Arabic document quotes French names and vice versa); Latin words use the
    stemmer of ``lang``, or French in an Arabic text (Morocco's second language).
    """
    latin_lang = lang if lang in LATIN_LANGS else "fr"
    text = _DIGIT_GROUP.sub("", unicodedata.normalize("NFKC", text).translate(_DIGIT_FOLD))
    words = _WORD.findall(strip_marks(text).casefold())
    arabic_stop, latin_stop = _stopwords("ar"), _stopwords(latin_lang)
    arabic_words, latin_words, out_order = [], [], []
    for word in words:
        if _ARABIC_LETTER.search(word):
            if normalise_arabic(word) in arabic_stop or len(word) < 2:
                continue
            out_order.append(("ar", len(arabic_words)))
            arabic_words.append(word)  # Snowball wants ة and أ unfolded
        else:
            folded = _strip_latin_accents(word)
            if folded in latin_stop or (len(folded) < 2 and not folded.isdigit()):
                continue
            out_order.append(("la", len(latin_words)))
            latin_words.append(word)
    ar_stems = [_light_tail(s) for s in _stemmer("arabic").stemWords(arabic_words)]
    latin_stemmer = _stemmer(_STEMMER_FOR[latin_lang])
    la_stems = [_strip_latin_accents(s) for s in latin_stemmer.stemWords(latin_words)]
    return [ar_stems[i] if kind == "ar" else la_stems[i] for kind, i in out_order]


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


def arabic_share(text: str) -> float:
    """Share of letters that are Arabic script, 0..1 (0 for a text with no letters)."""
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    return arabic / (arabic + latin) if arabic + latin else 0.0


def is_darija(text: str) -> bool:
    """True when the Arabic text uses Moroccan Darija words (شحال، كاين، واش...)."""
    words = {normalise_arabic(w) for w in _WORD.findall(strip_marks(text))}
    return bool(words & _darija_markers())


# Darija function words -> Modern Standard Arabic, so that the embedding model
# (trained on MSA) and the MSA documents meet the question.
_DARIJA_TO_MSA = {
    "شحال": "كم",
    "بشحال": "بكم",
    "كاين": "يوجد",
    "كاينة": "توجد",
    "كاينين": "توجد",
    "واش": "هل",
    "فين": "أين",
    "علاش": "لماذا",
    "كيفاش": "كيف",
    "شنو": "ما",
    "اشنو": "ما",
    "شكون": "من",
    "امتى": "متى",
    "فوقاش": "متى",
    "اللي": "الذي",
    "هاد": "هذا",
    "هادي": "هذه",
    "هادشي": "هذا",
    "ديال": "",
    "ديالي": "",
    "ديالنا": "",
    "غادي": "سوف",
    "بزاف": "كثيرا",
    "دابا": "الآن",
    "بغيت": "أريد",
    "بغينا": "نريد",
    "نهار": "يوم",
    "شي": "",
    "الأوطيل": "الفندق",
    "الاوطيل": "الفندق",
    "حنا": "نحن",
}


def darija_to_msa(text: str) -> str:
    """Rewrite Darija function words in MSA (شحال -> كم, كينظم -> ينظم) for search.

    Only for matching: the delegate's own words are what the bot shows back.
    """
    out = []
    for word in text.split():
        core = word.rstrip("؟?!.،,")
        tail = word[len(core) :]
        key = normalise_arabic(core)
        mapped = next((v for k, v in _DARIJA_TO_MSA.items() if normalise_arabic(k) == key), None)
        if mapped is None and len(core) >= 4 and core[:2] in ("كي", "كت", "كن"):
            mapped = core[1:]  # present-tense prefix ka-: كينظم -> ينظم
        if mapped is None:
            mapped = core
        if mapped or tail:
            out.append(mapped + tail)
    return " ".join(w for w in out if w)


@lru_cache(maxsize=1)
def _darija_markers() -> frozenset[str]:
    return frozenset(normalise_arabic(w) for w in _DARIJA_WORDS)


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LATIN_LANGS))
    return identifier


def is_arabizi(text: str, tuning: DetectionTuning = DEFAULT.detection) -> bool:
    """Moroccan Arabic typed in Latin letters ("chhal mn cooperative?", "wach kayn...").

    The ``arabizi`` package labels each word (digits inside words, Darija
    function words in their French-based spellings) and says which kind dominates.
    """
    if arabic_share(text) >= tuning.arabic_script or not _LATIN_LETTER.search(text):
        return False
    from arabizi import Script, detect

    counts = Counter(token.script for token in detect(text) if _arabizi_evidence(token))
    arabizi = counts[Script.ARABIZI]
    return arabizi >= 1 and arabizi > counts[Script.FRENCH] + counts[Script.ENGLISH]


_ARABIZI_LETTER_DIGIT = re.compile(r"[a-z][2356789]|[2356789][a-z]", re.IGNORECASE)


def _arabizi_evidence(token) -> bool:
    """Whether a token's label counts: a digit standing for a letter must sit
    between letters ("l3alam", "ch7al"), not after a hyphen ("Covid-19")."""
    from arabizi import Script

    if token.script is not Script.ARABIZI or token.evidence == "function word":
        return True
    return bool(_ARABIZI_LETTER_DIGIT.search(token.text))


_ARABIZI_ARTICLE = re.compile(r"(?<!\w)ل[-'’]\s*")


def arabizi_to_arabic(text: str) -> str:
    """Arabizi rewritten in Arabic letters, for search only (like ``darija_to_msa``).

    Darija words and unknown Latin words are transliterated; numbers and words
    that are plainly French or English stay as typed (a "2" in "2022" is a
    number, not a hamza). The article written "l-" or "l'" becomes "ال".
    """
    from arabizi import Script, detect, transliterate_word

    words = []
    for token in detect(text):
        convert = token.script in (Script.ARABIZI, Script.UNKNOWN)
        words.append(transliterate_word(token.text) if convert else token.text)
    return _ARABIZI_ARTICLE.sub("ال", " ".join(words))


def detect(text: str, *, default: Lang = "fr", tuning: DetectionTuning = DEFAULT.detection) -> Lang:
    """The language of ``text`` among ar/fr/en; ``default`` when it cannot tell.

    Arabic is told by its script (MSA and Darija alike), or in Latin letters by
    ``is_arabizi``. French and English are told apart by py3langid, restricted
    to those two and backed by stop words, because a three-word question is
    short for a character n-gram model.
    """
    if arabic_share(text) >= tuning.arabic_script or is_arabizi(text, tuning):
        return "ar"
    if not _LATIN_LETTER.search(text):
        return default
    folded = [_strip_latin_accents(w) for w in _WORD.findall(text.casefold())]
    fr_hits = sum(w in _stopwords("fr") for w in folded)
    en_hits = sum(w in _stopwords("en") for w in folded)
    lang, prob = _identifier().classify(text)
    if prob >= tuning.sure:
        return lang
    if fr_hits != en_hits:
        return "fr" if fr_hits > en_hits else "en"
    return lang if prob >= tuning.plausible else default
