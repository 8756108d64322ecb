"""Files -> text with Markdown headings, one loader per suffix.

Every format is turned into the same simple shape, Markdown-style headings
over paragraphs and table rows, so that one chunker follows the structure of
them all. A loader raises ``CorruptDocument`` with a reason a maintainer can
act on; ingest reports it and goes on with the other files.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from bot.core.languages import LANGS
from bot.errors import CorruptDocument, IngestError, UnsupportedFormat
from bot.knowledge.budget import DEFAULT_LIMITS, Budget, Limits
from bot.knowledge.html_text import DROPPED, html_lines
from bot.knowledge.opendoc import read_odp, read_ods, read_odt
from bot.knowledge.pdf_gaps import read_page
from bot.knowledge.pdf_layout import mostly_arabic, page_in_reading_order
from bot.knowledge.pdf_pages import (
    drop_page_furniture,
    first_line,
    join_wrapped_lines,
    mark_headings,
)
from bot.knowledge.sheets import read_csv, read_xlsx
from bot.knowledge.slides import read_pptx
from bot.knowledge.visual_order import drawn_backwards, reading_order
from bot.knowledge.wordml import read_docx
from bot.text.normalise import visible
from bot.text.units import is_list_item, opens_item

KINDS = ("programme", "brief", "faq", "practical")


@dataclass(frozen=True)
class LoadedDocument:
    """A document's text (Markdown headings kept) and what its author said about it."""

    text: str
    title: str | None = None
    lang: str | None = None
    kind: str | None = None
    translation_of: str | None = None


Loader = Callable[[Path, Budget], LoadedDocument]
LOADERS: dict[str, Loader] = {}


def loader(*suffixes: str) -> Callable[[Loader], Loader]:
    def register(func: Loader) -> Loader:
        for suffix in suffixes:
            LOADERS[suffix] = func
        return func

    return register


def supported(path: Path) -> bool:
    return path.suffix.lower() in LOADERS


def formats() -> list[str]:
    """The formats read, one name each ("MD", not also "MARKDOWN"), for people."""
    first: dict[Loader, str] = {}
    for suffix, func in LOADERS.items():
        first.setdefault(func, suffix.lstrip(".").upper())
    return sorted(first.values())


def unsupported_reason(path: Path) -> str:
    """Why no loader reads ``path``, naming the formats that are read."""
    shown = path.suffix or "(none)"
    return f"unsupported format {shown!r} (known: {', '.join(sorted(LOADERS))})"


def load(
    path: Path, limits: Limits = DEFAULT_LIMITS, *, budget: Budget | None = None
) -> LoadedDocument:
    """Read ``path`` with the loader for its suffix, within ``limits`` (or what
    is left of ``budget``); never returns an empty text."""
    try:
        func = LOADERS[path.suffix.lower()]
    except KeyError:
        raise UnsupportedFormat(unsupported_reason(path)) from None
    budget = budget or Budget(limits)
    try:
        size = path.stat().st_size
        if size == 0:
            raise CorruptDocument("empty file")
        budget.check_size(size)
        document = func(path, budget)
    except IngestError:
        raise
    except OSError as exc:
        raise CorruptDocument(f"cannot read file: {exc.strerror or exc}") from exc
    except Exception as exc:  # a parser's own error on a malformed file: this file only
        kind = path.suffix.lstrip(".").upper()
        detail = " ".join(str(exc).split())[:200]
        raise CorruptDocument(
            f"not a readable {kind} file ({type(exc).__name__}: {detail})"
        ) from exc
    text = clean(document.text)
    budget.spend(len(text))
    if not any(ch.isalnum() for ch in text):
        raise CorruptDocument("no text found (empty file, or a scan without a text layer)")
    return replace(document, text=text)


_SPACES = re.compile(r"[ \t]{2,}")
# A hyphen at a line end, before a lower-case word: a word cut there
# ("dévelop-\npement"), unless the next word is a conjunction (the hyphen is
# shared with the word after it: "high-\nand low-pressure", "pré-\net
# post-électoral", left as they are); read as a compound, kept whole without
# the break, when the next line starts with a capital or a hyphenated word
# ("Nouvelle-\nAquitaine", "up-\nto-date"), or when the document uses both
# halves as words and never the two joined ("short-\nterm").
_LINE_END_HYPHEN = re.compile(
    r"(\w+)-[ \t]*\n[ \t]*(?!(?:and|or|nor|et|ou)\b)([a-zà-ÿ]+-\w|[A-ZÀ-Þ]|[a-zà-ÿ]\w*)"
)
_WORD = re.compile(r"\w+")


