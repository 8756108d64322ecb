"""A `chroma run` server that hangs (SIGSTOP) or dies (SIGKILL) under the running
bot: delegates are told, in their language, that search is unavailable for a
moment, within the timeout; a server back answers again without a restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.config import Settings
from bot.errors import StoreUnavailable
from bot.services import Services
from tests.conftest import start_chroma, stop_chroma
from tests.handlers.conftest import run, running

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "Combien de jours dure la rencontre ?"


@pytest.mark.server
def test_a_hung_then_dead_chroma_server(bot_settings: Settings, fake_api, e5, tmp_path) -> None:
    server, port = start_chroma(tmp_path / "chroma")
    try:
        settings = bot_settings.updated(
            chroma_host="127.0.0.1", chroma_port=port, chroma_timeout=1.5
        )
        services = Services(settings)
        assert services.ingest().ok
        assert services.ask(QUESTION).confident

        os.kill(server.pid, signal.SIGSTOP)  # hung: accepts, never answers
        started = time.monotonic()
        with pytest.raises(StoreUnavailable, match="does not answer"):
            services.ask(QUESTION)
        assert time.monotonic() - started < 15  # bounded by CHROMA_TIMEOUT, not forever
        # The next questions are not made to wait the timeout again: told at once.
        with pytest.raises(StoreUnavailable, match="did not answer a moment ago"):
            services.ask(QUESTION)

        async def hung():
            async with running(settings, services):
                fake_api.send(901, QUESTION)
                (reply,) = await fake_api.expect("sendMessage", chat_id=901, timeout=30)
                assert reply.params["text"].startswith("La recherche est indisponible")
                fake_api.send(902, "كم يوما يدوم اللقاء؟")
                (reply,) = await fake_api.expect("sendMessage", chat_id=902, timeout=30)
                assert "البحث غير متاح" in reply.params["text"]

        run(hung())
        os.kill(server.pid, signal.SIGCONT)  # back: answered again, no restart
        deadline = time.monotonic() + 30
        while True:
            try:
                assert services.ask(QUESTION).confident
                break
            except StoreUnavailable:  # left alone a few seconds after the outage
                assert time.monotonic() < deadline
                time.sleep(0.5)

        server.kill()  # dead: refused at once
        server.wait(timeout=10)
        with pytest.raises(StoreUnavailable, match="does not answer"):
            services.ask(QUESTION)
    finally:
        if server.poll() is None:
            os.kill(server.pid, signal.SIGCONT)
            stop_chroma(server)


@pytest.mark.server
def test_an_ingest_against_a_hung_server_is_one_line_and_loses_nothing(
    settings: Settings, e5, tmp_path
) -> None:
    """`ingest.py --rebuild` while the server hangs: one line naming the server,
    exit 2, no traceback; once it answers, the next run indexes everything."""
    server, port = start_chroma(tmp_path / "chroma")
    env = os.environ | {
        "KNOWLEDGE_DIR": str(settings.knowledge_dir),
        "DATA_DIR": str(settings.data_dir),
        "CHROMA_HOST": "127.0.0.1",
        "CHROMA_PORT": str(port),
        "CHROMA_TIMEOUT": "1.5",
        "CHROMA_COLLECTION": settings.chroma_collection,
    }
    served = settings.updated(chroma_host="127.0.0.1", chroma_port=port)

    def ingest(*flags: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(ROOT / "ingest.py"), *flags],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    try:
        assert ingest().returncode == 0
        indexed = set(Services(served).store.files()[0])
        os.kill(server.pid, signal.SIGSTOP)
        hung = ingest("--rebuild")
        assert hung.returncode == 2, hung.stderr
        assert "Traceback" not in hung.stderr
        assert f"Chroma server at 127.0.0.1:{port} does not answer" in hung.stderr
        os.kill(server.pid, signal.SIGCONT)
        again = ingest("--rebuild")
        assert again.returncode == 0, again.stderr
        live = Services(served)
        assert live.ask(QUESTION).confident
        assert set(live.store.files()[0]) == indexed and indexed
    finally:
        os.kill(server.pid, signal.SIGCONT)
        stop_chroma(server)


def test_a_server_that_stops_answering_during_a_write_is_one_error(settings: Settings) -> None:
    import httpx

    from bot.knowledge.chroma import reachable

    served = settings.updated(chroma_host="127.0.0.1", chroma_port=8123)
    with pytest.raises(
        StoreUnavailable,
        match=r"127.0.0.1:8123 does not answer \(ReadTimeout\); the index is as it was",
    ):
        with reachable(served):
            raise httpx.ReadTimeout("timed out")
    with pytest.raises(KeyError):  # anything else is not the server's silence
        with reachable(served):
            raise KeyError("x")
