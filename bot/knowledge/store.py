"""The Chroma collection that holds the chunks: embedded, or a `chroma run` server.

The collection records the embedding model that filled it; opening it with
another model raises ``ModelMismatch`` rather than mixing vectors. Chunks are
written uncommitted and flipped to committed once their whole file is in, and
searches only see committed chunks: an interrupted ingest never exposes half
a document.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from bot.config import Settings
from bot.core.types import Chunk
from bot.errors import ModelMismatch, StoreUnavailable

log = logging.getLogger(__name__)

BATCH = 256
# A wider graph search than Chroma's default (100): with a few thousand chunks it
# costs well under a millisecond and makes the dense candidates stable run to run.
HNSW = {"hnsw": {"space": "cosine", "ef_construction": 200, "ef_search": 400}}
COMMITTED = {"committed": True}


@dataclass(frozen=True)
class IndexedFile:
    source: str
    doc_hash: str
    ids: tuple[str, ...]


def _client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_host:
            return chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
        settings.chroma_path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)
    except Exception as exc:
        where = (
            f"Chroma server {settings.chroma_host}:{settings.chroma_port}"
            if settings.chroma_host
            else f"embedded Chroma in {settings.chroma_path}"
        )
        raise StoreUnavailable(f"cannot open {where}: {exc}") from exc


class ChunkStore:
    """One Chroma collection of chunks with their vectors and metadata."""

    def __init__(
        self, settings: Settings, model_name: str, *, client=None, reset_first: bool = False
    ) -> None:
        self.settings = settings
        self.model_name = model_name
        self.name = settings.chroma_collection
        self._client = client or _client(settings)
        if reset_first:  # --rebuild: whatever model filled it before
            self._drop()
        self._collection = self._open()
        self.sentences = SentenceStore(self._client, f"{self.name}-sentences", model_name)

    def _open(self):
        try:
            collection = self._client.get_or_create_collection(
                self.name,
                metadata={"embedding_model": self.model_name},
                configuration=HNSW,
                embedding_function=None,
            )
        except Exception as exc:
            raise StoreUnavailable(f"cannot open collection {self.name!r}: {exc}") from exc
        recorded = (collection.metadata or {}).get("embedding_model")
        if recorded and recorded != self.model_name:
            raise ModelMismatch(
                f"collection {self.name!r} was built with embedding model {recorded!r}, "
                f"but EMBEDDING_MODEL is {self.model_name!r}: run `python ingest.py --rebuild`"
            )
        return collection

    def _drop(self) -> None:
        _drop(self._client, self.name)
        _drop(self._client, f"{self.name}-sentences")

    def reset(self) -> None:
        """Drop every chunk and start an empty collection for the current model."""
        self._drop()
        self._collection = self._open()
        self.sentences.reset()

    def count(self) -> int:
        return self._collection.count()

    def files(self) -> tuple[dict[str, IndexedFile], list[str]]:
        """Committed files by source, and the ids of uncommitted (abandoned) chunks."""
        got = self._collection.get(include=["metadatas"])
        by_key: dict[tuple[str, str], list[str]] = {}
        loose: list[str] = []
        for chunk_id, meta in zip(got["ids"], got["metadatas"] or [], strict=True):
            meta = meta or {}
            if not meta.get("committed"):
                loose.append(chunk_id)
                continue
            by_key.setdefault((str(meta.get("source")), str(meta.get("doc_hash"))), []).append(
                chunk_id
            )
        files: dict[str, IndexedFile] = {}
        for (source, doc_hash), ids in by_key.items():
            if source in files:  # two committed versions: an ingest died between steps
                loose.extend(ids)
                continue
            files[source] = IndexedFile(source, doc_hash, tuple(ids))
        return files, loose

    def add(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]]) -> None:
        """Write chunks uncommitted: invisible to search until ``commit``."""
        for start in range(0, len(chunks), BATCH):
            part = chunks[start : start + BATCH]
            self._collection.upsert(
                ids=[c.id for c in part],
                embeddings=np.asarray(vectors[start : start + BATCH], dtype=np.float32),
                documents=[c.text for c in part],
                metadatas=[{**c.metadata(), "committed": False} for c in part],
            )

    def commit(self, ids: Sequence[str]) -> None:
        for start in range(0, len(ids), BATCH):
            part = list(ids[start : start + BATCH])
            self._collection.update(ids=part, metadatas=[dict(COMMITTED) for _ in part])

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        for start in range(0, len(ids), BATCH):
            self._collection.delete(ids=ids[start : start + BATCH])

    def committed(self) -> tuple[list[Chunk], np.ndarray]:
        """Every searchable chunk and its vector (rows aligned), for BM25 and re-scoring."""
        got = self._collection.get(
            where=COMMITTED, include=["documents", "metadatas", "embeddings"]
        )
        chunks = [
            Chunk.from_store(i, d or "", m or {})
            for i, d, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        ]
        vectors = got.get("embeddings")
        matrix = np.asarray(vectors, dtype=np.float32) if len(chunks) else np.zeros((0, 0))
        return chunks, matrix

    def query(
        self, vector: Sequence[float], n: int, lang: str | None = None
    ) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the ``n`` nearest committed chunks,
        of those in ``lang`` only when it is given."""
        if n <= 0:
            return []
        where = COMMITTED if lang is None else {"$and": [COMMITTED, {"lang": lang}]}
        got = self._collection.query(
            query_embeddings=np.asarray(vector, dtype=np.float32).reshape(1, -1),
            n_results=n,
            where=where,
            include=["distances"],
        )
        return [
            (i, 1.0 - float(d)) for i, d in zip(got["ids"][0], got["distances"][0], strict=True)
        ]


