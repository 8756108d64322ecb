"""OpenDocument files (.odt, .ods, .odp), written by odfpy as LibreOffice
writes them, read through ``loaders.load`` as an ingest reads them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from odf import dc
from odf.draw import Frame, Page, TextBox
from odf.namespaces import PRESENTATIONNS
from odf.office import Annotation, ChangeInfo
from odf.opendocument import (
    OpenDocumentPresentation,
    OpenDocumentSpreadsheet,
    OpenDocumentText,
)
from odf.presentation import Notes
from odf.style import MasterPage, PageLayout, Style, TableProperties
from odf.table import CoveredTableCell, Table, TableCell, TableHeaderRows, TableRow
from odf.text import (
    ChangedRegion,
    Deletion,
    H,
    IndexBody,
    List,
    ListItem,
    Note,
    NoteBody,
    NoteCitation,
    P,
    S,
    Section,
    TableOfContent,
    TableOfContentSource,
    TrackedChanges,
)

from bot.errors import CorruptDocument, TooLarge
from bot.knowledge.budget import Limits
from bot.knowledge.chunking import chunk_document
from bot.knowledge.loaders import load
from bot.text.units import units
from tests.docs import CountedBudget, odt_bytes


def saved(document, path: Path) -> Path:
    document.save(str(path))
    return path


def bullets(items: list[str]):
    found = List()
    for item in items:
        entry = ListItem()
        entry.addElement(P(text=item))
        found.addElement(entry)
    return found


def row(cells: list) -> TableRow:
    out = TableRow()
    for cell in cells:
        if isinstance(cell, str):
            text, cell = cell, TableCell(valuetype="string")
            cell.addElement(P(text=text))
        out.addElement(cell)
    return out


def _paragraph_with_everything():
    """Runs of spaces, a footnote and a reviewer's comment inside one sentence."""
    paragraph = P(text="La visite commence")
    paragraph.addElement(S(c=1_000_000))  # one space, however many it says
    paragraph.addText("à 9 h 30")
    note = Note(id="n1", noteclass="footnote")
    note.addElement(NoteCitation(text="1"))
    body = NoteBody()
    body.addElement(P(text="Horaire à confirmer par les organisateurs."))
    note.addElement(body)
    paragraph.addElement(note)
    comment = Annotation()
    comment.addElement(dc.Creator(text="Fatima"))
    comment.addElement(P(text="vérifier l'heure avec le port"))
    paragraph.addElement(comment)
    paragraph.addText(" au port d'Imsouane.")
    return paragraph


def _hidden_from_readers(document) -> None:
    """A table of contents (the headings again) and a tracked deletion."""
    contents = TableOfContent(name="Table des matières")
    contents.addElement(TableOfContentSource(outlinelevel=2))
    index = IndexBody()
    index.addElement(P(text="Jour 2\t1"))
    contents.addElement(index)
    document.text.addElement(contents)
    changes, region, deletion = TrackedChanges(), ChangedRegion(check_grammar=False), Deletion()
    info = ChangeInfo()
    info.addElement(dc.Creator(text="Fatima"))
    deletion.addElement(info)
    deletion.addElement(P(text="La visite du souk est annulée."))
    region.addElement(deletion)
    changes.addElement(region)
    document.text.addElement(changes)


def test_a_text_document_reads_as_a_reader_sees_it(tmp_path: Path) -> None:
    document = OpenDocumentText()
    titled = Style(name="P1", family="paragraph", parentstylename="Title")
    document.automaticstyles.addElement(titled)
    document.text.addElement(P(stylename=titled, text="Visites de terrain"))
    _hidden_from_readers(document)
    document.text.addElement(H(outlinelevel=2, text="Jour 2"))
    document.text.addElement(_paragraph_with_everything())
    lead = P(text="Le groupe A visite deux lieux :")
    frame, box = Frame(width="6cm", height="2cm", anchortype="paragraph"), TextBox()
    box.addElement(P(text="Apportez votre badge."))
    frame.addElement(box)
    lead.addElement(frame)
    section = Section(name="Visites")
    section.addElement(lead)
    places = bullets(["la coopérative Tifawin ;", "le port d'Imsouane."])
    places.firstChild.addElement(bullets(["départ à 9 h"]))  # a list in an item
    section.addElement(places)
    document.text.addElement(section)
    table, header = Table(name="Groupes"), TableHeaderRows()
    header.addElement(row(["Groupe", "Visite"]))
    table.addElement(header)
    merged = TableCell(numbercolumnsspanned=2)
    merged.addElement(P(text="à confirmer"))
    table.addElement(row([merged, CoveredTableCell()]))
    document.text.addElement(table)
    document.text.addElement(P(text="تنطلق الزيارات الميدانية في اليوم الثاني من اللقاء."))
    # A box anchored to the page, as a flyer's contact block: in the body itself.
    page_box, box = Frame(width="6cm", height="2cm", anchortype="page"), TextBox()
    box.addElement(P(text="Contact : à confirmer par les organisateurs."))
    page_box.addElement(box)
    document.text.addElement(page_box)

    doc = load(saved(document, tmp_path / "visites.odt"))

    assert doc.title == "Visites de terrain"
    assert doc.text.split("\n\n") == [
        "# Visites de terrain",
        "## Jour 2",
        "La visite commence à 9 h 30 au port d'Imsouane.",
        "Horaire à confirmer par les organisateurs.",
        "Le groupe A visite deux lieux :",
        "Apportez votre badge.",
        "- la coopérative Tifawin ;",
        "- départ à 9 h",
        "- le port d'Imsouane.",
        "Groupe | Visite",
        "à confirmer",
        "تنطلق الزيارات الميدانية في اليوم الثاني من اللقاء.",
        "Contact : à confirmer par les organisateurs.",
    ]


