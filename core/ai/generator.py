"""Question generation from a job and the candidate's profile (the SPEC's /api/questions/generate).

Two ``QuestionGenerator`` implementations: ``BankQuestionGenerator`` (offline, through the same selection
as a normal start) and ``LLMQuestionGenerator`` (the SPEC's prompt; replies validated, near-duplicates of
each other or of the bank dropped, topped up from the bank, the bank alone on any failure).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from core.ai.privacy import local_screen
from core.ai.prompts import QuestionDraft, QuestionsReply, generation_messages
from core.ai.provider import ChatProvider, ProviderError
from core.ai.reasons import reason_text
from core.ai.usage import LimitGate, MemoryUsageStore, UsageRecord, UsageStore
from core.dto import MAX_QUESTIONS, StartRequest
from core.errors import InvalidInput
from core.scoring.base import concrete_type
from core.selection import select_questions, time_limit_for
from core.settings import Settings
from db.enums import RUBRIC_CRITERIA, TYPE_CATEGORIES, Difficulty, InterviewType, QuestionCategory
from db.models import Job, Profile, QuestionBank

#: Generated questions this similar (token Jaccard) to another or to a bank question are dropped.
DUPLICATE_JACCARD = 0.7
#: Bank questions compared for duplicates (bounded: the bank can be large).
MAX_BANK_COMPARE = 5000
_WORD = re.compile(r"[a-z0-9]+")
# fmt: off
_STOP = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "could", "did", "do", "does", "for", "from",
    "had", "has", "have", "how", "i", "if", "in", "is", "it", "me", "of", "on", "or", "our", "please", "so",
    "tell", "that", "the", "their", "them", "then", "there", "this", "to", "was", "we", "were", "what",
    "when", "where", "which", "who", "why", "will", "with", "would", "you", "your", "describe", "explain",
    "walk", "through",
})
# fmt: on
_NUMBERING = re.compile(r"^\s*(?:\d+\s*[.):]|[-*\u2022]|q\d*\s*[.:)])\s*", re.IGNORECASE)
_DIFFICULTY_ALIASES = {
    "BEGINNER": "EASY",
    "INTERMEDIATE": "MEDIUM",
    "ADVANCED": "HARD",
    "VERY_HARD": "EXPERT",
}
_DEFAULT_HINTS: dict[InterviewType, tuple[str, ...]] = {
    InterviewType.BEHAVIORAL: (
        "Use the STAR method: situation, task, action, result.",
        "Quantify the result.",
    ),
    InterviewType.TECHNICAL: (
        "State your approach before the details.",
        "Mention the trade-offs you weighed.",
    ),
    InterviewType.CASE_STUDY: ("Frame the problem and your assumptions first.", "End with a recommendation."),
    InterviewType.SYSTEM_DESIGN: (
        "Clarify requirements and scale first.",
        "Discuss bottlenecks and trade-offs.",
    ),
}


@dataclass(frozen=True)
class GenerationRequest:
    """What to generate questions for; free text is redacted before it is sent anywhere."""

    interview_type: InterviewType
    count: int = 5
    difficulty: Difficulty = Difficulty.MEDIUM
    job_title: str | None = None
    job_description: str = ""
    required_skills: tuple[str, ...] = ()
    role: str | None = None
    industry: str | None = None
    skills: tuple[str, ...] = ()
    experience_years: int | None = None
    target_role: str | None = None
    cv_text: str | None = None
    focus_areas: tuple[QuestionCategory, ...] = ()
    user_id: str | None = None  # who is charged for AI calls; whose recent questions the bank avoids


@dataclass(frozen=True)
class GeneratedQuestion:
    question: str
    category: QuestionCategory
    difficulty: Difficulty
    interview_type: InterviewType  # the concrete rubric type
    hints: tuple[str, ...]
    rubric: dict[str, Any]  # {"criteria": [{"name", "weight"}], "key_points": [...]}
    time_limit: int  # seconds
    source: str = "llm"  # "llm" or "bank"
    bank_id: str | None = None


@dataclass(frozen=True)
class GenerationResult:
    questions: tuple[GeneratedQuestion, ...]
    engine: str  # "llm" when any question came from the LLM, else "bank"
    model: str | None = None
    fallback_reason: str | None = None  # why the LLM was not used (or gave nothing usable)
    notes: tuple[str, ...] = ()  # for the user
    dropped: int = 0  # LLM questions dropped as invalid or near-duplicates
    usage: tuple[UsageRecord, ...] = field(default=(), repr=False)


class QuestionGenerator(Protocol):
    name: str

    def generate(self, request: GenerationRequest) -> GenerationResult: ...


# ---- similarity ---------------------------------------------------------------------------------


def question_tokens(text: str) -> frozenset[str]:
    """Normalised content words of a question (stop words dropped, plural ``s`` stripped)."""
    words = (w[:-1] if len(w) > 3 and w.endswith("s") else w for w in _WORD.findall(text.lower()))
    return frozenset(w for w in words if w not in _STOP)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def is_near_duplicate(tokens: frozenset[str], others: Iterable[frozenset[str]]) -> bool:
    return any(jaccard(tokens, other) >= DUPLICATE_JACCARD for other in others)


def _rubric(itype: InterviewType, key_points: Sequence[str] = ()) -> dict[str, Any]:
    criteria = RUBRIC_CRITERIA[itype if itype in RUBRIC_CRITERIA else InterviewType.BEHAVIORAL]
    return {"criteria": [{"name": n, "weight": w} for n, w in criteria], "key_points": list(key_points)}


def _scope(itype: InterviewType) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [QuestionBank.category.in_(TYPE_CATEGORIES[itype])]
    if itype is not InterviewType.MIXED:
        where.append(QuestionBank.interview_type == itype)
    return where


# ---- offline ------------------------------------------------------------------------------------


class BankQuestionGenerator:
    """Picks bank questions for the job and profile with ``core.selection`` (no AI)."""

    name = "bank"

    def __init__(self, db: Session, *, seed: int | None = None) -> None:
        self.db = db
        self.seed = seed

    def generate(self, request: GenerationRequest) -> GenerationResult:
        questions = self.pick(request, request.count)
        return GenerationResult(tuple(questions), "bank")

    def pick(
        self, request: GenerationRequest, count: int, avoid: Sequence[frozenset[str]] = ()
    ) -> list[GeneratedQuestion]:
        """Up to ``count`` bank questions, none a near-duplicate of ``avoid`` or of each other."""
        if count <= 0:
            return []
        # Transient rows, never added to the session: selection only reads their attributes.
        job = Job(
            title=request.job_title or "",
            role=request.role,
            industry=request.industry,
            description=request.job_description,
            required_skills=list(request.required_skills),
        )
        profile = Profile(
            skills=list(request.skills), target_role=request.target_role, cv_text=request.cv_text
        )
        wanted = min(MAX_QUESTIONS, count + len(avoid) + 3)
        start = StartRequest(
            type=request.interview_type,
            question_count=wanted,
            difficulty=request.difficulty,
            focus_areas=request.focus_areas,
        )
        try:
            selection = select_questions(
                db=self.db,
                user_id=request.user_id or "",
                request=start,
                job=job,
                profile=profile,
                seed=self.seed,
            )
        except InvalidInput:
            return []
        rows = {
            r.id: r
            for r in self.db.scalars(select(QuestionBank).where(QuestionBank.id.in_(selection.bank_ids)))
        }
        seen = list(avoid)
        chosen: list[GeneratedQuestion] = []
        for bank_id in selection.bank_ids:
            row = rows[bank_id]
            tokens = question_tokens(row.question)
            if is_near_duplicate(tokens, seen):
                continue
            seen.append(tokens)
            itype = concrete_type(row.interview_type, row.category)
            chosen.append(
                GeneratedQuestion(
                    question=row.question,
                    category=row.category,
                    difficulty=row.difficulty,
                    interview_type=itype,
                    hints=tuple(row.hints or ()),
                    rubric=dict(row.rubric or _rubric(itype)),
                    time_limit=time_limit_for(row.interview_type, row.category, row.difficulty),
                    source="bank",
                    bank_id=row.id,
                )
            )
            if len(chosen) == count:
                break
        return chosen

    def bank_tokens(self, itype: InterviewType) -> list[frozenset[str]]:
        """Tokens of (at most ``MAX_BANK_COMPARE``) bank questions of this type, for duplicate checks."""
        texts = self.db.scalars(select(QuestionBank.question).where(*_scope(itype)).limit(MAX_BANK_COMPARE))
        return [question_tokens(t) for t in texts]


# ---- LLM ----------------------------------------------------------------------------------------


def validate_draft(draft: QuestionDraft, request: GenerationRequest) -> GeneratedQuestion | None:
    """A usable question from one LLM draft, or None (wrong category for the type, bad difficulty ...)."""
    text = " ".join(_NUMBERING.sub("", draft.question or "").split())
    if not 20 <= len(text) <= 600 or local_screen(text).flagged:
        return None
    raw_category = re.sub(r"[\s\-]+", "_", (draft.category or "").strip().upper())
    raw_difficulty = re.sub(r"[\s\-]+", "_", (draft.difficulty or "").strip().upper())
    try:
        category = QuestionCategory(raw_category)
        difficulty = Difficulty(_DIFFICULTY_ALIASES.get(raw_difficulty, raw_difficulty))
    except ValueError:
        return None
    if category not in TYPE_CATEGORIES[request.interview_type]:
        return None
    itype = concrete_type(request.interview_type, category)
    hints = [h.strip()[:200] for h in draft.hints if isinstance(h, str) and h.strip()][:3]
    for extra in _DEFAULT_HINTS.get(itype, _DEFAULT_HINTS[InterviewType.BEHAVIORAL]):
        if len(hints) >= 2:
            break
        hints.append(extra)
    points = [p.strip()[:200] for p in draft.key_points if isinstance(p, str) and p.strip()][:6]
    return GeneratedQuestion(
        question=text,
        category=category,
        difficulty=difficulty,
        interview_type=itype,
        hints=tuple(hints),
        rubric=_rubric(itype, points),
        time_limit=time_limit_for(itype, category, difficulty),
    )


class LLMQuestionGenerator:
    """The SPEC's generation prompt through a ``ChatProvider``; the bank fills whatever the LLM cannot."""

    name = "llm"

    def __init__(
        self,
        *,
        provider: ChatProvider,
        bank: BankQuestionGenerator,
        settings: Settings,
        usage: UsageStore | None = None,
    ) -> None:
        self.provider = provider
        self.bank = bank
        self.settings = settings
        self.usage = usage or MemoryUsageStore()

    def generate(self, request: GenerationRequest) -> GenerationResult:
        records: list[UsageRecord] = []
        try:
            drafts, reason = self._ask(request, records)
        finally:
            self.usage.record(records)
        questions: list[GeneratedQuestion] = []
        dropped = 0
        if drafts:
            seen = self.bank.bank_tokens(request.interview_type)
            for draft in drafts:
                question = validate_draft(draft, request)
                tokens = question_tokens(question.question) if question else frozenset()
                if question is None or is_near_duplicate(tokens, seen):
                    dropped += 1
                    continue
                seen.append(tokens)
                questions.append(question)
                if len(questions) == request.count:
                    break
        if not questions and reason is None:
            reason = "no_valid_questions"
        generated = len(questions)
        avoid = [question_tokens(q.question) for q in questions]
        questions += self.bank.pick(request, request.count - generated, avoid)
        notes = _notes(generated, len(questions) - generated, reason)
        engine = "llm" if generated else "bank"
        return GenerationResult(
            tuple(questions), engine, self.provider.model, reason, notes, dropped, tuple(records)
        )

    def _ask(
        self, request: GenerationRequest, records: list[UsageRecord]
    ) -> tuple[list[QuestionDraft], str | None]:
        screened = " ".join([request.job_description, request.cv_text or ""])
        if local_screen(screened).flagged:
            return [], "flagged_content"
        gate = LimitGate(self.settings, self.usage)
        gate.prepare([request.user_id])
        refused = gate.acquire(request.user_id)
        if refused:
            return [], refused
        messages = generation_messages(
            interview_type=request.interview_type,
            count=min(MAX_QUESTIONS, request.count + 2),  # spare questions for the duplicate filter
            difficulty=request.difficulty,
            job_description=request.job_description,
            job_title=request.job_title,
            required_skills=request.required_skills,
            skills=request.skills,
            experience_years=request.experience_years,
            target_role=request.target_role,
            cv_excerpt=request.cv_text,
            focus=[c.value for c in request.focus_areas],
        )
        try:
            reply = self.provider.complete(
                messages, schema=QuestionsReply, purpose="generate", user_id=request.user_id
            )
        except ProviderError as exc:
            records.extend(exc.usage)
            return [], exc.reason
        records.extend(reply.usage)
        return list(reply.parsed.questions), None


def _notes(generated: int, from_bank: int, reason: str | None) -> tuple[str, ...]:
    if generated and from_bank:
        return (
            f"{generated} question(s) were written by the AI for this job; {from_bank} come from the "
            "question bank.",
        )
    if generated:
        return (f"All {generated} questions were written by the AI for this job.",)
    return (f"{reason_text(reason or 'no_valid_questions')}, so the questions come from the question bank.",)
