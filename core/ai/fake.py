"""A scriptable ``ChatProvider`` for unit tests, in the spirit of ``llm``'s ``MockModel``.

    fake = FakeProvider()
    fake.enqueue({"score": 80, ...})          # a reply, as JSON
    fake.enqueue("```json\\n{...}\\n```")       # raw text: goes through the same repair and validation
    fake.enqueue(ProviderError("timeout", "slow"))
    scorer.score(item)
    fake.history[0].messages                  # what was sent

An empty queue answers with ``default`` (None: raise ``AssertionError``, so a test notices a surprise call).
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

from core.ai.jsonfix import ReplyError, parse_reply
from core.ai.privacy import ScreenVerdict
from core.ai.provider import ChatReply, Message, ModerationResult, ProviderError, _estimate_tokens
from core.ai.usage import UsageRecord

M = TypeVar("M", bound=BaseModel)
Scripted = str | dict[str, Any] | BaseModel | BaseException | Callable[[Sequence[Message]], Any]


@dataclass(frozen=True)
class FakeCall:
    messages: tuple[dict[str, str], ...]
    schema: type[BaseModel]
    purpose: str
    user_id: str | None

    @property
    def prompt(self) -> str:
        """Every message's content, joined: handy for ``in`` assertions."""
        return "\n".join(m.get("content", "") for m in self.messages)


class FakeProvider:
    """Replies from a queue; records every call in ``history`` and every moderation in ``moderated``."""

    def __init__(
        self, model: str = "fake-model", *, moderation: Callable[[str], ScreenVerdict] | None = None
    ):
        self.model = model
        self.default: Scripted | None = None
        self.history: list[FakeCall] = []
        self.moderated: list[str] = []
        self.moderation = moderation
        self._queue: deque[Scripted] = deque()
        self._lock = threading.Lock()

    def enqueue(self, *replies: Scripted) -> FakeProvider:
        with self._lock:
            self._queue.extend(replies)
        return self

    def complete(
        self, messages: Sequence[Message], *, schema: type[M], purpose: str, user_id: str | None
    ) -> ChatReply[M]:
        with self._lock:
            self.history.append(FakeCall(tuple(dict(m) for m in messages), schema, purpose, user_id))
            scripted = self._queue.popleft() if self._queue else self.default
        if scripted is None:
            raise AssertionError("FakeProvider: no reply enqueued")
        if callable(scripted) and not isinstance(scripted, BaseModel | BaseException):
            scripted = scripted(messages)
        if isinstance(scripted, BaseException):
            raise scripted
        if isinstance(scripted, BaseModel):
            text = scripted.model_dump_json()
        elif isinstance(scripted, dict):
            text = json.dumps(scripted)
        else:
            text = str(scripted)
        tokens_in = _estimate_tokens("".join(m.get("content", "") for m in messages))
        tokens_out = _estimate_tokens(text)

        def usage(outcome: str) -> UsageRecord:
            return UsageRecord(
                purpose=purpose,
                model=self.model,
                outcome=outcome,
                user_id=user_id,
                tokens_in=tokens_in,
                tokens_out=tokens_out,
            )

        try:
            parsed = parse_reply(text, schema)
        except ReplyError as exc:
            raise ProviderError(exc.reason, str(exc), (usage(exc.reason),)) from None
        record = usage("ok")
        return ChatReply(parsed, text, self.model, tokens_in, tokens_out, 0, "json_schema", (record,))

    def moderate(self, text: str, *, user_id: str | None) -> ModerationResult:
        with self._lock:
            self.moderated.append(text)
        if self.moderation is None:
            return ModerationResult(None)
        return ModerationResult(self.moderation(text))
