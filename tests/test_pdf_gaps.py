"""A PDF's paragraphs end where the page leaves a gap, whatever their last line's length."""

from pathlib import Path

import pytest

from bot.knowledge.loaders import load
from bot.knowledge.pdf_gaps import line_key, paragraph_ends
from bot.text.units import units
from tests.docs import UNICODE_FONT, spaced_pdf

SUBTITLE = (
    "Transport, repas, badges et accueil des délégués pendant les trois journées de la "
    "rencontre d'Agadir"
)
BADGES = (
    "Les badges sont remis à l'accueil de l'hôtel le premier matin, sur présentation du "
    "passeport, et doivent être portés pendant toutes les séances et les visites de terrain."
)
MEALS = (
    "Les déjeuners sont servis à l'hôtel. Un repas végétarien est proposé sur demande, à "
    "signaler au plus tard la veille au secrétariat de la rencontre."
)


def test_a_step_wider_than_the_pages_usual_one_ends_a_paragraph() -> None:
    lines = [("Title", 800.0), ("line one", 780.0), ("line two", 766.0), ("line three", 752.0)]
    lines += [("line four", 738.0), ("Next paragraph", 716.0), ("its end", 702.0)]
    assert paragraph_ends(lines) == {line_key("Title"), line_key("line four")}
    # A step up is a new column, not a gap; too few lines give no usual step.
    assert line_key("its end") not in paragraph_ends([*lines, ("top of column 2", 800.0)])
    assert paragraph_ends(lines[:3]) == frozenset()
    # A raised note mark read as a line of its own: its small steps set no usual step.
    marked = [("a line", 800.0), ("1", 804.0), ("with a note", 800.0), ("next", 786.0)]
    marked += [("line", 772.0), ("2", 776.0), ("and another", 772.0), ("last", 758.0)]
    assert paragraph_ends(marked) == frozenset()


def test_a_lines_key_holds_whatever_order_it_is_read_in() -> None:
    assert line_key("منصة رقمية") == line_key("رقمية منصة") == line_key("ﻣﻨﺼﺔ ﺭﻗﻤﻴﺔ")
    assert line_key("Le badge, p. 2") == line_key("2 p. badge LE")


def test_a_title_as_long_as_a_line_is_not_joined_to_its_paragraph(tmp_path: Path) -> None:
    """Paragraph spacing as a word processor leaves it (half a line): the
    subtitle, nearly a full line long, was read as the first words of the
    badge sentence."""
    path = tmp_path / "note.pdf"
    path.write_bytes(spaced_pdf([SUBTITLE, BADGES, MEALS], line=5.5, after=3))
    text = load(path).text
    assert f"### {SUBTITLE}" in text.splitlines()
    assert BADGES in units(text)  # its lines, cut by the margin, still joined
    assert "Les déjeuners sont servis à l'hôtel." in units(text)


def test_double_spaced_lines_of_a_paragraph_are_still_joined(tmp_path: Path) -> None:
    path = tmp_path / "double.pdf"
    path.write_bytes(spaced_pdf([BADGES, MEALS], line=10, after=0))
    assert BADGES in units(load(path).text)


@pytest.mark.skipif(not UNICODE_FONT.exists(), reason="no TrueType font with Arabic glyphs")
def test_an_arabic_title_as_long_as_a_line_is_a_heading(tmp_path: Path) -> None:
    title = (
        "تجربة ولاية القيروان في تونس: منصة رقمية جماعية لتسويق منتجات الحرفيات من صانعات الزرابي"
    )
    body = (
        "أطلقت ولاية القيروان سنة 2022 منصة رقمية تعرض منتجات 120 حرفية من صانعات الزرابي. "
        "تتكفل جمعية محلية بالتصوير والتغليف والشحن، وتحصل على عمولة من كل بيع."
    )
    path = tmp_path / "kairouan.pdf"
    path.write_bytes(spaced_pdf([title, body], line=6, after=4, font=UNICODE_FONT))
    text = load(path).text
    assert f"### {title}" in text.splitlines()
    assert "أطلقت ولاية القيروان سنة 2022 منصة رقمية تعرض منتجات 120 حرفية من صانعات الزرابي." in (
        units(text)
    )
