"""AppTest: the profile & jobs page (pages/profile.py): CV paste/upload, extraction, profile, jobs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.users import get_profile, list_jobs
from db.engine import unit_of_work

if TYPE_CHECKING:
    from tests.pages_support import PageEnv

pytest_plugins = ["tests.pages_support"]

CV = """Jordan Smith
Senior Software Engineer
Over 8 years of experience building Python, SQL and Kubernetes services.
2016 - present  Backend engineer, Acme Corp
"""


def test_paste_cv_extract_edit_and_save(page_env: PageEnv) -> None:
    uid = page_env.user()
    at = page_env.app("profile", user_id=uid).run()
    assert not at.exception and not at.error
    at.text_area(key="profile_cv_text").input(CV)
    at.button(key="profile_read_text").click().run()
    assert not at.exception
    assert at.success and "found" in at.success[0].value
    skills = at.multiselect(key="profile_skills").value
    assert "Python" in skills and "SQL" in skills
    assert at.number_input(key="profile_years").value == 8
    assert at.text_input(key="profile_role").value
    at.text_input(key="profile_industry").input("Technology")
    at.button(key="profile_save").click().run()
    assert not at.exception and not at.error
    assert at.toast and "Profile saved" in at.toast[0].value
    with unit_of_work(page_env.factory) as db:
        saved = get_profile(db=db, user_id=uid)
    assert saved.cv_text and "Jordan Smith" in saved.cv_text
    assert "Python" in saved.skills and saved.experience_years == 8 and saved.industry == "Technology"
    # A fresh visit shows what was saved.
    again = page_env.app("profile", user_id=uid).run()
    assert again.text_area(key="profile_cv_text").value.startswith("Jordan Smith")


def test_upload_a_txt_cv(page_env: PageEnv) -> None:
    uid = page_env.user()
    at = page_env.app("profile", user_id=uid).run()
    uploader = at.file_uploader(key="profile_cv_file")
    uploader.upload("cv.txt", CV.encode(), "text/plain").run()
    assert not at.exception and not at.error
    assert at.success and "“cv.txt”" in at.success[0].value
    assert "Python" in at.multiselect(key="profile_skills").value


def test_unreadable_upload_explains_why(page_env: PageEnv) -> None:
    uid = page_env.user()
    at = page_env.app("profile", user_id=uid).run()
    at.file_uploader(key="profile_cv_file").upload("cv.pdf", b"not really a pdf", "application/pdf").run()
    assert not at.exception
    assert at.error and "could not be read" in at.error[0].value


def test_invalid_profile_values_show_core_message(page_env: PageEnv) -> None:
    uid = page_env.user()
    at = page_env.app("profile", user_id=uid).run()
    at.multiselect(key="profile_skills").set_value(["x" * 81])
    at.button(key="profile_save").click().run()
    assert not at.exception
    assert at.error and "too long" in at.error[0].value


def test_add_list_practise_and_delete_a_job(page_env: PageEnv) -> None:
    uid = page_env.user()
    at = page_env.app("profile", user_id=uid).run()
    assert "No target jobs yet" in page_env.texts(at)
    at.text_input(key="profile_job_title").input("Backend Engineer")
    at.text_input(key="profile_job_company").input("Acme")
    at.text_area(key="profile_job_description").input(
        "We need a **backend** engineer with Python, PostgreSQL and Docker. <b>Remote</b>."
    )
    at.button(key="profile_job_submit").click().run()
    assert not at.exception and not at.error
    with unit_of_work(page_env.factory) as db:
        jobs = list_jobs(db=db, user_id=uid)
    assert [j.title for j in jobs] == ["Backend Engineer"]
    assert "Python" in jobs[0].required_skills  # picked out of the description
    assert at.text_input(key="profile_job_title").value == ""  # the form is cleared after saving
    # The description is shown literally.
    assert any(t.value.startswith("We need a **backend**") for t in at.text)
    # Practise for this job: a session linked to it starts.
    at.button(key="profile_job_0_beh").click().run()
    assert not at.exception
    page, query = at.session_state["nav_target"]
    session = page_env.follow(at)
    assert page == "session" and "Backend Engineer" in page_env.texts(session)
    # Delete it.
    at = page_env.app("profile", user_id=uid).run()
    at.button(key="profile_job_0_delete").click().run()
    assert not at.exception
    with unit_of_work(page_env.factory) as db:
        assert list_jobs(db=db, user_id=uid) == ()


def test_job_without_title_shows_message(page_env: PageEnv) -> None:
    uid = page_env.user()
    at = page_env.app("profile", user_id=uid).run()
    at.text_area(key="profile_job_description").input("Some description")
    at.button(key="profile_job_submit").click().run()
    assert not at.exception
    assert at.error and "title is required" in at.error[0].value
