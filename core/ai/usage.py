"""AI usage: one record per call, estimated cost, and per-user limits (SPEC security 1 and 3).

Records are made by whichever thread made the call and *written* by the thread that owns the database
session: scorers collect them and hand them to a ``UsageStore`` after their worker threads finish.

Limits, per user: ``ai_calls_per_hour`` calls in the last 60 minutes and ``ai_daily_budget_usd`` of
estimated spend since midnight UTC. Moderation calls are recorded but count toward neither.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from core.settings import Settings
from db.models import AIUsage
from db.types import utcnow

log = logging.getLogger(__name__)

#: Purposes whose calls count toward the per-user limits.
LIMITED_PURPOSES: tuple[str, ...] = ("score", "generate")


@dataclass(frozen=True)
class UsageRecord:
    """One AI call (one HTTP request, retries included as their own records)."""

    purpose: str  # "score", "generate", "moderate"
    model: str
    outcome: str  # "ok" or a failure reason (timeout, http_429, invalid_json, ...)
    user_id: str | None = None
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float = 0.0
    latency_ms: int = 0
    detail: str | None = None
    created_at: dt.datetime = field(default_factory=utcnow)


def price_for(model: str, prices: Mapping[str, tuple[float, float]]) -> tuple[float, float] | None:
    """USD per 1M tokens (input, output) for ``model``: exact name, else the longest matching prefix.

    ``gpt-4o-mini-2024-07-18`` uses the ``gpt-4o-mini`` price. None when the model is unknown.
    """
    if model in prices:
        return prices[model]
    matches = [name for name in prices if model.startswith(name)]
    return prices[max(matches, key=len)] if matches else None


def estimate_cost(
    model: str, tokens_in: int, tokens_out: int, prices: Mapping[str, tuple[float, float]]
) -> float:
    """Estimated USD for one call; 0.0 for a model without a configured price."""
    price = price_for(model, prices)
    if price is None:
        return 0.0
    return tokens_in * price[0] / 1e6 + tokens_out * price[1] / 1e6


@dataclass(frozen=True)
class UsageTotals:
    """What a user has used inside the limit windows."""

    calls_last_hour: int = 0
    spend_today_usd: float = 0.0


def window_starts(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """(one hour ago, midnight UTC today)."""
    now = now.astimezone(dt.UTC)
    return now - dt.timedelta(hours=1), now.replace(hour=0, minute=0, second=0, microsecond=0)


class UsageStore(Protocol):
    """Where usage records go and where the limit windows are read from."""

    def totals(self, user_id: str, now: dt.datetime) -> UsageTotals: ...

    def record(self, records: Sequence[UsageRecord]) -> None: ...


def _totals_query(db: Session, user_id: str, now: dt.datetime) -> UsageTotals:
    hour_ago, midnight = window_starts(now)
    limited = (AIUsage.user_id == user_id, AIUsage.purpose.in_(LIMITED_PURPOSES))
    calls = db.scalar(
        select(func.count()).select_from(AIUsage).where(*limited, AIUsage.created_at >= hour_ago)
    )
    spend = db.scalar(
        select(func.coalesce(func.sum(AIUsage.cost_usd), 0.0)).where(*limited, AIUsage.created_at >= midnight)
    )
    return UsageTotals(int(calls or 0), float(spend or 0.0))


def _rows(records: Iterable[UsageRecord]) -> list[AIUsage]:
    return [
        AIUsage(
            user_id=r.user_id,
            created_at=r.created_at,
            purpose=r.purpose[:40],
            model=r.model[:200],
            tokens_in=r.tokens_in,
            tokens_out=r.tokens_out,
            cost_usd=r.cost_usd,
            latency_ms=r.latency_ms,
            outcome=r.outcome[:40],
            detail=(r.detail or None) and r.detail[:1000],
        )
        for r in records
    ]


class SessionUsageStore:
    """Reads and writes through the caller's Session (flush only: the caller's unit of work commits).

    # NOTE: a Session is not thread-safe: only call this from the thread that owns ``db``. The AI scorer
    # collects records in its worker threads and calls ``record`` once they are done.
    """

    def __init__(self, db: Session) -> None:
        self.db = db

    def totals(self, user_id: str, now: dt.datetime) -> UsageTotals:
        return _totals_query(self.db, user_id, now)

    def record(self, records: Sequence[UsageRecord]) -> None:
        if not records:
            return
        try:
            # A savepoint: a failed usage insert must not break the caller's unit of work (and its answer).
            with self.db.begin_nested():
                self.db.add_all(_rows(records))
        except SQLAlchemyError:
            log.warning("could not record %d AI usage row(s)", len(records), exc_info=True)


class SessionmakerUsageStore:
    """Writes records in its own transactions, from one background writer thread; for a scorer shared
    by the whole process (the app's cached scorer, the practice page, CLI tools).

    # NOTE: the caller usually holds a write transaction when it scores (the answer is flushed first).
    # On SQLite a second writer would wait on that lock *in the same thread* until it times out, so
    # records are queued and written by a writer thread that simply waits for the caller to commit.
    # Records still in the queue count toward ``totals``. Usage rows outlive a rolled-back answer: the
    # call was made and paid for either way.
    """

    def __init__(self, factory: Callable[[], Session], *, attempts: int = 5, retry_s: float = 0.5) -> None:
        self.factory = factory
        self.attempts = attempts
        self.retry_s = retry_s
        self._queue: queue.Queue[list[UsageRecord]] = queue.Queue()
        self._pending: list[UsageRecord] = []
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def totals(self, user_id: str, now: dt.datetime) -> UsageTotals:
        with self.factory() as db:
            stored = _totals_query(db, user_id, now)
        with self._lock:
            pending = _memory_totals(self._pending, user_id, now)
        return UsageTotals(
            stored.calls_last_hour + pending.calls_last_hour, stored.spend_today_usd + pending.spend_today_usd
        )

    def record(self, records: Sequence[UsageRecord]) -> None:
        if not records:
            return
        with self._lock:
            self._pending.extend(records)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="ai-usage-writer", daemon=True)
                self._thread.start()
        self._queue.put(list(records))

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until every queued record is written (tests, CLI exit); False on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if not self._pending:
                    return True
            time.sleep(0.01)
        return False

    def _run(self) -> None:
        while True:
            batch = self._queue.get()
            for attempt in range(1, self.attempts + 1):
                try:
                    with self.factory() as db, db.begin():
                        db.add_all(_rows(batch))
                    break
                except Exception:  # noqa: BLE001 - a lost usage row must not take the app down
                    if attempt == self.attempts:
                        log.warning("could not record %d AI usage row(s)", len(batch), exc_info=True)
                    else:
                        time.sleep(self.retry_s * attempt)
            with self._lock:
                for record in batch:
                    self._pending.remove(record)
            self._queue.task_done()


def _memory_totals(records: Iterable[UsageRecord], user_id: str, now: dt.datetime) -> UsageTotals:
    hour_ago, midnight = window_starts(now)
    mine = [r for r in records if r.user_id == user_id and r.purpose in LIMITED_PURPOSES]
    return UsageTotals(
        sum(1 for r in mine if r.created_at >= hour_ago),
        sum(r.cost_usd for r in mine if r.created_at >= midnight),
    )


class MemoryUsageStore:
    """Keeps records in a list: tests, benchmarks and calibration runs without a database."""

    def __init__(self) -> None:
        self.records: list[UsageRecord] = []
        self._lock = threading.Lock()

    def totals(self, user_id: str, now: dt.datetime) -> UsageTotals:
        with self._lock:
            return _memory_totals(self.records, user_id, now)

    def record(self, records: Sequence[UsageRecord]) -> None:
        with self._lock:
            self.records.extend(records)


class LimitGate:
    """Per-user allowance for one batch of calls, shared by worker threads.

    Built from the stored totals in the caller's thread; ``acquire`` takes one call (None = go ahead,
    else the reason: ``rate_limited`` or ``daily_budget``) and ``charge`` adds a finished call's cost.
    Calls already in flight when the budget runs out still finish, so a batch can overshoot the daily
    budget by at most ``ai_concurrency`` calls.
    """

    def __init__(self, settings: Settings, store: UsageStore, now: dt.datetime | None = None) -> None:
        self.settings = settings
        self.store = store
        self.now = now or utcnow()
        self._lock = threading.Lock()
        self._calls: dict[str, int] = {}
        self._spend: dict[str, float] = {}

    def prepare(self, user_ids: Iterable[str | None]) -> None:
        """Read the stored totals of these users (call in the thread that owns the store)."""
        for user_id in user_ids:
            if user_id is not None and user_id not in self._calls:
                totals = self.store.totals(user_id, self.now)
                self._calls[user_id] = totals.calls_last_hour
                self._spend[user_id] = totals.spend_today_usd

    def acquire(self, user_id: str | None) -> str | None:
        if user_id is None:  # system calls (calibration, benchmarks) have no per-user limit
            return None
        with self._lock:
            if user_id not in self._calls:
                raise RuntimeError("LimitGate.prepare() must see every user id before acquire()")
            if self._calls[user_id] >= self.settings.ai_calls_per_hour:
                return "rate_limited"
            if self._spend[user_id] >= self.settings.ai_daily_budget_usd:
                return "daily_budget"
            self._calls[user_id] += 1
            return None

    def over_budget(self, user_id: str | None) -> bool:
        """Whether the user's spend (stored plus this batch's finished calls) reached the daily budget."""
        if user_id is None:
            return False
        with self._lock:
            return self._spend.get(user_id, 0.0) >= self.settings.ai_daily_budget_usd

    def charge(self, user_id: str | None, records: Iterable[UsageRecord]) -> None:
        if user_id is None:
            return
        cost = sum(r.cost_usd for r in records)
        extra_calls = max(0, sum(1 for r in records if r.purpose in LIMITED_PURPOSES) - 1)
        with self._lock:
            self._spend[user_id] = self._spend.get(user_id, 0.0) + cost
            self._calls[user_id] = self._calls.get(user_id, 0) + extra_calls  # retries count as calls


def limit_message(reason: str, settings: Settings) -> str:
    """What to tell the user when a limit stopped an AI call."""
    if reason == "rate_limited":
        return (
            f"You have reached the limit of {settings.ai_calls_per_hour} AI calls per hour, so this was "
            "handled by the offline engine. AI scoring resumes within the hour."
        )
    if reason == "daily_budget":
        return (
            f"You have used today's AI budget (${settings.ai_daily_budget_usd:.2f}), so this was handled "
            "by the offline engine. AI scoring resumes tomorrow (UTC)."
        )
    return "This was handled by the offline engine."
