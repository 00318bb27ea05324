"""Starting interviews: the interview type selector / quick start card and one-click practice starts."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from core.dto import MAX_QUESTIONS, MIN_QUESTIONS, StartRequest
from core.enums import TYPE_CATEGORIES, Difficulty, InterviewType, QuestionCategory
from core.sessions import start_session
from core.users import JobView
from pages.components.state import flash, get_settings, unit_of_work
from pages.components.text import label

KINDS = {
    "BEHAVIORAL": (
        ":material/handshake: Behavioral",
        "Stories about teamwork, conflict, leadership and impact. Scored on STAR.",
    ),
    "TECHNICAL": (":material/code: Technical", "Explain approaches, depth and trade-offs for your field."),
    "CUSTOM": (":material/tune: Custom", "Pick the interview type, focus areas and difficulty yourself."),
}
DIFFICULTIES = [d.value for d in Difficulty]


def _start(user_id: str, request: StartRequest, generate: bool = False) -> None:
    """Start a session (callback); the page moves to it on its next run via ``goto_session``.

    ``generate``: questions written by the AI for the job and profile (topped up from the bank).
    """
    st.session_state["hub_error"] = None
    try:
        spinner = "Writing questions for you…" if generate else "Picking your questions…"
        with st.spinner(spinner), unit_of_work() as db:
            if generate:
                # Imported here: the AI client is only loaded when someone asks for generated questions.
                from core.ai.start import make_question_generator, start_generated_session

                generator = make_question_generator(get_settings(), db=db)
                started = start_generated_session(
                    db=db, user_id=user_id, request=request, generator=generator
                )
            else:
                started = start_session(db=db, user_id=user_id, request=request)
    except Exception as exc:  # noqa: BLE001 - shown on the page
        st.session_state["hub_error"] = exc
        return
    for note in started.notes:
        flash(note, "info")
    count = len(started.questions)
    flash(f"Your {label(request.type).lower()} interview is ready: {count} question(s). Good luck!")
    st.session_state["goto_session"] = started.session.id


def request_from_widgets() -> StartRequest:
    """The StartRequest the quick-start widgets describe (state keys ``hub_*``)."""
    state = st.session_state
    kind = state.get("hub_kind") or "BEHAVIORAL"
    itype = (
        InterviewType(state.get("hub_custom_type") or "MIXED") if kind == "CUSTOM" else InterviewType(kind)
    )
    focus = tuple(QuestionCategory(c) for c in state.get("hub_focus") or ()) if kind == "CUSTOM" else ()
    return StartRequest(
        type=itype,
        job_id=state.get("hub_job") or None,
        question_count=int(state.get("hub_count") or 5),
        difficulty=Difficulty(state.get("hub_difficulty") or "MEDIUM"),
        focus_areas=focus,
    )


def _start_from_widgets(user_id: str) -> None:
    generate = bool(st.session_state.get("hub_generate")) and get_settings().ai_enabled
    _start(user_id, request_from_widgets(), generate)


def render_interview_type_selector() -> str:
    st.segmented_control(
        "Interview type",
        options=list(KINDS),
        format_func=lambda k: KINDS[k][0],
        key="hub_kind",
        required=True,
        width="stretch",
    )
    kind = st.session_state.get("hub_kind") or "BEHAVIORAL"
    st.caption(KINDS[kind][1])
    return str(kind)


def render_quick_start(user_id: str, jobs: Sequence[JobView]) -> None:
    """The quick start card: type, count, difficulty, focus areas, target job, and Start."""
    with st.container(border=True, key="hub_quick_start"):
        st.markdown("##### :material/rocket_launch: Quick start")
        kind = render_interview_type_selector()
        if kind == "CUSTOM":
            left, right = st.columns(2)
            left.selectbox(
                "Interview format",
                options=[t.value for t in InterviewType],
                index=[t.value for t in InterviewType].index("MIXED"),
                format_func=label,
                key="hub_custom_type",
            )
            custom_type = InterviewType(st.session_state.get("hub_custom_type") or "MIXED")
            right.multiselect(
                "Focus areas",
                options=[c.value for c in QuestionCategory],
                format_func=label,
                key="hub_focus",
                placeholder="Any area",
                help=f"{label(custom_type)} interviews usually cover "
                + ", ".join(label(c).lower() for c in TYPE_CATEGORIES[custom_type])
                + ". Other areas are added on top.",
            )
        left, right = st.columns(2)
        left.number_input(
            "Questions", min_value=MIN_QUESTIONS, max_value=MAX_QUESTIONS, step=1, key="hub_count"
        )
        right.select_slider("Difficulty", options=DIFFICULTIES, format_func=label, key="hub_difficulty")
        job_names = {j.id: j.title + (f" — {j.company}" if j.company else "") for j in jobs}
        st.selectbox(
            "Target job",
            options=[None, *job_names],
            format_func=lambda j: "No specific job (use my profile)" if j is None else job_names.get(j, "?"),
            key="hub_job",
            help="Questions and scoring lean towards this job's role, industry and skills. Add jobs on the "
            "Profile & jobs page.",
        )
        if get_settings().ai_enabled:
            st.toggle(
                "Write fresh questions with AI",
                key="hub_generate",
                help="New questions written by the AI for your target job and CV; the bank fills any gap.",
            )
        st.button(
            "Start interview",
            key="hub_start",
            type="primary",
            icon=":material/play_arrow:",
            width="stretch",
            on_click=_start_from_widgets,
            args=(user_id,),
        )


def render_practice_start(user_id: str, request: StartRequest, key: str, text: str = "Practise now") -> None:
    """A one-click start for a ready-made request (suggested practice)."""
    st.button(
        text,
        key=key,
        icon=":material/model_training:",
        on_click=_start,
        args=(user_id, request),
        width="stretch",
    )
