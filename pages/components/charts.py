"""Plotly charts: score gauge, progress line, skill radar, breakdown bars, comparison with past sessions.

``*_figure`` functions build figures from plain data (easy to test); ``render_*`` show them. Every chart
has a title, axis titles and hover text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st

from core.scoring.base import GRADE_FLOORS
from pages.components.text import label

PRIMARY = "#2563EB"
MUTED = "#94A3B8"
GRADE_COLORS = {"A": "#16A34A", "B": "#2563EB", "C": "#F59E0B", "D": "#F97316", "F": "#DC2626"}
CATEGORY_COLORS = ["#7C3AED", "#0891B2", "#DB2777", "#65A30D", "#EA580C", "#0D9488", "#9333EA"]
_CONFIG = {"displayModeBar": False, "responsive": True}


def _layout(fig: go.Figure, title: str, height: int = 320) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
        height=height,
        margin={"l": 48, "r": 24, "t": 56, "b": 48},
        hoverlabel={"bgcolor": "white", "font_size": 13},
        legend={"orientation": "h", "yanchor": "bottom", "y": -0.35, "x": 0},
    )
    return fig


def gauge_figure(score: int | None, grade: str | None, title: str = "Overall score") -> go.Figure:
    """A 0-100 gauge coloured by letter-grade bands; the grade shows under the number."""
    bands = []
    upper = 100
    for floor, letter in GRADE_FLOORS:
        bands.append({"range": [floor, upper], "color": GRADE_COLORS[letter] + "22"})
        upper = floor
    fig = go.Figure(
        go.Indicator(
            mode="gauge+number",
            value=score if score is not None else 0,
            number={"suffix": " / 100", "font": {"size": 32, "color": "#1F2937"}},
            title={"text": f"Grade <b>{grade or '—'}</b>", "font": {"size": 22, "color": "#1F2937"}},
            gauge={
                "axis": {"range": [0, 100], "tickvals": [0, 40, 55, 70, 85, 100]},
                "bar": {"color": GRADE_COLORS.get(grade or "", PRIMARY), "thickness": 0.3},
                "steps": bands,
                "threshold": {"line": {"color": "#1F2937", "width": 2}, "value": score or 0},
            },
        )
    )
    fig = _layout(fig, title, height=280)
    fig.update_layout(margin={"l": 36, "r": 40, "t": 64, "b": 8})
    return fig


@dataclass(frozen=True)
class Series:
    """One line of a progress chart: x labels, y values and how many sessions each point covers."""

    name: str
    x: Sequence[str]
    y: Sequence[float]
    counts: Sequence[int] = ()


def progress_figure(series: Sequence[Series], title: str = "Score trend") -> go.Figure:
    fig = go.Figure()
    for i, s in enumerate(series):
        color = PRIMARY if i == 0 else CATEGORY_COLORS[(i - 1) % len(CATEGORY_COLORS)]
        counts = list(s.counts) if s.counts else [None] * len(s.x)
        fig.add_trace(
            go.Scatter(
                x=list(s.x),
                y=list(s.y),
                name=s.name,
                mode="lines+markers",
                line={"color": color, "width": 3 if i == 0 else 2, "dash": "solid" if i == 0 else "dot"},
                marker={"size": 7},
                customdata=[[c if c is not None else "—"] for c in counts],
                hovertemplate=f"<b>{s.name}</b><br>%{{x}}<br>Average %{{y:.0f}} / 100"
                + ("<br>%{customdata[0]} session(s)" if s.counts else "")
                + "<extra></extra>",
            )
        )
    fig.update_xaxes(title_text="Period", type="category")
    fig.update_yaxes(title_text="Score (0-100)", range=[0, 100])
    return _layout(fig, title)


def radar_figure(averages: Mapping[str, float | None], title: str = "Skill radar") -> go.Figure:
    """Category averages as a closed polygon; categories without answers show as 0 with a note."""
    names = list(averages)
    values = [averages[n] if averages[n] is not None else 0 for n in names]
    notes = ["" if averages[n] is not None else " (no answers yet)" for n in names]
    theta = [label(n).replace(" ", "<br>") for n in names]  # two short lines fit a narrow column
    fig = go.Figure(
        go.Scatterpolar(
            r=[*values, values[0]] if values else [],
            theta=[*theta, theta[0]] if theta else [],
            customdata=[*notes, notes[0]] if notes else [],
            fill="toself",
            name="Your average",
            line={"color": PRIMARY},
            fillcolor="rgba(37, 99, 235, 0.18)",
            text=[*(label(n) for n in names), label(names[0])] if names else [],
            hovertemplate="<b>%{text}</b><br>Average %{r:.0f} / 100%{customdata}<extra></extra>",
        )
    )
    fig.update_layout(
        polar={
            "radialaxis": {
                "range": [0, 100],
                "tickvals": [25, 50, 75, 100],
                "angle": 90,
                "tickangle": 90,
                "tickfont": {"size": 9},
            },
            "angularaxis": {"direction": "clockwise", "tickfont": {"size": 11}},
        },
        showlegend=False,
    )
    fig = _layout(fig, title, height=380)
    fig.update_layout(margin={"l": 56, "r": 56, "t": 72, "b": 32})
    return fig


def breakdown_figure(
    scores: Mapping[str, float],
    title: str,
    axis_title: str = "Score (0-100)",
    detail: Mapping[str, str] | None = None,
) -> go.Figure:
    """Horizontal bars, one per category or rubric dimension, coloured by grade band."""
    names = list(scores)
    values = [float(scores[n]) for n in names]
    colors = [_grade_color(v) for v in values]
    extra = [(detail or {}).get(n, "") for n in names]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=[label(n) for n in names],
            orientation="h",
            marker={"color": colors},
            text=[f"{v:.0f}" for v in values],
            textposition="outside",
            cliponaxis=False,
            customdata=extra,
            hovertemplate="<b>%{y}</b><br>%{x:.0f} / 100<br>%{customdata}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text=axis_title, range=[0, 105])
    fig.update_yaxes(title_text="", autorange="reversed")
    return _layout(fig, title, height=max(200, 70 + 38 * len(names)))


def comparison_figure(
    labels: Sequence[str], scores: Sequence[int], current_index: int, title: str
) -> go.Figure:
    """This session against the user's previous sessions of the same type (oldest left)."""
    colors = [PRIMARY if i == current_index else MUTED for i in range(len(scores))]
    kind = ["This session" if i == current_index else "Earlier session" for i in range(len(scores))]
    fig = go.Figure(
        go.Bar(
            x=list(labels),
            y=list(scores),
            marker={"color": colors},
            customdata=kind,
            text=[str(s) for s in scores],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="<b>%{customdata}</b><br>%{x}<br>Score %{y} / 100<extra></extra>",
        )
    )
    if len(scores) > 1:
        mean = sum(scores) / len(scores)
        fig.add_hline(
            y=mean,
            line_dash="dot",
            line_color="#64748B",
            annotation_text=f"average {mean:.0f}",
            annotation_position="top left",
        )
    fig.update_xaxes(title_text="Session (completed)", type="category")
    fig.update_yaxes(title_text="Score (0-100)", range=[0, 110])
    return _layout(fig, title)


def _grade_color(score: float) -> str:
    for floor, letter in GRADE_FLOORS:
        if score >= floor:
            return GRADE_COLORS[letter]
    return GRADE_COLORS["F"]


def render_chart(fig: go.Figure, key: str) -> None:
    st.plotly_chart(fig, key=key, config=_CONFIG, width="stretch")


def render_score_gauge(score: int | None, grade: str | None, key: str, title: str = "Overall score") -> None:
    render_chart(gauge_figure(score, grade, title), key)


def render_skill_radar(averages: Mapping[str, float | None], key: str, title: str = "Skill radar") -> None:
    render_chart(radar_figure(averages, title), key)


def render_progress_chart(series: Sequence[Series], key: str, title: str = "Score trend") -> None:
    render_chart(progress_figure(series, title), key)


def render_breakdown(
    scores: Mapping[str, float], key: str, title: str, detail: Mapping[str, str] | None = None
) -> None:
    render_chart(breakdown_figure(scores, title, detail=detail), key)


def render_comparison_chart(
    labels: Sequence[str],
    scores: Sequence[int],
    current_index: int,
    key: str,
    title: str = "Compared with your previous sessions",
) -> None:
    render_chart(comparison_figure(labels, scores, current_index, title), key)