def _rejoined(text: str) -> str:
    """``text`` with each line-end hyphen read as a cut word or a compound."""
    # The document's words, those around a line-end hyphen left out.
    words = {w.lower() for w in _WORD.findall(_LINE_END_HYPHEN.sub(" ", text))}

    def rejoin(match: re.Match[str]) -> str:
        left, right = match[1], match[2]
        if right[0].isupper() or "-" in right:
            return f"{left}-{right}"
        halves = left.lower() in words and right.lower() in words
        if halves and (left + right).lower() not in words:
            return f"{left}-{right}"
        return left + right

    return _LINE_END_HYPHEN.sub(rejoin, text)


def clean(text: str) -> str:
    """Text as a reader sees it, whatever the format gave: runs of spaces and tabs
    collapsed ("Le  réseau  compte" -> "Le réseau compte"), trailing spaces off,
    NUL characters and invisible marks out (`normalise.visible`), and words
    hyphenated at a line end joined again ("dévelop-\npement", "Nouvelle-\nAquitaine")."""
    text = _rejoined(visible(text.replace("\x00", "")))
    return "\n".join(_SPACES.sub(" ", line).rstrip() for line in text.splitlines())


_BLOCK_START = re.compile(r"^\s*(?:#|\||>|```)")


# A heading underlined ("Titre\n=====", "Partie\n-----"), as Markdown's other
# heading style and plain-text notes write one; the line above must say something.
_UNDERLINED = re.compile(r"^(?P<text>[^\n]*[^\s=\-][^\n]*)\n {0,3}(?P<rule>=+|-{2,})[ \t]*$", re.M)


def underlined_headings(text: str) -> str:
    """``text`` with each underlined heading written with "#" ("=") or "##" ("-"),
    so that it makes a section and no answer quotes "=====" or "-----"."""

    def atx(match: re.Match[str]) -> str:
        line = match["text"].strip()
        if _BLOCK_START.match(line) or is_list_item(line):
            return match[0]  # a table row or a list item over a rule: not a heading
        return f"{'#' if match['rule'][0] == '=' else '##'} {line}"

    return _UNDERLINED.sub(atx, text)


def unwrap(text: str) -> str:
    """Join hard-wrapped lines back into paragraphs and list items.

    Authors wrap Markdown at 80-100 columns; a phone should not show those
    breaks, and a sentence must not be split at them. Headings, table rows,
    list items and blank lines still start new lines.
    """
    out: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        previous = out[-1] if out else ""
        joinable = (
            stripped
            and previous.strip()
            and not _BLOCK_START.match(line)
            and not opens_item(line, previous)
            and not previous.lstrip().startswith(("#", "|", "```"))
        )
        if joinable:
            out[-1] = f"{previous.rstrip()} {stripped}"
        else:
            out.append(line.rstrip())
    return "\n".join(out)


# What a text file from an organiser's computer may be in, besides UTF-8: Notepad's
# "Unicode", and the Windows code pages of French and of Arabic.
_LEGACY = ["utf_16", "cp1252", "cp1256"]


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    from charset_normalizer import from_bytes

    guess = from_bytes(data, cp_isolation=_LEGACY).best()
    if guess is None:
        raise CorruptDocument(
            f"not text in UTF-8 (byte {first_bad}), UTF-16, Windows-1252 or Windows-1256"
        )
    return str(guess)


@loader(".md", ".markdown")
def load_markdown(path: Path, budget: Budget) -> LoadedDocument:
    import frontmatter
    import yaml

    text = _decode(path.read_bytes())
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as exc:
        raise CorruptDocument(f"invalid YAML front matter: {exc}") from exc
    meta = post.metadata

    def field(name: str) -> str | None:
        value = meta.get(name)
        return str(value).strip() if value not in (None, "") else None

    kind = field("kind")
    if kind is not None and kind not in KINDS:
        raise CorruptDocument(f"front matter kind {kind!r} is not one of {', '.join(KINDS)}")
    lang = field("lang")
    if lang is not None and lang not in LANGS:
        raise CorruptDocument(f"front matter lang {lang!r} is not ar, fr or en")
    return LoadedDocument(
        text=unwrap(underlined_headings(post.content)),
        title=field("title"),
        lang=lang,
        kind=kind,
        translation_of=field("translation_of"),
    )


