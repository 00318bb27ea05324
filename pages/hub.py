"""Interview hub (placeholder until the UI issue): shows the live question bank."""

from __future__ import annotations

import streamlit as st

from core.questions import search_bank
from pages.components.state import unit_of_work

st.title("JobCircle Mock Interview")
with unit_of_work() as db:
    page = search_bank(db=db, page_size=5)
st.metric("Questions in the bank", page.total)
for question in page.items:
    st.text(question.question)
