"""Wall time of AI-scoring a whole session against one AI call's latency (target ratio <= 2).

Usage: python -m bench ai [--latency S] [--answers N] [--concurrency N[,N...]] [--repeat N]

A local OpenAI-compatible server (tests/ai_server.py) answers every chat request after a fixed latency.
A session of N answers is stored unscored in a temporary SQLite database, then scored with
``core.answers.score_session`` and the AI scorer (real openai client, moderation call included), once per
concurrency setting. "one answer" is the same scorer on a single answer: the latency of one AI call as the
app sees it.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import print_table
from core.ai import MemoryUsageStore, OpenAICompatibleProvider
from core.answers import score_session, submit_answer
from core.dto import StartRequest
from core.scoring.base import DIMENSIONS, ScoreResult, ScoringInput
from core.scoring.factory import make_scorer
from core.sessions import start_session
from core.settings import Settings
from core.users import create_user
from db.engine import make_engine, make_sessionmaker, unit_of_work
from db.enums import InterviewType
from db.migrate import upgrade_to_head
from db.seed import load_bank, seed_bank
from tests.ai_server import AIServer, reply

ANSWER = (
    "Last spring I led a team of five engineers when our payments release slipped two weeks before a "
    "regulatory deadline. I split the work into three streams, paired juniors with seniors and cut scope "
    "with the product owner. We shipped three days early and passed the audit with zero findings."
)
REPLY = {
    "score": 80,
    "breakdown": {"dimensions": {n: {"score": 80, "notes": "ok"} for n in DIMENSIONS}, "criteria": []},
    "feedback": "Name the trade-off you negotiated.",
    "strengths": ["Quantified"],
    "improvements": ["Stakeholders"],
    "suggestion": "A stronger answer ...",
}


class _Unscored:
    """Leaves answers saved but unscored (so score_session has the whole session to do)."""

    name = "unscored"

    def score(self, item: ScoringInput) -> ScoreResult:
        raise RuntimeError("scored later")

    def score_many(self, items: Any) -> list[ScoreResult]:
        raise RuntimeError("scored later")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench ai", description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.3, help="seconds per chat reply (default 0.3)")
    parser.add_argument("--answers", type=int, default=10, help="answers in the session (default 10)")
    parser.add_argument("--concurrency", default="4,10", help="ai_concurrency values to try (default 4,10)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per setting; the median is shown")
    args = parser.parse_args(argv)
    levels = [int(x) for x in str(args.concurrency).split(",") if x.strip()]
    logging.getLogger("core.answers").setLevel(logging.ERROR)  # the deliberate "scored later" failures

    with tempfile.TemporaryDirectory() as tmp, AIServer() as server:
        server.default = reply(REPLY)
        server.latency_s = args.latency
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        upgrade_to_head(engine)
        factory = make_sessionmaker(engine)
        with unit_of_work(factory) as db:
            seed_bank(db, load_bank()[0])
            user = create_user(db=db, email="bench@example.com", display_name="Bench").id

        rows: list[list[object]] = []
        for level in levels:
            settings = Settings(
                database_url=str(engine.url),
                data_dir=Path(tmp),
                openai_base_url=server.base_url,
                openai_model="bench-model",
                ai_concurrency=level,
                ai_timeout_s=30,
                ai_calls_per_hour=100_000,
                ai_daily_budget_usd=1e9,
            )
            provider = OpenAICompatibleProvider.from_settings(settings, backoff_s=0.01)
            scorer = make_scorer(settings, provider=provider, usage=MemoryUsageStore())
            one_ms: list[float] = []
            all_ms: list[float] = []
            for _ in range(args.repeat):
                with unit_of_work(factory) as db:
                    started = start_session(
                        db=db,
                        user_id=user,
                        request=StartRequest(
                            type=InterviewType.BEHAVIORAL, question_count=min(20, args.answers)
                        ),
                    )
                    for q in started.questions:
                        submit_answer(
                            db=db,
                            user_id=user,
                            session_id=started.session.id,
                            question_id=q.id,
                            text=ANSWER,
                            duration_ms=None,
                            scorer=_Unscored(),
                        )
                    item = ScoringInput(
                        question=started.questions[0].question,
                        answer=ANSWER,
                        interview_type=InterviewType.BEHAVIORAL,
                        category=started.questions[0].category,
                        user_id=user,
                    )
                    began = time.perf_counter()
                    scorer.score(item)
                    one_ms.append((time.perf_counter() - began) * 1000)
                    began = time.perf_counter()
                    detail = score_session(db=db, user_id=user, session_id=started.session.id, scorer=scorer)
                    all_ms.append((time.perf_counter() - began) * 1000)
                    engines = {q.answer.engine for q in detail.questions if q.answer is not None}
                    if engines != {"blend"}:
                        raise SystemExit(f"unexpected engines {engines}: is the server answering?")
            one, whole = statistics.median(one_ms), statistics.median(all_ms)
            ratio = whole / one
            rows.append(
                [
                    level,
                    len(started.questions),
                    round(one),
                    round(whole),
                    ratio,
                    "yes" if ratio <= 2 else "no",
                ]
            )
        engine.dispose()

    print(
        f"AI scoring against a local server answering in {args.latency * 1000:.0f} ms "
        f"(median of {args.repeat} runs)"
    )
    print_table(["ai_concurrency", "answers", "one answer ms", "session ms", "ratio", "<= 2"], rows)
    return 0
