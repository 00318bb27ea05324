"""Enumerations shared by the database models and the core."""

from __future__ import annotations

import enum


class InterviewType(enum.StrEnum):
    BEHAVIORAL = "BEHAVIORAL"
    TECHNICAL = "TECHNICAL"
    CASE_STUDY = "CASE_STUDY"
    SYSTEM_DESIGN = "SYSTEM_DESIGN"
    MIXED = "MIXED"


class InterviewStatus(enum.StrEnum):
    PENDING = "PENDING"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    ABANDONED = "ABANDONED"


class QuestionCategory(enum.StrEnum):
    BEHAVIORAL = "BEHAVIORAL"
    TECHNICAL = "TECHNICAL"
    PROBLEM_SOLVING = "PROBLEM_SOLVING"
    COMMUNICATION = "COMMUNICATION"
    LEADERSHIP = "LEADERSHIP"
    CULTURE_FIT = "CULTURE_FIT"
    ROLE_SPECIFIC = "ROLE_SPECIFIC"


class Difficulty(enum.StrEnum):
    EASY = "EASY"
    MEDIUM = "MEDIUM"
    HARD = "HARD"
    EXPERT = "EXPERT"


class UserRole(enum.StrEnum):
    CANDIDATE = "CANDIDATE"
    COACH = "COACH"
    ADMIN = "ADMIN"


#: Question categories that belong to each interview type (MIXED spans them all).
TYPE_CATEGORIES: dict[InterviewType, tuple[QuestionCategory, ...]] = {
    InterviewType.BEHAVIORAL: (
        QuestionCategory.BEHAVIORAL,
        QuestionCategory.LEADERSHIP,
        QuestionCategory.COMMUNICATION,
        QuestionCategory.CULTURE_FIT,
    ),
    InterviewType.TECHNICAL: (
        QuestionCategory.TECHNICAL,
        QuestionCategory.ROLE_SPECIFIC,
        QuestionCategory.PROBLEM_SOLVING,
    ),
    InterviewType.CASE_STUDY: (
        QuestionCategory.PROBLEM_SOLVING,
        QuestionCategory.ROLE_SPECIFIC,
        QuestionCategory.LEADERSHIP,
    ),
    InterviewType.SYSTEM_DESIGN: (QuestionCategory.TECHNICAL, QuestionCategory.PROBLEM_SOLVING),
    InterviewType.MIXED: tuple(QuestionCategory),
}

#: Rubric criteria (name, weight) for each concrete interview type, from the SPEC (case study is ours).
RUBRIC_CRITERIA: dict[InterviewType, tuple[tuple[str, float], ...]] = {
    InterviewType.BEHAVIORAL: (("Situation", 0.20), ("Task", 0.20), ("Action", 0.30), ("Result", 0.30)),
    InterviewType.TECHNICAL: (
        ("Accuracy", 0.40),
        ("Depth", 0.25),
        ("Trade-offs", 0.20),
        ("Communication", 0.15),
    ),
    InterviewType.SYSTEM_DESIGN: (
        ("Requirements", 0.15),
        ("High-Level Design", 0.25),
        ("Deep Dive", 0.25),
        ("Scalability", 0.20),
        ("Trade-offs", 0.15),
    ),
    InterviewType.CASE_STUDY: (
        ("Framing", 0.20),
        ("Analysis", 0.30),
        ("Quantification", 0.20),
        ("Recommendation", 0.30),
    ),
}
