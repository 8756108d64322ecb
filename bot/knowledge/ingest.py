"""``knowledge/`` -> chunks in Chroma, incrementally.

A file's content hash decides: unchanged files are skipped without loading
the model, changed files are re-chunked and replaced, files gone from the
folder leave the index, and a file that cannot be read is reported with the
reason while everything else goes on. A replaced file's old chunks stay
searchable until its new chunks are all written and committed. A rebuild
checks the model first, fills a collection beside the live one and swaps it
in only when complete: whatever fails, the old index goes on answering.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bot.config import Settings
from bot.core.types import Chunk
from bot.errors import ConfigError, IngestError, ModelUnavailable
from bot.event.agenda import AgendaError, load_agenda
from bot.knowledge.budget import Budget, Limits
from bot.knowledge.chroma import reachable
from bot.knowledge.chunking import chunk_document, file_hash
from bot.knowledge.embeddings import NamedEmbeddings, get_embeddings
from bot.knowledge.loaders import load, supported, unsupported_reason
from bot.knowledge.lock import IndexLock
from bot.knowledge.store import ChunkStore, IndexedFile, question_key
from bot.text.lexicons import background_texts
from bot.text.normalise import content_words
from bot.text.units import embedded_units

log = logging.getLogger(__name__)

EMBED_BATCH = 16
AGENDA_FILE = "agenda.yaml"


@dataclass(frozen=True)
class Failure:
    source: str
    reason: str


@dataclass
class IngestReport:
    """What one ingest run did, file by file."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    # Files in the folder no loader reads (a photo, an old .doc): not failures,
    # the rest is indexed, but the organiser who dropped them there should know.
    unread: list[Failure] = field(default_factory=list)
    chunks: int = 0  # chunks written in this run
    total_chunks: int = 0  # chunks searchable after it
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        return (
            f"added {len(self.added)}, updated {len(self.updated)}, "
            f"unchanged {len(self.unchanged)}, removed {len(self.removed)}, "
            f"failed {len(self.failed)}{self._unread()}; {self.chunks} chunks written, "
            f"{self.total_chunks} in the index; {self.seconds:.1f} s"
        )

    def _unread(self) -> str:
        return f", not read {len(self.unread)}" if self.unread else ""


def files_in(root: Path) -> list[Path]:
    """The files under ``root`` someone put there to be read, in a stable order:
    hidden files and folders and Office lock files (``~$x.docx``) aside."""
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts) or path.name.startswith("~$"):
            continue
        if path.is_file():
            found.append(path)
    return found


def discover(root: Path) -> list[Path]:
    """Documents under ``root`` that a loader can read, in a stable order."""
    return [path for path in files_in(root) if supported(path)]


def unread(files: list[Path], base: Path) -> list[Failure]:
    """The ``files`` (``files_in``) that no loader reads, named under ``base``
    (KNOWLEDGE_DIR), with the reason; the agenda is read, by the agenda."""
    agenda = (base / AGENDA_FILE).resolve()
    return [
        Failure(path.relative_to(base).as_posix(), unsupported_reason(path))
        for path in files
        if not supported(path) and path.resolve() != agenda
    ]


def _scope(base: Path, source: Path | None) -> tuple[Path, str]:
    """The folder to scan and the prefix of the indexed names it owns ("" for
    the whole of KNOWLEDGE_DIR).

    Documents are named by their path under KNOWLEDGE_DIR, whatever folder a
    run scans, so ``--source knowledge/uploads`` refreshes those documents
    beside the rest and the next full ingest sees the same names. A folder
    outside KNOWLEDGE_DIR is refused: the next full ingest would drop it.
    """
    if not base.is_dir():
        raise ConfigError(f"knowledge folder {base} does not exist")
    if source is None:
        return base.resolve(), ""
    root = Path(source).resolve()
    if not root.is_dir():
        raise ConfigError(f"--source {source} is not a folder")
    if not root.is_relative_to(base.resolve()):
        raise ConfigError(
            f"--source {source} is outside KNOWLEDGE_DIR ({base}): copy it into "
            "KNOWLEDGE_DIR first, or the next full ingest would remove it again"
        )
    relative = root.relative_to(base.resolve()).as_posix()
    return root, "" if relative == "." else relative + "/"


