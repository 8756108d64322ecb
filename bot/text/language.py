"""Which language a text is in: ar, fr or en.

Arabic is told by its script (MSA and Darija alike) or, in Latin letters, by
the ``arabizi`` package; French and English by py3langid backed by stop
words. The thresholds are ``DetectionTuning``'s.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from bot.core.languages import LATIN_LANGS, Lang
from bot.core.tuning import DEFAULT, DetectionTuning
from bot.text.normalise import LATIN_LETTER, WORD, arabic_share, fold_accents, stopwords


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
    if arabic_share(text) >= tuning.arabic_script or not LATIN_LETTER.search(text):
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


def detect(text: str, *, default: Lang = "fr", tuning: DetectionTuning = DEFAULT.detection) -> Lang:
    """The language of ``text`` among ar/fr/en; ``default`` when it cannot tell.

    Arabic is told by its script (MSA and Darija alike), or in Latin letters by
    ``is_arabizi``. French and English are told apart by py3langid, restricted
    to those two and backed by stop words, because a three-word question is
    short for a character n-gram model.
    """
    if arabic_share(text) >= tuning.arabic_script or is_arabizi(text, tuning):
        return "ar"
    if not LATIN_LETTER.search(text):
        return default
    folded = [fold_accents(w) for w in WORD.findall(text.casefold())]
    fr_hits = sum(w in stopwords("fr") for w in folded)
    en_hits = sum(w in stopwords("en") for w in folded)
    lang, prob = _identifier().classify(text)
    if prob >= tuning.sure:
        return lang
    if fr_hits != en_hits:
        return "fr" if fr_hits > en_hits else "en"
    return lang if prob >= tuning.plausible else default
