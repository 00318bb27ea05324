"""Start-session and submit-answer latency with a 10,000-question bank and a user with 500 past sessions.

``python -m bench sessions [--bank 10000] [--sessions 500] [--repeat 200] [--backend both]``

Every timed call is one unit of work as the app runs it: a new ORM session, the core call, COMMIT.
Submit-answer is timed with a fast fake scorer (the engine's own cost, not the scorer's) and, when
``core.scoring.rule`` is importable, with the offline RuleScorer as well.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert
from sqlalchemy.orm import Session

from bench.common import print_table, summary, time_calls
from core.dto import SessionAction, StartRequest
from core.progress import get_progress
from core.scoring.base import DIMENSIONS, CriterionScore, DimensionScore, Scorer, ScoreResult, ScoringInput
from core.sessions import get_questions, start_session, submit_answer, update_session
from core.stats import recompute_stats
from core.users import JobInput, ProfileUpdate, create_job, create_user, update_profile
from db.engine import make_engine, make_sessionmaker, unit_of_work
from db.enums import RUBRIC_CRITERIA, TYPE_CATEGORIES, Difficulty, InterviewStatus, InterviewType
from db.ids import new_id
from db.migrate import upgrade_to_head
from db.models import InterviewAnswer, InterviewQuestion, InterviewSession, QuestionBank
from db.throwaway import find_pg_bin, throwaway_postgres

TARGET_P95_MS = 30.0
CONCRETE = (
    InterviewType.BEHAVIORAL,
    InterviewType.TECHNICAL,
    InterviewType.CASE_STUDY,
    InterviewType.SYSTEM_DESIGN,
)
ROLES = [
    f"{a} {b}"
    for a in ("Software", "Data", "Product", "Marketing", "Finance", "Sales", "Support", "Nurse")
    for b in ("Engineer", "Analyst", "Manager", "Specialist", "Lead")
]
INDUSTRIES = ["Technology", "Finance", "Healthcare", "Retail", "Education", "Logistics", "Energy", "Media"]
WORDS = [
    "system",
    "team",
    "customer",
    "data",
    "budget",
    "risk",
    "deadline",
    "conflict",
    "growth",
    "metric",
    "pipeline",
    "launch",
    "sql",
    "python",
    "cloud",
    "security",
    "hiring",
    "feedback",
    "strategy",
    "pricing",
    "churn",
    "latency",
    "cache",
    "queue",
    "incident",
    "roadmap",
    "vendor",
    "audit",
    "forecast",
    "inventory",
    "patient",
    "safety",
    "compliance",
    "migration",
]


class FastScorer:
    """A constant-time scorer: measures the engine, not scoring."""

    name = "fast-fake"

    def score(self, item: ScoringInput) -> ScoreResult:
        dims = {name: DimensionScore(70, "ok") for name in DIMENSIONS}
        return ScoreResult(
            70,
            "B",
            dims,
            (CriterionScore("Result", 1.0, 70, "ok"),),
            "Fine answer.",
            improvements=("Quantify the result",),
            engine="fake",
        )

    def score_many(self, items: Sequence[ScoringInput]) -> list[ScoreResult]:
        return [self.score(i) for i in items]


def _bank_rows(count: int, rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    for n in range(count):
        itype = CONCRETE[n % len(CONCRETE)]
        tags = rng.sample(WORDS, 3)
        text = f"Q{n}: " + " ".join(rng.choices(WORDS, k=14)) + "?"
        rows.append(
            {
                "id": new_id(),
                "key": f"bench-{n:06d}",
                "question": text,
                "category": rng.choice(TYPE_CATEGORIES[itype]),
                "difficulty": rng.choice(list(Difficulty)),
                "interview_type": itype,
                "role": rng.choice(ROLES) if rng.random() < 0.85 else None,
                "industry": rng.choice(INDUSTRIES) if rng.random() < 0.8 else None,
                "hints": ["Use an example", "Quantify"],
                "sample_answer": " ".join(rng.choices(WORDS, k=80)),
                "rubric": {
                    "criteria": [{"name": c, "weight": w} for c, w in RUBRIC_CRITERIA[itype]],
                    "key_points": tags,
                },
                "tags": tags,
                "search_text": " ".join([text, *tags]).lower(),
            }
        )
    return rows


def _history(user_id: str, bank: list[dict[str, Any]], sessions: int, rng: random.Random) -> tuple[list, ...]:
    """Completed sessions over the last ~70 weeks, 5 scored answers each (stored as the app stores them)."""
    template = (
        FastScorer()
        .score(ScoringInput("q", "a", InterviewType.BEHAVIORAL, TYPE_CATEGORIES[InterviewType.BEHAVIORAL][0]))
        .to_feedback_json()
    )
    now = dt.datetime.now(dt.UTC)
    srows, qrows, arows = [], [], []
    for s in range(sessions):
        when = now - dt.timedelta(hours=24 * 7 * 70 * (sessions - s) / sessions)
        sid = new_id()
        picks = rng.sample(bank, 5)
        scores = [rng.randint(30, 95) for _ in picks]
        srows.append(
            {
                "id": sid,
                "user_id": user_id,
                "type": picks[0]["interview_type"],
                "status": InterviewStatus.COMPLETED,
                "started_at": when,
                "completed_at": when,
                "created_at": when,
                "total_score": round(sum(scores) / len(scores)),
                "feedback_summary": "bench",
            }
        )
        for i, (item, score) in enumerate(zip(picks, scores, strict=True), start=1):
            qid = new_id()
            qrows.append(
                {
                    "id": qid,
                    "session_id": sid,
                    "bank_id": item["id"],
                    "order_index": i,
                    "question": item["question"],
                    "category": item["category"],
                    "difficulty": item["difficulty"],
                    "interview_type": item["interview_type"],
                    "hints": item["hints"],
                    "rubric": item["rubric"],
                    "time_limit": 180,
                    "created_at": when,
                }
            )
            data = {**template, "overall": score}
            arows.append(
                {
                    "id": new_id(),
                    "session_id": sid,
                    "question_id": qid,
                    "answer_text": "bench answer",
                    "duration_ms": 90_000,
                    "score": score,
                    "feedback": "ok",
                    "feedback_json": data,
                    "submitted_at": when,
                    "scored_at": when,
                }
            )
    return srows, qrows, arows


def _populate(engine: Engine, bank_size: int, sessions: int) -> str:
    rng = random.Random(7)
    upgrade_to_head(engine)
    bank = _bank_rows(bank_size, rng)
    with Session(engine) as db, db.begin():
        for start in range(0, len(bank), 1000):
            db.execute(insert(QuestionBank), bank[start : start + 1000])
        user = create_user(db=db, email="busy@example.com", display_name="Busy").id
        update_profile(
            db=db,
            user_id=user,
            update=ProfileUpdate(
                skills=["SQL", "Python", "cloud"], target_role="Data Analyst", industry="Finance"
            ),
        )
        srows, qrows, arows = _history(user, bank, sessions, rng)
        db.execute(insert(InterviewSession), srows)
        for rows, model in ((qrows, InterviewQuestion), (arows, InterviewAnswer)):
            for start in range(0, len(rows), 1000):
                db.execute(insert(model), rows[start : start + 1000])
        recompute_stats(db=db, user_id=user)
    # Steady state, as autovacuum / a maintained SQLite file would have it after a bulk load.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE")
    return user


def _engines(backend: str) -> Iterator[tuple[str, Engine]]:
    if backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
            try:
                yield "SQLite", engine
            finally:
                engine.dispose()
    if backend in ("postgresql", "both"):
        if find_pg_bin() is None:
            print("PostgreSQL server binaries not found: skipping the PostgreSQL leg")
            return
        with throwaway_postgres() as url:
            engine = make_engine(url)
            try:
                yield "PostgreSQL", engine
            finally:
                engine.dispose()


def _scorers() -> list[tuple[str, Scorer]]:
    scorers: list[tuple[str, Scorer]] = [("fast fake scorer", FastScorer())]
    try:
        from core.scoring.rule import RuleScorer
    except ImportError:
        print("core.scoring.rule not importable: submit-answer is timed with the fake scorer only")
    else:
        scorers.append(("RuleScorer", RuleScorer()))
    return scorers


def _measure(name: str, engine: Engine, user: str, repeat: int) -> list[list[object]]:
    maker = make_sessionmaker(engine)
    rows: list[list[object]] = []

    def unit(fn: Callable[[Session], object]) -> Callable[[], object]:
        def run() -> object:
            with unit_of_work(maker) as db:
                return fn(db)

        return run

    job_holder: dict[str, str] = {}
    with unit_of_work(maker) as db:
        job_holder["id"] = create_job(
            db=db,
            user_id=user,
            job=JobInput(
                title="Senior Data Analyst",
                industry="Finance",
                description="SQL, python, forecasting and budget "
                "analysis for a retail bank; stakeholder management.",
                required_skills=["SQL", "Excel"],
            ),
        ).id
    seeds = iter(range(10**9))
    cases: list[tuple[str, str, Callable[[Session], object]]] = [
        (
            "start session (5 q, job + profile)",
            "-",
            lambda db: start_session(
                db=db,
                user_id=user,
                seed=next(seeds),
                request=StartRequest(job_id=job_holder["id"], question_count=5, focus_areas=()),
            ),
        ),
        (
            "start session (20 q, MIXED)",
            "-",
            lambda db: start_session(
                db=db,
                user_id=user,
                seed=next(seeds),
                request=StartRequest(type=InterviewType.MIXED, question_count=20, difficulty=Difficulty.HARD),
            ),
        ),
    ]
    with unit_of_work(maker) as db:
        target = start_session(
            db=db, user_id=user, seed=1, request=StartRequest(type=InterviewType.MIXED, question_count=20)
        ).session.id
        qids = [q.id for q in get_questions(db=db, user_id=user, session_id=target)]
    answer = (
        "In my last role I owned the monthly forecast. I rebuilt the SQL pipeline, cut the close from "
        "six days to three and found 120k of duplicate vendor spend, which we recovered in a quarter. "
    ) * 3

    def submitter(scorer: Scorer) -> Callable[[Session], object]:
        counter = iter(range(10**9))

        def submit(db: Session) -> object:
            question_id = qids[next(counter) % len(qids)]
            return submit_answer(
                db=db,
                user_id=user,
                session_id=target,
                question_id=question_id,
                text=answer,
                duration_ms=120_000,
                scorer=scorer,
            )

        return submit

    for label, scorer in _scorers():
        cases.append((f"submit answer ({len(answer.split())} words)", label, submitter(scorer)))
    for op, scorer_label, fn in cases:
        p50, p95, mean = summary(time_calls(unit(fn), repeat))
        ok = "yes" if p95 < TARGET_P95_MS else "NO"
        rows.append([name, op, scorer_label, p50, p95, mean, ok])

    # Context, untimed against the target: finishing a session recomputes stats over 500 sessions.
    def complete(db: Session) -> object:
        sid = start_session(
            db=db, user_id=user, request=StartRequest(question_count=5), seed=next(seeds)
        ).session.id
        for q in get_questions(db=db, user_id=user, session_id=sid)[:3]:
            submit_answer(
                db=db,
                user_id=user,
                session_id=sid,
                question_id=q.id,
                text="x",
                duration_ms=None,
                scorer=FastScorer(),
            )
        return update_session(
            db=db, user_id=user, session_id=sid, action=SessionAction.COMPLETE, scorer=FastScorer()
        )

    for op, fn in (
        ("start + 3 answers + complete (stats recompute)", complete),
        ("get_progress (500+ sessions)", lambda db: get_progress(db=db, user_id=user)),
    ):
        p50, p95, mean = summary(time_calls(unit(fn), max(10, repeat // 5)))
        rows.append([name, op, "fast fake scorer" if "complete" in op else "-", p50, p95, mean, "(info)"])
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench sessions", description=__doc__)
    parser.add_argument("--bank", type=int, default=10_000, help="generated bank questions")
    parser.add_argument("--sessions", type=int, default=500, help="past completed sessions of the user")
    parser.add_argument("--repeat", type=int, default=200, help="timed calls per operation")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args(argv)

    rows: list[list[object]] = []
    for name, engine in _engines(args.backend):
        print(f"{name}: generating {args.bank:,} bank questions and {args.sessions} past sessions ...")
        user = _populate(engine, args.bank, args.sessions)
        rows += _measure(name, engine, user, args.repeat)
    print()
    print(
        f"p50/p95/mean in ms over {args.repeat} calls (fewer for info rows); each call = one transaction "
        f"with COMMIT; target p95 < {TARGET_P95_MS:.0f} ms"
    )
    print_table(["backend", "operation", "scorer", "p50", "p95", "mean", "p95 ok"], rows)
    failed = any(r[-1] == "NO" for r in rows)
    return 1 if failed else 0
