"""The circuit breaker: a dead or hanging AI server stops being called for a while, then is probed again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.ai.breaker import CircuitBreaker
from core.ai.provider import ProviderError
from core.ai.reasons import fallback_message
from tests.ai_server import AIServer, reply, status
from tests.test_ai_provider import GOOD, complete, provider


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def server() -> Iterator[AIServer]:
    with AIServer() as running:
        yield running


def test_opens_after_repeated_outages_and_half_opens_after_the_cooldown() -> None:
    clock = Clock()
    breaker = CircuitBreaker(threshold=3, cooldown_s=60, clock=clock)
    for _ in range(2):
        breaker.record("timeout")
    assert breaker.allow() and not breaker.is_open
    breaker.record("http_503")
    assert breaker.is_open and not breaker.allow()
    clock.now += 59
    assert not breaker.allow()
    clock.now += 2
    assert breaker.allow()  # one probe goes out
    breaker.record("connection_error")  # and fails: open again at once
    assert not breaker.allow()
    clock.now += 61
    assert breaker.allow()
    breaker.record(None)  # the probe succeeds: closed
    assert breaker.allow() and not breaker.is_open


def test_bad_replies_from_a_live_server_do_not_open_it() -> None:
    breaker = CircuitBreaker(threshold=2)
    for reason in ("invalid_json", "http_401", "truncated", "schema_mismatch"):
        breaker.record(reason)
        breaker.record(reason)
    assert breaker.allow()
    breaker.record("timeout")
    breaker.record("invalid_json")  # the server answered: the outage streak is broken
    breaker.record("timeout")
    assert breaker.allow()


def test_a_failing_server_stops_getting_requests(server: AIServer) -> None:
    clock = Clock()
    p = provider(
        server.base_url, max_retries=0, breaker=CircuitBreaker(threshold=2, cooldown_s=30, clock=clock)
    )
    server.default = status(500)
    for _ in range(2):
        with pytest.raises(ProviderError, match="HTTP 500"):
            complete(p)
    assert len(server.chat_requests) == 2
    with pytest.raises(ProviderError) as info:
        complete(p)
    assert info.value.reason == "circuit_open" and len(server.chat_requests) == 2  # no request went out
    assert "paused" in fallback_message("circuit_open")

    clock.now += 31
    server.default = reply(GOOD)
    assert complete(p).parsed.score == 78  # the probe succeeds and the circuit closes
    assert complete(p).parsed.score == 78 and len(server.chat_requests) == 4
