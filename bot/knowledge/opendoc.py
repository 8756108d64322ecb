"""OpenDocument files (.odt, .ods, .odp): the formats LibreOffice saves by
default, and the ones many francophone administrations keep their files in.

Read like ``wordml``: ``content.xml`` streamed with lxml, each top-level
block (a paragraph, a list item, a table row, a box anchored to the page, a
sheet's row, a slide) handled as it ends and then dropped; images and other
parts are never opened. Text comes out in
the shape the other loaders give: "#" headings, "- " list items, table rows
joined by " | ", a "## " section per sheet or slide.

What a reader does not see is left out: comments, tracked deletions, a
table of contents (the headings again), a deck's footers and speaker notes.
Footnotes and text boxes are read once, after their paragraph.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from bot.knowledge.budget import Budget
from bot.knowledge.ooxml import core_title, drop_read, open_archive, table_row
from bot.knowledge.sheets import row_line

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
PRESENTATION = "{urn:oasis:names:tc:opendocument:xmlns:presentation:1.0}"
CONTENT, META = "content.xml", "meta.xml"

# Inline elements that stand for a space (text:s may say "a million spaces").
_SPACES = frozenset({f"{TEXT}s", f"{TEXT}tab", f"{TEXT}line-break"})
# Inline elements whose text is not the sentence's: comments, footnotes
# (read after the paragraph), drawings and text boxes (read after it too).
_NOT_INLINE = frozenset({f"{OFFICE}annotation", f"{TEXT}note"})
# Where a paragraph belongs to something else than the block it sits in.
_NESTED = frozenset(
    {
        f"{DRAW}text-box",
        f"{DRAW}custom-shape",
        f"{TABLE}table-cell",
        f"{TEXT}note-body",
        f"{OFFICE}annotation",
    }
)
_PARAGRAPHS = (f"{TEXT}p", f"{TEXT}h")
# What a text document is read in, each as it ends: a list item by item and a
# table row by row, so that a list or table of a million rows is never held whole.
_ITEMS = (f"{TEXT}list-item", f"{TEXT}list-header")
# A frame, shape or group anchored to the page sits in the body itself.
_DRAWINGS = (f"{DRAW}frame", f"{DRAW}custom-shape", f"{DRAW}g")
_BLOCKS = (*_PARAGRAPHS, *_ITEMS, f"{TABLE}table-row", f"{TEXT}list", f"{TABLE}table", *_DRAWINGS)
_BOXES = (f"{DRAW}text-box", f"{DRAW}custom-shape")
# A deck's placeholders that repeat on every slide: page furniture.
_FURNITURE = frozenset({"footer", "date-time", "page-number", "header"})


def read_odt(path: Path, budget: Budget) -> tuple[str, str | None]:
    """The text and title of an .odt file: its properties' title, else its
    first paragraph in the "Title" style."""
    with open_archive(path, "ODT", CONTENT) as archive:
        title = core_title(archive, META)
        parents: dict[str, str] = {}  # automatic paragraph style -> the style it adapts
        lines: list[str] = []
        chars = 0
        for element in _ended(archive, (f"{STYLE}style", *_BLOCKS)):
            if element.tag == f"{STYLE}style":
                if element.get(f"{STYLE}parent-style-name"):
                    parents[element.get(f"{STYLE}name", "")] = element.get(
                        f"{STYLE}parent-style-name"
                    )
                continue
            if not _top_level(element):
                continue  # inside a list item, a cell or a box: read with it
            budget.spend(chars)  # every block, empty ones too: the time allowance
            block = _block(element, parents)
            if title is None and element.tag == f"{TEXT}p" and _is_title(element, parents):
                title = block[0][2:] if block else None
            lines += block
            chars += sum(len(line) + 2 for line in block)
            drop_read(element)
    return "\n\n".join(lines), title


def read_ods(path: Path, budget: Budget) -> tuple[str, str | None]:
    """The text (a "## sheet" section per visible sheet, a line per row) and
    title (its properties') of an .ods file."""
    with open_archive(path, "ODS", CONTENT) as archive:
        title = core_title(archive, META)
        hidden: set[str] = set()  # the table styles that hide a sheet
        sections, rows, chars = [], [], 0
        tags = (f"{STYLE}style", f"{TABLE}table-row", f"{TABLE}table")
        for element in _ended(archive, tags):
            if element.tag == f"{STYLE}style":
                shown = element.find(f"{STYLE}table-properties")
                if shown is not None and shown.get(f"{TABLE}display") == "false":
                    hidden.add(element.get(f"{STYLE}name", ""))
                continue
            sheet = element if element.tag == f"{TABLE}table" else _sheet_of(element)
            if sheet is None or sheet.getparent().tag != f"{OFFICE}spreadsheet":
                continue  # a table in a cell or a shape: read with its row
            if element is sheet:
                name = sheet.get(f"{TABLE}name", "")
                if rows and sheet.get(f"{TABLE}style-name") not in hidden:
                    sections.append("\n".join([f"## {name}", "", *rows]))
                rows = []
            else:
                budget.spend(chars)  # every row: a sheet may hold a million empty ones
                if line := row_line(_cell(cell) for cell in element.iter(f"{TABLE}table-cell")):
                    rows.append(line)
                    chars += len(line) + 1
            drop_read(element)
    return "\n\n".join(sections), title


def read_odp(path: Path, budget: Budget) -> tuple[str, str | None]:
    """The text (a "## n. title" section per slide, "- " bullets, table rows)
    and title (its properties', else the first slide's) of an .odp file."""
    with open_archive(path, "ODP", CONTENT) as archive:
        title = core_title(archive, META)
        sections, first, chars, number = [], "", 0, 0
        for page in _ended(archive, (f"{DRAW}page",)):
            if page.getparent().tag != f"{OFFICE}presentation":
                continue
            budget.spend(chars)
            number += 1
            heading, lines = _slide(page)
            first = first or heading
            if heading or lines:
                name = f"{number}. {heading}" if heading else f"{number}."
                sections.append("\n".join([f"## {name}", "", *lines]))
                chars += len(sections[-1]) + 2
            drop_read(page)
    return "\n\n".join(sections), title or first or None


def _ended(archive: zipfile.ZipFile, tags: tuple[str, ...]) -> Iterator:
    """The elements named ``tags`` of ``content.xml``, each as it ends."""
    from lxml import etree

    with archive.open(CONTENT) as part:
        for _, element in etree.iterparse(part, events=("end",), tag=tags):
            yield element


def _top_level(element) -> bool:
    """Whether ``element`` is read on its own: a block of the body, an item of
    one of its lists, a row of one of its tables."""
    if element.tag in _ITEMS:
        return element.getparent().tag == f"{TEXT}list" and _in_body(
            element.getparent().getparent()
        )
    if element.tag == f"{TABLE}table-row":
        table = _sheet_of(element)
        return table is not None and _in_body(table.getparent())
    return _in_body(element.getparent())


def _in_body(parent) -> bool:
    """Whether an element under ``parent`` is the document's own, inside sections or not."""
    while parent is not None and parent.tag == f"{TEXT}section":
        parent = parent.getparent()
    return parent is not None and parent.tag == f"{OFFICE}text"


def _block(element, parents: dict[str, str]) -> list[str]:
    """A top-level block's lines: a heading, a paragraph (then its boxes and
    notes), a list item (its sub-items with it), a table row, a text box
    anchored to the page. A list or a table ends with its items and rows
    already read."""
    if element.tag == f"{TABLE}table-row":
        return [line] if (line := _row(element)) else []
    if element.tag in _ITEMS:
        mark = "- " if element.tag == f"{TEXT}list-item" else ""
        return [line for p in _own(element, _PARAGRAPHS) for line in _lines(p, mark)]
    if element.tag in _PARAGRAPHS:
        return _lines(element, "# " if _is_title(element, parents) else "")
    if element.tag in _DRAWINGS:
        return [line for _, text in _shapes([element]) for line in text.splitlines()]
    return []


def _lines(paragraph, prefix: str) -> list[str]:
    """A paragraph's line (a heading's with its "#"), then those of the text
    boxes and footnotes it holds."""
    text = _inline(paragraph)
    if paragraph.tag == f"{TEXT}h":
        level = paragraph.get(f"{TEXT}outline-level", "")
        prefix = "#" * (min(max(int(level), 1), 6) if level.isdigit() else 1) + " "
    own = [prefix + text] if text else []
    extra = [
        _inline(p)
        for holder in _own(paragraph, (*_BOXES, f"{TEXT}note-body"))
        for p in _own(holder, _PARAGRAPHS)
    ]
    return own + [line for line in extra if line]


def _own(root, tags: tuple[str, ...]) -> list:
    """The elements named ``tags`` under ``root`` that belong to it, not to a
    box, a cell, a note or a comment inside it."""
    found = []
    for element in root.iter(*tags):
        if element is root:
            continue
        between = element.getparent()
        while between is not root and between.tag not in _NESTED:
            between = between.getparent()
        if between is root:
            found.append(element)
    return found


def _inline(element) -> str:
    """The paragraph's own text, spaces collapsed."""
    parts: list[str] = []
    _collect(element, parts)
    return " ".join("".join(parts).split())


def _collect(element, parts: list[str]) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        if not isinstance(child.tag, str):
            pass  # a comment or processing instruction: only its tail is text
        elif child.tag in _SPACES:
            parts.append(" ")
        elif child.tag not in _NOT_INLINE and not child.tag.startswith(DRAW):
            _collect(child, parts)
        if child.tail:
            parts.append(child.tail)


def _is_title(paragraph, parents: dict[str, str]) -> bool:
    style = paragraph.get(f"{TEXT}style-name", "")
    return paragraph.tag == f"{TEXT}p" and "Title" in (style, parents.get(style))


def _rows(table) -> Iterator[str]:
    """A table's rows, empty ones left out."""
    return (line for row in table.iter(f"{TABLE}table-row") if (line := _row(row)))


def _row(row) -> str:
    """A row's cells (``table_row``: a merged cell once)."""
    return table_row([_cell(cell) for cell in row.iter(f"{TABLE}table-cell")])


_DURATION = re.compile(r"^PT(\d+)H(\d+)M")


def _cell(cell) -> str:
    """A cell as the sheet shows it, dates and times in ISO form (the same
    in every language, as ``sheets`` writes them)."""
    kind = cell.get(f"{OFFICE}value-type")
    if kind == "date" and (value := cell.get(f"{OFFICE}date-value")):
        day, _, clock = value.partition("T")
        return day if clock in ("", "00:00:00") else f"{day} {clock[:5]}"
    if kind == "time" and (match := _DURATION.match(cell.get(f"{OFFICE}time-value", ""))):
        return f"{int(match[1]):02d}:{int(match[2]):02d}"
    return " ".join(_inline(p) for p in _own(cell, _PARAGRAPHS)).strip()


def _sheet_of(row):
    """The table a row belongs to (rows may sit in header or group elements)."""
    return next(row.iterancestors(f"{TABLE}table"), None)


def _slide(page) -> tuple[str, list[str]]:
    """A slide's title and its other lines, in the order of its shapes."""
    title, lines = "", []
    for kind, text in _shapes(page):
        if kind == "title" and not title:
            title = " ".join(text.split())
        else:
            lines += text.splitlines()
    return title, lines


def _shapes(parent) -> Iterator[tuple[str, str]]:
    """(placeholder class, text) of each shape holding text, groups opened;
    furniture and speaker notes left out."""
    for shape in parent:
        if not isinstance(shape.tag, str):
            continue
        if shape.tag == f"{DRAW}g":
            yield from _shapes(shape)
        elif shape.tag in (f"{DRAW}frame", f"{DRAW}custom-shape"):
            kind = shape.get(f"{PRESENTATION}class", "")
            if kind in _FURNITURE:
                continue
            tables = shape.findall(f"{TABLE}table")
            lines = [row for t in tables for row in _rows(t)] or _shape_lines(shape)
            if lines:
                yield kind, "\n".join(lines)


def _shape_lines(shape) -> list[str]:
    """A text box's paragraphs, "- " before each list item."""
    holder = shape.find(f"{DRAW}text-box")
    holder = shape if holder is None else holder
    lines = []
    for paragraph in _own(holder, _PARAGRAPHS):
        in_list = any(a.tag == f"{TEXT}list-item" for a in paragraph.iterancestors())
        lines += _lines(paragraph, "- " if in_list else "")
    return lines
