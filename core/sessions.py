"""Interview sessions: list, start, view, change status, delete (the SPEC's /api/interviews endpoints).

Module map for other engineers:

- ``core.dto``: every request/view type (``StartRequest``, ``SessionAction``, ``SessionSummary``,
  ``SessionDetail``, ``QuestionView``, ``AnswerView``, ``AnswerResult``, ``StatsView``, ``ProgressView``).
- ``core.sessions`` (here): ``list_sessions``, ``start_session``, ``get_session``, ``get_questions``,
  ``update_session``, ``delete_session``.
- ``core.answers``: ``submit_answer``, ``score_session``, ``complete_session``.
- ``core.stats``: ``get_stats``, ``recompute_stats``; ``core.progress``: ``get_progress``.
- ``core.selection`` (queries) and ``core.selection_rules`` (difficulty plan, time limits,
  ``validate_request``): how questions are picked.
- ``core.access``: who may read or write what (``register_read_grant`` is the coach extension point).
- ``core.lifecycle``: the status transition table; ``core.summary``: the written session summary;
  ``core.views``: ``DETAIL_OPTIONS`` and ``session_detail`` for modules that load sessions themselves.

The submit/score/complete functions are re-exported here, so ``from core.sessions import ...`` covers
every SPEC endpoint except stats, progress and the bank search (``core.questions.search_bank``).

Every function takes the acting user's id, raises NotFound for unknown ids and AccessDenied for other
users' sessions, flushes but never commits: the caller owns the transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.access import require_read, require_write, session_for_read, session_for_write
from core.answers import complete_loaded, complete_session, score_session, submit_answer
from core.dto import (
    QuestionView,
    SessionAction,
    SessionDetail,
    SessionPage,
    StartedSession,
    StartRequest,
    to_question_view,
    to_summary,
)
from core.errors import InvalidInput, NotFound
from core.lifecycle import check_transition, parse_action
from core.scoring.base import Scorer
from core.selection import select_questions, time_limit_for, validate_request
from core.stats import recompute_stats, refresh_bank_usage, refresh_session_counts
from core.views import DETAIL_OPTIONS, session_detail
from db.enums import InterviewStatus
from db.models import InterviewAnswer, InterviewQuestion, InterviewSession, Job, Profile, QuestionBank, User
from db.types import utcnow

__all__ = [
    "SessionAction",
    "StartRequest",
    "complete_session",
    "delete_session",
    "get_questions",
    "get_session",
    "list_sessions",
    "score_session",
    "session_detail",
    "start_session",
    "submit_answer",
    "update_session",
]

MAX_PAGE = 100


def list_sessions(
    *,
    db: Session,
    user_id: str,
    owner_id: str | None = None,
    statuses: Sequence[InterviewStatus] = (),
    limit: int = 20,
    offset: int = 0,
) -> SessionPage:
    """GET /api/interviews: sessions of ``owner_id`` (default: the actor), newest first, one page."""
    owner = owner_id or user_id
    if not 1 <= limit <= MAX_PAGE or offset < 0:
        raise InvalidInput(f"limit must be 1-{MAX_PAGE} and offset 0 or more")
    require_read(db, user_id, owner, "these interview sessions")
    where = [InterviewSession.user_id == owner]
    if statuses:
        where.append(InterviewSession.status.in_([InterviewStatus(s) for s in statuses]))
    total = db.scalar(select(func.count()).select_from(InterviewSession).where(*where)) or 0
    questions = (
        select(func.count(InterviewQuestion.id))
        .where(InterviewQuestion.session_id == InterviewSession.id)
        .scalar_subquery()
    )
    answers = (
        select(func.count(InterviewAnswer.id))
        .where(InterviewAnswer.session_id == InterviewSession.id)
        .scalar_subquery()
    )
    rows = db.execute(
        select(InterviewSession, Job.title, questions, answers)
        .outerjoin(Job, Job.id == InterviewSession.job_id)
        .where(*where)
        .order_by(InterviewSession.created_at.desc(), InterviewSession.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    items = tuple(
        to_summary(s, question_count=int(q), answered_count=int(a), job_title=title)
        for s, title, q, a in rows
    )
    return SessionPage(items, int(total), limit, offset)


def start_session(
    *,
    db: Session,
    user_id: str,
    request: StartRequest,
    seed: int | None = None,
    now: dt.datetime | None = None,
) -> StartedSession:
    """POST /api/interviews: pick questions from the bank and start a session (IN_PROGRESS)."""
    request = validate_request(request)
    if db.scalar(select(User.id).where(User.id == user_id)) is None:
        raise NotFound(f"user {user_id} does not exist")
    job = None
    if request.job_id:
        job = db.get(Job, request.job_id)
        if job is None:
            raise NotFound(f"job {request.job_id} does not exist")
        require_write(db, user_id, job.user_id, f"job {request.job_id}")
    profile = db.scalar(select(Profile).where(Profile.user_id == user_id)) if request.use_profile else None
    selection = select_questions(db=db, user_id=user_id, request=request, job=job, profile=profile, seed=seed)
    columns = (
        QuestionBank.id,
        QuestionBank.question,
        QuestionBank.category,
        QuestionBank.difficulty,
        QuestionBank.interview_type,
        QuestionBank.hints,
        QuestionBank.rubric,
    )
    bank = {
        row.id: row for row in db.execute(select(*columns).where(QuestionBank.id.in_(selection.bank_ids)))
    }

    now = now or utcnow()
    session = InterviewSession(
        user_id=user_id,
        job_id=job.id if job else None,
        type=request.type,
        status=InterviewStatus.IN_PROGRESS if request.start_now else InterviewStatus.PENDING,
        started_at=now if request.start_now else None,
        created_at=now,
    )
    for index, bank_id in enumerate(selection.bank_ids, start=1):
        item = bank[bank_id]
        session.questions.append(
            InterviewQuestion(
                order_index=index,
                bank_id=item.id,
                question=item.question,
                category=item.category,
                difficulty=item.difficulty,
                interview_type=item.interview_type,
                hints=list(item.hints or ()),
                rubric=dict(item.rubric or {}),
                time_limit=time_limit_for(item.interview_type, item.category, item.difficulty),
                created_at=now,
            )
        )
    db.add(session)
    db.flush()
    refresh_bank_usage(db, selection.bank_ids)
    refresh_session_counts(db=db, user_id=user_id)
    summary = to_summary(
        session, question_count=len(session.questions), answered_count=0, job_title=job.title if job else None
    )
    questions = tuple(to_question_view(q) for q in session.questions)
    return StartedSession(summary, questions, selection.notes, selection.seed)


def get_session(*, db: Session, user_id: str, session_id: str) -> SessionDetail:
    """GET /api/interviews/[id]: the session with its questions and answers."""
    return session_detail(session_for_read(db, user_id, session_id, DETAIL_OPTIONS))


def get_questions(*, db: Session, user_id: str, session_id: str) -> tuple[QuestionView, ...]:
    """GET /api/interviews/[id]/questions: the session's questions in order, each with its answer."""
    return get_session(db=db, user_id=user_id, session_id=session_id).questions


