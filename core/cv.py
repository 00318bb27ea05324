"""CV reading, offline: text from PDF, DOCX or TXT, then skills, years of experience and target role."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

from core.errors import InvalidInput

MAX_CV_BYTES = 5 * 1024 * 1024
MAX_CV_CHARS = 60_000

#: Skills we recognise, by display name; matched case-insensitively as whole words/phrases.
SKILLS: tuple[str, ...] = (
    # software and data
    "Python",
    "Java",
    "JavaScript",
    "TypeScript",
    "Go",
    "Rust",
    "C++",
    "C#",
    "SQL",
    "PostgreSQL",
    "MySQL",
    "MongoDB",
    "Redis",
    "Kafka",
    "Spark",
    "Airflow",
    "dbt",
    "Pandas",
    "NumPy",
    "scikit-learn",
    "TensorFlow",
    "PyTorch",
    "Machine Learning",
    "Statistics",
    "A/B Testing",
    "Tableau",
    "Power BI",
    "Excel",
    "React",
    "Node.js",
    "Django",
    "Flask",
    "FastAPI",
    "REST",
    "GraphQL",
    "Microservices",
    "AWS",
    "Azure",
    "GCP",
    "Docker",
    "Kubernetes",
    "Terraform",
    "CI/CD",
    "Linux",
    "Git",
    "Observability",
    "System Design",
    "Distributed Systems",
    "Security",
    "Agile",
    "Scrum",
    "Jira",
    "Figma",
    "User Research",
    "Accessibility",
    "Product Management",
    "Roadmapping",
    # healthcare
    "Patient Care",
    "Medication Administration",
    "Triage",
    "Wound Care",
    "Infection Control",
    "BLS",
    "ACLS",
    "Electronic Health Records",
    "Epic",
    "Patient Education",
    "Phlebotomy",
    "Care Planning",
    # education
    "Lesson Planning",
    "Classroom Management",
    "Curriculum Design",
    "Differentiated Instruction",
    "Assessment",
    "Special Education",
    "Safeguarding",
    # finance and business
    "Financial Modeling",
    "Budgeting",
    "Forecasting",
    "Accounts Payable",
    "Accounts Receivable",
    "Reconciliation",
    "GAAP",
    "IFRS",
    "Audit",
    "Valuation",
    "Salesforce",
    "CRM",
    "Negotiation",
    "Prospecting",
    "Account Management",
    "Lead Generation",
    "SEO",
    "Content Marketing",
    "Google Analytics",
    "Market Research",
    "Project Management",
    "Stakeholder Management",
    "Process Improvement",
    "Lean",
    "Six Sigma",
    "Supply Chain",
    "Inventory Management",
    "Logistics",
    "Procurement",
    "Quality Assurance",
    "Root Cause Analysis",
    "Customer Service",
    "Zendesk",
    "Conflict Resolution",
    "Recruiting",
    "Onboarding",
    "Training",
    "Coaching",
    "Public Speaking",
    "Data Analysis",
    "Leadership",
    "Team Leadership",
)

#: Role titles we recognise in a CV's headline, most specific first.
ROLES: tuple[str, ...] = (
    "Senior Software Engineer",
    "Software Engineer",
    "Software Developer",
    "Data Scientist",
    "Data Analyst",
    "Data Engineer",
    "DevOps Engineer",
    "Site Reliability Engineer",
    "Product Manager",
    "UX Designer",
    "Registered Nurse",
    "Nurse Practitioner",
    "Nurse",
    "Pharmacist",
    "Medical Receptionist",
    "Teacher",
    "School Administrator",
    "Financial Analyst",
    "Accountant",
    "Account Executive",
    "Sales Development Representative",
    "Management Consultant",
    "Consultant",
    "Marketing Manager",
    "Customer Support Specialist",
    "Support Team Lead",
    "Operations Manager",
    "Supply Chain Analyst",
    "Store Manager",
    "Hotel Front Office Manager",
    "Quality Engineer",
    "Recruiter",
    "Project Manager",
)

_SKILL_PATTERNS = [
    (name, re.compile(r"(?<![\w+#/])" + re.escape(name.lower()) + r"(?![\w+#])")) for name in SKILLS
]
_ROLE_PATTERNS = [(name, re.compile(r"\b" + re.escape(name.lower()) + r"s?\b")) for name in ROLES]
_YEARS = re.compile(r"(\d{1,2})\s*\+?\s*(?:years?|yrs?)(?:\s+of)?(?:\s+\w+){0,3}\s+experience", re.I)
_YEARS_LOOSE = re.compile(r"(?:experience|experienced)[^.\n]{0,40}?(\d{1,2})\s*\+?\s*(?:years?|yrs?)", re.I)
_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*(?:-|–|—|to)\s*((?:19|20)\d{2}|present|current|now|today)\b", re.I)


@dataclass(frozen=True)
class CVInfo:
    """What we read from a CV; every field may be empty when the CV does not say."""

    text: str
    skills: tuple[str, ...]
    experience_years: int | None
    target_role: str | None


def extract_text(filename: str, data: bytes) -> str:
    """Plain text of an uploaded CV (.pdf, .docx, .txt/.md); InvalidInput with a reason otherwise."""
    if len(data) > MAX_CV_BYTES:
        raise InvalidInput(f"The CV file is {len(data) // 1024} KB; the limit is {MAX_CV_BYTES // 1024} KB.")
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    try:
        if suffix == "pdf":
            text = _pdf_text(data)
        elif suffix == "docx":
            text = _docx_text(data)
        elif suffix in ("txt", "md", "text"):
            text = data.decode("utf-8", errors="replace")
        else:
            raise InvalidInput(f"'{filename}' is not a PDF, DOCX or TXT file.")
    except InvalidInput:
        raise
    except Exception as exc:  # parsers raise many types on damaged files
        raise InvalidInput(
            f"'{filename}' could not be read ({type(exc).__name__}); is the file damaged?"
        ) from exc
    text = normalise_text(text)
    if not text:
        raise InvalidInput(
            f"No text found in '{filename}' (a scanned PDF has only images): paste the text instead."
        )
    return text


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages[:30])


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def normalise_text(text: str) -> str:
    """Drop control characters and excess blank lines; cap the length."""
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", text.replace("\r\n", "\n"))
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\n\s*\n\s*\n+", "\n\n", text)
    return text.strip()[:MAX_CV_CHARS]


def find_skills(text: str) -> tuple[str, ...]:
    """Known skills mentioned in ``text``, in the order of our list (stable)."""
    lowered = " ".join(text.lower().split())  # a skill may wrap across a line break
    return tuple(name for name, pattern in _SKILL_PATTERNS if pattern.search(lowered))


def find_experience_years(text: str, today: dt.date | None = None) -> int | None:
    """Years of experience: an explicit "N years of experience", else the span of dated roles."""
    stated = [int(m.group(1)) for m in _YEARS.finditer(text)] + [
        int(m.group(1)) for m in _YEARS_LOOSE.finditer(text)
    ]
    stated = [n for n in stated if 0 < n <= 50]
    if stated:
        return max(stated)
    year_now = (today or dt.date.today()).year
    spans = []
    for start, end in _RANGE.findall(text):
        first = int(start)
        last = year_now if not end.isdigit() else int(end)
        if 1960 <= first <= last <= year_now:
            spans.append((first, last))
    if not spans:
        return None
    return max(1, max(last for _, last in spans) - min(first for first, _ in spans))


def find_target_role(text: str) -> str | None:
    """The role named nearest the top of the CV (its headline), if we know it."""
    lowered = text.lower()
    best: tuple[int, int, str] | None = None
    for order, (name, pattern) in enumerate(_ROLE_PATTERNS):
        match = pattern.search(lowered)
        if match and (best is None or (match.start(), order) < best[:2]):
            best = (match.start(), order, name)
    return best[2] if best else None


def analyse_cv(text: str, today: dt.date | None = None) -> CVInfo:
    """Everything we can read from CV text, offline."""
    clean = normalise_text(text)
    return CVInfo(clean, find_skills(clean), find_experience_years(clean, today), find_target_role(clean))
