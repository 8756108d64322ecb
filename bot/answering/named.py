"""An FAQ entry found on its question that never names the place, person or
body the delegate asks about answers another question.

"Combien de temps dure la visite de Tiznit ?" has the form of the bundled
"Combien de temps dure la rencontre ?", and an FAQ entry is matched on its
question: the form alone lifted it above the uploaded note on the Tiznit
visit, and the answer was "Trois jours, à Agadir.". A topic word may be
missing from the right passage too (the documents say it with a synonym); a
name is not translated, only transliterated (``bot.text.names``), so its
absence is telling. Only names written in Latin letters are read: Arabic has
no capitals to tell a name from any other word, and a consonant skeleton
matched across scripts meets common words by chance ("زمن", "time", is
"Seaman"), so an Arabic question's word counts only where it is exactly a
name a passage writes in Latin letters ("تزنيت", "Tiznit"), and an entry
written in Arabic is never judged. Pure: tested on hand-made hits
(tests/test_named.py).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.core.types import Hit
from bot.text.names import arabic_forms, matches, names, proper_names
from bot.text.normalise import WORD

SHORTEST_ARABIC = 4  # consonants of an Arabic word read as a Latin name


def _latin(hit: Hit) -> bool:
    return hit.chunk.lang != "ar"


def _arabic(word: str) -> bool:
    return any("\u0621" <= c <= "\u064a" for c in word)


def asked_names(question: str, hits: list[Hit]) -> list[frozenset[str]]:
    """The names of ``question`` that one of ``hits`` in Latin letters holds,
    each as its possible skeletons."""
    latin = [h for h in hits if _latin(h)]
    held = [names(h.chunk.embed_text) for h in latin]
    asked = [frozenset({form}) for form in proper_names(question)]
    if not asked:  # an Arabic question: its words that a passage writes as a name
        written = frozenset().union(*(proper_names(h.chunk.embed_text) for h in latin))
        words = (arabic_forms(w) for w in WORD.findall(question) if _arabic(w))
        asked = [
            frozenset(forms & written)
            for forms in words
            if any(len(f) >= SHORTEST_ARABIC for f in forms & written)
        ]
    return [w for w in dict.fromkeys(asked) if any(matches(w, n) for n in held)]


def without_unnamed_entries(
    hits: list[Hit], question: str, document_names: Callable[[str], frozenset[str]]
) -> list[Hit]:
    """``hits`` without the FAQ entries matched on their question whose
    document, in Latin letters, never names a name of the question that
    another hit holds, when such an entry leads (``document_names``: the
    names a source holds, by source).

    The whole document, not the entry: an entry of the delegates' FAQ need not
    say "Agadir" to be about the Agadir gathering, when the rest of the FAQ
    does. Only a lead found on its question gives way: a passage found on its
    own text already carries the name in its score, and an entry lower down is
    not what the answer quotes first. The entries go, not just down: quoted
    under the right passage, "Trois jours, à Agadir." still reads as the
    answer to the Tiznit question.
    """
    if not hits or not hits[0].as_question or not _latin(hits[0]):
        return hits
    asked = asked_names(question, hits)
    missing = [w for w in asked if not matches(w, document_names(hits[0].chunk.source))]
    if not missing:
        return hits

    def unnamed(hit: Hit) -> bool:
        held = document_names(hit.chunk.source)
        return hit.as_question and _latin(hit) and not all(matches(w, held) for w in missing)

    kept = [h for h in hits if not unnamed(h)]
    return kept or hits
