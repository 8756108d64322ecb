"""Real documents in every format, made on the fly; the only binary fixtures in
git are PDFs saved by programs CI does not have (``FIXTURES``)."""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

from bot.knowledge.budget import Budget

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"
# Two Arabic documents of the bundled knowledge as Chromium's "Save as PDF" and
# LibreOffice Writer save them: `python bench/pdf_writers.py` writes them again.
FIXTURES = Path(__file__).resolve().parent / "fixtures"


class CountedBudget(Budget):
    """A document's allowance that counts its checks: a loader must check the
    time on every block it reads, empty ones too."""

    def __init__(self) -> None:
        super().__init__()
        self.checks = 0

    def spend(self, chars: int) -> None:
        self.checks += 1
        super().spend(chars)


def knowledge_lines(name: str) -> str:
    """A document of the bundled knowledge as plain lines (front matter, heading
    and list marks off): real text written from the facts, to print in a PDF."""
    import frontmatter

    body = frontmatter.load(KNOWLEDGE / name).content
    return re.sub(r"^[#\- ]+", "", body, flags=re.M).strip()


def word_pairs(text: str) -> Counter:
    """Consecutive word pairs: a word reversed, moved or cut loses its pairs."""
    words = re.findall(r"\w+", text)
    return Counter(zip(words, words[1:], strict=False))


# fpdf2's core fonts are Latin-1 only; Arabic needs a TrueType font, and the
# one every machine here has is DejaVu.
UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def pdf_bytes(
    pages: list[str],
    *,
    title: str | None = None,
    password: str | None = None,
    font: Path | None = None,
) -> bytes:
    """A PDF as fpdf2 writes it; with ``font``, any script (right-to-left runs are
    drawn from their left end, as fpdf2 does without a text shaper)."""
    from pypdf import PdfReader, PdfWriter

    pdf = _fpdf(font, size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    if title:
        pdf.set_title(title)
    data = bytes(pdf.output())
    if password is None:
        return data
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def spaced_pdf(blocks: list[str], *, line: float, after: float, font: Path | None = None) -> bytes:
    """A one-page PDF whose paragraphs are ``line`` mm a line with ``after`` mm
    after each, as a word processor's paragraph spacing leaves them (no blank
    line drawn)."""
    from fpdf.enums import XPos, YPos

    pdf = _fpdf(font, size=11)
    pdf.add_page()
    for block in blocks:
        pdf.multi_cell(0, line, block, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(after)
    return bytes(pdf.output())


def _fpdf(font: Path | None, size: int):
    """An fpdf2 document in Helvetica, or in ``font`` (any script)."""
    from fpdf import FPDF

    pdf = FPDF()
    if font is None:
        pdf.set_font("Helvetica", size=size)
    else:
        pdf.add_font("unicode", fname=str(font))
        pdf.set_font("unicode", size=size)
    return pdf


def docx_bytes(
    title: str, sections: list[tuple[str, str]], table: list[list[str]] | None = None
) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(title, level=0)
    for heading, body in sections:
        document.add_heading(heading, level=1)
        document.add_paragraph(body)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_bytes(title: str, sections: list[tuple[str, str]]) -> bytes:
    """A text document as LibreOffice Writer saves it (.odt): a paragraph in
    the Title style (through an automatic style, as Writer writes one), then
    a level-1 heading and a paragraph per section."""
    from odf.opendocument import OpenDocumentText
    from odf.style import Style
    from odf.text import H, P

    document = OpenDocumentText()
    titled = Style(name="P1", family="paragraph", parentstylename="Title")
    document.automaticstyles.addElement(titled)
    document.text.addElement(P(stylename=titled, text=title))
    for heading, body in sections:
        document.text.addElement(H(outlinelevel=1, text=heading))
        document.text.addElement(P(text=body))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pptx_bytes(
    slides: list[tuple[str, list[str]]],
    *,
    title_slide: tuple[str, str] | None = None,
    note: str = "",
    table: list[list[str]] | None = None,
) -> bytes:
    """A slide deck as PowerPoint's default template makes it: a title slide
    (title, subtitle), then one "Title and Content" slide per (title,
    bullets); ``note`` in a text box and ``table`` on the last slide."""
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    if title_slide:
        slide = deck.slides.add_slide(deck.slide_layouts[0])
        slide.shapes.title.text, slide.placeholders[1].text = title_slide
    for heading, bullets in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = heading
        slide.placeholders[1].text_frame.text = "\n".join(bullets)
    if note:
        slide.shapes.add_textbox(Inches(1), Inches(6), Inches(8), Inches(1)).text_frame.text = note
    if table:
        frame = slide.shapes.add_table(len(table), len(table[0]), 0, 0, Inches(6), Inches(2))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                frame.table.cell(r, c).text = value
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def hostile_docx(
    path,
    *,
    image_mb: int = 0,
    paragraphs: int = 0,
    run_mb: float = 0.0,
    rows: int = 0,
    text: str = "Texte.",
) -> None:
    """A .docx made to hurt, written part by part (never whole in memory): an image
    part inflating to ``image_mb`` MB, ``paragraphs`` tiny paragraphs, one text
    run of ``run_mb`` MB, or a table of ``rows`` rows."""
    import io
    import zipfile

    template = zipfile.ZipFile(io.BytesIO(docx_bytes("Document", [("Section", text)])))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in template.infolist():
            data = template.read(item)
            if item.filename == "word/document.xml":
                body = b"".join(
                    b"<w:p><w:r><w:t>p%d</w:t></w:r></w:p>" % i for i in range(paragraphs)
                )
                if rows:
                    cell = b"<w:tc><w:p><w:r><w:t>ligne</w:t></w:r></w:p></w:tc>"
                    body += b"<w:tbl>" + (b"<w:tr>" + cell + b"</w:tr>") * rows + b"</w:tbl>"
                if run_mb:
                    body += (
                        b"<w:p><w:r><w:t>"
                        + b"a" * int(run_mb * 1024 * 1024)
                        + b"</w:t></w:r></w:p>"
                    )
                data = data.replace(b"<w:sectPr", body + b"<w:sectPr", 1)
            target.writestr(item, data)
        if image_mb:
            with target.open("word/media/image1.png", "w", force_zip64=True) as image:
                block = b"\0" * (1024 * 1024)
                for _ in range(image_mb):
                    image.write(block)
