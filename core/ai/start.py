"""Generated questions in the app: the generator factory, GET /api/questions/generate, and starting a
session from generated questions (the hub's "generate for this job")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.access import require_write
from core.ai.generator import (
    BankQuestionGenerator,
    GenerationRequest,
    GenerationResult,
    LLMQuestionGenerator,
    QuestionGenerator,
)
from core.ai.provider import ChatProvider
from core.ai.usage import UsageStore
from core.dto import StartedSession, StartRequest, to_question_view, to_summary
from core.errors import InvalidInput, NotFound
from core.selection import validate_request
from core.settings import Settings
from core.stats import refresh_bank_usage, refresh_session_counts
from db.enums import Difficulty, InterviewStatus, InterviewType, QuestionCategory
from db.models import InterviewQuestion, InterviewSession, Job, Profile, User
from db.types import utcnow


def make_question_generator(
    settings: Settings,
    *,
    db: Session,
    sessionmaker: Callable[[], Session] | None = None,
    provider: ChatProvider | None = None,
    usage: UsageStore | None = None,
    seed: int | None = None,
) -> QuestionGenerator:
    """The bank when AI is off; the LLM generator (topped up from the bank) when it is on.

    ``db`` is the caller's unit of work (bank reads; AI usage is flushed through it unless a
    ``sessionmaker`` or ``usage`` store is given). The generator lives no longer than ``db``.
    """
    bank = BankQuestionGenerator(db, seed=seed)
    if not settings.ai_enabled and provider is None:
        return bank
    from core.scoring.factory import shared_provider, usage_store_for

    return LLMQuestionGenerator(
        provider=provider or shared_provider(settings),
        bank=bank,
        settings=settings,
        usage=usage or usage_store_for(db=None if sessionmaker else db, sessionmaker=sessionmaker),
    )


def generation_request(
    *,
    db: Session,
    user_id: str,
    interview_type: InterviewType,
    count: int,
    difficulty: Difficulty = Difficulty.MEDIUM,
    job_id: str | None = None,
    focus_areas: tuple[QuestionCategory, ...] = (),
    use_profile: bool = True,
) -> GenerationRequest:
    """A generation request from the user's job (which they must own) and profile."""
    if db.scalar(select(User.id).where(User.id == user_id)) is None:
        raise NotFound(f"user {user_id} does not exist")
    job = None
    if job_id:
        job = db.get(Job, job_id)
        if job is None:
            raise NotFound(f"job {job_id} does not exist")
        require_write(db, user_id, job.user_id, f"job {job_id}")
    profile = db.scalar(select(Profile).where(Profile.user_id == user_id)) if use_profile else None
    return GenerationRequest(
        interview_type=interview_type,
        count=count,
        difficulty=difficulty,
        job_title=job.title if job else None,
        job_description=(job.description or "") if job else "",
        required_skills=tuple(job.required_skills or ()) if job else (),
        role=(job.role or job.title) if job else (profile.target_role if profile else None),
        industry=(job.industry if job else None) or (profile.industry if profile else None),
        skills=tuple(profile.skills or ()) if profile else (),
        experience_years=profile.experience_years if profile else None,
        target_role=profile.target_role if profile else None,
        cv_text=profile.cv_text if profile else None,
        focus_areas=tuple(focus_areas),
        user_id=user_id,
    )


def generate_questions(
    *, db: Session, user_id: str, request: StartRequest, generator: QuestionGenerator
) -> GenerationResult:
    """GET /api/questions/generate: questions for a job and the profile, without starting a session."""
    request = validate_request(request)
    greq = generation_request(
        db=db, user_id=user_id, interview_type=request.type, count=request.question_count,
        difficulty=request.difficulty, job_id=request.job_id, focus_areas=request.focus_areas,
        use_profile=request.use_profile,
    )  # fmt: skip
    return generator.generate(greq)


def start_generated_session(
    *,
    db: Session,
    user_id: str,
    request: StartRequest,
    generator: QuestionGenerator,
    now: dt.datetime | None = None,
) -> StartedSession:
    """POST /api/interviews with generated questions: like ``core.sessions.start_session``, but the
    questions come from ``generator`` (the LLM for the job, topped up from the bank)."""
    request = validate_request(request)
    result = generate_questions(db=db, user_id=user_id, request=request, generator=generator)
    if not result.questions:
        raise InvalidInput(
            f"no {request.type.value.replace('_', ' ').lower()} questions could be generated and the bank "
            "has none for this type: load the question bank (python -m db.seed) or choose another type"
        )
    now = now or utcnow()
    session = InterviewSession(
        user_id=user_id,
        job_id=request.job_id,
        type=request.type,
        status=InterviewStatus.IN_PROGRESS if request.start_now else InterviewStatus.PENDING,
        started_at=now if request.start_now else None,
        created_at=now,
    )
    for index, q in enumerate(result.questions, start=1):
        session.questions.append(
            InterviewQuestion(
                order_index=index, bank_id=q.bank_id, question=q.question, category=q.category,
                difficulty=q.difficulty, interview_type=q.interview_type, hints=list(q.hints),
                rubric=dict(q.rubric), time_limit=q.time_limit, created_at=now,
            )
        )  # fmt: skip
    db.add(session)
    db.flush()
    bank_ids = [q.bank_id for q in result.questions if q.bank_id]
    if bank_ids:
        refresh_bank_usage(db, bank_ids)
    refresh_session_counts(db=db, user_id=user_id)
    job_title = db.scalar(select(Job.title).where(Job.id == request.job_id)) if request.job_id else None
    summary = to_summary(
        session, question_count=len(session.questions), answered_count=0, job_title=job_title
    )
    questions = tuple(to_question_view(q) for q in session.questions)
    return StartedSession(summary, questions, result.notes, None)
