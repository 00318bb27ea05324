"""Test doubles and data builders: a deterministic scorer and bank rows made to order."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import delete, event
from sqlalchemy.orm import Session

from core.dto import SessionAction, StartRequest
from core.scoring.base import (
    DIMENSIONS,
    CriterionScore,
    DimensionScore,
    ScoreResult,
    ScoringInput,
    concrete_type,
    letter_grade,
    rubric_criteria,
)
from core.sessions import get_questions, start_session, submit_answer, update_session
from core.users import create_user
from db.enums import RUBRIC_CRITERIA, Difficulty, InterviewStatus, InterviewType, QuestionCategory
from db.models import QuestionBank

_SCORE = re.compile(r"score=(\d+)")
_WEAK = re.compile(r"weak=([a-z]+)")
_counter = itertools.count(1)


class FakeScorer:
    """Scores ``score=NN`` from the answer text (default 70); ``weak=dimension`` lowers one dimension.

    ``fail`` makes every call raise; ``fail_batch`` makes only ``score_many`` raise.
    """

    name = "fake"

    def __init__(self, default: int = 70, *, fail: bool = False, fail_batch: bool = False) -> None:
        self.default = default
        self.fail = fail
        self.fail_batch = fail_batch
        self.history: list[ScoringInput] = []
        self.batches: list[int] = []

    def score(self, item: ScoringInput) -> ScoreResult:
        self.history.append(item)
        if self.fail:
            raise RuntimeError("scoring service unavailable")
        found = _SCORE.search(item.answer)
        score = int(found.group(1)) if found else self.default
        weak = _WEAK.search(item.answer)
        dims = {
            name: DimensionScore(max(0, score - 30) if weak and weak.group(1) == name else score, "fake")
            for name in DIMENSIONS
        }
        criteria = rubric_criteria(concrete_type(item.interview_type, item.category), item.rubric)
        improvements = (f"Improve {weak.group(1)}",) if weak else ("Quantify the result",)
        return ScoreResult(
            score=score,
            grade=letter_grade(score),
            dimensions=dims,
            rubric=tuple(CriterionScore(n, w, score, "fake") for n, w in criteria),
            feedback=f"Fake feedback for a {score}.",
            strengths=("Clear example",),
            improvements=improvements,
            engine="fake",
        )

    def score_many(self, items: Sequence[ScoringInput]) -> list[ScoreResult]:
        self.batches.append(len(items))
        if self.fail_batch:
            raise RuntimeError("batch endpoint down")
        return [self.score(i) for i in items]


def rubric_for(itype: InterviewType) -> dict[str, object]:
    return {
        "criteria": [{"name": n, "weight": w, "description": n} for n, w in RUBRIC_CRITERIA[itype]],
        "key_points": ["point one", "point two", "point three"],
    }


def clear_bank(db: Session) -> None:
    """Remove the seeded bank inside the test's transaction (rolled back afterwards)."""
    db.execute(delete(QuestionBank))
    db.flush()


def add_bank(
    db: Session,
    *,
    category: QuestionCategory = QuestionCategory.BEHAVIORAL,
    difficulty: Difficulty = Difficulty.MEDIUM,
    interview_type: InterviewType = InterviewType.BEHAVIORAL,
    role: str | None = None,
    industry: str | None = None,
    tags: Sequence[str] = ("general",),
    question: str | None = None,
    count: int = 1,
) -> list[QuestionBank]:
    rows = []
    for _ in range(count):
        n = next(_counter)
        text = (
            question or f"Question {n}: tell me about {category.value.lower()} at {difficulty.value.lower()}?"
        )
        rows.append(
            QuestionBank(
                key=f"test-{n:06d}",
                question=text,
                category=category,
                difficulty=difficulty,
                interview_type=interview_type,
                role=role,
                industry=industry,
                hints=["Use an example", "Quantify"],
                sample_answer="A sample answer " * 20,
                rubric=rubric_for(interview_type),
                tags=[t.lower() for t in tags],
                search_text=" ".join([text, *tags]).lower(),
            )
        )
    db.add_all(rows)
    db.flush()
    return rows


