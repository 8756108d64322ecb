"""Arabic read back from a PDF in the order it was drawn, put back in reading order.

A PDF holds glyphs where they are drawn, not words in the order they are read.
Writers lay Arabic out in three ways, and the page's own words tell which:

- in reading order (LibreOffice, Word): nothing to do;
- each right-to-left run drawn from its left end (fpdf2, the library this
  machine has for making PDFs): a text extractor returns "سيريت جمانربل" for
  "لبرنامج تيريس", every Arabic word reversed;
- each line's words in the order they stand on the page, right to left, each
  word's letters in reading order (Chromium's "Save as PDF", which Chrome and
  Android's print service use): "تيريس لبرنامج", the sentence backwards.

Either garbled kind reaches no question, in any language, and shows garbled
in an answer.

Presentation forms (the joined shapes of letters, "ﻻ" for "لا") and Latin
ligatures ("ﬁ") that some extractors return are folded to the letters they
stand for, so that the words match what delegates type.
"""

from __future__ import annotations

import re
import unicodedata

from bot.text.normalise import normalise, stopwords

_LETTERS = "\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc"
_MARKS = "\u0640\u064b-\u065f\u0670"  # tatweel and vowel marks ride with their letter
# What an Arabic run holds as drawn: letters, marks, Arabic-Indic digits (drawn
# inside the run by fpdf2), the spaces between words and the punctuation that
# sits in a sentence, quotation marks and slashes included ("أيار/مايو"). Latin
# words and ASCII numbers are drawn as runs of their own, in reading order
# already.
_INNER = f"{_LETTERS}{_MARKS}\u0660-\u0669\u06f0-\u06f9"
_PUNCT = frozenset('.,:;!?()-/"\u060c\u061b\u061f')
# A run's core: from an Arabic character to the last one before anything else.
# It starts on an Arabic character, so a line of anything else is read once.
_CORE = re.compile(rf"[{_INNER}](?:[{_INNER}{re.escape(''.join(_PUNCT))} ]*[{_INNER}])?")
# The comma after a number ("1901، تم") is drawn with the Arabic run that
# follows it, at that run's far end: "مت ،" closing the line.
_STRAY_COMMA = re.compile(r" [\u060c,](?=\s*$)")
_WORD = re.compile(f"[{_LETTERS}{_MARKS}]+")
_MARK = re.compile(f"[{_MARKS}]")
_GLUED = re.compile(rf"(?<=[{_LETTERS}])(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])(?=[{_LETTERS}])")
_FORMS = re.compile("[\ufb00-\ufb06\ufb50-\ufdff\ufe70-\ufefc]+")

# What only the start or the end of an Arabic word holds: the article (alone or
# behind a preposition), and the ta marbuta and alef maqsura, which end words
# and never begin one.
_ARTICLE = ("ال", "وال", "بال", "فال", "كال", "لل")
_ENDINGS = ("ة", "ى")
_MIN_EVIDENCE = 3  # words that read better backwards before a document is turned


def reading_order(pages: list[str]) -> list[str]:
    """``pages`` with Arabic runs reversed when the document's words read backwards,
    lines put in reading order when its sentences read backwards, and
    presentation forms folded either way."""
    if drawn_backwards("\n".join(pages)):
        pages = [_reverse_runs(page) for page in pages]
    pages = [_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), p) for p in pages]
    if in_visual_order("\n".join(pages)):
        pages = ["\n".join(map(_logical_line, page.splitlines())) for page in pages]
    return pages


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


