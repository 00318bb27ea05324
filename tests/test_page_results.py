"""AppTest: the results page (pages/results.py), its actions and the read-only shared view."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from core.enums import InterviewStatus
from core.export import export_markdown
from core.sessions import get_session, list_sessions
from core.sharing import create_share_link
from db.engine import unit_of_work

if TYPE_CHECKING:
    from tests.pages_support import PageEnv

pytest_plugins = ["tests.pages_support"]

TRICKY = "**bold** <script>alert(1)</script> :red[red] $x^2$ In my last role I led a team of five."


def _charts(at: object) -> dict[str, dict]:
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]  # type: ignore[attr-defined]
    return {s["layout"]["title"]["text"]: s for s in specs}


def test_results_show_gauge_breakdowns_tips_and_every_question(page_env: PageEnv) -> None:
    uid = page_env.user()
    sid = page_env.completed(uid, count=3, text=TRICKY)
    at = page_env.app("results", user_id=uid, query={"id": sid}).run()
    assert not at.exception and not at.error
    assert "interview results" in at.title[0].value
    charts = _charts(at)
    gauge = charts["Overall score"]
    assert gauge["data"][0]["type"] == "indicator" and "Grade" in gauge["data"][0]["title"]["text"]
    for title in ("Score by category", "Score by rubric dimension", "Score by rubric criterion"):
        assert title in charts, title
        assert charts[title]["layout"]["xaxis"]["title"]["text"] == "Score (0-100)"
    text = page_env.texts(at)
    assert "How to improve" in text and "Question by question" in text
    assert len(at.expander) >= 3
    # The answer is shown literally by st.text: no Markdown, HTML, colour directive or LaTeX.
    answers = [t.value for t in at.text if t.value == TRICKY]
    assert len(answers) == 3
    assert not any("<script>" in m.value for m in at.markdown)
    # Every question has its stronger example answer.
    assert sum(1 for e in at.expander if "stronger example" in e.label) == 3


def test_comparison_chart_against_previous_sessions_of_the_same_type(page_env: PageEnv) -> None:
    uid = page_env.user()
    now = dt.datetime.now(dt.UTC)
    page_env.completed(uid, count=1, when=now - dt.timedelta(days=3))
    page_env.completed(uid, count=1, when=now - dt.timedelta(days=2))
    from core.enums import InterviewType

    page_env.completed(uid, InterviewType.TECHNICAL, count=1, when=now - dt.timedelta(days=1))
    sid = page_env.completed(uid, count=1, when=now)
    at = page_env.app("results", user_id=uid, query={"id": sid}).run()
    charts = _charts(at)
    title = next(t for t in charts if t.startswith("Compared with your previous"))
    bars = charts[title]["data"][0]
    assert len(bars["x"]) == 3  # two earlier behavioral sessions + this one; the technical one is left out
    assert bars["customdata"][-1] == "This session"
    assert charts[title]["layout"]["yaxis"]["title"]["text"] == "Score (0-100)"


def test_first_session_explains_the_missing_comparison(page_env: PageEnv) -> None:
    uid = page_env.user()
    sid = page_env.completed(uid, count=1)
    at = page_env.app("results", user_id=uid, query={"id": sid}).run()
    assert "first completed interview of this type" in page_env.texts(at)


def test_retry_starts_a_new_session(page_env: PageEnv) -> None:
    uid = page_env.user()
    sid = page_env.completed(uid, count=2)
    at = page_env.app("results", user_id=uid, query={"id": sid}).run()
    at.button(key="results_retry").click().run()
    assert not at.exception and not at.error
    page, query = at.session_state["nav_target"]
    assert page == "session" and query["id"] != sid
    with unit_of_work(page_env.factory) as db:
        new = get_session(db=db, user_id=uid, session_id=query["id"])
        old = get_session(db=db, user_id=uid, session_id=sid)
    assert new.summary.status is InterviewStatus.IN_PROGRESS
    assert new.summary.type is old.summary.type
    assert [q.question for q in new.questions] == [q.question for q in old.questions]  # the same questions


def test_share_creates_a_link_that_opens_read_only(page_env: PageEnv) -> None:
    uid = page_env.user()
    sid = page_env.completed(uid, count=2)
    at = page_env.app("results", user_id=uid, query={"id": sid}).run()
    at.selectbox(key="results_share_days").set_value(3)
    at.button(key="results_share").click().run()
    assert not at.exception and not at.error
    url = at.code[0].value
    assert url.startswith("results?share=")
    token = url.split("share=", 1)[1]
    # Anyone holding the token, with no profile at all, sees the results without actions.
    shared = page_env.app("results", query={"share": token}).run()
    assert not shared.exception and not shared.error
    assert "Shared results: read-only" in page_env.texts(shared)
    assert "Overall score" in _charts(shared)
    keys = {b.key for b in shared.button}
    assert not keys & {"results_retry", "results_share"}
    assert not shared.get("download_button")
    # Turning the link off makes it stop working.
    at.run()
    at.button(key="results_revoke_0").click().run()
    shared = page_env.app("results", query={"share": token}).run()
    assert not shared.exception and "expired" in shared.error[0].value


def test_expired_and_unknown_share_links_explain_themselves(page_env: PageEnv) -> None:
    uid = page_env.user()
    sid = page_env.completed(uid, count=1)
    with unit_of_work(page_env.factory) as db:
        link = create_share_link(
            db=db, user_id=uid, session_id=sid, days=1, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
        )
    at = page_env.app("results", query={"share": link.token}).run()
    assert not at.exception and "expired" in at.error[0].value and "Ask its owner" in at.error[0].value
    at = page_env.app("results", query={"share": "not-a-token"}).run()
    assert not at.exception and "does not exist" in at.error[0].value


def test_export_offers_pdf_and_markdown(page_env: PageEnv) -> None:
    uid = page_env.user()
    sid = page_env.completed(uid, count=1)
    at = page_env.app("results", user_id=uid, query={"id": sid}).run()
    downloads = at.get("download_button")
    labels = [d.proto.label for d in downloads]
    assert labels == ["Download PDF", "Download Markdown"]
    with unit_of_work(page_env.factory) as db:
        detail = get_session(db=db, user_id=uid, session_id=sid)
    assert export_markdown(detail).strip()


def test_unfinished_session_offers_resume(page_env: PageEnv) -> None:
    uid = page_env.user()
    sid = page_env.start(uid, count=2)
    page_env.answer_all(uid, sid, complete=False, only=1)
    at = page_env.app("results", user_id=uid, query={"id": sid}).run()
    assert not at.exception
    assert "not finished yet" in page_env.texts(at)
    assert not at.get("download_button")
    at.button(key="results_resume").click().run()
    assert at.session_state["nav_target"] == ("session", {"id": sid})


def test_someone_elses_results_are_refused_politely(page_env: PageEnv) -> None:
    owner, other = page_env.user("Owner One"), page_env.user("Other Person")
    sid = page_env.completed(owner, count=1)
    at = page_env.app("results", user_id=other, query={"id": sid}).run()
    assert not at.exception and "belongs to another user" in at.error[0].value
    with unit_of_work(page_env.factory) as db:
        assert list_sessions(db=db, user_id=other).total == 0
