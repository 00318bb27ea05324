"""A user's interview stats, recomputed from their sessions and answers (never patched incrementally).

Only COMPLETED sessions count towards scores: an abandoned or unfinished session is not evidence yet.
``recompute_stats`` runs after completing, re-scoring and deleting; ``refresh_session_counts`` (the
cheap part) after starting and abandoning. Both flush and never commit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Float, cast, func, select, update
from sqlalchemy.orm import Session

from core.access import require_read
from core.dto import Insight, StatsView, WeekPoint
from core.scoring.base import DIMENSIONS
from db.enums import InterviewStatus, QuestionCategory
from db.models import InterviewAnswer, InterviewQuestion, InterviewSession, InterviewStats, QuestionBank

MIN_EVIDENCE = 3  # answers needed before a category or dimension is called a strength or weakness
WEAK_THRESHOLD = 60.0  # below this average an area needs work whatever the user's own average
MARGIN = 5.0  # points above/below the user's own average that make an area stand out
MAX_INSIGHTS = 5


@dataclass(frozen=True)
class AreaAverage:
    kind: str  # "category" or "dimension"
    name: str
    avg: float
    answers: int


@dataclass(frozen=True)
class AnswerAggregates:
    """Scored answers of completed sessions, by category and rubric dimension."""

    user_avg: float | None
    answers: int
    categories: tuple[AreaAverage, ...]
    dimensions: tuple[AreaAverage, ...]


def _completed_answers(user_id: str) -> Any:
    return (
        select()
        .select_from(InterviewAnswer)
        .join(InterviewQuestion, InterviewQuestion.id == InterviewAnswer.question_id)
        .join(InterviewSession, InterviewSession.id == InterviewAnswer.session_id)
        .where(
            InterviewSession.user_id == user_id,
            InterviewSession.status == InterviewStatus.COMPLETED,
            InterviewAnswer.score.is_not(None),
        )
    )


def answer_aggregates(db: Session, user_id: str) -> AnswerAggregates:
    """One grouped query: per category the answer count and mean, and each dimension's mean."""
    dims = [InterviewAnswer.feedback_json[(name, "score")].as_float() for name in DIMENSIONS]
    columns: list[Any] = [
        InterviewQuestion.category,
        func.count(InterviewAnswer.score),
        cast(func.avg(InterviewAnswer.score), Float),
    ]
    for dim in dims:
        columns += [func.count(dim), cast(func.avg(dim), Float)]
    rows = db.execute(_completed_answers(user_id).add_columns(*columns).group_by(InterviewQuestion.category))
    categories: list[AreaAverage] = []
    dim_sum: dict[str, float] = defaultdict(float)
    dim_count: dict[str, int] = defaultdict(int)
    total = 0
    weighted = 0.0
    for row in rows:
        category, count, avg = row[0], int(row[1]), float(row[2])
        categories.append(AreaAverage("category", QuestionCategory(category).value, round(avg, 1), count))
        total += count
        weighted += avg * count
        for i, name in enumerate(DIMENSIONS):
            n, mean = int(row[3 + 2 * i]), row[4 + 2 * i]
            if n:
                dim_sum[name] += float(mean) * n
                dim_count[name] += n
    dimensions = tuple(
        AreaAverage("dimension", name, round(dim_sum[name] / dim_count[name], 1), dim_count[name])
        for name in DIMENSIONS
        if dim_count[name]
    )
    user_avg = round(weighted / total, 1) if total else None
    return AnswerAggregates(user_avg, total, tuple(categories), dimensions)


def insights(aggregates: AnswerAggregates) -> tuple[tuple[Insight, ...], tuple[Insight, ...]]:
    """(strengths, areas to improve): areas with enough evidence, above or below the user's average."""
    if aggregates.user_avg is None:
        return (), ()
    strengths: list[Insight] = []
    weak: list[Insight] = []
    for area in (*aggregates.categories, *aggregates.dimensions):
        if area.answers < MIN_EVIDENCE:
            continue
        delta = round(area.avg - aggregates.user_avg, 1)
        item = Insight(area.kind, area.name, area.avg, area.answers, delta)
        if delta >= MARGIN and area.avg >= WEAK_THRESHOLD:
            strengths.append(item)
        elif delta <= -MARGIN or area.avg < WEAK_THRESHOLD:
            weak.append(item)
    strengths.sort(key=lambda i: (-i.avg, i.kind, i.name))
    weak.sort(key=lambda i: (i.avg, i.kind, i.name))
    return tuple(strengths[:MAX_INSIGHTS]), tuple(weak[:MAX_INSIGHTS])


def iso_week(when: dt.datetime) -> str:
    year, week, _ = when.isocalendar()
    return f"{year}-W{week:02d}"


def weekly_progress(pairs: Iterable[tuple[dt.datetime, int]]) -> tuple[WeekPoint, ...]:
    """Mean session score per ISO week of completion, oldest first."""
    weeks: dict[str, list[int]] = defaultdict(list)
    for completed_at, score in pairs:
        weeks[iso_week(completed_at)].append(score)
    return tuple(WeekPoint(w, round(sum(s) / len(s), 1), len(s)) for w, s in sorted(weeks.items()))


def _session_counts(db: Session, user_id: str) -> dict[str, Any]:
    activity = func.coalesce(
        InterviewSession.completed_at, InterviewSession.started_at, InterviewSession.created_at
    )
    row = db.execute(
        select(
            func.count(),
            func.count().filter(InterviewSession.status == InterviewStatus.COMPLETED),
            func.max(activity),
        ).where(InterviewSession.user_id == user_id)
    ).one()
    return {"total_sessions": int(row[0]), "completed_sessions": int(row[1]), "last_session_at": row[2]}


