"""Reading CVs offline: text from each file type, skills, years of experience, target role."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from core.cv import analyse_cv, extract_text, find_experience_years, find_skills, find_target_role
from core.errors import InvalidInput

CV = """Maria Lopez
Registered Nurse | ICU and emergency care

Summary: Registered Nurse with 6 years of experience in critical care. Skilled in triage, medication
administration, wound care and Epic electronic health records. BLS and ACLS certified.

Experience
St. Mary's Hospital, ICU Nurse, 2019 - present
City Clinic, Staff Nurse, 2017 - 2019
"""


def test_skills_years_and_role_from_text() -> None:
    info = analyse_cv(CV, today=dt.date(2026, 11, 24))
    assert {"Triage", "Medication Administration", "Wound Care", "Epic", "BLS", "ACLS"} <= set(info.skills)
    assert "Electronic Health Records" in info.skills
    assert info.experience_years == 6
    assert info.target_role == "Registered Nurse"


def test_years_from_date_ranges_when_not_stated() -> None:
    text = "Analyst, Acme 2015 - 2018\nSenior Analyst, Beta 2018 – present"
    assert find_experience_years(text, today=dt.date(2026, 1, 1)) == 11
    assert find_experience_years("No dates at all") is None


def test_skill_matching_is_whole_word() -> None:
    assert find_skills("I love gophers and going places") == ()
    assert set(find_skills("Go, C++ and C# services; CI/CD with Docker")) >= {
        "Go",
        "C++",
        "C#",
        "CI/CD",
        "Docker",
    }
    assert "Java" not in find_skills("JavaScript only")


def test_role_nearest_the_top_wins() -> None:
    assert find_target_role("Data Scientist\n... worked with a Software Engineer ...") == "Data Scientist"
    assert find_target_role("Gardener and beekeeper") is None


def test_txt_docx_and_pdf_files() -> None:
    assert "Registered Nurse" in extract_text("cv.txt", CV.encode())

    import docx

    document = docx.Document()
    for line in CV.splitlines():
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    assert "Epic electronic health records" in extract_text("cv.docx", buf.getvalue())

    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Financial Analyst\n8 years of experience in forecasting and Excel modelling.")
    text = extract_text("cv.pdf", bytes(pdf.output()))
    info = analyse_cv(text)
    assert info.target_role == "Financial Analyst" and info.experience_years == 8
    assert {"Forecasting", "Excel"} <= set(info.skills)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.png", b"\x89PNG...", "not a PDF, DOCX or TXT"),
        ("cv.pdf", b"%PDF-1.4 broken", "could not be read"),
        ("cv.docx", b"not a zip", "could not be read"),
        ("cv.txt", b"   \n  ", "No text found"),
        ("cv.txt", b"x" * (6 * 1024 * 1024), "the limit is"),
    ],
)
def test_bad_files_get_a_clear_message(name: str, data: bytes, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        extract_text(name, data)


def test_control_characters_are_removed() -> None:
    assert analyse_cv("Teacher\x00\x07 with lesson planning").text == "Teacher with lesson planning"
