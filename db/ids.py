"""Collision-resistant string ids in the cuid style (``c`` + time + counter + randomness)."""

from __future__ import annotations

import itertools
import os
import secrets
import threading
import time

_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
_counter = itertools.count(secrets.randbelow(36**4))
_lock = threading.Lock()
_FINGERPRINT = format(os.getpid() % 36**2, "0>2")


def _base36(value: int, width: int) -> str:
    digits = []
    for _ in range(width):
        value, rem = divmod(value, 36)
        digits.append(_ALPHABET[rem])
    return "".join(reversed(digits))


def new_id() -> str:
    """Return a new 25-character id: sortable by creation time, unique across processes."""
    with _lock:
        count = next(_counter) % 36**4
    millis = int(time.time() * 1000)
    return (
        "c"
        + _base36(millis, 8)
        + _base36(count, 4)
        + _base36(os.getpid(), 4)
        + _base36(secrets.randbits(41), 8)
    )
