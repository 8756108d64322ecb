import re
from pathlib import Path

import frontmatter
import pytest

from bot.errors import CorruptDocument, TooLarge, UnsupportedFormat
from bot.knowledge.chunking import chunk_document
from bot.knowledge.loaders import clean, load
from bot.knowledge.pdf_layout import page_in_reading_order
from bot.knowledge.pdf_pages import join_wrapped_lines, mark_headings
from bot.knowledge.visual_order import drawn_backwards, reading_order
from bot.text.units import units
from tests.docs import (
    FIXTURES,
    KNOWLEDGE,
    UNICODE_FONT,
    CountedBudget,
    docx_bytes,
    knowledge_lines,
    pdf_bytes,
    pptx_bytes,
    word_pairs,
)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_markdown_front_matter(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "p.ar.md",
        "---\ntitle: البرنامج\nlang: ar\nkind: programme\ntranslation_of: p.fr.md\n---\n# البرنامج\n\nنص.\n",
    )
    doc = load(path)
    assert (doc.title, doc.lang, doc.kind, doc.translation_of) == (
        "البرنامج",
        "ar",
        "programme",
        "p.fr.md",
    )
    assert doc.text.startswith("# البرنامج")


def test_markdown_with_bad_front_matter_is_corrupt(tmp_path: Path) -> None:
    with pytest.raises(CorruptDocument, match="front matter"):
        load(write(tmp_path, "bad.md", "---\ntitle: [unclosed\n---\ntext\n"))
    with pytest.raises(CorruptDocument, match="kind"):
        load(write(tmp_path, "kind.md", "---\nkind: recipe\n---\ntext\n"))


def test_text_and_encoding(tmp_path: Path) -> None:
    assert "6000" in load(write(tmp_path, "a.txt", "حوالي 6000 تعاونية")).text
    with pytest.raises(CorruptDocument, match="UTF-8"):
        load(write(tmp_path, "noise.txt", bytes(range(256)) * 4))


def test_an_underlined_heading_is_a_heading_in_markdown_and_text(tmp_path: Path) -> None:
    # Markdown's other heading style, and how plain-text notes underline a title.
    md = "Infos pratiques\n===============\n\nLe badge.\n\nTransport\n---------\n\nLa navette.\n"
    table = "\n\n| Jour | Visite |\n|------|--------|\n| 2 | Port |\n"  # a table's rule stays
    assert load(write(tmp_path, "a.md", md + table)).text.splitlines()[:7] == [
        "# Infos pratiques",
        "",
        "Le badge.",
        "",
        "## Transport",
        "",
        "La navette.",
    ]
    assert "|------|--------|" in load(write(tmp_path, "a.md", md + table)).text
    doc = load(
        write(tmp_path, "b.txt", "معلومات عملية\n=============\n\nتسلم الشارة عند الاستقبال.\n")
    )
    assert doc.title == "معلومات عملية"
    assert doc.text == "# معلومات عملية\n\nتسلم الشارة عند الاستقبال."


def test_a_text_files_numbered_list_keeps_one_line_per_item(tmp_path: Path) -> None:
    text = (
        "الوثائق المطلوبة:\n١- جواز السفر\n٢- رسالة\nالدعوة\n\nÉtapes :\n1. remplir\n2) signer\n"
        "\nLa route nationale\n10. Elle longe la côte.\n"  # a wrapped line, no list
    )
    lines = load(write(tmp_path, "a.txt", text)).text.splitlines()
    assert ["١- جواز السفر", "٢- رسالة الدعوة"] == lines[1:3]  # a wrapped item joined
    assert ["1. remplir", "2) signer"] == lines[5:7]
    assert lines[-1] == "La route nationale 10. Elle longe la côte."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("La coopérative reçoit les délégués à Agadir.", "latin-1"),
        ("La coopérative reçoit les délégués : « à confirmer ».", "cp1252"),
        ("تضم جهة سوس ماسة حوالي 6000 تعاونية.", "cp1256"),
        ("تضم جهة سوس ماسة حوالي 6000 تعاونية.", "utf-16"),  # Notepad's "Unicode"
    ],
)
def test_text_from_a_windows_computer_is_read(tmp_path: Path, text: str, encoding: str) -> None:
    assert load(write(tmp_path, "notes.txt", text.encode(encoding))).text.strip() == text
    markdown = f"# Note\n\n{text}\n".encode(encoding)
    assert text in load(write(tmp_path, "notes.md", markdown)).text


def test_html_headings_lists_tables_and_no_scripts(tmp_path: Path) -> None:
    html = """<html lang="fr"><head><title>Infos pratiques</title><script>var x = 1;</script></head>
    <body><nav>menu</nav><h1>Infos pratiques</h1><p>Lieu : à confirmer &amp; hôtel <b>à confirmer</b>.</p>
    <ul><li>Navette : à confirmer</li></ul>
    <table><tr><th>Jour</th><th>Visite</th></tr><tr><td>1</td><td>Coopérative</td></tr></table>
    </body></html>"""
    doc = load(write(tmp_path, "infos.html", html))
    assert doc.title == "Infos pratiques" and doc.lang == "fr"
    assert "# Infos pratiques" in doc.text
    assert "Lieu : à confirmer & hôtel à confirmer." in doc.text  # no space before "."
    assert "- Navette : à confirmer" in doc.text
    assert "1 | Coopérative" in doc.text
    assert "var x" not in doc.text and "menu" not in doc.text