class Ingestor:
    """Runs ingest passes against one store; the model is loaded only if needed."""

    def __init__(
        self,
        settings: Settings,
        *,
        store: ChunkStore | None = None,
        embeddings: Callable[[], NamedEmbeddings] | None = None,
    ) -> None:
        self.settings = settings
        self.limits = limits_of(settings)
        self._store = store
        self._embeddings_factory = embeddings or (lambda: get_embeddings(settings.embedding_model))

    @property
    def store(self) -> ChunkStore:
        if self._store is None:
            self._store = ChunkStore(self.settings, self.settings.embedding_model)
        return self._store

    def run(
        self,
        source: Path | None = None,
        *,
        rebuild: bool = False,
        progress: bool = False,
    ) -> IngestReport:
        started = time.perf_counter()
        root, prefix = _scope(Path(self.settings.knowledge_dir), source)
        if rebuild and prefix:
            raise ConfigError("--rebuild indexes the whole KNOWLEDGE_DIR: drop --source")
        with (
            IndexLock(self.settings.data_dir, wait=self.settings.ingest_lock_wait),
            reachable(self.settings),
        ):
            return self._run(root, prefix, started, rebuild=rebuild, progress=progress)

    def _run(
        self, root: Path, prefix: str, started: float, *, rebuild: bool, progress: bool
    ) -> IngestReport:
        if not rebuild:
            return self._pass(root, prefix, started, progress)
        self._check_model()
        live = self._store
        self._store = ChunkStore.staging(self.settings, self.settings.embedding_model)
        try:
            report = self._pass(root, "", started, progress)
        except BaseException:
            staging, self._store = self._store, live
            try:
                staging.discard()
            except Exception:  # the server that failed the pass: the next rebuild drops it
                log.warning("could not drop the staging collection %s", staging.name)
            raise
        self._store.promote()
        return report

    def _check_model(self) -> None:
        """Load the model and embed one text before anything is touched: a model
        that cannot load must not cost the live index."""
        vector = self._embed(["check"])[0]
        if not len(vector) or not all(map(math.isfinite, vector)):
            raise ModelUnavailable(
                f"EMBEDDING_MODEL {self.settings.embedding_model!r} gives no usable vector"
            )

    def _pass(self, root: Path, prefix: str, started: float, progress: bool) -> IngestReport:
        """One incremental pass over ``root``: what changed is (re)written, what
        left the folder leaves the index."""
        store = self.store
        base = Path(self.settings.knowledge_dir).resolve()
        report = IngestReport()
        indexed, leftovers = store.files()
        if leftovers:
            log.info("removing %d chunks left by an interrupted ingest", len(leftovers))
            store.delete(leftovers)
        seen: set[str] = set()
        files = files_in(root)  # one walk of the folder: the documents, and the rest
        for path in _progress([p for p in files if supported(p)], enabled=progress):
            name = path.relative_to(base).as_posix()
            seen.add(name)
            if not path.resolve().is_relative_to(base):  # /etc/passwd is no document
                report.failed.append(Failure(name, "a link to a file outside KNOWLEDGE_DIR"))
                continue
            self._one(path, name, indexed.get(name), report)
        report.unread = unread(files, base)
        if not prefix:
            _check_agenda(root, report)
        self._store_background()
        for name, gone in indexed.items():
            if name.startswith(prefix) and name not in seen:
                store.delete(gone.ids)
                report.removed.append(name)
        report.total_chunks = store.count()
        report.seconds = time.perf_counter() - started
        for failure in report.failed:
            log.warning("skipped %s: %s", failure.source, failure.reason)
        for failure in report.unread:
            log.warning("not read %s: %s", failure.source, failure.reason)
        return report

    def _one(
        self, path: Path, name: str, previous: IndexedFile | None, report: IngestReport
    ) -> None:
        """Index one file unless unchanged; a file that fails keeps its old version."""
        try:
            doc_hash = file_hash(path)
        except OSError as exc:
            report.failed.append(Failure(name, f"cannot read file: {exc.strerror or exc}"))
            return
        if previous is not None and previous.doc_hash == doc_hash:
            report.unchanged.append(name)
            return
        try:
            # The allowance bounds the reading: what a hostile file can blow up.
            # Indexing takes the time the text needs (INGEST_MAX_TEXT_MB bounds
            # it), or a long report would be refused for being long.
            document = load(path, budget=Budget(self.limits))
            chunks = chunk_document(document, source=name, doc_hash=doc_hash)
            self._write(chunks)
        except IngestError as exc:
            # An old good version, if any, stays searchable; a half-written new one goes.
            self.store.delete(self.store.uncommitted())
            report.failed.append(Failure(name, str(exc)))
            return
        if previous is not None:
            self.store.delete(previous.ids)
            report.updated.append(name)
        else:
            report.added.append(name)
        report.chunks += len(chunks)

    def _write(self, chunks: list[Chunk]) -> None:
        """Embed and add one file's chunks, and their answer units' and content
        words' vectors (``Retrieval.word_coverage``) and their FAQ questions' (the
        search matches a question to them), then make the chunks visible all at
        once."""
        self.store.add(chunks, self._embed([c.embed_text for c in chunks]))
        units = [u for c in chunks for u in embedded_units(c.text)]
        words = [w for c in chunks for w in content_words(c.embed_text, c.lang)]
        new = self.store.sentences.missing(units + words)
        if new:
            self.store.sentences.add(new, self._embed(new))
        questions = {question_key(c.heading): c.heading for c in chunks if c.heading}
        asked = self.store.sentences.missing(list(questions))
        if asked:
            texts = [questions[key] for key in asked]
            self.store.sentences.add(asked, self._embed_questions(texts))
        self.store.commit([c.id for c in chunks])

    def _store_background(self) -> None:
        """The search's reference passages embedded now, not at the first question."""
        texts = [t for group in background_texts().values() for t in group]
        new = self.store.sentences.missing(texts)
        if new:
            self.store.sentences.add(new, self._embed(new))

    def _embed_questions(self, texts: list[str]) -> np.ndarray:
        """Query-side vectors, one text at a time (the embeddings' only way)."""
        embeddings = self._embeddings_factory()
        return np.asarray([embeddings.embed_query(text) for text in texts], dtype=np.float32)

    def _embed(self, texts: list[str]) -> np.ndarray:
        """Passage-side vectors as one float32 array: a long document's tens of
        thousands of words and sentences as Python lists of floats would take
        gigabytes."""
        embeddings = self._embeddings_factory()
        batches = [
            np.asarray(embeddings.embed_documents(texts[i : i + EMBED_BATCH]), dtype=np.float32)
            for i in range(0, len(texts), EMBED_BATCH)
        ]
        return np.concatenate(batches) if batches else np.empty((0, 0), dtype=np.float32)


