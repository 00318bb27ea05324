"""Export a session's results as Markdown or PDF (the results page's Export action).

Markdown: every piece of text that came from a user or a model (answers, questions, feedback, example
answers, the summary) is escaped, so it renders as the words written and never as Markdown or HTML:
``&``, ``<`` and ``>`` become entities, Markdown punctuation gets a backslash, and block markers at the
start of a line (``#``, ``-``, ``1.`` ...) are neutralised. Answers sit in a quoted block, one quoted
line per written line.

PDF (fpdf2): DejaVu Sans is embedded when the system has it (Debian's ``fonts-dejavu-core``), which covers
Latin, Greek, Cyrillic, smart quotes and many symbols. Characters the font lacks (CJK without a CJK font,
for instance) become ``?`` and the PDF says so at the end, rather than failing. Without any TTF the
built-in Helvetica is used, with text transliterated to Latin-1.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from fpdf import FPDF, FontFace

from core.dto import AnswerView, QuestionView, SessionDetail
from core.scoring.base import DIMENSIONS, ScoreResult

__all__ = ["FONT_CANDIDATES", "export_markdown", "export_pdf", "find_font"]

#: (regular, bold) TrueType fonts tried in order; the first pair whose regular file exists is embedded.
FONT_CANDIDATES: tuple[tuple[str, str], ...] = tuple(
    (f"{folder}/DejaVuSans.ttf", f"{folder}/DejaVuSans-Bold.ttf")
    for folder in (
        "/usr/share/fonts/truetype/dejavu",  # Debian, Ubuntu
        "/usr/share/fonts/dejavu-sans-fonts",  # Fedora
        "/usr/share/fonts/TTF",  # Arch
        "/usr/share/fonts/dejavu",
    )
)
NOT_ANSWERED = "Not answered"


# ---- shared wording ------------------------------------------------------------------------------


def _label(value: str) -> str:
    """ "SYSTEM_DESIGN" -> "System design"."""
    return value.replace("_", " ").capitalize()


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def _title(detail: SessionDetail) -> str:
    s = detail.summary
    when = s.completed_at or s.started_at or s.created_at
    return f"{_label(s.type.value)} interview – {when.day} {when:%B %Y}"


def _status_line(detail: SessionDetail) -> str:
    s = detail.summary
    return f"Status: {_label(s.status.value)} · {s.answered_count} of {s.question_count} questions answered"


def _overall(detail: SessionDetail) -> str:
    s = detail.summary
    if s.total_score is None:
        return "Overall score: not scored"
    return f"Overall score: {s.total_score}/100 (grade {s.grade})"


def _question_meta(q: QuestionView) -> str:
    parts = [f"Category: {_label(q.category.value)}", f"Difficulty: {_label(q.difficulty.value)}"]
    if q.time_limit:
        parts.append(f"Time limit: {_clock(q.time_limit)}")
    return " · ".join(parts)


def _answer_meta(a: AnswerView) -> str:
    if a.duration_ms is None:
        return ""
    return f"took {_clock(a.duration_ms / 1000)}" + (", over the time limit" if a.overtime else "")


def _score_line(a: AnswerView) -> str:
    return f"Score: {a.score}/100 ({a.grade})" if a.score is not None else "Score: not scored yet"


def _criteria_rows(r: ScoreResult) -> list[tuple[str, str, str, str]]:
    return [(c.name, f"{round(c.weight * 100)}%", str(c.score), c.notes) for c in r.rubric]


def _dimension_rows(r: ScoreResult) -> list[tuple[str, str, str]]:
    return [
        (name.capitalize(), str(r.dimensions[name].score), r.dimensions[name].notes)
        for name in DIMENSIONS
        if name in r.dimensions
    ]


# ---- Markdown ------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INLINE = re.compile(r"([\\`*_\[\]|~$])")
_LINE_START = re.compile(r"^([#+\-=])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def _clean(text: str | None) -> str:
    return _CONTROL.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n"))


def _md_line(line: str) -> str:
    """One line of untrusted text as inert Markdown."""
    line = line.strip()  # leading indentation would make an (unescaped) code block
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    line = _INLINE.sub(r"\\\1", line)
    line = _LINE_START.sub(r"\\\1", line)
    return _ORDERED.sub(r"\1\\\2", line)


def md_cell(text: str | None) -> str:
    """Untrusted text in a table cell (where no block can start, so only inline escapes)."""
    line = " ".join(_clean(text).split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE.sub(r"\\\1", line)


def md_inline(text: str | None) -> str:
    """Untrusted text on one line (headings, list items)."""
    return _md_line(" ".join(_clean(text).split()))


def md_block(text: str | None, *, quote: bool = False) -> str:
    """Untrusted multi-line text, line breaks kept; ``quote`` puts it in a quoted block."""
    lines = [_md_line(line) for line in _clean(text).strip().split("\n")]
    prefix = "> " if quote else ""
    out = [prefix + line if line else prefix.rstrip() for line in lines]
    for i in range(len(out) - 1):  # a hard break ("  ") keeps the writer's line breaks inside a paragraph
        if lines[i] and lines[i + 1]:
            out[i] += "  "
    return "\n".join(out)


def _md_table(header: Iterable[str], rows: Iterable[Iterable[str]], align: Iterable[str]) -> list[str]:
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _md_list(title: str, items: Iterable[str]) -> list[str]:
    items = [i for i in items if i.strip()]
    return [f"**{title}**", "", *(f"- {md_inline(i)}" for i in items), ""] if items else []


def _md_question(q: QuestionView, total: int) -> list[str]:
    out = [f"### Question {q.order_index} of {total}: {md_inline(q.question)}", "", _question_meta(q), ""]
    a = q.answer
    if a is None or not (a.text or "").strip():
        return [*out, f"**Your answer:** {NOT_ANSWERED}", ""]
    meta = _answer_meta(a)
    out += ["**Your answer**" + (f" ({meta})" if meta else ""), "", md_block(a.text, quote=True), ""]
    out += [f"**{_score_line(a)}**", ""]
    if a.feedback:
        out += ["**Feedback:** " + md_block(a.feedback), ""]
    r = a.result
    if r is None:
        return out
    if r.rubric:
        out += _md_table(
            ("Criterion", "Weight", "Score", "Notes"), _criteria_rows(r), ("---", "---:", "---:", "---")
        )
    if r.dimensions:
        out += _md_table(("Dimension", "Score", "Notes"), _dimension_rows(r), ("---", "---:", "---"))
    out += _md_list("Strengths", r.strengths)
    out += _md_list("Improvements", r.improvements)
    if r.example_answer.strip():
        out += ["**A stronger answer**", "", md_block(r.example_answer, quote=True), ""]
    return out


def export_markdown(detail: SessionDetail) -> str:
    """The results as a Markdown document (UTF-8 text)."""
    s = detail.summary
    out = [f"# {md_inline(_title(detail))}", ""]
    if s.job_title:
        out += [f"Job: {md_inline(s.job_title)}  ", _status_line(detail), ""]
    else:
        out += [_status_line(detail), ""]
    out += [f"## {_overall(detail)}", ""]
    if detail.category_scores:
        out += ["## Scores by category", ""]
        rows = [(_label(c.category.value), f"{c.avg:.1f}", str(c.answers)) for c in detail.category_scores]
        out += _md_table(("Category", "Average", "Answers"), rows, ("---", "---:", "---:"))
    if (detail.feedback_summary or "").strip():
        out += ["## Summary", "", md_block(detail.feedback_summary), ""]
    out += ["## Questions", ""]
    for q in detail.questions:
        out += [*_md_question(q, s.question_count), "---", ""]
    return "\n".join(out).rstrip() + "\n"


# ---- PDF -----------------------------------------------------------------------------------------

_LATIN1 = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
        "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2026": "...", "\u2022": "*", "\u2192": "->",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": "    ",
    }
)  # fmt: skip


def find_font() -> tuple[Path, Path | None] | None:
    """The first (regular, bold) TrueType font of FONT_CANDIDATES on this system, or None."""
    for regular, bold in FONT_CANDIDATES:
        if Path(regular).is_file():
            return Path(regular), (Path(bold) if Path(bold).is_file() else None)
    return None


def _fit(text: str, has: Callable[[int], bool]) -> tuple[str, bool]:
    """``text`` with characters the font cannot draw replaced; and whether any had to be."""
    out: list[str] = []
    lost = False
    for ch in text:
        if ch == "\n" or has(ord(ch)):
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cf", "Mn", "Me", "Sk"):
            continue  # controls, joiners, variation selectors, combining marks, skin tones: nothing lost
        else:
            simple = "".join(c for c in unicodedata.normalize("NFKD", ch) if has(ord(c)))
            simple = "".join(c for c in simple if unicodedata.category(c) not in ("Mn", "Me"))
            out.append(simple or "?")
            lost = lost or not simple
    return "".join(out), lost


class _Report(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        self.lost = False
        self.family = "Helvetica"
        self._has_bold = True
        self._cmap: dict[str, set[int]] = {}
        found = find_font()
        if found is not None:
            regular, bold = found
            self.add_font("Body", "", str(regular))
            self._has_bold = bold is not None
            if bold is not None:
                self.add_font("Body", "B", str(bold))
            self.family = "Body"
            self._cmap = {k: set(f.cmap) for k, f in self.fonts.items() if hasattr(f, "cmap")}
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_font(self.family, size=10)

    def style(self, size: float, bold: bool = False) -> None:
        self.set_font(self.family, "B" if bold and self._has_bold else "", size)

    def fit(self, text: str | None) -> str:
        text = _clean(text).replace("\t", "    ")
        if self.family == "Helvetica":
            text, lost = _fit(text.translate(_LATIN1), lambda c: c <= 0xFF and c not in range(0x7F, 0xA0))
        else:
            cmap = self._cmap.get(self.current_font.fontkey if self.current_font else "", set())
            text, lost = _fit(text, cmap.__contains__)
        self.lost = self.lost or lost
        return text

    def para(self, text: str | None, size: float = 10, bold: bool = False, fill: bool = False) -> None:
        self.style(size, bold)
        if fill:
            self.set_fill_color(243, 244, 246)
        self.multi_cell(0, size * 0.5, self.fit(text), fill=fill, new_x="LMARGIN", new_y="NEXT", align="L")

    def gap(self, mm: float = 2.5) -> None:
        self.ln(mm)

    def grid(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: tuple[int, ...]) -> None:
        self.style(9)
        heading = FontFace(emphasis="BOLD" if self._has_bold else None, fill_color=(243, 244, 246))
        with self.table(
            col_widths=widths, text_align="LEFT", line_height=4.5, padding=1.2, headings_style=heading
        ) as table:
            for row in [header, *rows]:
                cells = table.row()
                for value in row:
                    cells.cell(self.fit(value))
        self.gap()

    def footer(self) -> None:
        self.set_y(-12)
        self.style(8)
        self.set_text_color(120)
        self.cell(0, 5, f"JobCircle Mock Interview - Page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0)


def _pdf_question(pdf: _Report, q: QuestionView, total: int) -> None:
    pdf.para(f"Question {q.order_index} of {total}: {q.question}", 12, bold=True)
    pdf.para(_question_meta(q), 8.5)
    pdf.gap(1.5)
    a = q.answer
    if a is None or not (a.text or "").strip():
        pdf.para(f"Your answer: {NOT_ANSWERED}", 10, bold=True)
        return
    meta = _answer_meta(a)
    pdf.para("Your answer" + (f" ({meta})" if meta else ""), 10, bold=True)
    pdf.para(a.text, 10, fill=True)
    pdf.gap(1.5)
    pdf.para(_score_line(a), 11, bold=True)
    if a.feedback:
        pdf.para(a.feedback, 10)
    pdf.gap(1.5)
    r = a.result
    if r is None:
        return
    if r.rubric:
        pdf.grid(("Criterion", "Weight", "Score", "Notes"), _criteria_rows(r), (28, 14, 12, 60))
    if r.dimensions:
        pdf.grid(("Dimension", "Score", "Notes"), _dimension_rows(r), (28, 12, 74))
    for title, items in (("Strengths", r.strengths), ("Improvements", r.improvements)):
        items = tuple(i for i in items if i.strip())
        if items:
            pdf.para(title, 10, bold=True)
            for item in items:
                pdf.para(f"- {item}", 10)
            pdf.gap(1.5)
    if r.example_answer.strip():
        pdf.para("A stronger answer", 10, bold=True)
        pdf.para(r.example_answer, 10, fill=True)


def export_pdf(detail: SessionDetail) -> bytes:
    """The results as a PDF document."""
    s = detail.summary
    pdf = _Report()
    pdf.set_title(_title(detail))
    pdf.set_creator("JobCircle Mock Interview")
    pdf.add_page()
    pdf.para(_title(detail), 18, bold=True)
    if s.job_title:
        pdf.para(f"Job: {s.job_title}", 10)
    pdf.para(_status_line(detail), 10)
    pdf.gap(4)
    pdf.para(_overall(detail), 16, bold=True)
    pdf.gap(2)
    if detail.category_scores:
        pdf.para("Scores by category", 12, bold=True)
        rows = [(_label(c.category.value), f"{c.avg:.1f}", str(c.answers)) for c in detail.category_scores]
        pdf.grid(("Category", "Average", "Answers"), rows, (60, 27, 27))
    if (detail.feedback_summary or "").strip():
        pdf.para("Summary", 12, bold=True)
        pdf.para(detail.feedback_summary, 10)
        pdf.gap(4)
    for q in detail.questions:
        if pdf.will_page_break(45):  # keep a question's heading with the start of its answer
            pdf.add_page()
        pdf.set_draw_color(200)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.gap(3)
        _pdf_question(pdf, q, s.question_count)
        pdf.gap(4)
    if pdf.lost:
        pdf.para(
            "Some characters could not be shown in this PDF because no font for them is installed; "
            "they appear as '?'. The Markdown export keeps every character.",
            8.5,
        )
    return bytes(pdf.output())
