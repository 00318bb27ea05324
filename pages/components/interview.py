"""Interview session widgets: question navigation, submit, finish/abandon, and the not-in-progress states."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from core.answers import submit_answer
from core.dto import QuestionView, SessionAction, SessionSummary
from core.enums import InterviewStatus
from core.sessions import update_session
from pages.components import nav
from pages.components.state import flash, scorer_for, unit_of_work
from pages.components.timer import current_draft, elapsed_ms


def current_index(session_id: str, questions: Sequence[QuestionView]) -> int:
    """The question on screen: where the candidate moved to, else the first unanswered one (resume)."""
    first_open = next((i for i, q in enumerate(questions) if q.answer is None), len(questions) - 1)
    index = st.session_state["session_index"].get(session_id, first_open)
    index = max(0, min(index, len(questions) - 1))
    st.session_state["session_index"][session_id] = index
    return int(index)


def _set_index(session_id: str, index: int) -> None:
    st.session_state["session_index"][session_id] = index
    st.session_state["session_last_submit"] = None


def _jump(session_id: str) -> None:
    picked = st.session_state.get(f"session_jump_{session_id}")
    if picked is not None:
        _set_index(session_id, int(picked))


def _submit(user_id: str, session_id: str, question_id: str) -> None:
    text = current_draft(question_id)
    st.session_state["session_error"] = None
    try:
        with st.spinner("Scoring your answer…"), unit_of_work() as db:
            result = submit_answer(
                db=db,
                user_id=user_id,
                session_id=session_id,
                question_id=question_id,
                text=text,
                duration_ms=elapsed_ms(question_id),
                scorer=scorer_for(db),
            )
    except Exception as exc:  # noqa: BLE001 - shown on the page
        st.session_state["session_error"] = exc
        return
    st.session_state["session_drafts"][question_id] = text
    st.session_state["session_last_submit"] = question_id
    answer = result.answer
    if answer.score is not None:
        st.toast(f"Answer scored: {answer.score} / 100 ({answer.grade})", icon=":material/check_circle:")
    else:
        st.toast("Answer saved. It will be scored when you finish.", icon=":material/save:")


def _change_status(user_id: str, session_id: str, action: SessionAction) -> None:
    st.session_state["session_error"] = None
    busy = "Scoring your interview…" if action is SessionAction.COMPLETE else "Saving…"
    try:
        with st.spinner(busy), unit_of_work() as db:
            update_session(
                db=db, user_id=user_id, session_id=session_id, action=action, scorer=scorer_for(db)
            )
    except Exception as exc:  # noqa: BLE001 - shown on the page
        st.session_state["session_error"] = exc
        return
    if action is SessionAction.COMPLETE:
        st.session_state["session_goto"] = ("results", session_id)
        flash("Interview complete: here are your results.")
    elif action is SessionAction.ABANDON:
        st.session_state["session_goto"] = ("hub", session_id)
        flash("Interview abandoned. Start a new one whenever you are ready.", "info")


def follow_status_change() -> None:
    """After finishing or abandoning, move to the results or the hub (callbacks cannot switch page)."""
    goto = st.session_state["session_goto"]
    if goto is None:
        return
    st.session_state["session_goto"] = None
    target, session_id = goto
    if target == "results":
        nav.go(nav.RESULTS, id=session_id)
    nav.go(nav.HUB)


def render_not_in_progress(user_id: str, summary: SessionSummary, count: int) -> None:
    """A pending session can be started; a finished one points to its results. Nothing for open ones."""
    if summary.status is InterviewStatus.PENDING:
        st.info(
            f"This interview has {count} questions and has not started yet.", icon=":material/pause_circle:"
        )
        st.button(
            "Start the interview",
            key="session_start",
            type="primary",
            icon=":material/play_arrow:",
            on_click=_change_status,
            args=(user_id, summary.id, SessionAction.RESUME),
        )
        st.stop()
    if summary.status is InterviewStatus.IN_PROGRESS:
        return
    done = summary.status is InterviewStatus.COMPLETED
    st.info(
        "This interview is finished." if done else "This interview was abandoned.",
        icon=":material/check_circle:" if done else ":material/block:",
    )
    if done and st.button(
        "See the results", key="session_see_results", type="primary", icon=":material/bar_chart:"
    ):
        nav.go(nav.RESULTS, id=summary.id)
    if st.button("Back to the interview hub", key="session_done_hub", icon=":material/home:"):
        nav.go(nav.HUB)
    st.stop()


def render_question_nav(session_id: str, index: int, questions: Sequence[QuestionView]) -> None:
    """Jump to any question; answered ones carry a tick."""
    key = f"session_jump_{session_id}"
    st.session_state[key] = index
    st.segmented_control(
        "Go to question",
        options=list(range(len(questions))),
        format_func=lambda i: f"{'✓ ' if questions[i].answer is not None else ''}{i + 1}",
        key=key,
        on_change=_jump,
        args=(session_id,),
        label_visibility="collapsed",
        width="stretch",
    )


def render_answer_actions(
    user_id: str, session_id: str, index: int, questions: Sequence[QuestionView]
) -> None:
    """Previous, Submit (or Update) and Next."""
    question = questions[index]
    with st.container(horizontal=True, gap="small", key="session_actions"):
        st.button(
            "Previous",
            key="session_prev",
            icon=":material/arrow_back:",
            disabled=index == 0,
            on_click=_set_index,
            args=(session_id, index - 1),
        )
        st.button(
            "Update answer" if question.answer else "Submit answer",
            key="session_submit",
            type="primary",
            icon=":material/send:",
            on_click=_submit,
            args=(user_id, session_id, question.id),
        )
        st.button(
            "Next",
            key="session_next",
            icon=":material/arrow_forward:",
            disabled=index >= len(questions) - 1,
            on_click=_set_index,
            args=(session_id, index + 1),
        )


def render_next_after_submit(session_id: str, index: int, questions: Sequence[QuestionView]) -> None:
    if st.session_state.get("session_last_submit") == questions[index].id and index < len(questions) - 1:
        st.button(
            "Next question",
            key="session_next_after_submit",
            icon=":material/arrow_forward:",
            type="primary",
            on_click=_set_index,
            args=(session_id, index + 1),
        )


def render_finish_row(user_id: str, session_id: str, questions: Sequence[QuestionView]) -> None:
    """Finish (scores what is answered) and Abandon (with a confirmation)."""
    open_count = sum(1 for q in questions if q.answer is None)
    nothing = open_count == len(questions)
    with st.container(horizontal=True, gap="small", vertical_alignment="center", key="session_finish_row"):
        st.button(
            "Finish and see results",
            key="session_finish",
            type="primary" if open_count == 0 else "secondary",
            icon=":material/sports_score:",
            disabled=nothing,
            on_click=_change_status,
            args=(user_id, session_id, SessionAction.COMPLETE),
            help="Answer at least one question first." if nothing else None,
        )
        with st.popover("Abandon", icon=":material/block:"):
            st.caption("Abandoned interviews keep your answers but do not count towards your progress.")
            st.button(
                "Yes, abandon this interview",
                key="session_abandon",
                on_click=_change_status,
                args=(user_id, session_id, SessionAction.ABANDON),
            )
    if open_count and not nothing:
        st.caption(f"{open_count} question(s) still open: finishing now scores only what you answered.")
