"""Question selection for a new session: bank candidates by SQL, ranking in Python, reproducible by seed.

How it picks ``n`` questions:

1. A difficulty plan (``selection_rules.difficulty_plan``): ~60 % at the chosen level, the rest one
   step either side.
2. Candidates come from bounded SQL queries (filters + ``LIMIT``), never the whole bank: the type's
   categories (plus focus categories outside the type, from any interview type), the planned
   difficulties, roles/industries matching the job or profile (plus general questions) when they name
   one, and no question from the user's last ``RECENT_SESSIONS`` sessions. The window is ordered by
   focus, role, industry and skill matches, then by a seed-dependent rotation of the ids.
3. If fewer than ``n`` candidates come back, filters are relaxed one at a time: any difficulty, then
   recently seen questions, then other roles, then other industries. Candidates of a later step only
   fill what earlier steps could not, and ``notes`` say what the session had to accept. Repeats come
   before other roles on purpose: a question for your role seen ten sessions ago is better practice
   than one written for a different job.
4. Each slot takes the best remaining candidate: focus categories first, then the planned difficulty,
   category variety, role/industry/skill overlap with the job and profile, and a seeded jitter.
"""

from __future__ import annotations

import random
import secrets
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, func, or_, select
from sqlalchemy.orm import Session

from core.dto import StartRequest
from core.errors import InvalidInput
from core.selection_rules import (
    DIFFICULTY_ORDER,
    RANK,
    TIME_LIMITS,
    difficulty_plan,
    names_match,
    skill_terms,
    terms,
    time_limit_for,
    validate_request,
)
from db.enums import TYPE_CATEGORIES, Difficulty, InterviewType, QuestionCategory
from db.models import InterviewQuestion, InterviewSession, Job, Profile
from db.models import QuestionBank as QB

__all__ = [
    "DIFFICULTY_ORDER",
    "RANK",
    "RECENT_SESSIONS",
    "TIME_LIMITS",
    "Selection",
    "difficulty_plan",
    "names_match",
    "recent_bank_ids",
    "select_questions",
    "time_limit_for",
    "validate_request",
]

RECENT_SESSIONS = 10
_WINDOW_MIN = 60  # candidates fetched per query at least ...
_WINDOW_MULT = 10  # ... and this many per question for big sessions
_SQL_SKILLS = 12  # skills used to rank in SQL; the rest (and CV/description words) rank in Python
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
_ID_RANDOM_PART = 18  # 1-based start of the random suffix of a cuid-style id (db.ids.new_id)
_DIFFICULTY_NOTE = "There were not enough questions at the planned difficulties, so other levels were added."
_RECENT_NOTE = (
    "Some questions come from your recent sessions: the bank has too few new ones for these filters."
)


@dataclass(frozen=True)
class Selection:
    bank_ids: tuple[str, ...]  # in session order
    notes: tuple[str, ...]
    seed: int


@dataclass(frozen=True)
class _Prefs:
    roles: frozenset[str]  # bank role values that match the job/profile role
    industries: frozenset[str]  # bank industry values that match
    skills: frozenset[str]  # explicit skills (job required skills, profile skills), as terms
    context: frozenset[str]  # keywords of the job description and CV
    role_known: bool = False  # the job or profile names a role
    industry_known: bool = False


@dataclass(eq=False)
class _Candidate:
    id: str
    category: QuestionCategory
    difficulty: Difficulty
    role: str | None
    industry: str | None
    tags: tuple[str, ...]
    search_text: str
    step: int
    recent: bool
    jitter: float = 0.0


def recent_bank_ids(db: Session, user_id: str, sessions: int = RECENT_SESSIONS) -> set[str]:
    """Bank ids of the questions in the user's last ``sessions`` sessions."""
    last = (
        select(InterviewSession.id)
        .where(InterviewSession.user_id == user_id)
        .order_by(InterviewSession.created_at.desc(), InterviewSession.id.desc())
        .limit(sessions)
        .scalar_subquery()
    )
    rows = db.scalars(
        select(InterviewQuestion.bank_id)
        .where(InterviewQuestion.session_id.in_(last), InterviewQuestion.bank_id.is_not(None))
        .distinct()
    )
    return {r for r in rows if r}


def _distinct_values(db: Session, column: Any) -> set[str]:
    """Distinct non-null values of an indexed column by a loose index scan (one probe per value).

    The role and industry vocabularies are a few dozen values over thousands of rows; a recursive
    ``min(col) WHERE col > previous`` walks the index instead of scanning and hashing the table.
    """
    walk = select(func.min(column).label("v")).cte("walk", recursive=True)
    walk = walk.union_all(
        select(select(func.min(column)).where(column > walk.c.v).scalar_subquery()).where(
            walk.c.v.is_not(None)
        )
    )
    return {v for v in db.scalars(select(walk.c.v)) if v is not None}


