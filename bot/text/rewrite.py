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
    """True when the Arabic text uses Moroccan Darija words (شحال، كاين، واش...)."""
    words = {normalise_arabic(w) for w in WORD.findall(strip_marks(text))}
    return bool(words & _darija_markers())


def darija_to_msa(text: str) -> str:
    """Rewrite Darija function words in MSA (شحال -> كم, كينظم -> ينظم) for search.

    Only for matching: the delegate's own words are what the bot shows back.
    """
    out = []
    for word in text.split():
        core = word.rstrip("؟?!.،,")
        tail = word[len(core) :]
        key = normalise_arabic(core)
        mapped = next((v for k, v in ar.DARIJA_TO_MSA.items() if normalise_arabic(k) == key), None)
        if mapped is None and len(core) >= 4 and core[:2] in ("كي", "كت", "كن"):
            mapped = core[1:]  # present-tense prefix ka-: كينظم -> ينظم
        if mapped is None:
            mapped = core
        if mapped or tail:
            out.append(mapped + tail)
    return " ".join(w for w in out if w)


@lru_cache(maxsize=1)
def _darija_markers() -> frozenset[str]:
    return frozenset(normalise_arabic(w) for w in ar.DARIJA_WORDS)


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
