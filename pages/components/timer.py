"""Countdown timer for timed questions, and the answer input with its draft kept in session state."""

from __future__ import annotations

import time

import streamlit as st

from core.drafts import present_question, save_draft
from core.dto import QuestionView
from pages.components.state import log, unit_of_work
from pages.components.text import clock

TIME_UP = "Time's up — you can still submit; overtime is recorded."


def question_started_at(question_id: str) -> float:
    """When the question was first shown (epoch seconds): as recorded by ``present``, else now."""
    return float(st.session_state["session_started_at"].setdefault(question_id, time.time()))


def present(user_id: str, question: QuestionView) -> None:
    """Record, once, that the question is on screen; the timer runs from the recorded moment, so a reload
    or another device continues it instead of starting again."""
    started = st.session_state["session_started_at"]
    if question.id in started:
        return
    try:
        with unit_of_work() as db:
            shown = present_question(
                db=db, user_id=user_id, session_id=question.session_id, question_id=question.id
            )
    except Exception:  # noqa: BLE001 - the timer then runs from now, as before; nothing is lost
        log.warning("could not record question %s as shown", question.id, exc_info=True)
        return
    started[question.id] = shown.timestamp()


def elapsed_ms(question_id: str) -> int:
    return int((time.time() - question_started_at(question_id)) * 1000)


@st.fragment(run_every=1)
def _countdown(started_at: float, limit_s: int) -> None:
    # NOTE: a fragment with run_every reruns alone each second, so the answer box outside it keeps its
    # text and the page never blocks; the real duration goes to submit_answer, overtime included.
    left = limit_s - (time.time() - started_at)
    if left > 0:
        fraction = max(0.0, min(1.0, left / limit_s))
        st.progress(fraction, text=f":material/timer: {clock(left)} left of {clock(limit_s)}")
    else:
        st.progress(0.0, text=f":material/timer: Overtime {clock(left)}")
        st.warning(TIME_UP, icon=":material/timer_off:")


def render_timer(question_id: str, time_limit_s: int | None, key: str) -> None:
    """A countdown that ticks without rerunning the page; nothing for untimed questions."""
    if not time_limit_s:
        return
    with st.container(key=f"{key}_timer"):
        _countdown(question_started_at(question_id), int(time_limit_s))


def draft_key(question_id: str) -> str:
    return f"session_answer_{question_id}"


def _save_draft(question_id: str, user_id: str | None, session_id: str | None) -> None:
    text = st.session_state.get(draft_key(question_id)) or ""
    st.session_state["session_drafts"][question_id] = text
    if user_id is None or session_id is None:
        return
    try:
        with unit_of_work() as db:
            save_draft(db=db, user_id=user_id, session_id=session_id, question_id=question_id, text=text)
    except Exception as exc:  # noqa: BLE001 - shown on the page; the text stays in the box
        st.session_state["session_error"] = exc


def current_draft(question_id: str) -> str:
    """The draft text of a question (the widget's value when it is on screen)."""
    widget = st.session_state.get(draft_key(question_id))
    if widget is not None:
        return str(widget)
    return str(st.session_state["session_drafts"].get(question_id, ""))


def clear_draft(question_id: str) -> None:
    st.session_state["session_drafts"].pop(question_id, None)


def render_answer_input(
    question_id: str,
    key: str,
    initial: str = "",
    disabled: bool = False,
    *,
    user_id: str | None = None,
    session_id: str | None = None,
) -> None:
    """The answer text area, bound to ``session_drafts[question_id]`` so the text survives navigation.

    With ``user_id`` and ``session_id`` the draft is also saved to the session, so it survives a reload.

    Voice and video answers arrive in a later issue; their place is the empty slot under the box.
    """
    widget = draft_key(question_id)
    drafts = st.session_state["session_drafts"]
    if widget not in st.session_state:
        # NOTE: Streamlit drops a widget's state when it is not rendered (another question on screen),
        # so the text is restored from the draft store that on_change keeps up to date.
        st.session_state[widget] = drafts.get(question_id, initial)
    st.text_area(
        "Your answer",
        key=widget,
        height=220,
        max_chars=20_000,
        placeholder="Answer as you would out loud. For behavioural questions try STAR: Situation, Task, "
        "Action, Result — with numbers where you can.",
        on_change=_save_draft,
        args=(question_id, user_id, session_id),
        disabled=disabled,
    )
    words = len(current_draft(question_id).split())
    with st.container(horizontal=True, key=f"{key}_meta"):
        saved = (
            "your draft is saved when you click outside the box"
            if session_id
            else "drafts are kept while you move between questions"
        )
        st.caption(f"{words} words · {saved}")
        st.caption(":material/mic: Voice and :material/videocam: video answers: coming soon")
