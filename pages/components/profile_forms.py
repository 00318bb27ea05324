"""Profile and job widgets: CV upload/paste with offline extraction, the profile editor, target jobs."""

from __future__ import annotations

import streamlit as st

from core.cv import analyse_cv, extract_text, find_skills
from core.dto import StartRequest
from core.enums import InterviewType
from core.users import JobInput, JobView, ProfileUpdate, ProfileView, create_job, delete_job, update_profile
from pages.components.quick_start import render_practice_start
from pages.components.state import flash, unit_of_work
from pages.components.text import escape_md, when

CV_TYPES = ["pdf", "docx", "txt"]


def load_profile_into_state(profile: ProfileView) -> None:
    """Fill the editor from the saved profile once per acting user (edits then stay until saved)."""
    if st.session_state.get("profile_loaded_for") == profile.user_id:
        return
    st.session_state["profile_loaded_for"] = profile.user_id
    st.session_state["profile_cv_text"] = profile.cv_text or ""
    st.session_state["profile_skills"] = list(profile.skills)
    st.session_state["profile_years"] = profile.experience_years
    st.session_state["profile_role"] = profile.target_role or ""
    st.session_state["profile_industry"] = profile.industry or ""


def _apply_cv(text: str, source: str) -> None:
    info = analyse_cv(text)
    st.session_state["profile_cv_text"] = info.text
    known = list(st.session_state.get("profile_skills") or [])
    st.session_state["profile_skills"] = known + [s for s in info.skills if s not in known]
    if info.experience_years is not None:
        st.session_state["profile_years"] = info.experience_years
    if info.target_role:
        st.session_state["profile_role"] = info.target_role
    found = [f"{len(info.skills)} skill(s)"]
    if info.experience_years is not None:
        found.append(f"{info.experience_years} year(s) of experience")
    if info.target_role:
        found.append(f"target role “{info.target_role}”")
    st.session_state["profile_notice"] = (
        f"Read {source}: found {', '.join(found)}. Check the fields below, then save your profile."
    )


def _read_upload() -> None:
    upload = st.session_state.get("profile_cv_file")
    st.session_state["profile_error"] = None
    if upload is None:  # the file was removed: keep what was read
        return
    try:
        with st.spinner("Reading your CV…"):
            text = extract_text(upload.name, upload.getvalue())
    except Exception as exc:  # noqa: BLE001 - core explains what was wrong with the file
        st.session_state["profile_error"] = exc
        return
    _apply_cv(text, f"“{upload.name}”")


def _read_pasted() -> None:
    st.session_state["profile_error"] = None
    text = st.session_state.get("profile_cv_text") or ""
    if not text.strip():
        st.session_state["profile_error"] = "Paste your CV text first (or upload a file)."
        return
    _apply_cv(text, "the pasted text")


def _save_profile(user_id: str) -> None:
    state = st.session_state
    state["profile_error"] = None
    update = ProfileUpdate(
        cv_text=state.get("profile_cv_text") or "",
        skills=list(state.get("profile_skills") or []),
        experience_years=state.get("profile_years"),
        target_role=state.get("profile_role") or "",
        industry=state.get("profile_industry") or "",
    )
    try:
        with unit_of_work() as db:
            update_profile(db=db, user_id=user_id, update=update)
    except Exception as exc:  # noqa: BLE001 - shown on the page
        state["profile_error"] = exc
        return
    state["profile_notice"] = None
    st.toast("Profile saved. New interviews will use it to pick questions.", icon=":material/check_circle:")


def render_cv_editor(user_id: str, profile: ProfileView) -> None:
    """Upload or paste a CV, read it offline, correct what was found, save."""
    load_profile_into_state(profile)
    with st.container(border=True, key="profile_cv"):
        st.markdown("##### :material/description: Your CV")
        st.caption(
            "Upload a PDF, DOCX or TXT file, or paste the text. It is read on this computer: skills, "
            "years of experience and your target role are picked out for you to check."
        )
        st.file_uploader(
            "Upload your CV (it is read as soon as you choose it)",
            type=CV_TYPES,
            key="profile_cv_file",
            on_change=_read_upload,
        )
        st.text_area(
            "CV text",
            key="profile_cv_text",
            height=220,
            max_chars=200_000,
            placeholder="…or paste your CV here",
        )
        st.button(
            "Find skills in the text",
            key="profile_read_text",
            icon=":material/search:",
            on_click=_read_pasted,
        )

    with st.container(border=True, key="profile_details"):
        st.markdown("##### :material/badge: What questions are matched to")
        skills = list(st.session_state.get("profile_skills") or [])
        st.multiselect(
            "Skills",
            options=skills,
            key="profile_skills",
            accept_new_options=True,
            placeholder="Add a skill and press Enter",
        )
        left, mid, right = st.columns(3)
        left.number_input(
            "Years of experience",
            min_value=0,
            max_value=70,
            step=1,
            key="profile_years",
            placeholder="e.g. 5",
        )
        mid.text_input("Target role", key="profile_role", placeholder="e.g. Software Engineer", max_chars=120)
        right.text_input("Industry", key="profile_industry", placeholder="e.g. Technology", max_chars=120)
        st.button(
            "Save profile",
            key="profile_save",
            type="primary",
            icon=":material/save:",
            on_click=_save_profile,
            args=(user_id,),
        )