def test_html_text_outside_paragraphs_is_read_wherever_it_sits(tmp_path: Path) -> None:
    # As pages saved from a site or an editor hold it: in <div>s and <section>s,
    # between <br>s, in a <span>, under no <body> at all, nested deep.
    html = """<html lang="ar"><head><title>زيارات</title></head><body><h1>الزيارات</h1>
    <div class="content"><div>تضم تعاونية <b>تيفاوين</b> 85 امرأة.</div>
    <div>يضم ميناء إمسوان 120 صيادا.<br>يفتح السوق على الساعة 6.</div>
    <span>نص داخل span.</span></div><!-- تعليق -->
    <section><h2>Partie</h2>Texte nu de section.</section>
    %s</body></html>""" % ("<div>" * 3000 + "Au fond." + "</div>" * 3000)
    lines = load(write(tmp_path, "v.html", html)).text.split("\n\n")
    assert lines == [
        "# الزيارات",
        "تضم تعاونية تيفاوين 85 امرأة.",
        "يضم ميناء إمسوان 120 صيادا.",
        "يفتح السوق على الساعة 6.",
        "نص داخل span.",
        "## Partie",
        "Texte nu de section.",
        "Au fond.",
    ]
    code = load(write(tmp_path, "c.html", "<pre>Jour 1   Ouverture\nJour 2   Visites</pre>"))
    assert code.text == "Jour 1 Ouverture\nJour 2 Visites"  # a <pre> keeps its lines
    bare = load(write(tmp_path, "b.html", "<title>Note</title>Le car part<br>de l'hôtel."))
    assert bare.title == "Note" and bare.text == "Le car part\n\nde l'hôtel."


def test_pdf_pages_become_sections(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "p.pdf",
        pdf_bytes(["Day one: opening.", "Day two: field visits."], title="Agenda"),
    )
    doc = load(path)
    assert doc.title == "Agenda"
    assert "## p. 2" in doc.text and "field visits" in doc.text


def test_pdf_text_is_clean_of_page_furniture_spacing_and_hyphenation(tmp_path: Path) -> None:
    pages = [
        f"Rapport du reseau 2024\n{body}\nPage {n} / 3"
        for n, body in enumerate(
            [
                "Le  reseau  compte  1 240  femmes.",
                "Les cooperatives soutiennent le dévelop-\npement local.",
                "La Nouvelle-\nAquitaine accompagne les projets.",
            ],
            1,
        )
    ]
    doc = load(write(tmp_path, "r.pdf", pdf_bytes(pages, title="Rapport")))
    assert "Le reseau compte 1 240 femmes." in doc.text
    assert "développement local" in doc.text and "Nouvelle-" in doc.text
    assert "Page" not in doc.text and doc.text.count("Rapport du reseau") == 0


def test_a_two_page_leaflet_loses_its_running_header_and_page_numbers(tmp_path: Path) -> None:
    # Printed on both sides: the header and "Page n / 2" on each page, no title
    # in the metadata. The running header still names the document.
    header = "Terr'ESS - Dossier des visites"
    pages = [
        f"{header}\nVisite de la coopérative Tifawin\nElle réunit 85 femmes.\nPage 1 / 2",
        f"{header}\nVisite du port d'Imsouane\nLa coopérative compte 120 membres.\nPage 2 / 2",
    ]
    doc = load(write(tmp_path, "dossier.pdf", pdf_bytes(pages)))
    assert header not in doc.text and "Page" not in doc.text
    assert doc.title == header
    # Each page's own first line is content, and stays.
    assert "Visite de la coopérative Tifawin" in doc.text and "Visite du port" in doc.text
    # One page has nothing to compare with: all of it stays, and its page
    # number is not taken for its title.
    alone = load(
        write(tmp_path, "one.pdf", pdf_bytes([f"Page 1\n{header}\nElle réunit 85 femmes."]))
    )
    assert header in alone.text and alone.title == header
    # A running header that numbers the pages is no title: the first line of
    # the text is.
    bodies = ["Les coopératives grandissent.", "Les foires attirent.", "Les visites ont lieu."]
    numbered = [f"Rapport 2024 - page {n}\n{body}" for n, body in enumerate(bodies, 1)]
    assert load(write(tmp_path, "n.pdf", pdf_bytes(numbered))).title == bodies[0]


