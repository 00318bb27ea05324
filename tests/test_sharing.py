"""Share links: create, open as anyone, expiry, revocation, ownership, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from core.answers import complete_session, submit_answer
from core.errors import AccessDenied, InvalidInput, NotFound
from core.sessions import delete_session, get_session, start_session, update_session
from core.sharing import (
    MAX_ACTIVE_LINKS,
    ShareLinkExpired,
    create_share_link,
    get_shared_session,
    list_share_links,
    revoke_share_link,
    share_url,
)
from core.users import JobInput, create_job, get_user
from db.enums import InterviewStatus, InterviewType
from tests.fakes import T0, FakeScorer, new_user, request

pytestmark = pytest.mark.db

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


def started(db: Session, user_id: str, *, job_id: str | None = None) -> str:
    req = request(type=InterviewType.BEHAVIORAL, question_count=3, job_id=job_id)
    return start_session(db=db, user_id=user_id, request=req, seed=7, now=T0).session.id


def completed(db: Session, user_id: str, *, job_id: str | None = None) -> str:
    """A completed 3-question session: two answers scored 80 and 60, one left unanswered."""
    session_id = started(db, user_id, job_id=job_id)
    questions = get_session(db=db, user_id=user_id, session_id=session_id).questions
    scorer = FakeScorer()
    for q, text in zip(questions, ("I led the team. score=80", "We shipped it. score=60"), strict=False):
        submit_answer(
            db=db,
            user_id=user_id,
            session_id=session_id,
            question_id=q.id,
            text=text,
            duration_ms=60_000,
            scorer=scorer,
            now=T0 + HOUR,
        )
    complete_session(db=db, user_id=user_id, session_id=session_id, scorer=scorer, now=T0 + 2 * HOUR)
    return session_id


def test_create_gives_a_random_token_a_url_path_and_an_expiry(db: Session) -> None:
    owner = new_user(db)
    session_id = completed(db, owner)
    link = create_share_link(db=db, user_id=owner, session_id=session_id, days=7, now=T0 + DAY)
    other = create_share_link(db=db, user_id=owner, session_id=session_id, days=7, now=T0 + DAY)

    assert len(link.token) == 32 and link.token != other.token
    assert link.session_id == session_id
    assert link.url_path == f"results?share={link.token}"
    assert link.created_at == T0 + DAY
    assert link.expires_at == T0 + 8 * DAY
    assert link.active and link.revoked_at is None
    assert share_url("https://jobs.example.com/", link.token) == f"https://jobs.example.com/{link.url_path}"


def test_anyone_with_the_token_sees_the_results_read_only(db: Session) -> None:
    owner = new_user(db, "owner")
    job = create_job(db=db, user_id=owner, job=JobInput(title="Staff Engineer", company="Acme"))
    session_id = completed(db, owner, job_id=job.id)
    link = create_share_link(db=db, user_id=owner, session_id=session_id, days=3, now=T0 + DAY)

    shared = get_shared_session(db=db, token=link.token, now=T0 + 2 * DAY)
    own = get_session(db=db, user_id=owner, session_id=session_id)

    assert shared.summary.id == session_id
    assert shared.summary.status is InterviewStatus.COMPLETED
    assert shared.summary.total_score == own.summary.total_score == 70
    assert shared.summary.job_title == "Staff Engineer"
    assert [q.question for q in shared.questions] == [q.question for q in own.questions]
    assert [q.answer.score if q.answer else None for q in shared.questions] == [80, 60, None]
    assert shared.feedback_summary == own.feedback_summary
    assert shared.category_scores == own.category_scores
    # Read-only and nothing pointing back at the owner.
    assert shared.allowed_actions == ()
    assert shared.summary.job_id is None
    email = get_user(db=db, user_id=owner).email
    assert owner not in repr(shared) and email not in repr(shared)


def test_an_expired_link_says_when_it_expired(db: Session) -> None:
    owner = new_user(db)
    session_id = completed(db, owner)
    link = create_share_link(db=db, user_id=owner, session_id=session_id, days=1, now=T0)

    get_shared_session(db=db, token=link.token, now=T0 + DAY - dt.timedelta(seconds=1))
    with pytest.raises(ShareLinkExpired, match="This share link expired on 2026-11-03"):
        get_shared_session(db=db, token=link.token, now=T0 + DAY)
    with pytest.raises(NotFound):  # a page may treat expired links as not found
        get_shared_session(db=db, token=link.token, now=T0 + 30 * DAY)
    (listed,) = list_share_links(db=db, user_id=owner, session_id=session_id, now=T0 + 2 * DAY)
    assert not listed.active and listed.revoked_at is None


def test_a_revoked_link_stops_working_at_once(db: Session) -> None:
    owner = new_user(db)
    session_id = completed(db, owner)
    link = create_share_link(db=db, user_id=owner, session_id=session_id, days=30, now=T0)
    keep = create_share_link(db=db, user_id=owner, session_id=session_id, days=30, now=T0 + HOUR)

    revoked = revoke_share_link(db=db, user_id=owner, token=link.token, now=T0 + DAY)
    assert revoked.revoked_at == T0 + DAY and not revoked.active
    with pytest.raises(ShareLinkExpired, match=r"expired on 2026-11-03: its owner turned it off"):
        get_shared_session(db=db, token=link.token, now=T0 + 2 * DAY)
    assert get_shared_session(db=db, token=keep.token, now=T0 + 2 * DAY).summary.id == session_id

    again = revoke_share_link(db=db, user_id=owner, token=link.token, now=T0 + 5 * DAY)
    assert again.revoked_at == T0 + DAY  # the first revocation stands

    listed = list_share_links(db=db, user_id=owner, session_id=session_id, now=T0 + 2 * DAY)
    assert [(v.token, v.active) for v in listed] == [(keep.token, True), (link.token, False)]


@pytest.mark.parametrize("token", ["unknown-token", "", "x" * 65, "nul\x00byte", "%", "' OR 1=1 --"])
def test_unknown_tokens_are_not_found(db: Session, token: str) -> None:
    with pytest.raises(NotFound, match="This share link does not exist"):
        get_shared_session(db=db, token=token, now=T0)


def test_tokens_match_exactly(db: Session) -> None:
    owner = new_user(db)
    link = create_share_link(db=db, user_id=owner, session_id=completed(db, owner), days=7, now=T0)
    for near in (link.token.swapcase(), link.token[:-1], link.token + "x", f" {link.token}"):
        if near == link.token:
            continue
        with pytest.raises(NotFound, match="does not exist"):
            get_shared_session(db=db, token=near, now=T0)


def test_only_the_owner_may_share_revoke_or_list(db: Session) -> None:
    owner, stranger = new_user(db, "owner"), new_user(db, "stranger")
    session_id = completed(db, owner)
    link = create_share_link(db=db, user_id=owner, session_id=session_id, days=7, now=T0)

    with pytest.raises(AccessDenied, match="belongs to another user"):
        create_share_link(db=db, user_id=stranger, session_id=session_id, days=7, now=T0)
    with pytest.raises(AccessDenied):
        revoke_share_link(db=db, user_id=stranger, token=link.token, now=T0)
    with pytest.raises(AccessDenied):
        list_share_links(db=db, user_id=stranger, session_id=session_id)
    assert get_shared_session(db=db, token=link.token, now=T0).summary.id == session_id
    with pytest.raises(NotFound):
        create_share_link(db=db, user_id=owner, session_id="no-such-session", days=7, now=T0)
    with pytest.raises(NotFound):
        revoke_share_link(db=db, user_id=owner, token="no-such-token", now=T0)


@pytest.mark.parametrize(
    ("action", "why"), [("in progress", "complete this one first"), ("abandon", "abandoned")]
)
def test_only_completed_sessions_can_be_shared(db: Session, action: str, why: str) -> None:
    owner = new_user(db)
    session_id = started(db, owner)
    if action == "abandon":
        update_session(db=db, user_id=owner, session_id=session_id, action="abandon", now=T0 + HOUR)
    with pytest.raises(InvalidInput, match=f"only completed interviews can be shared: .*{why}"):
        create_share_link(db=db, user_id=owner, session_id=session_id, days=7, now=T0)
    assert list_share_links(db=db, user_id=owner, session_id=session_id) == ()


@pytest.mark.parametrize("days", [0, -1, 91, 365, True, 7.5, "7", None])
def test_days_must_be_a_whole_number_from_1_to_90(db: Session, days: object) -> None:
    owner = new_user(db)
    session_id = completed(db, owner)
    with pytest.raises(InvalidInput, match="from 1 to 90"):
        create_share_link(db=db, user_id=owner, session_id=session_id, days=days, now=T0)  # type: ignore[arg-type]


@pytest.mark.parametrize("days", [1, 90])
def test_the_day_limits_are_allowed(db: Session, days: int) -> None:
    owner = new_user(db)
    link = create_share_link(db=db, user_id=owner, session_id=completed(db, owner), days=days, now=T0)
    assert link.expires_at == T0 + days * DAY


def test_active_links_per_session_are_capped(db: Session) -> None:
    owner = new_user(db)
    session_id = completed(db, owner)
    links = [
        create_share_link(db=db, user_id=owner, session_id=session_id, days=7, now=T0)
        for _ in range(MAX_ACTIVE_LINKS)
    ]
    with pytest.raises(InvalidInput, match="revoke one"):
        create_share_link(db=db, user_id=owner, session_id=session_id, days=7, now=T0)
    revoke_share_link(db=db, user_id=owner, token=links[0].token, now=T0)
    create_share_link(db=db, user_id=owner, session_id=session_id, days=7, now=T0)
    # Expired links do not count either.
    create_share_link(db=db, user_id=owner, session_id=session_id, days=7, now=T0 + 8 * DAY)


def test_deleting_the_session_kills_its_links(db: Session) -> None:
    owner = new_user(db)
    session_id = completed(db, owner)
    link = create_share_link(db=db, user_id=owner, session_id=session_id, days=7, now=T0)
    delete_session(db=db, user_id=owner, session_id=session_id)
    with pytest.raises(NotFound, match="does not exist"):
        get_shared_session(db=db, token=link.token, now=T0)
