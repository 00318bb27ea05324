"""The data model on both databases: types, defaults, uniqueness, cascades, UTC timestamps."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.enums import Difficulty, InterviewStatus, InterviewType, QuestionCategory, UserRole
from db.models import (
    InterviewAnswer,
    InterviewQuestion,
    InterviewSession,
    InterviewStats,
    Job,
    Profile,
    QuestionBank,
    User,
)


def _user(db: Session, email: str = "ada@example.com") -> User:
    user = User(email=email, display_name="Ada")
    db.add(user)
    db.flush()
    return user


def _session_with_answer(db: Session, user: User) -> InterviewSession:
    session = InterviewSession(user_id=user.id, type=InterviewType.BEHAVIORAL)
    question = InterviewQuestion(
        order_index=1,
        question="Tell me about a time you led a project.",
        category=QuestionCategory.LEADERSHIP,
        hints=["Use STAR", "Quantify results"],
        rubric={"criteria": [{"name": "Situation", "weight": 1.0}]},
    )
    session.questions.append(question)
    db.add(session)
    db.flush()
    db.add(InterviewAnswer(session_id=session.id, question_id=question.id, answer_text="I led..."))
    db.flush()
    return session


def test_defaults_ids_and_enums(db: Session) -> None:
    user = _user(db)
    session = _session_with_answer(db, user)
    db.expire_all()
    loaded = db.get(InterviewSession, session.id)
    assert loaded is not None
    assert user.role is UserRole.CANDIDATE
    assert loaded.status is InterviewStatus.PENDING and loaded.type is InterviewType.BEHAVIORAL
    assert loaded.id.startswith("c") and len(loaded.id) == 25
    question = loaded.questions[0]
    assert question.difficulty is Difficulty.MEDIUM
    assert question.hints == ["Use STAR", "Quantify results"]
    assert question.rubric == {"criteria": [{"name": "Situation", "weight": 1.0}]}


def test_timestamps_are_aware_utc(db: Session) -> None:
    user = _user(db)
    started = dt.datetime(2026, 3, 1, 12, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    session = InterviewSession(user_id=user.id, started_at=started)
    db.add(session)
    db.flush()
    db.expire_all()
    loaded = db.get(InterviewSession, session.id)
    assert loaded is not None and loaded.started_at is not None
    assert loaded.started_at.utcoffset() == dt.timedelta(0)
    assert loaded.started_at == started
    assert loaded.created_at.tzinfo is not None


def test_naive_datetime_is_refused(db: Session) -> None:
    user = _user(db)
    db.add(InterviewSession(user_id=user.id, started_at=dt.datetime(2026, 1, 1)))
    with pytest.raises(Exception, match="naive datetime"):
        db.flush()


def test_string_lists_and_json_round_trip(db: Session) -> None:
    user = _user(db)
    db.add(Profile(user_id=user.id, skills=["SQL", "Python", "café"], cv_text="cv"))
    job = Job(user_id=user.id, title="Data Analyst", required_skills=["Excel"], description="d")
    db.add(job)
    db.add(
        InterviewStats(
            user_id=user.id,
            weekly_progress=[{"week": "2026-W01", "avg": 71.5}],
            strengths_json=["LEADERSHIP"],
        )
    )
    db.flush()
    db.expire_all()
    profile = db.scalar(select(Profile).where(Profile.user_id == user.id))
    stats = db.scalar(select(InterviewStats).where(InterviewStats.user_id == user.id))
    assert profile is not None and profile.skills == ["SQL", "Python", "café"]
    assert stats is not None and stats.weekly_progress == [{"week": "2026-W01", "avg": 71.5}]
    assert stats.strengths_json == ["LEADERSHIP"]


def test_email_is_unique(db: Session) -> None:
    _user(db, "same@example.com")
    db.add(User(email="same@example.com", display_name="Twin"))
    with pytest.raises(IntegrityError):
        db.flush()


def test_one_answer_per_question(db: Session) -> None:
    user = _user(db)
    session = _session_with_answer(db, user)
    db.add(InterviewAnswer(session_id=session.id, question_id=session.questions[0].id, answer_text="again"))
    with pytest.raises(IntegrityError):
        db.flush()


def test_deleting_a_session_deletes_its_questions_and_answers(db: Session) -> None:
    user = _user(db)
    session = _session_with_answer(db, user)
    db.delete(session)
    db.flush()
    assert db.scalar(select(func.count()).select_from(InterviewQuestion)) == 0
    assert db.scalar(select(func.count()).select_from(InterviewAnswer)) == 0


def test_deleting_a_user_deletes_sessions_stats_profile_and_jobs(db: Session) -> None:
    user = _user(db)
    _session_with_answer(db, user)
    db.add(InterviewStats(user_id=user.id, total_sessions=1))
    db.add(Profile(user_id=user.id))
    db.add(Job(user_id=user.id, title="Nurse", description=""))
    db.flush()
    db.expire_all()
    db.delete(db.get(User, user.id))
    db.flush()
    for model in (InterviewSession, InterviewQuestion, InterviewAnswer, InterviewStats, Profile, Job):
        assert db.scalar(select(func.count()).select_from(model)) == 0, model.__name__


def test_database_level_cascade_without_orm(db: Session) -> None:
    """ON DELETE CASCADE is in the schema itself, not only in the ORM (foreign keys on in SQLite)."""
    user = _user(db)
    _session_with_answer(db, user)
    db.execute(User.__table__.delete().where(User.__table__.c.id == user.id))
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(InterviewAnswer)) == 0


def test_deleting_a_bank_question_keeps_session_questions(db: Session) -> None:
    bank = QuestionBank(
        question="Describe a time you missed a deadline.",
        category=QuestionCategory.BEHAVIORAL,
        rubric={"criteria": []},
        search_text="deadline",
    )
    db.add(bank)
    user = _user(db)
    session = InterviewSession(user_id=user.id)
    session.questions.append(
        InterviewQuestion(order_index=1, question=bank.question, category=bank.category, bank=bank)
    )
    db.add(session)
    db.flush()
    db.delete(bank)
    db.flush()
    db.expire_all()
    question = db.get(InterviewQuestion, session.questions[0].id)
    assert question is not None and question.bank_id is None
