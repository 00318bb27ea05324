"""Interview hub (/interviews): quick start, recent sessions, progress, skill radar, weak areas, practice."""

from __future__ import annotations

import streamlit as st

from pages.components import nav
from pages.components.cards import render_session_card
from pages.components.loaders import load_hub
from pages.components.profiles import require_user
from pages.components.progress import (
    render_progress_placeholder,
    render_radar_card,
    render_suggestions,
    render_trend_card,
    render_weak_areas,
)
from pages.components.quick_start import render_quick_start
from pages.components.state import init_state, show_error, show_flashes, unit_of_work
from pages.components.text import escape_md, when

init_state()
show_flashes()
user_id = require_user()

if st.session_state["goto_session"] is not None:
    session_id, st.session_state["goto_session"] = st.session_state["goto_session"], None
    nav.go(nav.SESSION, id=session_id)


def _show_more() -> None:
    st.session_state["hub_sessions_shown"] = min(100, st.session_state["hub_sessions_shown"] + 5)


try:
    with unit_of_work() as db:
        hub = load_hub(db=db, user_id=user_id, recent=st.session_state["hub_sessions_shown"])
except Exception as exc:  # noqa: BLE001
    show_error(exc)
    st.stop()

stats, progress = hub.stats, hub.progress
new_user = hub.sessions.total == 0
st.title("Interview hub")
st.caption(
    f"Welcome{' back' if not new_user else ''}, {escape_md(hub.user.display_name)}. "
    "Practise, get scored on every answer, and watch your scores climb."
)

error = st.session_state["hub_error"]
if error is not None:
    st.session_state["hub_error"] = None
    show_error(error)

if new_user:
    with st.container(border=True, key="hub_welcome"):
        st.markdown("##### :material/waving_hand: Your first mock interview")
        st.markdown(
            "1. **Optional:** add your CV and a target job on **Profile & jobs**, so questions match you.\n"
            "2. **Pick an interview** below: 5 behavioral questions is a good start.\n"
            "3. **Answer each question** in writing. You get a score, a rubric breakdown, feedback and a "
            "stronger example answer straight away."
        )
        if not hub.has_profile and st.button(
            "Add my CV and target job", key="hub_to_profile", icon=":material/person:"
        ):
            nav.go(nav.PROFILE)
else:
    with st.container(horizontal=True, key="hub_kpis"):
        st.metric("Completed interviews", stats.completed_sessions, border=True)
        st.metric(
            "Average score", f"{stats.avg_score:.0f}" if stats.avg_score is not None else "—", border=True
        )
        st.metric("Best score", stats.best_score if stats.best_score is not None else "—", border=True)
        st.metric("Last practice", when(stats.last_session_at), border=True)

start_col, recent_col = st.columns([3, 2], gap="medium")
with start_col:
    render_quick_start(user_id, hub.jobs)
with recent_col, st.container(border=True, key="hub_recent"):
    st.markdown("##### :material/history: Recent sessions")
    if new_user:
        st.caption("Your interviews will appear here, with their scores and a Resume button for open ones.")
    for i, summary in enumerate(hub.sessions.items):
        render_session_card(summary, key=f"hub_session_{i}")
    if hub.sessions.total > len(hub.sessions.items):
        st.button(
            f"Show more ({hub.sessions.total - len(hub.sessions.items)} older)",
            key="hub_more",
            on_click=_show_more,
            width="stretch",
        )

if new_user:
    progress_col, practice_col = st.columns([3, 2], gap="medium")
    with progress_col:
        render_progress_placeholder()
    with practice_col:
        render_suggestions(user_id, progress)
else:
    trend_col, radar_col = st.columns([3, 2], gap="medium")
    with trend_col:
        if progress.series:
            render_trend_card(progress)
        else:  # sessions, but none completed yet
            render_progress_placeholder()
    with radar_col:
        render_radar_card(stats)
    weak_col, practice_col = st.columns(2, gap="medium")
    with weak_col:
        render_weak_areas(progress)
    with practice_col:
        render_suggestions(user_id, progress)
