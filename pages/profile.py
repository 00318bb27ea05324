"""Profile & jobs (/profile): CV upload or paste with offline extraction, and target jobs."""

from __future__ import annotations

import streamlit as st

from core.users import get_profile, list_jobs
from pages.components import nav
from pages.components.profile_forms import render_cv_editor, render_job_card, render_job_form
from pages.components.profiles import require_user
from pages.components.state import init_state, show_error, show_flashes, unit_of_work

init_state()
show_flashes()
user_id = require_user()
if st.session_state["goto_session"] is not None:
    session_id, st.session_state["goto_session"] = st.session_state["goto_session"], None
    nav.go(nav.SESSION, id=session_id)

st.title("Profile & jobs")
st.caption(
    "Your CV and the jobs you are aiming for shape which questions you get and how answers are judged."
)

try:
    with unit_of_work() as db:
        profile = get_profile(db=db, user_id=user_id)
        jobs = list_jobs(db=db, user_id=user_id)
except Exception as exc:  # noqa: BLE001
    show_error(exc)
    st.stop()

for key in ("profile_error", "profile_job_error", "hub_error"):
    error = st.session_state.get(key)
    if error is not None:
        st.session_state[key] = None
        st.error(error, icon=":material/warning:") if isinstance(error, str) else show_error(error)
notice = st.session_state.get("profile_notice")
if notice:
    st.success(notice, icon=":material/search:")

cv_tab, jobs_tab = st.tabs(["CV & profile", f"Target jobs ({len(jobs)})"], key="profile_tab")
with cv_tab:
    render_cv_editor(user_id, profile)
with jobs_tab:
    render_job_form(user_id)
    if not jobs:
        st.info("No target jobs yet. Paste a job ad above to practise for it.", icon=":material/work:")
    for i, job in enumerate(jobs):
        render_job_card(user_id, job, key=f"profile_job_{i}")
