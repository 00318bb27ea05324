"""Interview session (/session?id=...): one question at a time, timer, hints, draft answers, scoring."""

from __future__ import annotations

import streamlit as st

from core.enums import InterviewStatus
from core.sessions import get_session
from pages.components import nav
from pages.components.cards import render_answer_feedback, render_progress_indicator, render_question_card
from pages.components.interview import (
    current_index,
    follow_status_change,
    render_answer_actions,
    render_finish_row,
    render_next_after_submit,
    render_not_in_progress,
    render_question_nav,
)
from pages.components.profiles import require_user
from pages.components.state import init_state, show_error, show_flashes, unit_of_work
from pages.components.text import escape_md, label
from pages.components.timer import present, render_answer_input, render_timer

init_state()
show_flashes()
user_id = require_user()
follow_status_change()
session_id = nav.query_param("id")

if session_id is None:
    st.title("Interview")
    st.info(
        "No interview is open. Start one from the interview hub, or resume a recent session there.",
        icon=":material/record_voice_over:",
    )
    if st.button("Go to the interview hub", key="session_to_hub", icon=":material/home:", type="primary"):
        nav.go(nav.HUB)
    st.stop()

try:
    with unit_of_work() as db:
        detail = get_session(db=db, user_id=user_id, session_id=session_id)
except Exception as exc:  # noqa: BLE001
    show_error(exc)
    if st.button("Back to the interview hub", key="session_back_hub", icon=":material/home:"):
        nav.go(nav.HUB)
    st.stop()

summary, questions = detail.summary, detail.questions
st.title(f"{label(summary.type)} interview")
if summary.job_title:
    st.caption(f"Practising for: {escape_md(summary.job_title)}")
error = st.session_state["session_error"]
if error is not None:
    st.session_state["session_error"] = None
    show_error(error)
render_not_in_progress(user_id, summary, len(questions))
if not questions:
    st.warning("This interview has no questions.")
    st.stop()

index = current_index(session_id, questions)
question = questions[index]
render_progress_indicator(index, questions, key="session")
render_question_nav(session_id, index, questions)
render_question_card(question, key="session")
if question.answer is None and summary.status is InterviewStatus.IN_PROGRESS:
    present(user_id, question)
    render_timer(question.id, question.time_limit, key="session")
initial = (question.answer.text or "") if question.answer else (question.draft_text or "")
render_answer_input(question.id, key="session", initial=initial, user_id=user_id, session_id=session_id)
render_answer_actions(user_id, session_id, index, questions)
if question.answer is not None:
    with st.container(border=True, key="session_feedback"):
        st.markdown("##### Your score for this question")
        render_answer_feedback(question.answer, key=f"session_fb_{index}")
    render_next_after_submit(session_id, index, questions)
st.divider()
render_finish_row(user_id, session_id, questions)
