"""Session results (/results?id=... or, read-only, /results?share=<token>)."""

from __future__ import annotations

import streamlit as st

from core.enums import InterviewStatus
from core.sharing import get_shared_session
from pages.components import nav
from pages.components.actions import render_actions
from pages.components.cards import render_improvement_tips
from pages.components.loaders import load_results
from pages.components.profiles import require_user
from pages.components.results import (
    improvement_tips,
    render_breakdowns,
    render_comparison,
    render_overview,
    render_question_review,
    render_results_header,
)
from pages.components.state import init_state, show_error, show_flashes, unit_of_work

init_state()
show_flashes()
token = nav.query_param("share")

if token is not None:
    # A shared link: read-only, for anyone holding the token until it expires. No profile needed.
    try:
        with unit_of_work() as db:
            detail = get_shared_session(db=db, token=token)
    except Exception as exc:  # noqa: BLE001
        st.title("Shared interview results")
        show_error(exc)
        st.stop()
    st.info("Shared results: read-only. The link stops working when it expires.", icon=":material/link:")
    render_results_header(detail.summary)
    render_overview(detail)
    render_breakdowns(detail)
    render_improvement_tips(improvement_tips(detail), key="results_tips")
    render_question_review(detail, shared=True)
    st.stop()

user_id = require_user()
if st.session_state["goto_session"] is not None:
    session_id, st.session_state["goto_session"] = st.session_state["goto_session"], None
    nav.go(nav.SESSION, id=session_id)

session_id = nav.query_param("id")
if session_id is None:
    st.title("Results")
    st.info("Pick a completed interview on the hub to see its results.", icon=":material/bar_chart:")
    if st.button("Go to the interview hub", key="results_to_hub", icon=":material/home:", type="primary"):
        nav.go(nav.HUB)
    st.stop()

try:
    with unit_of_work() as db:
        data = load_results(db=db, user_id=user_id, session_id=session_id)
except Exception as exc:  # noqa: BLE001
    st.title("Results")
    show_error(exc)
    if st.button("Back to the interview hub", key="results_back_hub", icon=":material/home:"):
        nav.go(nav.HUB)
    st.stop()

detail = data.detail
render_results_header(detail.summary)
error = st.session_state["results_error"]
if error is not None:
    st.session_state["results_error"] = None
    show_error(error)

if detail.summary.status is not InterviewStatus.COMPLETED:
    st.info(
        "This interview is not finished yet: finish it to get your overall score.",
        icon=":material/hourglass_top:",
    )
    if detail.summary.status is InterviewStatus.IN_PROGRESS and st.button(
        "Resume the interview", key="results_resume", icon=":material/play_arrow:", type="primary"
    ):
        nav.go(nav.SESSION, id=session_id)
else:
    render_actions(user_id, detail)
render_overview(detail)
render_breakdowns(detail)
tips_col, compare_col = st.columns([2, 3], gap="medium")
with tips_col:
    render_improvement_tips(improvement_tips(detail), key="results_tips")
with compare_col:
    render_comparison(data.history, key="results_comparison")
render_question_review(detail)
