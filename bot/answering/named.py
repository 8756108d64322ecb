"""An FAQ entry that never names the place, person or body the delegate asks
about answers another question.

"Combien de temps dure la visite de Tiznit ?" has the form of the bundled
"Combien de temps dure la rencontre ?", and an FAQ entry is matched on its
question: the form alone lifted it above the uploaded note on the Tiznit
visit, and the answer was "Trois jours, à Agadir.". A topic word may be
missing from the right passage too (the documents say it with a synonym); a
name has no synonym, so its absence is telling — when the name singles
out one document among those found. Across languages a place's name is
often translated, but keeps its consonants ("Morocco", "Maroc"; "Tunisia",
"Tunisie"): a document in another language than the question's holds a name
where it writes one of the same skeleton (``bot.text.names.skeleton``). A
name several of them hold is the corpus's context ("Agadir", "Terr'ESS": a
relayed entry on when "la rencontre" starts answers "Quand commence la
rencontre Terr'ESS ?"), unless the entry's own question names names and
the asker's none of them: it is then about another subject ("Les délégués
de Tunisie ont-ils besoin d'un visa ?"), and the asker's name, context or
not, must be in its document (``asks_of_another``). Below a passage that holds the name,
an entry lacking it goes too, found on its question or on its answer:
quoted beside the passage, its answer reads as a second one.

Names are read in Latin letters, as words within a language: Arabic has
no capitals to tell a name from any other word, and a consonant skeleton
matched across scripts meets common words by chance ("زمن", "time", is
"Seaman"), so an Arabic question's word counts only where its skeleton is
exactly, to four consonants or more, a name a passage writes in Latin
letters ("تزنيت", "Tiznit"); so, the other way, does an Arabic document's
word for a name a Latin question gives. An entry written in Arabic is
never judged. Pure: tested on
hand-made hits (tests/test_named.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Protocol

from bot.core.types import Hit
from bot.text.names import SHORTEST, arabic_skeletons, latin_names, skeleton
from bot.text.units import is_question

SHORTEST_ARABIC = 4  # consonants of an Arabic word read as a Latin name


class Documents(Protocol):
    """What the rule reads of the index (``HybridSearch``)."""

    def names_in(self, source: str) -> frozenset[str]: ...

    def sounds_in(self, source: str) -> frozenset[str]: ...

    def versions_of(self, source: str) -> frozenset[str]: ...


def _latin(hit: Hit) -> bool:
    return hit.chunk.lang != "ar"


def asked_names(question: str, hits: list[Hit]) -> set[str]:
    """The names ``question`` gives, folded: its capitalised Latin words inside
    the sentence, or, in Arabic, the Latin names of ``hits`` its words
    transliterate."""
    asked = set(latin_names(question, inside=True))
    if asked:
        return asked
    written = frozenset().union(
        *(latin_names(h.chunk.embed_text, inside=True) for h in hits if _latin(h))
    )
    sounds = {f for forms in arabic_skeletons(question) for f in forms if len(f) >= SHORTEST_ARABIC}
    return {name for name in written if skeleton(name) in sounds}


@lru_cache(maxsize=1024)
def _skeletons(names: frozenset[str]) -> frozenset[str]:
    return frozenset(skeleton(name) for name in names)


def holds(
    names: frozenset[str], name: str, across: bool, sounds: frozenset[str] = frozenset()
) -> bool:
    """Whether a document's ``names`` hold ``name``: as written, or, ``across``
    languages, under the same skeleton of three consonants or more (a shorter
    one meets other names by chance), or where one of its Arabic words
    (``sounds``: their skeletons) transliterates it, to four consonants or
    more, as an Arabic question's words are read ("تيزنيت", "Tiznit")."""
    if name in names:
        return True
    form = skeleton(name) if across else ""
    if len(form) >= SHORTEST and form in _skeletons(names):
        return True
    return len(form) >= SHORTEST_ARABIC and form in sounds


def holder(
    hit: Hit, lang: str, held: dict[str, frozenset[str]], documents: Documents
) -> Callable[[str], bool]:
    """Whether ``hit``'s document holds a name (``holds``) of a question asked
    in ``lang``; an Arabic document's words are read only when asked."""
    source, across = hit.chunk.source, hit.chunk.lang != lang
    sounds = documents.sounds_in(source) if across and not _latin(hit) else frozenset()
    return lambda name: holds(held[source], name, across, sounds)


