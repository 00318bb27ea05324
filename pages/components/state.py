"""Shared UI resources and state: settings, database and scorer opened once per process; session keys.

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

import core.scoring
from core.bootstrap import Database, init_database
from core.errors import CoreError
from core.scoring.base import Scorer
from core.settings import Settings, load_settings

log = logging.getLogger("jobcircle.ui")

#: Session-state keys and their defaults. Dict defaults are copied per browser session.
STATE_DEFAULTS: dict[str, Any] = {
    # shared
    "user_id": None,  # the acting local profile (until accounts land)
    "flash": [],  # (kind, message) toasts to show on the next page run, e.g. after switch_page
    "goto_session": None,  # id of a session just started: the page moves to it on its next run
    # session page
    "session_index": {},  # session id -> index of the question on screen
    "session_drafts": {},  # question id -> draft answer text (survives reruns and navigation)
    "session_started_at": {},  # question id -> epoch seconds when it was first shown
    "session_hints_shown": {},  # question id -> how many hints are revealed
    "session_last_submit": None,  # question id whose score was just shown
    "session_error": None,  # an error from the last callback, shown once
    "session_goto": None,  # (page, session id) to move to after a status change
    # hub page
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
    "bank_practice_result": None,  # (bank id, ScoreResult) of the last practice answer
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
    icons = {"success": ":material/check_circle:", "info": ":material/info:", "warning": ":material/warning:", "error": ":material/error:"}
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


@st.cache_resource
def get_scorer() -> Scorer:
    """The one scoring engine the pages use: core's factory when there is one, else the offline engine.

    NOTE: this is the single seam for choosing the engine; the AI issue plugs in here via
    ``core.scoring.make_scorer(settings)``.
    """
    factory = getattr(core.scoring, "make_scorer", None)
    if factory is not None:
        return factory(get_settings())  # type: ignore[no-any-return]
    from core.scoring.rule import RuleScorer

    return RuleScorer()


def scorer_label(scorer: Scorer) -> str:
    """A short description of the active engine for the sidebar badge."""
    name = str(getattr(scorer, "name", "rule")).lower()
    if name in ("rule", "offline"):
        return "offline engine"
    if name in ("llm", "ai", "openai"):
        return "AI engine"
    if name == "blend":
        return "AI + offline blend"
    return name


@contextmanager
def unit_of_work() -> Iterator[Any]:
    """One transaction around one user action (commits on success, rolls back on error)."""
    with get_database().sessionmaker.begin() as db:
        yield db


def acting_user_id() -> str | None:
    """The id of the local profile in use, or None before the first profile exists."""
    return st.session_state.get("user_id")


def show_error(exc: BaseException) -> None:
    """A user-facing message for an error: core's own words, or a friendly generic one."""
    if isinstance(exc, CoreError):
        st.error(str(exc), icon=":material/warning:")
    else:
        log.exception("unexpected error in a page", exc_info=exc)
        st.error("Something went wrong on our side. Please try again; your saved work is safe.", icon=":material/warning:")


@contextmanager
def user_errors() -> Iterator[None]:
    """Show errors raised in the block as messages (never a traceback) and carry on with the page."""
    try:
        yield
    except CoreError as exc:
        show_error(exc)
    except Exception as exc:  # noqa: BLE001 - the page must never show a traceback
        if type(exc).__module__.startswith("streamlit"):
            raise  # st.stop / st.rerun / switch_page control flow
        show_error(exc)
