"""AppTest: the router (streamlit_app.py) and its sidebar: local profile switcher and scoring badge."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from streamlit.testing.v1 import AppTest

if TYPE_CHECKING:
    from tests.pages_support import PageEnv

pytest_plugins = ["tests.pages_support"]


ROUTER = Path(__file__).resolve().parent.parent / "streamlit_app.py"


def _router(page_env: PageEnv) -> AppTest:
    return AppTest.from_file(str(ROUTER), default_timeout=30)


def _sidebar_text(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.sidebar.markdown) + "\n".join(
        c.value for c in at.sidebar.caption
    )


def test_router_opens_the_hub_with_the_sidebar(page_env: PageEnv) -> None:
    at = _router(page_env).run()
    assert not at.exception
    assert at.title[0].value == "Welcome to JobCircle Mock Interview"  # no profile yet
    sidebar = _sidebar_text(at)
    assert "Local profile" in sidebar and "Offline scoring (rule-based)" in sidebar
    assert "No profile yet" in sidebar


def test_profiles_are_created_and_switched_in_the_sidebar(page_env: PageEnv) -> None:
    first = page_env.user("Alex Morgan")
    at = _router(page_env).run()
    assert at.session_state["user_id"] == first
    assert at.title[0].value == "Interview hub"
    # A second person creates their profile from the sidebar; it becomes the acting profile.
    at.sidebar.text_input(key="sidebar_new_profile_name").input("Blake Chen")
    at.sidebar.button(key="sidebar_new_profile_submit").click().run()
    assert not at.exception
    second = at.session_state["user_id"]
    assert second != first
    assert "Welcome, Blake Chen" in page_env.texts(at)
    # Switching back is one selectbox change; every page then acts as that profile.
    switch = at.sidebar.selectbox(key="profile_switch")
    assert set(switch.options) == {"Alex Morgan", "Blake Chen"}
    switch.set_value(first).run()
    assert at.session_state["user_id"] == first
    assert "Alex Morgan" in page_env.texts(at)
    # A reload (a new browser session) starts on the profile used last, not on the first one.
    switch.set_value(second).run()
    assert _router(page_env).run().session_state["user_id"] == second
    at.sidebar.selectbox(key="profile_switch").set_value(first).run()
    assert _router(page_env).run().session_state["user_id"] == first


def test_duplicate_email_is_refused_with_a_message(page_env: PageEnv) -> None:
    page_env.user("Alex Morgan")  # alex.morgan@example.com
    at = _router(page_env).run()
    at.sidebar.text_input(key="sidebar_new_profile_name").input("Alex Again")
    at.sidebar.text_input(key="sidebar_new_profile_email").input("alex.morgan@example.com")
    at.sidebar.button(key="sidebar_new_profile_submit").click().run()
    assert not at.exception
    assert any("already registered" in e.value for e in at.sidebar.error)
