"""Resuming a question where the candidate left it: when it was first shown (the timer runs from that
moment, so a reload or another device does not restart it) and the draft typed but not yet submitted."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from core.access import session_for_write
from core.answers import check_text
from core.errors import NotFound
from core.lifecycle import require_answerable
from db.models import InterviewQuestion, InterviewSession
from db.types import utcnow


def _open_question(db: Session, user_id: str, session_id: str, question_id: str) -> InterviewQuestion:
    session: InterviewSession = session_for_write(db, user_id, session_id)
    require_answerable(session.status)
    question = db.get(InterviewQuestion, question_id)
    if question is None or question.session_id != session.id:
        raise NotFound(f"question {question_id} is not part of interview session {session_id}")
    return question


#: An unanswered question shown longer ago than this (well over any time limit) is shown afresh: the
#: candidate left and came back, so the timer restarts instead of counting the absence as answer time.
RESUME_AFTER = dt.timedelta(hours=1)


def present_question(
    *, db: Session, user_id: str, session_id: str, question_id: str, now: dt.datetime | None = None
) -> dt.datetime:
    """Record that the question is on screen; returns the moment its timer runs from.

    The first showing is kept (a reload continues the timer), unless it is older than ``RESUME_AFTER``.
    """
    question = _open_question(db, user_id, session_id, question_id)
    now = now or utcnow()
    if question.presented_at is None or now - question.presented_at > RESUME_AFTER:
        question.presented_at = now
        db.flush()
    return question.presented_at


def save_draft(
    *,
    db: Session,
    user_id: str,
    session_id: str,
    question_id: str,
    text: str,
    now: dt.datetime | None = None,
) -> dt.datetime:
    """Keep the candidate's unsent text for this question (empty text clears it); returns when saved."""
    text = check_text(text, "draft")
    question = _open_question(db, user_id, session_id, question_id)
    saved = now or utcnow()
    question.draft_text = text if text.strip() else None
    question.draft_saved_at = saved
    db.flush()
    return saved
