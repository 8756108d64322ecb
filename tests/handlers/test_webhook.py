"""Webhook mode: Telegram POSTs updates; only those carrying the secret are processed."""

from __future__ import annotations

import asyncio
import json
import socket
import urllib.error
import urllib.request

import pytest

from bot.tg.app import build_application, webhook_path
from tests.handlers.conftest import run

SECRET = "s3cret-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post(url: str, update: dict, secret: str | None) -> int:
    request = urllib.request.Request(url, data=json.dumps(update).encode(), method="POST")
    request.add_header("Content-Type", "application/json")
    if secret is not None:
        request.add_header("X-Telegram-Bot-Api-Secret-Token", secret)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.parametrize(
    ("webhook_url", "path"),
    [
        ("https://bot.example.invalid/telegram", "/telegram"),
        ("https://bot.example.invalid:8443", "/"),  # no path: Telegram POSTs to the root
        ("https://bot.example.invalid/hooks/terress/", "/hooks/terress"),
    ],
)
def test_webhook_listens_where_telegram_posts_and_checks_the_secret(
    bot_settings, bot_services, fake_api, webhook_url: str, path: str
) -> None:
    port = free_port()

    async def scenario():
        application = build_application(bot_settings, bot_services)
        async with application:
            await application.start()
            await application.updater.start_webhook(
                listen="127.0.0.1",
                port=port,
                url_path=webhook_path(webhook_url),
                secret_token=SECRET,
                webhook_url=webhook_url,
            )
            try:
                (set_webhook,) = await fake_api.expect("setWebhook")
                assert set_webhook.params["secret_token"] == SECRET
                assert set_webhook.params["url"] == webhook_url
                url = f"http://127.0.0.1:{port}{path}"
                update = fake_api.message_update(777, "Combien de jours dure la rencontre ?")
                update["update_id"] = 90001
                assert await asyncio.to_thread(post, url, update, "wrong") == 403
                assert await asyncio.to_thread(post, url, update, None) == 403
                await asyncio.sleep(0.3)
                assert fake_api.sent(chat_id=777) == []
                assert await asyncio.to_thread(post, url, update, SECRET) == 200
                (reply,) = await fake_api.expect("sendMessage", chat_id=777)
                assert "trois jours" in reply.params["text"]
            finally:
                await application.updater.stop()
                await application.stop()

    run(scenario())
