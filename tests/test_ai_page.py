"""AppTest with the AI engine on: the app points at our local OpenAI-compatible server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import select

from core.scoring.base import DIMENSIONS
from db.engine import unit_of_work
from db.models import AIUsage, InterviewAnswer
from tests.ai_server import AIServer, reply, status

if TYPE_CHECKING:
    from tests.pages_support import PageEnv

pytest_plugins = ["tests.pages_support"]

ROOT_APP = "streamlit_app.py"
ANSWER = (
    "Last spring I led a team of five engineers when our payments release slipped two weeks before a "
    "regulatory deadline. I split the work into three streams, paired juniors with seniors and cut scope "
    "with the product owner. We shipped three days early and passed the audit with zero findings."
)
FEEDBACK = "Name the trade-off you negotiated with the product owner and why."
GOOD = {
    "score": 81,
    "breakdown": {"dimensions": {n: {"score": 81, "notes": "ok"} for n in DIMENSIONS}, "criteria": []},
    "feedback": FEEDBACK,
    "strengths": ["Quantified outcome"],
    "improvements": ["Name the stakeholders"],
    "suggestion": "A stronger answer would open with the regulatory stakes ...",
}


@pytest.fixture
def ai_on(page_env: PageEnv, monkeypatch: pytest.MonkeyPatch) -> Iterator[AIServer]:
    """The local server and the app's settings (environment variables) pointing at it."""
    with AIServer() as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_MODEL", "test-model")
        monkeypatch.setenv("OPENAI_MAX_RETRIES", "0")
        monkeypatch.setenv("OPENAI_TIMEOUT", "5")
        yield server


def _answer_first_question(page_env: PageEnv) -> tuple[str, str, Any]:
    uid = page_env.user()
    sid = page_env.start(uid, count=2)
    at = page_env.app("session", user_id=uid, query={"id": sid}).run()
    assert not at.exception, at.exception
    area = at.text_area[0]
    area.input(ANSWER)
    at.button(key="session_submit").click().run()
    assert not at.exception, at.exception
    return uid, sid, at


def _stored_answer(page_env: PageEnv, sid: str) -> InterviewAnswer:
    with page_env.factory() as db:
        row = db.scalar(select(InterviewAnswer).where(InterviewAnswer.session_id == sid))
        assert row is not None
        return row


def test_the_sidebar_shows_the_ai_engine(page_env: PageEnv, ai_on: AIServer) -> None:
    page_env.user()
    from streamlit.testing.v1 import AppTest

    from tests.pages_support import ROOT

    at = AppTest.from_file(str(ROOT / ROOT_APP), default_timeout=30).run()
    assert not at.exception, at.exception
    assert "AI scoring (test-model)" in page_env.texts(at)


def test_an_answer_is_scored_by_the_ai_and_its_feedback_shown(page_env: PageEnv, ai_on: AIServer) -> None:
    ai_on.default = reply(GOOD)
    _, sid, at = _answer_first_question(page_env)
    assert FEEDBACK in page_env.texts(at)
    row = _stored_answer(page_env, sid)
    assert row.feedback_json is not None and row.feedback_json["engine"] == "blend"
    assert "<candidate_answer>" in ai_on.chat_requests[0]["messages"][1]["content"]


def test_a_failing_ai_server_scores_offline_without_a_traceback(page_env: PageEnv, ai_on: AIServer) -> None:
    ai_on.default = status(500)
    _, sid, at = _answer_first_question(page_env)
    assert not at.exception
    assert "could not be scored" not in page_env.texts(at)
    row = _stored_answer(page_env, sid)
    assert row.score is not None and row.answer_text == ANSWER
    assert row.feedback_json is not None
    assert (row.feedback_json["engine"], row.feedback_json["fallback_reason"]) == ("rule", "http_500")
    assert "scored offline" in row.feedback_json["notice"]


def test_ai_usage_from_the_pages_is_recorded_per_user(page_env: PageEnv, ai_on: AIServer) -> None:
    ai_on.default = reply(GOOD, usage=(900, 300))
    uid, _, _ = _answer_first_question(page_env)
    with page_env.factory() as db:
        rows = db.scalars(select(AIUsage).where(AIUsage.user_id == uid, AIUsage.purpose == "score")).all()
        assert [(r.outcome, r.tokens_in, r.tokens_out) for r in rows] == [("ok", 900, 300)]


QUESTIONS = {
    "questions": [
        {
            "question": f"Tell me about a time you {topic} on the payments platform team.",
            "category": "LEADERSHIP",
            "difficulty": "MEDIUM",
            "hints": ["Pick a recent example.", "Quantify the result."],
            "key_points": ["context", "own actions", "result"],
        }
        for topic in (
            "rescued a slipping migration",
            "mentored a new on-call engineer",
            "pushed back on scope",
        )
    ]
}


def test_the_hub_starts_an_interview_written_by_the_ai_for_a_job(page_env: PageEnv, ai_on: AIServer) -> None:
    from core.users import JobInput, create_job
    from db.models import InterviewQuestion

    ai_on.default = reply(QUESTIONS)
    uid = page_env.user()
    with unit_of_work(page_env.factory) as db:
        job = create_job(
            db=db, user_id=uid, job=JobInput(title="Payments Lead", description="Lead payments.")
        )
    at = page_env.app("hub", user_id=uid).run()
    assert not at.exception, at.exception
    at.number_input(key="hub_count").set_value(3)
    at.selectbox(key="hub_job").set_value(job.id)
    at.toggle(key="hub_generate").set_value(True)
    at.button(key="hub_start").click().run()
    assert not at.exception, at.exception
    [request] = ai_on.chat_requests
    assert "Generate 5 BEHAVIORAL interview questions" in request["messages"][1]["content"]
    assert "Lead payments." in request["messages"][1]["content"]
    with page_env.factory() as db:
        texts = db.scalars(
            select(InterviewQuestion.question).where(InterviewQuestion.bank_id.is_(None))
        ).all()
    assert sorted(texts) == sorted(q["question"] for q in QUESTIONS["questions"])
