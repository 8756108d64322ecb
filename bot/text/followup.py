"""A message read with the question before it.

Delegates chat: after "Où se déroule la rencontre ?" comes "et la date ?",
after "Which regions organise it?" comes "who else?", after an Arabic answer
"en français ?". Searched alone, such a message has no topic; read with the
previous question's topic words it has one. A request for another language
("in Arabic", "بالعربية") asks for the last answer again, in that language.

Pure string logic on the lexicons' lists. Every language's lists are tried
whatever language the message seems to be in: two words are too few to
detect a language, and delegates mix them.
"""

from __future__ import annotations

import re
from functools import cache

from bot.text.lexicons import LEXICONS
from bot.text.normalise import WORD, normalise, stopwords, tokens
from bot.text.question_types import interrogative, question_type
from bot.text.rewrite import darija_to_msa, is_darija

# A follow-up is short: a longer message says what it is about.
MAX_WORDS = 8
# A follow-up names few topic words of its own ("et les visites de terrain ?"):
# one opened by a connector or pointing back ("y participe-t-elle") at most
# OPENED_TOPIC, another at most one. A message naming more is a question of
# its own, whatever it opens with.
OPENED_TOPIC = 4
_PUNCTUATION = re.compile(r"[^\w\s]+")


def _fold(text: str) -> str:
    """Normalised, punctuation out, one space between words ("qu'en" -> "qu en")."""
    return " ".join(_PUNCTUATION.sub(" ", normalise(text)).split())


@cache
def _phrases(name: str) -> tuple[str, ...]:
    """One list of every language's lexicon, folded, longest first."""
    found = {_fold(p) for lexicon in LEXICONS.values() for p in getattr(lexicon, name)}
    return tuple(sorted(found, key=lambda p: (-len(p.split()), p)))


@cache
def _words(name: str) -> frozenset[str]:
    return frozenset(
        w for lexicon in LEXICONS.values() for w in _fold(getattr(lexicon, name)).split()
    )


@cache
def _language_phrases() -> tuple[tuple[str, str], ...]:
    pairs = {
        (_fold(p), target)
        for lexicon in LEXICONS.values()
        for target, phrases in lexicon.ASKED_LANGUAGE.items()
        for p in phrases
    }
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def asked_language(text: str) -> str | None:
    """The language a message asks the last answer in ("and in Arabic?" -> "ar"),
    or None. Only a message that asks nothing else: "What is the event called
    in Arabic?" is a question of its own."""
    folded = f" {_fold(text)} "
    for phrase, target in _language_phrases():
        if f" {phrase} " not in folded:
            continue
        rest = folded.replace(f" {phrase} ", " ").split()
        if len([w for w in rest if w not in _words("REQUEST_WORDS")]) <= 1:
            return target
    return None


def _opening(folded: str) -> tuple[str, str] | None:
    """The follow-up phrase ``folded`` opens with (the longest), and its list:
    a connector ("et"), a topic switch ("what about") or a question ("who else")."""
    for phrase, kind in _openings():
        if folded == phrase or folded.startswith(phrase + " "):
            return phrase, kind
    return None


@cache
def _openings() -> tuple[tuple[str, str], ...]:
    kinds = ("FOLLOW_UP_QUESTIONS", "TOPIC_SWITCHES", "FOLLOW_UP_OPENERS")
    pairs = [(p, kind) for kind in kinds for p in _phrases(kind)]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def leans_on_context(text: str, lang: str) -> bool:
    """Whether ``text`` needs the previous question to be understood: short, and
    opened by a connector ("et", "and", "وماذا عن") or a follow-up question
    ("who else"), or pointing back ("when does it start?"), or naming at most
    one topic word ("the hotel?")."""
    folded = _fold(text)
    words = folded.split()
    if not words or len(words) > MAX_WORDS:
        return False
    own = own_topic(text, lang)
    if _opening(folded) is not None or _points_back(folded):
        return len(own) <= OPENED_TOPIC
    return len(own) <= 1


