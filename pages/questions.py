"""Question bank (/questions): filters, paginated list, preview dialog and practice mode."""

from __future__ import annotations

import streamlit as st

from core.questions import get_bank_question, search_bank
from core.sessions import get_session
from pages.components import nav
from pages.components.bank import (
    PAGE_SIZE,
    question_preview_dialog,
    render_practice,
    render_question_filters,
    render_question_list,
)
from pages.components.profiles import require_user
from pages.components.state import init_state, show_error, show_flashes, unit_of_work

init_state()
show_flashes()

st.title("Question bank")
st.caption(
    "Browse curated interview questions by category, difficulty, role and industry. Preview the hints and "
    "scoring rubric, or practise any question on its own."
)

practice_id = st.session_state["bank_practice_id"]
if practice_id:
    user_id = require_user()  # practice answers are saved to the acting profile
    bank_id, session_id, message = st.session_state["bank_practice_result"] or (None, None, None)
    try:
        with unit_of_work() as db:
            practice = get_bank_question(db=db, bank_id=practice_id)
            done = (
                get_session(db=db, user_id=user_id, session_id=session_id)
                if bank_id == practice_id and session_id
                else None
            )
    except Exception as exc:  # noqa: BLE001
        st.session_state["bank_practice_id"] = None
        show_error(exc)
        st.stop()
    answer = done.questions[0].answer if done and done.questions else None
    render_practice(user_id, practice, answer, message if bank_id == practice_id else None)
    if done is not None and st.button(
        "See it with your results", key="bank_practice_results", icon=":material/bar_chart:"
    ):
        nav.go(nav.RESULTS, id=done.summary.id)
    st.stop()

filters = render_question_filters()
preview_id = st.session_state["bank_preview_id"]
try:
    with st.spinner("Searching…"), unit_of_work() as db:
        page = search_bank(db=db, filters=filters, page=st.session_state["bank_page"], page_size=PAGE_SIZE)
        if page.page > page.pages:  # filters narrowed the results under the current page
            st.session_state["bank_page"] = 1
            page = search_bank(db=db, filters=filters, page=1, page_size=PAGE_SIZE)
        preview = get_bank_question(db=db, bank_id=preview_id) if preview_id else None
except Exception as exc:  # noqa: BLE001
    show_error(exc)
    st.stop()

render_question_list(page)
if preview is not None:
    st.session_state["bank_preview_id"] = None  # open once; a later rerun does not reopen it
    question_preview_dialog(preview)
