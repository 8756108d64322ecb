"""Greetings and thanks, which are not questions.

"Bonjour", "شكرا" or "merci bzaf" searched in the documents find nothing and
would get "I could not find this... I can pass your question to the
organisers", with a button to do it. A delegate expects a greeting back.
Only a message made of courtesy words alone is one: "Bonjour, quels pays
participent ?" is a question.
"""

from __future__ import annotations

from bot.core.types import Courtesy
from bot.text.lexicons import LEXICONS
from bot.text.normalise import WORD_APOSTROPHE, normalise

_PHRASES: dict[Courtesy, tuple[str, ...]] = {
    "greeting": tuple(p for lexicon in LEXICONS.values() for p in lexicon.GREETINGS),
    "thanks": tuple(p for lexicon in LEXICONS.values() for p in lexicon.THANKS),
}
# Words that may come along: "Merci beaucoup !", "Bonjour à tous", "Hello there".
_FILLERS = frozenset(
    normalise(w) for w in "a tous toutes everyone all there again encore bcp".split()
)


def courtesy(text: str) -> Courtesy | None:
    """What a message made only of a greeting or thanks is; None for anything else."""
    words = [w for w in WORD_APOSTROPHE.findall(normalise(text)) if w not in _FILLERS]
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
