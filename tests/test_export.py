"""Markdown and PDF export of session results: content, injection safety, Unicode, long sessions."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy.orm import Session

import core.export
from core.answers import complete_session, submit_answer
from core.dto import AnswerView, CategoryScore, QuestionView, SessionDetail, SessionSummary
from core.export import export_markdown, export_pdf, md_block, md_cell, md_inline
from core.scoring.base import DIMENSIONS, CriterionScore, DimensionScore, ScoreResult, letter_grade
from core.sessions import get_session, start_session
from db.enums import Difficulty, InterviewStatus, InterviewType, QuestionCategory
from tests.fakes import T0, FakeScorer, new_user, request

INJECTION = "**bold** <script>alert(1)</script>"
UNICODE = "I said “ship it” — naïve café, Привет, Ωμέγα, 中文回答 😀👍🏽 done…"


EXAMPLE = "Situation: the build was slow. Action: I cached it."


def result(score: int, *, example: str = EXAMPLE) -> ScoreResult:
    return ScoreResult(
        score=score,
        grade=letter_grade(score),
        dimensions={name: DimensionScore(score - i, f"{name} note") for i, name in enumerate(DIMENSIONS)},
        rubric=(
            CriterionScore("Situation", 0.2, score, "clear context"),
            CriterionScore("Task", 0.2, score, "role stated"),
            CriterionScore("Action", 0.3, score, "specific steps"),
            CriterionScore("Result", 0.3, score, "numbers given"),
        ),
        feedback=f"Solid answer scoring {score}.",
        strengths=("Clear example",),
        improvements=("Quantify the result", "Name the stakeholders"),
        example_answer=example,
        engine="rule",
    )


def answer(
    qid: str, text: str, score: int | None, *, duration_ms: int = 95_000, overtime: bool = False
) -> AnswerView:
    r = result(score) if score is not None else None
    return AnswerView(
        id=f"a-{qid}",
        session_id="s1",
        question_id=qid,
        text=text,
        duration_ms=duration_ms,
        submitted_at=T0,
        scored_at=T0 if r else None,
        score=score,
        grade=letter_grade(score) if score is not None else None,
        feedback=r.feedback if r else "Not scored yet: the scorer failed.",
        result=r,
        overtime=overtime,
        engine=r.engine if r else None,
        flags=("overtime",) if overtime else (),
        scoring_error=None if r else "RuntimeError: down",
    )


def question(n: int, text: str, ans: AnswerView | None, category: QuestionCategory) -> QuestionView:
    return QuestionView(
        id=f"q{n}",
        session_id="s1",
        bank_id=None,
        order_index=n,
        question=text,
        category=category,
        difficulty=Difficulty.MEDIUM,
        interview_type=InterviewType.BEHAVIORAL,
        hints=("Use STAR",),
        time_limit=160,
        rubric=None,
        answer=ans,
    )


def detail(
    questions: list[QuestionView], *, total: int | None = 78, summary: str = "You did well."
) -> SessionDetail:
    answered = [q for q in questions if q.answer is not None]
    return SessionDetail(
        summary=SessionSummary(
            id="s1",
            type=InterviewType.BEHAVIORAL,
            status=InterviewStatus.COMPLETED,
            job_id=None,
            job_title="Platform Engineer",
            question_count=len(questions),
            answered_count=len(answered),
            total_score=total,
            grade=letter_grade(total) if total is not None else None,
            created_at=T0,
            started_at=T0,
            completed_at=T0 + dt.timedelta(hours=1),
        ),
        questions=tuple(questions),
        feedback_summary=summary,
        category_scores=(
            CategoryScore(QuestionCategory.LEADERSHIP, 84.0, 1),
            CategoryScore(QuestionCategory.COMMUNICATION, 72.0, 1),
        ),
        allowed_actions=(),
    )


def sample() -> SessionDetail:
    return detail(
        [
            question(1, "Tell me about leading a project.", answer("q1", "I led five engineers.", 84),
                     QuestionCategory.LEADERSHIP),
            question(2, "How do you explain trade-offs?", answer("q2", INJECTION, 72, overtime=True),
                     QuestionCategory.COMMUNICATION),
            question(3, "Describe a conflict you resolved.", None, QuestionCategory.BEHAVIORAL),
        ]
    )  # fmt: skip


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


# ---- Markdown ------------------------------------------------------------------------------------


def test_markdown_holds_the_whole_result() -> None:
    md = export_markdown(sample())

    assert md.startswith("# Behavioral interview – 2 November 2026\n")
    assert "Job: Platform Engineer" in md
    assert "## Overall score: 78/100 (grade B)" in md
    assert "| Leadership | 84.0 | 1 |" in md and "| Communication | 72.0 | 1 |" in md
    assert "## Summary\n\nYou did well." in md
    assert "### Question 1 of 3: Tell me about leading a project." in md
    assert "> I led five engineers." in md
    assert "**Score: 84/100 (B)**" in md and "**Score: 72/100 (B)**" in md
    assert "(took 1:35, over the time limit)" in md
    assert "Time limit: 2:40" in md
    assert "Solid answer scoring 84." in md
    for criterion in ("| Situation | 20% | 84 | clear context |", "| Action | 30% | 84 | specific steps |"):
        assert criterion in md
    for name in DIMENSIONS:
        assert f"| {name.capitalize()} |" in md
    assert "- Quantify the result" in md and "- Clear example" in md
    assert "**A stronger answer**\n\n> Situation: the build was slow. Action: I cached it." in md
    q3 = md[md.index("### Question 3 of 3") :]
    assert "**Your answer:** Not answered" in q3 and "Score" not in q3


def test_markdown_answers_cannot_inject_markup() -> None:
    md = export_markdown(sample())
    assert "<script" not in md and "**bold**" not in md
    assert "> \\*\\*bold\\*\\* &lt;script&gt;alert(1)&lt;/script&gt;" in md


@pytest.mark.parametrize(
    "attack",
    [
        INJECTION,
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1)) and ![x](http://evil.example/t.png)",
        "# Heading\n- item\n+ item\n1. ordered\n2) ordered\n=====\n---\n***",
        "    indented code <b>\n\t`code` and ``more``",
        "| a | b |\n|---|---|",
        "$x^2$ and ~~strike~~ and __under__ and &lt;escaped&gt; and \\*pre-escaped\\*",
        "> fake quote\n>> nested\n<!-- comment -->",
        "text\x00with\x1bcontrol\rchars",
    ],
)
def test_escaped_text_is_inert(attack: str) -> None:
    cell = md_cell(attack)
    assert "\n" not in cell and "<" not in cell
    assert not re.search(r"(?<!\\)[`*_\[\]|~$]", cell.replace("\\\\", "")), cell
    for out in (md_block(attack, quote=True), md_block(attack), md_inline(attack)):
        assert "<" not in out
        # Every Markdown special character is backslash-escaped ...
        assert not re.search(r"(?<!\\)[`*_\[\]|~$]", out.replace("\\\\", "")), out
        # ... and no line opens a block (heading, list, quote beyond our own, setext, code, HTML).
        for line in out.split("\n"):
            body = line[2:] if line.startswith("> ") else ("" if line == ">" else line)
            assert not re.match(r"\s|[#>+=\-]|\d+[.)]", body), line
        assert "&lt;escaped&gt;" not in out  # an entity the user typed stays literal text
        assert not re.search(r"[\x00-\x08\x0b-\x1f]", out)


def test_quoted_answers_keep_their_lines() -> None:
    out = md_block("first line\nsecond line\n\nnew paragraph", quote=True)
    assert out == "> first line  \n> second line\n>\n> new paragraph"


def test_markdown_keeps_unicode_as_written() -> None:
    d = detail([question(1, "Q?", answer("q1", UNICODE, 80), QuestionCategory.LEADERSHIP)])
    assert UNICODE.replace("…", "…") in export_markdown(d)


def test_markdown_of_an_unscored_session() -> None:
    d = detail([question(1, "Q?", answer("q1", "An answer.", None), QuestionCategory.LEADERSHIP)], total=None)
    md = export_markdown(d)
    assert "## Overall score: not scored" in md
    assert "**Score: not scored yet**" in md and "RuntimeError" not in md


# ---- PDF -----------------------------------------------------------------------------------------


def test_pdf_holds_the_score_and_every_question() -> None:
    data = export_pdf(sample())
    assert data.startswith(b"%PDF")
    reader, text = pdf_text(data)
    assert len(reader.pages) >= 1
    assert "Overall score: 78/100 (grade B)" in text
    assert "Score: 84/100 (B)" in text
    assert "Tell me about leading a project." in text
    assert "Describe a conflict you resolved." in text
    assert "Not answered" in text
    assert "Quantify the result" in text and "A stronger answer" in text
    assert "**bold** <script>alert(1)</script>" in text  # plain text in a PDF: shown as written
    assert reader.metadata is not None and reader.metadata.title == "Behavioral interview – 2 November 2026"


def test_pdf_exports_any_unicode_answer() -> None:
    d = detail([question(1, "Unicode “test”?", answer("q1", UNICODE, 80), QuestionCategory.LEADERSHIP)])
    _, text = pdf_text(export_pdf(d))
    if core.export.find_font() is None:
        pytest.skip("no DejaVu font on this system: covered by the Latin-1 fallback test")
    assert "“ship it” — naïve café, Привет, Ωμέγα" in text
    assert "中文回答" not in text and "no font for them is installed" in text


def test_pdf_falls_back_to_latin1_without_a_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core.export, "FONT_CANDIDATES", ())
    d = detail([question(1, "Unicode “test”?", answer("q1", UNICODE, 80), QuestionCategory.LEADERSHIP)])
    data = export_pdf(d)
    assert data.startswith(b"%PDF")
    _, text = pdf_text(data)
    assert 'I said "ship it" - naïve café' in text
    assert "Score: 80/100 (B)" in text and "no font for them is installed" in text


@pytest.mark.parametrize("fonts", ["system", "none"])
def test_a_long_session_spans_many_numbered_pages(monkeypatch: pytest.MonkeyPatch, fonts: str) -> None:
    if fonts == "none":
        monkeypatch.setattr(core.export, "FONT_CANDIDATES", ())
    paragraph = "I measured the latency before and after, and we cut it by 40 percent in two weeks. " * 12
    long_word = "x" * 400  # no break opportunity: must still wrap, not fail
    questions = [
        question(
            n,
            f"Long question number {n}?",
            answer(f"q{n}", f"{paragraph}\n\n{long_word}", 60 + n) if n % 5 else None,
            QuestionCategory.LEADERSHIP,
        )
        for n in range(1, 21)
    ]
    reader, text = pdf_text(export_pdf(detail(questions)))
    pages = len(reader.pages)
    assert pages >= 10
    for i, page in enumerate(reader.pages, start=1):
        assert f"Page {i} of {pages}" in page.extract_text()
    assert "Long question number 20?" in reader.pages[-1].extract_text() or (
        "Long question number 20?" in reader.pages[-2].extract_text()
    )
    assert text.count("Not answered") == 4
    assert "Score: 79/100 (B)" in text


def test_pdf_and_markdown_from_a_real_session(db: Session) -> None:
    user = new_user(db)
    started = start_session(db=db, user_id=user, request=request(question_count=3), seed=3, now=T0)
    scorer = FakeScorer()
    for q, text in zip(started.questions[:2], ("score=90 I led it.", "score=70 We did it."), strict=True):
        submit_answer(
            db=db, user_id=user, session_id=started.session.id, question_id=q.id, text=text,
            duration_ms=30_000, scorer=scorer, now=T0,
        )  # fmt: skip
    complete_session(db=db, user_id=user, session_id=started.session.id, scorer=scorer, now=T0)
    d = get_session(db=db, user_id=user, session_id=started.session.id)

    md = export_markdown(d)
    assert "## Overall score: 80/100 (grade B)" in md and md.count("Not answered") == 1
    _, text = pdf_text(export_pdf(d))
    assert "Overall score: 80/100 (grade B)" in text
    assert all(q.question[:30] in " ".join(text.split()) for q in d.questions)