def _add_job(user_id: str) -> None:
    state = st.session_state
    state["profile_job_error"] = None
    description = state.get("profile_job_description") or ""
    typed = [s.strip() for s in (state.get("profile_job_skills") or "").split(",") if s.strip()]
    job = JobInput(
        title=state.get("profile_job_title") or "",
        company=state.get("profile_job_company") or None,
        role=state.get("profile_job_role") or None,
        industry=state.get("profile_job_industry") or None,
        description=description,
        required_skills=typed or list(find_skills(description)),
    )
    try:
        with unit_of_work() as db:
            saved = create_job(db=db, user_id=user_id, job=job)
    except Exception as exc:  # noqa: BLE001 - shown on the page
        state["profile_job_error"] = exc
        return
    for key in (
        "profile_job_title",
        "profile_job_company",
        "profile_job_role",
        "profile_job_industry",
        "profile_job_description",
        "profile_job_skills",
    ):
        state[key] = ""
    st.toast(
        f"Saved “{saved.title}”. Pick it as the target job when you start an interview.",
        icon=":material/check_circle:",
    )


def render_job_form(user_id: str) -> None:
    """Save a job description to target (skills are picked out of it when left empty)."""
    with st.form("profile_job_form", border=True, enter_to_submit=False):
        st.markdown("##### :material/person_add: Add a target job")
        left, right = st.columns(2)
        left.text_input(
            "Job title", key="profile_job_title", placeholder="e.g. Backend Engineer", max_chars=200
        )
        right.text_input("Company", key="profile_job_company", placeholder="optional", max_chars=200)
        left, right = st.columns(2)
        left.text_input("Role", key="profile_job_role", placeholder="e.g. Software Engineer", max_chars=120)
        right.text_input("Industry", key="profile_job_industry", placeholder="e.g. Technology", max_chars=120)
        st.text_area(
            "Job description",
            key="profile_job_description",
            height=180,
            max_chars=50_000,
            placeholder="Paste the job ad: responsibilities, requirements, skills…",
        )
        st.text_input(
            "Required skills (comma separated)",
            key="profile_job_skills",
            placeholder="Leave empty to pick them out of the description",
        )
        st.form_submit_button(
            "Save job",
            type="primary",
            icon=":material/save:",
            on_click=_add_job,
            args=(user_id,),
            key="profile_job_submit",
        )


def _delete_job(user_id: str, job_id: str, title: str) -> None:
    try:
        with unit_of_work() as db:
            delete_job(db=db, user_id=user_id, job_id=job_id)
    except Exception as exc:  # noqa: BLE001
        st.session_state["profile_job_error"] = exc
        return
    flash(f"Deleted “{title}”. Interviews you practised for it are kept.", "info")


def render_job_card(user_id: str, job: JobView, key: str) -> None:
    with st.container(border=True, key=f"{key}_card"):
        st.markdown(f"**{escape_md(job.title)}**" + (f" · {escape_md(job.company)}" if job.company else ""))
        facts = [x for x in (job.role, job.industry) if x]
        st.caption(escape_md(" · ".join([*facts, f"saved {when(job.created_at)}"])))
        if job.required_skills:
            with st.container(horizontal=True, gap="small"):
                for skill in job.required_skills[:12]:
                    st.badge(skill, color="blue")
        if job.description:
            with st.expander("Job description"):
                st.text(job.description)
        with st.container(horizontal=True, gap="small"):
            render_practice_start(
                user_id,
                StartRequest(type=InterviewType.BEHAVIORAL, job_id=job.id),
                key=f"{key}_beh",
                text="Behavioral practice",
            )
            render_practice_start(
                user_id,
                StartRequest(type=InterviewType.TECHNICAL, job_id=job.id),
                key=f"{key}_tech",
                text="Technical practice",
            )
            with st.popover("Delete", icon=":material/delete:"):
                st.caption("Delete this job? Interviews you practised for it are kept.")
                st.button(
                    "Yes, delete it",
                    key=f"{key}_delete",
                    on_click=_delete_job,
                    args=(user_id, job.id, job.title),
                )
