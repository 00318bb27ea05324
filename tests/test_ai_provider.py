"""The real openai client against our local OpenAI-compatible server: modes, retries, failures, usage."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from core.ai.prompts import ScoreReply
from core.ai.provider import OpenAICompatibleProvider, ProviderError
from core.scoring.base import DIMENSIONS
from tests.ai_server import (
    AIServer,
    Behaviour,
    closed_port_url,
    fenced,
    invalid,
    prose,
    reply,
    slow,
    status,
    truncated,
)

GOOD = {
    "score": 78,
    "breakdown": {
        "dimensions": {name: {"score": 78, "notes": "fine"} for name in DIMENSIONS},
        "criteria": [{"name": "Result", "score": 70, "notes": "quantified"}],
    },
    "feedback": "Quantify the outcome.",
    "strengths": ["clear"],
    "improvements": ["numbers"],
    "suggestion": "A stronger answer.",
}
MESSAGES = [{"role": "system", "content": "Reply in JSON."}, {"role": "user", "content": "Score it."}]


@pytest.fixture
def server() -> Iterator[AIServer]:
    with AIServer() as running:
        yield running


def provider(url: str, **options: Any) -> OpenAICompatibleProvider:
    options.setdefault("timeout_s", 2.0)
    options.setdefault("max_retries", 2)
    options.setdefault("backoff_s", 0.001)
    return OpenAICompatibleProvider(model="test-model", base_url=url, **options)


def complete(p: OpenAICompatibleProvider, user_id: str | None = "u1") -> Any:
    return p.complete(MESSAGES, schema=ScoreReply, purpose="score", user_id=user_id)


def test_parse_sends_a_strict_json_schema_and_returns_the_model(server: AIServer) -> None:
    server.enqueue(reply(GOOD, usage=(300, 120)))
    p = provider(server.base_url, prices={"test-model": (1.0, 2.0)})
    result = complete(p)
    assert result.parsed.score == 78 and result.mode == "json_schema"
    sent = server.chat_requests[0]
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["strict"] is True
    assert sent["model"] == "test-model" and sent["messages"] == MESSAGES
    [record] = result.usage
    assert (record.outcome, record.tokens_in, record.tokens_out, record.user_id) == ("ok", 300, 120, "u1")
    assert record.cost_usd == pytest.approx(300 * 1.0 / 1e6 + 120 * 2.0 / 1e6)


@pytest.mark.parametrize("behaviour", [fenced(GOOD), prose(GOOD)], ids=["code-fence", "prose"])
def test_json_in_a_fence_or_prose_is_repaired(server: AIServer, behaviour: Any) -> None:
    server.enqueue(behaviour)
    assert complete(provider(server.base_url)).parsed.feedback == "Quantify the outcome."


@pytest.mark.parametrize(
    ("behaviour", "reason"),
    [
        (invalid(), "invalid_json"),
        (reply({"score": 80, "breakdown": {"dimensions": {}}, "feedback": "x"}), "schema_mismatch"),
        (truncated(GOOD), "truncated"),
        (Behaviour(refusal="I can't help with that."), "content_filter"),
    ],
    ids=["invalid", "schema-violating", "finish-length", "refusal"],
)
def test_unusable_replies_fail_without_retrying(server: AIServer, behaviour: Any, reason: str) -> None:
    server.enqueue(behaviour)
    with pytest.raises(ProviderError) as info:
        complete(provider(server.base_url))
    assert info.value.reason == reason
    assert [r.outcome for r in info.value.usage] == [reason]
    assert len(server.chat_requests) == 1


def test_429_then_success_is_retried_with_backoff(server: AIServer) -> None:
    sleeps: list[float] = []
    server.enqueue(status(429, retry_after=0.01), status(503), reply(GOOD))
    result = complete(provider(server.base_url, sleep=sleeps.append))
    assert result.parsed.score == 78
    assert [r.outcome for r in result.usage] == ["http_429", "http_503", "ok"]
    assert len(sleeps) == 2 and sleeps[0] >= 0.01


def test_retries_are_bounded(server: AIServer) -> None:
    server.default = status(500)
    with pytest.raises(ProviderError) as info:
        complete(provider(server.base_url, max_retries=2))
    assert info.value.reason == "http_500"
    assert len(server.chat_requests) == 3 and len(info.value.usage) == 3


@pytest.mark.parametrize("code", [401, 403, 404])
def test_client_errors_are_not_retried(server: AIServer, code: int) -> None:
    server.default = status(code)
    with pytest.raises(ProviderError) as info:
        complete(provider(server.base_url))
    assert info.value.reason == f"http_{code}" and len(server.chat_requests) == 1


def test_a_slow_reply_times_out_and_is_retried_then_given_up(server: AIServer) -> None:
    server.default = slow(1.0, reply(GOOD))
    started = time.perf_counter()
    with pytest.raises(ProviderError) as info:
        complete(provider(server.base_url, timeout_s=0.2, max_retries=1))
    assert info.value.reason == "timeout"
    assert [r.outcome for r in info.value.usage] == ["timeout", "timeout"]
    assert time.perf_counter() - started < 1.5


def test_a_timeout_then_a_good_reply_succeeds(server: AIServer) -> None:
    server.enqueue(slow(1.0, reply(GOOD)), reply(GOOD))
    result = complete(provider(server.base_url, timeout_s=0.3, max_retries=1))
    assert [r.outcome for r in result.usage] == ["timeout", "ok"]


def test_connection_refused_is_a_connection_error() -> None:
    with pytest.raises(ProviderError) as info:
        complete(provider(closed_port_url(), max_retries=1))
    assert info.value.reason == "connection_error" and len(info.value.usage) == 2


def test_servers_without_json_schema_get_json_object_mode_and_it_is_remembered(server: AIServer) -> None:
    server.reject_json_schema = True
    server.default = fenced(GOOD)
    p = provider(server.base_url)
    first = complete(p)
    assert first.mode == "json_object" and [r.outcome for r in first.usage] == ["http_400", "ok"]
    second = complete(p)
    assert second.mode == "json_object" and len(second.usage) == 1
    assert [r["response_format"]["type"] for r in server.chat_requests] == [
        "json_schema",
        "json_object",
        "json_object",
    ]


def test_servers_with_neither_format_get_plain_text(server: AIServer) -> None:
    server.reject_json_schema = server.reject_json_object = True
    server.default = prose(GOOD)
    result = complete(provider(server.base_url))
    assert result.mode == "text" and "response_format" not in server.chat_requests[-1]


def test_missing_usage_is_estimated_from_the_text(server: AIServer) -> None:
    server.enqueue(reply(GOOD, usage=None))
    [record] = complete(provider(server.base_url)).usage
    assert record.tokens_in > 0 and record.tokens_out > 0


def test_unknown_models_cost_nothing_known(server: AIServer) -> None:
    server.enqueue(reply(GOOD, model="some-local-model"))
    [record] = complete(provider(server.base_url, prices={"gpt-4o-mini": (0.15, 0.6)})).usage
    assert record.model == "some-local-model" and record.cost_usd == 0.0


def test_dated_model_names_use_the_base_models_price(server: AIServer) -> None:
    server.enqueue(reply(GOOD, model="gpt-4o-mini-2024-07-18", usage=(1_000_000, 0)))
    [record] = complete(provider(server.base_url, prices={"gpt-4o-mini": (0.15, 0.6)})).usage
    assert record.cost_usd == pytest.approx(0.15)


def test_moderation_uses_the_endpoint_when_the_server_has_one(server: AIServer) -> None:
    server.moderation_flag = lambda text: "nasty" in text
    p = provider(server.base_url)
    result = p.moderate("a nasty remark", user_id="u1")
    assert result.verdict is not None and result.verdict.flagged and result.verdict.source == "provider"
    assert "harassment" in result.verdict.categories
    assert result.usage[0].purpose == "moderate" and result.usage[0].outcome == "ok"
    assert not p.moderate("a kind remark", user_id="u1").verdict.flagged  # type: ignore[union-attr]


def test_a_server_without_moderation_is_asked_once(server: AIServer) -> None:
    server.moderation_status = 404
    p = provider(server.base_url)
    assert p.moderate("text", user_id=None).verdict is None
    assert p.moderate("text", user_id=None).verdict is None
    assert len(server.moderation_requests) == 1 and p.moderation_available is False
