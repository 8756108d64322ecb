"""The assistant's services, built once from ``Settings`` and shared by the
command line and (later) the Telegram handlers.

Everything heavy is created on first use: ``python -m bot --help`` loads no
model, and an unchanged re-ingest never loads one either.
"""

from __future__ import annotations

import threading
from functools import cached_property
from pathlib import Path

from bot.answer import Answer, best_passage
from bot.config import Settings
from bot.embeddings import NamedEmbeddings, get_embeddings
from bot.ingest import Ingestor, IngestReport
from bot.language import detect
from bot.retrieval import Retriever
from bot.store import ChunkStore

TOP_K = 5


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

    def warm_up(self) -> None:
        """Load the model and the index now rather than on the first question."""
        self.retriever.search("warm-up", k=1)

    def ask(self, question: str, lang: str | None = None) -> Answer:
        """Answer ``question`` from the indexed documents, in ``lang`` or its own language."""
        question_lang = detect(question)
        hits = self.retriever.search(question, k=TOP_K, lang=question_lang)
        return best_passage(hits, lang or question_lang)

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
            elif "retriever" in self.__dict__ and report.changed:
                self.retriever.refresh()
        return report
