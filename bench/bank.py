"""Question bank search latency on a generated 100,000-question bank, on SQLite and PostgreSQL.

Usage: python -m bench bank [--size N] [--repeat N] [--skip-postgres]
"""

from __future__ import annotations

import argparse
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, insert, text
from sqlalchemy.orm import Session

from bench.common import print_table, summary, time_calls
from core.questions import BankFilters, count_bank, search_bank
from db.engine import make_engine
from db.enums import RUBRIC_CRITERIA, TYPE_CATEGORIES, Difficulty, InterviewType
from db.ids import new_id
from db.migrate import upgrade_to_head
from db.models import QuestionBank
from db.seed import search_text_for
from db.throwaway import find_pg_bin, throwaway_postgres

VOCAB = [
    "team",
    "conflict",
    "deadline",
    "customer",
    "patient",
    "budget",
    "project",
    "stakeholder",
    "data",
    "pipeline",
    "design",
    "cache",
    "database",
    "latency",
    "outage",
    "incident",
    "escalation",
    "feedback",
    "mentor",
    "leadership",
    "priority",
    "risk",
    "forecast",
    "inventory",
    "supplier",
    "quality",
    "audit",
    "compliance",
    "safety",
    "lesson",
    "student",
    "parent",
    "curriculum",
    "sales",
    "quota",
    "pipeline",
    "negotiation",
    "pricing",
    "launch",
    "market",
    "revenue",
    "churn",
    "retention",
    "hiring",
    "onboarding",
    "process",
    "improvement",
    "automation",
    "testing",
    "deployment",
    "monitoring",
    "security",
    "privacy",
    "migration",
    "scaling",
    "queue",
]
ROLES = [f"Role {i}" for i in range(40)]
INDUSTRIES = [f"Industry {i}" for i in range(12)]


def generate(engine: Engine, size: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    types = list(RUBRIC_CRITERIA)
    batch: list[dict[str, object]] = []
    with engine.begin() as conn:
        for n in range(size):
            itype = rng.choice(types)
            words = rng.sample(VOCAB, 9)
            question = f"Tell me how you handled {' '.join(words[:6])} in your last role."
            tags = words[6:]
            batch.append(
                {
                    "id": new_id(),
                    "key": f"gen-{n:06d}",
                    "question": question,
                    "category": rng.choice(TYPE_CATEGORIES[itype]),
                    "difficulty": rng.choice(list(Difficulty)),
                    "interview_type": itype,
                    "industry": rng.choice(INDUSTRIES),
                    "role": rng.choice(ROLES),
                    "hints": ["Be specific", "Quantify"],
                    "sample_answer": "…",
                    "rubric": {"criteria": []},
                    "tags": tags,
                    "search_text": search_text_for(question, tags),
                    "usage_count": 0,
                }
            )
            if len(batch) == 5000:
                conn.execute(insert(QuestionBank), batch)
                batch.clear()
        if batch:
            conn.execute(insert(QuestionBank), batch)
        conn.execute(text("ANALYZE"))


def measure(engine: Engine, repeat: int) -> list[tuple[str, Callable[[], object]]]:
    rng = random.Random(11)
    db = Session(engine)

    def filtered() -> object:
        itype = rng.choice(list(RUBRIC_CRITERIA))
        filters = BankFilters(
            categories=(rng.choice(TYPE_CATEGORIES[itype]),),
            difficulties=(rng.choice(list(Difficulty)),),
            role=rng.choice(ROLES),
        )
        return search_bank(db=db, filters=filters, page_size=20)

    def free_text() -> object:
        return search_bank(db=db, filters=BankFilters(text=" ".join(rng.sample(VOCAB, 2))), page_size=20)

    def count() -> object:
        return count_bank(db=db, filters=BankFilters(interview_types=(InterviewType.BEHAVIORAL,)))

    return [
        ("filtered page (category+difficulty+role)", filtered),
        ("free-text page (2 words)", free_text),
        ("count (one interview type)", count),
    ]


def run_backend(name: str, url: str, size: int, repeat: int) -> list[list[object]]:
    engine = make_engine(url)
    upgrade_to_head(engine)
    generate(engine, size)
    rows: list[list[object]] = []
    for label, fn in measure(engine, repeat):
        p50, p95, _ = summary(time_calls(fn, repeat))
        rows.append([name, label, p50, p95, "yes" if p95 < 20 else "NO"])
    engine.dispose()
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench bank")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        rows += run_backend("sqlite", f"sqlite:///{Path(tmp) / 'bench.db'}", args.size, args.repeat)
    if not args.skip_postgres:
        if find_pg_bin() is None:
            print("PostgreSQL binaries not found: PostgreSQL leg skipped")
        else:
            with throwaway_postgres() as url:
                rows += run_backend("postgresql", url, args.size, args.repeat)
    print(f"\nQuestion bank of {args.size:,} questions, {args.repeat} runs each (target p95 < 20 ms)\n")
    print_table(["database", "query", "p50 ms", "p95 ms", "p95 < 20 ms"], rows)
    return 0