def _preferences(db: Session, request: StartRequest, job: Job | None, profile: Profile | None) -> _Prefs:
    roles: list[str] = []
    industries: list[str] = []
    skills: list[str] = []
    context: set[str] = set()
    if job is not None:
        roles += [v for v in (job.role, job.title) if v]
        industries += [job.industry] if job.industry else []
        skills += list(job.required_skills or ())
        context |= terms(job.description)
    if request.use_profile and profile is not None:
        roles += [profile.target_role] if profile.target_role else []
        industries += [profile.industry] if profile.industry else []
        skills += list(profile.skills or ())
        context |= terms(profile.cv_text)
    # DISTINCT on one indexed column each: an index-only scan, not a sort of the bank.
    bank_roles = _distinct_values(db, QB.role) if roles else set()
    bank_industries = _distinct_values(db, QB.industry) if industries else set()
    return _Prefs(
        roles=frozenset(r for r in bank_roles if any(names_match(r, w) for w in roles)),
        industries=frozenset(i for i in bank_industries if any(names_match(i, w) for w in industries)),
        skills=frozenset(skill_terms(skills)),
        context=frozenset(context),
        role_known=bool(roles),
        industry_known=bool(industries),
    )


class _Query:
    """Builds the bounded candidate queries for one request."""

    def __init__(
        self, db: Session, request: StartRequest, prefs: _Prefs, pivot: str, recent: set[str]
    ) -> None:
        self.db = db
        self.request = request
        self.prefs = prefs
        self.recent = recent
        type_cats = TYPE_CATEGORIES[request.type]
        extra = [c for c in request.focus_areas if c not in type_cats]
        if request.type is InterviewType.MIXED:
            self.scope: ColumnElement[bool] = QB.category.in_(type_cats)
        else:
            self.scope = and_(QB.interview_type == request.type, QB.category.in_(type_cats))
            if extra:
                self.scope = or_(self.scope, QB.category.in_(extra))
        # Skills mentioned in the question or its tags (search_text holds both, lower-cased): a LIKE per
        # skill is far cheaper per row than unpacking the tags array.
        sql_skills = sorted(prefs.skills, key=lambda s: (-len(s), s))[:_SQL_SKILLS]
        self.skill_match = or_(false(), *(QB.search_text.contains(s, autoescape=True) for s in sql_skills))
        rid = func.substr(QB.id, _ID_RANDOM_PART)
        self.rotation = [case((rid >= pivot, 0), else_=1), rid, QB.id]

    def run(
        self, step: int, *, difficulties: Sequence[Difficulty] = (), exclude: Iterable[str] = (), limit: int
    ) -> list[_Candidate]:
        order: list[Any] = []
        if self.request.focus_areas:
            order.append(case((QB.category.in_(self.request.focus_areas), 0), else_=1))
        if not difficulties:
            target = RANK[self.request.difficulty]
            order.append(case(*((QB.difficulty == d, abs(RANK[d] - target)) for d in DIFFICULTY_ORDER)))
        # Matching roles/industries first, then general questions (no role), then the rest.
        order.append(case((QB.role.in_(self.prefs.roles), 0), (QB.role.is_(None), 1), else_=2))
        order.append(case((QB.industry.in_(self.prefs.industries), 0), (QB.industry.is_(None), 1), else_=2))
        if self.prefs.skills:
            order.append(case((self.skill_match, 0), else_=1))
        order += self.rotation

        stmt = select(QB.id, QB.category, QB.difficulty, QB.role, QB.industry, QB.tags, QB.search_text).where(
            self.scope
        )
        if difficulties:
            stmt = stmt.where(QB.difficulty.in_(difficulties))
        # Role and industry filter only when the job or profile names one; otherwise they only rank.
        if step < 3 and self.prefs.role_known:
            stmt = stmt.where(or_(QB.role.is_(None), QB.role.in_(self.prefs.roles)))
        if step < 4 and self.prefs.industry_known:
            stmt = stmt.where(or_(QB.industry.is_(None), QB.industry.in_(self.prefs.industries)))
        if step == 2:
            stmt = stmt.where(QB.id.in_(self.recent))
        elif step < 2 and self.recent:
            stmt = stmt.where(QB.id.not_in(self.recent))
        excluded = list(exclude)
        if excluded:
            stmt = stmt.where(QB.id.not_in(excluded))
        rows = self.db.execute(stmt.order_by(*order).limit(limit)).all()
        return [
            _Candidate(
                id=r.id,
                category=r.category,
                difficulty=r.difficulty,
                role=r.role,
                industry=r.industry,
                tags=tuple(r.tags or ()),
                search_text=r.search_text or "",
                step=step,
                recent=r.id in self.recent,
            )
            for r in rows
        ]


def _preference(c: _Candidate, prefs: _Prefs) -> float:
    score = 0.0
    if c.role is None:
        score += 10 if prefs.role_known else 15  # with no role known, general questions fit best
    elif c.role in prefs.roles:
        score += 30
    if c.industry is None:
        score += 5
    elif c.industry in prefs.industries:
        score += 15
    if prefs.skills or prefs.context:
        tags = set(c.tags) | {p for t in c.tags for p in t.split("-") if len(p) > 1}
        overlap = 8 * len(tags & prefs.skills) + 4 * len(tags & (prefs.context - prefs.skills))
        overlap += 3 * sum(1 for skill in prefs.skills if skill in c.search_text)  # as the SQL LIKE does
        score += min(overlap, 30)
    return score


