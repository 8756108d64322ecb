"""``markdown_sections`` reads a text as LangChain's Markdown header splitter
does (the splitter is the reference here), in memory that grows with the
text alone."""

from hypothesis import given, settings
from hypothesis import strategies as st
from langchain_text_splitters import MarkdownHeaderTextSplitter

from bot.knowledge.chunking import _HEADERS, split_sections
from bot.knowledge.sections import markdown_sections


def reference(text: str) -> list[tuple[dict[str, str], str]]:
    splitter = MarkdownHeaderTextSplitter(_HEADERS, strip_headers=True)
    return [(piece.metadata, piece.page_content) for piece in splitter.split_text(text)]


# Lines of the kinds that change a reading: headings of every level (with and
# without their space, one level too deep), code fences, blank and
# whitespace-only lines, characters that do not print, Arabic, table rows.
LINES = st.one_of(
    st.sampled_from(
        [
            "# Programme",
            "## Jour 1",
            "### Visites",
            "#### Groupe A",
            "##### trop profond",
            "#sans espace",
            "#",
            "  ## indenté  ",
            "```",
            "```python",
            "~~~",
            "``` fin ```",
            "",
            "   ",
            "\t",
            "Jour | Heure | Lieu",
            "- un point",
            "La visite commence à 9 h.",
            "تنطلق الزيارة في اليوم الثاني.",
            "ligne\u200bcachée\x07",
        ]
    ),
    st.text(alphabet="#`~ ab\t|-\u200f", max_size=8),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(LINES, max_size=30))
def test_the_sections_are_the_splitters(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert markdown_sections(text, _HEADERS) == reference(text)


def test_a_section_of_many_paragraphs_is_one_body() -> None:
    rows = [f"Jour {n} | à confirmer" for n in range(1, 2001)]
    text = "# Planning\n\n" + "\n\n".join(rows) + "\n\n## Contacts\n\nà confirmer"
    assert split_sections(text) == [
        ("Planning", "  \n".join(rows)),
        ("Planning > Contacts", "à confirmer"),
    ]
    assert markdown_sections(text, _HEADERS) == reference(text)
