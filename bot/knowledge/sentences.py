"""Sentence embeddings for the extractive answer, cached: the same passages
answer many questions, and embedding is the costly step on two cores."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from bot.knowledge.embeddings import NamedEmbeddings


class SentenceVectors:
    """``texts -> matrix`` of passage-side embeddings, least recently added dropped first."""

    def __init__(self, embeddings: NamedEmbeddings, *, size: int = 20_000) -> None:
        self.embeddings = embeddings
        self.size = size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            vectors = np.asarray(self.embeddings.embed_documents(missing), dtype=np.float32)
            with self._lock:
                for text, vector in zip(missing, vectors, strict=True):
                    self._cache[text] = vector
                while len(self._cache) > self.size:
                    self._cache.popitem(last=False)
        with self._lock:
            return np.stack([self._cache[t] for t in texts])
