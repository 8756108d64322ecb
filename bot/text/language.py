"""Which language a text is in: ar, fr or en.

Arabic is told by its script (MSA and Darija alike) or, in Latin letters, by
the ``arabizi`` package; French and English by py3langid backed by stop
words. The thresholds are ``DetectionTuning``'s.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from bot.core.languages import LATIN_LANGS, Lang
from bot.core.tuning import DEFAULT, DetectionTuning
from bot.text.normalise import (
    ARABIC_LETTER,
    LATIN_LETTER,
    WORD,
    arabic_share,
    fold_accents,
    stopwords,
)


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
    fr_hits, en_hits = _stop_word_hits(WORD.findall(text.casefold()))
    lang, prob = _identifier().classify(text)
    if prob >= tuning.sure:
        return lang
    if fr_hits != en_hits:
        return "fr" if fr_hits > en_hits else "en"
    return lang if prob >= tuning.plausible else default


def _stop_word_hits(words: list[str]) -> tuple[int, int]:
    """How many of ``words`` (case-folded) are French and English stop words."""
    folded = [fold_accents(w) for w in words]
    return sum(w in stopwords("fr") for w in folded), sum(w in stopwords("en") for w in folded)


# Between paragraphs: a blank line, or the two spaces and newline that
# ``bot.knowledge.sections`` joins a section's paragraphs with.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n| {2}\n")


def plain_language(text: str, tuning: DetectionTuning = DEFAULT.detection) -> Lang | None:
    """The language of a paragraph that leaves no doubt, else None: Arabic by its
    script, French or English when py3langid is sure and the stop words agree.

    Stricter than ``detect``, which must always answer: a wrong verdict here
    would move a paragraph out of its document's language.
    """
    words = WORD.findall(text.casefold())
    if len(words) < tuning.paragraph_words:
        return None
    if arabic_share(text) >= tuning.arabic_script:
        return "ar"
    fr_hits, en_hits = _stop_word_hits(words)
    # A sentence has several; a list of names may hold one by chance ("Grand Est").
    if max(fr_hits, en_hits) < 2 or fr_hits == en_hits:
        return None
    lang, prob = _identifier().classify(text)
    stop_words_say = "fr" if fr_hits > en_hits else "en"
    return lang if prob >= tuning.sure and lang == stop_words_say else None


def language_runs(
    text: str, lang: Lang, tuning: DetectionTuning = DEFAULT.detection
) -> list[tuple[Lang, str]]:
    """``text`` cut where its paragraphs change language, or a paragraph's
    lines their script, each run with its language; ``lang`` (the
    document's) for a start that leaves a doubt.

    Moroccan bodies print notices with each paragraph followed by its Arabic
    translation, or a French part then an Arabic one, and upload them without
    saying so: read as one language, half their passages are searched,
    stemmed and weighed as a language they are not in. A document in one
    language comes back whole, as one run.
    """
    runs: list[tuple[Lang, str]] = []
    start, current = 0, None
    for begin, end in _units(text, tuning):
        said = plain_language(text[begin:end], tuning)
        if current is None:
            current = said or lang
        elif said is not None and said != current:
            runs.append((current, text[start:begin].rstrip()))
            start, current = begin, said
    runs.append((current or lang, text[start:]))
    return [(run_lang, run) for run_lang, run in runs if run.strip()]


def _units(text: str, tuning: DetectionTuning) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph's runs of lines in one script: a PDF
    often sets a paragraph and its translation with no gap between them."""
    for start, end in _paragraphs(text):
        unit, script, position = start, None, start
        for line in text[start:end].split("\n"):
            said = _script(line, tuning)
            if said is not None and script is not None and said != script:
                yield unit, position
                unit = position
            script = said or script
            position += len(line) + 1
        yield unit, end


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for found in _PARAGRAPH_BREAK.finditer(text):
        yield start, found.start()
        start = found.end()
    yield start, len(text)


def _script(line: str, tuning: DetectionTuning) -> str | None:
    """ "arabic", "latin", or None for a line with no letters (a date, a rule)."""
    if not ARABIC_LETTER.search(line) and not LATIN_LETTER.search(line):
        return None
    return "arabic" if arabic_share(line) >= tuning.arabic_script else "latin"
