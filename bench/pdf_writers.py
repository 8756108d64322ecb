"""PDFs as different writers make them, for measuring the loader on uploads.

Organisers' PDFs come from many programs, and each writes Arabic in its own
order: fpdf2 without a text shaper draws each word's letters from the left
(the page itself reads backwards); fpdf2 with its shaper (``fpdf2-shaped``)
lays lines out right to left; LibreOffice Writer writes lines in pieces cut at
vowel marks and numbers; Chromium's "Save as PDF" (Chrome) writes each line's
words from the page's left. ``fpdf2`` needs nothing outside the project;
``fpdf2-shaped`` needs ``pip install uharfbuzz``; ``libreoffice`` and
``chromium`` need the Debian packages ``libreoffice-writer-nogui`` and
``chromium`` (benchmarks only)."""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.docs import UNICODE_FONT, pdf_bytes  # noqa: E402

WRITERS = ("fpdf2", "fpdf2-shaped", "libreoffice", "chromium")


def write_pdfs(texts: dict[str, str], folder: Path, writer: str = "fpdf2") -> None:
    """``folder/<key>.pdf`` for each ``key: text``, a paragraph per line."""
    folder.mkdir(parents=True, exist_ok=True)
    if writer == "fpdf2":
        for key, text in texts.items():
            (folder / f"{key}.pdf").write_bytes(pdf_bytes([text], font=UNICODE_FONT))
        return
    if writer == "fpdf2-shaped":
        for key, text in texts.items():
            (folder / f"{key}.pdf").write_bytes(_shaped_pdf(text))
        return
    program = {"libreoffice": "soffice", "chromium": "chromium"}[writer]
    if shutil.which(program) is None:
        raise SystemExit(f"{writer}: {program} is not installed (see bench/pdf_writers.py)")
    work = folder / ".pages"
    work.mkdir()
    for key, text in texts.items():
        rtl = sum("\u0600" <= c <= "\u06ff" for c in text) > len(text) / 4
        attrs = ' lang="ar" dir="rtl"' if rtl else ""
        body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line)
        head = '<head><meta charset="utf-8"></head>'
        page = f"<!doctype html><html{attrs}>{head}<body>{body}</body></html>"
        (work / f"{key}.html").write_text(page, encoding="utf-8")
    if writer == "libreoffice":
        _libreoffice(sorted(work.glob("*.html")), folder)
    else:
        for page in sorted(work.glob("*.html")):
            _chromium(page, folder / f"{page.stem}.pdf")
    shutil.rmtree(work)


def _shaped_pdf(text: str) -> bytes:
    """fpdf2 with its text shaper (needs ``pip install uharfbuzz``): Arabic
    joined and laid out right to left, as a word processor does."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("unicode", fname=str(UNICODE_FONT))
    pdf.set_font("unicode", size=12)
    pdf.set_text_shaping(True)
    pdf.add_page()
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def _libreoffice(pages: list[Path], folder: Path) -> None:
    """One soffice call for all pages (its start-up is most of the time); Writer,
    not Writer/Web, so the page has the margins of a document."""
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--infilter=HTML (StarWriter)",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(folder),
            *map(str, pages),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )


def _chromium(page: Path, target: Path) -> None:
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={target}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )


def main() -> None:
    """Write the test fixtures: two Arabic documents of the bundled knowledge as
    Chromium and LibreOffice save them (CI has neither program)."""
    from tests.docs import knowledge_lines

    target = ROOT / "tests" / "fixtures"
    names = {
        "cooperatives": "briefs/cooperatives-artisans.ar.md",
        "terress": "programme/terress.ar.md",
    }
    for writer in ("chromium", "libreoffice"):
        made = target / writer
        write_pdfs({key: knowledge_lines(name) for key, name in names.items()}, made, writer)
        for pdf in made.glob("*.pdf"):
            pdf.rename(target / f"{pdf.stem}.ar.{writer}.pdf")
        made.rmdir()


if __name__ == "__main__":
    main()
