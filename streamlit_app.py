"""JobCircle Mock Interview: the router. Pages live in pages/, logic in core/."""

from __future__ import annotations

import streamlit as st

from pages.components.profiles import render_sidebar
from pages.components.state import get_database, init_state, show_error

st.set_page_config(
    page_title="JobCircle Mock Interview", page_icon=":material/record_voice_over:", layout="wide"
)
init_state()
try:
    get_database()
except Exception as exc:  # noqa: BLE001 - a friendly message instead of a traceback
    st.title("JobCircle Mock Interview")
    show_error(exc)
    st.caption("The database could not be opened or prepared. Check DATABASE_URL and the server log.")
    st.stop()

hub = st.Page("pages/hub.py", title="Interview hub", icon=":material/home:", url_path="interviews")


def _home() -> None:
    # NOTE: Streamlit serves the default page at "/" and ignores its url_path, so "/" is a tiny page that
    # moves on to the hub and the hub keeps its own address, /interviews.
    st.switch_page(hub)


home = st.Page(_home, title="Home", url_path="home", default=True, visibility="hidden")
pages = [
    home,
    hub,
    st.Page("pages/questions.py", title="Question bank", icon=":material/menu_book:", url_path="questions"),
    st.Page("pages/profile.py", title="Profile & jobs", icon=":material/person:", url_path="profile"),
    # Reached from the hub with ?id=<session id> (or ?share=<token>): not in the menu.
    st.Page(
        "pages/session.py", title="Interview", icon=":material/mic:", url_path="session", visibility="hidden"
    ),
    st.Page(
        "pages/results.py",
        title="Results",
        icon=":material/bar_chart:",
        url_path="results",
        visibility="hidden",
    ),
]
page = st.navigation(pages, position="top")
# "/" only moves on to the hub (a sidebar drawn there would linger), and a shared results link is for
# people without a profile here: neither gets the profile switcher.
if page is not home and "share" not in st.query_params:
    render_sidebar()
page.run()
