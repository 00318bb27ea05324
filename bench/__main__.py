"""Run one benchmark: ``python -m bench {bank,scoring,sessions,pages,ai} [options]``."""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = {
    "bank": "question bank search latency on a 100,000-question bank (SQLite and PostgreSQL)",
    "scoring": "offline scorer throughput and p95 latency on 300-word answers",
    "sessions": "start-session and submit-answer p95 with a big bank and a busy user",
    "pages": "page script run time (AppTest) for a user with 500 sessions",
    "ai": "wall time of scoring a 10-answer session against one AI call's latency",
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in BENCHMARKS:
        print(__doc__)
        for name, what in BENCHMARKS.items():
            print(f"  {name:<9} {what}")
        return 2
    module = importlib.import_module(f"bench.{argv[0]}")
    return int(module.main(argv[1:]) or 0)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
