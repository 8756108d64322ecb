"""A passage's answer units (sentences, list items with their lead-in) and the
text the model embeds for each: the same at ingest, when their vectors are
computed, and when an answer is chosen."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?؟…])\s+")
# A list item's mark: a bullet, or a number or a letter that counts ("1.", "2)",
# "3-", "١.", "a)", "أ-"). Never a year or a date ("2024. ", "10-12 mars"), nor
# a letter and a full stop ("M. Alaoui").
_BULLETS = "-*+•▪◦‣–—·○●►➢✓✔"
_LIST_MARK = re.compile(
    rf"^\s*(?:[{re.escape(_BULLETS)}]\s"
    r"|\(?(?P<number>[0-9٠-٩]{1,2})[.)\-–]\s|(?P<letter>[a-zA-Z\u0620-\u064a])[)\-]\s)"
)
_FIRST = frozenset("1١aAأا")  # a list's first number or letter
_BULLET = re.compile(rf"^\s*[{re.escape(_BULLETS)}]\s+")
# Titles written with a full stop that no sentence ends on ("M. Alaoui"); as
# written, so that a unit ("5 m.") still ends one.
_TITLES = frozenset({"M", "MM", "Mme", "Mlle", "Mr", "Mrs", "Ms", "Dr", "Pr", "St"})
# Abbreviations written before a number ("approx. 4 kg", "Vol. 2", "art. 5",
# "env. 30 %"), compared folded; a lower-case letter is one too ("c. 1455", "p. 12").
_BEFORE_NUMBER = frozenset({"approx", "ca", "env", "vol", "no", "nos", "pp", "art", "fig", "chap"})


def _abbreviated(before: str, after: str) -> bool:
    """Whether the full stop ending ``before`` marks a title, an initial or an
    abbreviation before a number (``_before_number``), not a sentence's end:
    "M. Alaoui", "John C. Messenger", "ط. و. 99" (Arabic initials), "(c.
    1455–1536)". Arabic has no one-letter word, but a letter after a number
    is an era ("1955 م.") that may end one; a Latin one is an initial only
    between capitals ("in plan A. Then" ends a sentence)."""
    words = before.rsplit(maxsplit=2)[-2:]  # the last two words are all it reads
    if not words or not words[-1].endswith("."):
        return False
    word = words[-1][:-1].lstrip("(«\"'")
    if word in _TITLES:
        return True
    previous = words[-2] if len(words) > 1 else ""
    if after[:1].isdigit() and _before_number(word, previous):
        return True
    if len(word) != 1 or not word.isalpha():
        return False
    if "\u0600" <= word <= "\u06ff":  # Arabic
        return not _after_number(previous)
    capitalised = not previous or previous[:1].isupper() or previous.endswith(".")
    return capitalised and after[:1].isupper()


def _before_number(word: str, previous: str) -> bool:
    """Whether ``word``, followed by a number, abbreviates what the number
    counts or dates ("c. 1455", "Vol. 2"), rather than ending a sentence the
    number's begins: a Latin lower-case letter, unless a number before it
    makes it a unit ("5 m. 20 vis"), or one of ``_BEFORE_NUMBER``."""
    if word.rsplit("'", 1)[-1].casefold() in _BEFORE_NUMBER:  # "l'art. 5"
        return True
    single = len(word) == 1 and word.isascii() and word.islower()
    return single and not _after_number(previous)


def _after_number(previous: str) -> bool:
    """Whether a one-letter word follows a number, and so is its unit or its
    era ("5 m.", "1955 م."), which may end a sentence, not an initial."""
    return previous.rstrip(".,)").isdigit()


def is_list_item(line: str) -> bool:
    """A line that starts a list item, whatever marks it (``_LIST_MARK``): the
    loaders keep it on its own line, and an answer quotes it whole."""
    return bool(_LIST_MARK.match(line))


def is_table_row(line: str) -> bool:
    """A table's row as every loader writes one: its cells joined by " | "."""
    return " | " in line


def table_header(lines: list[str], at: int) -> int | None:
    """The position of the first row of the table that ``lines[at]`` is a row of
    (its header, when the table has one), or None if ``lines[at]`` is no row."""
    if not is_table_row(lines[at]):
        return None
    while at > 0 and is_table_row(lines[at - 1]):
        at -= 1
    return at


def opens_item(line: str, before: str) -> bool:
    """Whether ``line`` starts a list item rather than going on with ``before``
    (the paragraph or item a wrapped line would belong to). A bullet always
    does; a number or a letter only as a list's first ("1.", "a)") or after an
    item or a lead-in, as CommonMark reads them: "... State Route\n99. Due to"
    is one paragraph that a page's margin cut."""
    found = _LIST_MARK.match(line)
    if found is None:
        return False
    ordinal = found["number"] or found["letter"]
    if ordinal is None:  # a bullet
        return True
    return ordinal in _FIRST or is_list_item(before) or announces(before)


def announces(line: str) -> bool:
    """A line that announces what follows ("Les programmes visent à :")."""
    return line.rstrip().endswith((":", "："))


def sentences(line: str) -> list[str]:
    """A line's sentences, cut after ". ! ? ؟ …" but not after an initial or a title."""
    out: list[str] = []
    start = 0
    for end in _SENTENCE_END.finditer(line):
        if _abbreviated(line[start : end.start()], line[end.end() :]):
            continue
        out.append(line[start : end.start()].strip())
        start = end.end()
    out.append(line[start:].strip())
    return [s for s in out if s]


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
        is_item = is_list_item(line)
        if announcing and is_item:
            out[-1] = f"{out[-1]}\n{line}"
            continue
        # A list item is one unit ("Novembre 2024 : annonce. La région s'y engage.").
        out.extend([line] if is_item else sentences(line))
        announcing = announces(line)
    return out


def is_question(unit: str) -> bool:
    """Questions in a document (FAQ headings, "questions to discuss") answer nothing."""
    return unit.rstrip().endswith(("?", "؟"))


def clean(unit: str) -> str:
    """A unit as the model reads it: bullets off (a number that counts stays), one line."""
    return " ".join(_BULLET.sub("", line).strip() for line in unit.splitlines())


# "Oui, ...", "No, ...", "نعم، ...": the answer's first word replies to the
# question above it.
_REPLY_WORD = re.compile(r"^(?:oui|non|yes|no|نعم|لا|أجل|بلى)\s*[,،:;]\s*(?=\w)", re.IGNORECASE)


def without_reply_word(unit: str) -> str:
    """``unit`` without the "Yes," or "Non," that opens it: that word answers
    the FAQ question above it only, so quoted for another question it would
    answer that one ("Is there a pool at the hotel?" over "نعم، الخدمة متوفرة
    في الفندق", the laundry entry's answer). What follows still says
    something, as a sentence of its own."""
    rest = _REPLY_WORD.sub("", unit, count=1)
    return rest if rest == unit else rest[:1].upper() + rest[1:]


def embedded_units(text: str) -> list[str]:
    """What the answer step may embed of a passage: each unit but questions, cleaned."""
    return [clean(u) for u in units(text) if not is_question(u)]
