"""SQLAlchemy 2 models: the SPEC's interview models plus the users, profiles and jobs they refer to."""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import Enum, Float, ForeignKey, Index, Integer, MetaData, String, Text, func, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from db.enums import Difficulty, InterviewStatus, InterviewType, QuestionCategory, UserRole
from db.ids import new_id
from db.types import JSONDoc, StringList, UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _enum(cls: type, name: str) -> Enum:
    # Native enum types on PostgreSQL, plain VARCHAR on SQLite; stored by value (== name here).
    return Enum(cls, name=name, values_callable=lambda e: [m.value for m in e], validate_strings=True)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: UTCDateTime(), list[str]: StringList(), dict[str, Any]: JSONDoc}


def _id_column() -> Mapped[str]:
    return mapped_column(String(32), primary_key=True, default=new_id)


def _created() -> Mapped[dt.datetime]:
    return mapped_column(default=utcnow, server_default=func.now())


def _updated() -> Mapped[dt.datetime]:
    return mapped_column(default=utcnow, onupdate=utcnow, server_default=func.now())


class User(Base):
    __tablename__ = "users"

    id: Mapped[str] = _id_column()
    email: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[UserRole] = mapped_column(_enum(UserRole, "user_role"), default=UserRole.CANDIDATE)
    password_hash: Mapped[Optional[str]] = mapped_column(String(255))
    last_active_at: Mapped[Optional[dt.datetime]]  # the profile switcher starts on the most recent user
    created_at: Mapped[dt.datetime] = _created()
    updated_at: Mapped[dt.datetime] = _updated()

    profile: Mapped[Optional[Profile]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True, uselist=False
    )
    jobs: Mapped[list[Job]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )
    sessions: Mapped[list[InterviewSession]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )
    stats: Mapped[Optional[InterviewStats]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True, uselist=False
    )

    def __repr__(self) -> str:
        return f"User(id={self.id!r}, email={self.email!r}, role={self.role.value})"


class Profile(Base):
    __tablename__ = "profiles"

    id: Mapped[str] = _id_column()
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    cv_text: Mapped[Optional[str]] = mapped_column(Text)
    skills: Mapped[list[str]] = mapped_column(default=list)
    experience_years: Mapped[Optional[int]] = mapped_column(Integer)
    target_role: Mapped[Optional[str]] = mapped_column(String(120))
    industry: Mapped[Optional[str]] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = _created()
    updated_at: Mapped[dt.datetime] = _updated()

    user: Mapped[User] = relationship(back_populates="profile")

    def __repr__(self) -> str:
        return f"Profile(id={self.id!r}, user_id={self.user_id!r}, target_role={self.target_role!r})"


class Job(Base):
    __tablename__ = "jobs"

    id: Mapped[str] = _id_column()
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    company: Mapped[Optional[str]] = mapped_column(String(200))
    industry: Mapped[Optional[str]] = mapped_column(String(120))
    role: Mapped[Optional[str]] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    required_skills: Mapped[list[str]] = mapped_column(default=list)
    created_at: Mapped[dt.datetime] = _created()
    updated_at: Mapped[dt.datetime] = _updated()

    user: Mapped[User] = relationship(back_populates="jobs")
    sessions: Mapped[list[InterviewSession]] = relationship(back_populates="job")

    def __repr__(self) -> str:
        return f"Job(id={self.id!r}, title={self.title!r}, company={self.company!r})"


class InterviewSession(Base):
    __tablename__ = "interview_sessions"

    id: Mapped[str] = _id_column()
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    job_id: Mapped[Optional[str]] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"), index=True)
    type: Mapped[InterviewType] = mapped_column(
        _enum(InterviewType, "interview_type"), default=InterviewType.BEHAVIORAL, index=True
    )
    status: Mapped[InterviewStatus] = mapped_column(
        _enum(InterviewStatus, "interview_status"), default=InterviewStatus.PENDING, index=True
    )
    started_at: Mapped[Optional[dt.datetime]]
    completed_at: Mapped[Optional[dt.datetime]]
    total_score: Mapped[Optional[int]]
    feedback_summary: Mapped[Optional[str]] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = _created()
    updated_at: Mapped[dt.datetime] = _updated()

    user: Mapped[User] = relationship(back_populates="sessions")
    job: Mapped[Optional[Job]] = relationship(back_populates="sessions")
    questions: Mapped[list[InterviewQuestion]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="InterviewQuestion.order_index",
    )
    answers: Mapped[list[InterviewAnswer]] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True
    )
    share_links: Mapped[list[ShareLink]] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True
    )

    # Recent sessions of a user, newest first: the hub's most common query.
    __table_args__ = (Index("ix_interview_sessions_user_created", "user_id", "created_at"),)

    def __repr__(self) -> str:
        return f"InterviewSession(id={self.id!r}, type={self.type.value}, status={self.status.value})"


