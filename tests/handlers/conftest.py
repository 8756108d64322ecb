"""End-to-end fixtures: the real Application against a fake Bot API on 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from bot.config import Settings
from bot.services import Services
from bot.tg.app import build_application
from tests.fakes.bot_api import FakeBotAPI


@pytest.fixture
def fake_api():
    api = FakeBotAPI().start()
    yield api
    api.stop()


@pytest.fixture
def bot_settings(settings: Settings, fake_api: FakeBotAPI) -> Settings:
    return settings.updated(
        telegram_bot_token=fake_api.token,
        telegram_api_base_url=fake_api.base_url,
    )


@pytest.fixture
def bot_services(bot_settings: Settings, e5) -> Services:
    services = Services(bot_settings)
    assert services.ingest().ok
    return services


@contextlib.asynccontextmanager
async def running(settings: Settings, services: Services):
    """The Application polling the fake server, stopped cleanly afterwards."""
    application = build_application(settings, services)
    async with application:
        if application.post_init is not None:  # what run_polling does between the two
            await application.post_init(application)
        await application.start()
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, timeout=120))
