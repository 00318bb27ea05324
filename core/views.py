"""Views of loaded session rows, shared by the session and answer modules."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy.orm import joinedload, selectinload

from core.dto import CategoryScore, SessionDetail, to_question_view, to_summary
from core.lifecycle import allowed_actions
from db.enums import QuestionCategory
from db.models import InterviewQuestion, InterviewSession

#: Loader options for a session with its questions, answers and job (no N+1 queries).
DETAIL_OPTIONS = (
    selectinload(InterviewSession.questions).selectinload(InterviewQuestion.answer),
    joinedload(InterviewSession.job),
)


def session_detail(row: InterviewSession) -> SessionDetail:
    """The detail view of a session loaded with DETAIL_OPTIONS."""
    questions = tuple(to_question_view(q, q.answer) for q in row.questions)
    scores: dict[QuestionCategory, list[int]] = defaultdict(list)
    for q in row.questions:
        if q.answer is not None and q.answer.score is not None:
            scores[q.category].append(q.answer.score)
    by_category = sorted(
        (CategoryScore(cat, round(sum(s) / len(s), 1), len(s)) for cat, s in scores.items()),
        key=lambda c: (-c.avg, c.category.value),
    )
    summary = to_summary(
        row,
        question_count=len(row.questions),
        answered_count=sum(1 for q in row.questions if q.answer is not None),
        job_title=row.job.title if row.job is not None else None,
    )
    return SessionDetail(
        summary, questions, row.feedback_summary, tuple(by_category), allowed_actions(row.status)
    )
