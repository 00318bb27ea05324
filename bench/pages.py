"""Page script run time (AppTest) for a busy user: 500 completed sessions and a 20-question session.

Usage: python -m bench pages [--sessions N] [--repeat N] [--keep DIR]

Each page runs once cold (a new AppTest: compile, imports cached, first queries) and then ``--repeat``
times as a rerun of the same AppTest, which is what a click costs. Target: p50 under 300 ms per page run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import print_table, summary
from db.engine import unit_of_work

TARGET_MS = 300.0


def _seed(db_path: Path, sessions: int) -> dict[str, str]:
    """A user with ``sessions`` completed sessions, a 20-question session in progress and one completed."""
    from core.answers import submit_answer
    from core.dto import SessionAction, StartRequest
    from core.enums import InterviewType
    from core.scoring.rule import RuleScorer
    from core.sessions import get_questions, start_session, update_session
    from core.users import JobInput, ProfileUpdate, create_job, create_user, update_profile
    from db.engine import make_engine, make_sessionmaker
    from tests.pages_support import STRONG_ANSWER, build_template

    build_template(db_path)
    engine = make_engine(f"sqlite:///{db_path}")
    factory = make_sessionmaker(engine)
    scorer = RuleScorer()
    rng = random.Random(5)
    answers = [STRONG_ANSWER, STRONG_ANSWER[:300], "I worked hard and it went well in the end."]
    now = dt.datetime.now(dt.UTC)
    with unit_of_work(factory) as db:
        uid = create_user(db=db, email="busy@example.com", display_name="Busy Candidate").id
        update_profile(
            db=db,
            user_id=uid,
            update=ProfileUpdate(
                cv_text="Python developer, 6 years", skills=["Python", "SQL"], target_role="Developer"
            ),
        )
        create_job(db=db, user_id=uid, job=JobInput(title="Backend Engineer", description="Python and SQL"))

    def run_session(
        kind: InterviewType, count: int, when: dt.datetime, answer: int | None, finish: bool
    ) -> str:
        with unit_of_work(factory) as db:
            sid = start_session(
                db=db,
                user_id=uid,
                request=StartRequest(type=kind, question_count=count),
                now=when,
                seed=rng.randrange(1 << 30),
            ).session.id
            questions = get_questions(db=db, user_id=uid, session_id=sid)
            for q in questions[: answer if answer is not None else len(questions)]:
                submit_answer(
                    db=db,
                    user_id=uid,
                    session_id=sid,
                    question_id=q.id,
                    text=rng.choice(answers),
                    duration_ms=rng.randrange(30_000, 300_000),
                    scorer=scorer,
                    now=when,
                )
            if finish:
                update_session(
                    db=db, user_id=uid, session_id=sid, action=SessionAction.COMPLETE, scorer=scorer, now=when
                )
        return sid

    kinds = [InterviewType.BEHAVIORAL, InterviewType.TECHNICAL, InterviewType.BEHAVIORAL, InterviewType.MIXED]
    start = time.perf_counter()
    for i in range(sessions):
        when = now - dt.timedelta(days=730 * (sessions - i) / sessions)
        run_session(kinds[i % len(kinds)], rng.randint(3, 5), when, None, True)
    results_id = run_session(InterviewType.BEHAVIORAL, 20, now - dt.timedelta(minutes=30), None, True)
    session_id = run_session(InterviewType.BEHAVIORAL, 20, now, 10, False)
    print(f"seeded {sessions + 2} sessions in {time.perf_counter() - start:.1f} s")
    engine.dispose()
    return {"user_id": uid, "session_id": session_id, "results_id": results_id}


class _QueryCounter:
    """Counts SQL statements of every engine (shows there is no N+1 pattern)."""

    def __init__(self) -> None:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        self.count = 0
        event.listen(Engine, "before_cursor_execute", self._seen)

    def _seen(self, *args: Any) -> None:
        self.count += 1


def _measure(
    page: str, state: dict[str, Any], query: dict[str, str], repeat: int, counter: _QueryCounter
) -> tuple[float, list[float], float]:
    from streamlit.testing.v1 import AppTest

    from tests.pages_support import ROOT

    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=120)
    for key, value in state.items():
        at.session_state[key] = value
    for key, value in query.items():
        at.query_params[key] = value
    start = time.perf_counter()
    at.run()
    cold = (time.perf_counter() - start) * 1000
    if at.exception:
        raise RuntimeError(f"{page} raised: {at.exception[0].message}")
    timings = []
    before = counter.count
    for _ in range(repeat):
        start = time.perf_counter()
        at.run()
        timings.append((time.perf_counter() - start) * 1000)
    return cold, timings, (counter.count - before) / max(1, repeat)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench pages")
    parser.add_argument("--sessions", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--keep", type=Path, help="keep the seeded database in this directory")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        db_path = folder / "bench-pages.db"
        if db_path.exists():
            db_path.unlink()
        ids = _seed(db_path, args.sessions)
        os.environ.update(
            {
                "DATABASE_URL": f"sqlite:///{db_path}",
                "JOBCIRCLE_DATA_DIR": str(folder),
                "JOBCIRCLE_SEED_ON_START": "false",
            }
        )
        os.environ.pop("OPENAI_API_KEY", None)
        os.environ.pop("OPENAI_BASE_URL", None)
        user = {"user_id": ids["user_id"]}
        cases = [
            ("hub", "hub", user, {}),
            ("session (20 questions, 10 answered)", "session", user, {"id": ids["session_id"]}),
            ("results (20 questions)", "results", user, {"id": ids["results_id"]}),
            ("question bank", "questions", user, {}),
            ("profile & jobs", "profile", user, {}),
        ]
        rows = []
        counter = _QueryCounter()
        for name, page, state, query in cases:
            cold, timings, queries = _measure(page, state, query, args.repeat, counter)
            p50, p95, _ = summary(timings)
            rows.append([name, cold, p50, p95, f"{queries:.0f}", "yes" if p50 < TARGET_MS else "NO"])
    print(
        f"\nPage runs (AppTest) for a user with {args.sessions} completed sessions; {args.repeat} reruns "
        "each "
        f"after one cold run (target p50 < {TARGET_MS:.0f} ms)\n"
    )
    print_table(["page", "cold ms", "p50 ms", "p95 ms", "SQL per run", f"p50 < {TARGET_MS:.0f} ms"], rows)
    return 0
