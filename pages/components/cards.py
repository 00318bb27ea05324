"""Cards: session summary, question (with hints on demand), answer feedback, improvement tips."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from core.dto import AnswerView, QuestionView, SessionSummary
from core.enums import Difficulty, InterviewStatus
from core.scoring.base import DIMENSIONS, ScoreResult
from pages.components import nav
from pages.components.charts import render_breakdown
from pages.components.text import Color, duration, escape_md, label, score_color, when

STATUS_BADGES: dict[InterviewStatus, tuple[str, Color, str]] = {
    InterviewStatus.PENDING: ("Not started", "gray", ":material/pause_circle:"),
    InterviewStatus.IN_PROGRESS: ("In progress", "orange", ":material/hourglass_top:"),
    InterviewStatus.COMPLETED: ("Completed", "green", ":material/check_circle:"),
    InterviewStatus.ABANDONED: ("Abandoned", "gray", ":material/block:"),
}
DIFFICULTY_COLORS: dict[Difficulty, Color] = {
    Difficulty.EASY: "green",
    Difficulty.MEDIUM: "blue",
    Difficulty.HARD: "orange",
    Difficulty.EXPERT: "red",
}
TYPE_ICONS = {
    "BEHAVIORAL": ":material/handshake:",
    "TECHNICAL": ":material/code:",
    "CASE_STUDY": ":material/trending_up:",
    "SYSTEM_DESIGN": ":material/account_tree:",
    "MIXED": ":material/shuffle:",
}


def render_score_badge(score: int | None, grade: str | None) -> None:
    if score is None:
        st.badge("Not scored", color="gray")
    else:
        st.badge(f"{score} / 100 · {grade}", color=score_color(score))


def render_session_card(summary: SessionSummary, key: str) -> None:
    """One past or open session: type, date, job, status, score and the action that fits its status."""
    with st.container(border=True, key=f"{key}_card", gap="small"):
        icon = TYPE_ICONS.get(summary.type.value, ":material/record_voice_over:")
        st.markdown(f"**{icon} {label(summary.type)} interview**")
        moment = summary.completed_at or summary.started_at or summary.created_at
        job = f" · for {escape_md(summary.job_title)}" if summary.job_title else ""
        st.caption(f"{when(moment)} · {summary.answered_count}/{summary.question_count} answered{job}")
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            text, color, badge_icon = STATUS_BADGES[summary.status]
            st.badge(text, color=color, icon=badge_icon)
            if summary.status is InterviewStatus.COMPLETED:
                render_score_badge(summary.total_score, summary.grade)
        if summary.status is InterviewStatus.COMPLETED:
            action = ("View results", ":material/bar_chart:", "secondary", nav.RESULTS)
        elif summary.status in (InterviewStatus.IN_PROGRESS, InterviewStatus.PENDING):
            action = ("Resume", ":material/play_arrow:", "primary", nav.SESSION)
        else:
            return
        text, icon, kind, page = action
        if st.button(text, key=f"{key}_open", icon=icon, type=kind, width="stretch"):  # type: ignore[arg-type]
            nav.go(page, id=summary.id)


def render_score_summary(
    score: int | None,
    grade: str | None,
    duration_ms: int | None = None,
    overtime: bool = False,
    key: str = "score",
) -> None:
    """The score of one answer, big enough to read at a glance."""
    with st.container(horizontal=True, gap="small", key=f"{key}_summary"):
        st.metric("Score", f"{score} / 100" if score is not None else "—", border=True)
        st.metric("Grade", grade or "—", border=True)
        if duration_ms is not None:
            st.metric(
                "Time",
                duration(duration_ms),
                border=True,
                delta="overtime" if overtime else None,
                delta_color="inverse" if overtime else "normal",
                delta_arrow="off",
            )


def render_progress_indicator(index: int, questions: Sequence[QuestionView], key: str) -> None:
    """Question k of n, with a bar for answered questions."""
    total = len(questions)
    answered = sum(1 for q in questions if q.answer is not None)
    st.progress(
        answered / total if total else 0.0, text=f"Question {index + 1} of {total} · {answered} answered"
    )


def _reveal_hint(question_id: str) -> None:
    shown = st.session_state["session_hints_shown"]
    shown[question_id] = shown.get(question_id, 0) + 1


def render_hints(question_id: str, hints: Sequence[str], key: str) -> None:
    """Hints one at a time, on demand (state key ``session_hints_shown``)."""
    if not hints:
        return
    shown = min(st.session_state["session_hints_shown"].get(question_id, 0), len(hints))
    for i in range(shown):
        st.info(hints[i], icon=":material/lightbulb:")
    if shown < len(hints):
        st.button(
            f"Show a hint ({shown + 1} of {len(hints)})"
            if shown
            else f"Need a hint? ({len(hints)} available)",
            key=f"{key}_hint",
            icon=":material/lightbulb:",
            on_click=_reveal_hint,
            args=(question_id,),
        )


def render_question_card(question: QuestionView, key: str) -> None:
    """The question with its category, difficulty, time limit and hints revealed on demand."""
    with st.container(border=True, key=f"{key}_question"):
        with st.container(horizontal=True, gap="small"):
            st.badge(label(question.category), color="violet")
            st.badge(label(question.difficulty), color=DIFFICULTY_COLORS.get(question.difficulty, "gray"))
            if question.time_limit:
                st.badge(
                    f"{question.time_limit // 60}:{question.time_limit % 60:02d} min",
                    icon=":material/timer:",
                    color="gray",
                )
        st.markdown(f"#### {escape_md(question.question)}")
        render_hints(question.id, question.hints, key)


def render_breakdown_badges(result: ScoreResult) -> None:
    """The breakdown as coloured badges: light enough for a review of 20 answers on one page."""
    rows = [
        ("Rubric", [(c.name, c.score) for c in result.rubric]),
        (
            "Dimensions",
            [(label(n), result.dimensions[n].score) for n in DIMENSIONS if n in result.dimensions],
        ),
    ]
    for title, items in rows:
        if items:
            badges = " ".join(f":{score_color(v)}-badge[{escape_md(name)} {v}]" for name, v in items)
            st.markdown(f"**{title}:** {badges}")


def render_result_breakdown(result: ScoreResult, key: str, compact: bool = False) -> None:
    """Rubric criteria and the five scoring dimensions of one scored answer (charts, or badges)."""
    if compact:
        render_breakdown_badges(result)
        _render_notes(result)
        return
    left, right = st.columns(2)
    with left:
        if result.rubric:
            render_breakdown(
                {c.name: c.score for c in result.rubric},
                key=f"{key}_rubric",
                title="Rubric",
                detail={c.name: f"weight {c.weight:.0%}" for c in result.rubric},
            )
    with right:
        dims = {name: result.dimensions[name].score for name in DIMENSIONS if name in result.dimensions}
        if dims:
            render_breakdown(dims, key=f"{key}_dims", title="Scoring dimensions")
    _render_notes(result)


def _render_notes(result: ScoreResult) -> None:
    notes = [(c.name, c.notes) for c in result.rubric if c.notes]
    notes += [
        (label(n), result.dimensions[n].notes)
        for n in DIMENSIONS
        if n in result.dimensions and result.dimensions[n].notes
    ]
    if notes:
        with st.expander("Notes on each criterion", icon=":material/article:"):
            for name, text in notes:
                st.markdown(f"**{escape_md(name)}**")
                st.text(text)


def render_answer_feedback(answer: AnswerView, key: str, compact: bool = False) -> None:
    """Score, feedback, strengths, improvements and a stronger example answer for one answer."""
    if answer.scoring_error:
        st.warning(
            "This answer is saved but could not be scored yet: " + answer.scoring_error,
            icon=":material/hourglass_top:",
        )
        return
    result = answer.result
    render_score_summary(answer.score, answer.grade, answer.duration_ms, answer.overtime, key=key)
    if answer.notice:  # e.g. scored offline because the AI service failed or a limit was reached
        st.info(answer.notice, icon=":material/cloud_off:")
    if answer.feedback:
        st.markdown("**Feedback**")
        st.text(answer.feedback)
    if result is None:
        return
    render_strengths_improvements(result)
    render_result_breakdown(result, key, compact=compact)
    if result.example_answer:
        with st.expander("A stronger example answer", icon=":material/auto_awesome:"):
            st.text(result.example_answer)


def render_strengths_improvements(result: ScoreResult) -> None:
    parts = [
        (title, items, mark)
        for title, items, mark in (
            ("What worked", result.strengths, "✓"),
            ("To improve", result.improvements, "→"),
        )
        if items
    ]
    for column, (title, items, mark) in zip(st.columns(len(parts)) if parts else [], parts, strict=True):
        with column:
            st.markdown(f"**{title}**")
            for item in items:
                st.text(f"{mark} {item}")


def render_feedback_card(question: QuestionView, key: str, number: int, shared: bool = False) -> None:
    """Question + the candidate's answer + score, breakdown, feedback and example (results page)."""
    answer = question.answer
    score = f" · {answer.score} ({answer.grade})" if answer and answer.score is not None else ""
    state = "" if answer else " · not answered"
    with st.expander(f"Q{number} · {label(question.category)}{score}{state}", expanded=number == 1):
        st.markdown(f"**{escape_md(question.question)}**")
        if answer is None:
            st.caption("Not answered.")
            return
        st.markdown("**The answer**" if shared else "**Your answer**")
        with st.container(border=True, key=f"{key}_answer"):
            st.text(answer.text or "(no text)")
        render_answer_feedback(answer, key, compact=True)


def render_improvement_tips(tips: Sequence[str], key: str) -> None:
    """Actionable next steps as a numbered list (texts shown literally)."""
    with st.container(border=True, key=f"{key}_tips"):
        st.markdown("##### :material/model_training: How to improve")
        if not tips:
            st.caption("No specific tips: keep practising to build a track record.")
        for i, tip in enumerate(tips, start=1):
            st.text(f"{i}. {tip}")
