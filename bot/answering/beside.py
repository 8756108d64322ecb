"""Which other documents' sentences may stand beside the lead's.

The answer quotes the best sentences of the best passages, and a passage of
another document comes in when one of its sentences reads nearly as close
to the question. Close in form is not about the same thing: "Qu'a ouvert la
région de Sfax pour aider les coopératives ?" quoted the Sfax brief's two
sentences, then the bundled brief's list of what Souss-Massa's programmes
aim at. When a sentence of the leading passage holds a name the question
gives (a place, a body, a number: ``bot.text.names``, across scripts by its
consonants), a sentence of another document that holds none of them is
about something else, and is left out. The lead's own document keeps every
sentence: its other passages are about the same thing, and often say it
without the name ("Indicateur | 2021 | 2023" under the Dakar brief).

Names are those a question writes in Latin letters, with a capital, as in
``named``: Arabic has no capitals, every word of an Arabic question would
count, and a word meets a name by chance ("سوبر", "Super"). On the fit
half's XQuAD Arabic questions on English paragraphs, reading them cost 2
answers their span (the lead's paragraph named "Super Bowl", the next
paragraph held the answer without it) and gained none (BENCHMARKS.md,
Generalisation, "Forty-second session"). "شكون المسؤولة على التعاونية ديال
تارودانت؟" keeps the line of the meeting's report beside its row.

Pure: strings in, strings out.
"""

from __future__ import annotations

from bot.answering.rows import held
from bot.core.types import Chosen
from bot.text.names import SHORTEST, latin_names, name_pairs, numbers, skeleton


def named_beside(
    chosen: list[Chosen], question: str, lang: str, documents: list[str]
) -> list[Chosen]:
    """``chosen`` without the units of documents other than the lead's
    (``documents``: each hit's source, by rank) that hold none of the
    question's names, when a unit of the leading passage holds one. A
    question in Arabic, or naming nothing, keeps them all."""
    keys = [] if lang == "ar" else asked_keys(question)
    if not keys:
        return chosen
    if not any(held(keys, text) for rank, _, text in chosen if rank == 0):
        return chosen
    return [unit for unit in chosen if documents[unit[0]] == documents[0] or held(keys, unit[2])]


def asked_keys(question: str) -> list[frozenset[str]]:
    """The names a Latin question gives, each as the forms a passage may hold
    it under: its capitalised words inside the sentence ("Combien" opening
    it is none) by their skeletons, its numbers, and the names two of its
    words make ("Sidi Ifni")."""
    forms = (skeleton(name) for name in latin_names(question, inside=True))
    keys = [frozenset({form}) for form in forms if len(form) >= SHORTEST]
    keys += [frozenset({number}) for number in numbers(question)]
    keys += [frozenset({"+" + pair}) for pair in name_pairs(question)]
    return list(dict.fromkeys(keys))
