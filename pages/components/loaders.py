"""Read-side composition for pages that show several core views at once (no SQL here: core calls only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.dto import ProgressView, SessionDetail, SessionPage, SessionSummary, StatsView
from core.enums import InterviewStatus
from core.progress import get_progress
from core.sessions import get_session, list_sessions
from core.stats import get_stats
from core.users import JobView, UserView, get_profile, get_user, list_jobs


@dataclass(frozen=True)
class HubData:
    user: UserView
    sessions: SessionPage
    stats: StatsView
    progress: ProgressView
    jobs: tuple[JobView, ...]
    has_profile: bool


def load_hub(*, db: Any, user_id: str, recent: int = 5) -> HubData:
    """Everything the interview hub shows, in one unit of work."""
    profile = get_profile(db=db, user_id=user_id)
    return HubData(
        user=get_user(db=db, user_id=user_id),
        sessions=list_sessions(db=db, user_id=user_id, limit=recent),
        stats=get_stats(db=db, user_id=user_id),
        progress=get_progress(db=db, user_id=user_id),
        jobs=list_jobs(db=db, user_id=user_id),
        has_profile=bool(profile.cv_text or profile.target_role or profile.skills),
    )


@dataclass(frozen=True)
class ResultsData:
    detail: SessionDetail
    history: tuple[SessionSummary, ...]  # completed sessions of the same type, oldest first, this one last


def load_results(*, db: Any, user_id: str, session_id: str, history: int = 10) -> ResultsData:
    """A session's results and the user's earlier completed sessions of the same type."""
    detail = get_session(db=db, user_id=user_id, session_id=session_id)
    summary = detail.summary
    earlier: list[SessionSummary] = []
    if summary.status is InterviewStatus.COMPLETED:
        # NOTE: list_sessions cannot filter by type yet, so one bounded page is filtered here.
        page = list_sessions(db=db, user_id=user_id, statuses=(InterviewStatus.COMPLETED,), limit=100)
        moment = summary.completed_at or summary.created_at
        earlier = [
            s
            for s in page.items
            if s.type is summary.type
            and s.id != summary.id
            and s.total_score is not None
            and (s.completed_at or s.created_at) <= moment
        ][: history - 1]
    ordered = sorted(earlier, key=lambda s: s.completed_at or s.created_at)
    return ResultsData(detail, (*ordered, summary))
