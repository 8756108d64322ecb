"""The assistant's services, built once from ``Settings`` and shared by the
command line and the Telegram handlers: the composition root.

Everything heavy is built, and the answering side imported, on first use:
``python -m bot --help`` loads no model, and an unchanged re-ingest neither
loads one nor imports LangChain's runnables. An ingest that
rebuilds the index forgets what was built on the old one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.config import Settings
from bot.core import memory
from bot.core.tuning import DEFAULT, Tuning
from bot.core.types import Answer
from bot.knowledge.embeddings import NamedEmbeddings, get_embeddings, load_embeddings
from bot.knowledge.ingest import Ingestor, IngestReport
from bot.knowledge.store import ChunkStore

if TYPE_CHECKING:
    from bot.answering.conversation import Conversations
    from bot.answering.pipeline import Assistant
    from bot.answering.retrieve import Retriever
    from bot.answering.search import HybridSearch
    from bot.event.agenda import Agenda
    from bot.storage import Storage

EMPTY_AGENDA = "event: {name_fr: Terr'ESS, name_ar: Terr'ESS, city: Agadir, days: 3}\ndays: []\n"
# What stands on the index: forgotten when a rebuild replaces the collection.
_ON_INDEX = ("search", "sentences", "retriever", "assistant")


class Services:
    def __init__(self, settings: Settings, *, tuning: Tuning = DEFAULT) -> None:
        self.settings = settings
        self.tuning = tuning
        self._ingesting = threading.Lock()
        self._building = threading.RLock()
        self._built: dict[str, Any] = {}

    def _once(self, name: str, build: Callable[[], Any]) -> Any:
        """``build()`` the first time, the same object after: questions asked
        during an ingest read what is built without waiting for it."""
        built = self._built.get(name)
        if built is not None:
            return built
        with self._building:
            if name not in self._built:
                self._built[name] = build()
            return self._built[name]

    @property
    def embeddings(self) -> NamedEmbeddings:
        return self._once("embeddings", lambda: get_embeddings(self.settings.embedding_model))

    @property
    def store(self) -> ChunkStore:
        return self._once("store", lambda: ChunkStore(self.settings, self.settings.embedding_model))

    @property
    def search(self) -> HybridSearch:
        from bot.answering.search import HybridSearch

        return self._once(
            "search", lambda: HybridSearch(self.store, self.embeddings, tuning=self.tuning.search)
        )

    @property
    def retriever(self) -> Retriever:
        """Query -> Retrieval, with the sentence vectors the ingest stored."""
        from bot.answering.retrieve import Retriever
        from bot.knowledge.sentences import SentenceVectors

        search = self.search  # first: a store built with another model says so
        sentences = self._once(
            "sentences", lambda: SentenceVectors(self.embeddings, store=search.store.sentences)
        )
        return self._once(
            "retriever", lambda: Retriever(search, sentences, tuning=self.tuning.decision)
        )

    @property
    def assistant(self) -> Assistant:
        return self._once("assistant", self._assistant)

    def _assistant(self) -> Assistant:
        from bot.answering.pipeline import Assistant

        model = None
        if self.settings.llm_model:
            from bot.answering.llm import build_chat_model

            model = build_chat_model(self.settings)
        return Assistant(self.retriever, model=model, tuning=self.tuning)

    @property
    def storage(self) -> Storage:
        from bot.storage import Storage

        return self._once("storage", lambda: Storage(self.settings.bot_db_path))

    @property
    def agenda(self) -> Agenda:
        """The agenda from KNOWLEDGE_DIR/agenda.yaml (an empty one if there is none)."""
        return self._once("agenda", self._agenda)

    def _agenda(self) -> Agenda:
        from bot.event.agenda import load_agenda, parse_agenda

        path = self.settings.agenda_path
        return load_agenda(path) if path.is_file() else parse_agenda(EMPTY_AGENDA)

    def warm_up(self) -> None:
        """Load the model, the index and the chat model now rather than on the
        first question: a setting that cannot work fails here, before serving."""
        self.search.search("warm-up", k=1)
        self.assistant  # noqa: B018 (builds the LLM chain when LLM_MODEL is set)

    def ask(self, question: str, lang: str | None = None, *, default_lang: str = "fr") -> Answer:
        """``Assistant.ask``: the answer in ``lang`` or the question's own language."""
        return self.assistant.ask(question, lang, default_lang=default_lang)

    @property
    def conversations(self) -> Conversations:
        from bot.answering.conversation import Conversations

        return self._once("conversations", Conversations)

    def converse(
        self, chat: int, message: str, lang: str | None = None, *, default_lang: str = "fr"
    ) -> Answer:
        """``ask``, reading a follow-up ("et la date ?", "in Arabic") with the chat's
        last question."""
        return self.conversations.answer(
            self.assistant, chat, message, lang, default_lang=default_lang
        )

    def _indexing_model(self) -> Callable[[], NamedEmbeddings]:
        """The model an ingest embeds with, loaded when first needed (an
        unchanged folder needs none). In a process that answers too, an
        instance of its own for this run, dropped after it: on the answers'
        instance, a delegate's question waited behind each batch of a long
        upload, up to 6 s (``bench/busy.py``)."""
        if "search" not in self._built:
            return lambda: self.embeddings
        own: list[NamedEmbeddings] = []

        def model() -> NamedEmbeddings:
            if not own:
                own.append(load_embeddings(self.settings.embedding_model))
            return own[0]

        return model

    def ingest(
        self, source: Path | None = None, *, rebuild: bool = False, progress: bool = False
    ) -> IngestReport:
        """Re-index the knowledge folder; searches see the result as soon as it returns."""
        with self._ingesting:
            ingestor = Ingestor(
                self.settings,
                store=None if rebuild else self.store,
                embeddings=self._indexing_model(),
            )
            report = ingestor.run(source, rebuild=rebuild, progress=progress)
            if rebuild:
                self._built["store"] = ingestor.store
                for name in _ON_INDEX:
                    self._built.pop(name, None)
            elif "search" in self._built and report.changed:
                self.search.refresh()
            self._built.pop("agenda", None)  # re-read agenda.yaml on next use
        memory.release()
        return report
