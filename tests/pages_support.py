"""Shared support for page tests (AppTest), the browser tests and ``bench pages``.

A migrated SQLite template database with a question bank (the curated bank when its data files are
present, otherwise a small synthetic one that passes the bank's validation) is built once and copied per
test; ``page_env`` points the app at the copy and clears Streamlit's caches.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from sqlalchemy.orm import Session, sessionmaker
from streamlit.testing.v1 import AppTest

from core.answers import submit_answer
from core.dto import SessionAction, StartRequest
from core.scoring.rule import RuleScorer
from core.sessions import start_session, update_session
from core.users import create_user
from db.engine import make_engine, make_sessionmaker, unit_of_work
from db.enums import RUBRIC_CRITERIA, TYPE_CATEGORIES, Difficulty, InterviewType
from db.migrate import upgrade_to_head
from db.seed import BankDataError, load_bank, seed_bank

ROOT = Path(__file__).resolve().parent.parent

STRONG_ANSWER = (
    "In my last role as a team lead at a logistics company, our release process kept slipping and two "
    "customers threatened to leave. I was asked to get the quarterly release out on time. I mapped every "
    "step with the five engineers, cut the manual test checklist by automating 120 regression checks, and "
    "set up a daily fifteen-minute stand-up with the product owner to unblock decisions. As a result we "
    "shipped two days early, defects after release fell by 40 percent, and both customers renewed their "
    "contracts. I learned to make risks visible early and to agree on priorities with stakeholders."
)

_TOPICS = [
    ("a conflict inside your team", ["conflict", "teamwork"]),
    ("a project that was behind schedule", ["deadline", "delivery"]),
    ("feedback you found hard to hear", ["feedback", "growth"]),
    ("a decision you made with incomplete data", ["decisions", "data"]),
    ("a time you had to persuade a sceptical stakeholder", ["stakeholders", "influence"]),
    ("a mistake you made and what you changed afterwards", ["mistakes", "learning"]),
]
_TECH = [
    ("how you would find and fix a slow database query", ["sql", "performance"]),
    ("how you would design a rate limiter for a public API", ["api", "scalability"]),
    ("the trade-offs between caching in memory and in a shared cache", ["caching", "trade-offs"]),
    ("how you test code that talks to external services", ["testing", "mocks"]),
]


def synthetic_bank() -> list[dict[str, Any]]:
    """About 50 valid bank items covering every interview type, category and difficulty."""
    items: list[dict[str, Any]] = []
    n = 0
    for itype, categories in TYPE_CATEGORIES.items():
        if itype is InterviewType.MIXED:
            continue
        pool = _TOPICS if itype is InterviewType.BEHAVIORAL else _TECH
        for category in categories:
            for difficulty in Difficulty:
                topic, tags = pool[n % len(pool)]
                n += 1
                verb = "Tell me about" if itype is InterviewType.BEHAVIORAL else "Walk me through"
                items.append(
                    {
                        "key": f"test-{itype.value.lower().replace('_', '-')}-{n:03d}",
                        "question": f"{verb} {topic} ({category.value.lower().replace('_', ' ')}, "
                        f"{difficulty.value.lower()} level, item {n}).",
                        "interview_type": itype.value,
                        "category": category.value,
                        "difficulty": difficulty.value,
                        "industry": None,
                        "role": None,
                        "hints": ["Use a concrete example.", "Say what changed because of you."],
                        "rubric": {
                            "criteria": [
                                {"name": name, "weight": weight, "description": f"{name} for this question"}
                                for name, weight in RUBRIC_CRITERIA[itype]
                            ],
                            "key_points": ["context", "own actions", "measurable result"],
                        },
                        "sample_answer": STRONG_ANSWER,
                        "tags": tags,
                    }
                )
    return items


def bank_items() -> list[dict[str, Any]]:
    try:
        return load_bank()[0]
    except BankDataError:
        return synthetic_bank()


def build_template(path: Path) -> Path:
    """A migrated SQLite database file with the bank loaded."""
    engine = make_engine(f"sqlite:///{path}")
    upgrade_to_head(engine)
    with engine.begin() as conn, Session(bind=conn) as db:
        seed_bank(db, bank_items())
        db.flush()
    engine.dispose()
    return path


@dataclass
class PageEnv:
    """The database a page test runs against, with helpers to seed users and sessions."""

    url: str
    factory: sessionmaker[Session]
    strong_answer: str = STRONG_ANSWER

    def user(self, name: str = "Alex Morgan") -> str:
        with unit_of_work(self.factory) as db:
            slug = name.lower().replace(" ", ".")
            return create_user(db=db, email=f"{slug}@example.com", display_name=name).id

    def start(
        self,
        user_id: str,
        kind: InterviewType = InterviewType.BEHAVIORAL,
        count: int = 3,
        now: dt.datetime | None = None,
        seed: int = 1,
    ) -> str:
        with unit_of_work(self.factory) as db:
            started = start_session(
                db=db,
                user_id=user_id,
                seed=seed,
                now=now,
                request=StartRequest(type=kind, question_count=count),
            )
            return started.session.id

    def answer_all(
        self,
        user_id: str,
        session_id: str,
        text: str = STRONG_ANSWER,
        complete: bool = True,
        now: dt.datetime | None = None,
        only: int | None = None,
    ) -> None:
        from core.sessions import get_questions

        scorer = RuleScorer()
        with unit_of_work(self.factory) as db:
            questions = get_questions(db=db, user_id=user_id, session_id=session_id)
            for q in questions[: only if only is not None else len(questions)]:
                submit_answer(
                    db=db,
                    user_id=user_id,
                    session_id=session_id,
                    question_id=q.id,
                    text=text,
                    duration_ms=60_000,
                    scorer=scorer,
                    now=now,
                )
            if complete:
                update_session(
                    db=db,
                    user_id=user_id,
                    session_id=session_id,
                    action=SessionAction.COMPLETE,
                    scorer=scorer,
                    now=now,
                )

    def completed(
        self,
        user_id: str,
        kind: InterviewType = InterviewType.BEHAVIORAL,
        count: int = 3,
        when: dt.datetime | None = None,
        text: str = STRONG_ANSWER,
    ) -> str:
        sid = self.start(user_id, kind, count, now=when)
        self.answer_all(user_id, sid, text=text, now=when)
        return sid

    @staticmethod
    def app(
        page: str,
        *,
        user_id: str | None = None,
        query: dict[str, str] | None = None,
        timeout: float = 30,
        **state: Any,
    ) -> AppTest:
        """An AppTest of ``pages/<page>.py`` with the acting user, query parameters and state seeded."""
        at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=timeout)
        if user_id is not None:
            at.session_state["user_id"] = user_id
        for key, value in state.items():
            at.session_state[key] = value
        for key, value in (query or {}).items():
            at.query_params[key] = value
        return at

    def follow(self, at: AppTest) -> AppTest:
        """Run the page that ``at`` tried to switch to (AppTest cannot follow st.switch_page here)."""
        assert "nav_target" in at.session_state and at.session_state["nav_target"], "the page did not move on"
        page, query = at.session_state["nav_target"]
        try:
            user_id = at.session_state["user_id"]
        except KeyError:
            user_id = None
        return self.app(page, user_id=user_id, query=query).run()

    @staticmethod
    def texts(at: AppTest) -> str:
        """Every piece of visible text of an AppTest run, joined (for loose assertions)."""
        parts: list[str] = []
        for kind in (
            "title",
            "header",
            "subheader",
            "markdown",
            "caption",
            "text",
            "info",
            "warning",
            "error",
            "success",
            "metric",
            "toast",
            "exception",
        ):
            for el in at.get(kind):
                value = getattr(el, "value", None)
                label = getattr(el, "label", None)
                parts.extend(str(v) for v in (label, value) if v is not None)
        parts.extend(el.proto.text for el in at.get("progress"))
        return "\n".join(parts)


@pytest.fixture(scope="session")
def page_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_template(tmp_path_factory.mktemp("pages") / "template.db")


@pytest.fixture
def page_env(page_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PageEnv]:
    """A fresh copy of the template database, the app pointed at it, Streamlit caches cleared."""
    db_path = tmp_path / "app.db"
    shutil.copy(page_template, db_path)
    url = f"sqlite:///{db_path}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("JOBCIRCLE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("JOBCIRCLE_SEED_ON_START", "false")
    st.cache_resource.clear()
    st.cache_data.clear()
    engine = make_engine(url)
    yield PageEnv(url, make_sessionmaker(engine))
    engine.dispose()
    st.cache_resource.clear()
    st.cache_data.clear()
