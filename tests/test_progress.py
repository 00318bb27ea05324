"""Progress: score series per week/day, weak areas with evidence, practice recommendations."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from core.errors import AccessDenied, InvalidInput
from core.progress import get_progress
from core.sessions import get_session, start_session
from db.enums import Difficulty, InterviewType, QuestionCategory
from tests.fakes import T0, count_queries, new_user, play

C = QuestionCategory


BANK_PER_CELL = 6  # the `bank` fixture (conftest.py) puts this many questions in each cell


def test_series_by_week_and_day(bank: Session) -> None:
    user = new_user(bank)
    play(bank, user, C.LEADERSHIP, [80, 60])
    play(bank, user, C.COMMUNICATION, [50], when=T0 + dt.timedelta(days=1))
    play(bank, user, C.LEADERSHIP, [90], when=T0 + dt.timedelta(days=9))
    weekly = get_progress(db=bank, user_id=user, now=T0 + dt.timedelta(days=10))
    assert [(p.period, p.start, p.avg, p.sessions, p.answers) for p in weekly.series] == [
        ("2026-W45", dt.date(2026, 11, 2), 60.0, 2, 3),
        ("2026-W46", dt.date(2026, 11, 9), 90.0, 1, 1),
    ]
    assert weekly.series[0].categories == {"COMMUNICATION": 50.0, "LEADERSHIP": 70.0}
    assert weekly.category_series(C.LEADERSHIP) == (("2026-W45", 70.0), ("2026-W46", 90.0))
    daily = get_progress(db=bank, user_id=user, period="day")
    assert [p.period for p in daily.series] == ["2026-11-02", "2026-11-03", "2026-11-11"]
    assert weekly.user_avg == 70.0 and weekly.answers == 4


def test_bad_period(bank: Session) -> None:
    with pytest.raises(InvalidInput, match="period must be 'week' or 'day', not 'month'"):
        get_progress(db=bank, user_id=new_user(bank), period="month")


def test_weak_areas_need_evidence_and_say_why(bank: Session) -> None:
    user = new_user(bank)
    play(bank, user, C.LEADERSHIP, [85, 80, 90])
    play(bank, user, C.COMMUNICATION, [45, 50, 40])
    play(bank, user, C.CULTURE_FIT, [20, 20])  # two answers: not enough evidence
    view = get_progress(db=bank, user_id=user)
    weak = {(w.kind, w.name): w for w in view.weak_areas}
    comm = weak[("category", "COMMUNICATION")]
    assert (comm.avg, comm.answers) == (45.0, 3) and comm.user_avg == view.user_avg
    assert "communication averages 45 over 3 answers" in comm.reason and "below your average" in comm.reason
    assert ("category", "CULTURE_FIT") not in weak
    assert [(s.kind, s.name) for s in view.strengths][:1] == [("category", "LEADERSHIP")]


def test_below_threshold_is_weak_even_at_the_users_average(bank: Session) -> None:
    user = new_user(bank)
    play(bank, user, C.LEADERSHIP, [50, 50, 50], extra="weak=impact")
    view = get_progress(db=bank, user_id=user)
    weak = {(w.kind, w.name): w for w in view.weak_areas}
    assert "under the 60" in weak[("category", "LEADERSHIP")].reason
    assert weak[("dimension", "impact")].avg == 20.0
    assert "end with the measurable outcome" in " ".join(r.reason for r in view.recommendations)


def test_recommendations_point_at_unseen_bank_questions(bank: Session) -> None:
    user = new_user(bank)
    sessions = [play(bank, user, C.LEADERSHIP, [85, 80, 90]), play(bank, user, C.COMMUNICATION, [45, 50, 40])]
    seen = {
        q.bank_id for sid in sessions for q in get_session(db=bank, user_id=user, session_id=sid).questions
    }
    view = get_progress(db=bank, user_id=user)
    rec = view.recommendations[0]
    assert rec.focus_areas == (C.COMMUNICATION,) and rec.suggested_type is InterviewType.BEHAVIORAL
    assert "communication" in rec.title.lower() and "45" in rec.reason
    assert rec.difficulty is Difficulty.EASY, "practised at MEDIUM, struggling (45): one step easier"
    assert len(rec.questions) == 3 and all(q.category is C.COMMUNICATION for q in rec.questions)
    assert not {q.id for q in rec.questions} & seen and all(q.question for q in rec.questions)
    # The recommendation is a ready-made start request.
    started = start_session(db=bank, user_id=user, request=rec.start_request(3), seed=1)
    assert all(q.category is C.COMMUNICATION for q in started.questions)


def test_new_user_gets_starter_recommendations(bank: Session) -> None:
    view = get_progress(db=bank, user_id=new_user(bank))
    assert view.series == () and view.weak_areas == () and view.user_avg is None
    assert view.recommendations and all(r.questions for r in view.recommendations)
    assert "0 scored answer(s)" in view.recommendations[0].reason


def test_progress_is_private(bank: Session) -> None:
    owner, other = new_user(bank), new_user(bank, "eve")
    with pytest.raises(AccessDenied, match="this progress"):
        get_progress(db=bank, user_id=other, owner_id=owner)


def test_query_count_does_not_grow_with_sessions(bank: Session) -> None:
    few, many = new_user(bank), new_user(bank, "busy")
    play(bank, few, C.COMMUNICATION, [40, 45, 50])
    for day in range(8):
        play(
            bank,
            many,
            C.COMMUNICATION if day % 2 else C.LEADERSHIP,
            [40 + day, 50, 90],
            when=T0 + dt.timedelta(days=day),
        )
    counts = []
    for user in (few, many):
        with count_queries(bank) as count:
            get_progress(db=bank, user_id=user)
            counts.append(count())
    assert counts[1] <= counts[0] + 2 <= 14
