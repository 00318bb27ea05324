"""Question bank widgets: filters, the paginated list, the preview dialog and practice mode."""

from __future__ import annotations

import time

import streamlit as st

from core.dto import AnswerView
from core.enums import Difficulty, QuestionCategory
from core.errors import CoreError
from core.practice import practice_question
from core.questions import BankFacets, BankFilters, BankPage, BankQuestion, bank_facets
from pages.components.cards import DIFFICULTY_COLORS, render_answer_feedback
from pages.components.state import get_database, log, scorer_for, unit_of_work
from pages.components.text import escape_md, label

PAGE_SIZE = 10


@st.cache_data(ttl=600, max_entries=8, show_spinner=False)
def cached_facets(database_url: str) -> BankFacets:
    """Roles and industries for the filter widgets (read-mostly: the bank changes only on seeding)."""
    with unit_of_work() as db:
        return bank_facets(db=db)


def _reset_page() -> None:
    st.session_state["bank_page"] = 1


def _clear_filters() -> None:
    for key in ("bank_text", "bank_categories", "bank_difficulties"):
        st.session_state.pop(key, None)
    st.session_state["bank_role"] = None
    st.session_state["bank_industry"] = None
    _reset_page()


def render_question_filters() -> BankFilters:
    """Category, difficulty, role, industry and free text; any change goes back to page 1."""
    facets = cached_facets(get_database().engine.url.render_as_string(hide_password=True))
    state = st.session_state
    active = [state.get(k) for k in ("bank_categories", "bank_difficulties", "bank_role", "bank_industry")]
    count = sum(1 for v in active if v)
    with st.container(border=True, key="bank_filters"):
        st.text_input(
            "Search",
            key="bank_text",
            placeholder="e.g. conflict, deadline, SQL, customer",
            on_change=_reset_page,
            icon=":material/search:",
        )
        title = f"Filters ({count} active)" if count else "Filters: category, difficulty, role, industry"
        with st.expander(title, icon=":material/filter_list:", expanded=bool(count)):
            left, right = st.columns(2)
            left.multiselect(
                "Category",
                [c.value for c in QuestionCategory],
                format_func=label,
                key="bank_categories",
                on_change=_reset_page,
                placeholder="All categories",
            )
            right.multiselect(
                "Difficulty",
                [d.value for d in Difficulty],
                format_func=label,
                key="bank_difficulties",
                on_change=_reset_page,
                placeholder="All levels",
            )
            left, right = st.columns(2)
            left.selectbox(
                "Role",
                [None, *facets.roles],
                key="bank_role",
                on_change=_reset_page,
                format_func=lambda r: "Any role" if r is None else r,
            )
            right.selectbox(
                "Industry",
                [None, *facets.industries],
                key="bank_industry",
                on_change=_reset_page,
                format_func=lambda i: "Any industry" if i is None else i,
            )
            st.button(
                "Clear filters",
                key="bank_clear",
                icon=":material/filter_alt_off:",
                on_click=_clear_filters,
                type="tertiary",
                disabled=not (count or state.get("bank_text")),
            )
    return BankFilters(
        categories=tuple(QuestionCategory(c) for c in state.get("bank_categories") or ()),
        difficulties=tuple(Difficulty(d) for d in state.get("bank_difficulties") or ()),
        role=state.get("bank_role"),
        industry=state.get("bank_industry"),
        text=(state.get("bank_text") or "").strip() or None,
    )


def render_question_badges(q: BankQuestion) -> None:
    with st.container(horizontal=True, gap="small"):
        st.badge(label(q.category), color="violet")
        st.badge(label(q.difficulty), color=DIFFICULTY_COLORS.get(q.difficulty, "gray"))
        if q.interview_type.value != q.category.value:  # "Behavioral · Behavioral" says nothing
            st.badge(f"{label(q.interview_type)} interview", color="gray")
        if q.role:
            st.badge(q.role, icon=":material/person:", color="gray")
        if q.industry:
            st.badge(q.industry, icon=":material/business:", color="gray")


def _set(key: str, value: object) -> None:
    st.session_state[key] = value


def _start_practice(bank_id: str) -> None:
    st.session_state["bank_practice_id"] = bank_id
    st.session_state["bank_practice_started_at"] = time.time()
    st.session_state["bank_practice_result"] = None
    st.session_state["bank_preview_id"] = None
    st.session_state.pop("bank_practice_answer", None)


def _change_page(delta: int, pages: int) -> None:
    st.session_state["bank_page"] = max(1, min(pages, st.session_state["bank_page"] + delta))


def render_question_list(page: BankPage) -> None:
    """One page of questions with Preview and Practise buttons, and the pager."""
    if not page.items:
        st.info(
            "No questions match these filters. Try fewer filters or another search word.",
            icon=":material/search:",
        )
        return
    first = (page.page - 1) * page.page_size + 1
    st.caption(f"Showing {first}–{first + len(page.items) - 1} of {page.total} questions")
    for i, q in enumerate(page.items):
        with st.container(border=True, key=f"bank_item_{i}"):
            render_question_badges(q)
            st.markdown(escape_md(q.question))
            with st.container(horizontal=True, gap="small"):
                st.button(
                    "Preview",
                    key=f"bank_preview_{i}",
                    icon=":material/visibility:",
                    on_click=_set,
                    args=("bank_preview_id", q.id),
                )
                st.button(
                    "Practise",
                    key=f"bank_practise_{i}",
                    icon=":material/model_training:",
                    on_click=_start_practice,
                    args=(q.id,),
                )
    render_pager(page)