@pytest.mark.parametrize(
    ("wrapped", "read"),
    [
        ("the high-\nand low-pressure zones", "the high- and low-pressure zones"),
        ("les scrutins pré-\net post-électoraux", "les scrutins pré- et post-électoraux"),
        ("court-\nou long-terme", "court- ou long-terme"),
        ("the up-\nto-date list", "the up-to-date list"),
        ("le dévelop-\npement et la coopé-\nration", "le développement et la coopération"),
        ("La Nouvelle-\nAquitaine et Souss-\nMassa", "La Nouvelle-Aquitaine et Souss-Massa"),
        ("vis-\nà-vis des régions", "vis-à-vis des régions"),
        # Both halves words of the document, never joined: a compound.
        (
            "a short-\nterm plan; short notes, long term",
            "a short-term plan; short notes, long term",
        ),
        ("a dévelop-\npement; le développement", "a développement; le développement"),
    ],
)
def test_a_line_end_hyphen_is_read_as_a_cut_a_compound_or_a_shared_hyphen(
    wrapped: str, read: str
) -> None:
    assert clean(wrapped).replace("\n", " ") == read


def test_pdf_lines_cut_by_the_margin_are_joined_into_sentences(tmp_path: Path) -> None:
    long_sentence = (
        "Le réseau régional de l'économie sociale et solidaire compte aujourd'hui plus "
        "de mille deux cent quarante femmes engagées dans des coopératives agricoles, "
        "artisanales et de services, réparties dans toutes les provinces de la région."
    )
    page = f"Rapport annuel\n{long_sentence}\nLes actions :\n- former les artisanes ;\n- ouvrir des marchés."
    doc = load(write(tmp_path, "r.pdf", pdf_bytes([page])))
    assert long_sentence in units(doc.text)  # fpdf2 drew it on three lines
    # A title stays on its own, written as a heading (as a Word or text file's is).
    assert "### Rapport annuel" in doc.text.splitlines()
    assert "Rapport annuel" not in units(doc.text.split("### Rapport annuel")[1])
    assert "Les actions :\n- former les artisanes ;\n- ouvrir des marchés." in units(doc.text)


def test_pdf_rows_of_an_agenda_stay_rows(tmp_path: Path) -> None:
    rows = [
        "Jour 1 : ouverture officielle et présentation du programme Terr'ESS aux délégués",
        "Jour 2 : visites de terrain auprès des coopératives de la région Souss-Massa",
        "Jour 3 : ateliers d'échange de bonnes pratiques entre les régions partenaires",
        "Horaires et salles : à confirmer par les organisateurs avant la rencontre",
    ]
    doc = load(write(tmp_path, "agenda.pdf", pdf_bytes(["\n".join(rows)])))
    assert all(row in units(doc.text) for row in rows)


@pytest.mark.skipif(not UNICODE_FONT.exists(), reason="no TrueType font with Arabic glyphs")
@pytest.mark.parametrize("name", ["briefs/cooperatives-artisans.ar.md", "programme/terress.ar.md"])
def test_an_arabic_pdf_drawn_right_to_left_reads_in_reading_order(
    tmp_path: Path, name: str
) -> None:
    text = knowledge_lines(name)
    doc = load(write(tmp_path, "ar.pdf", pdf_bytes([text], font=UNICODE_FONT)))
    # pypdf alone returns every word reversed ("ةينواعت" for "تعاونية").
    expected = word_pairs(text)
    kept = sum((word_pairs(doc.text) & expected).values()) / sum(expected.values())
    assert kept >= 0.95, doc.text
    assert doc.title == text.splitlines()[0]


@pytest.mark.skipif(not UNICODE_FONT.exists(), reason="no TrueType font with Arabic glyphs")
@pytest.mark.parametrize(
    "text",
    [
        'وقال المدير إن "الشبكة تنمو" في الجهة منذ أيار/مايو الماضي، وإن التعاونيات تشارك.',
        # fpdf2 draws the comma after a number at the far end of the next run.
        "وفي نونبر 2024، أعلنت الجهة انخراطها في البرنامج بمشاركة التعاونيات.",
    ],
)
def test_punctuation_stays_in_its_arabic_sentence(tmp_path: Path, text: str) -> None:
    doc = load(write(tmp_path, "q.pdf", pdf_bytes([text], font=UNICODE_FONT)))
    assert text in doc.text


@pytest.mark.parametrize("name", sorted(p.name for p in KNOWLEDGE.glob("*/*.ar.md")))
def test_arabic_in_reading_order_is_never_turned(name: str) -> None:
    path = next(KNOWLEDGE.glob(f"*/{name}"))
    assert not drawn_backwards(path.read_text(encoding="utf-8"))


def test_a_single_line_drawn_backwards_is_found() -> None:
    # A one-line upload gives little evidence: the endings "ة" and "ى", which
    # begin no Arabic word, tell as much as the article and function words.
    lines = [
        line
        for path in sorted(KNOWLEDGE.glob("*/*.ar.md"))
        for line in frontmatter.load(path).content.splitlines()
        if len(re.findall(r"\w+", line)) >= 8
    ]
    assert len(lines) > 50
    assert not any(drawn_backwards(line) for line in lines)
    found = sum(drawn_backwards(line[::-1]) for line in lines)
    assert found >= 0.95 * len(lines)


