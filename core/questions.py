"""Question bank search: filters, free text (FTS5 on SQLite, tsvector on PostgreSQL), stable pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, Text, exists, func, literal_column, select, text, type_coerce
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from core.errors import NotFound
from db.enums import Difficulty, InterviewType, QuestionCategory
from db.models import QuestionBank

MAX_PAGE_SIZE = 100
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class BankFilters:
    """What to look for; empty fields do not filter."""

    categories: tuple[QuestionCategory, ...] = ()
    difficulties: tuple[Difficulty, ...] = ()
    interview_types: tuple[InterviewType, ...] = ()
    industry: str | None = None
    role: str | None = None
    tags: tuple[str, ...] = ()
    text: str | None = None


@dataclass(frozen=True)
class BankQuestion:
    id: str
    key: str | None
    question: str
    category: QuestionCategory
    difficulty: Difficulty
    interview_type: InterviewType
    industry: str | None
    role: str | None
    hints: tuple[str, ...]
    sample_answer: str | None
    rubric: dict[str, Any]
    tags: tuple[str, ...]
    usage_count: int
    avg_score: float | None


@dataclass(frozen=True)
class BankPage:
    items: tuple[BankQuestion, ...]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass(frozen=True)
class BankFacets:
    """Distinct values for filter widgets."""

    industries: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    tags: tuple[str, ...] = field(default_factory=tuple)


def to_bank_question(row: QuestionBank) -> BankQuestion:
    return BankQuestion(
        id=row.id,
        key=row.key,
        question=row.question,
        category=row.category,
        difficulty=row.difficulty,
        interview_type=row.interview_type,
        industry=row.industry,
        role=row.role,
        hints=tuple(row.hints or ()),
        sample_answer=row.sample_answer,
        rubric=dict(row.rubric or {}),
        tags=tuple(row.tags or ()),
        usage_count=row.usage_count or 0,
        avg_score=row.avg_score,
    )


def text_terms(query: str | None) -> list[str]:
    """Lower-cased alphanumeric words of a free-text query (operators and quotes are dropped)."""
    return _WORD.findall((query or "").lower())[:12]


def _text_clause(db: Session, terms: list[str]) -> Any:
    if db.get_bind().dialect.name == "postgresql":
        tsquery = " & ".join(f"{t}:*" for t in terms)
        return func.to_tsvector(literal_column("'english'"), QuestionBank.search_text).op("@@")(
            func.to_tsquery(literal_column("'english'"), tsquery)
        )
    match = " ".join(f'"{t}"*' for t in terms)
    fts: Select[Any] = (
        select(literal_column("rowid"))
        .select_from(text("question_bank_fts"))
        .where(text("question_bank_fts MATCH :match").bindparams(match=match))
    )
    return literal_column("question_bank.rowid").in_(fts)


def _tag_clause(db: Session, tag: str) -> Any:
    if db.get_bind().dialect.name == "postgresql":
        return type_coerce(QuestionBank.tags, ARRAY(Text())).contains([tag])
    each = func.json_each(QuestionBank.tags).table_valued("value")
    return exists(select(1).select_from(each).where(each.c.value == tag))


def _filtered(db: Session, filters: BankFilters, stmt: Select[Any]) -> Select[Any]:
    if filters.categories:
        stmt = stmt.where(QuestionBank.category.in_(filters.categories))
    if filters.difficulties:
        stmt = stmt.where(QuestionBank.difficulty.in_(filters.difficulties))
    if filters.interview_types:
        stmt = stmt.where(QuestionBank.interview_type.in_(filters.interview_types))
    if filters.industry:
        stmt = stmt.where(QuestionBank.industry == filters.industry)
    if filters.role:
        stmt = stmt.where(QuestionBank.role == filters.role)
    for tag in filters.tags:
        stmt = stmt.where(_tag_clause(db, tag.strip().lower()))
    terms = text_terms(filters.text)
    if terms:
        stmt = stmt.where(_text_clause(db, terms))
    return stmt


def search_bank(
    *, db: Session, filters: BankFilters | None = None, page: int = 1, page_size: int = 20
) -> BankPage:
    """One page of matching bank questions, ordered stably, with the total count.

    Free text matches every word as a prefix (``lead team`` finds "leading a team").
    """
    filters = filters or BankFilters()
    if page < 1:
        raise ValueError("page must be 1 or more")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ValueError(f"page_size must be between 1 and {MAX_PAGE_SIZE}")
    total = count_bank(db=db, filters=filters)
    stmt = (
        _filtered(db, filters, select(QuestionBank))
        .order_by(QuestionBank.id)
        .limit(page_size)
        .offset((page - 1) * page_size)
    )
    rows = db.scalars(stmt).all()
    return BankPage(tuple(to_bank_question(r) for r in rows), total, page, page_size)


def count_bank(*, db: Session, filters: BankFilters | None = None) -> int:
    """How many bank questions match."""
    stmt = _filtered(db, filters or BankFilters(), select(func.count()).select_from(QuestionBank))
    return int(db.scalar(stmt) or 0)


def get_bank_question(*, db: Session, bank_id: str) -> BankQuestion:
    """One bank question by id; NotFound if there is none."""
    row = db.get(QuestionBank, bank_id)
    if row is None:
        raise NotFound(f"question {bank_id} is not in the bank")
    return to_bank_question(row)


def bank_facets(*, db: Session) -> BankFacets:
    """Industries, roles and the most used tags, for filter widgets."""
    industries = db.scalars(
        select(QuestionBank.industry).where(QuestionBank.industry.is_not(None)).distinct()
    ).all()
    roles = db.scalars(select(QuestionBank.role).where(QuestionBank.role.is_not(None)).distinct()).all()
    counts: dict[str, int] = {}
    for tags in db.scalars(select(QuestionBank.tags).limit(5000)):
        for tag in tags or ():
            counts[tag] = counts.get(tag, 0) + 1
    top = sorted(counts, key=lambda t: (-counts[t], t))[:200]
    return BankFacets(
        tuple(sorted(i for i in industries if i)), tuple(sorted(r for r in roles if r)), tuple(sorted(top))
    )