class InterviewQuestion(Base):
    __tablename__ = "interview_questions"

    id: Mapped[str] = _id_column()
    session_id: Mapped[str] = mapped_column(
        ForeignKey("interview_sessions.id", ondelete="CASCADE"), index=True
    )
    bank_id: Mapped[Optional[str]] = mapped_column(
        ForeignKey("question_bank.id", ondelete="SET NULL"), index=True
    )
    order_index: Mapped[int]
    question: Mapped[str] = mapped_column(Text)
    category: Mapped[QuestionCategory] = mapped_column(
        _enum(QuestionCategory, "question_category"), index=True
    )
    difficulty: Mapped[Difficulty] = mapped_column(_enum(Difficulty, "difficulty"), default=Difficulty.MEDIUM)
    # Which rubric applies: a MIXED session holds questions of several concrete types.
    interview_type: Mapped[InterviewType] = mapped_column(
        _enum(InterviewType, "interview_type"), default=InterviewType.BEHAVIORAL
    )
    hints: Mapped[list[str]] = mapped_column(default=list)
    rubric: Mapped[Optional[dict[str, Any]]]
    time_limit: Mapped[Optional[int]]  # seconds
    presented_at: Mapped[Optional[dt.datetime]]  # first shown to the candidate: the timer runs from here
    draft_text: Mapped[Optional[str]] = mapped_column(Text)  # typed but not yet submitted
    draft_saved_at: Mapped[Optional[dt.datetime]]
    created_at: Mapped[dt.datetime] = _created()

    session: Mapped[InterviewSession] = relationship(back_populates="questions")
    bank: Mapped[Optional[QuestionBank]] = relationship(back_populates="questions")
    answer: Mapped[Optional[InterviewAnswer]] = relationship(
        back_populates="question", cascade="all, delete-orphan", passive_deletes=True, uselist=False
    )

    def __repr__(self) -> str:
        return f"InterviewQuestion(id={self.id!r}, order_index={self.order_index})"


