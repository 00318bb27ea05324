"""Practice: retry a past session with the same questions, or answer one bank question on its own.

Both create ordinary sessions, so they show in the user's history, stats and progress like any other:
a retry is a new IN_PROGRESS session; a single-question practice is a one-question session that is
completed as soon as its answer is scored. Answering and completing go through ``core.answers``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from core.access import session_for_write
from core.answers import complete_session, submit_answer, validate_answer
from core.dto import AnswerView, QuestionView, SessionSummary, StartedSession, to_question_view, to_summary
from core.errors import InvalidInput, NotFound
from core.questions import get_bank_question
from core.scoring.base import Scorer
from core.selection import time_limit_for
from core.sessions import get_session
from core.stats import refresh_bank_usage, refresh_session_counts
from core.views import DETAIL_OPTIONS
from db.enums import InterviewStatus, InterviewType
from db.models import InterviewQuestion, InterviewSession, User
from db.types import utcnow

__all__ = ["PracticeResult", "practice_question", "retry_session"]

_RETRYABLE = (InterviewStatus.COMPLETED, InterviewStatus.ABANDONED)


@dataclass(frozen=True)
class PracticeResult:
    """One practised question: its session (completed once scored), the question and the answer."""

    session: SessionSummary
    question: QuestionView  # with ``answer`` set
    answer: AnswerView

    @property
    def scored(self) -> bool:
        return self.answer.score is not None


def _start(
    db: Session,
    *,
    user_id: str,
    itype: InterviewType,
    job_id: str | None,
    questions: Iterable[InterviewQuestion],
    now: dt.datetime,
) -> InterviewSession:
    """A new IN_PROGRESS session holding ``questions`` (in the given order), flushed, counts refreshed."""
    session = InterviewSession(
        user_id=user_id,
        job_id=job_id,
        type=itype,
        status=InterviewStatus.IN_PROGRESS,
        started_at=now,
        created_at=now,
    )
    session.questions.extend(questions)
    db.add(session)
    db.flush()
    refresh_bank_usage(db, [q.bank_id for q in session.questions if q.bank_id])
    refresh_session_counts(db=db, user_id=user_id)
    return session


def retry_session(
    *, db: Session, user_id: str, session_id: str, now: dt.datetime | None = None
) -> StartedSession:
    """A new session of the same type and job with the same questions, in the same order (owner only).

    Only finished sessions (COMPLETED or ABANDONED) can be retried; resume an unfinished one instead.
    """
    old = session_for_write(db, user_id, session_id, DETAIL_OPTIONS)
    if old.status not in _RETRYABLE:
        raise InvalidInput(
            f"this session is still {old.status.value.replace('_', ' ')}: finish or abandon it "
            "before retrying it, or simply resume it"
        )
    now = now or utcnow()
    copies = [
        InterviewQuestion(
            order_index=q.order_index,
            bank_id=q.bank_id,
            question=q.question,
            category=q.category,
            difficulty=q.difficulty,
            interview_type=q.interview_type,
            hints=list(q.hints or ()),
            rubric=dict(q.rubric) if q.rubric is not None else None,
            time_limit=q.time_limit,
            created_at=now,
        )
        for q in old.questions
    ]
    new = _start(db, user_id=old.user_id, itype=old.type, job_id=old.job_id, questions=copies, now=now)
    summary = to_summary(
        new,
        question_count=len(new.questions),
        answered_count=0,
        job_title=old.job.title if old.job is not None else None,
    )
    return StartedSession(summary, tuple(to_question_view(q) for q in new.questions))


def practice_question(
    *,
    db: Session,
    user_id: str,
    bank_id: str,
    text: str,
    duration_ms: int | None,
    scorer: Scorer,
    now: dt.datetime | None = None,
) -> PracticeResult:
    """Answer one bank question and have it scored, recorded as a one-question session.

    The session is completed (so stats and progress count it) once the answer is scored. If the scorer
    fails, the answer is still saved and the session stays IN_PROGRESS: completing it later from the
    results page scores it then. Invalid answers (empty, too long) raise InvalidInput and leave nothing.
    """
    if db.get(User, user_id) is None:
        raise NotFound(f"user {user_id} does not exist")
    bank = get_bank_question(db=db, bank_id=bank_id)
    now = now or utcnow()
    # Checked first, so that an answer that would be refused does not leave an empty session behind.
    text = validate_answer(text, duration_ms)
    session = _start(
        db,
        user_id=user_id,
        itype=bank.interview_type,
        job_id=None,
        questions=[
            InterviewQuestion(
                order_index=1,
                bank_id=bank.id,
                question=bank.question,
                category=bank.category,
                difficulty=bank.difficulty,
                interview_type=bank.interview_type,
                hints=list(bank.hints),
                rubric=dict(bank.rubric),
                time_limit=time_limit_for(bank.interview_type, bank.category, bank.difficulty),
                created_at=now,
            )
        ],
        now=now,
    )
    result = submit_answer(
        db=db,
        user_id=user_id,
        session_id=session.id,
        question_id=session.questions[0].id,
        text=text,
        duration_ms=duration_ms,
        scorer=scorer,
        now=now,
    )
    if result.answer.scored:
        detail = complete_session(db=db, user_id=user_id, session_id=session.id, scorer=scorer, now=now)
    else:
        detail = get_session(db=db, user_id=user_id, session_id=session.id)
    question = detail.questions[0]
    assert question.answer is not None  # just submitted
    return PracticeResult(detail.summary, question, question.answer)
