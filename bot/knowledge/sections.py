"""A Markdown text cut into its sections: the headings above each paragraph.

This reads a text exactly as LangChain's ``MarkdownHeaderTextSplitter``
(``strip_headers=True``) does — lines stripped, characters that do not print
dropped, code fences kept whole, paragraphs joined by "  \\n" within a
section — and ``tests/test_sections.py`` holds it to that on generated
texts. It exists because the splitter keeps a dictionary per paragraph and
joins a section one paragraph at a time: a table of two million rows (a
0.6 MB .odt or .docx, each row a paragraph) took 2.5 GB and half a minute
there, before any time limit could be checked. Here a paragraph costs its
string, and a section is joined once.
"""

from __future__ import annotations

from collections.abc import Iterator

Headings = tuple[tuple[str, str], ...]  # (name, text) of the headings in force, outermost first


def markdown_sections(
    text: str, headers: list[tuple[str, str]]
) -> list[tuple[dict[str, str], str]]:
    """(headings, body) per run of paragraphs under the same headings, in
    order; ``headers`` as the splitter takes them (("#", "h1"), ...)."""
    sections: list[tuple[Headings, list[str]]] = []
    for headings, paragraph in _paragraphs(text, headers):
        if sections and sections[-1][0] == headings:
            sections[-1][1].append(paragraph)
        else:
            sections.append((headings, [paragraph]))
    return [(dict(headings), "  \n".join(parts)) for headings, parts in sections]


def _paragraphs(text: str, headers: list[tuple[str, str]]) -> Iterator[tuple[Headings, str]]:
    """Each paragraph with the headings in force when it ends."""
    by_length = sorted(headers, key=lambda h: len(h[0]), reverse=True)
    stack: list[tuple[int, str, str]] = []  # (level, name, text)
    in_force: Headings = ()
    current: list[str] = []
    fence = ""
    for line in _lines(text):
        stripped = "".join(filter(str.isprintable, line.strip()))
        if not fence:
            if stripped.startswith("```") and stripped.count("```") == 1:
                fence = "```"
            elif stripped.startswith("~~~"):
                fence = "~~~"
        elif stripped.startswith(fence):
            fence = ""
        if fence:
            current.append(stripped)
            continue
        heading = _heading(stripped, by_length)
        if heading is not None:
            level, name, said = heading
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, name, said))
        if heading is not None or not stripped:
            if current:
                yield in_force, "\n".join(current)
                current = []
        else:
            current.append(stripped)
        in_force = tuple((name, said) for _, name, said in stack)
    if current:
        yield in_force, "\n".join(current)


def _heading(line: str, headers: list[tuple[str, str]]) -> tuple[int, str, str] | None:
    """(level, name, text) when ``line`` is one of ``headers`` ("## Titre")."""
    for mark, name in headers:
        if line.startswith(mark) and (len(line) == len(mark) or line[len(mark)] == " "):
            return mark.count("#"), name, line[len(mark) :].strip()
    return None


def _lines(text: str) -> Iterator[str]:
    """``text.split("\\n")`` one line at a time, never all at once."""
    start = 0
    while (end := text.find("\n", start)) >= 0:
        yield text[start:end]
        start = end + 1
    yield text[start:]