@pytest.mark.parametrize("writer", ["chromium", "libreoffice"])
@pytest.mark.parametrize(
    ("doc", "name", "sentence"),
    [
        (
            "cooperatives",
            "briefs/cooperatives-artisans.ar.md",
            "تضم جهة سوس ماسة حوالي 6000 تعاونية.",
        ),
        (
            "terress",
            "programme/terress.ar.md",
            "التجمع التقني الأول بأكادير: ثلاثة أيام، انطلقت يوم الاثنين.",
        ),
    ],
)
def test_an_arabic_pdf_saved_by_a_program_reads_in_reading_order(
    writer: str, doc: str, name: str, sentence: str
) -> None:
    # pypdf alone follows the writing: Chromium's lines read backwards word by
    # word, LibreOffice's are cut at every vowel mark and number, the end of a
    # line before its start. Where the glyphs stand tells the order.
    text = load(FIXTURES / f"{doc}.ar.{writer}.pdf").text
    expected = word_pairs(knowledge_lines(name))
    assert sum((word_pairs(text) & expected).values()) >= 0.97 * sum(expected.values())
    assert sentence in text.replace("\n", " ")


@pytest.mark.parametrize("writer", ["chromium", "libreoffice"])
def test_arabic_headings_in_a_pdf_stand_on_their_own(writer: str) -> None:
    # Arabic has no capitals: a heading after a paragraph's full last line
    # ("... والتضامني." then "الشركاء") was read as the paragraph going on.
    lines = load(FIXTURES / f"terress.ar.{writer}.pdf").text.splitlines()
    assert {"الشركاء", "المراحل الزمنية", "المصادر"} <= {
        line.removeprefix("### ") for line in lines
    }
    # One before its paragraph is written as a heading; one before a list stays a line.
    assert "### المراحل الزمنية" in lines and "الشركاء" in lines
    assert any(line.endswith("في مجال الاقتصاد الاجتماعي والتضامني.") for line in lines)


def test_a_short_line_after_a_sentence_end_is_a_heading_not_the_paragraph_going_on() -> None:
    full = "The regional network of the social economy counts many women in cooperatives."
    page = "\n".join(
        [full, "Partners", full, "and the region.", "Visits:", full, "Tiznit", "Agadir."]
    )
    assert join_wrapped_lines(page).splitlines() == [
        full,
        "Partners",  # after a sentence's end, short, no end of its own: a heading
        f"{full} and the region.",  # the paragraph's last words end a sentence
        "Visits:",
        full,
        "Tiznit",
        "Agadir.",
    ]


def test_a_pdf_list_item_starts_its_own_line_whatever_marks_it() -> None:
    # Each item as long as the page's lines: only its mark says the next one is not
    # the same item going on.
    full = "le passeport en cours de validité et une copie de la lettre d'invitation"
    items = [f"▪ {full}", f"2) {full}", "٣- استمارة التسجيل موقعة من رئيس الوفد ومختومة بختم الجهة"]
    lines = ["Les délégués apportent :", *items, "٤- صورة"]
    assert join_wrapped_lines("\n".join(lines)).splitlines() == lines
    # A number the margin put first on a line goes on with its paragraph: a
    # list's first item says 1, or follows a lead-in or another item.
    cut = [f"{full} la route", "99. Due to traffic the route was widened in the years after."]
    assert join_wrapped_lines("\n".join(cut)).splitlines() == [" ".join(cut)]


def test_a_slide_title_over_its_bullets_is_a_heading_in_a_pdf() -> None:
    # A deck saved as PDF: each page a title, then its bullets.
    page = "\n".join(
        [
            "Résultats",
            "• 42 coopératives créées",
            "• Taux de survie à trois ans : 78 %",
            "Les porteurs de projet doivent :",  # a lead-in, not a heading
            "1. être installés en Occitanie",
            "Une phrase finie.",
            "النتائج",  # after a sentence's end, over a list
            "- أحدثت الأقطاب 620 منصب شغل.",
        ]
    )
    marked = [line for line in mark_headings(page).splitlines() if line.startswith("### ")]
    assert marked == ["### Résultats", "### النتائج"]


def test_a_pdf_heading_before_its_paragraph_is_written_as_a_heading() -> None:
    para = "La coopérative réunit 85 femmes qui transforment les amandes et le miel."
    page = "\n".join(
        [
            "Visite de la coopérative Tifawin",  # first, short, before a paragraph
            para,
            "Partenaires",  # after a sentence's end, before a line as short: a list
            "La région",
            "Jour 2 : visites",  # a row, not a heading
            para,
            "the next words of a sentence cut by the page",  # lower case: goes on
            para,
            "Visite du port d'Imsouane",  # its paragraph cut at a hyphen
            "Les pêcheurs d'Imsouane se sont regroupés en une coopé-",
            "rative de 120 membres.",
            "Dossier des visites",  # a title, then its first section's heading
            "Le port",
            para,
            "Les partenaires",  # three short lines before a paragraph: a list
            "La région",
            "L'agence des ports",
            para,
            "Merci",  # last, before nothing
        ]
    )
    marked = [line for line in mark_headings(page).splitlines() if line.startswith("### ")]
    assert marked == [
        "### Visite de la coopérative Tifawin",
        "### Visite du port d'Imsouane",
        "### Dossier des visites",
        "### Le port",
    ]


