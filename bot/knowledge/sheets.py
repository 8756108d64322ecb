"""Spreadsheets (.xlsx) and comma-separated files (.csv): each row a line of
cells joined by " | ", as the other loaders write a table's rows; each
visible sheet a section named after it.

Organisers keep logistics in spreadsheets (visit groups, transport, venues)
and pass them on as they are. openpyxl reads a workbook in read-only mode,
row by row, its images never opened; the parts it must hold whole (the
shared strings) are checked against the text budget first, so that a small
file that inflates to gigabytes is refused before it is parsed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from bot.errors import CorruptDocument, TooLarge
from bot.knowledge.budget import MB, Budget

# XML holds a cell's text with its markup: a part this many times the text
# budget holds more text than the budget allows anyway.
_MARKUP = 4


def read_xlsx(path: Path, budget: Budget) -> tuple[str, str | None]:
    """The text (a "## sheet" section per visible sheet, a line per row) and
    the title (the workbook's properties') of a .xlsx file."""
    import openpyxl

    _check_parts(path, budget)
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sections, chars = [], 0
        for sheet in workbook.worksheets:
            if sheet.sheet_state != "visible":
                continue  # a hidden sheet holds lookups and drafts, not what is shown
            lines = []
            for row in sheet.iter_rows(values_only=True):
                budget.spend(chars)  # every row: a sheet may format a million empty ones
                if line := row_line(row):
                    lines.append(line)
                    chars += len(line) + 1
            if lines:
                sections.append("\n".join([f"## {sheet.title}", "", *lines]))
        title = (workbook.properties.title or "").strip() or None
    finally:
        workbook.close()
    return "\n\n".join(sections), title


def _check_parts(path: Path, budget: Budget) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise CorruptDocument(f"not a readable XLSX file: {exc}") from exc
    largest = max((p.file_size for p in parts), default=0)
    if largest > _MARKUP * budget.limits.max_chars:
        raise TooLarge(f"a part of {largest // MB} MB once inflated")


def read_csv(text: str) -> str:
    """A comma-, semicolon- or tab-separated file's rows (the separator as the
    file's first lines show it: French spreadsheets write ";")."""
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return "\n".join(rows_as_lines(csv.reader(io.StringIO(text), dialect)))


def rows_as_lines(rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """Each row with a value as a line (``row_line``)."""
    return (line for row in rows if (line := row_line(row)))


def row_line(row: Iterable[object]) -> str:
    """A row's cells as text joined by " | ", empty ones left out ("" for none)."""
    return " | ".join(text for value in row if (text := _cell(value)))


def _cell(value: object) -> str:
    """A cell as the sheet shows it: 3.0 is "3", a date "2026-03-12", a time
    "10:00" (ISO: the same in every language)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    return " ".join(str(value).split())
