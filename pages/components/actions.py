"""Results actions: retry with the same questions, share a read-only expiring link, export PDF/Markdown."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import streamlit as st

from core.dto import SessionDetail
from core.export import export_markdown, export_pdf
from core.practice import retry_session
from core.sharing import MAX_DAYS, SHARE_PAGE, create_share_link, list_share_links, revoke_share_link
from pages.components.state import flash, get_settings, unit_of_work
from pages.components.text import label, when

SHARE_DAYS = (1, 3, 7, 14, 30, MAX_DAYS)


def app_base_url() -> str:
    """The app's base URL as the browser sees it ("" when unknown, e.g. under AppTest)."""
    try:
        url = st.context.url or ""
    except Exception:  # noqa: BLE001 - no browser context
        return ""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return ""
    path = re.sub(rf"/?{SHARE_PAGE}/?$", "", parts.path).rstrip("/")
    return f"{parts.scheme}://{parts.netloc}{path}"


def _retry(user_id: str, session_id: str) -> None:
    st.session_state["results_error"] = None
    try:
        with st.spinner("Preparing your retry…"), unit_of_work() as db:
            started = retry_session(db=db, user_id=user_id, session_id=session_id)
    except Exception as exc:  # noqa: BLE001 - shown on the page
        st.session_state["results_error"] = exc
        return
    flash("Same questions, fresh start. Show what you learned!")
    st.session_state["goto_session"] = started.session.id


def _share(user_id: str, session_id: str) -> None:
    st.session_state["results_error"] = None
    days = int(st.session_state.get("results_share_days") or get_settings().share_link_days)
    try:
        with unit_of_work() as db:
            link = create_share_link(db=db, user_id=user_id, session_id=session_id, days=days)
    except Exception as exc:  # noqa: BLE001 - shown on the page
        st.session_state["results_error"] = exc
        return
    base = app_base_url()
    url = f"{base}/{link.url_path}" if base else link.url_path
    st.session_state["results_share_url"] = (session_id, url, when(link.expires_at), link.expires_at)
    st.toast(f"Share link created. It works for {days} day(s).", icon=":material/link:")


def _revoke(user_id: str, token: str) -> None:
    try:
        with unit_of_work() as db:
            revoke_share_link(db=db, user_id=user_id, token=token)
    except Exception as exc:  # noqa: BLE001
        st.session_state["results_error"] = exc
        return
    shown = st.session_state.get("results_share_url")
    if shown and token in shown[1]:
        st.session_state["results_share_url"] = None
    st.toast("Link turned off.", icon=":material/link_off:")


def render_share(user_id: str, session_id: str) -> None:
    default = get_settings().share_link_days
    options = sorted({*SHARE_DAYS, default})
    st.session_state.setdefault("results_share_days", default)
    st.selectbox(
        "Link works for",
        options,
        format_func=lambda d: f"{d} day{'s' if d != 1 else ''}",
        key="results_share_days",
    )
    st.button(
        "Create share link",
        key="results_share",
        icon=":material/link:",
        type="primary",
        on_click=_share,
        args=(user_id, session_id),
        width="stretch",
    )
    shown = st.session_state.get("results_share_url")
    if shown and shown[0] == session_id:
        st.caption("Anyone with this link can view these results (read-only) until it expires:")
        st.code(shown[1], language=None, wrap_lines=True)
        st.caption(f"Expires {shown[3]:%d %b %Y %H:%M} UTC.")
    with unit_of_work() as db:
        links = [lk for lk in list_share_links(db=db, user_id=user_id, session_id=session_id) if lk.active]
    if links:
        st.caption(f"{len(links)} active link(s):")
        for i, link in enumerate(links):
            st.button(
                f"Turn off link …{link.token[-6:]} (expires {link.expires_at:%d %b})",
                key=f"results_revoke_{i}",
                icon=":material/link_off:",
                on_click=_revoke,
                args=(user_id, link.token),
                type="tertiary",
            )


def _file_stem(detail: SessionDetail) -> str:
    summary = detail.summary
    day = f"{(summary.completed_at or summary.created_at):%Y-%m-%d}"
    return f"interview-{label(summary.type).lower().replace(' ', '-')}-{day}"


def render_export(detail: SessionDetail) -> None:
    # NOTE: the data callables run only when a button is clicked (on another thread), so page runs
    # never pay for building the PDF.
    stem = _file_stem(detail)
    st.download_button(
        "Download PDF",
        data=lambda: export_pdf(detail),
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        key="results_export_pdf",
        icon=":material/description:",
        width="stretch",
        on_click="ignore",
    )
    st.download_button(
        "Download Markdown",
        data=lambda: export_markdown(detail),
        file_name=f"{stem}.md",
        mime="text/markdown",
        key="results_export_md",
        icon=":material/article:",
        width="stretch",
        on_click="ignore",
    )


def render_actions(user_id: str, detail: SessionDetail) -> None:
    """Retry, Share and Export side by side (they stack on a phone)."""
    with st.container(horizontal=True, gap="small", key="results_actions"):
        st.button(
            "Retry these questions",
            key="results_retry",
            icon=":material/replay:",
            on_click=_retry,
            args=(user_id, detail.summary.id),
        )
        with st.popover("Share", icon=":material/link:"):
            render_share(user_id, detail.summary.id)
        with st.popover("Export", icon=":material/download:"):
            render_export(detail)