def test_vowel_marks_drawn_apart_do_not_split_or_litter_an_arabic_pdf() -> None:
    # Chromium draws some marks as glyphs of their own: read where they stand,
    # "يُعلن" came apart ("لم يُ علن") and marks stood alone ("الأول َ َ").
    text = load(FIXTURES / "terress.ar.chromium.pdf").text
    assert "لم يُعلن عنها بعد" in text
    assert "وينظم التجمع التقني الأول بأكادير أربعة شركاء" in text.replace("\n", " ")
    assert not re.search(r"(?:^|\s)[\u064b-\u065f\u0670]", text)


class _Page:
    """A page whose layout reading fails, or holds only ``laid_out``."""

    def __init__(self, laid_out: str | None) -> None:
        self.laid_out = laid_out

    def extract_text(self, **_: object) -> str:
        if self.laid_out is None:
            raise ValueError("layout mode cannot place this page")
        return self.laid_out


@pytest.mark.parametrize("laid_out", [None, "تضم الجهة"])
def test_a_page_the_layout_cannot_read_keeps_its_plain_reading(laid_out: str | None) -> None:
    plain = "تضم جهة سوس ماسة حوالي 6000 تعاونية."
    assert page_in_reading_order(_Page(laid_out), plain) == plain


def test_presentation_forms_and_ligatures_fold_to_letters() -> None:
    # "لا" and "الجهة" as some extractors return them: joined glyph shapes.
    assert reading_order(["\ufefb \ufe8d\ufedf\ufea0\ufeec\ufe93 \ufb01nancement"]) == [
        "لا الجهة financement"
    ]
    assert reading_order(["تضم الجهة 6000 تعاونية."]) == ["تضم الجهة 6000 تعاونية."]


def test_every_format_collapses_runs_of_spaces(tmp_path: Path) -> None:
    text = load(write(tmp_path, "n.txt", "Le  réseau\t\tcompte   1 240 femmes.   \n"))
    assert text.text.strip() == "Le réseau compte 1 240 femmes."


def test_invisible_marks_are_dropped_from_documents(tmp_path: Path) -> None:
    text = "\u200fتضم جهة سوس ماسة حوالي 6000 تعا\u200bونية\u200f.\n\nLa coopé\u00adrative."
    doc = load(write(tmp_path, "n.txt", text))
    assert "تضم جهة سوس ماسة حوالي 6000 تعاونية." in doc.text
    assert "La coopérative." in doc.text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "PDF"),
        (b"", "empty file"),
        (b"not a pdf at all", "PDF"),
    ],
)
def test_broken_pdfs_are_corrupt(tmp_path: Path, content: bytes, reason: str) -> None:
    with pytest.raises(CorruptDocument, match=reason):
        load(write(tmp_path, "broken.pdf", content))


def test_encrypted_pdf_is_corrupt(tmp_path: Path) -> None:
    with pytest.raises(CorruptDocument, match="encrypted"):
        load(write(tmp_path, "secret.pdf", pdf_bytes(["secret"], password="s3cret")))


def test_docx_headings_and_tables_in_order(tmp_path: Path) -> None:
    data = docx_bytes(
        "برنامج الزيارات",
        [("اليوم الأول", "زيارة تعاونية لإنتاج زيت الأركان.")],
        table=[["اليوم", "الزيارة"], ["2", "معرض المنتجات المحلية"]],
    )
    doc = load(write(tmp_path, "v.docx", data))
    assert doc.title == "برنامج الزيارات"
    assert doc.text.index("# اليوم الأول") < doc.text.index("زيارة تعاونية")
    assert "2 | معرض المنتجات المحلية" in doc.text


