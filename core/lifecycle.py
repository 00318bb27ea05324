"""Session status changes: PENDING -> IN_PROGRESS -> COMPLETED or ABANDONED (the SPEC's lifecycle)."""

from __future__ import annotations

from core.dto import SessionAction
from core.errors import InvalidInput, InvalidTransition
from db.enums import InterviewStatus

#: For each status, the actions allowed and the status each leads to.
TRANSITIONS: dict[InterviewStatus, dict[SessionAction, InterviewStatus]] = {
    InterviewStatus.PENDING: {SessionAction.RESUME: InterviewStatus.IN_PROGRESS},
    InterviewStatus.IN_PROGRESS: {
        SessionAction.RESUME: InterviewStatus.IN_PROGRESS,
        SessionAction.COMPLETE: InterviewStatus.COMPLETED,
        SessionAction.ABANDON: InterviewStatus.ABANDONED,
    },
    InterviewStatus.COMPLETED: {},
    InterviewStatus.ABANDONED: {},
}

_ALLOWED_TEXT = {
    InterviewStatus.PENDING: "a PENDING session can only be started (resume)",
    InterviewStatus.IN_PROGRESS: "an IN_PROGRESS session can be resumed, completed or abandoned",
    InterviewStatus.COMPLETED: "a COMPLETED session is final: it can be viewed or deleted, not changed",
    InterviewStatus.ABANDONED: "an ABANDONED session is final: start a new session, or delete this one",
}


def parse_action(action: SessionAction | str) -> SessionAction:
    try:
        return SessionAction(str(action).lower())
    except ValueError:
        raise InvalidInput(
            f"unknown session action {action!r}: use one of {', '.join(a.value for a in SessionAction)}"
        ) from None


def allowed_actions(status: InterviewStatus) -> tuple[SessionAction, ...]:
    return tuple(TRANSITIONS[status])


def check_transition(status: InterviewStatus, action: SessionAction) -> InterviewStatus:
    """The status ``action`` leads to; InvalidTransition naming what is allowed otherwise."""
    target = TRANSITIONS[status].get(action)
    if target is None:
        raise InvalidTransition(f"cannot {action.value} this session: {_ALLOWED_TEXT[status]}")
    return target


def require_answerable(status: InterviewStatus) -> None:
    """Answers can be submitted only while a session is IN_PROGRESS."""
    if status is InterviewStatus.PENDING:
        raise InvalidTransition("this session has not started yet: resume it before answering")
    if status is not InterviewStatus.IN_PROGRESS:
        raise InvalidTransition(
            f"this session is {status.value}: answers can no longer be submitted or changed"
        )