def _pick(
    pool: list[_Candidate], plan: list[Difficulty], request: StartRequest, prefs: _Prefs
) -> list[_Candidate]:
    """Fill the plan's slots greedily; only the best candidate of each (category, difficulty) competes."""
    focus = set(request.focus_areas)
    # Later relaxation steps only fill what earlier ones could not (-1000 per step beyond the first).
    base = {
        c.id: _preference(c, prefs) + c.jitter - (60 if c.recent else 0) - 1000 * max(0, c.step - 1)
        for c in pool
    }
    groups: dict[tuple[QuestionCategory, Difficulty], list[_Candidate]] = {}
    for c in sorted(pool, key=lambda c: (-base[c.id], c.id)):
        groups.setdefault((c.category, c.difficulty), []).append(c)
    chosen: list[_Candidate] = []
    per_category: Counter[QuestionCategory] = Counter()
    for target in plan:
        heads = [g[0] for g in groups.values() if g]
        if not heads:
            break

        def value(c: _Candidate, target: Difficulty = target) -> tuple[float, str]:
            bonus = (200 if c.category in focus else 0) - 20 * per_category[c.category]
            return base[c.id] + bonus - 40 * abs(RANK[c.difficulty] - RANK[target]), c.id

        best = max(heads, key=value)
        groups[(best.category, best.difficulty)].pop(0)
        chosen.append(best)
        per_category[best.category] += 1
    order = {c.id: i for i, c in enumerate(chosen)}
    return sorted(chosen, key=lambda c: (RANK[c.difficulty], order[c.id]))


def select_questions(
    *,
    db: Session,
    user_id: str,
    request: StartRequest,
    job: Job | None,
    profile: Profile | None,
    seed: int | None = None,
) -> Selection:
    """Pick bank questions for a validated request (see the module docstring)."""
    seed = secrets.randbelow(2**31) if seed is None else seed
    rng = random.Random(seed)
    n = request.question_count
    plan = difficulty_plan(request.difficulty, n)
    wanted = Counter(plan)
    prefs = _preferences(db, request, job, profile)
    query = _Query(
        db, request, prefs, "".join(rng.choice(_ALPHABET) for _ in range(8)), recent_bank_ids(db, user_id)
    )
    limit = max(_WINDOW_MIN, _WINDOW_MULT * n)

    pool: dict[str, _Candidate] = {}

    def add(found: list[_Candidate]) -> None:
        for c in found:
            pool.setdefault(c.id, c)

    first = query.run(0, difficulties=sorted(wanted, key=RANK.__getitem__), limit=limit)
    add(first)
    if len(first) == limit:  # a full window may have crowded out a difficulty: top it up
        have = Counter(c.difficulty for c in first)
        for difficulty, slots in wanted.items():
            if have[difficulty] < 3 * slots:
                add(query.run(0, difficulties=[difficulty], exclude=pool, limit=_WINDOW_MIN))
    for step in (1, 2, 3, 4):
        if len(pool) >= n:
            break
        add(query.run(step, exclude=pool, limit=limit))
    if not pool:
        scope = request.type.value.replace("_", " ").lower()
        raise InvalidInput(
            f"the question bank has no {scope} questions yet: load the question bank "
            "(python -m db.seed) or choose another interview type"
        )

    candidates = sorted(pool.values(), key=lambda c: c.id)
    for c in candidates:
        c.jitter = rng.uniform(0, 12)
    chosen = _pick(candidates, plan, request, prefs)

    notes = _notes(chosen, set(plan), prefs)
    if len(chosen) < n:
        notes += (
            f"The bank has only {len(chosen)} matching {request.type.value} question(s), "
            f"so this session has {len(chosen)} instead of {n}.",
        )
    return Selection(bank_ids=tuple(c.id for c in chosen), notes=notes, seed=seed)


def _notes(chosen: list[_Candidate], planned: set[Difficulty], prefs: _Prefs) -> tuple[str, ...]:
    """What the session had to accept beyond the request's filters, in the user's words."""
    notes = [_DIFFICULTY_NOTE] if any(c.difficulty not in planned for c in chosen) else []
    if any(c.recent for c in chosen):
        notes.append(_RECENT_NOTE)
    roles = sorted({c.role for c in chosen if c.role and c.role not in prefs.roles})
    if roles and prefs.role_known:
        notes.append(
            f"Some questions were written for other roles ({', '.join(roles[:3])}): "
            "the bank has too few for yours."
        )
    industries = sorted({c.industry for c in chosen if c.industry and c.industry not in prefs.industries})
    if industries and prefs.industry_known:
        notes.append(
            f"Some questions come from other industries ({', '.join(industries[:3])}): "
            "the bank has too few for yours."
        )
    return tuple(notes)
