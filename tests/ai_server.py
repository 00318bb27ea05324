"""A small OpenAI-compatible HTTP server for tests and benchmarks, scriptable per test.

    with AIServer() as server:
        server.enqueue(status(429), reply(GOOD))     # first request: 429, second: a good reply
        provider = OpenAICompatibleProvider(base_url=server.base_url, model="m", ...)
        ...
        server.chat_requests[0]["messages"]         # what the client sent

Serves ``POST /v1/chat/completions`` (a queue of behaviours, then ``default``) and ``POST /v1/moderations``.
Server-wide switches model what a kind of server supports: ``reject_json_schema`` / ``reject_json_object``
answer 400 to those response formats (as older llama.cpp and some vLLM models do), ``moderation_status``
404 models a server without a moderation endpoint, ``latency_s`` delays every chat reply.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Respond = Callable[[dict[str, Any]], str]


@dataclass(frozen=True)
class Behaviour:
    """How to answer one chat request."""

    status: int = 200
    content: str | None = None  # the assistant message content
    respond: Respond | None = None  # or: compute the content from the request body
    delay_s: float = 0.0
    finish_reason: str = "stop"
    headers: dict[str, str] = field(default_factory=dict)
    usage: tuple[int, int] | None = (120, 60)  # (prompt, completion) tokens; None = no usage block
    raw: bytes | None = None  # a body that is not JSON at all
    model: str | None = None  # the "model" field of the reply (default: the model asked for)
    refusal: str | None = None  # a structured-output refusal (content is then null)


def reply(data: Any, **options: Any) -> Behaviour:
    """A 200 reply whose content is ``data`` as JSON (or as it is, when a string)."""
    return Behaviour(content=data if isinstance(data, str) else json.dumps(data), **options)


def fenced(data: Any, **options: Any) -> Behaviour:
    return Behaviour(content=f"Here you go:\n```json\n{json.dumps(data, indent=2)}\n```\n", **options)


def prose(data: Any, **options: Any) -> Behaviour:
    text = f"Sure! I assessed the answer carefully. {json.dumps(data)} Let me know if you need more."
    return Behaviour(content=text, **options)


def invalid(**options: Any) -> Behaviour:
    return Behaviour(content='{"score": 80, "breakdown": {"dimensions": oops not json', **options)


def status(code: int, *, retry_after: float | None = None, **options: Any) -> Behaviour:
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    return Behaviour(status=code, headers=headers, **options)


def slow(seconds: float, then: Behaviour | None = None) -> Behaviour:
    base = then or Behaviour(content="{}")
    return Behaviour(**{**base.__dict__, "delay_s": seconds})


def truncated(data: Any) -> Behaviour:
    text = json.dumps(data)
    return Behaviour(content=text[: len(text) // 2], finish_reason="length")


def completion(
    content: str | None,
    model: str,
    finish_reason: str = "stop",
    usage: tuple[int, int] | None = None,
    refusal: str | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [
            {
                "index": 0,
                "finish_reason": finish_reason,
                "message": {"role": "assistant", "content": content, "refusal": refusal},
            }
        ],
    }
    if usage is not None:
        body["usage"] = {"prompt_tokens": usage[0], "completion_tokens": usage[1], "total_tokens": sum(usage)}
    return body


class AIServer:
    """The server; use as a context manager (binds 127.0.0.1 on a free port, serves from a thread)."""

    def __init__(self) -> None:
        self.default: Behaviour | None = None  # None: 500 with a message saying nothing was scripted
        self.latency_s = 0.0
        self.reject_json_schema = False
        self.reject_json_object = False
        self.moderation_status = 200
        self.moderation_flag: Callable[[str], bool] = lambda text: False
        self.requests: list[dict[str, Any]] = []  # {"path", "body", "headers"}
        self._queue: deque[Behaviour] = deque()
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ---- scripting ---------------------------------------------------------------------------------

    def enqueue(self, *behaviours: Behaviour) -> AIServer:
        with self._lock:
            self._queue.extend(behaviours)
        return self

    @property
    def base_url(self) -> str:
        assert self._httpd is not None, "start the server first"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    @property
    def chat_requests(self) -> list[dict[str, Any]]:
        with self._lock:
            return [r["body"] for r in self.requests if r["path"].endswith("/chat/completions")]

    @property
    def moderation_requests(self) -> list[dict[str, Any]]:
        with self._lock:
            return [r["body"] for r in self.requests if r["path"].endswith("/moderations")]

    def sent_text(self) -> str:
        """Everything the server received (chat messages and moderation inputs), as one string."""
        parts: list[str] = []
        for body in self.chat_requests:
            parts += [str(m.get("content", "")) for m in body.get("messages", [])]
        for body in self.moderation_requests:
            parts.append(json.dumps(body.get("input")))
        return "\n".join(parts)

    # ---- lifecycle ---------------------------------------------------------------------------------

    def __enter__(self) -> AIServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {"_raw": raw.decode("utf-8", "replace")}
                with server._lock:
                    server.requests.append({"path": self.path, "body": body, "headers": dict(self.headers)})
                if self.path.endswith("/chat/completions"):
                    server._chat(self, body)
                elif self.path.endswith("/moderations"):
                    server._moderate(self, body)
                else:
                    server._send(self, 404, {"error": {"message": "not found"}})

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="ai-test-server",
            daemon=True,
        )
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._httpd is not None
        self._httpd.shutdown()
        self._httpd.server_close()

    # ---- handlers ----------------------------------------------------------------------------------

    @staticmethod
    def _send(
        handler: BaseHTTPRequestHandler,
        code: int,
        body: Any,
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
    ) -> None:
        data = raw if raw is not None else json.dumps(body).encode()
        try:
            handler.send_response(code)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout tests)

    def _chat(self, handler: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        fmt = (body.get("response_format") or {}).get("type")
        if (fmt == "json_schema" and self.reject_json_schema) or (
            fmt == "json_object" and self.reject_json_object
        ):
            self._send(
                handler,
                400,
                {
                    "error": {
                        "message": f"response_format {fmt} is not supported",
                        "type": "invalid_request_error",
                    }
                },
            )
            return
        with self._lock:
            behaviour = self._queue.popleft() if self._queue else self.default
        if behaviour is None:
            self._send(handler, 500, {"error": {"message": "the test server has nothing scripted"}})
            return
        delay = behaviour.delay_s + self.latency_s
        if delay:
            time.sleep(delay)
        if behaviour.status != 200:
            error = {"error": {"message": f"scripted status {behaviour.status}", "type": "server_error"}}
            self._send(handler, behaviour.status, error, behaviour.headers)
            return
        content = behaviour.respond(body) if behaviour.respond else (behaviour.content or "")
        model = behaviour.model or str(body.get("model") or "test-model")
        if behaviour.refusal:
            reply_body = completion(None, model, behaviour.finish_reason, behaviour.usage, behaviour.refusal)
        else:
            reply_body = completion(content, model, behaviour.finish_reason, behaviour.usage)
        self._send(handler, 200, reply_body, behaviour.headers, behaviour.raw)

    def _moderate(self, handler: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        if self.moderation_status != 200:
            self._send(handler, self.moderation_status, {"error": {"message": "no moderation here"}})
            return
        inputs = body.get("input")
        texts = inputs if isinstance(inputs, list) else [inputs]
        results = []
        for text in texts:
            flagged = bool(self.moderation_flag(str(text)))
            categories = {"harassment": flagged, "violence": False, "self-harm": False, "hate": False}
            results.append(
                {
                    "flagged": flagged,
                    "categories": categories,
                    "category_scores": {k: 0.9 if v else 0.01 for k, v in categories.items()},
                }
            )
        self._send(handler, 200, {"id": "modr-test", "model": "omni-moderation-test", "results": results})


def closed_port_url() -> str:
    """A base URL where nothing listens (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


@contextmanager
def running(**settings: Any) -> Iterator[AIServer]:
    """An ``AIServer`` with attributes set from keyword arguments, e.g. ``running(latency_s=0.3)``."""
    with AIServer() as server:
        for name, value in settings.items():
            setattr(server, name, value)
        yield server
