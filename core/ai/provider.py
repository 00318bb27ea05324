"""The AI provider seam: a ``ChatProvider`` protocol and its OpenAI-compatible implementation.

``OpenAICompatibleProvider`` talks to any server that speaks the chat-completions API (OpenAI, Azure
OpenAI's v1 endpoint, vLLM, Ollama, llama.cpp server) through the ``openai`` client, with the client's own
retries off and ours on: bounded, exponential backoff with jitter, only for transient failures (timeouts,
connection errors, 408/409/429, 5xx). Structured output degrades by what the server accepts: ``json_schema``
(the client's ``parse`` with a pydantic model), then ``json_object``, then plain text, each reply validated
and, when needed, repaired (``core.ai.jsonfix``). Every HTTP request becomes one ``UsageRecord``.
"""

from __future__ import annotations

import contextlib
import json
import math
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

import openai
from pydantic import BaseModel, ValidationError

from core.ai.breaker import CircuitBreaker
from core.ai.jsonfix import ReplyError, parse_reply, validate_reply
from core.ai.privacy import ScreenVerdict
from core.ai.usage import UsageRecord, estimate_cost
from core.settings import Settings

M = TypeVar("M", bound=BaseModel)
Message = Mapping[str, str]

MODES: tuple[str, ...] = ("json_schema", "json_object", "text")
TRANSIENT_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class ChatReply(Generic[M]):
    """A validated structured reply and what it cost."""

    parsed: M
    text: str
    model: str
    tokens_in: int
    tokens_out: int
    latency_ms: int
    mode: str  # the structured-output mode that worked
    usage: tuple[UsageRecord, ...]  # every request made for this reply, retries included


class ProviderError(Exception):
    """No usable reply. ``reason`` is short and stable (stored as the fallback reason and usage outcome):
    ``timeout``, ``connection_error``, ``http_<status>``, ``truncated``, ``content_filter``,
    ``invalid_json``, ``schema_mismatch``, ``error``.
    """

    def __init__(self, reason: str, message: str, usage: Sequence[UsageRecord] = ()) -> None:
        super().__init__(message)
        self.reason = reason
        self.usage = tuple(usage)


@dataclass(frozen=True)
class ModerationResult:
    """The provider's verdict (None when it has no moderation endpoint or it failed) and its usage."""

    verdict: ScreenVerdict | None
    usage: tuple[UsageRecord, ...] = ()


class ChatProvider(Protocol):
    """Something that answers chat messages with JSON validated as a pydantic model."""

    model: str

    def complete(
        self, messages: Sequence[Message], *, schema: type[M], purpose: str, user_id: str | None
    ) -> ChatReply[M]:
        """A validated reply, or ``ProviderError`` (carrying the usage of every attempt)."""
        ...

    def moderate(self, text: str, *, user_id: str | None) -> ModerationResult: ...


def _estimate_tokens(text: str) -> int:
    return max(1, math.ceil(len(text) / 4))


def _status_reason(exc: openai.APIStatusError) -> str:
    return f"http_{exc.status_code}"


