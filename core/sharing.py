"""Read-only share links to a completed session's results: create, open by token, revoke, list.

A link is a random token (``secrets.token_urlsafe``) stored in ``share_links`` with an expiry. Anyone
holding the token may read the results until the link expires or its owner revokes it; nobody may change
anything through it. The results page serves shared results at ``results?share=<token>``
(``ShareLinkView.url_path``; ``share_url`` adds the app's base URL).

Unknown tokens raise ``NotFound``; expired and revoked ones raise ``ShareLinkExpired``, a ``NotFound``
subclass, so a page that treats both alike needs one ``except`` and one that wants to say "ask for a new
link" can tell them apart.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.access import require_write, session_for_write
from core.dto import QuestionView, SessionDetail
from core.errors import InvalidInput, NotFound
from core.views import DETAIL_OPTIONS, session_detail
from db.enums import InterviewStatus
from db.models import InterviewSession, ShareLink
from db.types import utcnow

__all__ = [
    "MAX_ACTIVE_LINKS",
    "MAX_DAYS",
    "MIN_DAYS",
    "SHARE_PAGE",
    "SHARE_PARAM",
    "ShareLinkExpired",
    "ShareLinkView",
    "create_share_link",
    "get_shared_session",
    "list_share_links",
    "revoke_share_link",
    "share_url",
]

MIN_DAYS = 1
MAX_DAYS = 90
#: Links of one session that may be live at once: enough for any real use, a bound on abuse.
MAX_ACTIVE_LINKS = 10
#: The results page's url path and the query parameter that carries the token.
SHARE_PAGE = "results"
SHARE_PARAM = "share"
_TOKEN_BYTES = 24  # 32 URL-safe characters; the column holds 64
_MAX_TOKEN_CHARS = 64


class ShareLinkExpired(NotFound):
    """The share link existed but no longer works: it expired or its owner revoked it."""


@dataclass(frozen=True)
class ShareLinkView:
    token: str
    session_id: str
    expires_at: dt.datetime
    url_path: str  # "results?share=<token>": relative to the app's base URL
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None
    active: bool = True  # neither expired nor revoked, as of the time the view was made


def url_path_for(token: str) -> str:
    """The app-relative path of the shared results page for ``token``."""
    return f"{SHARE_PAGE}?{urlencode({SHARE_PARAM: token})}"


def share_url(base_url: str, token: str) -> str:
    """The full link to hand out: ``base_url`` (e.g. "https://app.example.com/") plus the url path."""
    return f"{base_url.rstrip('/')}/{url_path_for(token)}"


def _is_active(link: ShareLink, now: dt.datetime) -> bool:
    return link.revoked_at is None and now < link.expires_at


def _view(link: ShareLink, now: dt.datetime) -> ShareLinkView:
    return ShareLinkView(
        token=link.token,
        session_id=link.session_id,
        expires_at=link.expires_at,
        url_path=url_path_for(link.token),
        created_at=link.created_at,
        revoked_at=link.revoked_at,
        active=_is_active(link, now),
    )


def _check_days(days: int) -> int:
    if isinstance(days, bool) or not isinstance(days, int) or not MIN_DAYS <= days <= MAX_DAYS:
        raise InvalidInput(
            f"a share link must last a whole number of days from {MIN_DAYS} to {MAX_DAYS}, not {days!r}"
        )
    return days


def _link_by_token(db: Session, token: str) -> ShareLink:
    # An exact match on the unique index; malformed tokens are simply unknown (no hint why).
    if not isinstance(token, str) or not token or len(token) > _MAX_TOKEN_CHARS or "\x00" in token:
        raise NotFound("This share link does not exist")
    link = db.scalar(select(ShareLink).where(ShareLink.token == token))
    if link is None:
        raise NotFound("This share link does not exist")
    return link


def create_share_link(
    *, db: Session, user_id: str, session_id: str, days: int, now: dt.datetime | None = None
) -> ShareLinkView:
    """A new read-only link to a COMPLETED session of the actor's, valid for ``days`` (1-90)."""
    session = session_for_write(db, user_id, session_id)
    days = _check_days(days)
    if session.status is InterviewStatus.ABANDONED:
        raise InvalidInput("only completed interviews can be shared: this one was abandoned")
    if session.status is not InterviewStatus.COMPLETED:
        raise InvalidInput("only completed interviews can be shared: complete this one first")
    now = now or utcnow()
    live = db.scalar(
        select(func.count())
        .select_from(ShareLink)
        .where(ShareLink.session_id == session.id, ShareLink.revoked_at.is_(None), ShareLink.expires_at > now)
    )
    if (live or 0) >= MAX_ACTIVE_LINKS:
        raise InvalidInput(
            f"this interview already has {live} active share links: revoke one before creating another"
        )
    link = ShareLink(
        token=secrets.token_urlsafe(_TOKEN_BYTES),
        session_id=session.id,
        created_by=user_id,
        created_at=now,
        expires_at=now + dt.timedelta(days=days),
    )
    db.add(link)
    db.flush()
    return _view(link, now)


