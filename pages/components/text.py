"""Text helpers: show user-written text literally, and friendly labels for enum values and times."""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

Color = Literal["red", "orange", "yellow", "blue", "green", "violet", "gray", "grey", "primary"]

# Characters Markdown, Streamlit's directives (:red[...]), LaTeX ($) or HTML could interpret.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_md(text: str | None) -> str:
    """``text`` escaped so that ``st.markdown`` shows it literally (for short labels inside Markdown).

    Prefer ``st.text`` for longer user-written text (answers, CVs, job descriptions).
    """
    if not text:
        return ""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def label(value: Enum | str | None) -> str:
    """``PROBLEM_SOLVING`` -> ``Problem solving``; ``CASE_STUDY`` -> ``Case study``."""
    if value is None:
        return "—"
    raw = value.value if isinstance(value, Enum) else str(value)
    return raw.replace("_", " ").capitalize()


def browser_tz() -> dt.tzinfo | None:
    """The viewer's time zone as the browser reports it (None outside a browser session)."""
    try:
        name = st.context.timezone
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError, AttributeError, RuntimeError):
        return None


def when(moment: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """A short, human date in the viewer's time zone: "today 14:05", "yesterday", "3 days ago"."""
    if moment is None:
        return "—"
    tz = browser_tz()
    now = now or dt.datetime.now(dt.UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(tz)
    days = (now.astimezone(tz).date() - local.date()).days
    if days <= 0:
        return f"today {local:%H:%M}"
    if days == 1:
        return "yesterday"
    if days < 7:
        return f"{days} days ago"
    return f"{local.day} {local:%b %Y}"


def short_date(moment: dt.datetime | None) -> str:
    """ "12 Mar 14:05" in the viewer's time zone (chart labels)."""
    if moment is None:
        return "—"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(browser_tz())
    return f"{local.day} {local:%b %H:%M}"


def duration(ms: int | None) -> str:
    """Milliseconds as "2 min 05 s" / "45 s"."""
    if ms is None:
        return "—"
    seconds = max(0, round(ms / 1000))
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"


def clock(seconds: float) -> str:
    """Seconds as m:ss (negative values are shown as +m:ss overtime)."""
    sign = "+" if seconds < 0 else ""
    minutes, secs = divmod(abs(int(round(seconds))), 60)
    return f"{sign}{minutes}:{secs:02d}"


def score_color(score: float | None) -> Color:
    """Streamlit colour name for a 0-100 score (badges and coloured text)."""
    if score is None:
        return "gray"
    if score >= 85:
        return "green"
    if score >= 70:
        return "blue"
    if score >= 55:
        return "orange"
    return "red"
