"""An HTML page's text as lines: headings as Markdown headings, list items as
"- " items, table rows as cells joined by " | ", every other run of text a
line of its own — whatever element holds it.

Pages saved from a site or exported from an editor hold much of their text
in ``<div>``, ``<section>`` or bare text between ``<br>``; reading only
paragraphs and headings lost it without a word. The walk is iterative (a
stack, no recursion), so that no nesting depth stops it.
"""

from __future__ import annotations

from collections.abc import Iterator

# Elements read whole as one line (a <p> inside an <li> is read with its <li>).
_LINES = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "pre", "blockquote", "dt", "dd"}
)
# Elements inside a line of text; any other element ends the line before it.
_INLINE = frozenset(
    "a abbr b bdi bdo big cite code data del dfn em font i ins kbd label mark nobr q s samp"
    " small span strike strong sub sup time tt u var wbr".split()
)
DROPPED = ("script", "style", "nav", "header", "footer", "noscript", "template")


def html_lines(body) -> Iterator[str]:
    """The lines of ``body`` (a BeautifulSoup element) in document order."""
    from bs4 import NavigableString

    loose: list[str] = []  # text between the elements that make lines of their own
    stack = [iter(body.children)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            yield from _flush(loose)
        elif isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a comment or a doctype
                loose.append(str(child))
        elif child.name == "br":
            loose.append("\n")
        elif child.name in _INLINE and not _holds_blocks(child):
            loose.append(inline_text(child))
        else:
            yield from _flush(loose)
            if child.name in _LINES:
                line = _line(child)
                if line:
                    yield line
            else:
                stack.append(iter(child.children))


def _flush(loose: list[str]) -> Iterator[str]:
    lines = [" ".join(line.split()) for line in "".join(loose).split("\n")]
    loose.clear()
    yield from (line for line in lines if line)


def _holds_blocks(element) -> bool:
    return element.find(lambda tag: tag.name not in _INLINE and tag.name != "br") is not None


def _line(element) -> str:
    if element.name == "tr":
        cells = [inline_text(c) for c in element.find_all(["td", "th"])]
        return " | ".join(c for c in cells if c)
    if element.name == "pre":  # its lines are its layout
        lines = (" ".join(line.split()) for line in element.get_text().splitlines())
        return "\n".join(line for line in lines if line)
    text = inline_text(element)
    if not text:
        return ""
    if element.name[0] == "h" and element.name[1:].isdigit():
        return f"{'#' * int(element.name[1])} {text}"
    return f"- {text}" if element.name == "li" else text


def inline_text(element) -> str:
    """An element's text on one line: inline markup joins its words as the page
    shows them ("<b>à confirmer</b>." stays "à confirmer."), a line break or
    a block inside it separates them."""
    from bs4 import NavigableString

    parts = []
    for node in element.descendants:
        if isinstance(node, NavigableString):
            if type(node) is NavigableString:
                parts.append(str(node))
        elif node.name not in _INLINE:
            parts.append(" ")
    return " ".join("".join(parts).split())
