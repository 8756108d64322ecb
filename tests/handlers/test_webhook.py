"""Webhook mode: Telegram POSTs updates; only those carrying the secret are processed."""

from __future__ import annotations

import asyncio
import json
import socket
import urllib.error
import urllib.request

from bot.tg.app import build_application
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


def test_webhook_checks_the_secret_and_answers(bot_settings, bot_services, fake_api) -> None:
    port = free_port()

    async def scenario():
        application = build_application(bot_settings, bot_services)
        async with application:
            await application.start()
            await application.updater.start_webhook(
                listen="127.0.0.1",
                port=port,
                url_path="telegram",
                secret_token=SECRET,
                webhook_url="https://bot.example.invalid/telegram",
            )
            try:
                (set_webhook,) = await fake_api.expect("setWebhook")
                assert set_webhook.params["secret_token"] == SECRET
                url = f"http://127.0.0.1:{port}/telegram"
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
