"""Answer scoring: the Scorer protocol and its engines."""

from core.scoring.base import (
    DIMENSION_WEIGHTS,
    DIMENSIONS,
    CriterionScore,
    DimensionScore,
    Scorer,
    ScoreResult,
    ScoringInput,
    letter_grade,
    overall_from_dimensions,
)

__all__ = [
    "DIMENSIONS",
    "DIMENSION_WEIGHTS",
    "CriterionScore",
    "DimensionScore",
    "ScoreResult",
    "Scorer",
    "ScoringInput",
    "letter_grade",
    "overall_from_dimensions",
]
