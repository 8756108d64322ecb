""".pptx text: each slide a section, its title the heading, its bullets list
items, its tables rows; the title slide's subtitle part of the deck's title.

A cover's subtitle ("Terr'ESS workshop, Agadir", "Good practice brief") says
what the deck is, not what it reports. As a line of its own it was a passage
made of the deck's title, the nearest to any question on the deck, and it was
quoted among the answer's lines (three decks of four in the new-user trials
of the forty-second session). In the title it stays in the sources.

Regions present their good practices as slide decks, and organisers pass
them on as they are. Read like ``wordml``, part by part with lxml, never
through a library that loads every image of the deck: only the slide list
and the slides themselves are parsed, each with a size cap.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from pathlib import Path

from bot.errors import TooLarge
from bot.knowledge.budget import MB, Budget
from bot.knowledge.ooxml import MAX_SMALL_PART, core_title, open_archive, small_part

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
PRESENTATION = "ppt/presentation.xml"
_TITLES = frozenset({"title", "ctrTitle"})
# Placeholders that repeat on every slide (date, footer, slide number): page furniture.
_FURNITURE = frozenset({"dt", "ftr", "sldNum", "hdr"})
# Placeholders whose paragraphs are bullets unless a paragraph says otherwise
# (the master's body style): the content ones have no type, or "body" / "obj".
_PLAIN = frozenset({"subTitle", *_TITLES, *_FURNITURE})


def read_pptx(path: Path, budget: Budget) -> tuple[str, str | None]:
    """The text (a "## n. title" heading per slide, "- " bullets, table rows)
    and title of a .pptx file: its properties' title, else its title slide's,
    else its first slide title; then the title slide's subtitle."""
    with open_archive(path, "PPTX", PRESENTATION) as archive:
        title, opening, first, subtitle = core_title(archive), "", "", ""
        sections: list[str] = []
        chars = 0
        for number, part in enumerate(_slide_parts(archive), 1):
            budget.spend(chars)  # every slide, empty ones too: the time allowance
            heading, lines, cover = _slide(archive, part)
            if cover is not None and not opening:
                opening, subtitle = heading, " — ".join(cover)
            elif cover:  # a second title slide: its subtitle is its own
                lines = [*cover, *lines]
            first = first or heading
            if not lines and not heading:
                continue
            name = f"{number}. {heading}" if heading else f"{number}."
            sections.append("\n".join([f"## {name}", "", *lines]))
            chars += len(sections[-1]) + 2
    title = title or opening or first
    if title and subtitle and subtitle not in title:
        title = f"{title} — {subtitle}"
    return "\n\n".join(sections), title or None


def _slide_parts(archive: zipfile.ZipFile) -> list[str]:
    """The slides' part names in the order the deck shows them (its slide
    list), hidden slides included: a hidden slide is kept for the speaker, not
    kept secret."""
    presentation = small_part(archive, PRESENTATION)
    rels = small_part(archive, "ppt/_rels/presentation.xml.rels")
    if presentation is None or rels is None:
        return []
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{RELS}Relationship")}
    parts = []
    for slide in presentation.iter(f"{P}sldId"):
        target = targets.get(slide.get(f"{R}id"), "")
        # Relative to ppt/, or absolute inside the package.
        name = target[1:] if target.startswith("/") else posixpath.join("ppt", target)
        name = posixpath.normpath(name)
        if target and name in archive.namelist():
            parts.append(name)
    return parts


def _slide(archive: zipfile.ZipFile, part: str) -> tuple[str, list[str], list[str] | None]:
    """A slide's title, its other lines in the order of its shapes, and, for a
    title slide (its title the deck's), its subtitle's lines apart; None for
    any other slide."""
    if archive.getinfo(part).file_size > MAX_SMALL_PART:
        raise TooLarge(f"slide {part} over {MAX_SMALL_PART // MB} MB")
    root = small_part(archive, part)
    tree = root.find(f"{P}cSld/{P}spTree") if root is not None else None
    if tree is None:
        return "", [], None
    title, lines, subtitle, opens = "", [], [], False
    for kind, text in _shapes(tree):
        if kind in _TITLES and not title:
            title, opens = text.replace("\n", " "), kind == "ctrTitle"
        elif kind == "subTitle":
            subtitle.extend(text.splitlines())
        else:
            lines.extend(text.splitlines())
    return (title, lines, subtitle) if opens else (title, [*subtitle, *lines], None)


def _shapes(tree) -> Iterator[tuple[str, str]]:
    """(placeholder type, text) of each shape holding text, groups opened:
    "" for a text box, "table" for a table; furniture left out."""
    for shape in tree:
        if shape.tag == f"{P}grpSp":
            yield from _shapes(shape)
        elif shape.tag == f"{P}graphicFrame":
            rows = [_row(row) for row in shape.iter(f"{A}tr")]
            if any(rows):
                yield "table", "\n".join(row for row in rows if row)
        elif shape.tag == f"{P}sp":
            kind = _placeholder(shape)
            body = shape.find(f"{P}txBody")
            if kind in _FURNITURE or body is None:
                continue
            bullets = kind is not None and kind not in _PLAIN
            text = "\n".join(_paragraphs(body, bullets))
            if text:
                yield kind or "", text


def _placeholder(shape) -> str | None:
    """The shape's placeholder type ("title", "body", ...; "obj" when a
    placeholder names none), or None for a free text box."""
    found = shape.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
    return None if found is None else found.get("type", "obj")


def _paragraphs(body, bullets: bool) -> Iterator[str]:
    """A text body's paragraphs, "- " before each bullet: a placeholder's
    unless the paragraph takes its bullet off, a text box's when it sets one."""
    for paragraph in body.iter(f"{A}p"):
        text = _text(paragraph)
        if not text:
            continue
        props = paragraph.find(f"{A}pPr")
        marks = {child.tag for child in props} if props is not None else set()
        if f"{A}buNone" in marks:
            marked = False
        else:
            marked = bullets or bool(marks & {f"{A}buChar", f"{A}buAutoNum"})
        yield f"- {text}" if marked else text


def _text(element) -> str:
    nodes = element.iter(f"{A}t", f"{A}br")
    parts = [node.text or "" if node.tag == f"{A}t" else " " for node in nodes]
    return " ".join("".join(parts).split())


def _row(row) -> str:
    cells = [_text(cell) for cell in row.iter(f"{A}tc")]
    return " | ".join(c for c in cells if c)
