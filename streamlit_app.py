"""JobCircle Mock Interview: the router. Pages live in pages/, logic in core/."""

from __future__ import annotations

import streamlit as st

from pages.components.profiles import render_sidebar
from pages.components.state import get_database, init_state, show_error

st.set_page_config(page_title="JobCircle Mock Interview", page_icon=":material/record_voice_over:", layout="wide")
init_state()
try:
    get_database()
except Exception as exc:  # noqa: BLE001 - a friendly message instead of a traceback
    st.title("JobCircle Mock Interview")
    show_error(exc)
    st.caption("The database could not be opened or prepared. Check DATABASE_URL and the server log.")
    st.stop()

pages = [
    st.Page("pages/hub.py", title="Interview hub", icon=":material/home:", url_path="interviews", default=True),
    st.Page("pages/questions.py", title="Question bank", icon=":material/menu_book:", url_path="questions"),
    st.Page("pages/profile.py", title="Profile & jobs", icon=":material/person:", url_path="profile"),
    # Reached from the hub with ?id=<session id> (or ?share=<token>): not in the menu.
    st.Page("pages/session.py", title="Interview", icon=":material/mic:", url_path="session", visibility="hidden"),
    st.Page("pages/results.py", title="Results", icon=":material/bar_chart:", url_path="results", visibility="hidden"),
]
page = st.navigation(pages, position="top")
render_sidebar()
page.run()
