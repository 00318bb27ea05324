"""Question generation: validation, near-duplicates, bank top-up, fallbacks, generated sessions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.ai import (
    BankQuestionGenerator,
    FakeProvider,
    GenerationRequest,
    LLMQuestionGenerator,
    OpenAICompatibleProvider,
    ProviderError,
    generate_questions,
    make_question_generator,
    start_generated_session,
)
from core.ai.generator import is_near_duplicate, jaccard, question_tokens, validate_draft
from core.ai.prompts import QuestionDraft
from core.ai.usage import SessionUsageStore
from core.dto import StartRequest
from core.errors import AccessDenied
from core.scoring.factory import make_scorer
from core.sessions import get_session, submit_answer
from core.settings import Settings
from core.users import JobInput, ProfileUpdate, create_job, update_profile
from db.enums import RUBRIC_CRITERIA, Difficulty, InterviewType, QuestionCategory
from db.models import AIUsage, InterviewQuestion, QuestionBank
from tests.ai_server import AIServer, reply, status
from tests.fakes import new_user

B = InterviewType.BEHAVIORAL
T = InterviewType.TECHNICAL


def settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": "sqlite://",
        "data_dir": Path("/tmp"),
        "openai_base_url": "http://127.0.0.1:9/v1",
        "openai_model": "fake-model",
    }
    values.update(overrides)
    return Settings(**values)


def draft(
    question: str, category: str = "LEADERSHIP", difficulty: str = "MEDIUM", **extra: Any
) -> dict[str, Any]:
    return {
        "question": question,
        "category": category,
        "difficulty": difficulty,
        "hints": extra.pop("hints", ["Pick a recent example.", "Quantify the outcome."]),
        "key_points": extra.pop("key_points", ["context", "own actions", "result"]),
        **extra,
    }


FRESH = [
    draft("Tell me about a time you had to migrate a payments service with zero downtime for merchants."),
    draft(
        "Describe how you persuaded finance to fund an observability rollout across twelve squads.",
        "COMMUNICATION",
    ),
    draft(
        "Give an example of coaching a junior engineer through their first on-call incident.",
        "BEHAVIORAL",
        "EASY",
    ),
    draft(
        "Tell me about a disagreement with a product manager over a compliance deadline.",
        "CULTURE_FIT",
        "HARD",
    ),
    draft(
        "Describe a moment you had to say no to a senior stakeholder about an unsafe release.",
        "LEADERSHIP",
        "EXPERT",
    ),
]


def request(**overrides: Any) -> GenerationRequest:
    values: dict[str, Any] = {
        "interview_type": B,
        "count": 4,
        "job_title": "Staff Engineer, Payments",
        "job_description": "Lead the payments platform team.",
        "user_id": None,
    }
    values.update(overrides)
    return GenerationRequest(**values)


def generator(db: Session, fake: FakeProvider, **overrides: Any) -> LLMQuestionGenerator:
    return LLMQuestionGenerator(
        provider=fake,
        bank=BankQuestionGenerator(db, seed=3),
        settings=settings(**overrides),
        usage=SessionUsageStore(db),
    )


# ---- validation ----------------------------------------------------------------------------------


def test_a_valid_draft_becomes_a_question_with_the_types_rubric() -> None:
    q = validate_draft(
        QuestionDraft(
            **draft("1. Tell me about a time you led a migration under pressure?", difficulty="advanced")
        ),
        request(),
    )
    assert q is not None
    assert q.question == "Tell me about a time you led a migration under pressure?"
    assert q.category is QuestionCategory.LEADERSHIP and q.difficulty is Difficulty.HARD
    assert q.interview_type is B and 2 <= len(q.hints) <= 3 and q.time_limit > 0
    assert [c["name"] for c in q.rubric["criteria"]] == [n for n, _ in RUBRIC_CRITERIA[B]]
    assert q.rubric["key_points"] == ["context", "own actions", "result"]


@pytest.mark.parametrize(
    "bad",
    [
        draft(
            "Explain how a B-tree index speeds up range queries in PostgreSQL.", "TECHNICAL"
        ),  # not behavioral
        draft("Tell me about a time you led a migration under pressure.", "LEADERSHIP", "LEGENDARY"),
        draft("Why?"),
        draft("Tell me about a time you led a migration under pressure.", "SOMETHING_ELSE"),
    ],
    ids=["category-outside-type", "bad-difficulty", "too-short", "unknown-category"],
)
def test_invalid_drafts_are_dropped(bad: dict[str, Any]) -> None:
    assert validate_draft(QuestionDraft(**bad), request()) is None


def test_hints_are_kept_to_two_or_three() -> None:
    one = validate_draft(
        QuestionDraft(**draft("Tell me about leading a hard migration at work.", hints=["x"])), request()
    )
    many = validate_draft(
        QuestionDraft(
            **draft("Tell me about leading a hard migration at work.", hints=["a", "b", "c", "d", "e"])
        ),
        request(),
    )
    assert one is not None and len(one.hints) == 2 and one.hints[0] == "x"
    assert many is not None and many.hints == ("a", "b", "c")


def test_mixed_interviews_resolve_the_rubric_by_category() -> None:
    q = validate_draft(
        QuestionDraft(**draft("Explain how you would shard a ledger table with hot accounts.", "TECHNICAL")),
        request(interview_type=InterviewType.MIXED),
    )
    assert q is not None and q.interview_type is T
    assert [c["name"] for c in q.rubric["criteria"]][0] == "Accuracy"


def test_near_duplicates_by_token_jaccard() -> None:
    a = question_tokens("Tell me about a time you led a team through a difficult deadline.")
    b = question_tokens("Describe a time when you led your team through a difficult deadline!")
    c = question_tokens("How would you design a rate limiter for a public API?")
    assert jaccard(a, b) >= 0.7 and is_near_duplicate(a, [c, b]) and not is_near_duplicate(a, [c])


# ---- the LLM generator ---------------------------------------------------------------------------


def test_generated_questions_are_validated_deduplicated_and_topped_up(db: Session) -> None:
    bank_q = db.scalars(select(QuestionBank.question).where(QuestionBank.interview_type == B)).first()
    assert bank_q is not None
    drafts = [
        FRESH[0],
        draft(FRESH[0]["question"].replace("Tell me about", "Describe")),  # duplicate of the first
        draft(bank_q),  # duplicate of the bank
        draft("Explain how consistent hashing works in a cache cluster.", "TECHNICAL"),  # wrong type
        FRESH[1],
    ]
    fake = FakeProvider().enqueue({"questions": drafts})
    result = generator(db, fake).generate(request(count=4))
    sources = [q.source for q in result.questions]
    assert sources == ["llm", "llm", "bank", "bank"]
    assert [q.question for q in result.questions[:2]] == [FRESH[0]["question"], FRESH[1]["question"]]
    assert result.engine == "llm" and result.dropped == 3 and result.fallback_reason is None
    assert "2 question(s) were written by the AI" in result.notes[0]
    texts = [question_tokens(q.question) for q in result.questions]
    assert not any(is_near_duplicate(t, texts[:i]) for i, t in enumerate(texts))
    assert all(q.bank_id for q in result.questions[2:])


def test_the_prompt_follows_the_spec_and_is_redacted(db: Session) -> None:
    fake = FakeProvider().enqueue({"questions": FRESH})
    generator(db, fake).generate(
        request(
            count=3,
            skills=("Go", "Kafka"),
            experience_years=9,
            target_role="Engineering Manager",
            job_description="Payments lead. Apply via hiring@acme.example or +1 415 555 0134.",
            cv_text="Ada Lovelace, ada@example.com, 12 years building payment systems.",
        )
    )
    call = fake.history[0]
    assert call.purpose == "generate"
    prompt = call.prompt
    assert "Generate 5 BEHAVIORAL interview questions" in prompt  # two spare for the duplicate filter
    assert "- Skills: Go, Kafka" in prompt and "- Experience: 9 years" in prompt
    assert "- Target Role: Engineering Manager" in prompt
    assert (
        "hiring@acme.example" not in prompt and "ada@example.com" not in prompt and "555 0134" not in prompt
    )
    assert "Return a JSON object" in prompt


@pytest.mark.parametrize(
    "failure", [ProviderError("timeout", "slow"), "no json here"], ids=["timeout", "prose"]
)
def test_failures_fall_back_to_the_bank(db: Session, failure: Any) -> None:
    result = generator(db, FakeProvider().enqueue(failure)).generate(request(count=3))
    assert result.engine == "bank" and len(result.questions) == 3
    assert all(q.source == "bank" for q in result.questions) and result.fallback_reason
    assert "come from the question bank" in result.notes[0]


def test_an_empty_question_list_falls_back_with_a_reason(db: Session) -> None:
    result = generator(db, FakeProvider().enqueue({"questions": []})).generate(request(count=2))
    assert (
        result.engine == "bank"
        and result.fallback_reason == "no_valid_questions"
        and len(result.questions) == 2
    )


def test_flagged_job_text_is_never_sent(db: Session) -> None:
    fake = FakeProvider()
    result = generator(db, fake).generate(request(job_description="I will find where you live."))
    assert fake.history == [] and result.fallback_reason == "flagged_content" and result.questions


def test_generation_is_recorded_and_limited_per_user(db: Session) -> None:
    user = new_user(db)
    fake = FakeProvider()
    fake.default = {"questions": FRESH}
    gen = generator(db, fake, ai_calls_per_hour=1)
    first = gen.generate(request(user_id=user))
    second = gen.generate(request(user_id=user))
    assert first.engine == "llm" and second.engine == "bank" and second.fallback_reason == "rate_limited"
    rows = db.scalars(select(AIUsage).where(AIUsage.user_id == user)).all()
    assert [(r.purpose, r.outcome) for r in rows] == [("generate", "ok")]


def test_the_factory_gives_the_bank_when_ai_is_off(db: Session) -> None:
    gen = make_question_generator(settings(openai_base_url=None), db=db)
    assert isinstance(gen, BankQuestionGenerator)
    result = gen.generate(request(count=3))
    assert result.engine == "bank" and len(result.questions) == 3


# ---- sessions from generated questions, against the local server ---------------------------------


@pytest.fixture
def server() -> Iterator[AIServer]:
    with AIServer() as running:
        yield running


def test_start_a_session_generated_for_a_job_and_answer_it(db: Session, server: AIServer) -> None:
    user = new_user(db)
    update_profile(
        db=db,
        user_id=user,
        update=ProfileUpdate(skills=["Go", "Kafka"], experience_years=9, target_role="Staff Engineer"),
    )
    job = create_job(
        db=db,
        user_id=user,
        job=JobInput(title="Staff Engineer", description="Own payments.", required_skills=["Go"]),
    )
    server.default = reply({"questions": FRESH})
    ai = settings(openai_base_url=server.base_url)
    provider = OpenAICompatibleProvider.from_settings(ai, backoff_s=0.001)
    gen = make_question_generator(ai, db=db, provider=provider)
    started = start_generated_session(
        db=db,
        user_id=user,
        generator=gen,
        request=StartRequest(type=B, job_id=job.id, question_count=5, difficulty=Difficulty.HARD),
    )
    assert len(started.questions) == 5 and started.session.job_title == "Staff Engineer"
    assert started.notes == ("All 5 questions were written by the AI for this job.",)
    sent = server.chat_requests[0]
    assert sent["response_format"]["type"] == "json_schema"
    assert "Own payments." in sent["messages"][1]["content"]
    rows = db.scalars(
        select(InterviewQuestion)
        .where(InterviewQuestion.session_id == started.session.id)
        .order_by(InterviewQuestion.order_index)
    ).all()
    assert [r.bank_id for r in rows] == [None] * 5
    assert all(2 <= len(r.hints) <= 3 and r.time_limit and (r.rubric or {})["criteria"] for r in rows)
    scorer = make_scorer(ai, db=db, provider=provider)
    server.default = status(500)
    answered = submit_answer(
        db=db,
        user_id=user,
        session_id=started.session.id,
        question_id=started.questions[0].id,
        text="I led the migration " * 20,
        duration_ms=None,
        scorer=scorer,
    )
    assert answered.answer.score is not None and answered.answer.engine == "rule"
    assert get_session(db=db, user_id=user, session_id=started.session.id).summary.answered_count == 1
    usage = db.scalars(select(AIUsage.purpose).where(AIUsage.user_id == user)).all()
    assert "generate" in usage and "score" in usage


def test_a_failing_server_still_starts_a_session_from_the_bank(db: Session, server: AIServer) -> None:
    user = new_user(db)
    server.default = status(503)
    ai = settings(openai_base_url=server.base_url, ai_max_retries=1)
    gen = make_question_generator(ai, db=db, provider=OpenAICompatibleProvider.from_settings(ai, backoff_s=0))
    started = start_generated_session(
        db=db, user_id=user, generator=gen, request=StartRequest(type=T, question_count=3)
    )
    assert len(started.questions) == 3 and all(q.bank_id for q in started.questions)
    assert "could not" not in started.notes[0] and "question bank" in started.notes[0]
    assert len(server.chat_requests) == 2


def test_someone_elses_job_is_refused(db: Session) -> None:
    owner, other = new_user(db), new_user(db, "eve")
    job = create_job(db=db, user_id=owner, job=JobInput(title="Nurse"))
    with pytest.raises(AccessDenied):
        generate_questions(
            db=db, user_id=other, generator=BankQuestionGenerator(db), request=StartRequest(job_id=job.id)
        )


def test_the_result_is_plain_data(db: Session) -> None:
    result = BankQuestionGenerator(db).generate(request(count=2))
    json.dumps([q.question for q in result.questions])
    assert {q.source for q in result.questions} == {"bank"}
