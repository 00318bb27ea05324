"""Hub progress widgets: score trend (per category selectable), skill radar, weak areas, suggestions."""

from __future__ import annotations

import streamlit as st

from core.dto import ProgressView, StatsView
from pages.components.charts import Series, render_progress_chart, render_skill_radar
from pages.components.quick_start import render_practice_start
from pages.components.text import escape_md, label, score_color


def render_trend_card(progress: ProgressView) -> None:
    """Weekly average score, with a line per category the user picks."""
    with st.container(border=True, key="hub_trend"):
        present = sorted({c for p in progress.series for c in p.categories})
        # Another profile may have other categories: keep only the ones this one has.
        picked = [c for c in st.session_state.get("hub_chart_categories") or [] if c in present]
        st.session_state["hub_chart_categories"] = picked
        scored = [p for p in progress.series if p.avg is not None]
        lines = [
            Series(
                "All answers",
                [p.period for p in scored],
                [p.avg or 0 for p in scored],
                [p.sessions for p in scored],
            )
        ]
        for category in picked:
            points = [(p.period, p.categories[category]) for p in progress.series if category in p.categories]
            lines.append(Series(label(category), [x for x, _ in points], [y for _, y in points]))
        render_progress_chart(lines, key="hub_progress_chart", title="Score trend by week")
        st.pills(
            "Add a line per category",
            options=present,
            format_func=label,
            selection_mode="multi",
            key="hub_chart_categories",
        )


def render_radar_card(stats: StatsView) -> None:
    with st.container(border=True, key="hub_radar"):
        if not any(v is not None for v in stats.category_avgs.values()):
            st.markdown("##### :material/radar: Skill radar")
            st.caption("Your strengths by category appear once you have scored answers.")
            return
        render_skill_radar(
            dict(stats.category_avgs), key="hub_skill_radar", title="Skill radar (category averages)"
        )


def render_weak_areas(progress: ProgressView, limit: int = 4) -> None:
    with st.container(border=True, key="hub_weak"):
        st.markdown("##### :material/explore: Areas to work on")
        if not progress.weak_areas:
            st.caption("Nothing stands out yet. Weak areas show up after a few scored answers in each area.")
        for area in progress.weak_areas[:limit]:
            st.markdown(
                f"**{label(area.name)}** · :{score_color(area.avg)}[average {area.avg:.0f}] over "
                f"{area.answers} answers"
            )
            st.progress(max(0.0, min(1.0, area.avg / 100)))
            st.caption(escape_md(area.reason))
        if progress.strengths:
            best = ", ".join(f"{label(s.name)} ({s.avg:.0f})" for s in progress.strengths[:3])
            st.markdown(f"**Strengths:** {best}")


def render_progress_placeholder() -> None:
    """What a new user sees instead of empty charts."""
    with st.container(border=True, key="hub_progress_empty"):
        st.markdown("##### :material/trending_up: Your progress")
        st.caption(
            "After your first interview this space shows your score trend week by week, a skill radar "
            "of your categories and the areas worth working on."
        )


def render_suggestions(user_id: str, progress: ProgressView) -> None:
    """Suggested practice, each with a one-click start."""
    with st.container(border=True, key="hub_practice"):
        st.markdown("##### :material/model_training: Suggested practice")
        if not progress.recommendations:
            st.caption(
                "Suggestions appear after your first completed interview. Until then, a short "
                "behavioral interview is the best place to start."
            )
        for i, rec in enumerate(progress.recommendations):
            with st.container(border=True, key=f"hub_rec_{i}"):
                st.markdown(f"**{escape_md(rec.title)}**")
                st.caption(escape_md(rec.reason))
                for q in rec.questions[:2]:
                    st.caption(escape_md(f"“{q.question}”"))
                render_practice_start(
                    user_id,
                    rec.start_request(),
                    key=f"hub_rec_start_{i}",
                    text=f"Practise {label(rec.suggested_type).lower()} · {label(rec.difficulty)}",
                )
