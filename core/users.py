"""Users, their profile and their target jobs: minimal CRUD returning frozen DTOs.

CV text extraction (PDF/DOCX to text) lives in its own module; ``update_profile`` takes plain text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.access import require_read, require_write
from core.errors import InvalidInput, NotFound
from db.enums import UserRole
from db.models import Job, Profile, User
from db.types import utcnow

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_CV_CHARS = 200_000
MAX_DESCRIPTION_CHARS = 50_000
MAX_SKILLS = 100


@dataclass(frozen=True)
class UserView:
    id: str
    email: str
    display_name: str
    role: UserRole
    created_at: dt.datetime
    last_active_at: dt.datetime | None = None


@dataclass(frozen=True)
class ProfileView:
    user_id: str
    cv_text: str | None = None
    skills: tuple[str, ...] = ()
    experience_years: int | None = None
    target_role: str | None = None
    industry: str | None = None


@dataclass(frozen=True)
class ProfileUpdate:
    """Fields to change; None leaves a field as it is (use "" / () to clear it)."""

    cv_text: str | None = None
    skills: Sequence[str] | None = None
    experience_years: int | None = None
    target_role: str | None = None
    industry: str | None = None


@dataclass(frozen=True)
class JobInput:
    title: str
    company: str | None = None
    industry: str | None = None
    role: str | None = None
    description: str = ""
    required_skills: Sequence[str] = ()


@dataclass(frozen=True)
class JobView:
    id: str
    user_id: str
    title: str
    company: str | None
    industry: str | None
    role: str | None
    description: str
    required_skills: tuple[str, ...]
    created_at: dt.datetime


def _user_view(row: User) -> UserView:
    return UserView(row.id, row.email, row.display_name, row.role, row.created_at, row.last_active_at)


def _profile_view(user_id: str, row: Profile | None) -> ProfileView:
    if row is None:
        return ProfileView(user_id=user_id)
    return ProfileView(
        user_id=user_id,
        cv_text=row.cv_text,
        skills=tuple(row.skills or ()),
        experience_years=row.experience_years,
        target_role=row.target_role,
        industry=row.industry,
    )


def _job_view(row: Job) -> JobView:
    return JobView(
        id=row.id,
        user_id=row.user_id,
        title=row.title,
        company=row.company,
        industry=row.industry,
        role=row.role,
        description=row.description or "",
        required_skills=tuple(row.required_skills or ()),
        created_at=row.created_at,
    )


def _clean_text(value: str | None, field: str, max_len: int) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if len(value) > max_len:
        raise InvalidInput(f"{field} is too long: {len(value)} characters, at most {max_len}")
    return value or None


def clean_skills(skills: Sequence[str]) -> list[str]:
    """Stripped, de-duplicated (case-insensitively) skills in their given order."""
    if isinstance(skills, str):
        raise InvalidInput("skills must be a list of strings, not one string")
    seen: set[str] = set()
    result: list[str] = []
    for skill in skills:
        text = str(skill).strip()
        if text and text.lower() not in seen:
            if len(text) > 80:
                raise InvalidInput(f"skill {text[:30]!r}... is too long (at most 80 characters)")
            seen.add(text.lower())
            result.append(text)
    if len(result) > MAX_SKILLS:
        raise InvalidInput(f"too many skills: {len(result)}, at most {MAX_SKILLS}")
    return result


def create_user(
    *,
    db: Session,
    email: str,
    display_name: str,
    role: UserRole = UserRole.CANDIDATE,
    password_hash: str | None = None,
) -> UserView:
    """Register a user; the email is stored lower-cased and must not be registered yet."""
    email = (email or "").strip().lower()
    if not _EMAIL.match(email) or len(email) > 320:
        raise InvalidInput(f"email {email!r} is not a valid address")
    name = (display_name or "").strip()
    if not name or len(name) > 120:
        raise InvalidInput("display name must be 1-120 characters")
    if db.scalar(select(User.id).where(func.lower(User.email) == email)) is not None:
        raise InvalidInput(f"email {email} is already registered")
    user = User(email=email, display_name=name, role=UserRole(role), password_hash=password_hash)
    try:
        with db.begin_nested():  # a concurrent registration still gives the clear message
            db.add(user)
    except IntegrityError as exc:
        raise InvalidInput(f"email {email} is already registered") from exc
    return _user_view(user)


def get_user(*, db: Session, user_id: str) -> UserView:
    row = db.get(User, user_id)
    if row is None:
        raise NotFound(f"user {user_id} does not exist")
    return _user_view(row)


def get_user_by_email(*, db: Session, email: str) -> UserView:
    row = db.scalar(select(User).where(User.email == email.strip().lower()))
    if row is None:
        raise NotFound(f"no user is registered with {email.strip().lower()}")
    return _user_view(row)


def list_users(*, db: Session, limit: int = 100, offset: int = 0) -> tuple[UserView, ...]:
    """Users by email (an admin screen, a user picker in the local app)."""
    rows = db.scalars(select(User).order_by(User.email).limit(limit).offset(offset))
    return tuple(_user_view(r) for r in rows)


def mark_active(*, db: Session, user_id: str, now: dt.datetime | None = None) -> None:
    """Record that the user is practising now (the local profile switcher starts on the most recent)."""
    user = db.get(User, user_id)
    if user is None:
        raise NotFound(f"user {user_id} does not exist")
    user.last_active_at = now or utcnow()
    db.flush()


def most_recent(users: Sequence[UserView]) -> UserView | None:
    """The user active most recently (never-active users count as least recent); None for no users."""
    if not users:
        return None
    floor = dt.datetime.min.replace(tzinfo=dt.UTC)
    return max(users, key=lambda u: u.last_active_at or floor)


def _require_user(db: Session, user_id: str) -> None:
    if db.scalar(select(User.id).where(User.id == user_id)) is None:
        raise NotFound(f"user {user_id} does not exist")


def get_profile(*, db: Session, user_id: str, owner_id: str | None = None) -> ProfileView:
    """The profile of ``owner_id`` (default: the actor); an empty view when none was saved yet."""
    owner = owner_id or user_id
    _require_user(db, owner)
    require_read(db, user_id, owner, "this profile")
    row = db.scalar(select(Profile).where(Profile.user_id == owner))
    return _profile_view(owner, row)


def update_profile(*, db: Session, user_id: str, update: ProfileUpdate) -> ProfileView:
    """Create or change the actor's own profile."""
    _require_user(db, user_id)
    row = db.scalar(select(Profile).where(Profile.user_id == user_id))
    if row is None:
        row = Profile(user_id=user_id, skills=[])
        db.add(row)
    if update.cv_text is not None:
        row.cv_text = _clean_text(update.cv_text, "CV text", MAX_CV_CHARS)
    if update.skills is not None:
        row.skills = clean_skills(update.skills)
    if update.experience_years is not None:
        if not 0 <= update.experience_years <= 70:
            raise InvalidInput("experience years must be between 0 and 70")
        row.experience_years = update.experience_years
    if update.target_role is not None:
        row.target_role = _clean_text(update.target_role, "target role", 120)
    if update.industry is not None:
        row.industry = _clean_text(update.industry, "industry", 120)
    db.flush()
    return _profile_view(user_id, row)


