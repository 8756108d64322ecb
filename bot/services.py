"""The assistant's services, built once from ``Settings`` and shared by the
command line and the Telegram handlers.

Everything heavy is created on first use: ``python -m bot --help`` loads no
model, and an unchanged re-ingest never loads one either.
"""

from __future__ import annotations

import threading
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from bot.answering.compose import Answer, Answerer, courteous_reply
from bot.answering.search import Hit, Retriever
from bot.config import Settings
from bot.knowledge.embeddings import NamedEmbeddings, get_embeddings
from bot.knowledge.ingest import Ingestor, IngestReport
from bot.knowledge.store import ChunkStore
from bot.text.courtesy import courtesy
from bot.text.language import (
    ARABIC_SCRIPT,
    arabic_share,
    arabizi_to_arabic,
    darija_to_msa,
    detect,
    is_darija,
)

if TYPE_CHECKING:
    from bot.event.agenda import Agenda
    from bot.storage import Storage

TOP_K = 5
EMPTY_AGENDA = "event: {name_fr: Terr'ESS, name_ar: Terr'ESS, city: Agadir, days: 3}\ndays: []\n"


class Services:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()

    @cached_property
    def embeddings(self) -> NamedEmbeddings:
        return get_embeddings(self.settings.embedding_model)

    @cached_property
    def store(self) -> ChunkStore:
        return ChunkStore(self.settings, self.settings.embedding_model)

    @cached_property
    def retriever(self) -> Retriever:
        return Retriever(self.store, self.embeddings)

    @cached_property
    def storage(self) -> Storage:
        from bot.storage import Storage

        return Storage(self.settings.bot_db_path)

    @cached_property
    def agenda(self) -> Agenda:
        """The agenda from KNOWLEDGE_DIR/agenda.yaml (an empty one if there is none)."""
        from bot.event.agenda import load_agenda, parse_agenda

        path = self.settings.agenda_path
        if path.is_file():
            return load_agenda(path)
        return parse_agenda(EMPTY_AGENDA)

    @cached_property
    def answerer(self) -> Answerer:
        llm = None
        if self.settings.llm_model:
            from bot.answering.llm import LLMAnswerer, build_chat_model

            llm = LLMAnswerer(build_chat_model(self.settings))
        return Answerer(self.retriever, self.embeddings, llm=llm)

    def warm_up(self) -> None:
        """Load the model and the index now rather than on the first question."""
        self.retriever.search("warm-up", k=1)

    def retrieve(self, question: str, *, default_lang: str = "fr") -> tuple[str, str, list[Hit]]:
        """(search query, question language, hits): Darija is searched in MSA words,
        Arabizi in Arabic letters first.

        ``default_lang`` is the language assumed when the question is too short to tell.
        """
        question_lang = detect(question, default=default_lang)
        query = question
        if question_lang == "ar" and arabic_share(question) < ARABIC_SCRIPT:  # Arabizi
            query = darija_to_msa(arabizi_to_arabic(question))
        elif question_lang == "ar" and is_darija(question):
            query = darija_to_msa(question)
        return query, question_lang, self.retriever.search(query, k=TOP_K, lang=question_lang)

    def ask(self, question: str, lang: str | None = None, *, default_lang: str = "fr") -> Answer:
        """Answer ``question`` from the indexed documents, in ``lang`` or its own language.

        ``lang`` (a user's preference, ``--lang``) sets the language of the reply;
        the question's own language still drives retrieval and the lexical match.
        """
        kind = courtesy(question)
        if kind is not None:
            return courteous_reply(kind, lang or detect(question, default=default_lang))
        query, question_lang, hits = self.retrieve(question, default_lang=default_lang)
        return self.answerer.answer(
            query,
            hits,
            question_lang=question_lang,
            lang=lang or question_lang,
            # Only Arabizi is rewritten from Latin letters into Arabic ones.
            respelled=query != question and arabic_share(question) < ARABIC_SCRIPT,
            asked=question,
        )

    def ingest(
        self, source: Path | None = None, *, rebuild: bool = False, progress: bool = False
    ) -> IngestReport:
        """Re-index the knowledge folder; searches see the result as soon as it returns."""
        with self._lock:
            ingestor = Ingestor(
                self.settings,
                store=None if rebuild else self.store,
                embeddings=lambda: self.embeddings,
            )
            report = ingestor.run(source, rebuild=rebuild, progress=progress)
            if rebuild:
                self.__dict__["store"] = ingestor.store
                self.__dict__.pop("retriever", None)
                self.__dict__.pop("answerer", None)
            elif "retriever" in self.__dict__ and report.changed:
                self.retriever.refresh()
            self.__dict__.pop("agenda", None)  # re-read agenda.yaml on next use
        return report