# What tells a sentence read backwards, its words each in reading order: a
# particle that stands before its verb, a relative pronoun before its verb,
# a year after "عام"; punctuation on the wrong side of what it closes
# ("،1939", ".المسرح"), and a paragraph's full stop opening its last line.
# Each is counted both ways on the document's Arabic lines; on 294 Arabic
# paragraphs and 1,027 questions in reading order (the data sets' fit half)
# none counts more than 2 backwards, nor more backwards than forwards.
_MIN_ORDER_EVIDENCE = 2
_BEFORE_VERB = frozenset("لم لن قد سوف أن لا كان كانت".split())
_BEFORE_YEAR = frozenset("عام العام سنة".split())
_RELATIVE = frozenset("الذي التي الذين اللذين اللتين".split())
_SENTENCE_END = ".!?\u061f"
_CLOSED = re.compile(r'[\d)"][.:\u060c\u061b]$')
_OPENED = re.compile(rf'^(?:[.:\u060c\u061b][\d("]|\.[{_LETTERS}])')
_STRIP = '.,:;!?()"-/\u060c\u061b\u061f'
# A word as the page holds it: letters, marks and the Arabic punctuation that a
# shaper draws with them ("قريب،"), in reading order inside.
_MIRRORED = dict(zip("()[]{}«»<>", ")(][}{»«><", strict=True))
_STRONG = re.compile(f"[A-Za-z0-9{_LETTERS}]")
_STOPS = ".:;,!?\u060c\u061b\u061f"
_SPACING = [
    (re.compile(rf" +([{_STOPS}])\)"), r")\1"),
    (re.compile(rf"(?<=\S) +([{_STOPS}]+)(?=\s|$)"), r"\1"),
    (re.compile(rf" +([{_STOPS}]+)(?=[^\s\d])"), r"\1 "),
    (re.compile(r"([(«]) +"), r"\1"),
    (re.compile(r" +([)»])"), r"\1"),
    (re.compile(rf"([)»])(?=[^\s{_STOPS})»])"), r"\1 "),
    (re.compile(f"(?<=[^\\s\\d])([.:\u060c\u061b])(?=[{_LETTERS}])"), r"\1 "),
]
_CLUSTER = re.compile(f"[{_LETTERS}{_MARKS}\u060c\u061b\u061f]+")


def in_visual_order(text: str) -> bool:
    """Whether the Arabic lines of ``text`` read better with their words reversed."""
    forwards = backwards = 0
    for line in text.splitlines():
        words = _MARK.sub("", line).split()
        if not words or 2 * sum(bool(_WORD.search(w)) for w in words) < len(words):
            continue
        forwards += _order_telltales(words) + sum(bool(_CLOSED.search(w)) for w in words)
        backwards += _order_telltales(words[::-1]) + sum(bool(_OPENED.match(w)) for w in words)
        # A paragraph's full stop closes its last line, or opens it drawn backwards.
        forwards += words[-1][-1] in _SENTENCE_END
        backwards += words[0][0] in _SENTENCE_END and len(words[0]) > 1
    return backwards >= _MIN_ORDER_EVIDENCE and backwards > 2 * forwards


def _order_telltales(words: list[str]) -> int:
    found = 0
    for first, then in zip(words, words[1:], strict=False):
        word, next_word = first.strip(_STRIP), then.strip(_STRIP)
        if not word or not next_word or then[0] in _STRIP:
            continue
        if word in _BEFORE_VERB:
            found += next_word[0] in "يت" and len(next_word) > 2
        elif word in _RELATIVE:
            found += next_word[0] in "يتك"
        elif word in _BEFORE_YEAR:
            found += next_word.isdigit()
    return found


def _logical_line(line: str) -> str:
    """A line as it stands on the page, read back in reading order: the Unicode
    bidirectional algorithm reorders it (right to left where there is Arabic),
    which also reverses each word's letters, so each word is turned back; a
    bracket drawn mirrored in a right-to-left run is turned back too."""
    from bidi import get_display

    if not _WORD.search(line):
        return line
    shown = get_display(_unmirror(line), base_dir="R")
    turned = _CLUSTER.sub(lambda m: m.group()[::-1], shown)
    # The extractor puts spaces on the page's side of a stop or a bracket:
    # "أيام .التاريخ", "(AIRF .)", "( المعدات )التي".
    for pattern, replacement in _SPACING:
        turned = pattern.sub(replacement, turned)
    return turned


def _unmirror(line: str) -> str:
    """Brackets swapped, except those between Latin letters on both sides (the
    only ones a right-to-left line draws unmirrored); one pass each way."""
    left, latin = [], False
    for char in line:
        left.append(latin)
        if _STRONG.match(char):
            latin = char.isascii()
    out, latin = [], False
    for char, latin_left in zip(reversed(line), reversed(left), strict=True):
        out.append(char if char not in _MIRRORED or (latin and latin_left) else _MIRRORED[char])
        if _STRONG.match(char):
            latin = char.isascii()
    return "".join(reversed(out))
