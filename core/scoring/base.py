"""The scoring contract: what a scorer gets, what it returns, and the SPEC's overall-score formula.

Every engine (offline rule-based, LLM, blended) implements ``Scorer`` and returns a ``ScoreResult``,
so sessions and pages never care which engine is on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from db.enums import RUBRIC_CRITERIA, TYPE_CATEGORIES, Difficulty, InterviewType, QuestionCategory

DIMENSIONS: tuple[str, ...] = ("structure", "relevance", "specificity", "communication", "impact")
DIMENSION_WEIGHTS: Mapping[str, float] = {
    "structure": 0.15,
    "relevance": 0.30,
    "specificity": 0.25,
    "communication": 0.15,
    "impact": 0.15,
}
#: Letter grades: the lowest score that earns each.
GRADE_FLOORS: tuple[tuple[int, str], ...] = ((85, "A"), (70, "B"), (55, "C"), (40, "D"), (0, "F"))


def clamp_score(value: float) -> int:
    """Round and clamp to an integer in 0-100."""
    if value != value:  # NaN
        return 0
    return int(max(0, min(100, round(value))))


def overall_from_dimensions(dimensions: Mapping[str, float]) -> int:
    """The SPEC's calculateOverallScore: a weighted sum of the five dimensions, 0-100."""
    return clamp_score(sum(float(dimensions[name]) * w for name, w in DIMENSION_WEIGHTS.items()))


def letter_grade(score: int) -> str:
    for floor, grade in GRADE_FLOORS:
        if score >= floor:
            return grade
    return "F"


def concrete_type(interview_type: InterviewType, category: QuestionCategory) -> InterviewType:
    """The rubric type for a question: MIXED resolves by category."""
    if interview_type != InterviewType.MIXED:
        return interview_type
    for candidate in (InterviewType.BEHAVIORAL, InterviewType.TECHNICAL, InterviewType.CASE_STUDY):
        if category in TYPE_CATEGORIES[candidate]:
            return candidate
    return InterviewType.BEHAVIORAL


def rubric_criteria(
    interview_type: InterviewType, rubric: Mapping[str, Any] | None
) -> list[tuple[str, float]]:
    """(name, weight) pairs: the question's own rubric when valid, else the type's default."""
    criteria = (rubric or {}).get("criteria") if isinstance(rubric, Mapping) else None
    if isinstance(criteria, list) and criteria:
        try:
            pairs = [(str(c["name"]), float(c["weight"])) for c in criteria]
            if abs(sum(w for _, w in pairs) - 1.0) < 1e-6:
                return pairs
        except (KeyError, TypeError, ValueError):
            pass
    return list(
        RUBRIC_CRITERIA[interview_type if interview_type in RUBRIC_CRITERIA else InterviewType.BEHAVIORAL]
    )


@dataclass(frozen=True)
class ScoringInput:
    """One answer to score, with everything known about its question."""

    question: str
    answer: str
    interview_type: InterviewType
    category: QuestionCategory
    difficulty: Difficulty = Difficulty.MEDIUM
    role: str | None = None
    industry: str | None = None
    hints: tuple[str, ...] = ()
    rubric: Mapping[str, Any] | None = None  # {"criteria": [...], "key_points": [...]}
    sample_answer: str | None = None
    duration_ms: int | None = None
    time_limit_s: int | None = None
    transcript: bool = False  # transcribed speech: filler words cost little
    candidate_skills: tuple[str, ...] = ()
    user_id: str | None = None  # who is charged for AI calls


@dataclass(frozen=True)
class DimensionScore:
    score: int
    notes: str


@dataclass(frozen=True)
class CriterionScore:
    name: str
    weight: float
    score: int
    notes: str


@dataclass(frozen=True)
class ScoreResult:
    """A scored answer. ``to_feedback_json`` gives the stored ``feedbackJson`` (SPEC shape + extras)."""

    score: int
    grade: str
    dimensions: Mapping[str, DimensionScore]
    rubric: tuple[CriterionScore, ...]
    feedback: str
    strengths: tuple[str, ...] = ()
    improvements: tuple[str, ...] = ()
    example_answer: str = ""
    engine: str = "rule"  # "rule", "llm" or "blend"
    model: str | None = None
    fallback_reason: str | None = None  # why the LLM was not used, when it was meant to be
    flags: tuple[str, ...] = field(default=())  # e.g. "empty", "off_topic", "overtime", "flagged_content"

    def to_feedback_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            name: {"score": dim.score, "notes": dim.notes} for name, dim in self.dimensions.items()
        }
        data.update(
            {
                "overall": self.score,
                "grade": self.grade,
                "rubric": [
                    {"name": c.name, "weight": c.weight, "score": c.score, "notes": c.notes}
                    for c in self.rubric
                ],
                "strengths": list(self.strengths),
                "improvements": list(self.improvements),
                "example_answer": self.example_answer,
                "engine": self.engine,
                "model": self.model,
                "fallback_reason": self.fallback_reason,
                "flags": list(self.flags),
            }
        )
        return data

    @classmethod
    def from_feedback_json(cls, score: int, feedback: str, data: Mapping[str, Any]) -> ScoreResult:
        """Rebuild a result from what ``to_feedback_json`` stored."""
        dims = {
            name: DimensionScore(int(data[name]["score"]), str(data[name].get("notes", "")))
            for name in DIMENSIONS
            if isinstance(data.get(name), Mapping)
        }
        rubric = tuple(
            CriterionScore(str(c["name"]), float(c["weight"]), int(c["score"]), str(c.get("notes", "")))
            for c in data.get("rubric", [])
        )
        return cls(
            score=score,
            grade=str(data.get("grade") or letter_grade(score)),
            dimensions=dims,
            rubric=rubric,
            feedback=feedback,
            strengths=tuple(data.get("strengths", ())),
            improvements=tuple(data.get("improvements", ())),
            example_answer=str(data.get("example_answer", "")),
            engine=str(data.get("engine", "rule")),
            model=data.get("model"),
            fallback_reason=data.get("fallback_reason"),
            flags=tuple(data.get("flags", ())),
        )


@runtime_checkable
class Scorer(Protocol):
    """Scores answers. ``score_many`` may run calls concurrently; results keep the input order."""

    name: str

    def score(self, item: ScoringInput) -> ScoreResult: ...

    def score_many(self, items: Sequence[ScoringInput]) -> list[ScoreResult]: ...
