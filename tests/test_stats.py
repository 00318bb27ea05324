"""Interview stats: every field recomputed from the data; abandoned work does not count; deletes stay true."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.access import Actor, register_read_grant
from core.dto import SessionAction, StartRequest
from core.errors import AccessDenied
from core.sessions import delete_session, get_questions, start_session, submit_answer, update_session
from core.stats import compute_stats, get_stats, recompute_stats
from db.enums import QuestionCategory, UserRole
from db.models import InterviewStats
from tests.fakes import T0, FakeScorer, new_user, play

C = QuestionCategory


BANK_PER_CELL = 6  # the `bank` fixture (conftest.py) puts this many questions in each cell


def test_new_user_has_empty_stats(bank: Session) -> None:
    user = new_user(bank)
    stats = get_stats(db=bank, user_id=user)
    assert stats.total_sessions == 0 and stats.avg_score is None and stats.best_score is None
    assert set(stats.category_avgs) == {c.value for c in C} and not any(stats.category_avgs.values())
    assert stats.weekly_progress == () and stats.strengths == () and stats.areas_to_improve == ()


def test_every_field_from_the_data(bank: Session) -> None:
    user = new_user(bank)
    play(bank, user, C.LEADERSHIP, [90, 80, 85])
    play(bank, user, C.COMMUNICATION, [40, 50, 45], when=T0 + dt.timedelta(days=7))
    play(bank, user, C.BEHAVIORAL, [70, None], when=T0 + dt.timedelta(days=8))
    play(bank, user, C.TECHNICAL, [100, 100, 100], complete=False)  # in progress: not evidence yet
    stats = get_stats(db=bank, user_id=user)
    assert (stats.total_sessions, stats.completed_sessions) == (4, 3)
    assert stats.best_score == 85 and stats.avg_score == round((85 + 45 + 70) / 3, 1)
    assert stats.last_session_at == T0 + dt.timedelta(days=8, minutes=30)
    assert stats.behavioral_avg == 70.0 and stats.communication_avg == 45.0
    assert stats.technical_avg is None and stats.problem_solving_avg is None
    assert stats.category_avgs[C.LEADERSHIP] == 85.0 and stats.category_avgs[C.CULTURE_FIT] is None
    assert [(w.week, w.avg, w.sessions) for w in stats.weekly_progress] == [
        ("2026-W45", 85.0, 1),
        ("2026-W46", 57.5, 2),
    ]
    # Answer average is 67.1: leadership (85, 3 answers) stands out above, communication (45) below.
    assert [(i.kind, i.name, i.avg, i.answers) for i in stats.strengths] == [
        ("category", "LEADERSHIP", 85.0, 3)
    ]
    weak = [(i.kind, i.name) for i in stats.areas_to_improve]
    assert ("category", "COMMUNICATION") in weak and ("category", "BEHAVIORAL") not in weak, (
        "1 answer is no evidence"
    )

    row = bank.scalar(select(InterviewStats).where(InterviewStats.user_id == user))
    assert row is not None and row.weekly_progress == [
        {"week": "2026-W45", "avg": 85.0, "sessions": 1},
        {"week": "2026-W46", "avg": 57.5, "sessions": 2},
    ]
    assert row.strengths_json and row.strengths_json[0]["name"] == "LEADERSHIP"
    assert row.category_avgs is not None and len(row.category_avgs) == 7
    assert compute_stats(bank, user) == stats == recompute_stats(db=bank, user_id=user)


def test_rubric_dimensions_are_insights(bank: Session) -> None:
    user = new_user(bank)
    play(bank, user, C.LEADERSHIP, [80, 80, 80, 80], extra="weak=specificity")
    stats = get_stats(db=bank, user_id=user)
    weak = {(i.kind, i.name): i for i in stats.areas_to_improve}
    assert weak[("dimension", "specificity")].avg == 50.0 and weak[("dimension", "specificity")].answers == 4
    assert ("dimension", "structure") not in weak


def test_abandoned_sessions_count_as_sessions_only(bank: Session) -> None:
    user = new_user(bank)
    play(bank, user, C.LEADERSHIP, [60])
    sid = play(bank, user, C.LEADERSHIP, [100], complete=False)
    update_session(db=bank, user_id=user, session_id=sid, action=SessionAction.ABANDON)
    stats = get_stats(db=bank, user_id=user)
    assert (stats.total_sessions, stats.completed_sessions, stats.avg_score) == (2, 1, 60.0)


def test_delete_recomputes(bank: Session) -> None:
    user = new_user(bank)
    play(bank, user, C.LEADERSHIP, [60, 60, 60])
    best = play(bank, user, C.LEADERSHIP, [95, 95, 95])
    assert get_stats(db=bank, user_id=user).best_score == 95
    delete_session(db=bank, user_id=user, session_id=best)
    stats = get_stats(db=bank, user_id=user)
    assert (stats.total_sessions, stats.best_score, stats.avg_score, stats.category_avgs[C.LEADERSHIP]) == (
        1,
        60,
        60.0,
        60.0,
    )
    assert [w.sessions for w in stats.weekly_progress] == [1]


def test_stats_are_private_unless_granted(bank: Session) -> None:
    user = new_user(bank)
    coach = new_user(bank, "coach")
    with pytest.raises(AccessDenied, match="these interview stats"):
        get_stats(db=bank, user_id=coach, owner_id=user)

    def coach_grant(_db: Session, actor: Actor, owner_id: str) -> bool:
        return actor.user_id == coach and owner_id == user and actor.role is UserRole.CANDIDATE

    remove = register_read_grant(coach_grant)
    try:
        assert get_stats(db=bank, user_id=coach, owner_id=user).user_id == user
    finally:
        remove()


def test_reanswering_changes_the_stats_only_through_completion(bank: Session) -> None:
    user = new_user(bank)
    started = start_session(db=bank, user_id=user, request=StartRequest(question_count=1), seed=1)
    qid = get_questions(db=bank, user_id=user, session_id=started.session.id)[0].id
    for score in (20, 80):
        submit_answer(
            db=bank,
            user_id=user,
            session_id=started.session.id,
            question_id=qid,
            text=f"score={score}",
            duration_ms=None,
            scorer=FakeScorer(),
        )
    assert get_stats(db=bank, user_id=user).avg_score is None
    update_session(
        db=bank, user_id=user, session_id=started.session.id, action="complete", scorer=FakeScorer()
    )
    assert get_stats(db=bank, user_id=user).avg_score == 80.0