def update_session(
    *,
    db: Session,
    user_id: str,
    session_id: str,
    action: SessionAction | str,
    scorer: Scorer | None = None,
    now: dt.datetime | None = None,
) -> SessionDetail:
    """PUT /api/interviews/[id]: resume, complete or abandon (InvalidTransition says what is allowed).

    Completing scores whatever is still unscored, so it needs ``scorer`` when anything is.
    """
    verb = parse_action(action)
    row = session_for_write(db, user_id, session_id, DETAIL_OPTIONS)
    target = check_transition(row.status, verb)
    now = now or utcnow()
    if verb is SessionAction.COMPLETE:
        return complete_loaded(db, row, scorer=scorer, now=now)
    if target is not row.status:
        row.status = target
        if target is InterviewStatus.IN_PROGRESS and row.started_at is None:
            row.started_at = now
        db.flush()
        refresh_session_counts(db=db, user_id=row.user_id)
    return session_detail(row)


def delete_session(*, db: Session, user_id: str, session_id: str) -> None:
    """DELETE /api/interviews/[id]: the session, its questions and answers; stats stay true."""
    row = session_for_write(db, user_id, session_id)
    bank_ids = [
        b
        for b in db.scalars(
            select(InterviewQuestion.bank_id).where(InterviewQuestion.session_id == session_id)
        )
        if b
    ]
    owner = row.user_id
    db.delete(row)
    db.flush()
    refresh_bank_usage(db, bank_ids)
    recompute_stats(db=db, user_id=owner)