def _numbered(paragraph, num_id: str) -> None:
    """Give a paragraph Word's numbering, as its bullet button does."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    numbering, level, number = OxmlElement("w:numPr"), OxmlElement("w:ilvl"), OxmlElement("w:numId")
    level.set(qn("w:val"), "0")
    number.set(qn("w:val"), num_id)
    numbering.extend([level, number])
    paragraph._p.get_or_add_pPr().append(numbering)


def test_docx_list_items_are_quoted_with_the_line_that_announces_them(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("تدعم الجهة التعاونيات بثلاث وسائل:")
    document.add_paragraph("طلب مشاريع سنوي؛", style="List Bullet")
    document.add_paragraph("مواكبة في كل إقليم؛", style="List Number")
    _numbered(document.add_paragraph("منصة رقمية للتسويق."), "1")  # Word's bullet button
    unlisted = document.add_paragraph("Une ligne sans puce.", style="List Bullet")
    _numbered(unlisted, "0")  # numbering taken off by hand
    document.save(tmp_path / "v.docx")

    loaded = load(tmp_path / "v.docx")
    (chunk,) = chunk_document(loaded, source="v.docx", doc_hash="h")

    assert "\n\n- طلب مشاريع سنوي؛\n\n- مواكبة في كل إقليم؛\n\n- منصة رقمية للتسويق." in loaded.text
    assert "\n\nUne ligne sans puce." in loaded.text
    lead_in, *_ = units(chunk.text)
    assert [line.strip() for line in lead_in.splitlines()] == [
        "تدعم الجهة التعاونيات بثلاث وسائل:",
        "- طلب مشاريع سنوي؛",
        "- مواكبة في كل إقليم؛",
        "- منصة رقمية للتسويق.",
    ]


def _deck_with_furniture_and_reordered(data: bytes) -> bytes:
    """``data`` with a footer and a slide number on its last slide (as a layout's
    placeholders give them) and that slide moved first in the deck's slide list."""
    import copy
    import io

    from pptx import Presentation
    from pptx.enum.shapes import PP_PLACEHOLDER

    deck = Presentation(io.BytesIO(data))
    last = deck.slides[-1]
    for placeholder in last.slide_layout.placeholders:
        if placeholder.placeholder_format.type in (
            PP_PLACEHOLDER.FOOTER,
            PP_PLACEHOLDER.SLIDE_NUMBER,
        ):
            element = copy.deepcopy(placeholder._element)
            last.shapes._spTree.append(element)
            last.shapes[-1].text_frame.text = "Agadir 2026 - 7"
    order = deck.slides._sldIdLst
    order.insert(0, order[-1])
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def test_a_slide_deck_is_read_slide_by_slide_in_the_order_it_shows(tmp_path: Path) -> None:
    data = pptx_bytes(
        [
            (
                "Les trois leviers",
                ["La Région soutient les pôles par :", "un appel à projets", "un accompagnement"],
            ),
            ("النتائج", ["أحدثت الأقطاب 620 منصب شغل.", "تدعم الجهة 14 قطبا."]),
        ],
        title_slide=("Les PTCE en Grand Est", "Rencontre d'Agadir"),
        note="Source : Région Grand Est.",
        table=[["Indicateur", "Valeur"], ["Emplois créés", "620"]],
    )
    doc = load(write(tmp_path, "ptce.pptx", _deck_with_furniture_and_reordered(data)))

    # Its title slide's, now the second; the subtitle says what the deck is, and
    # is no line to quote.
    assert doc.title == "Les PTCE en Grand Est — Rencontre d'Agadir"
    sections = [line for line in doc.text.splitlines() if line.startswith("## ")]
    assert sections == ["## 1. النتائج", "## 2. Les PTCE en Grand Est", "## 3. Les trois leviers"]
    lines = doc.text.splitlines()
    assert ["- أحدثت الأقطاب 620 منصب شغل.", "- تدعم الجهة 14 قطبا."] == lines[2:4]
    # A text box is a line, a table its rows; the footer and the slide number are furniture.
    assert {"Source : Région Grand Est.", "Emplois créés | 620"} <= set(lines)
    assert "Rencontre d'Agadir" not in lines
    assert "Agadir 2026" not in doc.text
    (chunk,) = [c for c in chunk_document(doc, source="p", doc_hash="h") if "leviers" in c.section]
    assert units(chunk.text) == [
        "- La Région soutient les pôles par :\n- un appel à projets\n- un accompagnement"
    ]


def test_a_slide_past_any_real_size_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    import zipfile

    original = write(tmp_path, "original.pptx", pptx_bytes([("Titre", ["Un point."])]))
    slide = "ppt/slides/slide1.xml"
    with (
        zipfile.ZipFile(original) as source,
        zipfile.ZipFile(tmp_path / "deck.pptx", "w", compression=zipfile.ZIP_DEFLATED) as deck,
    ):
        for item in source.infolist():
            if item.filename != slide:
                deck.writestr(item, source.read(item))
        # 21 MB of padding that deflates to kilobytes; the slide list still names it.
        deck.writestr(slide, b"<p:sld>" + b" " * (21 * 1024 * 1024))
    with pytest.raises(TooLarge, match="slide"):
        load(tmp_path / "deck.pptx")


def test_a_title_slides_subtitle_is_in_the_decks_title_never_a_passage(tmp_path: Path) -> None:
    # PowerPoint writes the first slide's title into the properties: the
    # subtitle joins that title too, and no chunk is made of the cover alone.
    import io

    from pptx import Presentation

    deck = Presentation(
        io.BytesIO(
            pptx_bytes(
                [("النتائج", ["أحدثت الأقطاب 620 منصب شغل."])],
                title_slide=("الأقطاب الترابية", "ورشة تيرس، أكادير"),
            )
        )
    )
    deck.core_properties.title = "الأقطاب الترابية"
    # A second title slide opens a part of the deck: its subtitle is its own line.
    part = deck.slides.add_slide(deck.slide_layouts[0])
    part.shapes.title.text, part.placeholders[1].text = "الجزء الثاني", "الأقطاب في الأرياف"
    out = io.BytesIO()
    deck.save(out)
    doc = load(write(tmp_path, "poles.pptx", out.getvalue()))

    assert doc.title == "الأقطاب الترابية — ورشة تيرس، أكادير"
    chunks = chunk_document(doc, source="poles.pptx", doc_hash="h")
    assert [c.text for c in chunks] == ["- أحدثت الأقطاب 620 منصب شغل.", "الأقطاب في الأرياف"]
    assert "ورشة تيرس" in chunks[0].embed_text


