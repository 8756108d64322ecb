"""Darija and Arabizi rewritten for search: Darija function words in Modern
Standard Arabic, Arabizi (Darija in Latin letters) in Arabic letters.

Only for matching: the delegate's own words are what the bot shows back and
what an LLM reads. The word lists are ``bot.text.lexicons.ar``'s.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.text.lexicons import ar
from bot.text.normalise import WORD, normalise_arabic, strip_marks


def is_darija(text: str) -> bool:
    """True when the Arabic text uses Moroccan Darija words (شحال، كاين، واش،
    طوبيس، الكارط...), alone, behind a proclitic (بالكارط) or behind the
    conjunction و (وفين، وشحال)."""
    words = {normalise_arabic(w) for w in WORD.findall(strip_marks(text))}
    markers = _darija_markers()
    return any(
        w in markers or _behind_proclitic(w) in markers or _after_and(w) in markers for w in words
    )


def darija_to_msa(text: str) -> str:
    """Rewrite Darija words in MSA (شحال -> كم, كينظم -> ينظم, بالكارط ->
    بالبطاقة) for search.

    Only for matching: the delegate's own words are what the bot shows back.
    """
    out = []
    words = text.split()
    for i, word in enumerate(words):
        core = word.rstrip("؟?!.،,")
        tail = word[len(core) :]
        mapped = _in_msa(core)
        if mapped in _MODALS and not tail and i + 1 < len(words) and _verb_follows(words[i + 1]):
            mapped += " أن"  # "نقدر نخلص" is "أستطيع أن أدفع": MSA joins a verb with أن
        if mapped or tail:
            out.append(mapped + tail)
    return " ".join(w for w in out if w)


# Darija's modals (نقدر، بغيت، خاصني) take a bare verb; MSA's take أن before it.
_MODALS = frozenset(("أستطيع", "نستطيع", "أريد", "نريد", "أحتاج", "نحتاج"))


def _verb_follows(word: str) -> bool:
    """A Darija verb in the first person (نخلص، نمشيو), which a modal governs:
    not a noun that starts with ن (نهار "day" is rewritten يوم)."""
    core = word.rstrip("؟?!.،,")
    return len(core) >= 3 and core[0] == "ن" and _in_msa(core)[:1] in ("أ", "ن")


def _in_msa(word: str) -> str:
    """One Darija word in MSA; the word itself when the lexicon does not know it."""
    table = _darija_table()
    key = normalise_arabic(word)
    if key in table:
        return table[key]
    if len(word) >= 4 and word[:2] in ("كي", "كت", "كن"):
        stem = word[1:]  # present-tense prefix ka-: كينظم -> ينظم, كنخلص -> نخلص
        return table.get(normalise_arabic(stem), _plural_first_person(stem))
    singular = _plural_first_person(word)
    if singular != word:
        return singular
    rest = _behind_proclitic(word)
    if not rest:
        return _and_in_msa(word, table)
    if word[0] == "ف":  # Darija's "in": فالسوق -> في السوق
        return "في " + table.get(normalise_arabic(rest), rest)
    if normalise_arabic(rest) not in table:
        return word
    mapped = table[normalise_arabic(rest)]
    if word[0] == "ل" and mapped.startswith("ال"):
        return "لل" + mapped[2:]  # ل + ال is written لل
    return word[0] + mapped


def _plural_first_person(word: str) -> str:
    """Darija's "we" verb in MSA's form: نعرفو -> نعرف (the final و goes)."""
    if len(word) >= 4 and word[0] == "ن" and word[-1] == "و":
        return word[:-1]
    return word


def _and_in_msa(word: str, table: dict[str, str]) -> str:
    """A Darija word behind the conjunction و in MSA, و kept ("وفين" -> "وأين");
    the word itself when the lexicon does not know what follows و."""
    after = _after_and(word)
    mapped = table.get(normalise_arabic(after)) if after else None
    if mapped is None:
        return word
    return "و" + mapped if mapped else ""


def _after_and(word: str) -> str:
    """The word behind the conjunction و ("فين" in "وفين", "and where"); "" for
    a word too short to carry one."""
    return word[1:] if len(word) > 3 and word[0] == "و" else ""


def _behind_proclitic(word: str) -> str:
    """The article-bearing word behind a one-letter proclitic (و ب ل ف): "الكارط"
    in "بالكارط", "الطوبيس" in "للطوبيس"; "" when there is none."""
    if len(word) > 4 and word[:2] == "لل":  # ل + ال is written لل
        return "ال" + word[2:]
    if len(word) > 4 and word[0] in "وبلف" and word[1:3] == "ال":
        return word[1:]
    return ""


@lru_cache(maxsize=1)
def _darija_table() -> dict[str, str]:
    return {normalise_arabic(k): v for k, v in {**ar.DARIJA_TO_MSA, **ar.DARIJA_EVERYDAY}.items()}


@lru_cache(maxsize=1)
def _darija_markers() -> frozenset[str]:
    return frozenset(normalise_arabic(w) for w in (*ar.DARIJA_WORDS, *ar.DARIJA_EVERYDAY))


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