def limits_of(settings: Settings) -> Limits:
    """What one document may cost, from INGEST_MAX_TEXT_MB and INGEST_MAX_SECONDS."""
    return Limits(max_text_mb=settings.ingest_max_text_mb, seconds=settings.ingest_max_seconds)


def _check_agenda(root: Path, report: IngestReport) -> None:
    """agenda.yaml is not indexed as text, but an organiser's typo must surface here."""
    agenda = root / AGENDA_FILE
    if agenda.is_file():
        try:
            load_agenda(agenda)
        except AgendaError as exc:
            report.failed.append(Failure(AGENDA_FILE, str(exc)))


def _progress(paths: list[Path], *, enabled: bool) -> Iterable[Path]:
    """On a terminal (``enabled``), a bar that stays when done; elsewhere (systemd,
    CI, docker logs), a log line at every tenth of the files, so a long run is
    never silent until its summary."""
    if enabled:
        from tqdm import tqdm

        return tqdm(paths, unit="file", desc="ingest", leave=True)
    return _logged(paths)


def _logged(paths: list[Path]) -> Iterator[Path]:
    total = len(paths)
    marks = {max(1, round(total * tenth / 10)) for tenth in range(1, 11)} if total >= 10 else set()
    for done, path in enumerate(paths, start=1):
        yield path
        if done in marks:
            log.info("ingest: %d/%d files (%d%%)", done, total, round(100 * done / total))