def create_job(*, db: Session, user_id: str, job: JobInput) -> JobView:
    """Save a target job for the actor."""
    _require_user(db, user_id)
    title = _clean_text(job.title, "job title", 200)
    if not title:
        raise InvalidInput("job title is required")
    row = Job(
        user_id=user_id,
        title=title,
        company=_clean_text(job.company, "company", 200),
        industry=_clean_text(job.industry, "industry", 120),
        role=_clean_text(job.role, "role", 120),
        description=_clean_text(job.description, "job description", MAX_DESCRIPTION_CHARS) or "",
        required_skills=clean_skills(job.required_skills),
    )
    db.add(row)
    db.flush()
    return _job_view(row)


def list_jobs(*, db: Session, user_id: str, owner_id: str | None = None) -> tuple[JobView, ...]:
    """Jobs of ``owner_id`` (default: the actor), newest first."""
    owner = owner_id or user_id
    require_read(db, user_id, owner, "these jobs")
    rows = db.scalars(select(Job).where(Job.user_id == owner).order_by(Job.created_at.desc(), Job.id.desc()))
    return tuple(_job_view(r) for r in rows)


def job_row_for_read(db: Session, user_id: str, job_id: str) -> Job:
    """The job row if the actor may read it (NotFound / AccessDenied otherwise); for core modules."""
    row = db.get(Job, job_id)
    if row is None:
        raise NotFound(f"job {job_id} does not exist")
    require_read(db, user_id, row.user_id, f"job {job_id}")
    return row


def get_job(*, db: Session, user_id: str, job_id: str) -> JobView:
    return _job_view(job_row_for_read(db, user_id, job_id))


def delete_job(*, db: Session, user_id: str, job_id: str) -> None:
    """Delete a job; its sessions stay, without the job link."""
    row = db.get(Job, job_id)
    if row is None:
        raise NotFound(f"job {job_id} does not exist")
    require_write(db, user_id, row.user_id, f"job {job_id}")
    db.delete(row)
    db.flush()
