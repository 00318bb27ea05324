"""AppTest: the interview hub (pages/hub.py) for a new user, a returning user and no profile at all."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

import pytest

from core.enums import InterviewType

if TYPE_CHECKING:
    from tests.pages_support import PageEnv

pytest_plugins = ["tests.pages_support"]


def test_without_a_profile_the_welcome_screen_creates_one(page_env: PageEnv) -> None:
    at = page_env.app("hub").run()
    assert not at.exception
    assert at.title[0].value == "Welcome to JobCircle Mock Interview"
    at.text_input(key="page_new_profile_name").input("Sam Lee")
    at.button(key="page_new_profile_submit").click().run()
    assert not at.exception
    assert at.session_state["user_id"]
    assert at.title[0].value == "Interview hub"
    assert "Welcome, Sam Lee" in page_env.texts(at)


def test_new_user_sees_helpful_empty_states(page_env: PageEnv) -> None:
    at = page_env.app("hub", user_id=page_env.user()).run()
    assert not at.exception
    text = page_env.texts(at)
    for expected in (
        "Your first mock interview",
        "Quick start",
        "Your interviews will appear here",
        "After your first interview this space shows your score trend",
        "Suggested practice",
    ):
        assert expected in text, expected
    assert not at.get("plotly_chart"), "no empty charts for a new user"
    assert at.segmented_control(key="hub_kind").value == "BEHAVIORAL"
    assert at.button(key="hub_start")


def test_quick_start_starts_a_behavioral_interview(page_env: PageEnv) -> None:
    uid = page_env.user()
    at = page_env.app("hub", user_id=uid).run()
    at.number_input(key="hub_count").set_value(3)
    at.button(key="hub_start").click().run()
    assert not at.exception
    page, query = at.session_state["nav_target"]
    assert page == "session" and query["id"]
    session = page_env.follow(at)
    assert not session.exception
    assert any("Behavioral interview" in t.value for t in session.title), [t.value for t in session.title]
    assert "Question 1 of 3" in page_env.texts(session)


def test_custom_interview_with_focus_areas_and_difficulty(page_env: PageEnv) -> None:
    uid = page_env.user()
    at = page_env.app("hub", user_id=uid).run()
    at.segmented_control(key="hub_kind").set_value("CUSTOM").run()
    assert at.selectbox(key="hub_custom_type").value == "MIXED"
    at.selectbox(key="hub_custom_type").set_value("TECHNICAL")
    at.multiselect(key="hub_focus").set_value(["PROBLEM_SOLVING"])
    at.select_slider(key="hub_difficulty").set_value("HARD")
    at.number_input(key="hub_count").set_value(2)
    at.run()
    at.button(key="hub_start").click().run()
    assert not at.exception
    session = page_env.follow(at)
    assert any("Technical interview" in t.value for t in session.title)
    assert "Question 1 of 2" in page_env.texts(session)


def test_returning_user_sees_stats_charts_sessions_and_suggestions(page_env: PageEnv) -> None:
    uid = page_env.user()
    now = dt.datetime.now(dt.UTC)
    for weeks_ago in (4, 3, 2, 1):
        page_env.completed(uid, count=3, when=now - dt.timedelta(weeks=weeks_ago))
    page_env.completed(uid, InterviewType.TECHNICAL, count=2, when=now - dt.timedelta(days=1))
    open_id = page_env.start(uid, count=2)

    at = page_env.app("hub", user_id=uid).run()
    assert not at.exception
    assert not at.error
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Completed interviews"] == "5"
    assert metrics["Average score"] != "—"
    # Progress line and skill radar, with titles, axis titles and hover text.
    charts = {c.proto.id: json.loads(c.proto.spec) for c in at.get("plotly_chart")}
    assert len(charts) == 2
    specs = list(charts.values())
    titles = [s["layout"]["title"]["text"] for s in specs]
    assert "Score trend by week" in titles and any("Skill radar" in t for t in titles)
    trend = specs[titles.index("Score trend by week")]
    assert trend["layout"]["xaxis"]["title"]["text"] and trend["layout"]["yaxis"]["title"]["text"]
    assert all("hovertemplate" in trace for spec in specs for trace in spec["data"])
    # Recent sessions: the open one can be resumed, completed ones show results.
    assert at.button(key="hub_session_0_open").label == "Resume"
    assert at.button(key="hub_session_1_open").label == "View results"
    assert "Show more" in at.button(key="hub_more").label
    at.button(key="hub_more").click().run()
    assert at.button(key="hub_session_4_open")
    # A category line can be added to the trend chart.
    at.pills(key="hub_chart_categories").set_value(["BEHAVIORAL"]).run()
    trend = [
        json.loads(c.proto.spec)
        for c in at.get("plotly_chart")
        if "Score trend" in json.loads(c.proto.spec)["layout"]["title"]["text"]
    ][0]
    assert [t["name"] for t in trend["data"]] == ["All answers", "Behavioral"]
    # Resume goes to the open session.
    at.button(key="hub_session_0_open").click().run()
    assert not at.exception
    assert at.session_state["nav_target"] == ("session", {"id": open_id})


def test_suggested_practice_starts_in_one_click(page_env: PageEnv) -> None:
    uid = page_env.user()
    page_env.completed(uid, count=3)
    at = page_env.app("hub", user_id=uid).run()
    starts = [b for b in at.button if b.key and b.key.startswith("hub_rec_start_")]
    assert starts, "at least one suggestion"
    starts[0].click().run()
    assert not at.exception
    assert "Question 1 of" in page_env.texts(page_env.follow(at))


def test_a_failing_start_shows_a_message_not_a_traceback(page_env: PageEnv) -> None:
    at = page_env.app("hub", user_id="no-such-user").run()
    assert not at.exception
    assert at.error and "does not exist" in at.error[0].value


def test_with_ai_configured_questions_can_be_generated(
    page_env: PageEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An endpoint that refuses connections: generation falls back to the bank, and the page says so.
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("OPENAI_MAX_RETRIES", "0")
    monkeypatch.setenv("OPENAI_TIMEOUT", "2")
    uid = page_env.user()
    at = page_env.app("hub", user_id=uid).run()
    assert not at.exception
    at.toggle(key="hub_generate").set_value(True)
    at.number_input(key="hub_count").set_value(2)
    at.run()
    at.button(key="hub_start").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    session = page_env.follow(at)
    assert "Question 1 of 2" in page_env.texts(session)
