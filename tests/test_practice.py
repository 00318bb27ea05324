"""Retrying a session and practising one bank question, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.answers import complete_session, submit_answer
from core.errors import AccessDenied, InvalidInput, NotFound
from core.practice import practice_question, retry_session
from core.progress import get_progress
from core.questions import get_bank_question
from core.sessions import get_session, list_sessions, start_session, update_session
from core.stats import get_stats
from core.users import JobInput, create_job
from db.enums import Difficulty, InterviewStatus, InterviewType, QuestionCategory
from db.models import InterviewQuestion
from tests.fakes import T0, FakeScorer, add_bank, new_user, request

pytestmark = pytest.mark.db

HOUR = dt.timedelta(hours=1)

QUESTION_FIELDS = (
    "order_index",
    "bank_id",
    "question",
    "category",
    "difficulty",
    "interview_type",
    "hints",
    "time_limit",
    "rubric",
)


def finished(db: Session, user_id: str, *, how: str = "complete", job_id: str | None = None) -> str:
    """A 4-question MIXED session, two answers in, then completed or abandoned."""
    req = request(type=InterviewType.MIXED, question_count=4, job_id=job_id)
    started = start_session(db=db, user_id=user_id, request=req, seed=11, now=T0)
    scorer = FakeScorer()
    for q in started.questions[:2]:
        submit_answer(
            db=db, user_id=user_id, session_id=started.session.id, question_id=q.id,
            text="score=75 I did it.", duration_ms=20_000, scorer=scorer, now=T0,
        )  # fmt: skip
    update_session(
        db=db, user_id=user_id, session_id=started.session.id, action=how, scorer=scorer, now=T0 + HOUR
    )
    return started.session.id


# ---- retry ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["complete", "abandon"])
def test_retry_copies_the_questions_into_a_new_session(db: Session, how: str) -> None:
    user = new_user(db)
    old_id = finished(db, user, how=how)
    old = get_session(db=db, user_id=user, session_id=old_id)
    now = T0 + 3 * HOUR

    started = retry_session(db=db, user_id=user, session_id=old_id, now=now)

    new = started.session
    assert new.id != old_id
    assert new.status is InterviewStatus.IN_PROGRESS and new.started_at == now and new.created_at == now
    assert new.type is InterviewType.MIXED and new.completed_at is None and new.total_score is None
    assert new.question_count == 4 and new.answered_count == 0
    assert [q.session_id for q in started.questions] == [new.id] * 4
    assert not {q.id for q in started.questions} & {q.id for q in old.questions}
    assert all(q.answer is None for q in started.questions)
    for field in QUESTION_FIELDS:
        assert [getattr(q, field) for q in started.questions] == [getattr(q, field) for q in old.questions]
    assert [q.order_index for q in started.questions] == [1, 2, 3, 4]
    assert all(q.bank_id for q in started.questions)

    # What is stored matches what was returned; the old session is untouched.
    assert get_session(db=db, user_id=user, session_id=new.id).questions == started.questions
    again = get_session(db=db, user_id=user, session_id=old_id)
    assert again.summary == old.summary and again.questions == old.questions
    assert get_stats(db=db, user_id=user).total_sessions == 2
    bank_id = started.questions[0].bank_id
    assert bank_id is not None and get_bank_question(db=db, bank_id=bank_id).usage_count >= 2


def test_retry_keeps_the_job(db: Session) -> None:
    user = new_user(db)
    job = create_job(db=db, user_id=user, job=JobInput(title="Data Engineer", description="Spark, SQL"))
    old_id = finished(db, user, job_id=job.id)
    new = retry_session(db=db, user_id=user, session_id=old_id, now=T0 + HOUR).session
    assert new.job_id == job.id and new.job_title == "Data Engineer"


def test_a_retried_session_can_be_answered_and_completed(db: Session) -> None:
    user = new_user(db)
    started = retry_session(db=db, user_id=user, session_id=finished(db, user), now=T0 + HOUR)
    scorer = FakeScorer()
    for q in started.questions:
        submit_answer(
            db=db, user_id=user, session_id=started.session.id, question_id=q.id,
            text="score=90 Better this time.", duration_ms=10_000, scorer=scorer, now=T0 + 2 * HOUR,
        )  # fmt: skip
    done = complete_session(
        db=db, user_id=user, session_id=started.session.id, scorer=scorer, now=T0 + 3 * HOUR
    )
    assert done.summary.status is InterviewStatus.COMPLETED and done.summary.total_score == 90
    stats = get_stats(db=db, user_id=user)
    assert stats.completed_sessions == 2 and stats.best_score == 90


def test_unfinished_sessions_are_not_retried(db: Session) -> None:
    user = new_user(db)
    running = start_session(db=db, user_id=user, request=request(question_count=2), seed=1, now=T0)
    with pytest.raises(InvalidInput, match="still IN PROGRESS: finish or abandon it"):
        retry_session(db=db, user_id=user, session_id=running.session.id, now=T0)
    waiting = start_session(
        db=db, user_id=user, request=request(question_count=2, start_now=False), seed=1, now=T0
    )
    with pytest.raises(InvalidInput, match="still PENDING"):
        retry_session(db=db, user_id=user, session_id=waiting.session.id, now=T0)


def test_only_the_owner_may_retry(db: Session) -> None:
    owner, stranger = new_user(db, "owner"), new_user(db, "stranger")
    old_id = finished(db, owner)
    with pytest.raises(AccessDenied, match="belongs to another user"):
        retry_session(db=db, user_id=stranger, session_id=old_id, now=T0)
    with pytest.raises(NotFound, match="does not exist"):
        retry_session(db=db, user_id=owner, session_id="missing", now=T0)
    assert list_sessions(db=db, user_id=stranger).total == 0


# ---- practice one question -----------------------------------------------------------------------


def bank_question(db: Session) -> str:
    (row,) = add_bank(
        db,
        category=QuestionCategory.TECHNICAL,
        difficulty=Difficulty.HARD,
        interview_type=InterviewType.TECHNICAL,
        question="How would you find a memory leak in a long-running service?",
    )
    return row.id


def test_practice_scores_and_records_a_one_question_session(db: Session) -> None:
    user = new_user(db)
    bank_id = bank_question(db)
    scorer = FakeScorer()

    result = practice_question(
        db=db, user_id=user, bank_id=bank_id, text="score=82 I took heap snapshots.",
        duration_ms=90_000, scorer=scorer, now=T0,
    )  # fmt: skip

    assert result.scored and result.answer.score == 82
    assert result.answer.text == "score=82 I took heap snapshots."
    assert result.answer.duration_ms == 90_000 and result.answer.result is not None
    assert result.session.type is InterviewType.TECHNICAL
    assert result.session.status is InterviewStatus.COMPLETED and result.session.total_score == 82
    assert result.session.question_count == 1 and result.session.completed_at == T0
    bank = get_bank_question(db=db, bank_id=bank_id)
    q = result.question
    assert (q.bank_id, q.question, q.category, q.difficulty, q.interview_type) == (
        bank_id, bank.question, bank.category, bank.difficulty, bank.interview_type,
    )  # fmt: skip
    assert q.hints == bank.hints and q.rubric == bank.rubric and q.time_limit == 340
    assert q.answer == result.answer
    assert len(scorer.history) == 1 and scorer.history[0].sample_answer == bank.sample_answer

    # In history, stats and progress like any session.
    assert [s.id for s in list_sessions(db=db, user_id=user).items] == [result.session.id]
    stats = get_stats(db=db, user_id=user)
    assert (stats.total_sessions, stats.completed_sessions, stats.avg_score) == (1, 1, 82)
    assert stats.technical_avg == 82
    progress = get_progress(db=db, user_id=user, now=T0 + HOUR)
    assert progress.answers == 1 and progress.series[-1].avg == 82
    assert bank.usage_count == 1 and bank.avg_score == 82


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_an_empty_practice_answer_is_refused_and_leaves_nothing(db: Session, text: str) -> None:
    user = new_user(db)
    bank_id = bank_question(db)
    with pytest.raises(InvalidInput, match="the answer is empty"):
        practice_question(
            db=db, user_id=user, bank_id=bank_id, text=text, duration_ms=None, scorer=FakeScorer(), now=T0
        )
    assert list_sessions(db=db, user_id=user).total == 0
    assert db.scalars(select(InterviewQuestion).where(InterviewQuestion.bank_id == bank_id)).all() == []
    assert get_stats(db=db, user_id=user).total_sessions == 0


def test_other_invalid_answers_are_refused_the_same_way(db: Session) -> None:
    user = new_user(db)
    with pytest.raises(InvalidInput, match="duration"):
        practice_question(
            db=db, user_id=user, bank_id=bank_question(db), text="An answer.", duration_ms=-5,
            scorer=FakeScorer(), now=T0,
        )  # fmt: skip
    assert list_sessions(db=db, user_id=user).total == 0


def test_a_failing_scorer_keeps_the_practice_answer(db: Session) -> None:
    user = new_user(db)
    bank_id = bank_question(db)
    broken = FakeScorer(fail=True)

    result = practice_question(
        db=db, user_id=user, bank_id=bank_id, text="I would profile the heap.", duration_ms=1_000,
        scorer=broken, now=T0,
    )  # fmt: skip

    assert not result.scored and result.answer.text == "I would profile the heap."
    assert result.answer.scoring_error == "RuntimeError: scoring service unavailable"
    assert result.session.status is InterviewStatus.IN_PROGRESS
    assert len(broken.history) == 1  # not hammered again in the same request
    stored = get_session(db=db, user_id=user, session_id=result.session.id)
    assert stored.questions[0].answer is not None
    assert stored.questions[0].answer.text == "I would profile the heap."

    # Completing later scores it, as for any session.
    done = complete_session(
        db=db, user_id=user, session_id=result.session.id, scorer=FakeScorer(), now=T0 + HOUR
    )
    assert done.summary.total_score == 70 and done.questions[0].answer is not None
    assert done.questions[0].answer.text == "I would profile the heap."


def test_practice_needs_a_real_question_and_user(db: Session) -> None:
    user = new_user(db)
    with pytest.raises(NotFound, match="not in the bank"):
        practice_question(
            db=db, user_id=user, bank_id="missing", text="x", duration_ms=None, scorer=FakeScorer(), now=T0
        )
    with pytest.raises(NotFound, match="user"):
        practice_question(
            db=db, user_id="nobody", bank_id=bank_question(db), text="An answer.", duration_ms=None,
            scorer=FakeScorer(), now=T0,
        )  # fmt: skip
