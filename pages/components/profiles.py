"""The local profile switcher (until accounts land) and the sidebar with the scoring-engine badge."""

from __future__ import annotations

import re
import secrets

import streamlit as st

from core.users import UserView, create_user, list_users, mark_active, most_recent
from pages.components.state import (
    flash,
    log,
    scorer_label,
    show_error,
    unit_of_work,
)

_SLUG = re.compile(r"[^a-z0-9]+")


def local_email(name: str) -> str:
    """An address that only tells local profiles apart (no mail is ever sent)."""
    slug = _SLUG.sub(".", name.lower()).strip(".")[:40] or "profile"
    return f"{slug}.{secrets.token_hex(3)}@profiles.local"


def load_users() -> tuple[UserView, ...]:
    with unit_of_work() as db:
        return list_users(db=db, limit=100)


def ensure_acting_user(users: tuple[UserView, ...] | None = None) -> str | None:
    """Keep ``user_id`` pointing at an existing profile: when unset (a new browser session, a reload) or
    gone, the one used most recently, so a reload does not switch profiles."""
    users = load_users() if users is None else users
    ids = {u.id for u in users}
    if st.session_state.get("user_id") not in ids:
        recent = most_recent(users)
        st.session_state["user_id"] = recent.id if recent else None
    return st.session_state["user_id"]


def _remember(user_id: str) -> None:
    try:
        with unit_of_work() as db:
            mark_active(db=db, user_id=user_id)
    except Exception:  # noqa: BLE001 - only a convenience for the next visit: never block the switch
        log.warning("could not record profile %s as active", user_id, exc_info=True)


def _switch_profile() -> None:
    st.session_state["user_id"] = st.session_state["profile_switch"]
    _remember(st.session_state["user_id"])
    st.session_state["session_index"] = {}
    st.session_state["bank_practice_result"] = None


def _create_profile(prefix: str) -> None:
    name = (st.session_state.get(f"{prefix}_name") or "").strip()
    email = (st.session_state.get(f"{prefix}_email") or "").strip() or local_email(name)
    try:
        with unit_of_work() as db:
            user = create_user(db=db, email=email, display_name=name)
    except Exception as exc:  # noqa: BLE001 - shown to the user below
        st.session_state[f"{prefix}_error"] = exc
        return
    st.session_state[f"{prefix}_error"] = None
    st.session_state["user_id"] = user.id
    _remember(user.id)
    st.session_state.pop("profile_switch", None)
    flash(f"Profile created. Welcome, {user.display_name}!")


def render_create_profile_form(prefix: str, submit_label: str = "Create profile") -> None:
    """Name (and optional email) of a new local profile; it becomes the acting profile."""
    with st.form(f"{prefix}_form", border=False, enter_to_submit=True):
        st.text_input("Your name", key=f"{prefix}_name", placeholder="e.g. Alex Morgan", max_chars=120)
        st.text_input(
            "Email (optional)",
            key=f"{prefix}_email",
            placeholder="Only used to tell profiles apart",
            max_chars=320,
        )
        st.form_submit_button(
            submit_label, type="primary", on_click=_create_profile, args=(prefix,), key=f"{prefix}_submit"
        )
    error = st.session_state.get(f"{prefix}_error")
    if error is not None:
        show_error(error)


def render_sidebar() -> None:
    """Profile switcher, scoring-engine badge and a short note on local profiles."""
    with st.sidebar:
        try:
            users = load_users()
        except Exception as exc:  # noqa: BLE001
            show_error(exc)
            return
        user_id = ensure_acting_user(users)
        st.markdown("**Local profile**")
        if users:
            names = {u.id: u.display_name for u in users}
            st.session_state["profile_switch"] = user_id
            st.selectbox(
                "Practising as",
                options=list(names),
                format_func=lambda uid: names.get(uid, "?"),
                key="profile_switch",
                on_change=_switch_profile,
                help="Profiles live on this computer only. Accounts with sign-in come later.",
            )
        else:
            st.caption("No profile yet: create one to start practising.")
        with st.popover("New profile", icon=":material/person_add:", width="stretch"):
            render_create_profile_form("sidebar_new_profile")
        st.caption(
            "Shared install: each person picks their own profile. No password, nothing leaves this computer."
        )
        st.divider()
        try:
            engine = scorer_label()
        except Exception:  # noqa: BLE001 - the badge must not break the page
            engine = "Scoring engine unavailable"
        offline = engine.lower().startswith("offline")
        st.badge(engine, icon=":material/calculate:", color="gray" if offline else "violet")
        st.caption("Every answer is scored 0-100 against its question's rubric.")


FEATURES = (
    (
        ":material/record_voice_over:",
        "Realistic interviews",
        "Behavioral, technical and custom interviews built from your CV and target job.",
    ),
    (
        ":material/grading:",
        "Every answer scored",
        "A 0-100 score with a rubric breakdown, clear feedback and a stronger example answer.",
    ),
    (
        ":material/trending_up:",
        "See yourself improve",
        "Score trends, a skill radar and practice suggestions aimed at your weak spots.",
    ),
)


def render_welcome() -> None:
    """The first screen of a new install: what the app does and the first profile's form."""
    st.title("Welcome to JobCircle Mock Interview")
    st.markdown("Practise job interviews at your own pace and get instant, specific feedback.")
    columns = st.columns(len(FEATURES), gap="medium")
    for column, (icon, title, text) in zip(columns, FEATURES, strict=True):
        with column, st.container(border=True, height="stretch"):
            st.markdown(f"**{icon} {title}**")
            st.caption(text)
    with st.container(border=True, key="welcome_profile", width=560):
        st.markdown("##### :material/person_add: Create your profile to start")
        st.caption(
            "Profiles live on this computer. Several people can share this install, each with their "
            "own profile; accounts with sign-in come later."
        )
        render_create_profile_form("page_new_profile", submit_label="Create profile and start")


def require_user() -> str:
    """The acting user's id; otherwise a friendly empty state and the page stops."""
    user_id = st.session_state.get("user_id")
    if user_id is None:
        try:
            user_id = ensure_acting_user()
        except Exception as exc:  # noqa: BLE001
            show_error(exc)
            st.stop()
    if user_id is None:
        render_welcome()
        st.stop()
    return str(user_id)


__all__ = ["ensure_acting_user", "render_create_profile_form", "render_sidebar", "require_user"]
