"""Users, profiles and jobs: CRUD, validation, unique email, ownership."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.access import Actor, register_read_grant
from core.errors import AccessDenied, InvalidInput, NotFound
from core.users import (
    JobInput,
    ProfileUpdate,
    create_job,
    create_user,
    delete_job,
    get_job,
    get_profile,
    get_user,
    get_user_by_email,
    list_jobs,
    list_users,
    update_profile,
)
from db.enums import UserRole
from db.models import InterviewSession


def test_create_and_get_user(db: Session) -> None:
    user = create_user(db=db, email="  Ada@Example.COM ", display_name=" Ada ")
    assert user.email == "ada@example.com" and user.display_name == "Ada"
    assert user.role is UserRole.CANDIDATE
    assert get_user(db=db, user_id=user.id) == user
    assert get_user_by_email(db=db, email="ADA@example.com").id == user.id
    assert user.id in {u.id for u in list_users(db=db)}


def test_email_must_be_unique_and_valid(db: Session) -> None:
    create_user(db=db, email="bob@example.com", display_name="Bob")
    with pytest.raises(InvalidInput, match="bob@example.com is already registered"):
        create_user(db=db, email="BOB@example.com", display_name="Bobby")
    with pytest.raises(InvalidInput, match="not a valid address"):
        create_user(db=db, email="bob-at-example", display_name="Bob")
    with pytest.raises(InvalidInput, match="display name"):
        create_user(db=db, email="carol@example.com", display_name="  ")


def test_unknown_user(db: Session) -> None:
    with pytest.raises(NotFound, match="does not exist"):
        get_user(db=db, user_id="nope")
    with pytest.raises(NotFound):
        update_profile(db=db, user_id="nope", update=ProfileUpdate(skills=["sql"]))


def test_profile_create_update_and_privacy(db: Session) -> None:
    ada = create_user(db=db, email="ada@example.com", display_name="Ada").id
    eve = create_user(db=db, email="eve@example.com", display_name="Eve").id
    assert get_profile(db=db, user_id=ada).skills == ()
    view = update_profile(
        db=db,
        user_id=ada,
        update=ProfileUpdate(
            cv_text="Built SQL pipelines",
            skills=["SQL", "sql", " Python "],
            experience_years=5,
            target_role="Data Engineer",
        ),
    )
    assert view.skills == ("SQL", "Python") and view.experience_years == 5
    view = update_profile(db=db, user_id=ada, update=ProfileUpdate(industry="Technology"))
    assert view.target_role == "Data Engineer" and view.industry == "Technology"
    with pytest.raises(InvalidInput, match="experience years"):
        update_profile(db=db, user_id=ada, update=ProfileUpdate(experience_years=-1))
    with pytest.raises(InvalidInput, match="list of strings"):
        update_profile(db=db, user_id=ada, update=ProfileUpdate(skills="sql"))
    with pytest.raises(AccessDenied, match="belongs to another user"):
        get_profile(db=db, user_id=eve, owner_id=ada)


def test_jobs_crud_and_ownership(db: Session) -> None:
    ada = create_user(db=db, email="ada@example.com", display_name="Ada").id
    eve = create_user(db=db, email="eve@example.com", display_name="Eve").id
    job = create_job(
        db=db,
        user_id=ada,
        job=JobInput(title=" Data Engineer ", company="Acme", required_skills=["SQL", "Airflow"]),
    )
    assert job.title == "Data Engineer" and job.required_skills == ("SQL", "Airflow")
    second = create_job(db=db, user_id=ada, job=JobInput(title="Analyst"))
    assert {j.id for j in list_jobs(db=db, user_id=ada)} == {job.id, second.id}
    assert get_job(db=db, user_id=ada, job_id=job.id) == job
    with pytest.raises(InvalidInput, match="job title is required"):
        create_job(db=db, user_id=ada, job=JobInput(title=" "))
    with pytest.raises(AccessDenied, match="another user"):
        get_job(db=db, user_id=eve, job_id=job.id)
    with pytest.raises(AccessDenied):
        list_jobs(db=db, user_id=eve, owner_id=ada)
    with pytest.raises(AccessDenied):
        delete_job(db=db, user_id=eve, job_id=job.id)
    with pytest.raises(NotFound):
        get_job(db=db, user_id=ada, job_id="missing")


def test_delete_job_keeps_sessions(db: Session) -> None:
    ada = create_user(db=db, email="ada@example.com", display_name="Ada").id
    job = create_job(db=db, user_id=ada, job=JobInput(title="Nurse"))
    db.add(InterviewSession(user_id=ada, job_id=job.id))
    db.flush()
    delete_job(db=db, user_id=ada, job_id=job.id)
    db.expire_all()
    assert db.scalar(select(InterviewSession.job_id).where(InterviewSession.user_id == ada)) is None


def test_read_grant_extension_point(db: Session) -> None:
    """A coach granted read access sees a client's jobs but still cannot change them."""
    ada = create_user(db=db, email="ada@example.com", display_name="Ada").id
    coach = create_user(db=db, email="coach@example.com", display_name="Coach", role=UserRole.COACH).id
    job = create_job(db=db, user_id=ada, job=JobInput(title="Nurse"))

    def coach_reads_ada(_db: Session, actor: Actor, owner_id: str) -> bool:
        return actor.role is UserRole.COACH and owner_id == ada

    remove = register_read_grant(coach_reads_ada)
    try:
        assert get_job(db=db, user_id=coach, job_id=job.id).id == job.id
        with pytest.raises(AccessDenied, match="may view .* but not change it"):
            delete_job(db=db, user_id=coach, job_id=job.id)
    finally:
        remove()
    with pytest.raises(AccessDenied):
        get_job(db=db, user_id=coach, job_id=job.id)