def render_pager(page: BankPage) -> None:
    with st.container(horizontal=True, vertical_alignment="center", key="bank_pager"):
        st.button(
            "Previous",
            key="bank_prev",
            icon=":material/arrow_back:",
            disabled=page.page <= 1,
            on_click=_change_page,
            args=(-1, page.pages),
        )
        st.markdown(f"Page **{page.page}** of **{page.pages}**")
        st.button(
            "Next",
            key="bank_next",
            icon=":material/arrow_forward:",
            disabled=page.page >= page.pages,
            on_click=_change_page,
            args=(1, page.pages),
        )


def render_question_details(q: BankQuestion) -> None:
    """Hints, rubric criteria with weights, key points, sample answer and tags."""
    render_question_badges(q)
    st.markdown(f"#### {escape_md(q.question)}")
    if q.hints:
        st.markdown("**Hints**")
        for hint in q.hints:
            st.markdown(f":material/lightbulb: {escape_md(hint)}")
    criteria = q.rubric.get("criteria") or []
    if criteria:
        st.markdown("**How answers are scored**")
        for c in criteria:
            st.markdown(
                f"- **{escape_md(str(c.get('name')))}** ({float(c.get('weight', 0)):.0%}): "
                f"{escape_md(str(c.get('description', '')))}"
            )
    points = q.rubric.get("key_points") or []
    if points:
        st.markdown("**A strong answer covers**")
        for point in points:
            st.text(f"✓ {point}")
    if q.sample_answer:
        with st.expander("Sample answer", icon=":material/auto_awesome:"):
            st.text(q.sample_answer)
    meta = []
    if q.tags:
        meta.append("Tags: " + ", ".join(q.tags))
    if q.usage_count:
        meta.append(f"used in {q.usage_count} interview(s)")
    if q.avg_score is not None:
        meta.append(f"average score {q.avg_score:.0f}")
    if meta:
        st.caption(escape_md(" · ".join(meta)))


@st.dialog("Question preview", width="large")
def question_preview_dialog(q: BankQuestion) -> None:
    render_question_details(q)
    if st.button(
        "Practise this question",
        key="bank_dialog_practise",
        type="primary",
        icon=":material/model_training:",
        on_click=_start_practice,
        args=(q.id,),
    ):
        st.rerun()


def _score_practice(user_id: str, bank_id: str) -> None:
    """Score one practice answer (callback); it is recorded as a one-question interview."""
    text = st.session_state.get("bank_practice_answer") or ""
    if not text.strip():
        st.session_state["bank_practice_result"] = (
            bank_id,
            None,
            "Write an answer before asking for a score.",
        )
        return
    if st.session_state.get("bank_practice_scored") == (bank_id, text):
        # NOTE: a double click (or a second click on an unchanged answer) must not save a second interview.
        st.toast("This answer is already scored: change it to try again.", icon=":material/info:")
        return
    started = st.session_state.get("bank_practice_started_at") or time.time()
    try:
        with st.spinner("Scoring your answer…"), unit_of_work() as db:
            result = practice_question(
                db=db,
                user_id=user_id,
                bank_id=bank_id,
                text=text,
                duration_ms=int((time.time() - started) * 1000),
                scorer=scorer_for(db),
            )
    except CoreError as exc:
        st.session_state["bank_practice_result"] = (bank_id, None, str(exc))
        return
    except Exception:  # noqa: BLE001 - a friendly message instead of a traceback
        log.exception("practice scoring failed")
        st.session_state["bank_practice_result"] = (
            bank_id,
            None,
            "Scoring failed this time. Please try again.",
        )
        return
    st.session_state["bank_practice_result"] = (bank_id, result.session.id, None)
    st.session_state["bank_practice_scored"] = (bank_id, text)
    if result.answer.score is not None:
        st.toast(
            f"Practice answer scored: {result.answer.score} / 100 ({result.answer.grade})",
            icon=":material/check_circle:",
        )


def _stop_practice() -> None:
    st.session_state["bank_practice_id"] = None
    st.session_state["bank_practice_result"] = None


def render_practice(user_id: str, q: BankQuestion, answer: AnswerView | None, message: str | None) -> None:
    """Practice mode: answer one question and get it scored (saved as a one-question interview)."""
    with st.container(border=True, key="bank_practice"):
        st.markdown("##### :material/model_training: Practice mode")
        st.caption(
            "Answer this one question and get it scored. It is saved in your history as a "
            "one-question interview, so it counts towards your progress."
        )
        render_question_badges(q)
        st.markdown(f"#### {escape_md(q.question)}")
        if q.hints:
            with st.expander("Hints", icon=":material/lightbulb:"):
                for hint in q.hints:
                    st.markdown(f":material/lightbulb: {escape_md(hint)}")
        st.text_area(
            "Your answer",
            key="bank_practice_answer",
            height=200,
            max_chars=20_000,
            placeholder="Write your answer as you would say it in the interview.",
        )
        with st.container(horizontal=True, gap="small"):
            st.button(
                "Score my answer",
                key="bank_practice_score",
                type="primary",
                icon=":material/send:",
                on_click=_score_practice,
                args=(user_id, q.id),
            )
            st.button(
                "Back to the list",
                key="bank_practice_close",
                icon=":material/arrow_back:",
                on_click=_stop_practice,
            )
        if message:
            st.warning(message, icon=":material/warning:")
        if answer is not None:
            render_answer_feedback(answer, key="bank_practice")