class InterviewAnswer(Base):
    __tablename__ = "interview_answers"

    id: Mapped[str] = _id_column()
    session_id: Mapped[str] = mapped_column(
        ForeignKey("interview_sessions.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[str] = mapped_column(
        ForeignKey("interview_questions.id", ondelete="CASCADE"), unique=True
    )
    answer_text: Mapped[Optional[str]] = mapped_column(Text)
    answer_audio: Mapped[Optional[str]] = mapped_column(String(500))  # storage key
    answer_video: Mapped[Optional[str]] = mapped_column(String(500))  # storage key
    duration_ms: Mapped[Optional[int]]
    score: Mapped[Optional[int]]
    feedback: Mapped[Optional[str]] = mapped_column(Text)
    feedback_json: Mapped[Optional[dict[str, Any]]]
    submitted_at: Mapped[dt.datetime] = mapped_column(default=utcnow, server_default=func.now())
    scored_at: Mapped[Optional[dt.datetime]]

    session: Mapped[InterviewSession] = relationship(back_populates="answers")
    question: Mapped[InterviewQuestion] = relationship(back_populates="answer")

    def __repr__(self) -> str:
        return f"InterviewAnswer(id={self.id!r}, question_id={self.question_id!r}, score={self.score})"


class QuestionBank(Base):
    __tablename__ = "question_bank"

    id: Mapped[str] = _id_column()
    # Stable key from the data files, so re-seeding updates items in place.
    key: Mapped[Optional[str]] = mapped_column(String(64), unique=True)
    question: Mapped[str] = mapped_column(Text)
    category: Mapped[QuestionCategory] = mapped_column(
        _enum(QuestionCategory, "question_category"), index=True
    )
    difficulty: Mapped[Difficulty] = mapped_column(
        _enum(Difficulty, "difficulty"), default=Difficulty.MEDIUM, index=True
    )
    interview_type: Mapped[InterviewType] = mapped_column(
        _enum(InterviewType, "interview_type"), default=InterviewType.BEHAVIORAL, index=True
    )
    industry: Mapped[Optional[str]] = mapped_column(String(120), index=True)
    role: Mapped[Optional[str]] = mapped_column(String(120), index=True)
    hints: Mapped[list[str]] = mapped_column(default=list)
    sample_answer: Mapped[Optional[str]] = mapped_column(Text)
    rubric: Mapped[dict[str, Any]]
    tags: Mapped[list[str]] = mapped_column(default=list)
    # Question text and tags in one lower-cased column: the full-text index's source.
    search_text: Mapped[str] = mapped_column(Text, default="")
    usage_count: Mapped[int] = mapped_column(default=0, server_default="0")
    avg_score: Mapped[Optional[float]] = mapped_column(Float)
    created_at: Mapped[dt.datetime] = _created()
    updated_at: Mapped[dt.datetime] = _updated()

    questions: Mapped[list[InterviewQuestion]] = relationship(back_populates="bank")

    __table_args__ = (
        Index("ix_question_bank_cat_diff_role", "category", "difficulty", "role"),
        # PostgreSQL full-text index; SQLite gets an FTS5 table in the migration instead.
        Index(
            "ix_question_bank_search",
            text("to_tsvector('english', search_text)"),
            postgresql_using="gin",
        ).ddl_if(dialect="postgresql"),
    )

    def __repr__(self) -> str:
        return f"QuestionBank(id={self.id!r}, key={self.key!r}, category={self.category.value})"


class InterviewStats(Base):
    __tablename__ = "interview_stats"

    id: Mapped[str] = _id_column()
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    total_sessions: Mapped[int] = mapped_column(default=0, server_default="0")
    completed_sessions: Mapped[int] = mapped_column(default=0, server_default="0")
    avg_score: Mapped[Optional[float]] = mapped_column(Float)
    best_score: Mapped[Optional[int]]
    last_session_at: Mapped[Optional[dt.datetime]]
    behavioral_avg: Mapped[Optional[float]] = mapped_column(Float)
    technical_avg: Mapped[Optional[float]] = mapped_column(Float)
    communication_avg: Mapped[Optional[float]] = mapped_column(Float)
    problem_solving_avg: Mapped[Optional[float]] = mapped_column(Float)
    # Averages for every QuestionCategory (the four columns above are the SPEC's subset).
    category_avgs: Mapped[Optional[dict[str, Any]]]
    weekly_progress: Mapped[Optional[list[Any]]] = mapped_column(JSONDoc)
    strengths_json: Mapped[Optional[list[Any]]] = mapped_column(JSONDoc)
    areas_to_improve_json: Mapped[Optional[list[Any]]] = mapped_column(JSONDoc)
    created_at: Mapped[dt.datetime] = _created()
    updated_at: Mapped[dt.datetime] = _updated()

    user: Mapped[User] = relationship(back_populates="stats")

    def __repr__(self) -> str:
        return f"InterviewStats(user_id={self.user_id!r}, completed={self.completed_sessions})"


class AIUsage(Base):
    """One call to an AI provider, for cost tracking and per-user limits."""

    __tablename__ = "ai_usage"

    id: Mapped[str] = _id_column()
    user_id: Mapped[Optional[str]] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = _created()
    purpose: Mapped[str] = mapped_column(String(40))  # score, generate, moderate, transcribe
    model: Mapped[str] = mapped_column(String(200))
    tokens_in: Mapped[int] = mapped_column(default=0)
    tokens_out: Mapped[int] = mapped_column(default=0)
    cost_usd: Mapped[float] = mapped_column(Float, default=0.0)
    latency_ms: Mapped[int] = mapped_column(default=0)
    outcome: Mapped[str] = mapped_column(String(40))  # ok, error, invalid, rate_limited, ...
    detail: Mapped[Optional[str]] = mapped_column(Text)

    __table_args__ = (Index("ix_ai_usage_user_created", "user_id", "created_at"),)

    def __repr__(self) -> str:
        return f"AIUsage(user_id={self.user_id!r}, purpose={self.purpose!r}, outcome={self.outcome!r})"


class ShareLink(Base):
    """A read-only link to a session's results that expires."""

    __tablename__ = "share_links"

    id: Mapped[str] = _id_column()
    token: Mapped[str] = mapped_column(String(64), unique=True)
    session_id: Mapped[str] = mapped_column(
        ForeignKey("interview_sessions.id", ondelete="CASCADE"), index=True
    )
    created_by: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = _created()
    expires_at: Mapped[dt.datetime]
    revoked_at: Mapped[Optional[dt.datetime]]

    session: Mapped[InterviewSession] = relationship(back_populates="share_links")

    def __repr__(self) -> str:
        return f"ShareLink(session_id={self.session_id!r}, expires_at={self.expires_at!r})"
