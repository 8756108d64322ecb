"""Where a PDF page leaves a paragraph's gap between two lines.

The text pypdf extracts has one line per printed line and no blank line
between paragraphs, so ``pdf_pages.join_wrapped_lines`` guesses a paragraph's
end from a line's length: a line about as long as the page's long ones was cut
by the margin and goes on in the next. A title or a heading that long (a
document's subtitle, "Transport, repas et badges pendant les trois journées de
la rencontre d'Agadir") was then joined to the paragraph under it, and read as
its first sentence. Writers leave more space after a paragraph than between
its lines (Word and LibreOffice by their paragraph styles, a blank line
otherwise), and a heading set in a larger font is followed by a wider step
too: the page's positions say where a paragraph ends, whatever its length.

Lines are told apart by their letters and figures, in any order
(``line_key``): a page read again in another order (Arabic put in reading
order, ``pdf_layout``; its running header dropped) keeps its keys.
"""

from __future__ import annotations

import unicodedata

# A step down this many times the page's usual one between lines ends a
# paragraph: Word's default paragraph spacing is about 1.6 times its line
# pitch, LibreOffice's 1.5; single-spaced lines of one paragraph, 1.
_GAP = 1.3
_MIN_LINES = 4  # fewer lines give no usual step to compare with
# A step under this share of the median is back from a raised mark, not a line's:
# a note mark sits about a third of a line up; lines are at least 0.4 times the
# median step where most steps are gaps up to 2.5 lines wide.
_NOTE_MARK = 0.4


def read_page(page) -> tuple[str, frozenset[str]]:
    """``page``'s plain text (pypdf's) and the keys of its lines that end a
    paragraph (``paragraph_ends``), read in one pass."""
    lines: list[tuple[str, float | None]] = [("", None)]

    def visit(text: str, cm, tm, font, size) -> None:
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append(("", None))
            said, y = lines[-1]
            if part.strip() and y is None:
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            lines[-1] = (said + part, y)

    text = page.extract_text(visitor_text=visit) or ""
    return text.strip(), paragraph_ends(lines)


def paragraph_ends(lines: list[tuple[str, float | None]]) -> frozenset[str]:
    """The keys of the lines (text, height on the page) followed by a step down
    wider than ``_GAP`` times the page's usual step between two lines of a
    paragraph: its lower quartile, since a page of short paragraphs has nearly
    as many gaps as lines (where every step is a gap, none is found, and the
    line lengths decide as before). A step up (a new column) says nothing, nor
    does one under 0.4 times the median: back to the line after a raised note mark
    ("¹"), whose small steps would make every line's step look wide."""
    placed = [(text, y) for text, y in lines if text.strip() and y is not None]
    pairs = zip(placed, placed[1:], strict=False)
    steps = [(a, above - below) for (a, above), (_, below) in pairs]
    downward = sorted(step for _, step in steps if step > 0)
    if len(downward) < _MIN_LINES - 1:
        return frozenset()
    median = downward[(len(downward) - 1) // 2]
    lines_apart = [step for step in downward if step >= _NOTE_MARK * median]
    usual = lines_apart[len(lines_apart) // 4]
    return frozenset(line_key(text) for text, step in steps if step > _GAP * usual)


def line_key(line: str) -> str:
    """A line's letters and figures, folded and sorted: the same for the line
    read in any order, with its ligatures unfolded and its vowel marks aside."""
    folded = unicodedata.normalize("NFKC", line).casefold()
    return "".join(sorted(c for c in folded if c.isalnum()))