class OpenAICompatibleProvider:
    """``ChatProvider`` over the ``openai`` client; thread-safe (one client shared by worker threads)."""

    def __init__(
        self,
        *,
        model: str,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout_s: float = 30.0,
        max_retries: int = 2,
        prices: Mapping[str, tuple[float, float]] | None = None,
        backoff_s: float = 0.5,
        backoff_cap_s: float = 4.0,
        moderation: bool | None = None,
        sleep: Callable[[float], None] = time.sleep,
        client: openai.OpenAI | None = None,
        breaker: CircuitBreaker | None = None,
    ) -> None:
        self.model = model
        self.base_url = base_url
        self.max_retries = max(0, int(max_retries))
        self.prices = dict(prices or {})
        self.backoff_s = backoff_s
        self.backoff_cap_s = backoff_cap_s
        self.sleep = sleep
        # Local servers ignore the key, but the client refuses to start without one.
        self.client = client or openai.OpenAI(
            base_url=base_url, api_key=api_key or "not-needed", timeout=timeout_s, max_retries=0
        )
        # NOTE: both flags are written by worker threads; a plain attribute store is atomic and the worst
        # race is one extra request in the old mode, so no lock.
        self.mode = MODES[0]
        self.moderation_available = moderation  # None: try once, then remember
        self.breaker = breaker or CircuitBreaker()

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: Any) -> OpenAICompatibleProvider:
        options: dict[str, Any] = {
            "model": settings.openai_model,
            "base_url": settings.openai_base_url,
            "api_key": settings.openai_api_key,
            "timeout_s": settings.ai_timeout_s,
            "max_retries": settings.ai_max_retries,
            "prices": settings.ai_prices,
        }
        options.update(overrides)
        return cls(**options)

    # ---- chat -------------------------------------------------------------------------------------

    def complete(
        self, messages: Sequence[Message], *, schema: type[M], purpose: str, user_id: str | None
    ) -> ChatReply[M]:
        if not self.breaker.allow():
            raise ProviderError("circuit_open", "the AI server failed repeatedly; not calling it for a while")
        try:
            reply = self._complete(messages, schema=schema, purpose=purpose, user_id=user_id)
        except ProviderError as exc:
            self.breaker.record(exc.reason)
            raise
        self.breaker.record(None)
        return reply

    def _complete(
        self, messages: Sequence[Message], *, schema: type[M], purpose: str, user_id: str | None
    ) -> ChatReply[M]:
        usage: list[UsageRecord] = []
        mode = self.mode
        retries = 0
        prompt_chars = sum(len(m.get("content", "")) for m in messages)

        def note(outcome: str, started: float, detail: str | None = None, body: Any = None) -> UsageRecord:
            tokens_in, tokens_out, model = _usage_of(body, prompt_chars, self.model)
            record = UsageRecord(
                purpose=purpose,
                model=model,
                outcome=outcome,
                user_id=user_id,
                tokens_in=tokens_in,
                tokens_out=tokens_out,
                cost_usd=estimate_cost(model, tokens_in, tokens_out, self.prices),
                latency_ms=round((time.perf_counter() - started) * 1000),
                detail=detail,
            )
            usage.append(record)
            return record

        while True:
            started = time.perf_counter()
            try:
                body, parsed = self._request(mode, messages, schema)
            except openai.APIStatusError as exc:
                if exc.status_code in (400, 422) and mode != MODES[-1]:
                    note(
                        _status_reason(exc), started, f"{mode} response_format rejected; trying the next mode"
                    )
                    mode = MODES[MODES.index(mode) + 1]
                    continue
                reason = _status_reason(exc)
                note(reason, started, str(exc)[:300])
                if exc.status_code in TRANSIENT_STATUS and retries < self.max_retries:
                    retries += 1
                    self._backoff(retries, exc)
                    continue
                raise ProviderError(reason, f"the AI server answered HTTP {exc.status_code}", usage) from None
            except openai.APIConnectionError as exc:
                reason = "timeout" if isinstance(exc, openai.APITimeoutError) else "connection_error"
                note(reason, started, str(exc)[:300])
                if retries < self.max_retries:
                    retries += 1
                    self._backoff(retries, None)
                    continue
                what = "did not answer in time" if reason == "timeout" else "could not be reached"
                raise ProviderError(reason, f"the AI server {what}", usage) from None
            except openai.OpenAIError as exc:
                note("error", started, f"{type(exc).__name__}: {exc}"[:300])
                raise ProviderError("error", f"the AI client failed: {type(exc).__name__}", usage) from None

            choice = (body.get("choices") or [{}])[0] if isinstance(body, dict) else {}
            message = choice.get("message") or {}
            text = str(message.get("content") or "")
            finish = "content_filter" if message.get("refusal") and not text else choice.get("finish_reason")
            if finish in ("length", "content_filter"):
                reason = "truncated" if finish == "length" else "content_filter"
                note(reason, started, f"finish_reason={finish}", body)
                raise ProviderError(reason, f"the AI reply was cut off or refused ({finish})", usage)
            try:
                result = parsed if parsed is not None else parse_reply(text, schema)
            except ReplyError as exc:
                note(exc.reason, started, str(exc)[:300], body)
                raise ProviderError(exc.reason, str(exc), usage) from None
            record = note("ok", started, None if mode == MODES[0] else f"mode={mode}", body)
            self.mode = mode  # remember a downgrade that worked
            return ChatReply(
                result,
                text,
                record.model,
                record.tokens_in,
                record.tokens_out,
                record.latency_ms,
                mode,
                tuple(usage),
            )

    def _request(self, mode: str, messages: Sequence[Message], schema: type[M]) -> tuple[Any, M | None]:
        """One HTTP request: (the reply's JSON body, the client-parsed model when ``parse`` managed)."""
        raw: Any
        common: dict[str, Any] = {"model": self.model, "messages": [dict(m) for m in messages]}
        if mode == "json_schema":
            raw = self.client.chat.completions.with_raw_response.parse(response_format=schema, **common)
        elif mode == "json_object":
            raw = self.client.chat.completions.with_raw_response.create(
                response_format={"type": "json_object"}, **common
            )
        else:
            raw = self.client.chat.completions.with_raw_response.create(**common)
        try:
            body = raw.http_response.json()
        except ValueError:
            body = {"choices": [{"message": {"content": raw.http_response.text}, "finish_reason": "stop"}]}
        parsed: M | None = None
        if mode == "json_schema":
            try:
                message = raw.parse().choices[0].message
                if message.parsed is not None:
                    parsed = validate_reply(message.parsed.model_dump(), schema)
            except (ValidationError, ReplyError, ValueError, openai.OpenAIError, IndexError, AttributeError):
                parsed = None  # fenced/prose/invalid content, truncation: handled on the raw text
        return body, parsed

    def _backoff(self, attempt: int, exc: openai.APIStatusError | None) -> None:
        delay = min(self.backoff_cap_s, self.backoff_s * 2 ** (attempt - 1)) * (0.5 + random.random() / 2)
        if exc is not None:
            with contextlib.suppress(ValueError):
                delay = max(delay, min(self.backoff_cap_s, float(exc.response.headers.get("retry-after", 0))))
        self.sleep(delay)

    # ---- moderation -------------------------------------------------------------------------------

    def moderate(self, text: str, *, user_id: str | None) -> ModerationResult:
        """The provider's moderation verdict, when it has a ``/moderations`` endpoint (OpenAI does)."""
        if self.moderation_available is False or not text.strip():
            return ModerationResult(None)
        started = time.perf_counter()

        def record(outcome: str, detail: str | None = None, model: str = "moderation") -> UsageRecord:
            return UsageRecord(
                purpose="moderate",
                model=model,
                outcome=outcome,
                user_id=user_id,
                latency_ms=round((time.perf_counter() - started) * 1000),
                detail=detail,
            )

        try:
            response = self.client.moderations.create(input=text[:20_000])
        except openai.APIStatusError as exc:
            if exc.status_code in (400, 404, 405, 422, 501):
                self.moderation_available = False  # e.g. Ollama, vLLM, llama.cpp: local screen only
            return ModerationResult(None, (record(_status_reason(exc), "moderation unavailable"),))
        except openai.OpenAIError as exc:
            return ModerationResult(None, (record("error", type(exc).__name__),))
        self.moderation_available = True
        results = getattr(response, "results", None) or []
        if not results:
            return ModerationResult(None, (record("invalid_json", "no results"),))
        first = results[0]
        categories = getattr(first, "categories", None)
        raw = categories.model_dump() if isinstance(categories, BaseModel) else dict(categories or {})
        names = tuple(sorted(str(k) for k, v in raw.items() if v is True))
        verdict = ScreenVerdict(bool(getattr(first, "flagged", False)), names, "provider")
        return ModerationResult(verdict, (record("ok", model=str(getattr(response, "model", "moderation"))),))


def _usage_of(body: Any, prompt_chars: int, default_model: str) -> tuple[int, int, str]:
    """(tokens in, tokens out, model) from a reply body; estimated at 4 characters a token when absent."""
    if not isinstance(body, dict):
        return 0, 0, default_model
    usage = body.get("usage") or {}
    model = str(body.get("model") or default_model)
    try:
        tokens_in = int(usage.get("prompt_tokens") or 0)
        tokens_out = int(usage.get("completion_tokens") or 0)
    except (TypeError, ValueError):
        tokens_in = tokens_out = 0
    if not tokens_in and not tokens_out:
        choices = body.get("choices") or [{}]
        content = str(((choices[0] or {}).get("message") or {}).get("content") or "")
        tokens_in, tokens_out = _estimate_tokens("x" * prompt_chars), _estimate_tokens(content)
    return tokens_in, tokens_out, model


def schema_json(schema: type[BaseModel]) -> str:
    """A compact JSON schema of a reply model, for prompts to servers without ``json_schema`` support."""
    return json.dumps(schema.model_json_schema(), separators=(",", ":"))
