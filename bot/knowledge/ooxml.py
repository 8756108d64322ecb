"""What the Office formats (.docx, .pptx, and OpenDocument's .odt, .ods,
.odp) share: a zip of XML parts, small ones (properties, styles, the slide
list) read whole, with a size cap, and a title in the properties."""

from __future__ import annotations

import zipfile
from pathlib import Path

from bot.errors import CorruptDocument
from bot.knowledge.budget import MB

CORE = "docProps/core.xml"
MAX_SMALL_PART = 20 * MB  # styles, properties, one slide: never this large in a real file


def open_archive(path: Path, kind: str, required: str) -> zipfile.ZipFile:
    """The file's zip, which must hold ``required`` (its main part)."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise CorruptDocument(f"not a readable {kind} file: {exc}") from exc
    if required not in archive.namelist():
        archive.close()
        raise CorruptDocument(f"not a readable {kind} file: no {required}")
    return archive


def small_part(archive: zipfile.ZipFile, name: str):
    """A part parsed whole, or None when it is missing or larger than a real one is."""
    from lxml import etree

    if name not in archive.namelist() or archive.getinfo(name).file_size > MAX_SMALL_PART:
        return None
    with archive.open(name) as part:
        return etree.fromstring(part.read(MAX_SMALL_PART + 1)[:MAX_SMALL_PART])


def drop_read(element) -> None:
    """Free what a streamed part has read: ``element``'s content, and the
    siblings before it (``iterparse`` keeps everything it has built)."""
    element.clear()
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]


def table_row(cells: list[str]) -> str:
    """A table row's cells joined by " | ", each distinct one once: a merged
    cell is stored in every column it spans ("" for an empty row)."""
    return " | ".join(c for i, c in enumerate(cells) if c and c not in cells[:i])


def core_title(archive: zipfile.ZipFile, part: str = CORE) -> str | None:
    """The title the author gave in File > Properties, if any (in ``part``:
    Office's core properties, OpenDocument's ``meta.xml``)."""
    root = small_part(archive, part)
    if root is None:
        return None
    found = next(root.iter("{http://purl.org/dc/elements/1.1/}title"), None)
    text = (found.text or "").strip() if found is not None else ""
    return text or None
