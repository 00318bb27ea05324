"""Initial schema: users, profiles, jobs, interview sessions/questions/answers, question bank, stats,
AI usage and share links; full-text search on the bank (FTS5 on SQLite, GIN tsvector on PostgreSQL).

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sqlalchemy.dialects import postgresql

import db.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Enum types are created once up front (several tables share them), hence create_type=False.
QUESTION_CATEGORY = postgresql.ENUM(
    "BEHAVIORAL",
    "TECHNICAL",
    "PROBLEM_SOLVING",
    "COMMUNICATION",
    "LEADERSHIP",
    "CULTURE_FIT",
    "ROLE_SPECIFIC",
    name="question_category",
    create_type=False,
)
DIFFICULTY = postgresql.ENUM(
    "EASY", "MEDIUM", "HARD", "EXPERT", name="difficulty", create_type=False
)
INTERVIEW_TYPE = postgresql.ENUM(
    "BEHAVIORAL",
    "TECHNICAL",
    "CASE_STUDY",
    "SYSTEM_DESIGN",
    "MIXED",
    name="interview_type",
    create_type=False,
)
USER_ROLE = postgresql.ENUM(
    "CANDIDATE", "COACH", "ADMIN", name="user_role", create_type=False
)
INTERVIEW_STATUS = postgresql.ENUM(
    "PENDING",
    "IN_PROGRESS",
    "COMPLETED",
    "ABANDONED",
    name="interview_status",
    create_type=False,
)
JSON_DOC = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
ENUMS = (QUESTION_CATEGORY, DIFFICULTY, INTERVIEW_TYPE, USER_ROLE, INTERVIEW_STATUS)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for enum_type in ENUMS:
            enum_type.create(bind, checkfirst=True)

    op.create_table(
        "question_bank",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("category", QUESTION_CATEGORY, nullable=False),
        sa.Column("difficulty", DIFFICULTY, nullable=False),
        sa.Column("interview_type", INTERVIEW_TYPE, nullable=False),
        sa.Column("industry", sa.String(length=120), nullable=True),
        sa.Column("role", sa.String(length=120), nullable=True),
        sa.Column("hints", db.types.StringList(), nullable=False),
        sa.Column("sample_answer", sa.Text(), nullable=True),
        sa.Column("rubric", JSON_DOC, nullable=False),
        sa.Column("tags", db.types.StringList(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("usage_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("avg_score", sa.Float(), nullable=True),
        sa.Column(
            "created_at",
            db.types.UTCDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            db.types.UTCDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_bank")),
        sa.UniqueConstraint("key", name=op.f("uq_question_bank_key")),
    )
    with op.batch_alter_table("question_bank", schema=None) as batch_op:
        batch_op.create_index(
            "ix_question_bank_cat_diff_role",
            ["category", "difficulty", "role"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_question_bank_category"), ["category"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_question_bank_difficulty"), ["difficulty"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_question_bank_industry"), ["industry"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_question_bank_interview_type"),
            ["interview_type"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_question_bank_role"), ["role"], unique=False
        )

    op.create_table(
        "users",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("role", USER_ROLE, nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column(
            "created_at",
            db.types.UTCDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            db.types.UTCDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    op.create_table(
        "ai_usage",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=True),
        sa.Column(
            "created_at",
            db.types.UTCDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.Column("purpose", sa.String(length=40), nullable=False),
        sa.Column("model", sa.String(length=200), nullable=False),
        sa.Column("tokens_in", sa.Integer(), nullable=False),
        sa.Column("tokens_out", sa.Integer(), nullable=False),
        sa.Column("cost_usd", sa.Float(), nullable=False),
        sa.Column("latency_ms", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_ai_usage_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ai_usage")),
    )
    with op.batch_alter_table("ai_usage", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ai_usage_user_created", ["user_id", "created_at"], unique=False
        )

    op.create_table(
        "interview_stats",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("total_sessions", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "completed_sessions", sa.Integer(), server_default="0", nullable=False
        ),
        sa.Column("avg_score", sa.Float(), nullable=True),
        sa.Column("best_score", sa.Integer(), nullable=True),
        sa.Column(
            "last_session_at", db.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("behavioral_avg", sa.Float(), nullable=True),
        sa.Column("technical_avg", sa.Float(), nullable=True),
        sa.Column("communication_avg", sa.Float(), nullable=True),
        sa.Column("problem_solving_avg", sa.Float(), nullable=True),
        sa.Column("category_avgs", JSON_DOC, nullable=True),
        sa.Column("weekly_progress", JSON_DOC, nullable=True),
        sa.Column("strengths_json", JSON_DOC, nullable=True),
        sa.Column("areas_to_improve_json", JSON_DOC, nullable=True),
        sa.Column(
            "created_at",
            db.types.UTCDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            db.types.UTCDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_interview_stats_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_stats")),
        sa.UniqueConstraint("user_id", name=op.f("uq_interview_stats_user_id")),
    )
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("company", sa.String(length=200), nullable=True),
        sa.Column("industry", sa.String(length=120), nullable=True),
        sa.Column("role", sa.String(length=120), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("required_skills", db.types.StringList(), nullable=False),
        sa.Column(
            "created_at",
            db.types.UTCDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            db.types.UTCDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_jobs_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
    )
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_jobs_user_id"), ["user_id"], unique=False)

    op.create_table(
        "profiles",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("cv_text", sa.Text(), nullable=True),
        sa.Column("skills", db.types.StringList(), nullable=False),
        sa.Column("experience_years", sa.Integer(), nullable=True),
        sa.Column("target_role", sa.String(length=120), nullable=True),
        sa.Column("industry", sa.String(length=120), nullable=True),
        sa.Column(
            "created_at",
            db.types.UTCDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            db.types.UTCDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_profiles_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profiles")),
        sa.UniqueConstraint("user_id", name=op.f("uq_profiles_user_id")),
    )
    op.create_table(
        "interview_sessions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("job_id", sa.String(length=32), nullable=True),
        sa.Column("type", INTERVIEW_TYPE, nullable=False),
        sa.Column("status", INTERVIEW_STATUS, nullable=False),
        sa.Column("started_at", db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("completed_at", db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("total_score", sa.Integer(), nullable=True),
        sa.Column("feedback_summary", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            db.types.UTCDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            db.types.UTCDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["jobs.id"],
            name=op.f("fk_interview_sessions_job_id_jobs"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_interview_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_sessions")),
    )
    with op.batch_alter_table("interview_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interview_sessions_job_id"), ["job_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_interview_sessions_status"), ["status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_interview_sessions_type"), ["type"], unique=False
        )
        batch_op.create_index(
            "ix_interview_sessions_user_created",
            ["user_id", "created_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_interview_sessions_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "interview_questions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("session_id", sa.String(length=32), nullable=False),
        sa.Column("bank_id", sa.String(length=32), nullable=True),
        sa.Column("order_index", sa.Integer(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("category", QUESTION_CATEGORY, nullable=False),
        sa.Column("difficulty", DIFFICULTY, nullable=False),
        sa.Column("interview_type", INTERVIEW_TYPE, nullable=False),
        sa.Column("hints", db.types.StringList(), nullable=False),
        sa.Column("rubric", JSON_DOC, nullable=True),
        sa.Column("time_limit", sa.Integer(), nullable=True),
        sa.Column(
            "created_at",
            db.types.UTCDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["bank_id"],
            ["question_bank.id"],
            name=op.f("fk_interview_questions_bank_id_question_bank"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["interview_sessions.id"],
            name=op.f("fk_interview_questions_session_id_interview_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_questions")),
    )
    with op.batch_alter_table("interview_questions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interview_questions_bank_id"), ["bank_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_interview_questions_category"), ["category"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_interview_questions_session_id"),
            ["session_id"],
            unique=False,
        )

    op.create_table(
        "share_links",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("session_id", sa.String(length=32), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column(
            "created_at",
            db.types.UTCDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.Column("expires_at", db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", db.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_share_links_created_by_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["interview_sessions.id"],
            name=op.f("fk_share_links_session_id_interview_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_links")),
        sa.UniqueConstraint("token", name=op.f("uq_share_links_token")),
    )
    with op.batch_alter_table("share_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_share_links_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "interview_answers",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("session_id", sa.String(length=32), nullable=False),
        sa.Column("question_id", sa.String(length=32), nullable=False),
        sa.Column("answer_text", sa.Text(), nullable=True),
        sa.Column("answer_audio", sa.String(length=500), nullable=True),
        sa.Column("answer_video", sa.String(length=500), nullable=True),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("feedback", sa.Text(), nullable=True),
        sa.Column("feedback_json", JSON_DOC, nullable=True),
        sa.Column(
            "submitted_at",
            db.types.UTCDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.Column("scored_at", db.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["interview_questions.id"],
            name=op.f("fk_interview_answers_question_id_interview_questions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["interview_sessions.id"],
            name=op.f("fk_interview_answers_session_id_interview_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_answers")),
        sa.UniqueConstraint(
            "question_id", name=op.f("uq_interview_answers_question_id")
        ),
    )
    with op.batch_alter_table("interview_answers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interview_answers_session_id"), ["session_id"], unique=False
        )

    if bind.dialect.name == "postgresql":
        op.create_index(
            "ix_question_bank_search",
            "question_bank",
            [sa.text("to_tsvector('english', search_text)")],
            postgresql_using="gin",
        )
    elif bind.dialect.name == "sqlite":
        # External-content FTS5 index over question_bank.search_text, kept in step by triggers.
        op.execute(
            "CREATE VIRTUAL TABLE question_bank_fts USING fts5("
            "search_text, content='question_bank', content_rowid='rowid', tokenize='porter unicode61')"
        )
        op.execute(
            "CREATE TRIGGER question_bank_fts_ai AFTER INSERT ON question_bank BEGIN "
            "INSERT INTO question_bank_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END"
        )
        op.execute(
            "CREATE TRIGGER question_bank_fts_ad AFTER DELETE ON question_bank BEGIN "
            "INSERT INTO question_bank_fts(question_bank_fts, rowid, search_text) "
            "VALUES ('delete', old.rowid, old.search_text); END"
        )
        op.execute(
            "CREATE TRIGGER question_bank_fts_au AFTER UPDATE OF search_text ON question_bank BEGIN "
            "INSERT INTO question_bank_fts(question_bank_fts, rowid, search_text) "
            "VALUES ('delete', old.rowid, old.search_text); "
            "INSERT INTO question_bank_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END"
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.drop_index("ix_question_bank_search", table_name="question_bank")
    elif bind.dialect.name == "sqlite":
        for trigger in (
            "question_bank_fts_ai",
            "question_bank_fts_ad",
            "question_bank_fts_au",
        ):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS question_bank_fts")
    with op.batch_alter_table("interview_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interview_answers_session_id"))

    op.drop_table("interview_answers")
    with op.batch_alter_table("share_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_share_links_session_id"))

    op.drop_table("share_links")
    with op.batch_alter_table("interview_questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interview_questions_session_id"))
        batch_op.drop_index(batch_op.f("ix_interview_questions_category"))
        batch_op.drop_index(batch_op.f("ix_interview_questions_bank_id"))

    op.drop_table("interview_questions")
    with op.batch_alter_table("interview_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interview_sessions_user_id"))
        batch_op.drop_index("ix_interview_sessions_user_created")
        batch_op.drop_index(batch_op.f("ix_interview_sessions_type"))
        batch_op.drop_index(batch_op.f("ix_interview_sessions_status"))
        batch_op.drop_index(batch_op.f("ix_interview_sessions_job_id"))

    op.drop_table("interview_sessions")
    op.drop_table("profiles")
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jobs_user_id"))

    op.drop_table("jobs")
    op.drop_table("interview_stats")
    with op.batch_alter_table("ai_usage", schema=None) as batch_op:
        batch_op.drop_index("ix_ai_usage_user_created")

    op.drop_table("ai_usage")
    op.drop_table("users")
    with op.batch_alter_table("question_bank", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_question_bank_role"))
        batch_op.drop_index(batch_op.f("ix_question_bank_interview_type"))
        batch_op.drop_index(batch_op.f("ix_question_bank_industry"))
        batch_op.drop_index(batch_op.f("ix_question_bank_difficulty"))
        batch_op.drop_index(batch_op.f("ix_question_bank_category"))
        batch_op.drop_index("ix_question_bank_cat_diff_role")

    op.drop_table("question_bank")
    if bind.dialect.name == "postgresql":
        for enum_type in ENUMS:
            enum_type.drop(bind, checkfirst=True)
