"""Answering: scores and next question, re-answers, scoring failures keep answers, overtime, refusals."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.answers import MAX_ANSWER_CHARS
from core.dto import SessionAction
from core.errors import InvalidInput, InvalidTransition, NotFound
from core.sessions import get_questions, score_session, submit_answer, update_session
from db.enums import InterviewStatus
from db.models import InterviewAnswer, InterviewSession
from tests.fakes import (
    T0,
    FakeScorer,
    answer_at,
    new_user,
    session_in,
    start_quick,
)

S = InterviewStatus
A = SessionAction


def test_answer_returns_score_and_next_question(bank: Session) -> None:
    user = new_user(bank)
    sid = start_quick(bank, user)
    questions = get_questions(db=bank, user_id=user, session_id=sid)
    scorer = FakeScorer()
    result = submit_answer(
        db=bank,
        user_id=user,
        session_id=sid,
        question_id=questions[1].id,
        text="I led it. score=78",
        duration_ms=145_000,
        scorer=scorer,
        now=T0,
    )
    answer = result.answer
    assert answer.score == 78 and answer.grade == "B" and answer.scored and answer.engine == "fake"
    assert answer.result is not None and answer.result.dimensions["structure"].score == 78
    assert answer.scored_at == T0 and answer.duration_ms == 145_000 and not answer.overtime
    assert result.next_question is not None and result.next_question.id == questions[2].id
    item = scorer.history[0]
    assert (
        item.question == questions[1].question and item.sample_answer and item.rubric == questions[1].rubric
    )
    assert (
        item.time_limit_s == questions[1].time_limit and item.duration_ms == 145_000 and item.user_id == user
    )
    # After the last question, the next one is the first still open.
    result = submit_answer(
        db=bank,
        user_id=user,
        session_id=sid,
        question_id=questions[2].id,
        text="x score=60",
        duration_ms=None,
        scorer=scorer,
    )
    assert result.next_question is not None and result.next_question.id == questions[0].id
    result = submit_answer(
        db=bank,
        user_id=user,
        session_id=sid,
        question_id=questions[0].id,
        text="x",
        duration_ms=None,
        scorer=scorer,
    )
    assert result.next_question is None


def test_reanswer_replaces_and_rescores(bank: Session) -> None:
    user = new_user(bank)
    sid = start_quick(bank, user)
    answer_at(bank, user, sid, 0, "first try score=40")
    answer_at(bank, user, sid, 0, "second try score=90")
    [answer] = bank.scalars(select(InterviewAnswer).where(InterviewAnswer.session_id == sid)).all()
    assert answer.answer_text == "second try score=90" and answer.score == 90


def test_scoring_failure_keeps_theanswer_at(bank: Session) -> None:
    user = new_user(bank)
    sid = start_quick(bank, user)
    question = get_questions(db=bank, user_id=user, session_id=sid)[0]
    result = submit_answer(
        db=bank,
        user_id=user,
        session_id=sid,
        question_id=question.id,
        text="My careful answer",
        duration_ms=1000,
        scorer=FakeScorer(fail=True),
    )
    assert result.answer.score is None and not result.answer.scored
    assert result.answer.scoring_error == "RuntimeError: scoring service unavailable"
    assert "saved" in (result.answer.feedback or "")
    bank.commit()  # the caller's transaction commits the unscored answer (a savepoint here)
    bank.expire_all()
    stored = bank.scalar(select(InterviewAnswer).where(InterviewAnswer.question_id == question.id))
    assert stored is not None and stored.answer_text == "My careful answer" and stored.score is None
    # Scoring the session later retries it.
    detail = score_session(db=bank, user_id=user, session_id=sid, scorer=FakeScorer())
    assert detail.questions[0].answer is not None and detail.questions[0].answer.score == 70
    assert detail.questions[0].answer.scoring_error is None
    assert detail.summary.status is S.IN_PROGRESS


def test_completion_survives_a_failing_batch_and_a_failing_scorer(bank: Session) -> None:
    user = new_user(bank)
    sid = start_quick(bank, user)
    answer_at(bank, user, sid, 0, "a score=60", scorer=FakeScorer(fail=True))
    answer_at(bank, user, sid, 1, "b score=90", scorer=FakeScorer(fail=True))
    batchless = FakeScorer(fail_batch=True)
    detail = update_session(db=bank, user_id=user, session_id=sid, action=A.COMPLETE, scorer=batchless)
    assert batchless.batches == [2] and len(batchless.history) == 2, "fell back to one call per answer"
    assert detail.summary.total_score == 75
    sid2 = start_quick(bank, user)
    answer_at(bank, user, sid2, 0, "c score=50")
    answer_at(bank, user, sid2, 1, "d", scorer=FakeScorer(fail=True))
    detail = update_session(
        db=bank, user_id=user, session_id=sid2, action=A.COMPLETE, scorer=FakeScorer(fail=True)
    )
    assert detail.summary.status is S.COMPLETED and detail.summary.total_score == 50
    assert "Not scored (the scorer failed): Q2" in (detail.feedback_summary or "")
    detail = score_session(db=bank, user_id=user, session_id=sid2, scorer=FakeScorer())
    assert detail.summary.total_score == 60 and "Not scored" not in (detail.feedback_summary or "")


def test_overtime_answer_is_kept_and_flagged(bank: Session) -> None:
    user = new_user(bank)
    sid = start_quick(bank, user)
    question = get_questions(db=bank, user_id=user, session_id=sid)[0]
    assert question.time_limit is not None
    late = submit_answer(
        db=bank,
        user_id=user,
        session_id=sid,
        question_id=question.id,
        text="late score=70",
        duration_ms=question.time_limit * 1000 + 1,
        scorer=FakeScorer(),
    )
    assert late.answer.overtime and "overtime" in late.answer.flags and late.answer.score == 70
    assert late.answer.result is not None and "overtime" in late.answer.result.flags
    on_time = submit_answer(
        db=bank,
        user_id=user,
        session_id=sid,
        question_id=question.id,
        text="ok",
        duration_ms=question.time_limit * 1000,
        scorer=FakeScorer(),
    )
    assert not on_time.answer.overtime
    failed = submit_answer(
        db=bank,
        user_id=user,
        session_id=sid,
        question_id=question.id,
        text="late",
        duration_ms=question.time_limit * 1000 + 5,
        scorer=FakeScorer(fail=True),
    )
    assert failed.answer.overtime and failed.answer.score is None


@pytest.mark.parametrize(
    ("text", "duration", "message"),
    [
        ("x" * (MAX_ANSWER_CHARS + 1), 1000, "the answer is too long: 20,001 characters, at most 20,000"),
        ("   \n ", 1000, "the answer is empty"),
        ("fine", -5, "duration must be between 0 and"),
    ],
)
def test_bad_answers_are_refused(bank: Session, text: str, duration: int, message: str) -> None:
    user = new_user(bank)
    sid = start_quick(bank, user)
    question = get_questions(db=bank, user_id=user, session_id=sid)[0]
    with pytest.raises(InvalidInput, match=message):
        submit_answer(
            db=bank,
            user_id=user,
            session_id=sid,
            question_id=question.id,
            text=text,
            duration_ms=duration,
            scorer=FakeScorer(),
        )
    assert (
        bank.scalar(
            select(func.count()).select_from(InterviewAnswer).where(InterviewAnswer.session_id == sid)
        )
        == 0
    )


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (S.PENDING, "has not started yet: resume it before answering"),
        (S.COMPLETED, "this session is COMPLETED: answers can no longer be submitted or changed"),
        (S.ABANDONED, "this session is ABANDONED: answers can no longer be submitted or changed"),
    ],
)
def test_answering_a_closed_session_is_refused(bank: Session, status: InterviewStatus, message: str) -> None:
    user = new_user(bank)
    sid = session_in(bank, user, status)
    question = get_questions(db=bank, user_id=user, session_id=sid)[1]
    with pytest.raises(InvalidTransition, match=message):
        submit_answer(
            db=bank,
            user_id=user,
            session_id=sid,
            question_id=question.id,
            text="late",
            duration_ms=None,
            scorer=FakeScorer(),
        )


def test_question_of_another_session(bank: Session) -> None:
    user = new_user(bank)
    first, second = start_quick(bank, user), start_quick(bank, user)
    question = get_questions(db=bank, user_id=user, session_id=second)[0]
    with pytest.raises(NotFound, match=f"question {question.id} is not part of interview session {first}"):
        submit_answer(
            db=bank,
            user_id=user,
            session_id=first,
            question_id=question.id,
            text="x",
            duration_ms=None,
            scorer=FakeScorer(),
        )
    with pytest.raises(NotFound, match="question nope does not exist"):
        submit_answer(
            db=bank,
            user_id=user,
            session_id=first,
            question_id="nope",
            text="x",
            duration_ms=None,
            scorer=FakeScorer(),
        )


def test_rule_scorer_integration(bank: Session) -> None:
    rule = pytest.importorskip("core.scoring.rule")
    scorer = rule.RuleScorer()
    user = new_user(bank)
    sid = start_quick(bank, user)
    question = get_questions(db=bank, user_id=user, session_id=sid)[0]
    text = (
        "In my last role I led a team of five to migrate our billing system. I set a plan, split the work, "
        "and we shipped two weeks early, cutting invoice errors by 30 percent."
    )
    result = submit_answer(
        db=bank,
        user_id=user,
        session_id=sid,
        question_id=question.id,
        text=text,
        duration_ms=90_000,
        scorer=scorer,
    )
    assert result.answer.score is not None and 0 <= result.answer.score <= 100
    assert result.answer.result is not None and result.answer.engine == "rule"
    detail = update_session(db=bank, user_id=user, session_id=sid, action=A.COMPLETE, scorer=scorer)
    assert detail.summary.total_score == result.answer.score
    assert bank.scalar(select(InterviewSession.status).where(InterviewSession.id == sid)) is S.COMPLETED
