"""A fake OpenAI-compatible chat server on 127.0.0.1, scripted by the test.

It records every request body and answers with the next scripted behaviour:
a reply text, an HTTP status, a delay (to provoke the client's timeout) or a
refusal. Standard library only; stopped by the fixture.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer

from tests.fakes.http import QuietHandler, serve


@dataclass
class Script:
    text: str = "ok [1]"
    status: int = 200
    delay: float = 0.0
    refusal: str | None = None


@dataclass
class FakeOpenAI:
    requests: list[dict] = field(default_factory=list)
    script: Script = field(default_factory=Script)
    server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> FakeOpenAI:
        fake = self

        class Handler(QuietHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(
                    {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
                )
                script = fake.script
                if script.delay:
                    time.sleep(script.delay)
                if script.status != 200:
                    payload = {"error": {"message": "scripted failure", "type": "server_error"}}
                    self.send_json(script.status, payload)
                    return
                message = {"role": "assistant", "content": None if script.refusal else script.text}
                if script.refusal:
                    message["refusal"] = script.refusal
                self.send_json(
                    200,
                    {
                        "id": "chatcmpl-test",
                        "object": "chat.completion",
                        "created": int(time.time()),
                        "model": body.get("model", "fake"),
                        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    },
                )

        self.server = serve(Handler)
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
