"""Greetings and thanks, which are not questions.

"Bonjour", "شكرا" or "merci bzaf" searched in the documents find nothing and
would get "I could not find this... I can pass your question to the
organisers", with a button to do it. A delegate expects a greeting back.
Only a message made of courtesy words alone is one: "Bonjour, quels pays
participent ?" is a question.
"""

from __future__ import annotations

import re

from bot.core.types import Courtesy
from bot.text.language import normalise

_PHRASES: dict[Courtesy, tuple[str, ...]] = {
    "greeting": (
        "bonjour",
        "bonsoir",
        "salut",
        "coucou",
        "hello",
        "hi",
        "hey",
        "good morning",
        "good afternoon",
        "good evening",
        "مرحبا",
        "أهلا",
        "أهلا وسهلا",
        "السلام عليكم",
        "سلام",
        "صباح الخير",
        "مساء الخير",
        "salam",
        "salam alaykoum",
        "salam alikoum",
        "slm",
    ),
    "thanks": (
        "merci",
        "merci beaucoup",
        "merci bien",
        "thanks",
        "thank you",
        "thank you very much",
        "many thanks",
        "شكرا",
        "شكرا جزيلا",
        "شكرا بزاف",
        "بارك الله فيك",
        "choukran",
        "chokran",
        "chokrane",
        "merci bzaf",
    ),
}
# Words that may come along: "Merci beaucoup !", "Bonjour à tous", "Hello there".
_FILLERS = frozenset(
    normalise(w) for w in "a tous toutes everyone all there again encore bcp".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def courtesy(text: str) -> Courtesy | None:
    """What a message made only of a greeting or thanks is; None for anything else."""
    words = [w for w in _WORD.findall(normalise(text)) if w not in _FILLERS]
    if not words or len(words) > 4:
        return None
    said = " ".join(words)
    for kind, phrases in _PHRASES.items():
        if any(said == normalise(p) for p in phrases):
            return kind
    # "Bonjour, merci !": a greeting and thanks together.
    if all(any(w == normalise(p) for ps in _PHRASES.values() for p in ps) for w in words):
        return "thanks"
    return None
