"""A passage's answer units (sentences, list items with their lead-in) and the
text the model embeds for each: the same at ingest, when their vectors are
computed, and when an answer is chosen."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?؟…])\s+")


def units(text: str) -> list[str]:
    """Sentences and list items of a passage, in order; never cuts inside one.

    A line that announces a list ("Les programmes visent à :") and the items
    under it form one unit: the items alone lack their subject, the lead-in
    alone says nothing.
    """
    out: list[str] = []
    announcing = False
    for line in text.splitlines():
        line = line.strip()
        if not line:
            announcing = False
            continue
        is_item = line.startswith(("-", "*", "•"))
        if announcing and is_item:
            out[-1] = f"{out[-1]}\n{line}"
            continue
        # A list item is one unit ("Novembre 2024 : annonce. La région s'y engage.").
        sentences = [line] if is_item else [s.strip() for s in _SENTENCE_END.split(line)]
        out.extend(s for s in sentences if s)
        announcing = line.rstrip().endswith((":", "："))
    return out


def is_question(unit: str) -> bool:
    """Questions in a document (FAQ headings, "questions to discuss") answer nothing."""
    return unit.rstrip().endswith(("?", "؟"))


def clean(unit: str) -> str:
    """A unit as the model reads it: list markers off, one line."""
    return " ".join(line.lstrip("-*• ").strip() for line in unit.splitlines())


def embedded_units(text: str) -> list[str]:
    """What the answer step may embed of a passage: each unit but questions, cleaned."""
    return [clean(u) for u in units(text) if not is_question(u)]
