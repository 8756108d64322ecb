"""Sentence embeddings for the extractive answer, and single words' for the
decision's word coverage: read from the vectors the ingest stored, else
embedded, and cached in memory, since the same passages answer many
questions."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from bot.knowledge.embeddings import NamedEmbeddings
from bot.knowledge.store import SentenceStore


class SentenceVectors:
    """``texts -> matrix`` of passage-side embeddings, least recently added dropped first."""

    def __init__(
        self,
        embeddings: NamedEmbeddings,
        *,
        store: SentenceStore | None = None,
        size: int = 20_000,
    ) -> None:
        self.embeddings = embeddings
        self.store = store
        self.size = size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            found = self.store.get(missing) if self.store is not None else {}
            rest = [t for t in missing if t not in found]
            if rest:  # a unit the ingest did not see (an older index): embed it now
                vectors = np.asarray(self.embeddings.embed_documents(rest), dtype=np.float32)
                found.update(zip(rest, vectors, strict=True))
            with self._lock:
                for text in missing:
                    self._cache[text] = found[text]
                while len(self._cache) > self.size:
                    self._cache.popitem(last=False)
        with self._lock:
            return np.stack([self._cache[t] for t in texts])
