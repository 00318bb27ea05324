"""Shared UI resources and state: settings and database opened once per process, the scorer, session keys.

Every session-state key the app uses is declared in ``STATE_DEFAULTS`` and set with ``setdefault`` by
``init_state()``, which the router and every page call (pages also run alone under AppTest). Keys are
prefixed by the page that owns them (``session_``, ``bank_``, ``hub_``, ``profile_``); ``user_id`` is
shared. Only ids and small values live here, never ORM rows.
"""

from __future__ import annotations

import copy
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st

from core.bootstrap import Database, init_database
from core.bootstrap import unit_of_work as engine_unit_of_work
from core.errors import CoreError
from core.scoring.base import Scorer
from core.scoring.factory import engine_info, make_scorer
from core.settings import Settings, load_settings

log = logging.getLogger("jobcircle.ui")

#: Session-state keys and their defaults. Dict defaults are copied per browser session.
STATE_DEFAULTS: dict[str, Any] = {
    # shared
    "user_id": None,  # the acting local profile (until accounts land)
    "flash": [],  # (kind, message) toasts to show on the next page run, e.g. after switch_page
    "nav_target": None,  # (page, query) a page wanted to open when it ran without the router (tests)
    "goto_session": None,  # id of a session just started: the page moves to it on its next run
    # session page
    "session_index": {},  # session id -> index of the question on screen
    "session_drafts": {},  # question id -> draft answer text (survives reruns and navigation)
    "session_started_at": {},  # question id -> epoch seconds when it was first shown
    "session_hints_shown": {},  # question id -> how many hints are revealed
    "session_last_submit": None,  # question id whose score was just shown
    "session_error": None,  # an error from the last callback, shown once
    "session_goto": None,  # (page, session id) to move to after a status change
    # hub page (the first three are quick-start widget keys: their defaults live here too)
    "hub_kind": "BEHAVIORAL",
    "hub_count": 5,
    "hub_difficulty": "MEDIUM",
    "hub_error": None,  # an error from the last start, shown once
    "hub_sessions_shown": 5,  # recent sessions listed
    # profile page (widget keys profile_cv_text, profile_skills, profile_job_* are set by the editor)
    "profile_loaded_for": None,  # user whose saved profile fills the editor
    "profile_error": None,
    "profile_job_error": None,
    "profile_notice": None,  # what CV extraction found
    # question bank page
    "bank_page": 1,
    "bank_preview_id": None,  # bank question in the preview dialog
    "bank_practice_id": None,  # bank question in practice mode
    "bank_practice_started_at": None,  # epoch seconds
    "bank_practice_result": None,  # (bank id, session id or None, message or None) of the last try
    "bank_practice_scored": None,  # (bank id, answer text) last scored: a repeat click saves nothing
    # results page
    "results_share_url": None,  # (session id, url, expiry text, expiry) of the last share link made
    "results_error": None,  # an error from the last action, shown once
}


def init_state() -> None:
    """Declare every key once (idempotent: existing values are kept)."""
    for key, default in STATE_DEFAULTS.items():
        st.session_state.setdefault(key, copy.copy(default))


def flash(message: str, kind: str = "success") -> None:
    """Queue a toast for the next page run (a toast right before ``st.switch_page`` would be lost)."""
    st.session_state.setdefault("flash", []).append((kind, message))


def show_flashes() -> None:
    icons = {
        "success": ":material/check_circle:",
        "info": ":material/info:",
        "warning": ":material/warning:",
        "error": ":material/error:",
    }
    for kind, message in st.session_state.get("flash", []):
        st.toast(message, icon=icons.get(kind, ":material/info:"))
    st.session_state["flash"] = []


def _secrets() -> dict[str, Any]:
    try:
        return {k: v for k, v in st.secrets.items() if not isinstance(v, dict)}
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return {}


@st.cache_resource
def get_settings() -> Settings:
    return load_settings(None, _secrets(), os.environ)


@st.cache_resource(show_spinner="Preparing the database…")
def get_database() -> Database:
    return init_database(get_settings())


def scorer_for(db: Any) -> Scorer:
    """The scoring engine for one unit of work: offline rules, or the LLM with rules behind it.

    NOTE: core's factory caches the AI client (one connection pool per endpoint), so this is cheap. The
    scorer records AI usage through ``db``, the caller's transaction: on SQLite a second connection
    writing at the same time would wait for this one's lock.
    """
    return make_scorer(get_settings(), db=db)


def scorer_label() -> str:
    """What the sidebar badge says about the active engine, e.g. "Offline scoring (rule-based)"."""
    return engine_info(get_settings()).label


@contextmanager
def unit_of_work() -> Iterator[Any]:
    """One database session around one user action (see ``db.engine.unit_of_work``)."""
    with engine_unit_of_work(get_database().sessionmaker) as db:
        yield db


def show_error(exc: BaseException) -> None:
    """A user-facing message for an error: core's own words, or a friendly generic one."""
    if isinstance(exc, CoreError):
        st.error(str(exc), icon=":material/warning:")
    else:
        log.exception("unexpected error in a page", exc_info=exc)
        st.error(
            "Something went wrong on our side. Please try again; your saved work is safe.",
            icon=":material/warning:",
        )
