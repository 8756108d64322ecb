"""Which rows of a table a question asks for.

A table's rows are records, each about the thing its cells name: a visit
group, a desk, a delegation. The model scores rows by how close they read to
the question, and rows of one table read alike, so "Who accompanies group
B?" would quote group A's row beside B's. A question that names what some
of the quoted rows hold (a letter, a place, a word of a cell) asks for
those rows; the others are only their neighbours.

Pure: strings in, strings out.
"""

from __future__ import annotations

import re

from bot.core.types import Chosen
from bot.text.names import matches, name_pairs, name_words, names
from bot.text.normalise import WORD, content_words, normalise
from bot.text.units import is_table_row, table_header, units

# A code that names a row ("group B", "salle A2"): a capital, with digits or
# not, written as such in the question (a number alone is a name already).
_CODE = re.compile(r"(?<!\w)(?:[A-Z]\d*|\d+[A-Z])(?!\w)")


def asked_rows(chosen: list[Chosen], question: str, lang: str, passages: list[str]) -> list[Chosen]:
    """``chosen`` without the rows of a table that hold fewer of the
    question's words than its other chosen rows do (``held``); a table whose
    chosen rows all hold as many, none or one alone, keeps them. ``passages``:
    the text of each hit, by rank, to tell which table a row is in."""
    keys = question_keys(question, lang)
    tables: dict[tuple[int, int], list[tuple[Chosen, int]]] = {}
    for unit in chosen:
        rank, i, text = unit
        if not is_table_row(text):
            continue
        first = table_header(units(passages[rank]), i)
        if first is None or first == i:
            continue  # a header is what the rows mean, not a record
        tables.setdefault((rank, first), []).append((unit, held(keys, text)))
    dropped = set()
    for rows in tables.values():
        most = max(count for _, count in rows)
        dropped |= {unit for unit, count in rows if count < most}
    return [unit for unit in chosen if unit not in dropped]


def question_keys(question: str, lang: str) -> list[frozenset[str]]:
    """What in ``question`` may name a row, each as the forms a row may hold
    it under: its names across scripts (``name_words``) and the names two of
    its words make (``name_pairs``: "سيدي إفني", "Sidi Ifni"), its words of
    three letters or more, folded (``normalise``: "إنزكان" is "انزكان"), and
    its codes ("B", "A2")."""
    keys = list(name_words(question))
    keys += [frozenset({"+" + pair}) for pair in name_pairs(question)]
    words = (part for w in content_words(question, lang) for part in WORD.findall(normalise(w)))
    keys += [frozenset({"=" + part}) for part in words if len(part) >= 3]
    # Not the first word: "A quelle heure..." is no group A.
    codes = (m.group() for m in _CODE.finditer(question) if m.start() > 0)
    keys += [frozenset({"=" + code.casefold()}) for code in codes]
    return list(dict.fromkeys(keys))


def held(keys: list[frozenset[str]], row: str) -> int:
    """How many of the question's ``keys`` a row holds, as a name (two words of
    one cell at most) or as a whole cell's word; a line that is no row is one
    cell (``beside`` reads a sentence so)."""
    words = {"=" + w for w in WORD.findall(normalise(row))}
    words |= {"+" + pair for cell in row.split(" | ") for pair in name_pairs(cell)}
    skeletons = names(row)
    return sum(bool(forms & words) or matches(forms, skeletons) for forms in keys)