def test_an_odt_list_is_quoted_with_the_line_that_announces_it(tmp_path: Path) -> None:
    document = OpenDocumentText()
    document.text.addElement(P(text="La Région soutient les pôles par deux leviers :"))
    document.text.addElement(bullets(["un appel à projets annuel ;", "une plateforme en ligne."]))
    (chunk,) = chunk_document(
        load(saved(document, tmp_path / "leviers.odt")), source="leviers.odt", doc_hash="h"
    )
    lead_in, *_ = units(chunk.text)
    assert lead_in.splitlines() == [
        "La Région soutient les pôles par deux leviers :",
        "- un appel à projets annuel ;",
        "- une plateforme en ligne.",
    ]


def test_a_spreadsheet_in_opendocument_is_read_sheet_by_sheet(tmp_path: Path) -> None:
    book = OpenDocumentSpreadsheet()
    hiding = Style(name="ta2", family="table")
    hiding.addElement(TableProperties(display="false"))
    book.automaticstyles.addElement(hiding)
    visits = Table(name="Visites")
    visits.addElement(row(["Jour", "Heure", "Visite", "Lieu"]))
    day = TableCell(valuetype="date", datevalue="2026-03-12T09:30:00")
    day.addElement(P(text="12/03/26 09:30"))  # as the French locale shows it
    clock = TableCell(valuetype="time", timevalue="PT14H00M00S")
    clock.addElement(P(text="14:00:00"))
    visits.addElement(row([day, clock, "ميناء إمسوان", TableCell()]))  # an empty cell left out
    # A sheet formatted to its last row: one element standing for a million empty rows.
    visits.addElement(TableRow(numberrowsrepeated=1_048_000))
    book.spreadsheet.addElement(visits)
    drafts = Table(name="Brouillon", stylename=hiding)
    drafts.addElement(row(["une note que personne ne voit"]))
    book.spreadsheet.addElement(drafts)
    book.meta.addElement(dc.Title(text="Planning des visites"))

    doc = load(saved(book, tmp_path / "planning.ods"))

    assert doc.title == "Planning des visites"
    assert doc.text.splitlines() == [
        "## Visites",
        "",
        "Jour | Heure | Visite | Lieu",
        "2026-03-12 09:30 | 14:00 | ميناء إمسوان",
    ]


def _frame(kind: str, content):
    frame = Frame(width="20cm", height="3cm")
    frame.setAttrNS(PRESENTATIONNS, "class", kind)
    box = TextBox()
    box.addElement(content)
    frame.addElement(box)
    return frame


def test_a_presentation_is_read_slide_by_slide(tmp_path: Path) -> None:
    deck = OpenDocumentPresentation()
    layout = PageLayout(name="PM1")
    deck.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    deck.masterstyles.addElement(master)
    slides = [
        ("Les PTCE du Grand Est", bullets(["14 pôles soutenus", "620 emplois créés"])),
        ("الأقطاب في غراند إست", bullets(["أربعة عشر قطبا"])),
    ]
    for number, (title, points) in enumerate(slides, 1):
        page = Page(name=f"page{number}", masterpagename=master)
        page.addElement(_frame("title", P(text=title)))
        page.addElement(_frame("outline", points))
        page.addElement(_frame("page-number", P(text=str(number))))
        notes = Notes()
        notes.addElement(_frame("notes", P(text="Remercier la Région.")))
        page.addElement(notes)
        deck.presentation.addElement(page)
    table, frame = Table(name="Chiffres"), Frame(width="10cm", height="4cm")
    table.addElement(row(["Indicateur", "Valeur"]))
    table.addElement(row(["Emplois", "620"]))
    frame.addElement(table)
    page.addElement(frame)

    doc = load(saved(deck, tmp_path / "ptce.odp"))

    assert doc.title == "Les PTCE du Grand Est"  # no title in its properties: the first slide's
    assert doc.text.splitlines() == [
        "## 1. Les PTCE du Grand Est",
        "",
        "- 14 pôles soutenus",
        "- 620 emplois créés",
        "",
        "## 2. الأقطاب في غراند إست",
        "",
        "- أربعة عشر قطبا",
        "Indicateur | Valeur",
        "Emplois | 620",
    ]


def test_every_block_of_an_odt_spends_the_time_allowance(tmp_path: Path) -> None:
    # Empty paragraphs and rows hold no text: the time limit is checked on each
    # all the same, or such a file would read past INGEST_MAX_SECONDS.
    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Programme"))
    for _ in range(500):
        document.text.addElement(P())
    table = Table(name="Vide")  # read row by row, each row a check
    for _ in range(300):
        table.addElement(row([TableCell()]))
    document.text.addElement(table)
    path = saved(document, tmp_path / "vide.odt")

    budget = CountedBudget()
    assert load(path, budget=budget).text == "# Programme"
    assert budget.checks >= 800
    with pytest.raises(TooLarge, match="s to read"):
        load(path, Limits(seconds=-1))


def test_an_opendocument_file_that_is_not_one_is_corrupt(tmp_path: Path) -> None:
    (tmp_path / "cut.odt").write_bytes(odt_bytes("Programme", [("Jour 1", "Accueil.")])[:200])
    with pytest.raises(CorruptDocument, match="ODT"):
        load(tmp_path / "cut.odt")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    (tmp_path / "empty.ods").write_bytes(buffer.getvalue())
    with pytest.raises(CorruptDocument, match="no content.xml"):
        load(tmp_path / "empty.ods")
