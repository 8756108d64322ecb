""".docx text, streamed: the document part parsed element by element, nothing
else inflated.

python-docx builds the whole object model and opens every part: a 1 MB file
whose image inflates to 1 GiB took gigabytes, and its style lookup cost
2.5 ms a paragraph (tens of thousands of paragraphs: minutes). Here only
``word/document.xml`` (and the small styles and properties parts) are read,
through ``iterparse``, each body element dropped once read, and the budget
spent as text comes out.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from bot.knowledge.budget import Budget
from bot.knowledge.ooxml import core_title, drop_read, open_archive, small_part, table_row

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
DOCUMENT, STYLES = "word/document.xml", "word/styles.xml"
_HEADING_STYLE = re.compile(r"^(?:Heading|Titre)\s*(\d)$", re.IGNORECASE)
# Bullets and numbers come from a list style or from the paragraph's numbering
# (Word's list buttons), never from its text.
_LIST_STYLE = re.compile(r"^(?:List (?:Bullet|Number|Paragraph)|Liste|Paragraphe de liste)", re.I)


def read_docx(path: Path, budget: Budget) -> tuple[str, str | None]:
    """The text (Markdown headings, table rows) and title of a .docx file."""
    with open_archive(path, "DOCX", DOCUMENT) as archive:
        styles = _style_names(archive)
        title = core_title(archive)
        lines: list[str] = []
        chars = 0
        for line, is_title in _body_lines(archive, styles):
            budget.spend(chars)  # every paragraph, empty ones too: the time allowance
            if not line:
                continue
            if is_title and title is None:
                title = line[2:]
            lines.append(line)
            chars += len(line) + 2
    return "\n\n".join(lines), title


def _style_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """styleId -> name ("Titre1" -> "heading 1" in a French Word)."""
    root = small_part(archive, STYLES)
    if root is None:
        return {}
    names = {}
    for style in root.iter(f"{W}style"):
        name = style.find(f"{W}name")
        if name is not None:
            names[style.get(f"{W}styleId", "")] = name.get(f"{W}val", "")
    return names


def _body_lines(archive: zipfile.ZipFile, styles: dict[str, str]) -> Iterator[tuple[str, bool]]:
    """Paragraphs and table rows of the body, in order, as they are parsed, each
    with whether it is the document's title (the "Title" style); an empty
    paragraph or row as "", so that reading it is counted too. A table is read
    row by row: one of a million rows is never held whole."""
    from lxml import etree

    with archive.open(DOCUMENT) as part:
        tags = (f"{W}p", f"{W}tr", f"{W}tbl")
        for _, element in etree.iterparse(part, events=("end",), tag=tags):
            if not _read_alone(element):
                continue  # in a table's cell: read with its row
            _drop_fallbacks(element)
            if element.tag == f"{W}p":
                boxes = _text_boxes(element)
                yield _paragraph(element, styles)
                yield from ((box, False) for box in boxes)
            elif element.tag == f"{W}tr":
                yield table_row([_text(cell) for cell in element.iter(f"{W}tc")]), False
            drop_read(element)  # a table ends with its rows read and dropped


def _read_alone(element) -> bool:
    """Whether ``element`` is read as it ends: a paragraph or table of the
    body, or a row of such a table (a table in a cell is read with its row)."""
    if element.tag == f"{W}tr":
        table = next(element.iterancestors(f"{W}tbl"), None)
        return table is not None and _at_body_level(table.getparent())
    return _at_body_level(element.getparent())


# A content control (a template's fields, a cover page, a table of contents)
# wraps body-level paragraphs and tables in these.
_CONTROL = frozenset({f"{W}sdt", f"{W}sdtContent"})


def _at_body_level(parent) -> bool:
    """Whether an element under ``parent`` is the body's own, inside content controls
    or not: Word's templates put whole sections in them."""
    while parent is not None and parent.tag in _CONTROL:
        parent = parent.getparent()
    return parent is not None and parent.tag == f"{W}body"


def _text(element) -> str:
    parts = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br"):
        parts.append(node.text or "" if node.tag == f"{W}t" else " ")
    return " ".join("".join(parts).split())


def _drop_fallbacks(element) -> None:
    """Drop the copies of drawings and text boxes kept for older readers
    (``mc:Fallback``): their text would come twice."""
    for fallback in list(element.iter(f"{MC}Fallback")):
        fallback.getparent().remove(fallback)


def _text_boxes(paragraph) -> list[str]:
    """The lines of the text boxes anchored in ``paragraph`` (a flyer's blocks),
    taken out of it so that its own text reads alone."""
    lines = []
    for box in list(paragraph.iter(f"{W}txbxContent")):
        if any(a.tag == f"{W}txbxContent" for a in box.iterancestors()):
            continue  # a box in a box: read with the outer one
        lines += [text for p in box.iter(f"{W}p") if (text := _text(p))]
        box.getparent().remove(box)
    return lines


def _paragraph(element, styles: dict[str, str]) -> tuple[str, bool]:
    text = _text(element)
    if not text:
        return "", False
    style = element.find(f"{W}pPr/{W}pStyle")
    style_id = style.get(f"{W}val", "") if style is not None else ""
    name = styles.get(style_id, style_id)
    if name.lower() == "title":
        return f"# {text}", True
    match = _HEADING_STYLE.match(name)
    if match:
        return f"{'#' * int(match.group(1))} {text}", False
    return (f"- {text}" if _is_list_item(element, name) else text), False


def _is_list_item(element, style_name: str) -> bool:
    """A bulleted or numbered paragraph, written "- item" as the other loaders
    write theirs, so that a line announcing a list ("... par trois leviers :")
    is quoted with its items (``bot.text.units``)."""
    numbering = element.find(f"{W}pPr/{W}numPr/{W}numId")
    if numbering is not None:
        return numbering.get(f"{W}val", "0") != "0"  # numId 0 takes numbering off
    return bool(_LIST_STYLE.match(style_name))
