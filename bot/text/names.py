"""Names across scripts: "نيوتن" and "Newton" are one name.

Across languages the lexical coverage is blind: an Arabic question shares no
letter with an English passage. Its names and numbers are the exception —
a person, a place, a team are transliterated, not translated. Both sides are
romanised (anyascii) and reduced to a consonant skeleton of sound classes
that survive the crossing: Arabic has no p, v or short vowels, writes
"ch" as تش, "g" as غ or ج. So "Newton" and "نيوتن" both read ``ntn``,
"Super Bowl" and "سوبر بول" ``sbr bl``, "Pittsburgh" and "بيتسبرغ" ``btsbrk``.

Pure: no model, no corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

from anyascii import anyascii
from babel.dates import get_day_names

from bot.text.normalise import fold_accents

# Latin spellings first, longest first, then one letter per sound class.
_DIGRAPHS = (
    ("tsh", "s"),
    ("th", "t"),
    ("dh", "t"),
    ("sh", "s"),
    ("ch", "s"),
    ("gh", "k"),
    ("kh", "k"),
    ("ph", "f"),
    ("ck", "k"),
    ("x", "ks"),
)
_CLASSES = str.maketrans("pvdzqgjc", "bftskkkk")
_KEPT = re.compile(r"[^bftsklmnr]")
_REPEATS = re.compile(r"(.)\1+")
_SOFT_C = re.compile(r"c(?=[eiy])")
_ARABIC_WORD = re.compile(r"[\u0621-\u064A\u0660-\u0669\u0671-\u06D3]+")
_MARKS = re.compile(r"[\u064B-\u0652\u0670\u0640]")
# The article and the one-letter proclitics a name takes: البرونكوس, بالسوبر.
_ARTICLE = re.compile(r"^(?:وال|بال|فال|كال|لل|ال)")
_PROCLITIC = "وفبلك"
_LATIN_NAME = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")
_POSSESSIVE = re.compile(r"['’]s$")
_DIGITS = re.compile(r"\d+")
SHORTEST = 3


def skeleton(word: str) -> str:
    """The consonant skeleton of one word in any script ("" for none)."""
    text = _SOFT_C.sub("s", anyascii(word).lower())
    for spelling, sound in _DIGRAPHS:
        text = text.replace(spelling, sound)
    return _REPEATS.sub(r"\1", _KEPT.sub("", text.translate(_CLASSES)))


def arabic_forms(word: str, shortest: int = SHORTEST) -> set[str]:
    """The skeletons an Arabic word may carry a name under: as written, without
    its article, without a one-letter proclitic."""
    word = _MARKS.sub("", word)
    forms = {word}
    if len(word) > 4:
        forms.add(_ARTICLE.sub("", word))
    if len(word) > 3 and word[0] in _PROCLITIC:
        forms.add(word[1:])
    return {s for s in map(skeleton, forms) if len(s) >= shortest}


def name_pairs(text: str) -> frozenset[str]:
    """The skeletons of two words in a row, joined: "Sidi Ifni" and "سيدي إفني"
    both read ``stfn``, though "st" and "fn" alone are too short to be read as
    names. Latin words count when both are capitalised; Arabic ones always,
    the first under each of its ``arabic_forms``."""
    found = set()
    for first, second in pairwise(_ARABIC_WORD.findall(text)):
        found |= {a + skeleton(_MARKS.sub("", second)) for a in arabic_forms(first, 1)}
    for first, second in pairwise(_LATIN_WORD.findall(text)):
        if first[:1].isupper() and second[:1].isupper():
            found.add(skeleton(first) + skeleton(second))
    return frozenset(f for f in found if len(f) >= SHORTEST)


def numbers(text: str) -> set[str]:
    """The numbers ``text`` writes, in either digit set ("٢٠١٥" is "2015")."""
    return {"#" + n.lstrip("0") for n in _DIGITS.findall(anyascii(text))}


def arabic_skeletons(text: str) -> list[set[str]]:
    """``arabic_forms`` of each Arabic word of ``text``, in order."""
    return [arabic_forms(word) for word in _ARABIC_WORD.findall(text)]


def name_words(text: str) -> list[frozenset[str]]:
    """What could carry a name across scripts in ``text``, word by word (each
    word's possible skeletons): its Arabic words, its capitalised Latin ones
    (a lower-case Latin word is translated, not transliterated), its numbers."""
    found = [frozenset({n}) for n in numbers(text)]
    found += [frozenset(forms) for forms in arabic_skeletons(text) if forms]
    for word in _LATIN_NAME.findall(text):
        if len(form := skeleton(_POSSESSIVE.sub("", word))) >= SHORTEST:
            found.append(frozenset({form}))
    return list(dict.fromkeys(found))


@lru_cache(maxsize=4096)
def names(text: str) -> frozenset[str]:
    """Every skeleton of ``name_words``: what a passage holds (read once a
    passage: the same passages lead many questions)."""
    return frozenset().union(*name_words(text))


# What a capital after these begins is a sentence, a heading or an item, not a name.
_OPENS = '.!?:;\n—–-•*#>|(«"“'
_LATIN_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# English writes "I" and the days of the week with a capital: a pronoun and
# words that are translated, not transliterated ("Sunday" is "dimanche",
# "الأحد"), so no name a document in another language could hold ("Can I
# smoke in the hotel?", "Is the souk open on Sundays?" name nothing).
_DAYS = [day.casefold() for day in get_day_names("wide", locale="en").values()]
_NOT_NAMES = frozenset(
    ["i", "i'm", "i’m", "i'll", "i’ll", "i've", "i’ve", "i'd", "i’d", *_DAYS]
    + [day + "s" for day in _DAYS]
)
# French elides before a name: "d'Essaouira", "l'AIRF", "jusqu'à".
_ELISION = re.compile(r"^(?:[dljnmst]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)


@lru_cache(maxsize=4096)
def latin_names(text: str, *, inside: bool = False) -> frozenset[str]:
    """The words ``text`` writes with a capital in Latin letters, folded
    ("tiznit", "ait", "baha", "terr'ess"), after an elision too ("d'Essaouira");
    ``inside``: only inside a sentence, names rather than a sentence's first
    word ("Oxygen is..."). Compared as words, not skeletons: within one
    script a short name ("Baha": "b") is as plain as a long one. English's
    "I" and its days are none (``_NOT_NAMES``)."""
    found = set()
    for match in _LATIN_WORD.finditer(text):
        word = _ELISION.sub("", match.group())
        if not word[:1].isupper() or inside and _opens_at(text, match.start()):
            continue
        if word.casefold() in _NOT_NAMES:
            continue
        found.add(fold_accents(_POSSESSIVE.sub("", word)).casefold())
    return frozenset(found)


def _opens_at(text: str, start: int) -> bool:
    """Whether a word at ``start`` begins the text, a sentence, a heading or an item."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in _OPENS


def matches(forms: Iterable[str], held: frozenset[str]) -> bool:
    """Whether one of a word's ``forms`` is ``held``, or begins or ends a held
    one as a stem does an inflected form ("brnks", "brnk"), when both are long
    enough not to meet by chance."""
    for form in forms:
        if form in held:
            return True
        if form[0] == "#" or len(form) <= SHORTEST:
            continue
        if any(len(o) > SHORTEST and (o.startswith(form) or form.startswith(o)) for o in held):
            return True
    return False


def share_held(words: list[frozenset[str]], held: frozenset[str]) -> float:
    """The share of a question's name ``words`` that a passage's ``held``
    names hold (1.0 for none)."""
    if not words:
        return 1.0
    return sum(matches(forms, held) for forms in words) / len(words)
