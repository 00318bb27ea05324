"""The one place that decides which scoring engine runs: offline rules, or the LLM with rules behind it.

Pages and sessions call ``make_scorer`` and use the ``Scorer`` protocol; nothing else changes when AI is
switched on or off. Imports of the AI package are deferred so that ``core.scoring`` stays light and
free of import cycles.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from core.scoring.base import Scorer
from core.settings import Settings

if TYPE_CHECKING:
    from core.ai.provider import ChatProvider
    from core.ai.usage import SessionmakerUsageStore, UsageStore

_providers: dict[tuple[object, ...], ChatProvider] = {}
_stores: dict[Callable[[], Session], SessionmakerUsageStore] = {}
_providers_lock = threading.Lock()


def shared_provider(settings: Settings) -> ChatProvider:
    """One OpenAI-compatible provider (and HTTP connection pool) per endpoint configuration."""
    from core.ai.provider import OpenAICompatibleProvider

    key = (
        settings.openai_base_url,
        settings.openai_api_key,
        settings.openai_model,
        settings.ai_timeout_s,
        settings.ai_max_retries,
        tuple(sorted(settings.ai_prices.items())),
    )
    with _providers_lock:
        if key not in _providers:
            _providers[key] = OpenAICompatibleProvider.from_settings(settings)
        return _providers[key]


def usage_store_for(
    *, db: Session | None = None, sessionmaker: Callable[[], Session] | None = None
) -> UsageStore:
    """Where AI usage goes: the caller's Session (flush only), else a sessionmaker, else memory."""
    from core.ai.usage import MemoryUsageStore, SessionmakerUsageStore, SessionUsageStore

    if db is not None:
        return SessionUsageStore(db)
    if sessionmaker is not None:
        with _providers_lock:  # one store, and so one writer thread, per sessionmaker
            if sessionmaker not in _stores:
                _stores[sessionmaker] = SessionmakerUsageStore(sessionmaker)
            return _stores[sessionmaker]
    return MemoryUsageStore()


def make_scorer(
    settings: Settings,
    *,
    sessionmaker: Callable[[], Session] | None = None,
    db: Session | None = None,
    provider: ChatProvider | None = None,
    offline: Scorer | None = None,
    usage: UsageStore | None = None,
) -> Scorer:
    """The active scoring engine.

    AI off (no ``OPENAI_API_KEY`` / ``OPENAI_BASE_URL``): the offline ``RuleScorer``. AI on: an
    ``LLMScorer`` that falls back to the offline engine on any failure and blends with it. An explicit
    ``provider`` (a ``FakeProvider`` in tests) always gives the ``LLMScorer``.

    AI usage is recorded through ``db`` (the caller's unit of work; the scorer must then live no longer
    than it), else through ``sessionmaker`` (a process-wide scorer: records are written by a background
    thread in their own transactions), else only in memory (tests, calibration, benchmarks).
    """
    from core.scoring.rule import RuleScorer

    offline = offline or RuleScorer()
    if not settings.ai_enabled and provider is None:
        return offline
    from core.ai.scorer import LLMScorer

    return LLMScorer(
        provider=provider or shared_provider(settings),
        offline=offline,
        settings=settings,
        usage=usage or usage_store_for(db=db, sessionmaker=sessionmaker),
    )


@dataclass(frozen=True)
class EngineInfo:
    """What the UI shows about the active engine."""

    name: str  # "llm" or "rule"
    label: str  # "AI scoring (gpt-4o-mini)" / "Offline scoring (rule-based)"
    model: str | None
    endpoint: str | None  # host of the AI server, never the key


def engine_info(settings: Settings) -> EngineInfo:
    """The engine ``make_scorer(settings)`` would use, described for a badge or caption."""
    if not settings.ai_enabled:
        return EngineInfo("rule", "Offline scoring (rule-based)", None, None)
    from urllib.parse import urlsplit

    host = urlsplit(settings.openai_base_url).netloc if settings.openai_base_url else "api.openai.com"
    return EngineInfo("llm", f"AI scoring ({settings.openai_model})", settings.openai_model, host)