@loader(".txt")
def load_text(path: Path, budget: Budget) -> LoadedDocument:
    text = unwrap(underlined_headings(_decode(path.read_bytes())))
    # A short first line standing alone is the text's title, as in most plain-text notes.
    head, sep, rest = text.lstrip().partition("\n\n")
    title = head.strip().lstrip("#").strip()  # it may be underlined already
    if sep and "\n" not in head.strip() and 0 < len(title) <= 100:
        return LoadedDocument(text=f"# {title}\n\n{rest}", title=title)
    return LoadedDocument(text=text)


@loader(".html", ".htm")
def load_html(path: Path, budget: Budget) -> LoadedDocument:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_bytes(), "html.parser")
    title = soup.title.get_text(strip=True) if soup.title else None
    for tag in soup([*DROPPED, "head", "title"]):  # a page without <body> has them beside its text
        tag.decompose()
    lines = list(html_lines(soup.body or soup))
    html_tag = soup.find("html")
    lang = html_tag.get("lang") if html_tag is not None else None
    lang = str(lang)[:2].lower() if lang else None
    return LoadedDocument(
        text="\n\n".join(lines),
        title=title or None,
        lang=lang if lang in LANGS else None,
    )


@loader(".pdf")
def load_pdf(path: Path, budget: Budget) -> LoadedDocument:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            # An owner password alone still lets anyone read; a user password does not.
            try:
                if not reader.decrypt(""):
                    raise CorruptDocument("encrypted PDF (a password is needed to read it)")
            except CorruptDocument:
                raise
            except Exception as exc:
                raise CorruptDocument(f"encrypted PDF that cannot be opened: {exc}") from exc
        texts, ends = _page_texts(reader, budget)
        if not drawn_backwards("\n".join(texts)):  # fpdf2's, read backwards on the page too
            texts = _arabic_by_layout(reader, texts, budget)
        printed = reading_order(texts)
        pages = drop_page_furniture(printed)
        meta_title = reader.metadata.title if reader.metadata else None
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CorruptDocument(f"not a readable PDF: {exc}") from exc
    # One section per page, so a source can say "p. 3".
    text = "\n\n".join(
        f"## p. {n}\n\n{mark_headings(join_wrapped_lines(page, page_ends))}"
        for n, (page, page_ends) in enumerate(zip(pages, ends, strict=True), 1)
        if page
    )
    title = (meta_title or "").strip()
    if not title:
        first = first_line(printed, pages)
        title = first if len(first) <= 120 else path.stem.replace("_", " ")
    return LoadedDocument(text=text, title=title or path.stem)


def _page_texts(reader, budget: Budget) -> tuple[list[str], list[frozenset[str]]]:
    """Each page's text and the lines that end its paragraphs (``pdf_gaps``),
    the budget spent page by page (a 300-page PDF stops at the time limit
    instead of taking five minutes)."""
    pages, ends, chars = [], [], 0
    for page in reader.pages:
        text, page_ends = read_page(page)
        pages.append(text)
        ends.append(page_ends)
        chars += len(text)
        budget.spend(chars)
    return pages, ends


def _arabic_by_layout(reader, pages: list[str], budget: Budget) -> list[str]:
    """Pages mostly in Arabic read again where their glyphs stand (``pdf_layout``):
    writers write Arabic in orders of their own, and pypdf's plain reading
    follows the writing."""
    out, chars = [], 0
    for page, text in zip(reader.pages, pages, strict=True):
        if mostly_arabic(text):
            text = page_in_reading_order(page, text)
            chars += len(text)
            budget.spend(chars)
        out.append(text)
    return out


@loader(".csv")
def load_csv(path: Path, budget: Budget) -> LoadedDocument:
    return LoadedDocument(text=read_csv(_decode(path.read_bytes())))


def _office(read: Callable[[Path, Budget], tuple[str, str | None]]) -> Loader:
    """A loader for an Office format, whose reader gives its text and title."""

    def load_office(path: Path, budget: Budget) -> LoadedDocument:
        text, title = read(path, budget)
        return LoadedDocument(text=text, title=title)

    return load_office


for _suffix, _read in (
    (".docx", read_docx),
    (".pptx", read_pptx),
    (".xlsx", read_xlsx),
    (".odt", read_odt),
    (".ods", read_ods),
    (".odp", read_odp),
):
    loader(_suffix)(_office(_read))