def _points_back(folded: str) -> bool:
    """A pronoun or demonstrative among the first words: "y participe-t-elle"."""
    return any(w in _words("BACK_REFERENCES") for w in folded.split()[:4])


def own_topic(text: str, lang: str) -> list[str]:
    """The topic words a follow-up names itself: not its connector, not a
    follow-up question ("who else"), not framing words ("ce nom")."""
    body = _fold(_without_opening(text))
    if lang == "ar" and is_darija(body):
        body = darija_to_msa(body)
    for phrase in _phrases("FOLLOW_UP_QUESTIONS"):
        body = f" {body} ".replace(f" {phrase} ", " ")
    framing = tokens(" ".join(_words("FRAME_WORDS")), lang)
    return [t for t in tokens(body, lang) if t not in framing]


def _without_opening(text: str) -> str:
    """``text`` without its connector; a follow-up question ("ومتى") without its "و"."""
    body = text.strip()
    opening = _opening(_fold(body))
    if opening is None:
        return body
    phrase, kind = opening
    if kind != "FOLLOW_UP_QUESTIONS":  # a connector or a switch: dropped
        return _drop_words(body, len(phrase.split()))
    if body.startswith("و") and len(phrase.split()) == 1:
        return body[1:]  # "ومتى" -> "متى": the question word the patterns know
    return body


def topic_words(question: str, lang: str) -> list[str]:
    """The words of ``question`` that name its topic, as written: not function,
    question or framing words ("Qui organise la rencontre d'Agadir ?" ->
    organise, rencontre, Agadir)."""
    framing = stopwords(lang) | _words("FRAME_WORDS") | _words("STOPWORDS")
    seen: dict[str, str] = {}
    for word in WORD.findall(question):
        key = normalise(word)
        if len(key) > 1 and key not in framing and not key.isdigit():
            seen.setdefault(key, word)
    return list(seen.values())


def with_context(text: str, lang: str, previous: str, previous_lang: str) -> str:
    """``text`` as a question of its own, given the ``previous`` one.

    A follow-up that names a topic of its own (two words or more, or one after
    "what about", "et pour", "ماذا عن") asks the previous question's kind of
    thing about it, unless it points back ("y", "it", "ذلك"): "and the regional development
    programme?" after "When was the scheme adopted?" is searched as "the
    regional development programme when ?". One that names an attribute or
    nothing asks about the previous topic: "et la date ?" after "Où se déroule
    la rencontre ?" is "la date déroule rencontre ?" (the previous question's
    interrogative left out).
    """
    mark = "؟" if "؟" in text else "?"
    if previous_lang == "ar" and is_darija(previous):
        # Read as the search reads it: its question word (فين) is then one the
        # patterns know, its function words (غادي, واش) the stop words they stand for.
        previous = darija_to_msa(previous)
    body = _without_opening(text).rstrip(" ?؟!.")
    asked = interrogative(previous)
    opening = _opening(_fold(text))
    switched = opening is not None and opening[1] == "TOPIC_SWITCHES"
    own = own_topic(text, lang)
    own_subject = own and (switched or len(own) > 1) and not _points_back(_fold(text))
    if own_subject:  # a topic of its own: the previous kind of answer only
        extra = asked.split() if question_type(body) is None else []
    else:  # an attribute ("la date ?") or nothing ("who else?"): the previous topic
        asked_words = set(asked.split())
        extra = [w for w in topic_words(previous, previous_lang) if normalise(w) not in asked_words]
    extra = [w for w in extra if normalise(w) not in _fold(body).split()]
    return " ".join([*filter(None, [body]), *extra]) + " " + mark


def _drop_words(text: str, count: int) -> str:
    """``text`` without its first ``count`` words (as ``_fold`` splits them)."""
    matches = list(re.finditer(r"[^\W_]+", text))
    if len(matches) <= count:
        return ""
    return text[matches[count].start() :]
