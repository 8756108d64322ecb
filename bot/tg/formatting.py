"""Answers and notices -> Telegram HTML messages that fit, escape and read right.

Strings in, strings out: no telegram import. Telegram counts a message's 4096
characters after parsing entities, so text is cut first, at the best
boundary available (paragraph, line, sentence, word), and only then escaped
and marked up: a cut can never fall inside a tag, an entity or a word.
Arabic lines get a right-to-left mark, so a line that starts with "Terr'ESS"
or "2045" still reads right to left on a phone; mixed-direction snippets
(a French title in an Arabic reply) are isolated.
"""

from __future__ import annotations

import re
from html import escape

from bot.core.types import Answer, Source

TEXT_LIMIT = 4096  # telegram.constants.MessageLimit.MAX_TEXT_LENGTH (pinned by a test)
RLM = "\u200f"  # right-to-left mark: sets the direction of a line that starts neutral/LTR
FSI, PDI = "\u2068", "\u2069"  # first-strong isolate ... pop: a title keeps its own direction

_BOUNDARIES = [
    re.compile(r"\n\s*\n"),  # paragraphs
    re.compile(r"\n"),  # lines
    re.compile(r"(?<=[.!?؟…])\s+"),  # sentences
    re.compile(r"(?<=[،,;؛:])\s+"),  # clauses
    re.compile(r"\s+"),  # words
]


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Pieces of at most ``limit`` characters, cut at the coarsest boundary that works.

    Joining the pieces with the whitespace that was cut gives the text back; a
    "word" longer than ``limit`` (a URL) is the only thing ever cut inside.
    """
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    for boundary in _BOUNDARIES:
        cut = None
        for match in boundary.finditer(text):
            if match.start() > limit:
                break
            if match.start() > 0:
                cut = match
        if cut is not None:
            head, tail = text[: cut.start()].rstrip(), text[cut.end() :]
            return [head, *split_text(tail, limit)] if head else split_text(tail, limit)
    return [text[:limit], *split_text(text[limit:], limit)]


def rtl(text: str, lang: str) -> str:
    """Mark each line of an Arabic text right-to-left; other languages are unchanged."""
    if lang != "ar":
        return text
    return "\n".join(f"{RLM}{line}" if line else line for line in text.split("\n"))


def isolate(text: str) -> str:
    return f"{FSI}{text}{PDI}"


def source_line(source: Source, sections: tuple[str, ...], lang: str) -> str:
    """One cited document: its title, then the sections of it the answer cites."""
    title = escape(source.title, quote=False)
    parts = [escape(s, quote=False) for s in sections]
    if lang == "ar":  # a French title inside an Arabic line keeps its own direction
        title, parts = isolate(title), [isolate(p) for p in parts]
    section = " · ".join(parts)
    line = f"📄 <i>{title}</i>" + (f" — {section}" if section else "")
    return rtl(line, lang)


def render_answer(answer: Answer, *, max_sources: int = 3, limit: int = TEXT_LIMIT) -> list[str]:
    """HTML messages for an answer: its text, then its sources, each message within ``limit``."""
    html = [
        rtl(escape(piece, quote=False), answer.lang) for piece in split_text(answer.answer, limit)
    ]
    sources = "\n".join(
        source_line(source, sections, answer.lang)
        for source, sections in answer.documents(max_sources)
    )
    if sources:
        joined = f"{html[-1]}\n\n{sources}" if html else sources
        if plain_length(joined) <= limit:
            html[-1:] = [joined]
        else:  # the sources alone always fit: at most three short lines
            html.append(sources)
    return html


def render_text(text: str, lang: str, *, limit: int = TEXT_LIMIT) -> list[str]:
    """Plain text (a notice, a document excerpt) as escaped HTML messages."""
    return [rtl(escape(piece, quote=False), lang) for piece in split_text(text, limit)]


_TAG = re.compile(r"<[^>]+>")


def plain(html: str) -> str:
    """What Telegram shows of an HTML message: tags out, entities decoded."""
    from html import unescape

    return unescape(_TAG.sub("", html))


def plain_length(html: str) -> int:
    """The length Telegram counts for an HTML message (tags out, entities as one)."""
    return len(plain(html))
