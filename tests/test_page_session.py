"""AppTest: the interview session page (pages/session.py)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest

from core.enums import InterviewStatus
from core.sessions import get_questions, get_session
from db.engine import unit_of_work

if TYPE_CHECKING:
    from tests.pages_support import PageEnv

pytest_plugins = ["tests.pages_support"]


def _questions(env: PageEnv, uid: str, sid: str) -> list:
    with unit_of_work(env.factory) as db:
        return list(get_questions(db=db, user_id=uid, session_id=sid))


def _status(env: PageEnv, uid: str, sid: str) -> InterviewStatus:
    with unit_of_work(env.factory) as db:
        return get_session(db=db, user_id=uid, session_id=sid).summary.status


def test_shows_question_progress_timer_and_answer_box(page_env: PageEnv) -> None:
    uid = page_env.user()
    sid = page_env.start(uid, count=3)
    q1 = _questions(page_env, uid, sid)[0]
    at = page_env.app("session", user_id=uid, query={"id": sid}).run()
    assert not at.exception and not at.error
    text = page_env.texts(at)
    assert "Question 1 of 3 · 0 answered" in text
    assert q1.question[:40] in text
    assert q1.time_limit and "left of" in text  # the countdown
    assert at.text_area(key=f"session_answer_{q1.id}").value == ""
    assert at.button(key="session_prev").disabled and not at.button(key="session_next").disabled
    assert at.button(key="session_finish").disabled  # nothing answered yet
    assert at.segmented_control(key=f"session_jump_{sid}").value == 0


def test_hints_are_revealed_one_at_a_time(page_env: PageEnv) -> None:
    uid = page_env.user()
    sid = page_env.start(uid, count=2)
    q1 = _questions(page_env, uid, sid)[0]
    at = page_env.app("session", user_id=uid, query={"id": sid}).run()
    assert not at.info  # hints hidden at first
    at.button(key="session_hint").click().run()
    assert [i.value for i in at.info] == [q1.hints[0]]
    if len(q1.hints) > 1:
        at.button(key="session_hint").click().run()
        assert [i.value for i in at.info] == list(q1.hints[:2])


def test_draft_survives_moving_between_questions_and_reruns(page_env: PageEnv) -> None:
    uid = page_env.user()
    sid = page_env.start(uid, count=3)
    q1, q2, _ = _questions(page_env, uid, sid)
    at = page_env.app("session", user_id=uid, query={"id": sid}).run()
    at.text_area(key=f"session_answer_{q1.id}").input("My half-written draft")
    at.button(key="session_next").click().run()
    assert "Question 2 of 3" in page_env.texts(at)
    assert at.text_area(key=f"session_answer_{q2.id}").value == ""
    at.run()  # a plain rerun
    at.button(key="session_prev").click().run()
    assert at.text_area(key=f"session_answer_{q1.id}").value == "My half-written draft"
    assert at.session_state["session_drafts"][q1.id] == "My half-written draft"


def test_submit_shows_score_breakdown_and_feedback(page_env: PageEnv) -> None:
    uid = page_env.user()
    sid = page_env.start(uid, count=2)
    q1 = _questions(page_env, uid, sid)[0]
    at = page_env.app("session", user_id=uid, query={"id": sid}).run()
    at.text_area(key=f"session_answer_{q1.id}").input(page_env.strong_answer)
    at.button(key="session_submit").click().run()
    assert not at.exception and not at.error
    text = page_env.texts(at)
    assert "Your score for this question" in text and "Feedback" in text
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Score"].endswith("/ 100") and metrics["Grade"] in "ABCDF"
    assert len(at.get("plotly_chart")) == 2  # rubric criteria and scoring dimensions
    assert at.toast and "Answer scored" in at.toast[0].value
    stored = _questions(page_env, uid, sid)[0].answer
    assert stored is not None and stored.text == page_env.strong_answer and stored.score is not None
    assert at.button(key="session_submit").label == "Update answer"
    # "Next question" moves on; the finish button is enabled now.
    at.button(key="session_next_after_submit").click().run()
    assert "Question 2 of 2 · 1 answered" in page_env.texts(at)
    assert not at.button(key="session_finish").disabled


def test_times_up_keeps_the_answer_and_records_overtime(page_env: PageEnv) -> None:
    uid = page_env.user()
    sid = page_env.start(uid, count=1)
    q1 = _questions(page_env, uid, sid)[0]
    assert q1.time_limit
    started = time.time() - q1.time_limit - 30  # the limit passed 30 s ago
    at = page_env.app("session", user_id=uid, query={"id": sid}, session_started_at={q1.id: started}).run()
    assert any("Time's up" in w.value for w in at.warning)
    at.text_area(key=f"session_answer_{q1.id}").input(page_env.strong_answer)
    at.button(key="session_submit").click().run()
    assert not at.exception and not at.error
    answer = _questions(page_env, uid, sid)[0].answer
    assert answer is not None and answer.overtime
    assert answer.duration_ms >= (q1.time_limit + 30) * 1000


def test_empty_answer_shows_a_message(page_env: PageEnv) -> None:
    uid = page_env.user()
    sid = page_env.start(uid, count=1)
    at = page_env.app("session", user_id=uid, query={"id": sid}).run()
    at.button(key="session_submit").click().run()
    assert not at.exception
    assert at.error and "empty" in at.error[0].value


def test_resume_opens_the_first_unanswered_question(page_env: PageEnv) -> None:
    uid = page_env.user()
    sid = page_env.start(uid, count=3)
    page_env.answer_all(uid, sid, complete=False, only=2)
    at = page_env.app("session", user_id=uid, query={"id": sid}).run()
    assert "Question 3 of 3 · 2 answered" in page_env.texts(at)
    jump = at.segmented_control(key=f"session_jump_{sid}")
    jump.set_value(0).run()
    assert "Question 1 of 3" in page_env.texts(at)
    assert "Your score for this question" in page_env.texts(at)  # answered: its feedback shows


def test_finish_completes_and_moves_to_results(page_env: PageEnv) -> None:
    uid = page_env.user()
    sid = page_env.start(uid, count=2)
    page_env.answer_all(uid, sid, complete=False, only=1)
    at = page_env.app("session", user_id=uid, query={"id": sid}).run()
    assert "1 question(s) still open" in page_env.texts(at)
    at.button(key="session_finish").click().run()
    assert not at.exception
    assert at.session_state["nav_target"] == ("results", {"id": sid})
    assert _status(page_env, uid, sid) is InterviewStatus.COMPLETED


def test_abandon(page_env: PageEnv) -> None:
    uid = page_env.user()
    sid = page_env.start(uid, count=2)
    at = page_env.app("session", user_id=uid, query={"id": sid}).run()
    at.button(key="session_abandon").click().run()
    assert not at.exception
    assert at.session_state["nav_target"] == ("hub", {})
    assert _status(page_env, uid, sid) is InterviewStatus.ABANDONED


def test_finished_session_points_to_results(page_env: PageEnv) -> None:
    uid = page_env.user()
    sid = page_env.completed(uid, count=1)
    at = page_env.app("session", user_id=uid, query={"id": sid}).run()
    assert "This interview is finished." in page_env.texts(at)
    at.button(key="session_see_results").click().run()
    assert at.session_state["nav_target"] == ("results", {"id": sid})


def test_missing_unknown_and_foreign_sessions_show_messages(page_env: PageEnv) -> None:
    owner, other = page_env.user("Owner One"), page_env.user("Other Person")
    sid = page_env.start(owner, count=1)
    at = page_env.app("session", user_id=other).run()
    assert not at.exception and "No interview is open" in page_env.texts(at)
    at = page_env.app("session", user_id=other, query={"id": "nope"}).run()
    assert not at.exception and "does not exist" in at.error[0].value
    at = page_env.app("session", user_id=other, query={"id": sid}).run()
    assert not at.exception and "belongs to another user" in at.error[0].value


def test_with_an_unreachable_ai_endpoint_answers_are_still_scored(
    page_env: PageEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("OPENAI_MAX_RETRIES", "0")
    monkeypatch.setenv("OPENAI_TIMEOUT", "2")
    uid = page_env.user()
    sid = page_env.start(uid, count=1)
    q1 = _questions(page_env, uid, sid)[0]
    at = page_env.app("session", user_id=uid, query={"id": sid}).run()
    at.text_area(key=f"session_answer_{q1.id}").input(page_env.strong_answer)
    at.button(key="session_submit").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    answer = _questions(page_env, uid, sid)[0].answer
    assert answer is not None and answer.score is not None  # the offline engine stood in
    assert any("scored offline" in info.value for info in at.info), [i.value for i in at.info]
    at.button(key="session_finish").click().run()
    assert not at.exception and not at.error
    assert _status(page_env, uid, sid) is InterviewStatus.COMPLETED


def test_a_reload_keeps_the_draft_and_continues_the_timer(page_env: PageEnv) -> None:
    uid = page_env.user()
    sid = page_env.start(uid, count=2)
    q1 = _questions(page_env, uid, sid)[0]
    at = page_env.app("session", user_id=uid, query={"id": sid}).run()
    at.text_area(key=f"session_answer_{q1.id}").input("Typed before the reload").run()
    started = at.session_state["session_started_at"][q1.id]
    time.sleep(1.1)
    reloaded = page_env.app("session", user_id=uid, query={"id": sid}).run()  # a new browser session
    assert not reloaded.exception and not reloaded.error
    assert reloaded.text_area(key=f"session_answer_{q1.id}").value == "Typed before the reload"
    assert reloaded.session_state["session_started_at"][q1.id] == started  # not restarted
    assert "your draft is saved" in page_env.texts(reloaded)
