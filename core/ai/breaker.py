"""A circuit breaker per AI endpoint: after repeated outages, stop calling for a while and score offline.

Without it a hanging server makes every answer wait out ``(retries + 1) x timeout`` before falling back.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

#: Failures that say the endpoint is down or overloaded, not that one request was bad.
OUTAGE_REASONS = frozenset({"timeout", "connection_error", "http_500", "http_502", "http_503", "http_504"})


class CircuitBreaker:
    """Opens after ``threshold`` outages in a row; while open, calls are refused until ``cooldown_s`` passes.

    After the cool-down one call is let through (half-open): success closes the circuit, another outage
    opens it again. Thread-safe: one breaker is shared by the worker threads scoring a session.
    """

    def __init__(
        self, threshold: int = 3, cooldown_s: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.threshold = max(1, threshold)
        self.cooldown_s = cooldown_s
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._open_until: float | None = None

    def allow(self) -> bool:
        """May a call go out now?"""
        with self._lock:
            if self._open_until is None:
                return True
            if self._clock() >= self._open_until:
                self._open_until = None  # half-open: let this call probe the endpoint
                self._failures = self.threshold - 1
                return True
            return False

    def record(self, reason: str | None) -> None:
        """Record a call's outcome: None for success, else its failure reason."""
        with self._lock:
            if reason is None or reason not in OUTAGE_REASONS:
                self._failures = 0  # the server answered: it is up, even if this reply was unusable
                return
            self._failures += 1
            if self._failures >= self.threshold:
                self._open_until = self._clock() + self.cooldown_s

    @property
    def is_open(self) -> bool:
        with self._lock:
            return self._open_until is not None and self._clock() < self._open_until
