"""Question bank search on both databases: filters, free text, tags, stable pages, counts."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from core.errors import NotFound
from core.questions import BankFilters, bank_facets, get_bank_question, search_bank, text_terms
from db.enums import Difficulty, InterviewType, QuestionCategory
from db.models import QuestionBank
from db.seed import search_text_for

ROLE = "Lighthouse Keeper"


def _add(db: Session, n: int, text: str, tags: list[str], **kw: object) -> QuestionBank:
    row = QuestionBank(
        key=f"lh-{n:03d}",
        question=text,
        category=kw.get("category", QuestionCategory.BEHAVIORAL),
        difficulty=kw.get("difficulty", Difficulty.MEDIUM),
        interview_type=kw.get("interview_type", InterviewType.BEHAVIORAL),
        industry="Maritime",
        role=ROLE,
        hints=["a", "b"],
        rubric={"criteria": []},
        sample_answer="...",
        tags=tags,
        search_text=search_text_for(text, tags),
    )
    db.add(row)
    return row


@pytest.fixture
def keeper_bank(db: Session) -> Session:
    _add(
        db,
        1,
        "Tell me about leading a team through a storm night.",
        ["leadership", "storm"],
        category=QuestionCategory.LEADERSHIP,
    )
    _add(
        db,
        2,
        "How do you maintain the fresnel lens mechanism?",
        ["maintenance", "optics"],
        category=QuestionCategory.TECHNICAL,
        difficulty=Difficulty.HARD,
        interview_type=InterviewType.TECHNICAL,
    )
    _add(
        db,
        3,
        "Describe a conflict with a supply boat captain.",
        ["conflict", "storm"],
        category=QuestionCategory.COMMUNICATION,
        difficulty=Difficulty.EASY,
    )
    for n in range(4, 29):
        _add(db, n, f"Routine logbook question number {n} about weather readings.", ["logbook"])
    db.flush()
    return db


def test_filters_combine(keeper_bank: Session) -> None:
    page = search_bank(
        db=keeper_bank,
        filters=BankFilters(
            categories=(QuestionCategory.TECHNICAL,), difficulties=(Difficulty.HARD,), role=ROLE
        ),
    )
    assert page.total == 1 and page.items[0].question.startswith("How do you maintain")
    by_type = search_bank(
        db=keeper_bank, filters=BankFilters(role=ROLE, interview_types=(InterviewType.TECHNICAL,))
    )
    assert by_type.total == 1
    industry = search_bank(db=keeper_bank, filters=BankFilters(industry="Maritime"), page_size=100)
    assert industry.total == 28


def test_free_text_matches_words_as_prefixes_and_tags(keeper_bank: Session) -> None:
    page = search_bank(db=keeper_bank, filters=BankFilters(text="lead storm", role=ROLE))
    assert [q.key for q in page.items] == ["lh-001"]
    by_tag_word = search_bank(db=keeper_bank, filters=BankFilters(text="optics", role=ROLE))
    assert [q.key for q in by_tag_word.items] == ["lh-002"]
    nothing = search_bank(db=keeper_bank, filters=BankFilters(text="zeppelin", role=ROLE))
    assert nothing.total == 0 and nothing.items == ()


def test_free_text_ignores_query_syntax(keeper_bank: Session) -> None:
    hostile = 'storm" OR * NEAR( -- ); DROP TABLE question_bank; &|!:'
    page = search_bank(db=keeper_bank, filters=BankFilters(text=hostile, role=ROLE))
    assert page.total == 0  # words must all match; nothing crashes
    assert text_terms(hostile)[:2] == ["storm", "or"]


def test_tag_filter(keeper_bank: Session) -> None:
    page = search_bank(db=keeper_bank, filters=BankFilters(tags=("storm",), role=ROLE))
    assert sorted(q.key for q in page.items) == ["lh-001", "lh-003"]
    both = search_bank(db=keeper_bank, filters=BankFilters(tags=("storm", "conflict"), role=ROLE))
    assert [q.key for q in both.items] == ["lh-003"]


def test_pagination_is_stable_and_complete(keeper_bank: Session) -> None:
    filters = BankFilters(role=ROLE)
    pages = [search_bank(db=keeper_bank, filters=filters, page=p, page_size=10) for p in (1, 2, 3)]
    assert [len(p.items) for p in pages] == [10, 10, 8]
    assert all(p.total == 28 and p.pages == 3 for p in pages)
    keys = [q.key for p in pages for q in p.items]
    assert len(set(keys)) == 28
    assert keys == [q.key for q in search_bank(db=keeper_bank, filters=filters, page_size=28).items]


def test_bad_paging_and_unknown_id(keeper_bank: Session) -> None:
    with pytest.raises(ValueError, match="page must be 1 or more"):
        search_bank(db=keeper_bank, page=0)
    with pytest.raises(ValueError, match="page_size must be between 1 and 100"):
        search_bank(db=keeper_bank, page_size=1000)
    with pytest.raises(NotFound, match="not in the bank"):
        get_bank_question(db=keeper_bank, bank_id="nope")


def test_get_and_facets(keeper_bank: Session) -> None:
    first = search_bank(db=keeper_bank, filters=BankFilters(role=ROLE)).items[0]
    assert get_bank_question(db=keeper_bank, bank_id=first.id) == first
    facets = bank_facets(db=keeper_bank)
    assert ROLE in facets.roles and "Maritime" in facets.industries and "logbook" in facets.tags


def test_shipped_bank_is_searchable(db: Session) -> None:
    everything = search_bank(db=db)
    assert everything.total >= 300
    nurses = search_bank(db=db, filters=BankFilters(role="Registered Nurse"))
    assert nurses.total >= 10
