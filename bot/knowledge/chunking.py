"""A loaded document -> chunks that follow its structure.

Headings make sections (their path is kept as ``section``); inside a section
the text is cut at paragraphs, then lines (table rows, list items), then
sentences (Latin and Arabic punctuation), then clause marks, then spaces, and
only for a single over-long "word" anywhere else. The ids are derived from the
file's content hash and the chunk's position, so the same file always gives
the same ids and a changed file gives new ones.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from langchain_text_splitters import RecursiveCharacterTextSplitter

from bot.core.types import Chunk
from bot.knowledge.loaders import LoadedDocument
from bot.knowledge.sections import markdown_sections
from bot.text.language import detect, language_runs
from bot.text.units import is_table_row

# Bump when chunking changes: every file is then re-chunked on the next ingest.
CHUNKER_VERSION = "11"  # 4: loaders clean whitespace, hyphenation, page furniture;
# 5: Arabic PDF pages read by layout (pdf_layout), marks drawn apart mended, headings
# apart from the line before, line-end compounds kept whole; 6: a two-page PDF's
# running header and page numbers dropped, a running header titles a PDF, a PDF's
# heading before its paragraph written as a heading; 7: list items as Word marks them
# (its list styles and numbering) and as people number them ("1.", "2)", "٣-", "a)"),
# an HTML page's text outside paragraphs (<div>, <br>), a .docx's content controls and
# text boxes read, a PDF's title line over bullets a heading, underlined headings, a
# table's first row carried into each chunk it goes on in; 8: a document with no declared
# language cut where its paragraphs change language (a bilingual notice, language_runs);
# 9: a PDF's paragraphs end where its page leaves a gap (pdf_gaps); 10: a deck's
# title slide's subtitle in its title, not a line (slides); 11: a sentence not cut
# after an abbreviation before a number ("c. 1455", "approx. 4 kg"): its answer
# units, whose vectors ingest stores, change
CHUNK_SIZE = 800  # characters: ~150-250 tokens of multilingual-e5, under its 512 limit
CHUNK_OVERLAP = 80

_HEADERS = [("#", "h1"), ("##", "h2"), ("###", "h3"), ("####", "h4")]
_SEPARATORS = [
    r"\n\s*\n",  # paragraphs
    r"\n",  # lines: table rows, list items
    r"(?<=[.!?؟…])\s+",  # sentences, Arabic question mark included
    r"(?<=[،,;؛:])\s+",  # clauses, Arabic comma and semicolon included
    r"\s+",  # words: never inside one
    "",
]
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", re.MULTILINE)
_FIRST_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def content_hash(data: bytes) -> str:
    """Hash of a file as the index sees it: its bytes and the chunker's version."""
    return hashlib.sha256(CHUNKER_VERSION.encode() + b"\0" + data).hexdigest()


def file_hash(path: Path) -> str:
    """``content_hash`` of a file, read a megabyte at a time (never whole in memory)."""
    digest = hashlib.sha256(CHUNKER_VERSION.encode() + b"\0")
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _splitter(chunk_size: int, chunk_overlap: int) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        separators=_SEPARATORS,
        is_separator_regex=True,
        keep_separator="end",
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
    )


def title_of(document: LoadedDocument, source: str) -> str:
    """The front-matter title, else the first heading, else the file name."""
    if document.title:
        return document.title
    match = _FIRST_HEADING.search(document.text)
    if match:
        return match.group(1).strip()
    stem = source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    stem = re.sub(r"\.(ar|fr|en)$", "", stem)  # programme.fr.md -> programme
    return re.sub(r"[_-]+", " ", stem).strip() or source


def split_sections(text: str) -> list[tuple[str, str]]:
    """(section path, body) pairs in document order; the path joins headings
    with ' > ' (``sections.markdown_sections``: the Markdown header splitter's
    reading, in time and memory that grow with the text alone)."""
    sections = []
    for headings, body in markdown_sections(_TABLE_RULE.sub("", text), _HEADERS):
        if body.strip():
            path = " > ".join(headings[k] for _, k in _HEADERS if k in headings)
            sections.append((path, body))
    return sections


def chunk_document(
    document: LoadedDocument,
    *,
    source: str,
    doc_hash: str,
    chunk_size: int = CHUNK_SIZE,
    chunk_overlap: int = CHUNK_OVERLAP,
) -> list[Chunk]:
    """Cut ``document`` into chunks that each fit ``chunk_size`` characters when possible."""
    splitter = _splitter(chunk_size, chunk_overlap)
    # The same file under two names is two documents: the id prefix covers both.
    prefix = hashlib.sha256(f"{source}\0{doc_hash}".encode()).hexdigest()[:16]
    common = {
        "source": source,
        "title": title_of(document, source),
        "kind": document.kind or "",
        "doc_hash": doc_hash,
        "translation_of": document.translation_of or "",
    }
    chunks: list[Chunk] = []
    for section, lang, body in _language_sections(document):
        for text in carry_table_headers(splitter.split_text(body)):
            text = text.strip()
            if text:
                position = len(chunks)
                chunks.append(
                    Chunk(
                        id=f"{prefix}-{position:04d}",
                        text=text,
                        section=section,
                        position=position,
                        lang=lang,
                        **common,
                    )
                )
    return chunks


def _language_sections(document: LoadedDocument) -> list[tuple[str, str, str]]:
    """(section path, language, text) of each run of one language in a section.

    A language its author declared holds for the whole document; otherwise
    the first 4,000 characters give the language of a start that leaves a
    doubt, and each paragraph plainly in another language than the text
    before it starts a run of its own (``language_runs``): a bilingual notice
    is searched in both its languages.
    """
    sections = _titled_sections(document)
    if document.lang:
        return [(section, document.lang, body) for section, body in sections]
    lang = detect(document.text[:4000])
    return [
        (section, run_lang, run)
        for section, body in sections
        for run_lang, run in language_runs(body, lang)
    ]


def carry_table_headers(texts: list[str]) -> list[str]:
    """A section's chunks, each one a table goes on in starting with the
    table's first row again: "2 | à confirmer | Imsouane | B" means something
    under "Jour | Heure | Lieu | Groupe", and an answer shows the two
    (``compose.with_table_headers``)."""
    out, header, in_table = [], "", False
    for text in texts:
        lines = [line.strip() for line in text.strip().splitlines()]
        if in_table and header and lines and is_table_row(lines[0]) and lines[0] != header:
            text, lines = f"{header}\n{text}", [header, *lines]
        for line in lines:
            row = is_table_row(line)
            header = line if row and not in_table else header
            in_table = row
        out.append(text)
    return out


def _titled_sections(document: LoadedDocument) -> list[tuple[str, str]]:
    """(section path, body) pairs; a document's single top heading is its title
    again, so it is dropped from the section paths."""
    sections = split_sections(document.text)
    tops = {path.split(" > ", 1)[0] for path, _ in sections if path}
    if len(tops) != 1 or document.text.lstrip().startswith("##"):
        return sections
    top = tops.pop()
    return [
        (
            section[len(top) :].removeprefix(" > ")
            if section == top or section.startswith(f"{top} > ")
            else section,
            body,
        )
        for section, body in sections
    ]
