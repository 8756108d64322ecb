"""Relayed answers as FAQ entries: what ``KNOWLEDGE_DIR/faq/relayed/`` holds
once an organiser has answered a delegate's question in the group
(``tg/handlers/organisers/relay``). Pure: the handler writes the file."""

from __future__ import annotations

import yaml

from bot.core.tuning import DEFAULT
from bot.text.language import detect, is_arabizi
from bot.text.normalise import arabic_share

FOLDER = "faq/relayed"


def entry_language(answer: str, asked_in: str) -> str:
    """The language an FAQ entry is kept in: its answer's, which an organiser
    may write in French to an Arabic question. Declared in the question's,
    the answer was searched, stemmed and labelled as a language it is not
    written in ("D'après le document en arabe : Oui, ..."). An answer that
    says too little keeps the question's: a code, a time or a room
    ("TERRESS2026", "14h30", "Salle B2"), which ``detect`` would take for
    Arabizi, a delegate's way of typing, not an organiser's way of writing."""
    if arabic_share(answer) < DEFAULT.detection.arabic_script and is_arabizi(answer):
        return asked_in
    return detect(answer, default=asked_in)


def entry_name(question_id: int, lang: str) -> str:
    """The entry's path under ``KNOWLEDGE_DIR``."""
    return f"{FOLDER}/q{question_id}.{lang}.md"


def faq_entry(question: str, answer: str, lang: str, asked_in: str | None = None) -> str:
    """The relayed exchange as a Markdown FAQ entry in ``lang``, the answer's
    language (the question's, ``asked_in``, may be another).

    The delegate's question is the entry's heading, so that a later question
    is compared with it question to question, across languages too
    (``answering.headings``). A heading counts as an FAQ question only when
    it ends with a question mark, which a question typed on a phone often
    lacks. The front matter is dumped by YAML, never written by hand: a
    question may hold quotes, colons or backslashes.
    """
    title = " ".join(question.split())  # one line: a Markdown heading
    if not title.endswith(("?", "؟")):
        title = title.rstrip(".!…؛ ") + _question_mark(title, asked_in or lang)
    front = yaml.safe_dump(
        {"title": title, "lang": lang, "kind": "faq"}, allow_unicode=True, sort_keys=False
    )
    return f"---\n{front}---\n## {title}\n\n{answer.strip()}\n"


def _question_mark(title: str, asked_in: str) -> str:
    """The mark the question's script and typography take ("؟", " ?", "?")."""
    if arabic_share(title) >= DEFAULT.detection.arabic_script:
        return "؟"
    return " ?" if asked_in == "fr" else "?"
