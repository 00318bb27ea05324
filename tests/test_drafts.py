"""Resuming a question: when it was first shown (the timer) and the unsent draft, on both databases."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from core.drafts import RESUME_AFTER, present_question, save_draft
from core.dto import SessionAction
from core.errors import AccessDenied, InvalidInput, InvalidTransition, NotFound
from core.sessions import get_questions, submit_answer, update_session
from core.users import get_user, list_users, mark_active, most_recent
from tests.fakes import T0, FakeScorer, new_user, start_quick


def _first(db: Session, user: str, sid: str):  # type: ignore[no-untyped-def]
    return get_questions(db=db, user_id=user, session_id=sid)[0]


def test_the_first_showing_is_kept_so_a_reload_continues_the_timer(bank: Session) -> None:
    user = new_user(bank)
    sid = start_quick(bank, user)
    q = _first(bank, user, sid)
    assert q.presented_at is None
    first = present_question(db=bank, user_id=user, session_id=sid, question_id=q.id, now=T0)
    again = present_question(db=bank, user_id=user, session_id=sid, question_id=q.id,
                             now=T0 + dt.timedelta(minutes=3))  # fmt: skip
    assert first == again == T0
    assert _first(bank, user, sid).presented_at == T0


def test_coming_back_much_later_restarts_the_timer(bank: Session) -> None:
    user = new_user(bank)
    sid = start_quick(bank, user)
    q = _first(bank, user, sid)
    present_question(db=bank, user_id=user, session_id=sid, question_id=q.id, now=T0)
    later = T0 + RESUME_AFTER + dt.timedelta(minutes=1)
    assert present_question(db=bank, user_id=user, session_id=sid, question_id=q.id, now=later) == later


def test_a_draft_is_kept_cleared_when_empty_and_replaced_by_the_answer(bank: Session) -> None:
    user = new_user(bank)
    sid = start_quick(bank, user)
    q = _first(bank, user, sid)
    save_draft(db=bank, user_id=user, session_id=sid, question_id=q.id, text="Half an answer", now=T0)
    assert _first(bank, user, sid).draft_text == "Half an answer"
    save_draft(db=bank, user_id=user, session_id=sid, question_id=q.id, text="   ")
    assert _first(bank, user, sid).draft_text is None
    save_draft(db=bank, user_id=user, session_id=sid, question_id=q.id, text="Nearly there")
    submit_answer(db=bank, user_id=user, session_id=sid, question_id=q.id, text="The answer. score=70",
                  duration_ms=90_000, scorer=FakeScorer(), now=T0)  # fmt: skip
    after = _first(bank, user, sid)
    assert after.draft_text is None and after.answer is not None
    assert after.answer.text == "The answer. score=70"
    assert after.presented_at == T0 - dt.timedelta(seconds=90)  # never shown on a timer: inferred


def test_drafts_and_showings_are_refused_for_others_closed_sessions_and_bad_text(bank: Session) -> None:
    user, other = new_user(bank), new_user(bank, "eve")
    sid = start_quick(bank, user)
    q = _first(bank, user, sid)
    with pytest.raises(AccessDenied):
        save_draft(db=bank, user_id=other, session_id=sid, question_id=q.id, text="mine now")
    with pytest.raises(AccessDenied):
        present_question(db=bank, user_id=other, session_id=sid, question_id=q.id)
    with pytest.raises(InvalidInput, match="too long"):
        save_draft(db=bank, user_id=user, session_id=sid, question_id=q.id, text="x" * 20_001)
    foreign = _first(bank, other, start_quick(bank, other))
    with pytest.raises(NotFound, match="not part of interview session"):
        save_draft(db=bank, user_id=user, session_id=sid, question_id=foreign.id, text="hello")
    update_session(db=bank, user_id=user, session_id=sid, action=SessionAction.ABANDON)
    with pytest.raises(InvalidTransition, match="no longer"):
        save_draft(db=bank, user_id=user, session_id=sid, question_id=q.id, text="too late")
    assert _first(bank, user, sid).draft_text is None


def test_the_most_recently_active_profile_comes_first(bank: Session) -> None:
    ada, bo = new_user(bank, "ada"), new_user(bank, "bo")
    users = [u for u in list_users(db=bank) if u.id in (ada, bo)]
    assert most_recent(users) is not None and most_recent([]) is None
    mark_active(db=bank, user_id=bo, now=T0)
    mark_active(db=bank, user_id=ada, now=T0 + dt.timedelta(hours=1))
    users = [u for u in list_users(db=bank) if u.id in (ada, bo)]
    assert most_recent(users).id == ada  # type: ignore[union-attr]
    mark_active(db=bank, user_id=bo, now=T0 + dt.timedelta(hours=2))
    assert get_user(db=bank, user_id=bo).last_active_at == T0 + dt.timedelta(hours=2)
    with pytest.raises(NotFound):
        mark_active(db=bank, user_id="no-such-user")