def add_standard_bank(db: Session, per_cell: int = 3) -> None:
    """A small complete bank: every type's categories at every difficulty."""
    from db.enums import TYPE_CATEGORIES

    for itype in (
        InterviewType.BEHAVIORAL,
        InterviewType.TECHNICAL,
        InterviewType.CASE_STUDY,
        InterviewType.SYSTEM_DESIGN,
    ):
        for category in TYPE_CATEGORIES[itype]:
            for difficulty in Difficulty:
                add_bank(db, category=category, difficulty=difficulty, interview_type=itype, count=per_cell)


def new_user(db: Session, name: str = "ada") -> str:
    return create_user(db=db, email=f"{name}-{next(_counter)}@example.com", display_name=name.title()).id


def request(**kwargs: object) -> StartRequest:
    return StartRequest(**kwargs)  # type: ignore[arg-type]


T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)  # a Monday


class Statements(list[str]):
    def __call__(self) -> int:
        return len(self)


@contextmanager
def count_queries(db: Session) -> Iterator[Statements]:
    """Record the SQL statements run inside the block (``len()`` counts them)."""
    statements = Statements()
    engine = db.get_bind()

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    target = engine.engine if hasattr(engine, "engine") else engine
    event.listen(target, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(target, "before_cursor_execute", record)


def play(
    db: Session,
    user: str,
    category: QuestionCategory,
    scores: Sequence[int | None],
    *,
    when: dt.datetime = T0,
    complete: bool = True,
    extra: str = "",
) -> str:
    """A session of ``category`` questions answered with these scores (None: left unanswered)."""
    itype = (
        InterviewType.TECHNICAL
        if category in (QuestionCategory.TECHNICAL, QuestionCategory.PROBLEM_SOLVING)
        else InterviewType.BEHAVIORAL
    )
    started = start_session(
        db=db,
        user_id=user,
        now=when,
        seed=len(scores),
        request=StartRequest(type=itype, question_count=len(scores), focus_areas=(category,)),
    )
    assert all(q.category is category for q in started.questions)
    scorer = FakeScorer()
    for question, score in zip(started.questions, scores, strict=True):
        if score is not None:
            submit_answer(
                db=db,
                user_id=user,
                session_id=started.session.id,
                question_id=question.id,
                text=f"answer score={score} {extra}",
                duration_ms=1000,
                scorer=scorer,
                now=when,
            )
    if complete:
        update_session(
            db=db,
            user_id=user,
            session_id=started.session.id,
            action=SessionAction.COMPLETE,
            scorer=scorer,
            now=when + dt.timedelta(minutes=30),
        )
    return started.session.id


def start_quick(db: Session, user: str, **kwargs: object) -> str:
    """Start a 3-question session at T0 (kwargs override the request)."""
    req = StartRequest(**{"question_count": 3, **kwargs})  # type: ignore[arg-type]
    return start_session(db=db, user_id=user, request=req, seed=1, now=T0).session.id


def answer_at(
    db: Session,
    user: str,
    session_id: str,
    index: int,
    text: str = "An answer. score=80",
    scorer: FakeScorer | None = None,
    duration_ms: int | None = 60_000,
) -> None:
    question = get_questions(db=db, user_id=user, session_id=session_id)[index]
    submit_answer(
        db=db,
        user_id=user,
        session_id=session_id,
        question_id=question.id,
        text=text,
        duration_ms=duration_ms,
        scorer=scorer or FakeScorer(),
    )


def session_in(db: Session, user: str, status: InterviewStatus) -> str:
    """A fresh session brought to ``status``."""
    sid = start_quick(db, user, start_now=status is not InterviewStatus.PENDING)
    if status is InterviewStatus.COMPLETED:
        answer_at(db, user, sid, 0)
        update_session(
            db=db, user_id=user, session_id=sid, action=SessionAction.COMPLETE, scorer=FakeScorer()
        )
    elif status is InterviewStatus.ABANDONED:
        update_session(db=db, user_id=user, session_id=sid, action=SessionAction.ABANDON)
    return sid
