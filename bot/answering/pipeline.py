"""One question, one path: understand -> retrieve -> decide -> write.

query = understand(text)             # language, rewrite, form, terms: once
retrieval = retrieve(query)          # hits and what the answer needs of the index
hits = decide.order(retrieval)       # which passage leads
evidence = compose.gather(hits, ...) # the best sentences
decide.confident(evidence, ...)      # or an honest decline
writer.invoke(...)                   # LLM chain, falling back to the extractive answer
"""

from __future__ import annotations

from dataclasses import replace

from langchain_core.runnables import Runnable

from bot.answering import compose, decide
from bot.answering.calibration import DecisionModel, bundled
from bot.answering.llm import EXTRACTIVE, answer_chain
from bot.answering.query import understand
from bot.answering.replies import courteous_reply, decline
from bot.answering.retrieve import Retriever
from bot.core.tuning import DEFAULT, Tuning
from bot.core.types import Answer, Retrieval


class Assistant:
    """``ask(text) -> Answer``: the assistant's whole answering side."""

    def __init__(
        self,
        retriever: Retriever,
        *,
        model=None,
        tuning: Tuning = DEFAULT,
        decision: DecisionModel | None = None,
    ) -> None:
        """``model``: an LLM to write answers (else extractive); ``decision``: the
        calibrated decision (else the one shipped in the package)."""
        self.retriever = retriever
        self.tuning = tuning
        self.decision = decision or bundled()
        self.writer: Runnable = EXTRACTIVE if model is None else answer_chain(model)

    def ask(
        self,
        text: str,
        lang: str | None = None,
        *,
        default_lang: str = "fr",
        followup: bool = False,
    ) -> Answer:
        """Answer ``text`` from the indexed documents, in ``lang`` or its own language.

        ``lang`` (a user's preference, ``--lang``) sets the language of the reply;
        the question's own language still drives retrieval and the lexical match.
        ``default_lang`` is assumed when the question is too short to tell.
        ``followup``: ``text`` is a follow-up with the last question's words.
        """
        query = understand(
            text, reply_lang=lang, default_lang=default_lang, tuning=self.tuning.detection
        )
        query = replace(query, followup=followup)
        if query.courtesy is not None:
            return courteous_reply(query.courtesy, query.reply_lang)
        return self.answer(self.retriever(query))

    def retell(self, answer: Answer, lang: str) -> Answer | None:
        """``answer`` again in ``lang``, from its sources' versions in that language."""
        from bot.answering.retell import retell

        return retell(answer, lang, self.retriever.search, self.retriever.sentences)

    def answer(self, retrieval: Retrieval) -> Answer:
        """The answer the documents support, or an honest decline."""
        query = retrieval.query
        hits = decide.order(retrieval)
        evidence = compose.gather(hits, retrieval, self.tuning.composition)
        if query.relative_day and not decide.of_the_present(evidence, query):
            return decline(query.reply_lang, day=True)
        if evidence is None or not decide.confident(
            evidence, retrieval, self.decision, self.tuning.decision
        ):
            return decline(query.reply_lang)
        return self.writer.invoke({"evidence": evidence, "retrieval": retrieval})
