"""Frozen DTOs that core hands to pages (and the converters from ORM rows).

Pages and the AI engine import request and view types from here: ``StartRequest``, ``SessionAction``,
``SessionSummary``, ``SessionDetail``, ``SessionPage``, ``StartedSession``, ``QuestionView``,
``AnswerView``, ``AnswerResult``, ``StatsView``, ``ProgressView`` and their parts.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from core.scoring.base import ScoreResult, letter_grade
from db.enums import Difficulty, InterviewStatus, InterviewType, QuestionCategory
from db.models import InterviewAnswer, InterviewQuestion, InterviewSession

MIN_QUESTIONS = 1
MAX_QUESTIONS = 20


class SessionAction(enum.StrEnum):
    """Status changes a user can ask for (PUT /api/interviews/[id])."""

    RESUME = "resume"  # PENDING -> IN_PROGRESS; IN_PROGRESS stays (returns the session)
    COMPLETE = "complete"  # IN_PROGRESS -> COMPLETED (scores what is unscored)
    ABANDON = "abandon"  # IN_PROGRESS -> ABANDONED


@dataclass(frozen=True)
class StartRequest:
    """POST /api/interviews: what kind of interview to build."""

    type: InterviewType = InterviewType.BEHAVIORAL
    job_id: str | None = None
    question_count: int = 5
    difficulty: Difficulty = Difficulty.MEDIUM
    focus_areas: tuple[QuestionCategory, ...] = ()
    use_profile: bool = True  # prefer questions matching the profile's CV, skills and target role
    start_now: bool = True  # False: the session waits in PENDING until resumed


@dataclass(frozen=True)
class AnswerView:
    id: str
    session_id: str
    question_id: str
    text: str | None
    duration_ms: int | None
    submitted_at: dt.datetime
    scored_at: dt.datetime | None
    score: int | None
    grade: str | None
    feedback: str | None
    result: ScoreResult | None  # the full breakdown; None while unscored
    overtime: bool
    engine: str | None  # "rule", "llm", "blend"; None while unscored
    flags: tuple[str, ...]
    scoring_error: str | None  # why the answer is unscored, when scoring failed
    notice: str | None = None  # for the user: e.g. "scored offline because the AI service timed out"

    @property
    def scored(self) -> bool:
        return self.score is not None


@dataclass(frozen=True)
class QuestionView:
    id: str
    session_id: str
    bank_id: str | None
    order_index: int
    question: str
    category: QuestionCategory
    difficulty: Difficulty
    interview_type: InterviewType
    hints: tuple[str, ...]
    time_limit: int | None  # seconds
    rubric: Mapping[str, Any] | None
    answer: AnswerView | None = None
    presented_at: dt.datetime | None = None  # first shown to the candidate (the timer runs from here)
    draft_text: str | None = None  # typed but not submitted


@dataclass(frozen=True)
class SessionSummary:
    id: str
    type: InterviewType
    status: InterviewStatus
    job_id: str | None
    job_title: str | None
    question_count: int
    answered_count: int
    total_score: int | None
    grade: str | None
    created_at: dt.datetime
    started_at: dt.datetime | None
    completed_at: dt.datetime | None


@dataclass(frozen=True)
class CategoryScore:
    category: QuestionCategory
    avg: float
    answers: int


@dataclass(frozen=True)
class SessionDetail:
    summary: SessionSummary
    questions: tuple[QuestionView, ...]
    feedback_summary: str | None
    category_scores: tuple[CategoryScore, ...]  # scored answers only, best first
    allowed_actions: tuple[SessionAction, ...]

    @property
    def unanswered(self) -> tuple[QuestionView, ...]:
        return tuple(q for q in self.questions if q.answer is None)


@dataclass(frozen=True)
class SessionPage:
    items: tuple[SessionSummary, ...]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True)
class StartedSession:
    session: SessionSummary
    questions: tuple[QuestionView, ...]
    notes: tuple[str, ...] = ()  # how selection relaxed its filters, if it had to
    seed: int | None = None  # replays the same selection on the same data


@dataclass(frozen=True)
class AnswerResult:
    answer: AnswerView
    next_question: QuestionView | None


@dataclass(frozen=True)
class WeekPoint:
    week: str  # ISO week, "2026-W47"
    avg: float
    sessions: int


@dataclass(frozen=True)
class Insight:
    """A category or rubric dimension that stands out from the user's own average."""

    kind: str  # "category" or "dimension"
    name: str
    avg: float
    answers: int
    delta: float  # avg minus the user's overall answer average

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "avg": self.avg,
            "answers": self.answers,
            "delta": self.delta,
        }


