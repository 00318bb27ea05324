"""JobCircle Mock Interview: the router. Pages live in pages/, logic in core/."""

from __future__ import annotations

import streamlit as st

from pages.components.state import get_database

st.set_page_config(page_title="JobCircle Mock Interview", page_icon="🎤", layout="wide")
get_database()

hub = st.Page("pages/hub.py", title="Interview hub", icon="🏠", url_path="interviews", default=True)
st.navigation([hub]).run()