def _drop(client, name: str) -> None:
    try:
        client.delete_collection(name)
    except Exception:  # already absent
        log.debug("collection %s did not exist", name)


class SentenceStore:
    """Passage-side vectors of answer units, keyed by their text: computed at
    ingest, so the first question on a fresh corpus embeds nothing but itself."""

    def __init__(self, client, name: str, model_name: str) -> None:
        self._client, self.name, self.model_name = client, name, model_name
        self._collection = self._open()

    def _open(self):
        try:
            return self._client.get_or_create_collection(
                self.name, metadata={"embedding_model": self.model_name}, embedding_function=None
            )
        except Exception as exc:
            raise StoreUnavailable(f"cannot open collection {self.name!r}: {exc}") from exc

    def reset(self) -> None:
        _drop(self._client, self.name)
        self._collection = self._open()

    def missing(self, texts: Sequence[str]) -> list[str]:
        """Those of ``texts`` without a stored vector, each once, in order."""
        wanted = list(dict.fromkeys(texts))
        if not wanted:
            return []
        known = set()
        for start in range(0, len(wanted), BATCH):
            part = [_key(t) for t in wanted[start : start + BATCH]]
            known.update(self._collection.get(ids=part, include=[])["ids"])
        return [t for t in wanted if _key(t) not in known]

    def add(self, texts: Sequence[str], vectors: Sequence[Sequence[float]]) -> None:
        for start in range(0, len(texts), BATCH):
            part = list(texts[start : start + BATCH])
            self._collection.upsert(
                ids=[_key(t) for t in part],
                embeddings=np.asarray(vectors[start : start + BATCH], dtype=np.float32),
            )

    def get(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of ``texts`` (those it has)."""
        by_key = {_key(t): t for t in texts}
        found: dict[str, np.ndarray] = {}
        keys = list(by_key)
        for start in range(0, len(keys), BATCH):
            got = self._collection.get(ids=keys[start : start + BATCH], include=["embeddings"])
            for key, vector in zip(got["ids"], got["embeddings"], strict=True):
                found[by_key[key]] = np.asarray(vector, dtype=np.float32)
        return found


def _key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]
