"""The terminal chat (``python -m bot chat``, what ``make run`` gives without a
token): a delegate's commands and questions, in plain text.

``TerminalChat.reply(line)`` returns the text to print (``None`` to leave),
so tests drive it line by line; the command line only reads and prints. Its
language is the one chosen (``--lang`` or ``/lang``), else that of the last
question, else the terminal's locale.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.commands import TERMINAL, help_text
from bot.core.languages import LANGS, LATIN_LANGS
from bot.core.types import Answer
from bot.event import agenda_text
from bot.i18n import language_name, translator

if TYPE_CHECKING:
    from bot.services import Services

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
QUIT = frozenset({"/quit", "/exit", "quit", "exit", ":q"})


def terminal_language() -> str:
    """The terminal's language when it is one of ours ("ar_MA.UTF-8" -> "ar"), read
    as gettext does (LC_ALL, LC_MESSAGES, LANG); else French, the event's language."""
    value = next((os.environ[v] for v in LOCALE_VARIABLES if os.environ.get(v)), "")
    name = value.split("_")[0].split(".")[0].lower()
    return name if name in LANGS else "fr"


def format_answer(answer: Answer) -> str:
    """An answer as plain text: its sentences, then up to three sources."""
    lines = [answer.answer]
    for source, sections in answer.documents(3):
        where = f" — {' · '.join(sections)}" if sections else ""
        lines.append(f"📄 {source.title}{where} [{source.source}]")
    return "\n".join(lines)


@dataclass
class TerminalChat:
    services: Services
    chosen: str | None = None  # --lang or /lang: answers in it whatever the question's
    now: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.UTC))
    heard: str = field(default_factory=terminal_language)

    @property
    def lang(self) -> str:
        return self.chosen or self.heard

    def greeting(self) -> str:
        _ = translator(self.lang).gettext
        welcome = _("Welcome to the assistant of the Terr'ESS technical gathering in Agadir.")
        return welcome + "\n\n" + help_text(self.lang, TERMINAL)

    def loading(self) -> str:
        return translator(self.lang).gettext("Loading the model and the documents…")

    def reply(self, line: str) -> str | None:
        """What to print for one line: "" for an empty one, None to leave."""
        text = line.strip()
        if not text:
            return ""
        if text.lower() in QUIT:
            return None
        if text.startswith("/"):
            return self._command(*text.split(maxsplit=1))
        fallback = self.lang if self.lang in LATIN_LANGS else "fr"
        answer = self.services.converse(0, text, self.chosen, default_lang=fallback)
        self.heard = answer.lang
        return format_answer(answer)

    def _command(self, name: str, argument: str = "") -> str:
        agenda, lang = self.services.agenda, self.lang
        name = name.lower()
        if name == "/agenda":
            return agenda_text.programme(agenda, lang)
        if name == "/today":
            return agenda_text.today(agenda, self.now(), lang)
        if name == "/next":
            return agenda_text.next_session(agenda, self.now(), lang)
        if name == "/lang":
            return self._language(argument.strip().lower())
        if name in {"/help", "/start"}:
            return help_text(lang, TERMINAL)
        _ = translator(lang).gettext
        return (
            _("Unknown command {command}.").format(command=name)
            + "\n\n"
            + help_text(lang, TERMINAL)
        )

    def _language(self, code: str) -> str:
        if code not in LANGS:
            _ = translator(self.lang).gettext
            choices = ", ".join(f"/lang {c} ({language_name(c, in_lang=c)})" for c in LANGS)
            return _("Choose your language:") + " " + choices
        self.chosen = code
        _ = translator(code).gettext
        return _("Language set: {language}.").format(language=language_name(code, in_lang=code))
