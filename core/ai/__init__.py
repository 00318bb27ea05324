"""The AI engine: LLM scoring and question generation over any OpenAI-compatible endpoint, with the
offline engine behind every failure, cost tracking, per-user limits, redaction and moderation.

Modules: ``provider`` (the ``ChatProvider`` protocol and the OpenAI-compatible adapter), ``fake``
(``FakeProvider`` for tests), ``jsonfix`` (JSON extraction and repair), ``prompts`` (the SPEC's prompts and
reply schemas), ``scorer`` (``LLMScorer``), ``generator`` (``QuestionGenerator`` and its two
implementations), ``start`` (generator factory, starting a session from generated questions), ``usage``
(usage records, costs, limits), ``privacy`` (redaction, local screen, injection cues), ``reasons``
(fallback reasons in words). The scorer factory is ``core.scoring.factory.make_scorer``.

Importing this package registers ``--scorer llm`` with ``python -m core.calibrate``.
"""

from __future__ import annotations

from typing import Any

from core.ai.fake import FakeProvider
from core.ai.generator import (
    BankQuestionGenerator,
    GeneratedQuestion,
    GenerationRequest,
    GenerationResult,
    LLMQuestionGenerator,
    QuestionGenerator,
)
from core.ai.provider import (
    ChatProvider,
    ChatReply,
    ModerationResult,
    OpenAICompatibleProvider,
    ProviderError,
)
from core.ai.reasons import fallback_message, reason_text
from core.ai.scorer import AIScoreResult, LLMScorer
from core.ai.start import generate_questions, make_question_generator, start_generated_session
from core.ai.usage import MemoryUsageStore, SessionmakerUsageStore, SessionUsageStore, UsageRecord, UsageStore
from core.scoring.base import Scorer

__all__ = [
    "AIScoreResult",
    "BankQuestionGenerator",
    "ChatProvider",
    "ChatReply",
    "FakeProvider",
    "GeneratedQuestion",
    "GenerationRequest",
    "GenerationResult",
    "LLMQuestionGenerator",
    "LLMScorer",
    "MemoryUsageStore",
    "ModerationResult",
    "OpenAICompatibleProvider",
    "ProviderError",
    "QuestionGenerator",
    "SessionUsageStore",
    "SessionmakerUsageStore",
    "UsageRecord",
    "UsageStore",
    "fallback_message",
    "generate_questions",
    "make_question_generator",
    "reason_text",
    "start_generated_session",
]


def _calibration_scorer(settings: Any) -> Scorer:
    """``--scorer llm``: the configured endpoint; usage kept in memory (calibration has no user)."""
    from core.calibrate import CalibrationError
    from core.scoring.factory import make_scorer

    if settings is None or not settings.ai_enabled:
        raise CalibrationError(
            "--scorer llm needs an AI endpoint: set OPENAI_BASE_URL "
            "(and OPENAI_API_KEY if the server wants one)"
        )
    return make_scorer(settings, usage=MemoryUsageStore())


def _register() -> None:
    try:
        from core.calibrate import register_scorer
    except ImportError:  # calibration is optional for the engine itself
        return
    register_scorer("llm", _calibration_scorer)


_register()
