"""Shared UI resources: settings and database opened once per process; session-state keys in one place."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st

from core.bootstrap import Database, init_database
from core.settings import Settings, load_settings


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


@contextmanager
def unit_of_work() -> Iterator[Any]:
    """One transaction around one user action (commits on success, rolls back on error)."""
    with get_database().sessionmaker.begin() as db:
        yield db
