"""Interview hub (/interviews): quick start, recent sessions, progress, skill radar, weak areas, practice."""

from __future__ import annotations

import streamlit as st

from pages.components import nav
from pages.components.cards import render_session_card
from pages.components.charts import Series, render_progress_chart, render_skill_radar
from pages.components.loaders import load_hub
from pages.components.profiles import require_user
from pages.components.quick_start import render_practice_start, render_quick_start
from pages.components.state import init_state, show_error, show_flashes, unit_of_work
from pages.components.text import escape_md, label, when

init_state()
show_flashes()
user_id = require_user()

if st.session_state["goto_session"] is not None:
    session_id, st.session_state["goto_session"] = st.session_state["goto_session"], None
    nav.go(nav.SESSION, id=session_id)


def _show_more() -> None:
    st.session_state["hub_sessions_shown"] = min(100, st.session_state["hub_sessions_shown"] + 5)


try:
    with unit_of_work() as db:
        hub = load_hub(db=db, user_id=user_id, recent=st.session_state["hub_sessions_shown"])
except Exception as exc:  # noqa: BLE001
    show_error(exc)
    st.stop()

stats, progress = hub.stats, hub.progress
new_user = hub.sessions.total == 0
st.title("Interview hub")
st.caption(
    f"Welcome{' back' if not new_user else ''}, {escape_md(hub.user.display_name)}. "
    "Practise, get scored on every answer, and watch your scores climb."
)

error = st.session_state["hub_error"]
if error is not None:
    st.session_state["hub_error"] = None
    show_error(error)

if new_user:
    with st.container(border=True, key="hub_welcome"):
        st.markdown("##### :material/waving_hand: Your first mock interview")
        st.markdown(
            "1. **Optional:** add your CV and a target job on **Profile & jobs**, so questions match you.\n"
            "2. **Pick an interview** below: 5 behavioral questions is a good start.\n"
            "3. **Answer each question** in writing. You get a score, a rubric breakdown, feedback and a "
            "stronger example answer straight away."
        )
        if not hub.has_profile and st.button("Add my CV and target job", key="hub_to_profile", icon=":material/person:"):
            nav.go(nav.PROFILE)
else:
    with st.container(horizontal=True, key="hub_kpis"):
        st.metric("Completed interviews", stats.completed_sessions, border=True)
        st.metric(
            "Average score", f"{stats.avg_score:.0f}" if stats.avg_score is not None else "—", border=True
        )
        st.metric("Best score", stats.best_score if stats.best_score is not None else "—", border=True)
        st.metric("Last practice", when(stats.last_session_at), border=True)

start_col, recent_col = st.columns([3, 2], gap="medium")
with start_col:
    render_quick_start(user_id, hub.jobs)
with recent_col, st.container(border=True, key="hub_recent"):
    st.markdown("##### :material/history: Recent sessions")
    if new_user:
        st.caption("Your interviews will appear here, with their scores and a Resume button for open ones.")
    for i, summary in enumerate(hub.sessions.items):
        render_session_card(summary, key=f"hub_session_{i}")
    if hub.sessions.total > len(hub.sessions.items):
        st.button(
            f"Show more ({hub.sessions.total - len(hub.sessions.items)} older)",
            key="hub_more",
            on_click=_show_more,
            width="stretch",
        )

trend_col, radar_col = st.columns([3, 2], gap="medium")
with trend_col, st.container(border=True, key="hub_trend"):
    if not progress.series:
        st.markdown("##### :material/trending_up: Score trend")
        st.caption("Complete an interview to see your score trend here, week by week.")
    else:
        present = sorted({c for p in progress.series for c in p.categories})
        picked = (
            st.pills(
                "Compare categories",
                options=present,
                format_func=label,
                selection_mode="multi",
                key="hub_chart_categories",
            )
            or []
        )
        lines = [
            Series(
                "All answers",
                [p.period for p in progress.series if p.avg is not None],
                [p.avg for p in progress.series if p.avg is not None],
                [p.sessions for p in progress.series if p.avg is not None],
            )
        ]
        for category in picked:
            points = [(p.period, p.categories[category]) for p in progress.series if category in p.categories]
            lines.append(Series(label(category), [x for x, _ in points], [y for _, y in points]))
        render_progress_chart(lines, key="hub_progress_chart", title="Score trend by week")
with radar_col, st.container(border=True, key="hub_radar"):
    if not any(v is not None for v in stats.category_avgs.values()):
        st.markdown("##### :material/radar: Skill radar")
        st.caption("Your strengths by category appear once you have scored answers.")
    else:
        render_skill_radar(
            dict(stats.category_avgs), key="hub_skill_radar", title="Skill radar (category averages)"
        )

weak_col, practice_col = st.columns(2, gap="medium")
with weak_col, st.container(border=True, key="hub_weak"):
    st.markdown("##### :material/explore: Areas to work on")
    if not progress.weak_areas:
        st.caption(
            "Nothing stands out yet. Weak areas show up after a few scored answers in each category."
            if not new_user
            else "After your first interviews we point out the areas that need work."
        )
    for area in progress.weak_areas[:5]:
        st.markdown(f"**{label(area.name)}** · average {area.avg:.0f} over {area.answers} answers")
        st.progress(max(0.0, min(1.0, area.avg / 100)))
        st.caption(escape_md(area.reason))
    if progress.strengths:
        st.markdown(
            "**Strengths:** " + ", ".join(f"{label(s.name)} ({s.avg:.0f})" for s in progress.strengths[:3])
        )
with practice_col, st.container(border=True, key="hub_practice"):
    st.markdown("##### :material/model_training: Suggested practice")
    if not progress.recommendations:
        st.caption(
            "Suggestions appear after your first completed interview. Until then, a short behavioral "
            "interview is the best place to start."
        )
    for i, rec in enumerate(progress.recommendations):
        with st.container(border=True, key=f"hub_rec_{i}"):
            st.markdown(f"**{escape_md(rec.title)}**")
            st.caption(escape_md(rec.reason))
            for q in rec.questions[:2]:
                st.text(f"• {q.question}")
            render_practice_start(
                user_id,
                rec.start_request(),
                key=f"hub_rec_start_{i}",
                text=f"Practise {label(rec.suggested_type).lower()} · {label(rec.difficulty)}",
            )
