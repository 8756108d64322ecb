"""The Chroma collection that holds the chunks: embedded, or a `chroma run` server.

The collection records the embedding model that filled it; opening it with
another model raises ``ModelMismatch`` rather than mixing vectors. Chunks are
written uncommitted and flipped to committed once their whole file is in, and
searches only see committed chunks: an interrupted ingest never exposes half
a document.

A rebuild fills a *staging* collection beside the live one and swaps it in
only when complete (``promote``): a model that fails to load, or a rebuild
that dies half-way, leaves the live index answering. Another process that
held the replaced collection re-opens the live one by name at its next read.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np

from bot.config import Settings
from bot.core.types import Chunk
from bot.errors import ModelMismatch, StoreUnavailable
from bot.knowledge.chroma import client as _client

log = logging.getLogger(__name__)
T = TypeVar("T")

BATCH = 256
# A wider graph search than Chroma's default (100): with a few thousand chunks it
# costs well under a millisecond and makes the dense candidates stable run to run.
HNSW = {"hnsw": {"space": "cosine", "ef_construction": 200, "ef_search": 400}}
COMMITTED = {"committed": True}
STAGING = "-next"  # a rebuild being filled
RETIRED = "-retired"  # the index a rebuild replaced, between the two renames of a swap
SENTENCES = "-sentences"
DOWN_FOR = 5.0  # seconds a server that did not answer is left alone


@dataclass(frozen=True)
class IndexedFile:
    source: str
    doc_hash: str
    ids: tuple[str, ...]


_REOPENING = threading.Lock()


class _Reopening:
    """A collection held by id that another process may replace by name (a
    rebuild swapped in): a read that finds it gone re-opens the live one.

    A server that did not answer is not asked again for ``DOWN_FOR`` seconds:
    questions arriving meanwhile are told at once that search is unavailable,
    instead of each waiting CHROMA_TIMEOUT in turn behind the answer workers."""

    generation = 0  # bumped at every re-open: what was read from it is stale
    _down_until = 0.0

    def _open(self):
        raise NotImplementedError

    def _read(self, call: Callable[[Any], T]) -> T:
        """``call(collection)``, once more on the live collection if the one held is gone."""
        if time.monotonic() < self._down_until:
            raise StoreUnavailable("the Chroma server did not answer a moment ago")
        held = self._collection
        try:
            return call(held)
        except Exception as exc:
            import httpx
            from chromadb.errors import NotFoundError  # chromadb is loaded by now

            if isinstance(exc, httpx.TransportError):  # hung (timeout) or gone (refused)
                self._down_until = time.monotonic() + DOWN_FOR
                raise StoreUnavailable(
                    f"the Chroma server does not answer ({type(exc).__name__})"
                ) from exc
            if not isinstance(exc, NotFoundError):
                raise
            with _REOPENING:  # searches finding the swap at once re-open it once
                if self._collection is held:
                    log.info("collection %s was replaced; re-opening it", self.name)
                    self._collection = self._open()
                    self.generation += 1
            return call(self._collection)


class ChunkStore(_Reopening):
    """One Chroma collection of chunks with their vectors and metadata."""

    def __init__(
        self, settings: Settings, model_name: str, *, client=None, name: str | None = None
    ) -> None:
        self.settings = settings
        self.model_name = model_name
        self.name = name or settings.chroma_collection
        self._client = client or _client(settings)
        if self.name == settings.chroma_collection:
            _finish_swap(self._client, self.name)
        self._collection = self._open()
        self.sentences = SentenceStore(self._client, self.name + SENTENCES, model_name)

    @classmethod
    def staging(cls, settings: Settings, model_name: str, *, client=None) -> ChunkStore:
        """An empty collection beside the live one, for a rebuild to fill."""
        client = client or _client(settings)
        name = settings.chroma_collection + STAGING
        _drop(client, name)
        _drop(client, name + SENTENCES)
        return cls(settings, model_name, client=client, name=name)

    def promote(self) -> None:
        """Make this complete staging collection the live one, and drop the old.

        Two renames; a process killed between them leaves the old index under
        ``RETIRED`` and this one under ``STAGING``, and the next open finishes
        the swap (``_finish_swap``)."""
        live = self.settings.chroma_collection
        _drop(self._client, live + RETIRED)  # left by a swap killed after its renames
        _drop(self._client, live + RETIRED + SENTENCES)
        _rename(self._client, live, live + RETIRED)
        _rename(self._client, live + SENTENCES, live + RETIRED + SENTENCES)
        self._collection.modify(name=live)
        self.sentences.rename(live + SENTENCES)
        self.name = live
        _drop(self._client, live + RETIRED)
        _drop(self._client, live + RETIRED + SENTENCES)

    def discard(self) -> None:
        """Drop this staging collection: the rebuild that filled it failed."""
        _drop(self._client, self.name)
        _drop(self._client, self.name + SENTENCES)

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

    def count(self) -> int:
        return self._read(lambda c: c.count())

    def files(self) -> tuple[dict[str, IndexedFile], list[str]]:
        """Committed files by source, and the ids of uncommitted (abandoned) chunks."""
        got = self._read(lambda c: c.get(include=["metadatas"]))
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

    def uncommitted(self) -> list[str]:
        """Ids of chunks written but not committed (a file abandoned half-way)."""
        got = self._read(lambda c: c.get(where={"committed": False}, include=[]))
        return list(got["ids"])

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
        got = self._read(
            lambda c: c.get(where=COMMITTED, include=["documents", "metadatas", "embeddings"])
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
        got = self._read(
            lambda c: c.query(
                query_embeddings=np.asarray(vector, dtype=np.float32).reshape(1, -1),
                n_results=n,
                where=where,
                include=["distances"],
            )
        )
        return [
            (i, 1.0 - float(d)) for i, d in zip(got["ids"][0], got["distances"][0], strict=True)
        ]


def _drop(client, name: str) -> None:
    try:
        client.delete_collection(name)
    except Exception:  # already absent
        log.debug("collection %s did not exist", name)


def _names(client) -> set[str]:
    return {getattr(c, "name", c) for c in client.list_collections()}


def _rename(client, old: str, new: str) -> None:
    if old in _names(client):
        client.get_collection(old, embedding_function=None).modify(name=new)


def _finish_swap(client, live: str) -> None:
    """A swap killed between its renames: no live collection, the old one retired.
    The staging one is complete by then (``promote`` renames last), so it goes
    live; with no staging one, the old one comes back."""
    names = _names(client)
    for suffix in ("", SENTENCES):
        if live + suffix in names or live + RETIRED + suffix not in names:
            continue
        back = live + STAGING + suffix
        back = back if back in names else live + RETIRED + suffix
        log.warning("finishing an interrupted index swap: %s becomes %s", back, live + suffix)
        _rename(client, back, live + suffix)


def question_key(question: str) -> str:
    """The ``SentenceStore`` text under which an FAQ entry's question keeps its
    query-side vector, apart from a passage-side one of the same words."""
    return "\x00question\x00" + question


class SentenceStore(_Reopening):
    """Passage-side vectors of answer units and of the passages' content words
    (``Retrieval.word_coverage``), and query-side ones of FAQ entries' questions
    (under ``question_key``), keyed by their text: computed at ingest, so the
    first question on a fresh corpus embeds nothing but itself."""

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

    def rename(self, name: str) -> None:
        self._collection.modify(name=name)
        self.name = name

    def missing(self, texts: Sequence[str]) -> list[str]:
        """Those of ``texts`` without a stored vector, each once, in order."""
        wanted = list(dict.fromkeys(texts))
        if not wanted:
            return []
        known = set()
        for start in range(0, len(wanted), BATCH):
            part = [_key(t) for t in wanted[start : start + BATCH]]
            known.update(self._read(lambda c, part=part: c.get(ids=part, include=[]))["ids"])
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
            part = keys[start : start + BATCH]
            got = self._read(lambda c, part=part: c.get(ids=part, include=["embeddings"]))
            for key, vector in zip(got["ids"], got["embeddings"], strict=True):
                found[by_key[key]] = np.asarray(vector, dtype=np.float32)
        return found


def _key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]
