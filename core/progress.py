"""Progress over time, weak areas and what to practise next (GET /api/interviews/progress).

Evidence is the scored answers of COMPLETED sessions. The data comes from one bulk load of small
answer columns plus one grouped query for rubric dimensions, so 500 sessions cost two queries, not 500;
recommendations add at most one bounded bank query per recommendation.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Literal, NamedTuple, cast

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from core.access import require_read
from core.dto import ProgressPoint, ProgressView, Recommendation, SuggestedQuestion, WeakArea
from core.errors import InvalidInput
from core.selection import DIFFICULTY_ORDER, RANK, recent_bank_ids
from core.stats import MARGIN, MIN_EVIDENCE, WEAK_THRESHOLD, AreaAverage, answer_aggregates, iso_week
from core.summary import DIMENSION_TIPS
from db.enums import TYPE_CATEGORIES, Difficulty, InterviewStatus, InterviewType, QuestionCategory
from db.models import InterviewAnswer, InterviewQuestion, InterviewSession, Profile, QuestionBank
from db.types import utcnow

Period = Literal["week", "day"]
RECENT_DAYS = 30
MAX_RECOMMENDATIONS = 4
QUESTIONS_PER_RECOMMENDATION = 3


class _Row(NamedTuple):
    """One scored answer of a completed session (the result rows carry these names; no copying)."""

    session_id: str
    completed_at: dt.datetime
    total_score: int | None
    category: QuestionCategory
    difficulty: Difficulty
    score: int
    bank_id: str | None


def _load(db: Session, user_id: str) -> list[_Row]:
    rows = db.execute(
        select(
            InterviewSession.id.label("session_id"),
            InterviewSession.completed_at,
            InterviewSession.total_score,
            InterviewQuestion.category,
            InterviewQuestion.difficulty,
            InterviewAnswer.score,
            InterviewQuestion.bank_id,
        )
        .select_from(InterviewAnswer)
        .join(InterviewQuestion, InterviewQuestion.id == InterviewAnswer.question_id)
        .join(InterviewSession, InterviewSession.id == InterviewAnswer.session_id)
        .where(
            InterviewSession.user_id == user_id,
            InterviewSession.status == InterviewStatus.COMPLETED,
            InterviewSession.completed_at.is_not(None),
            InterviewAnswer.score.is_not(None),
        )
    ).all()
    return cast(list[_Row], rows)  # completed_at and score are filtered NOT NULL above


def _period_of(when: dt.datetime, period: Period) -> tuple[str, dt.date]:
    day = when.astimezone(dt.UTC).date()
    if period == "day":
        return day.isoformat(), day
    return iso_week(when.astimezone(dt.UTC)), day - dt.timedelta(days=day.weekday())


def _series(rows: list[_Row], period: Period) -> tuple[ProgressPoint, ...]:
    sessions: dict[str, dict[str, int | None]] = defaultdict(dict)
    answers: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    starts: dict[str, dt.date] = {}
    period_of_session: dict[str, str] = {}
    for r in rows:
        key = period_of_session.get(r.session_id)
        if key is None:
            key, starts_on = _period_of(r.completed_at, period)
            period_of_session[r.session_id] = key
            starts[key] = starts_on
        sessions[key][r.session_id] = r.total_score
        answers[key][r.category.value].append(r.score)
    points = []
    for key in sorted(starts, key=lambda k: starts[k]):
        totals = [t for t in sessions[key].values() if t is not None]
        by_cat = answers[key]
        points.append(
            ProgressPoint(
                period=key,
                start=starts[key],
                avg=round(sum(totals) / len(totals), 1) if totals else None,
                sessions=len(sessions[key]),
                answers=sum(len(v) for v in by_cat.values()),
                categories={c: round(sum(v) / len(v), 1) for c, v in sorted(by_cat.items())},
            )
        )
    return tuple(points)


def _area(area: AreaAverage, user_avg: float) -> WeakArea | None:
    if area.answers < MIN_EVIDENCE:
        return None
    label = area.name.replace("_", " ").lower()
    delta = area.avg - user_avg
    evidence = f"{label} averages {area.avg:g} over {area.answers} answers"
    if delta <= -MARGIN:
        why = f"{abs(delta):.0f} points below your average of {user_avg:g}"
    elif area.avg < WEAK_THRESHOLD:
        why = f"under the {WEAK_THRESHOLD:g} that a solid answer reaches"
    else:
        return None
    return WeakArea(area.kind, area.name, area.avg, area.answers, user_avg, f"{evidence}, {why}")


def _strength(area: AreaAverage, user_avg: float) -> WeakArea | None:
    delta = area.avg - user_avg
    if area.answers < MIN_EVIDENCE or delta < MARGIN or area.avg < WEAK_THRESHOLD:
        return None
    return WeakArea(
        area.kind,
        area.name,
        area.avg,
        area.answers,
        user_avg,
        f"{area.name.replace('_', ' ').lower()} averages {area.avg:g} over {area.answers} answers, "
        f"{delta:.0f} points above your average",
    )


def type_for(category: QuestionCategory) -> InterviewType:
    """The interview type to practise a category in (the first concrete type that covers it)."""
    for itype in (InterviewType.BEHAVIORAL, InterviewType.TECHNICAL, InterviewType.CASE_STUDY):
        if category in TYPE_CATEGORIES[itype]:
            return itype
    return InterviewType.MIXED


def _practice_difficulty(rows: list[_Row], category: QuestionCategory, avg: float | None) -> Difficulty:
    """The level the user usually practises the category at; one easier when they struggle (< 50)."""
    used = Counter(r.difficulty for r in rows if r.category is category)
    level = used.most_common(1)[0][0] if used else Difficulty.MEDIUM
    if avg is not None and avg < 50 and RANK[level] > 0:
        level = DIFFICULTY_ORDER[RANK[level] - 1]
    return level


def _questions(
    db: Session,
    category: QuestionCategory,
    itype: InterviewType,
    level: Difficulty,
    avoid: set[str],
    role: str | None,
) -> tuple[SuggestedQuestion, ...]:
    distance = case(*((QuestionBank.difficulty == d, abs(RANK[d] - RANK[level])) for d in DIFFICULTY_ORDER))
    stmt = select(
        QuestionBank.id,
        QuestionBank.question,
        QuestionBank.category,
        QuestionBank.difficulty,
        QuestionBank.interview_type,
    ).where(QuestionBank.category == category)
    if itype is not InterviewType.MIXED:
        stmt = stmt.where(QuestionBank.interview_type == itype)
    if avoid:
        stmt = stmt.where(QuestionBank.id.not_in(sorted(avoid)))
    role_rank = (
        case((QuestionBank.role == role, 0), (QuestionBank.role.is_(None), 1), else_=2)
        if role
        else case((QuestionBank.role.is_(None), 0), else_=1)
    )
    rows = db.execute(
        stmt.order_by(distance, role_rank, QuestionBank.usage_count, QuestionBank.id).limit(
            QUESTIONS_PER_RECOMMENDATION
        )
    ).all()
    return tuple(SuggestedQuestion(*r) for r in rows)


def _recommend(
    db: Session,
    user_id: str,
    rows: list[_Row],
    weak: tuple[WeakArea, ...],
    categories: dict[str, AreaAverage],
    now: dt.datetime,
) -> tuple[Recommendation, ...]:
    cutoff = now - dt.timedelta(days=RECENT_DAYS)
    avoid = recent_bank_ids(db, user_id) | {r.bank_id for r in rows if r.bank_id and r.completed_at >= cutoff}
    role = db.scalar(select(Profile.target_role).where(Profile.user_id == user_id))
    plans: list[tuple[QuestionCategory, str, str]] = []
    for area in weak:
        if area.kind == "category":
            plans.append(
                (
                    QuestionCategory(area.name),
                    f"Practise {area.name.replace('_', ' ').lower()}",
                    area.reason + ".",
                )
            )
    dims = [a for a in weak if a.kind == "dimension"]
    if dims and categories:
        worst_cat = min(categories.values(), key=lambda a: (a.avg, a.name))
        for dim in dims[:2]:
            plans.append(
                (
                    QuestionCategory(worst_cat.name),
                    f"Work on {dim.name}",
                    f"{dim.reason}: {DIMENSION_TIPS.get(dim.name, 'focus on it')}. Practise it on "
                    f"{worst_cat.name.replace('_', ' ').lower()} questions, your lowest category.",
                )
            )
    if not plans:
        untried = [
            c
            for c in QuestionCategory
            if categories.get(c.value) is None or categories[c.value].answers < MIN_EVIDENCE
        ]
        for category in untried[:2]:
            count = categories[category.value].answers if category.value in categories else 0
            plans.append(
                (
                    category,
                    f"Try {category.value.replace('_', ' ').lower()} questions",
                    f"You have {count} scored answer(s) in this category: practise it to find out "
                    "where you stand.",
                )
            )
    recommendations: list[Recommendation] = []
    seen: set[tuple[QuestionCategory, str]] = set()
    for category, title, reason in plans:
        if (category, title) in seen or len(recommendations) >= MAX_RECOMMENDATIONS:
            continue
        seen.add((category, title))
        itype = type_for(category)
        seen_area = categories.get(category.value)
        level = _practice_difficulty(rows, category, seen_area.avg if seen_area else None)
        picks = _questions(db, category, itype, level, avoid, role)
        avoid |= {q.id for q in picks}
        recommendations.append(Recommendation(title, reason, itype, (category,), level, picks))
    return tuple(recommendations)


def get_progress(
    *,
    db: Session,
    user_id: str,
    owner_id: str | None = None,
    period: str = "week",
    now: dt.datetime | None = None,
) -> ProgressView:
    """Score series per day or ISO week (overall and per category), weak areas and recommendations."""
    if period not in ("week", "day"):
        raise InvalidInput(f"period must be 'week' or 'day', not {period!r}")
    owner = owner_id or user_id
    require_read(db, user_id, owner, "this progress")
    now = now or utcnow()
    rows = _load(db, owner)
    aggregates = answer_aggregates(db, owner)
    user_avg = aggregates.user_avg
    areas = (*aggregates.categories, *aggregates.dimensions)
    weak: tuple[WeakArea, ...] = ()
    strengths: tuple[WeakArea, ...] = ()
    if user_avg is not None:
        weak = tuple(sorted((w for a in areas if (w := _area(a, user_avg))), key=lambda w: (w.avg, w.name)))
        strengths = tuple(
            sorted((s for a in areas if (s := _strength(a, user_avg))), key=lambda s: (-s.avg, s.name))
        )
    categories = {a.name: a for a in aggregates.categories}
    return ProgressView(
        user_id=owner,
        period=period,
        series=_series(rows, "day" if period == "day" else "week"),
        user_avg=user_avg,
        answers=aggregates.answers,
        weak_areas=weak,
        strengths=strengths,
        recommendations=_recommend(db, owner, rows, weak, categories, now),
    )
