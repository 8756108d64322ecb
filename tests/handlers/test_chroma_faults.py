"""A `chroma run` server that hangs (SIGSTOP) or dies (SIGKILL) under the running
bot: delegates are told, in their language, that search is unavailable for a
moment, within the timeout; a server back answers again without a restart."""

from __future__ import annotations

import os
import signal
import time

import pytest

from bot.config import Settings
from bot.errors import StoreUnavailable
from bot.services import Services
from tests.conftest import start_chroma, stop_chroma
from tests.handlers.conftest import run, running

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