def compute_stats(db: Session, user_id: str) -> StatsView:
    """The user's stats from the data, without writing anything."""
    counts = _session_counts(db, user_id)
    scored = db.execute(
        select(InterviewSession.completed_at, InterviewSession.total_score).where(
            InterviewSession.user_id == user_id,
            InterviewSession.status == InterviewStatus.COMPLETED,
            InterviewSession.total_score.is_not(None),
        )
    ).all()
    totals = [int(s) for _, s in scored if s is not None]
    aggregates = answer_aggregates(db, user_id)
    by_category: dict[str, float | None] = {c.value: None for c in QuestionCategory}
    by_category.update({a.name: a.avg for a in aggregates.categories})
    strengths, weak = insights(aggregates)
    return StatsView(
        user_id=user_id,
        avg_score=round(sum(totals) / len(totals), 1) if totals else None,
        best_score=max(totals) if totals else None,
        behavioral_avg=by_category[QuestionCategory.BEHAVIORAL],
        technical_avg=by_category[QuestionCategory.TECHNICAL],
        communication_avg=by_category[QuestionCategory.COMMUNICATION],
        problem_solving_avg=by_category[QuestionCategory.PROBLEM_SOLVING],
        category_avgs=by_category,
        weekly_progress=weekly_progress((c, int(s)) for c, s in scored if c is not None and s is not None),
        strengths=strengths,
        areas_to_improve=weak,
        **counts,
    )


def _stats_row(db: Session, user_id: str) -> InterviewStats:
    row = db.scalar(select(InterviewStats).where(InterviewStats.user_id == user_id))
    if row is None:
        row = InterviewStats(user_id=user_id)
        db.add(row)
    return row


def recompute_stats(*, db: Session, user_id: str) -> StatsView:
    """Recompute every InterviewStats field of the user from the data and store it."""
    view = compute_stats(db, user_id)
    row = _stats_row(db, user_id)
    for name in (
        "total_sessions",
        "completed_sessions",
        "avg_score",
        "best_score",
        "last_session_at",
        "behavioral_avg",
        "technical_avg",
        "communication_avg",
        "problem_solving_avg",
    ):
        setattr(row, name, getattr(view, name))
    row.category_avgs = dict(view.category_avgs)
    row.weekly_progress = [
        {"week": w.week, "avg": w.avg, "sessions": w.sessions} for w in view.weekly_progress
    ]
    row.strengths_json = [i.to_json() for i in view.strengths]
    row.areas_to_improve_json = [i.to_json() for i in view.areas_to_improve]
    db.flush()
    return view


def refresh_session_counts(*, db: Session, user_id: str) -> None:
    """Recompute only the session counts (after a start or an abandon: scores did not change)."""
    counts = _session_counts(db, user_id)
    row = _stats_row(db, user_id)
    for name, value in counts.items():
        setattr(row, name, value)
    db.flush()


def _insights_from_json(items: Any) -> tuple[Insight, ...]:
    return tuple(
        Insight(str(i["kind"]), str(i["name"]), float(i["avg"]), int(i["answers"]), float(i["delta"]))
        for i in items or ()
        if isinstance(i, Mapping)
    )


def get_stats(*, db: Session, user_id: str, owner_id: str | None = None) -> StatsView:
    """GET /api/interviews/stats: the stored stats of ``owner_id`` (default: the actor)."""
    owner = owner_id or user_id
    require_read(db, user_id, owner, "these interview stats")
    row = db.scalar(select(InterviewStats).where(InterviewStats.user_id == owner))
    if row is None:
        return compute_stats(db, owner)
    by_category: dict[str, float | None] = {c.value: None for c in QuestionCategory}
    by_category.update(row.category_avgs or {})
    view = StatsView(user_id=owner, category_avgs=by_category)
    return replace(
        view,
        total_sessions=row.total_sessions,
        completed_sessions=row.completed_sessions,
        avg_score=row.avg_score,
        best_score=row.best_score,
        last_session_at=row.last_session_at,
        behavioral_avg=row.behavioral_avg,
        technical_avg=row.technical_avg,
        communication_avg=row.communication_avg,
        problem_solving_avg=row.problem_solving_avg,
        weekly_progress=tuple(
            WeekPoint(str(w["week"]), float(w["avg"]), int(w["sessions"])) for w in row.weekly_progress or ()
        ),
        strengths=_insights_from_json(row.strengths_json),
        areas_to_improve=_insights_from_json(row.areas_to_improve_json),
    )


def refresh_bank_usage(db: Session, bank_ids: Iterable[str]) -> None:
    """Recompute usage_count (sessions that used it) and avg_score (its scored answers) of bank rows."""
    ids = sorted({i for i in bank_ids if i})
    if not ids:
        return
    used = (
        select(func.count(InterviewQuestion.id))
        .where(InterviewQuestion.bank_id == QuestionBank.id)
        .scalar_subquery()
    )
    mean = (
        select(cast(func.avg(InterviewAnswer.score), Float))
        .join(InterviewQuestion, InterviewQuestion.id == InterviewAnswer.question_id)
        .where(InterviewQuestion.bank_id == QuestionBank.id, InterviewAnswer.score.is_not(None))
        .scalar_subquery()
    )
    db.execute(
        update(QuestionBank)
        .where(QuestionBank.id.in_(ids))
        .values(usage_count=used, avg_score=mean)
        .execution_options(synchronize_session=False)
    )
    for obj in list(db.identity_map.values()):
        if isinstance(obj, QuestionBank) and obj.id in ids:
            db.expire(obj)
