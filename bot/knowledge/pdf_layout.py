"""Arabic PDF pages read where their glyphs stand, then put in reading order.

pypdf's plain extraction reads a page in the order its text is written, and
writers write Arabic in many orders: LibreOffice in pieces cut at every vowel
mark and number ("العالمًدمر": the end of a line before its start), Chromium
(Chrome's "Save as PDF") each line's words from the page's left, so a
sentence reads backwards. Where the glyphs stand does not depend on the
writer: pypdf's layout mode reads each line from left to right, as drawn,
and the Unicode bidirectional algorithm (python-bidi) turns a line drawn
right to left back into the order it is read, numbers and Latin words kept
left to right inside it.

One thing the page's positions do not tell: the lam-alef ligature ("لا" as
one glyph) keeps its two letters in reading order inside a line read from
the left, where "ال" drawn as two glyphs reads "لا" too. Each font's ligature
is read as its one presentation-form character instead, which the
reordering keeps whole and NFKC unfolds afterwards. A vowel mark that
Chromium draws as a glyph of its own can land away from its letter: one that
no letter carries (at a word's start, or alone between spaces) is dropped;
one that lands on the wrong letter of its word stays.

fpdf2 (no text shaper) draws each word's letters from the left, so its page
itself reads backwards; ``visual_order`` handles that before this is asked.
"""

from __future__ import annotations

import re
import unicodedata

from bot.knowledge.visual_order import ARABIC_LETTERS, VOWEL_MARKS, folded

_ARABIC = re.compile(f"[{ARABIC_LETTERS}]")
_LIGATURES = {"لا": "\ufefb", "لأ": "\ufef7", "لإ": "\ufef9", "لآ": "\ufef5"}
_OPEN_CLOSE = re.compile(r"\([^()\n]*\)")
_CLOSE_OPEN = re.compile(r"\)[^()\n]*\(")
_MIRRORED = dict(zip("()[]{}«»<>", ")(][}{»«><", strict=True))
# Marks where no letter carries them: at a word's start or on their own.
_MISPLACED_MARKS = re.compile(f"(?:^|(?<=\\s))[{VOWEL_MARKS}]+")
# A letter in its initial or medial form joins the next one: a space after it
# (and its marks) is the layout's, where a mark drawn apart widened the gap.
_JOINS_NEXT = "".join(
    chr(c)
    for c in range(0xFB50, 0xFF00)
    if unicodedata.decomposition(chr(c)).startswith(("<initial>", "<medial>"))
)
_SPLIT_WORD = re.compile(
    f"([{_JOINS_NEXT}][{VOWEL_MARKS}]*) +(?=[{VOWEL_MARKS}]*[{ARABIC_LETTERS}])"
)


def mostly_arabic(text: str) -> bool:
    """Whether most of the letters of ``text`` are Arabic."""
    arabic = len(_ARABIC.findall(text))
    return arabic > 0 and 2 * arabic >= _letters(text)


def page_in_reading_order(page, text: str) -> str:
    """``page`` read by layout, or ``text`` (its plain reading) when the layout
    cannot be made or holds less: pypdf's layout mode drops rotated text, and
    fails on some pages its plain reading reads."""
    try:
        laid_out = reading_lines(page).strip()
    except Exception:  # any failure of the layout costs the reordering, not the page
        return text
    if 10 * _letters(folded(laid_out)) < 9 * _letters(folded(text)):
        return text
    return laid_out


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def reading_lines(page) -> str:
    """``page``'s lines as drawn, each put in reading order. Whether a bracket
    drawn in a right-to-left run is read as its glyph or as its mirror depends
    on the writer (Chromium: the glyph; LibreOffice: the mirror): the reading
    whose brackets open before they close is kept."""
    drawn = [" ".join(line.split()) for line in _drawn_lines(page).splitlines()]
    mirrors = (False, True) if any(c in _MIRRORED for line in drawn for c in line) else (False,)
    readings = ["\n".join(_in_reading_order(line, mirror) for line in drawn) for mirror in mirrors]
    return max(readings, key=_brackets_in_order)


def _brackets_in_order(text: str) -> int:
    return len(_OPEN_CLOSE.findall(text)) - len(_CLOSE_OPEN.findall(text))


def _drawn_lines(page) -> str:
    """The page as laid out, each lam-alef ligature one character. The fonts
    are read through pypdf's ``_layout_mode_fonts``; should a later pypdf drop
    it, the layout is read as it is, ligatures in two letters."""
    fonts_of = getattr(page, "_layout_mode_fonts", None)
    if fonts_of is not None:
        page._layout_mode_fonts = lambda: _with_ligatures(fonts_of())
    return page.extract_text(extraction_mode="layout", layout_mode_space_vertically=False)


def _with_ligatures(fonts: dict) -> dict:
    for font in fonts.values():
        mapping = getattr(font, "character_map", None)
        if isinstance(mapping, dict):
            for code, text in mapping.items():
                if text in _LIGATURES:
                    mapping[code] = _LIGATURES[text]
    return fonts


def _in_reading_order(line: str, mirror: bool) -> str:
    """The line reordered; presentation forms are unfolded later, with the
    rest of the document (``visual_order.reading_order``)."""
    from bidi import get_display

    if _ARABIC.search(line):
        line = get_display(_mirrored(line) if mirror else line, base_dir="R")
        line = _SPLIT_WORD.sub(r"\1", line)
    return " ".join(_MISPLACED_MARKS.sub("", line).split())


def _mirrored(line: str) -> str:
    """Brackets swapped, but for those between Latin letters or figures on both
    sides, which a right-to-left line draws left to right; one pass each way."""
    left, latin = [], False
    for char in line:
        left.append(latin)
        if char.isalnum():
            latin = char.isascii()
    out, latin = [], False
    for char, latin_left in zip(reversed(line), reversed(left), strict=True):
        keep = char not in _MIRRORED or (latin and latin_left)
        out.append(char if keep else _MIRRORED[char])
        if char.isalnum():
            latin = char.isascii()
    return "".join(reversed(out))