@dataclass(frozen=True)
class StatsView:
    """Scores come from COMPLETED sessions only; ``total_sessions`` counts sessions of any status."""

    user_id: str
    total_sessions: int = 0
    completed_sessions: int = 0
    avg_score: float | None = None  # mean session total score
    best_score: int | None = None
    last_session_at: dt.datetime | None = None  # latest completion, start or creation
    behavioral_avg: float | None = None
    technical_avg: float | None = None
    communication_avg: float | None = None
    problem_solving_avg: float | None = None
    category_avgs: Mapping[str, float | None] = field(default_factory=dict)  # every category
    weekly_progress: tuple[WeekPoint, ...] = ()
    strengths: tuple[Insight, ...] = ()
    areas_to_improve: tuple[Insight, ...] = ()


@dataclass(frozen=True)
class ProgressPoint:
    period: str  # "2026-W47" or "2026-11-24"
    start: dt.date
    avg: float | None  # mean session total score in the period
    sessions: int
    answers: int
    categories: Mapping[str, float]  # mean answer score per category in the period


@dataclass(frozen=True)
class WeakArea:
    kind: str  # "category" or "dimension"
    name: str
    avg: float
    answers: int  # evidence
    user_avg: float
    reason: str


@dataclass(frozen=True)
class SuggestedQuestion:
    id: str
    question: str
    category: QuestionCategory
    difficulty: Difficulty
    interview_type: InterviewType


@dataclass(frozen=True)
class Recommendation:
    title: str
    reason: str
    suggested_type: InterviewType
    focus_areas: tuple[QuestionCategory, ...]
    difficulty: Difficulty
    questions: tuple[SuggestedQuestion, ...]

    def start_request(self, question_count: int = 5) -> StartRequest:
        """A ready-made request for a practice session on this recommendation."""
        return StartRequest(
            type=self.suggested_type,
            question_count=question_count,
            difficulty=self.difficulty,
            focus_areas=self.focus_areas,
        )


@dataclass(frozen=True)
class ProgressView:
    user_id: str
    period: str  # "week" or "day"
    series: tuple[ProgressPoint, ...]
    user_avg: float | None  # mean of all scored answers in completed sessions
    answers: int
    weak_areas: tuple[WeakArea, ...]
    strengths: tuple[WeakArea, ...]
    recommendations: tuple[Recommendation, ...]

    def category_series(self, category: QuestionCategory) -> tuple[tuple[str, float], ...]:
        """(period, avg) points of one category, for a per-category line."""
        return tuple((p.period, p.categories[category]) for p in self.series if category in p.categories)


# ---- converters from ORM rows -------------------------------------------------------------------


def to_answer_view(row: InterviewAnswer) -> AnswerView:
    data: Mapping[str, Any] = row.feedback_json or {}
    flags = tuple(str(f) for f in data.get("flags", ()))
    result = None
    if row.score is not None and data:
        result = ScoreResult.from_feedback_json(row.score, row.feedback or "", data)
    error = data.get("scoring_error")
    return AnswerView(
        id=row.id,
        session_id=row.session_id,
        question_id=row.question_id,
        text=row.answer_text,
        duration_ms=row.duration_ms,
        submitted_at=row.submitted_at,
        scored_at=row.scored_at,
        score=row.score,
        grade=letter_grade(row.score) if row.score is not None else None,
        feedback=row.feedback,
        result=result,
        overtime="overtime" in flags,
        engine=result.engine if result else None,
        flags=flags,
        scoring_error=str(error) if error and row.score is None else None,
        notice=str(data["notice"]) if data.get("notice") else None,
    )


def to_question_view(row: InterviewQuestion, answer: InterviewAnswer | None = None) -> QuestionView:
    return QuestionView(
        id=row.id,
        session_id=row.session_id,
        bank_id=row.bank_id,
        order_index=row.order_index,
        question=row.question,
        category=row.category,
        difficulty=row.difficulty,
        interview_type=row.interview_type,
        hints=tuple(row.hints or ()),
        time_limit=row.time_limit,
        rubric=row.rubric,
        answer=to_answer_view(answer) if answer is not None else None,
        presented_at=row.presented_at,
        draft_text=row.draft_text,
    )


def to_summary(
    row: InterviewSession, *, question_count: int, answered_count: int, job_title: str | None
) -> SessionSummary:
    return SessionSummary(
        id=row.id,
        type=row.type,
        status=row.status,
        job_id=row.job_id,
        job_title=job_title,
        question_count=question_count,
        answered_count=answered_count,
        total_score=row.total_score,
        grade=letter_grade(row.total_score) if row.total_score is not None else None,
        created_at=row.created_at,
        started_at=row.started_at,
        completed_at=row.completed_at,
    )
