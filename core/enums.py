"""Enumerations for pages and core (defined in db.enums; re-exported so pages need not import db)."""

from db.enums import (
    RUBRIC_CRITERIA,
    TYPE_CATEGORIES,
    Difficulty,
    InterviewStatus,
    InterviewType,
    QuestionCategory,
    UserRole,
)

__all__ = [
    "RUBRIC_CRITERIA",
    "TYPE_CATEGORIES",
    "Difficulty",
    "InterviewStatus",
    "InterviewType",
    "QuestionCategory",
    "UserRole",
]
