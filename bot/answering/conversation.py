"""Each chat's last question, for a few minutes: what a follow-up is read with.

"et la date ?" right after "Où se déroule la rencontre ?" is asked as "la
date déroule rencontre ?"; "in Arabic" tells the last answer again from the
Arabic versions of its documents (``retell``), or asks the last question
again with an Arabic reply when they have none. The memory is per process
and forgets: a follow-up ten minutes later is a new question, and a restart
forgets everything (nothing a delegate typed is kept for it).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from bot.core.types import Answer
from bot.text.followup import asked_language, leans_on_context, with_context
from bot.text.language import detect


class Teller(Protocol):
    """What a conversation needs of the ``Assistant``."""

    def ask(
        self,
        text: str,
        lang: str | None = None,
        *,
        default_lang: str = "fr",
        followup: bool = False,
    ) -> Answer: ...

    def retell(self, answer: Answer, lang: str) -> Answer | None: ...


@dataclass(frozen=True)
class Turn:
    question: str  # as asked of the documents: a follow-up with its context
    answer: Answer
    at: float

    @property
    def reply_lang(self) -> str:
        return self.answer.lang


class Conversations:
    """The last ``Turn`` of each chat, forgotten after ``ttl`` seconds; at most
    ``size`` chats, the least recently active dropped first."""

    def __init__(
        self, *, ttl: float = 600.0, size: int = 10_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl, self.size, self.clock = ttl, size, clock
        self._turns: OrderedDict[int, Turn] = OrderedDict()
        self._lock = threading.Lock()

    def last(self, chat: int) -> Turn | None:
        with self._lock:
            turn = self._turns.get(chat)
        if turn is None or self.clock() - turn.at > self.ttl:
            return None
        return turn

    def remember(self, chat: int, question: str, answer: Answer) -> None:
        turn = Turn(question, answer, self.clock())
        with self._lock:
            self._turns[chat] = turn
            self._turns.move_to_end(chat)
            while len(self._turns) > self.size:
                self._turns.popitem(last=False)

    def answer(
        self,
        assistant: Teller,
        chat: int,
        text: str,
        lang: str | None = None,
        *,
        default_lang: str = "fr",
    ) -> Answer:
        """The answer to ``text`` as chat ``chat`` means it, given its last question."""
        turn = self.last(chat)
        target = asked_language(text) if turn is not None else None
        own = detect(text, default=turn.reply_lang) if turn is not None else None
        if turn is not None and target is not None:  # "in Arabic": the last answer again
            question, answer = turn.question, _again(assistant, turn, target)
        elif turn is not None and turn.answer.confident and leans_on_context(text, own):
            previous_lang = detect(turn.question, default=turn.reply_lang)
            question = with_context(text, own, turn.question, previous_lang)
            answer = assistant.ask(
                question, lang or own, default_lang=turn.reply_lang, followup=True
            )
        else:
            question, answer = text, assistant.ask(text, lang, default_lang=default_lang)
        if answer.sources or not answer.confident:  # "merci" is no new topic
            self.remember(chat, question, answer)
        return answer


def _again(assistant: Teller, turn: Turn, lang: str) -> Answer:
    """The last answer in ``lang``: from the twin documents when it quoted some."""
    if turn.answer.confident:
        retold = assistant.retell(turn.answer, lang)
        if retold is not None:
            return retold
    return assistant.ask(turn.question, lang, default_lang=lang)
