"""The Chroma client, embedded or a `chroma run` server, and what a server
that does not answer becomes: one clear error, never a hang or an httpx
traceback."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from bot.config import Settings
from bot.errors import StoreUnavailable

log = logging.getLogger(__name__)


def client(settings: Settings):
    """The configured client: a server's, with every call bounded by ``CHROMA_TIMEOUT``."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        _heartbeat(settings)
    try:
        if settings.chroma_host:
            made = chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
            _bound(made, settings.chroma_timeout)
            return made
        settings.chroma_path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)
    except Exception as exc:
        where = (
            f"Chroma server {settings.chroma_host}:{settings.chroma_port}"
            if settings.chroma_host
            else f"embedded Chroma in {settings.chroma_path}"
        )
        raise StoreUnavailable(f"cannot open {where}: {exc}") from exc


def _heartbeat(settings: Settings) -> None:
    """Ask the server for a heartbeat, within ``CHROMA_TIMEOUT``, before chromadb's
    HttpClient does: its constructor asks who we are on a session that has no
    timeout yet (``_bound`` sets it afterwards), so a hung server would hang
    the bot's start or an ingest for good."""
    import httpx

    url = f"http://{settings.chroma_host}:{settings.chroma_port}/api/v2/heartbeat"
    try:
        httpx.get(url, timeout=settings.chroma_timeout).raise_for_status()
    except httpx.HTTPError as exc:
        raise _silent(settings, exc) from exc


def _silent(settings: Settings, exc: Exception, then: str = "") -> StoreUnavailable:
    where = f"{settings.chroma_host}:{settings.chroma_port}"
    return StoreUnavailable(
        f"the Chroma server at {where} does not answer ({type(exc).__name__}){then}; "
        "try again when it answers (is `chroma run` up, are CHROMA_HOST and CHROMA_PORT right?)"
    )


def _bound(client, seconds: float) -> None:
    """Give the HTTP client a timeout: chromadb 1.5 builds its httpx session with
    none and offers no setting for it (chroma-core/chroma#5805), so a hung server
    would hold every search. Found by attribute; if a release moves it, say so."""
    import httpx

    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = httpx.Timeout(seconds)
    else:
        log.warning("cannot set a timeout on this chromadb client: a hung server will hang")


@contextmanager
def reachable(settings: Settings) -> Iterator[None]:
    """A Chroma server that hangs or goes away during a write is one clear
    error, not an httpx traceback. Nothing is lost by it: chunks written but not
    committed are removed by the next ingest, a rebuild's staging collection by
    the next rebuild, and the live index stays as it was."""
    try:
        yield
    except Exception as exc:
        import httpx

        if not isinstance(exc, httpx.TransportError):
            raise
        raise _silent(settings, exc, "; the index is as it was") from exc
