"""The results view: score gauge, breakdowns, tips, comparison chart and the question review."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import streamlit as st

from core.dto import SessionDetail, SessionSummary
from core.scoring.base import DIMENSIONS
from core.summary import DIMENSION_TIPS
from pages.components.cards import render_feedback_card
from pages.components.charts import render_breakdown, render_comparison_chart, render_score_gauge
from pages.components.text import duration, escape_md, label, short_date, when

MAX_TIPS = 6
WEAK_DIMENSION = 75  # dimensions averaging below this get a general tip


def dimension_averages(detail: SessionDetail) -> dict[str, float]:
    """Mean score of each scoring dimension over the session's scored answers."""
    values: dict[str, list[int]] = defaultdict(list)
    for q in detail.questions:
        result = q.answer.result if q.answer else None
        for name in DIMENSIONS:
            if result is not None and name in result.dimensions:
                values[name].append(result.dimensions[name].score)
    return {n: sum(v) / len(v) for n in DIMENSIONS if (v := values.get(n))}


def criterion_averages(detail: SessionDetail) -> dict[str, float]:
    """Mean score of each rubric criterion (Situation, Accuracy, ...) over the scored answers."""
    values: dict[str, list[int]] = defaultdict(list)
    for q in detail.questions:
        result = q.answer.result if q.answer else None
        for c in result.rubric if result else ():
            values[c.name].append(c.score)
    return {n: sum(v) / len(v) for n, v in values.items()}


def improvement_tips(detail: SessionDetail, limit: int = MAX_TIPS) -> list[str]:
    """What to work on: the weakest scoring dimensions first, then the answers' most frequent advice."""
    dims = dimension_averages(detail)
    tips = [
        f"{label(name)} ({avg:.0f}/100): {DIMENSION_TIPS[name]}."
        for name, avg in sorted(dims.items(), key=lambda item: item[1])[:2]
        if avg < WEAK_DIMENSION and name in DIMENSION_TIPS
    ]
    counts: dict[str, int] = defaultdict(int)
    for q in detail.questions:
        result = q.answer.result if q.answer else None
        for tip in result.improvements if result else ():
            counts[tip.strip()] += 1
    tips += sorted(counts, key=lambda t: (-counts[t], t))
    return tips[:limit]


def render_results_header(summary: SessionSummary) -> None:
    st.title(f"{label(summary.type)} interview results")
    facts = [
        f"completed {when(summary.completed_at)}" if summary.completed_at else label(summary.status),
        f"{summary.answered_count} of {summary.question_count} answered",
    ]
    if summary.job_title:
        facts.append(f"for {escape_md(summary.job_title)}")
    st.caption(" · ".join(facts))


def render_overview(detail: SessionDetail) -> None:
    """Gauge with letter grade next to the written summary and quick facts."""
    summary = detail.summary
    gauge_col, text_col = st.columns([2, 3], gap="medium")
    with gauge_col, st.container(border=True, key="results_gauge_box"):
        render_score_gauge(summary.total_score, summary.grade, key="results_gauge")
    with text_col, st.container(border=True, key="results_summary"):
        st.markdown("##### Summary")
        if detail.feedback_summary:
            st.text(detail.feedback_summary)
        else:
            st.caption("No written summary for this interview.")
        answers = [q.answer for q in detail.questions if q.answer is not None]
        timed = [a.duration_ms for a in answers if a.duration_ms is not None]
        overtime = sum(1 for a in answers if a.overtime)
        with st.container(horizontal=True):
            st.metric("Answered", f"{len(answers)} / {len(detail.questions)}")
            st.metric("Average time", duration(round(sum(timed) / len(timed))) if timed else "—")
            st.metric("Overtime", overtime)


def render_breakdowns(detail: SessionDetail) -> None:
    cat_col, dim_col = st.columns(2, gap="medium")
    with cat_col, st.container(border=True, key="results_by_category"):
        scores = {c.category.value: c.avg for c in detail.category_scores}
        if scores:
            render_breakdown(
                scores,
                key="results_category_chart",
                title="Score by category",
                detail={c.category.value: f"{c.answers} answer(s)" for c in detail.category_scores},
            )
        else:
            st.caption("No scored answers yet.")
    with dim_col, st.container(border=True, key="results_by_dimension"):
        dims = dimension_averages(detail)
        if dims:
            render_breakdown(dims, key="results_dimension_chart", title="Score by rubric dimension")
        else:
            st.caption("No scored answers yet.")
    criteria = criterion_averages(detail)
    if criteria:
        with st.container(border=True, key="results_by_criterion"):
            render_breakdown(criteria, key="results_criterion_chart", title="Score by rubric criterion")


def render_comparison(history: Sequence[SessionSummary], key: str) -> None:
    with st.container(border=True, key=f"{key}_box"):
        if len(history) < 2:
            st.markdown("##### :material/bar_chart: Compared with your previous sessions")
            st.caption(
                "This is your first completed interview of this type: the comparison appears after "
                "the next one."
            )
            return
        labels = [f"{short_date(s.completed_at)}" for s in history]
        # Two sessions completed in the same minute would share a label: number them.
        labels = [f"#{i + 1} · {x}" for i, x in enumerate(labels)]
        scores = [int(s.total_score or 0) for s in history]
        render_comparison_chart(
            labels,
            scores,
            len(history) - 1,
            key=key,
            title=f"Compared with your previous {label(history[-1].type).lower()} sessions",
        )


def render_question_review(detail: SessionDetail, shared: bool = False) -> None:
    st.subheader("Question by question")
    for i, question in enumerate(detail.questions, start=1):
        render_feedback_card(question, key=f"results_q{i}", number=i, shared=shared)