def _public(detail: SessionDetail) -> SessionDetail:
    """The detail with nothing a stranger should see or act on: no job id, actions or internal errors."""

    def clean(q: QuestionView) -> QuestionView:
        if q.answer is None:
            return q
        result = q.answer.result
        if result is not None and result.fallback_reason:
            result = replace(result, fallback_reason=None)
        return replace(q, answer=replace(q.answer, scoring_error=None, result=result))

    return replace(
        detail,
        summary=replace(detail.summary, job_id=None),
        questions=tuple(clean(q) for q in detail.questions),
        allowed_actions=(),
    )


def get_shared_session(*, db: Session, token: str, now: dt.datetime | None = None) -> SessionDetail:
    """The shared session's results for anyone holding ``token`` (no user needed).

    NotFound for unknown tokens; ShareLinkExpired (a NotFound) once the link expired or was revoked.
    """
    link = _link_by_token(db, token)
    now = now or utcnow()
    if link.revoked_at is not None:
        raise ShareLinkExpired(
            f"This share link expired on {link.revoked_at:%Y-%m-%d}: its owner turned it off. "
            "Ask them for a new link."
        )
    if now >= link.expires_at:
        raise ShareLinkExpired(
            f"This share link expired on {link.expires_at:%Y-%m-%d}. Ask its owner for a new link."
        )
    row = db.scalar(
        select(InterviewSession).where(InterviewSession.id == link.session_id).options(*DETAIL_OPTIONS)
    )
    if row is None:  # the cascade deletes links with their session; this is belt and braces
        raise NotFound("This share link does not exist")
    return _public(session_detail(row))


def revoke_share_link(
    *, db: Session, user_id: str, token: str, now: dt.datetime | None = None
) -> ShareLinkView:
    """Turn a link off for good (owner only); revoking a revoked link changes nothing."""
    link = _link_by_token(db, token)
    owner = db.scalar(select(InterviewSession.user_id).where(InterviewSession.id == link.session_id))
    require_write(db, user_id, owner or "", "this share link")
    now = now or utcnow()
    if link.revoked_at is None:
        link.revoked_at = now
        db.flush()
    return _view(link, now)


def list_share_links(
    *, db: Session, user_id: str, session_id: str, now: dt.datetime | None = None
) -> tuple[ShareLinkView, ...]:
    """Every link of the actor's session, newest first, expired and revoked ones included."""
    session = session_for_write(db, user_id, session_id)
    now = now or utcnow()
    rows = db.scalars(
        select(ShareLink)
        .where(ShareLink.session_id == session.id)
        .order_by(ShareLink.created_at.desc(), ShareLink.id.desc())
    )
    return tuple(_view(link, now) for link in rows)