def test_a_pptx_that_is_not_a_deck_is_corrupt(tmp_path: Path) -> None:
    with pytest.raises(CorruptDocument, match="PPTX"):
        load(write(tmp_path, "deck.pptx", docx_bytes("Pas une présentation", [])))


def test_docx_text_in_content_controls_is_read(tmp_path: Path) -> None:
    # Word's templates (a cover page, a form's fields) wrap paragraphs and tables in
    # content controls: <w:sdt><w:sdtContent>...</w:sdtContent></w:sdt>.
    import docx
    from docx.oxml import OxmlElement

    document = docx.Document()
    document.add_paragraph("Avant le champ.")
    inside = document.add_paragraph("يضم ميناء إمسوان 120 صيادا.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Jour 2", "Visite du port"
    control, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    control.append(content)
    inside._p.addprevious(control)
    content.append(inside._p)
    content.append(table._tbl)
    document.add_paragraph("Après le champ.")
    document.save(tmp_path / "v.docx")

    assert load(tmp_path / "v.docx").text.split("\n\n") == [
        "Avant le champ.",
        "يضم ميناء إمسوان 120 صيادا.",
        "Jour 2 | Visite du port",
        "Après le champ.",
    ]


_TEXT_BOX = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>
 <mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>
 <wps:wsp><wps:txbx><w:txbxContent>%(box)s</w:txbxContent></wps:txbx></wps:wsp>
 </a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
 <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>%(box)s</w:txbxContent></v:textbox>
 </v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""


def test_docx_text_boxes_are_read_once_after_their_paragraph(tmp_path: Path) -> None:
    # A flyer made in Word: blocks of text in boxes, each anchored in a paragraph,
    # written twice in the file (for Word 2010 on, and for older readers).
    import docx
    from docx.oxml import parse_xml

    box = "".join(
        f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>"
        for line in ("Visite du port", "يفتح السوق على الساعة 6.")
    )
    document = docx.Document()
    anchor = document.add_paragraph("Le programme des visites.")
    anchor._p.append(parse_xml(_TEXT_BOX % {"box": box}))
    document.add_paragraph("Fin.")
    cell = document.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0]
    cell._p.append(parse_xml(_TEXT_BOX % {"box": "<w:p><w:r><w:t>Dans la case</w:t></w:r></w:p>"}))
    document.save(tmp_path / "v.docx")

    assert load(tmp_path / "v.docx").text.split("\n\n") == [
        "Le programme des visites.",
        "Visite du port",
        "يفتح السوق على الساعة 6.",
        "Fin.",
        "Dans la case",  # a box in a table's cell, once too
    ]


def test_a_spreadsheet_is_read_sheet_by_sheet_and_row_by_row(tmp_path: Path) -> None:
    import datetime as dt

    import openpyxl

    workbook = openpyxl.Workbook()
    visits = workbook.active
    visits.title = "Visites"
    visits.append(["Jour", "Heure", "Visite", "Lieu"])
    visits.append([2, dt.time(9, 30), "Coopérative Tifawin", "Tiznit"])
    visits.append([2, None, "ميناء إمسوان", "à confirmer"])  # an empty cell left out
    visits.append([])
    visits.append([3.0, dt.datetime(2026, 3, 12), "Salon", None])
    drafts = workbook.create_sheet("Brouillon")
    drafts.append(["une note que personne ne voit"])
    drafts.sheet_state = "hidden"
    workbook.properties.title = "Visites de terrain"
    workbook.save(tmp_path / "v.xlsx")

    doc = load(tmp_path / "v.xlsx")

    assert doc.title == "Visites de terrain"
    assert doc.text.splitlines() == [
        "## Visites",
        "",
        "Jour | Heure | Visite | Lieu",
        "2 | 09:30 | Coopérative Tifawin | Tiznit",
        "2 | ميناء إمسوان | à confirmer",
        "3 | 2026-03-12 | Salon",
    ]


def test_a_sheet_of_formatted_empty_rows_spends_the_time_allowance(tmp_path: Path) -> None:
    # A sheet formatted down to its last row has rows without a value: the time
    # limit is checked on each, or such a file would read past INGEST_MAX_SECONDS.
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    workbook.active.append(["Jour", "Visite"])
    for row in range(2, 502):
        workbook.active.cell(row=row, column=1).font = Font(bold=True)
    workbook.save(tmp_path / "v.xlsx")

    budget = CountedBudget()
    assert load(tmp_path / "v.xlsx", budget=budget).text.splitlines()[-1] == "Jour | Visite"
    assert budget.checks >= 500


def test_every_paragraph_of_a_docx_spends_the_time_allowance(tmp_path: Path) -> None:
    # Empty paragraphs (a template's spacing, a page pushed down) hold no text:
    # the time limit is checked on each all the same.
    import docx

    document = docx.Document()
    document.add_heading("Programme", level=1)
    for _ in range(500):
        document.add_paragraph("")
    document.save(tmp_path / "vide.docx")
    budget = CountedBudget()
    assert load(tmp_path / "vide.docx", budget=budget).text == "# Programme"
    assert budget.checks >= 500


