"""A PDF page's text as a reader sees it: without what is printed on every page,
and with the lines the margin cut joined back into paragraphs.

A PDF holds lines, not paragraphs. An answer is built from sentences
(`bot.text.units` reads a passage line by line), so a sentence the margin cut
in two would be quoted in halves, and a fact that spans the cut in neither.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from bot.knowledge.pdf_gaps import line_key
from bot.text.units import is_list_item, opens_item

_EDGE_LINES = 2  # a header or footer sits in the first or last two lines of a page


def drop_page_furniture(pages: list[str]) -> list[str]:
    """Pages without the lines repeated at the top or bottom of most of them
    (a running title, "Rapport 2024 — page 3 / 12"): numbers aside, a line
    found at a page edge on at least 2 pages and 60% of them is no content.
    Two pages are enough: a leaflet printed on both sides carries its header
    and "Page 1 / 2" on each."""
    if len(pages) < 2:
        return pages
    edges: dict[str, int] = {}
    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        for line in set(lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]):
            edges[_shape(line)] = edges.get(_shape(line), 0) + 1
    furniture = {shape for shape, n in edges.items() if n >= max(2, 0.6 * len(pages))}
    if not furniture:
        return pages
    return [_without_edges(page, furniture) for page in pages]


# A page's number as printed: "3", "- 3 -", "Page 3 / 12", "p. 3 sur 12", "صفحة 3".
_PAGE_NUMBER = re.compile(
    r"^\W*(?:(?:page|p\.|pg\.?|الصفحة|صفحة)\s*)?\d+(?:\s*(?:/|sur|of|من)\s*\d+)?\W*$",
    re.IGNORECASE,
)


def first_line(printed: list[str], kept: list[str]) -> str:
    """The document's first line that is not a page number: its title, as a
    reader takes it, even when it is printed on every page (a running title,
    which ``drop_page_furniture`` takes out of ``printed`` to make ``kept``),
    unless it numbers the pages ("Rapport 2024 — page 1")."""
    survived = {line.strip() for page in kept for line in page.splitlines()}

    def titles(line: str) -> bool:
        numbered = any(ch.isdigit() for ch in line)
        return not _PAGE_NUMBER.match(line) and (line in survived or not numbered)

    lines = (line.strip() for page in printed for line in page.splitlines())
    return next((line for line in lines if line and titles(line)), "")


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()))


def _without_edges(page: str, furniture: set[str]) -> str:
    lines = [line for line in page.splitlines() if line.strip()]
    edge = set(range(_EDGE_LINES)) | set(range(len(lines) - _EDGE_LINES, len(lines)))
    kept = [line for i, line in enumerate(lines) if i not in edge or _shape(line) not in furniture]
    return "\n".join(kept)


_BLOCK_START = re.compile(r"^#")
_FULL = 0.75  # of the page's width, in characters: a line that long was wrapped
# A sentence's end, closing quotes and brackets after it aside.
_STOPS = ".!?؟…"  # what ends a sentence
_ENDS_SENTENCE = re.compile(rf"[{_STOPS}:]\W*$")  # or a list's lead-in


def join_wrapped_lines(page: str, ends: Collection[str] = frozenset()) -> str:
    """``page`` with each line that reaches the margin joined to the next one.

    A line about as long as the page's long lines ended because the margin came;
    a shorter one ends its paragraph (a title, a paragraph's last line), and a
    list item starts a new one. The width is the page's 90th-percentile line,
    so that one overlong line (a URL, a table row) does not set it. A short
    line without a sentence's end after a long one that ends a sentence is a
    heading or a list item, not the paragraph's last words: what tells them
    apart in Arabic, which has no capitals. A line the page's layout shows a
    paragraph's gap after (its ``pdf_gaps.line_key`` in ``ends``) ends its
    paragraph whatever its length, and a blank line follows it.
    """
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    if len(lines) < 2:
        return "\n".join(lines)
    full = _FULL * sorted(len(line) for line in lines)[int(0.9 * (len(lines) - 1))]
    pairs = list(zip(lines, lines[1:], strict=False))
    rows = _rows(line for previous, line in pairs if len(previous) >= full)
    out: list[str] = [lines[0]]
    for previous, line in pairs:
        if ends and line_key(previous) in ends:
            out += ["", line]
            continue
        goes_on = not _BLOCK_START.match(line) and not opens_item(line, out[-1])
        goes_on = goes_on and not (rows and _starts_a_row(line))
        goes_on = goes_on and not _stands_alone(previous, line, full)
        if len(previous) < full or not goes_on:
            out.append(line)
        elif previous.endswith("-"):  # "dévelop-" / "pement": `loaders.clean` decides
            out[-1] = f"{out[-1]}\n{line}"
        else:
            out[-1] = f"{out[-1]} {line}"
    return "\n".join(out)


# A sentence's end, not a list's lead-in (":"): what a heading follows.
_ENDS_PARAGRAPH = re.compile(rf"[{_STOPS}]\W*$")
_HEADING_MAX = 80  # characters
# A line the page sets apart (a gap before and after it) may be a title a full
# line long, as a document's first line may (``loaders.load_pdf``).
_SET_APART_MAX = 120


def mark_headings(page: str) -> str:
    """``page`` (its lines joined, ``join_wrapped_lines``) with each heading
    written as one, as the Word and HTML loaders write theirs: a short line
    with no sentence end, no list mark and no table cell, first on the page
    or after a sentence's end, before a paragraph at least twice its length
    or a marked list item (a slide's bullets) — or before one such heading (a
    document's title, then its first section's). A PDF keeps no styles; read
    as a sentence, "Visite de la coopérative Tifawin" was quoted in answers
    about anything near it. Three short lines before a paragraph stay lines:
    a list without marks looks the same. A line after a blank one (a gap on
    the page) opens too."""
    lines: list[str] = []
    after_gap: set[int] = set()
    for line in page.splitlines():
        if line.strip():
            lines.append(line)
        elif lines:
            after_gap.add(len(lines))
    apart = {i for i in range(len(lines)) if (i == 0 or i in after_gap) and i + 1 in after_gap}
    before_text = [
        _heads(line, _paragraph_at(lines, i + 1), i in apart) for i, line in enumerate(lines)
    ]
    out: list[str] = []
    marked = False
    for i, line in enumerate(lines):
        opens = i == 0 or i in after_gap or marked or bool(_ENDS_PARAGRAPH.search(lines[i - 1]))
        titles = i + 1 < len(lines) and _shaped(line) and before_text[i + 1]
        marked = opens and (before_text[i] or titles)
        out += [""] if i in after_gap else []
        out.append(f"### {line}" if marked else line)
    return "\n".join(out)


def _paragraph_at(lines: list[str], start: int) -> str:
    """The paragraph from ``lines[start]``: a line cut at a hyphen goes on (the
    joining leaves the cut for ``loaders.clean`` to decide)."""
    taken = []
    for line in lines[start:]:
        taken.append(line)
        if not line.endswith("-"):
            break
    return " ".join(taken)


def _shaped(line: str, longest: int = _HEADING_MAX) -> bool:
    """A heading's shape: short, no sentence end, no list mark, no table cell,
    not the lower-case rest of a sentence."""
    return (
        0 < len(line) <= longest
        and not _ENDS_SENTENCE.search(line)
        and not _starts_block(line)
        and "|" not in line
        and not line[0].islower()
    )


def _heads(line: str, after: str, apart: bool = False) -> bool:
    """A heading's shape, before a paragraph (``after``) at least twice as long,
    or before a marked list item (a slide's title over its bullets). A line the
    page sets apart (``apart``) may be longer, before a longer paragraph: the
    layout already says it is no line of a list."""
    if not _shaped(line, _SET_APART_MAX if apart else _HEADING_MAX):
        return False
    if is_list_item(after):
        return True
    return len(after) >= (1 if apart else 2) * len(line) and bool(_ENDS_PARAGRAPH.search(after))


def _starts_block(line: str) -> bool:
    """A heading or a list item: a line of its own, never the rest of a paragraph."""
    return bool(_BLOCK_START.match(line)) or is_list_item(line)


def _stands_alone(previous: str, line: str, full: float) -> bool:
    return bool(
        _ENDS_SENTENCE.search(previous) and len(line) < full and not _ENDS_SENTENCE.search(line)
    )


def _rows(following: Iterable[str]) -> bool:
    """Whether the lines after the page's long ones are mostly rows (of a table, an
    agenda: "Jour 2 : visites") rather than prose the margin cut, where they
    mostly start in lower case. Arabic has no case: it reads as prose."""
    cased = [line[0].islower() for line in following if line[0].isupper() or line[0].islower()]
    return bool(cased) and sum(cased) < 0.5 * len(cased)


def _starts_a_row(line: str) -> bool:
    return line[0].isupper() or line[0].isdigit()
