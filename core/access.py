"""Who may read or change whose interview data: the one place that decides.

The owner may read and write their own sessions, answers, stats and progress. Nobody else may write.
Read access for others comes only from *read grants*: functions ``(db, actor, owner_id) -> bool``
registered with ``register_read_grant``. A coaching feature adds one grant (for example "actor is a
COACH linked to this client") and every read function in core honours it, with no other change:

    def coach_of_client(db: Session, actor: Actor, owner_id: str) -> bool:
        return actor.role is UserRole.COACH and is_linked(db, coach_id=actor.user_id, client_id=owner_id)

    register_read_grant(coach_of_client)

Loading helpers (``session_for_read`` / ``session_for_write``) sit here too, so that every core
function refuses foreign and unknown ids the same way: NotFound for ids that do not exist,
AccessDenied for ids that belong to someone else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import AccessDenied, NotFound
from db.enums import UserRole
from db.models import InterviewSession, User


@dataclass(frozen=True)
class Actor:
    """The user acting, as the access rules see them."""

    user_id: str
    role: UserRole


#: A read grant says whether ``actor`` may read the data of ``owner_id``; any True grants access.
ReadGrant = Callable[[Session, Actor, str], bool]

_read_grants: list[ReadGrant] = []


def register_read_grant(grant: ReadGrant) -> Callable[[], None]:
    """Add a read grant; returns a function that removes it again (handy in tests)."""
    _read_grants.append(grant)

    def unregister() -> None:
        if grant in _read_grants:
            _read_grants.remove(grant)

    return unregister


def read_grants() -> tuple[ReadGrant, ...]:
    return tuple(_read_grants)


def load_actor(db: Session, user_id: str) -> Actor:
    """The actor for a user id; NotFound when there is no such user."""
    role = db.scalar(select(User.role).where(User.id == user_id))
    if role is None:
        raise NotFound(f"user {user_id} does not exist")
    return Actor(user_id=user_id, role=role)


def can_read(db: Session, actor_id: str, owner_id: str) -> bool:
    """Whether ``actor_id`` may read the interview data of ``owner_id``."""
    if actor_id == owner_id:
        return True
    grants = read_grants()
    if not grants:
        return False
    actor = load_actor(db, actor_id)
    return any(grant(db, actor, owner_id) for grant in grants)


def can_write(db: Session, actor_id: str, owner_id: str) -> bool:
    """Whether ``actor_id`` may change the interview data of ``owner_id``: only its owner may."""
    return actor_id == owner_id


def require_read(db: Session, actor_id: str, owner_id: str, what: str) -> None:
    """Raise AccessDenied unless the actor may read ``what`` (e.g. "session c123")."""
    if not can_read(db, actor_id, owner_id):
        raise AccessDenied(f"you do not have access to {what}: it belongs to another user")


def require_write(db: Session, actor_id: str, owner_id: str, what: str) -> None:
    """Raise AccessDenied unless the actor may change ``what``."""
    if not can_write(db, actor_id, owner_id):
        if can_read(db, actor_id, owner_id):
            raise AccessDenied(f"you may view {what} but not change it: it belongs to another user")
        raise AccessDenied(f"you do not have access to {what}: it belongs to another user")


def _load_session(db: Session, session_id: str, options: Sequence[Any]) -> InterviewSession:
    row = db.scalar(select(InterviewSession).where(InterviewSession.id == session_id).options(*options))
    if row is None:
        raise NotFound(f"interview session {session_id} does not exist")
    return row


def session_for_read(
    db: Session, actor_id: str, session_id: str, options: Sequence[Any] = ()
) -> InterviewSession:
    """The session row if the actor may read it (NotFound / AccessDenied otherwise)."""
    row = _load_session(db, session_id, options)
    require_read(db, actor_id, row.user_id, f"interview session {session_id}")
    return row


def session_for_write(
    db: Session, actor_id: str, session_id: str, options: Sequence[Any] = ()
) -> InterviewSession:
    """The session row if the actor may change it (NotFound / AccessDenied otherwise)."""
    row = _load_session(db, session_id, options)
    require_write(db, actor_id, row.user_id, f"interview session {session_id}")
    return row