def test_a_docx_table_is_read_row_by_row_and_a_table_in_a_cell_once(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    grid = document.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Jour", (0, 1): "Visite", (1, 0): "2"}.items():
        grid.cell(r, c).text = text
    inner = grid.cell(1, 1).add_table(rows=1, cols=1)  # a table in a cell
    inner.cell(0, 0).text = "ميناء إمسوان"
    for _ in range(300):  # rows without text: no line, a time check each
        document.add_table(rows=1, cols=1)
    document.save(tmp_path / "v.docx")
    budget = CountedBudget()
    assert load(tmp_path / "v.docx", budget=budget).text.split("\n\n") == [
        "Jour | Visite",
        "2 | ميناء إمسوان",
    ]
    assert budget.checks >= 300


def test_a_csv_file_is_read_whatever_its_separator_and_code_page(tmp_path: Path) -> None:
    rows = 'Jour;Visite;Lieu\n2;Coopérative Tifawin;Tiznit\n3;"Port; halle";à confirmer\n'
    doc = load(write(tmp_path, "v.csv", rows.encode("cp1252")))  # Excel's French CSV
    assert doc.text.splitlines() == [
        "Jour | Visite | Lieu",
        "2 | Coopérative Tifawin | Tiznit",
        "3 | Port; halle | à confirmer",
    ]
    arabic = load(write(tmp_path, "a.csv", "اليوم,الزيارة\n2,تعاونية تيفاوين\n"))
    assert arabic.text.splitlines() == ["اليوم | الزيارة", "2 | تعاونية تيفاوين"]


def test_a_spreadsheet_that_inflates_past_the_text_budget_is_refused_unparsed(
    tmp_path: Path,
) -> None:
    import zipfile

    from bot.knowledge.budget import Limits

    # A few kilobytes on disk, 5 MB of shared strings once inflated, against 1 MB of text.
    with zipfile.ZipFile(tmp_path / "v.xlsx", "w", compression=zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/sharedStrings.xml", b"<sst>" + b" " * (5 * 1024 * 1024))
    with pytest.raises(TooLarge, match="inflated"):
        load(tmp_path / "v.xlsx", Limits(max_text_mb=1))
    with pytest.raises(CorruptDocument, match="XLSX"):
        load(write(tmp_path, "w.xlsx", b"PK\x03\x04 not a workbook"))


def test_docx_that_is_not_a_zip_is_corrupt(tmp_path: Path) -> None:
    with pytest.raises(CorruptDocument, match="DOCX"):
        load(write(tmp_path, "fake.docx", b"PK\x03\x04 truncated"))


def test_pdf_without_a_text_layer_is_reported(tmp_path: Path) -> None:
    with pytest.raises(CorruptDocument, match="no text"):
        load(write(tmp_path, "scan.pdf", pdf_bytes([""])))


def test_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat):
        load(write(tmp_path, "photo.jpg", b"\xff\xd8"))


@pytest.mark.parametrize(
    "question",
    [
        'C:\\dossier\\"programme" : quelle salle ?',
        "ما هو برنامج اليوم الثاني؟ # أو: متى؟",
        "What's on day 2?\nAnd at what time?",
    ],
)
def test_a_relayed_faq_entry_reads_back_whatever_the_question_holds(
    tmp_path: Path, question: str
) -> None:
    from bot.knowledge.relayed import faq_entry

    path = tmp_path / "q1.fr.md"
    path.write_text(faq_entry(question, "Salle à confirmer.", "fr"), encoding="utf-8")
    document = load(path)
    assert document.title == " ".join(question.split())
    assert document.kind == "faq" and "Salle à confirmer." in document.text
    (chunk,) = chunk_document(document, source="faq/relayed/q1.fr.md", doc_hash="h")
    assert chunk.heading == document.title  # compared question to question


@pytest.mark.parametrize(
    ("typed", "asked_in", "heading"),
    [
        ("code wifi svp", "fr", "code wifi svp ?"),
        ("Where do I get my badge.", "en", "Where do I get my badge?"),
        ("وين كنخدو البادج", "ar", "وين كنخدو البادج؟"),
        ("wach kayn parking", "ar", "wach kayn parking?"),  # Arabizi: the Latin mark
    ],
)
def test_a_relayed_question_typed_without_its_mark_is_still_an_faq_question(
    tmp_path: Path, typed: str, asked_in: str, heading: str
) -> None:
    """Phones drop the question mark; an entry's heading counts as its question
    only with one (``Chunk.heading``)."""
    from bot.knowledge.relayed import faq_entry

    path = tmp_path / "q2.fr.md"
    path.write_text(faq_entry(typed, "À l'accueil.", "fr", asked_in), encoding="utf-8")
    (chunk,) = chunk_document(load(path), source="faq/relayed/q2.fr.md", doc_hash="h")
    assert chunk.heading == heading and chunk.text == "À l'accueil."
