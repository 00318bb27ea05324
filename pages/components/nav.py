"""Page paths in one place, and moving between pages with the id in the URL (shareable, reload-safe)."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

PAGES_DIR = Path(__file__).resolve().parent.parent

HUB = PAGES_DIR / "hub.py"
SESSION = PAGES_DIR / "session.py"
RESULTS = PAGES_DIR / "results.py"
QUESTIONS = PAGES_DIR / "questions.py"
PROFILE = PAGES_DIR / "profile.py"


def go(page: Path, **query: str) -> NoReturn:
    """Switch page; ``query`` becomes the URL's query parameters (e.g. ``id=<session id>``)."""
    try:
        st.switch_page(page, query_params=query or None)
    except StreamlitPageNotFoundError:
        # NOTE: only when a page runs without the router (AppTest.from_file runs one page file on its own):
        # record where the page wanted to go, so tests can check it and open that page themselves.
        st.session_state["nav_target"] = (page.stem, dict(query))
        st.info(f"Continue on the {page.stem} page.")
        st.stop()


def query_param(name: str) -> str | None:
    """One query parameter of the current URL, stripped; None when absent or empty."""
    value = st.query_params.get(name)
    return (value.strip() or None) if isinstance(value, str) else None
