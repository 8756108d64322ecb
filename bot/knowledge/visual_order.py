"""Arabic read back from a PDF in the order it was drawn, put back in reading order.

A PDF holds glyphs where they are drawn, not words in the order they are read.
A writer without a text shaper (fpdf2, the library this machine has for
making PDFs) draws each right-to-left run from its left end, so a text
extractor returns "سيريت جمانربل" for "لبرنامج تيريس": every Arabic word
reversed. Such text reaches no question, in any language, and shows garbled
in an answer. The page's own words tell such a document; the others are read
where their glyphs stand (``pdf_layout``).

Presentation forms (the joined shapes of letters, "ﻻ" for "لا") and Latin
ligatures ("ﬁ") that some extractors return are folded to the letters they
stand for, so that the words match what delegates type.
"""

from __future__ import annotations

import re
import unicodedata

from bot.text.normalise import normalise, stopwords

ARABIC_LETTERS = "\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc"
VOWEL_MARKS = "\u064b-\u065f\u0670"  # harakat, tanwin, shadda, sukun...
_MARKS = f"\u0640{VOWEL_MARKS}"  # tatweel and vowel marks ride with their letter
# What an Arabic run holds as drawn: letters, marks, Arabic-Indic digits (drawn
# inside the run by fpdf2), the spaces between words and the punctuation that
# sits in a sentence, quotation marks and slashes included ("أيار/مايو"). Latin
# words and ASCII numbers are drawn as runs of their own, in reading order
# already.
_INNER = f"{ARABIC_LETTERS}{_MARKS}\u0660-\u0669\u06f0-\u06f9"
_PUNCT = frozenset('.,:;!?()-/"\u060c\u061b\u061f')
# A run's core: from an Arabic character to the last one before anything else.
# It starts on an Arabic character, so a line of anything else is read once.
_CORE = re.compile(rf"[{_INNER}](?:[{_INNER}{re.escape(''.join(_PUNCT))} ]*[{_INNER}])?")
# The comma after a number ("1901، تم") is drawn with the Arabic run that
# follows it, at that run's far end: "مت ،" closing the line.
_STRAY_COMMA = re.compile(r" [\u060c,](?=\s*$)")
_WORD = re.compile(f"[{ARABIC_LETTERS}{_MARKS}]+")
_GLUED = re.compile(
    rf"(?<=[{ARABIC_LETTERS}])(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])(?=[{ARABIC_LETTERS}])"
)
_FORMS = re.compile("[\ufb00-\ufb06\ufb50-\ufdff\ufe70-\ufefc]+")

# What only the start or the end of an Arabic word holds: the article (alone or
# behind a preposition), and the ta marbuta and alef maqsura, which end words
# and never begin one.
_ARTICLE = ("ال", "وال", "بال", "فال", "كال", "لل")
_ENDINGS = ("ة", "ى")
_MIN_EVIDENCE = 3  # words that read better backwards before a document is turned


def reading_order(pages: list[str]) -> list[str]:
    """``pages`` with Arabic runs reversed when the document's words read backwards,
    and presentation forms folded either way."""
    if drawn_backwards("\n".join(pages)):
        pages = [_reverse_runs(page) for page in pages]
    return [folded(page) for page in pages]


def folded(text: str) -> str:
    """``text`` with presentation forms and ligatures unfolded to their letters."""
    return _FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def drawn_backwards(text: str) -> bool:
    """Whether the Arabic words of ``text`` read better reversed: function words,
    the article and the endings found when each word is read from its end."""
    words = [unicodedata.normalize("NFKC", w) for w in _WORD.findall(text)]
    forwards = sum(_telltales(w) for w in words)
    backwards = sum(_telltales(w[::-1]) for w in words)
    return backwards >= _MIN_EVIDENCE and backwards > 2 * forwards


def _telltales(word: str) -> int:
    return (
        (normalise(word) in stopwords("ar"))
        + (word.startswith(_ARTICLE) and len(word) > 3)
        + (word.endswith(_ENDINGS) and len(word) > 1)
    )


def _reverse_runs(page: str) -> str:
    lines = (_reverse_line(line) for line in page.splitlines())
    # Extraction glues a run to the number drawn beside it ("الوؤسم1240").
    return "\n".join(_GLUED.sub(" ", line) for line in lines)


def _reverse_line(line: str) -> str:
    """Each Arabic run of ``line`` reversed where it stands, with the punctuation
    that touches it (".لود" is "دول.")."""
    out, done = [], 0
    for match in _CORE.finditer(line):
        start, end = match.span()
        while start > done and line[start - 1] in _PUNCT:
            start -= 1
        while end < len(line) and line[end] in _PUNCT:
            end += 1
        stray = _STRAY_COMMA.match(line, end)
        end = stray.end() if stray else end
        out += [line[done:start], line[start:end][::-1]]
        done = end
    return "".join(out) + line[done:]
