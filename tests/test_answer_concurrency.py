"""Submitting against a real, shared database: the answer is committed before scoring, and two submits
for the same question at once both succeed, the later text winning (no unique-constraint error)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from core.sessions import get_questions, submit_answer
from core.views import DETAIL_OPTIONS
from db.engine import make_sessionmaker, unit_of_work
from db.models import InterviewAnswer, InterviewSession, User
from tests.fakes import FakeScorer, new_user, start_quick


def _committed(engine: Engine) -> Iterator[tuple[Engine, str, str, str]]:
    factory = make_sessionmaker(engine)
    with unit_of_work(factory) as db:
        user = new_user(db, "racer")
        sid = start_quick(db, user)
        qid = get_questions(db=db, user_id=user, session_id=sid)[0].id
    yield engine, user, sid, qid
    with unit_of_work(factory) as db:  # leave the shared database as it was: the user and all theirs go
        db.delete(db.get(User, user))


@pytest.fixture
def committed(engine: Engine) -> Iterator[tuple[Engine, str, str, str]]:
    """A user and a started session, committed (not rolled back): these tests need several connections."""
    yield from _committed(engine)


@pytest.fixture
def committed_pg(pg_engine: Engine) -> Iterator[tuple[Engine, str, str, str]]:
    """The same on PostgreSQL only: SQLite serialises writers, so two cannot insert side by side there."""
    yield from _committed(pg_engine)


class SeesTheStoredAnswer(FakeScorer):
    """A scorer that looks, from another connection, for the answer it is scoring."""

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self.engine = engine
        self.seen: list[str | None] = []

    def score(self, item):  # type: ignore[no-untyped-def]
        with Session(self.engine) as other:
            self.seen.append(other.scalar(select(InterviewAnswer.answer_text).limit(1).where(
                InterviewAnswer.answer_text == item.answer)))  # fmt: skip
        return super().score(item)


def test_the_answer_is_committed_before_the_scorer_runs(committed: tuple[Engine, str, str, str]) -> None:
    engine, user, sid, qid = committed
    scorer = SeesTheStoredAnswer(engine)
    with unit_of_work(make_sessionmaker(engine)) as db:
        submit_answer(db=db, user_id=user, session_id=sid, question_id=qid, text="Mine. score=64",
                      duration_ms=None, scorer=scorer)  # fmt: skip
    assert scorer.seen == ["Mine. score=64"]  # visible to others while scoring: a crash would not lose it


def test_a_crash_while_scoring_keeps_the_answer(committed: tuple[Engine, str, str, str]) -> None:
    engine, user, sid, qid = committed

    class Crash(FakeScorer):
        def score(self, item):  # type: ignore[no-untyped-def]
            raise KeyboardInterrupt  # not an Exception: the process is going down mid-scoring

    factory = make_sessionmaker(engine)
    with pytest.raises(KeyboardInterrupt), unit_of_work(factory) as db:
        submit_answer(db=db, user_id=user, session_id=sid, question_id=qid, text="Kept. score=50",
                      duration_ms=None, scorer=Crash())  # fmt: skip
    with factory() as db:
        answer = db.scalar(select(InterviewAnswer).where(InterviewAnswer.question_id == qid))
        assert answer is not None and answer.answer_text == "Kept. score=50" and answer.score is None


def test_two_submits_for_one_question_at_once_both_succeed(
    committed_pg: tuple[Engine, str, str, str],
) -> None:
    engine, user, sid, qid = committed_pg
    factory = make_sessionmaker(engine)
    late = factory()
    try:
        # The late submit has already read the question as unanswered when the early one commits its answer.
        held = late.scalar(
            select(InterviewSession).where(InterviewSession.id == sid).options(*DETAIL_OPTIONS)
        )
        assert held is not None and all(q.answer is None for q in held.questions)
        with unit_of_work(factory) as early:
            submit_answer(db=early, user_id=user, session_id=sid, question_id=qid, text="Early. score=40",
                          duration_ms=None, scorer=FakeScorer())  # fmt: skip
        result = submit_answer(db=late, user_id=user, session_id=sid, question_id=qid, text="Late. score=90",
                               duration_ms=None, scorer=FakeScorer())  # fmt: skip
        late.commit()
    finally:
        late.close()
    assert result.answer.score == 90
    with factory() as db:
        rows = db.scalars(select(InterviewAnswer).where(InterviewAnswer.question_id == qid)).all()
        assert [(a.answer_text, a.score) for a in rows] == [("Late. score=90", 90)]
        assert db.scalar(select(func.count()).select_from(InterviewAnswer).where(
            InterviewAnswer.session_id == sid)) == 1  # fmt: skip
