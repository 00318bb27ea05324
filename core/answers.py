"""Answers: submit (stored before scoring), score the rest, complete a session with its summary.

A scorer that raises never loses an answer: the answer is flushed first and stays unscored, with the
reason in ``feedback_json["scoring_error"]``; completing or re-scoring the session retries it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.access import require_write, session_for_write
from core.dto import AnswerResult, SessionAction, SessionDetail, to_answer_view, to_question_view
from core.errors import InvalidInput, InvalidTransition, NotFound
from core.lifecycle import check_transition, require_answerable
from core.scoring.base import Scorer, ScoreResult, ScoringInput
from core.stats import recompute_stats, refresh_bank_usage
from core.summary import session_feedback_summary
from core.views import DETAIL_OPTIONS, session_detail
from db.enums import InterviewStatus
from db.models import InterviewAnswer, InterviewQuestion, InterviewSession, Profile, QuestionBank
from db.types import utcnow

log = logging.getLogger(__name__)

MAX_ANSWER_CHARS = 20_000
MAX_DURATION_MS = 6 * 60 * 60 * 1000


def check_text(text: object, noun: str = "answer") -> str:
    """``text`` if it is a string no longer than an answer may be; InvalidInput naming ``noun`` if not."""
    if not isinstance(text, str):
        raise InvalidInput(f"the {noun} must be text")
    if len(text) > MAX_ANSWER_CHARS:
        raise InvalidInput(f"the {noun} is too long: {len(text):,} characters, at most {MAX_ANSWER_CHARS:,}")
    return text


def validate_answer(text: str, duration_ms: int | None) -> str:
    """The answer text if it can be stored; InvalidInput with a plain message if not."""
    text = check_text(text)
    if not text.strip():
        raise InvalidInput("the answer is empty: write an answer before submitting")
    if duration_ms is not None and (
        isinstance(duration_ms, bool)
        or not isinstance(duration_ms, int)
        or not 0 <= duration_ms <= MAX_DURATION_MS
    ):
        raise InvalidInput(
            f"duration must be between 0 and {MAX_DURATION_MS} milliseconds, not {duration_ms!r}"
        )
    return text


def is_overtime(question: InterviewQuestion, duration_ms: int | None) -> bool:
    return bool(question.time_limit and duration_ms is not None and duration_ms > question.time_limit * 1000)


def profile_skills(db: Session, user_id: str) -> tuple[str, ...]:
    skills = db.scalar(select(Profile.skills).where(Profile.user_id == user_id))
    return tuple(skills or ())


def scoring_input(
    db: Session,
    session: InterviewSession,
    question: InterviewQuestion,
    answer: InterviewAnswer,
    *,
    skills: tuple[str, ...],
    transcript: bool = False,
) -> ScoringInput:
    """Everything the scorer should know about one answer, from the question, bank row, job and profile."""
    bank = db.get(QuestionBank, question.bank_id) if question.bank_id else None
    job = session.job
    role = (job.role or job.title) if job is not None else (bank.role if bank else None)
    industry = job.industry if job is not None and job.industry else (bank.industry if bank else None)
    return ScoringInput(
        question=question.question,
        answer=answer.answer_text or "",
        interview_type=question.interview_type,
        category=question.category,
        difficulty=question.difficulty,
        role=role,
        industry=industry,
        hints=tuple(question.hints or ()),
        rubric=question.rubric,
        sample_answer=bank.sample_answer if bank else None,
        duration_ms=answer.duration_ms,
        time_limit_s=question.time_limit,
        transcript=transcript,
        candidate_skills=skills,
        user_id=session.user_id,
    )


def _apply(
    answer: InterviewAnswer, question: InterviewQuestion, result: ScoreResult, now: dt.datetime
) -> None:
    flags = list(result.flags)
    if is_overtime(question, answer.duration_ms) and "overtime" not in flags:
        flags.append("overtime")
    data = result.to_feedback_json()
    data["flags"] = flags
    answer.score = result.score
    answer.feedback = result.feedback
    answer.feedback_json = data
    answer.scored_at = now


def _mark_failed(answer: InterviewAnswer, question: InterviewQuestion, exc: BaseException) -> None:
    reason = f"{type(exc).__name__}: {exc}"[:500]
    log.warning("scoring answer %s failed: %s", answer.id, reason)
    answer.score = None
    answer.scored_at = None
    answer.feedback = (
        "Not scored yet: the scorer failed. Your answer is saved and will be scored "
        "again when the session is completed or re-scored."
    )
    answer.feedback_json = {
        "flags": ["overtime"] if is_overtime(question, answer.duration_ms) else [],
        "scoring_error": reason,
    }


def _next_question(questions: Sequence[InterviewQuestion], after: int) -> InterviewQuestion | None:
    open_ = [q for q in questions if q.answer is None]
    later = [q for q in open_ if q.order_index > after]
    candidates = later or open_
    return candidates[0] if candidates else None


def submit_answer(
    *,
    db: Session,
    user_id: str,
    session_id: str,
    question_id: str,
    text: str,
    duration_ms: int | None,
    scorer: Scorer,
    transcript: bool = False,
    now: dt.datetime | None = None,
) -> AnswerResult:
    """POST /api/interviews/[id]/questions/[qid]/answer: store, then score; replaces an earlier answer."""
    session = session_for_write(db, user_id, session_id, DETAIL_OPTIONS)
    question = next((q for q in session.questions if q.id == question_id), None)
    if question is None:
        other = db.get(InterviewQuestion, question_id)
        if other is None:
            raise NotFound(f"question {question_id} does not exist")
        owner = db.scalar(select(InterviewSession.user_id).where(InterviewSession.id == other.session_id))
        require_write(db, user_id, owner or "", f"question {question_id}")
        raise NotFound(f"question {question_id} is not part of interview session {session_id}")
    require_answerable(session.status)
    text = validate_answer(text, duration_ms)
    now = now or utcnow()

    if question.presented_at is None:  # answered without the timer running (the API, a practice card)
        question.presented_at = now - dt.timedelta(milliseconds=duration_ms or 0)
    question.draft_text = question.draft_saved_at = None  # the answer itself is the text now
    answer = _store_answer(
        db,
        session,
        question,
        answer_text=text,
        duration_ms=duration_ms,
        submitted_at=now,
        score=None,
        feedback=None,
        feedback_json=None,
        scored_at=None,
    )
    item = scoring_input(
        db, session, question, answer, skills=profile_skills(db, session.user_id), transcript=transcript
    )
    # Committed before the scorer runs: neither a scoring failure nor a crash loses the answer, and no
    # database lock is held while a slow AI call is under way (on SQLite that would block every writer).
    # Nothing is read between here and the result's write, so on SQLite the next transaction starts with
    # that write and cannot trip over a snapshot that went stale while the scorer ran.
    db.commit()
    try:
        result = scorer.score(item)
    except Exception as exc:  # noqa: BLE001 - any scorer failure leaves the answer saved, unscored
        _mark_failed(answer, question, exc)
    else:
        _apply(answer, question, result, now)
    db.flush()
    following = _next_question(session.questions, question.order_index)
    return AnswerResult(to_answer_view(answer), to_question_view(following) if following else None)


def _store_answer(
    db: Session, session: InterviewSession, question: InterviewQuestion, **fields: object
) -> InterviewAnswer:
    """Write the question's answer row (insert, or update the earlier answer) and flush it.

    Two submits for one question at once (two tabs, a double click): the one that inserts second hits the
    unique constraint, so it rolls back to a savepoint and updates the row the first one created.
    """
    if question.answer is None:
        answer = InterviewAnswer(session_id=session.id, question_id=question.id, **fields)
        try:
            with db.begin_nested():
                db.add(answer)
                db.flush()
            question.answer = answer
            return answer
        except IntegrityError:
            existing = db.scalar(select(InterviewAnswer).where(InterviewAnswer.question_id == question.id))
            if existing is None:
                raise
            question.answer = existing
    answer = question.answer
    for name, value in fields.items():
        setattr(answer, name, value)
    db.flush()
    return answer


def _score_unscored(db: Session, session: InterviewSession, scorer: Scorer | None, now: dt.datetime) -> int:
    """Score every answer still without a score, in one ``score_many`` batch; returns how many failed."""
    pending = [
        (q, q.answer)
        for q in session.questions
        if q.answer is not None and q.answer.score is None and (q.answer.answer_text or "").strip()
    ]
    if not pending:
        return 0
    if scorer is None:
        raise InvalidInput(f"{len(pending)} answer(s) are not scored yet: a scorer is needed to score them")
    skills = profile_skills(db, session.user_id)
    bank_ids = {q.bank_id for q, _ in pending if q.bank_id}
    if bank_ids:  # one query: scoring_input's db.get() then finds every bank row in the identity map
        db.scalars(select(QuestionBank).where(QuestionBank.id.in_(bank_ids))).all()
    items = [scoring_input(db, session, q, a, skills=skills) for q, a in pending]
    try:
        results: list[ScoreResult | BaseException] = list(scorer.score_many(items))
        if len(results) != len(items):
            raise RuntimeError(f"scorer returned {len(results)} results for {len(items)} answers")
    except Exception:  # noqa: BLE001 - fall back to one call per answer, so one bad answer fails alone
        log.warning(
            "batch scoring of session %s failed; scoring answers one by one", session.id, exc_info=True
        )
        results = []
        for item in items:
            try:
                results.append(scorer.score(item))
            except Exception as exc:  # noqa: BLE001
                results.append(exc)
    failed = 0
    for (question, answer), result in zip(pending, results, strict=True):
        if isinstance(result, BaseException):
            _mark_failed(answer, question, result)
            failed += 1
        else:
            _apply(answer, question, result, now)
    db.flush()
    return failed


def _finalize(db: Session, session: InterviewSession) -> None:
    scores = [
        q.answer.score for q in session.questions if q.answer is not None and q.answer.score is not None
    ]
    session.total_score = round(sum(scores) / len(scores)) if scores else None
    session.feedback_summary = session_feedback_summary(session)
    db.flush()
    refresh_bank_usage(db, [q.bank_id for q in session.questions if q.bank_id])
    recompute_stats(db=db, user_id=session.user_id)


def complete_session(
    *, db: Session, user_id: str, session_id: str, scorer: Scorer | None, now: dt.datetime | None = None
) -> SessionDetail:
    """Complete an IN_PROGRESS session: score the rest, total (mean of answered), summary, stats."""
    session = session_for_write(db, user_id, session_id, DETAIL_OPTIONS)
    return complete_loaded(db, session, scorer=scorer, now=now or utcnow())


def complete_loaded(
    db: Session, session: InterviewSession, *, scorer: Scorer | None, now: dt.datetime
) -> SessionDetail:
    """``complete_session`` for a row already loaded with DETAIL_OPTIONS and access-checked."""
    check_transition(session.status, SessionAction.COMPLETE)
    if not any(q.answer is not None for q in session.questions):
        raise InvalidTransition("answer at least one question before completing this session, or abandon it")
    _score_unscored(db, session, scorer, now)
    session.status = InterviewStatus.COMPLETED
    session.completed_at = now
    _finalize(db, session)
    return session_detail(session)


def score_session(
    *, db: Session, user_id: str, session_id: str, scorer: Scorer, now: dt.datetime | None = None
) -> SessionDetail:
    """POST /api/interviews/[id]/score: score every unscored answer (retries failed ones).

    On a COMPLETED session the total, summary and stats are refreshed too; an IN_PROGRESS session
    stays in progress. PENDING and ABANDONED sessions are refused.
    """
    session = session_for_write(db, user_id, session_id, DETAIL_OPTIONS)
    if session.status not in (InterviewStatus.IN_PROGRESS, InterviewStatus.COMPLETED):
        raise InvalidTransition(
            f"cannot score a {session.status.value} session: only sessions in "
            "progress or completed can be scored"
        )
    _score_unscored(db, session, scorer, now or utcnow())
    if session.status is InterviewStatus.COMPLETED:
        _finalize(db, session)
    return session_detail(session)