def singling_out(
    question: str,
    lang: str,
    hits: list[Hit],
    documents: Documents,
    held: dict[str, frozenset[str]],
) -> set[str]:
    """The names of ``question`` (asked in ``lang``) that exactly one document
    among ``hits`` (a document and its translations are one) holds (``held``:
    each hit's source's names); each document read once, however many of
    its passages were found."""
    asked = asked_names(question, hits)
    if not asked:
        return set()
    holders: dict[str, set[frozenset[str]]] = {}
    for hit in {h.chunk.source: h for h in hits}.values():
        for name in filter(holder(hit, lang, held, documents), asked):
            holders.setdefault(name, set()).add(documents.versions_of(hit.chunk.source))
    return {name for name, groups in holders.items() if len(groups) == 1}


def asks_of_another(entry: Hit, question: str, lang: str) -> bool:
    """Whether an FAQ entry's question names names, none of which the
    asker's holds (``holds``; an Arabic question, where one of its words has
    the name's skeleton): "Les délégués de Tunisie ont-ils besoin d'un visa
    ?" is about Tunisia, whatever its document says around it, and answers
    "Do delegates from Senegal need a visa?" with a "Non" nobody relayed.
    One name in common and the entry is about the asker's subject, asked
    another way ("Which English colony..." and "this British colony" both
    name the Huguenots; "English" and "British" are not two subjects)."""
    theirs = latin_names(entry.chunk.heading, inside=True)
    if not theirs:
        return False
    mine = latin_names(question, inside=True)
    sounds = frozenset().union(*arabic_skeletons(question)) if lang == "ar" else frozenset()
    across = entry.chunk.lang != lang
    return all(not holds(mine, name, across) and skeleton(name) not in sounds for name in theirs)


def _entry(hit: Hit) -> bool:
    return hit.as_question and _latin(hit)


def _under_question(hit: Hit) -> bool:
    """An FAQ entry however it was found: on its question or on its answer."""
    return _latin(hit) and is_question(hit.chunk.heading)


def without_unnamed_entries(
    hits: list[Hit], question: str, lang: str, documents: Documents
) -> list[Hit]:
    """``hits`` without the FAQ entries in Latin letters whose documents never
    name a name the question asks of them (``required``): when such an entry
    leads, found on its question, the entries found so; when a passage
    holding that name leads, every entry below it, however found.

    The whole document, not the entry: an entry of the delegates' FAQ need not
    say "Agadir" to be about the Agadir gathering, when the rest of the FAQ
    does. A lead found on its own text already carries the name in its
    score; an entry answers its own question, and quoted under the right
    passage, "Trois jours, à Agadir." reads as a second answer to "How long
    is the trip to Tamanar?". So the entries go, not just down.
    """
    if not hits:
        return hits
    judged = _entry if _entry(hits[0]) else _under_question
    if not any(judged(h) for h in hits) or not asked_names(question, hits):
        return hits  # most questions give no name: no document's names are read
    held = {h.chunk.source: documents.names_in(h.chunk.source) for h in hits}

    def lacking(hit: Hit, names: set[str]) -> set[str]:
        return set(names) - set(filter(holder(hit, lang, held, documents), names))

    names = required(hits, question, lang, documents, held)
    lead = hits[0]
    missing = lacking(lead, names) if _entry(lead) else names - lacking(lead, names)
    if not missing:
        return hits
    kept = [h for h in hits if not (judged(h) and lacking(h, missing))]
    return kept or hits


def required(
    hits: list[Hit],
    question: str,
    lang: str,
    documents: Documents,
    held: dict[str, frozenset[str]],
) -> set[str]:
    """The names of ``question`` an entry's document must hold: those that
    single out one document (``singling_out``); every name it gives when the
    lead is an entry asked of another name (``asks_of_another``). An entry
    lacking one the lead's document holds, or leading without one, goes."""
    if _entry(hits[0]) and asks_of_another(hits[0], question, lang):
        return asked_names(question, hits)
    return singling_out(question, lang, hits, documents, held)
