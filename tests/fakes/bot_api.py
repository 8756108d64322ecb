"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests.

It speaks the subset python-telegram-bot uses here (getMe, getUpdates with
offsets and long polling, sendMessage, editMessageText, answerCallbackQuery,
sendChatAction, setMyCommands, deleteWebhook, setWebhook...), records every
call, and lets a test push updates and script failures (a 400 "can't parse
entities", a 403 for a blocked user, a 429 with retry_after).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any

from tests.fakes.http import QuietHandler, serve

BOT = {
    "id": 4242,
    "is_bot": True,
    "first_name": "Terr'ESS",
    "username": "terress_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    status: int = 200  # what the fake answered


class FakeBotAPI:
    def __init__(self, token: str = "123456:TEST-TOKEN") -> None:
        self.token = token
        self.calls: list[Call] = []
        self.updates: list[dict] = []
        self.failures: list[tuple[Callable[[Call], bool], int, dict]] = []
        self.files: dict[str, bytes] = {}
        self.blocked: set[int] = set()  # chats that answer 403 (the user blocked the bot)
        self.flood_every = 0  # answer every Nth sendMessage with 429 retry_after=1
        self._sends = itertools.count(1)
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(100)
        self._cond = threading.Condition()
        self.server: ThreadingHTTPServer | None = None

    # Server --------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/bot"

    def start(self) -> FakeBotAPI:
        fake = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:  # noqa: N802 - file downloads
                prefix = f"/file/bot{fake.token}/"
                path = urllib.parse.unquote(self.path)
                data = fake.files.get(path[len(prefix) :]) if path.startswith(prefix) else None
                if data is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length).decode()
                ctype = self.headers.get("Content-Type", "")
                params: dict[str, Any] = {}
                if "json" in ctype and raw:
                    params = json.loads(raw)
                elif raw:
                    for key, values in urllib.parse.parse_qs(raw, keep_blank_values=True).items():
                        value = values[-1]
                        try:
                            params[key] = json.loads(value)
                        except ValueError:
                            params[key] = value
                method = self.path.rsplit("/", 1)[-1]
                if not self.path.startswith(f"/bot{fake.token}/"):
                    self.send_json(
                        401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
                    )
                    return
                self.send_json(*fake.handle(method, params))

        self.server = serve(Handler)
        return self

    def stop(self) -> None:
        with self._cond:
            self._cond.notify_all()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    # Bot API -------------------------------------------------------------------

    def handle(self, method: str, params: dict) -> tuple[int, dict]:
        call = Call(method, params)
        status, payload = self._answer(call)
        call.status = status
        return status, payload

    def _answer(self, call: Call) -> tuple[int, dict]:
        method, params = call.method, call.params
        if method != "getUpdates":
            with self._cond:
                self.calls.append(call)
                self._cond.notify_all()
        for i, (match, status, payload) in enumerate(list(self.failures)):
            if match(call):
                del self.failures[i]
                return status, payload
        if method == "sendMessage":
            if int(params.get("chat_id", 0)) in self.blocked:
                return 403, {
                    "ok": False,
                    "error_code": 403,
                    "description": "Forbidden: bot was blocked by the user",
                }
            if self.flood_every and next(self._sends) % self.flood_every == 0:
                return 429, {
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests: retry after 1",
                    "parameters": {"retry_after": 1},
                }
        if method == "getMe":
            return 200, {"ok": True, "result": BOT}
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._get_updates(params)}
        if method in ("sendMessage", "editMessageText"):
            chat_id = params.get("chat_id")
            message = {
                "message_id": params.get("message_id") or next(self._message_ids),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private" if int(chat_id) > 0 else "group"},
                "from": BOT,
                "text": params.get("text", ""),
            }
            return 200, {"ok": True, "result": message}
        if method == "getFile":
            file_id = params.get("file_id")
            path = f"documents/{file_id}"
            if path not in self.files:
                return 400, {
                    "ok": False,
                    "error_code": 400,
                    "description": "Bad Request: invalid file_id",
                }
            return 200, {
                "ok": True,
                "result": {
                    "file_id": file_id,
                    "file_unique_id": file_id,
                    "file_size": len(self.files[path]),
                    "file_path": path,
                },
            }
        if method == "getWebhookInfo":
            return 200, {
                "ok": True,
                "result": {"url": "", "has_custom_certificate": False, "pending_update_count": 0},
            }
        return 200, {"ok": True, "result": True}

    def _get_updates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 0.5)
        deadline = time.monotonic() + timeout
        with self._cond:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            while not self.updates and time.monotonic() < deadline:
                self._cond.wait(deadline - time.monotonic())
            return list(self.updates)

    # Test helpers ----------------------------------------------------------------

    def fail_next(
        self, match: Callable[[Call], bool], status: int, description: str, **extra
    ) -> None:
        payload = {"ok": False, "error_code": status, "description": description}
        if extra:
            payload["parameters"] = extra
        self.failures.append((match, status, payload))

    def _push(self, update: dict) -> dict:
        update["update_id"] = next(self._update_ids)
        with self._cond:
            self.updates.append(update)
            self._cond.notify_all()
        return update

    @staticmethod
    def user(user_id: int, *, lang: str = "fr", name: str = "Delegate") -> dict:
        return {"id": user_id, "is_bot": False, "first_name": name, "language_code": lang}

    def message_update(
        self,
        chat_id: int,
        text: str | None = None,
        *,
        user: dict | None = None,
        chat_type: str = "private",
        reply_to: dict | None = None,
        extra: dict | None = None,
    ) -> dict:
        user = user or self.user(chat_id)
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {
                "id": chat_id,
                "type": chat_type,
                **(
                    {"title": "Group"}
                    if chat_type != "private"
                    else {"first_name": user["first_name"]}
                ),
            },
            "from": user,
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                command = text.split()[0]
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        message.update(extra or {})
        return {"message": message}

    def send_document(
        self, chat_id: int, name: str, data: bytes, *, user: dict | None = None
    ) -> dict:
        file_id = f"f{len(self.files) + 1}"
        self.files[f"documents/{file_id}"] = data
        document = {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_name": name,
            "file_size": len(data),
        }
        return self.send(chat_id, None, user=user, extra={"document": document})

    def send(self, chat_id: int, text: str | None = None, **kwargs) -> dict:
        return self._push(self.message_update(chat_id, text, **kwargs))

    def edit(self, chat_id: int, text: str, **kwargs) -> dict:
        """The user edits a message they sent: an ``edited_message`` update."""
        message = self.message_update(chat_id, text, **kwargs)["message"]
        message["edit_date"] = int(time.time())
        return self._push({"edited_message": message})

    def send_anonymous(self, chat_id: int, text: str) -> dict:
        """A group message with no ``from``: an anonymous admin, posting as the group."""
        message = self.message_update(chat_id, text, chat_type="supergroup")["message"]
        del message["from"]
        message["sender_chat"] = {"id": chat_id, "type": "supergroup", "title": "Group"}
        return self._push({"message": message})

    def press(
        self, chat_id: int, data: str, *, user: dict | None = None, message_id: int = 1
    ) -> dict:
        user = user or self.user(chat_id)
        return self._push(
            {
                "callback_query": {
                    "id": str(next(self._message_ids)),
                    "from": user,
                    "chat_instance": str(chat_id),
                    "data": data,
                    "message": {
                        "message_id": message_id,
                        "date": int(time.time()),
                        "chat": {"id": chat_id, "type": "private"},
                        "from": BOT,
                        "text": "…",
                    },
                }
            }
        )

    def sent(self, method: str = "sendMessage", chat_id: int | None = None) -> list[Call]:
        with self._cond:
            return [
                c
                for c in self.calls
                if c.method == method
                and (chat_id is None or int(c.params.get("chat_id", 0)) == chat_id)
            ]

    async def expect(
        self,
        method: str,
        *,
        chat_id: int | None = None,
        count: int = 1,
        where: Callable[[Call], bool] = lambda c: True,
        timeout: float = 20.0,
    ) -> list[Call]:
        """Wait (bounded) until ``count`` matching calls were made; return them."""
        deadline = time.monotonic() + timeout
        while True:
            found = [c for c in self.sent(method, chat_id) if where(c)]
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"expected {count} {method} call(s), got {len(found)}: {self.calls[-5:]}"
                )
            await asyncio.sleep(0.02)
