"""The AI scorer: LLM scoring per the SPEC's prompt, checked, blended with the offline engine, never fatal.

For each answer:

1. The offline engine scores it first (always: it is the fallback and half of the blend).
2. Screening: the answer is redacted (e-mail, phone, card numbers); the local abuse screen runs, then the
   provider's moderation endpoint when it has one. Flagged content is not sent to the LLM.
3. Limits: the user's calls in the last hour and spend today (``core.ai.usage``). Over a limit, no call.
4. The LLM call, with bounded retries for transient errors (``core.ai.provider``).
5. Defence in depth on the reply: scores clamped to 0-100 (a reply with most numbers out of range is
   refused), the overall recomputed from the five dimensions with the SPEC weights, each dimension and
   criterion blended with the offline score by ``ai_score_blend``, and two caps: an answer that tries to
   instruct the scorer never scores above the offline engine, and an answer the offline engine finds
   empty, gibberish, a restatement, off topic or keyword stuffing scores at most ``DIVERGENCE_CAP`` above it.

Any failure returns the offline result with ``engine="rule"``, the model and ``fallback_reason`` set.
``score_many`` runs the LLM calls in a thread pool of ``ai_concurrency`` workers; workers touch no
database session: usage records are collected and written by the calling thread.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, fields
from typing import Any

from core.ai.jsonfix import ReplyError
from core.ai.privacy import ScreenVerdict, injection_cues, local_screen, redact
from core.ai.prompts import ScoreReply, scoring_messages
from core.ai.provider import ChatProvider, ChatReply, ProviderError
from core.ai.reasons import fallback_message
from core.ai.usage import LimitGate, MemoryUsageStore, UsageRecord, UsageStore, limit_message
from core.scoring.base import (
    DIMENSIONS,
    CriterionScore,
    DimensionScore,
    Scorer,
    ScoreResult,
    ScoringInput,
    concrete_type,
    letter_grade,
    overall_from_dimensions,
    rubric_criteria,
)
from core.settings import Settings

#: Offline flags that mean "there is little here": the LLM may not score far above the offline engine.
WEAK_FLAGS = frozenset({"empty", "gibberish", "restates_question", "off_topic", "keyword_stuffing"})
DIVERGENCE_CAP = 10
#: A reply with more than this many of the five dimensions out of 0-100 is refused, not clamped.
MAX_OUT_OF_RANGE = 2
MAX_FEEDBACK_CHARS = 1200
MAX_EXAMPLE_CHARS = 2500


@dataclass(frozen=True)
class AIScoreResult(ScoreResult):
    """A ``ScoreResult`` that also stores how the LLM and offline scores were combined."""

    calibration: Mapping[str, Any] | None = None
    notice: str | None = None  # for the UI: why the answer was scored offline, or what was adjusted

    def to_feedback_json(self) -> dict[str, Any]:
        data = super().to_feedback_json()
        if self.calibration is not None:
            data["calibration"] = dict(self.calibration)
        if self.notice:
            data["notice"] = self.notice
        return data


def _with(result: ScoreResult, **changes: Any) -> AIScoreResult:
    values = {f.name: getattr(result, f.name) for f in fields(ScoreResult)}
    values.update(changes)
    return AIScoreResult(**values)


def _merge_flags(*groups: Sequence[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        for flag in group:
            seen.setdefault(flag, None)
    return tuple(seen)


def _clean_list(items: Sequence[str], limit: int = 3) -> tuple[str, ...]:
    return tuple(s.strip()[:300] for s in items if isinstance(s, str) and s.strip())[:limit]


def _key(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


@dataclass
class _Job:
    """One answer's way through the scorer."""

    item: ScoringInput
    offline: ScoreResult
    answer: str = ""  # redacted
    flags: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    skip: str | None = None  # fallback reason decided before any call
    reply: ChatReply[ScoreReply] | None = None
    error: str | None = None
    usage: list[UsageRecord] = field(default_factory=list)


class LLMScorer:
    """``Scorer`` backed by a ``ChatProvider``, falling back to (and blended with) an offline scorer."""

    name = "llm"

    def __init__(
        self,
        *,
        provider: ChatProvider,
        offline: Scorer,
        settings: Settings,
        usage: UsageStore | None = None,
        blend: float | None = None,
    ) -> None:
        self.provider = provider
        self.offline = offline
        self.settings = settings
        self.usage = usage or MemoryUsageStore()
        weight = settings.ai_score_blend if blend is None else blend
        self.blend = min(1.0, max(0.0, float(weight)))

    @property
    def model(self) -> str:
        return self.provider.model

    def score(self, item: ScoringInput) -> ScoreResult:
        return self.score_many([item])[0]

    def score_many(self, items: Sequence[ScoringInput]) -> list[ScoreResult]:
        offline = self.offline.score_many(items)
        jobs = [self._screen(item, off) for item, off in zip(items, offline, strict=True)]
        gate = LimitGate(self.settings, self.usage)
        gate.prepare(job.item.user_id for job in jobs if job.skip is None)
        calls = []
        for job in jobs:
            if job.skip is None:
                job.skip = gate.acquire(job.item.user_id)
            if job.skip is None:
                calls.append(job)
        try:
            if len(calls) == 1:
                self._call(calls[0], gate)
            elif calls:
                # NOTE: workers only talk HTTP and fill their own _Job; no database session crosses threads.
                workers = max(1, min(self.settings.ai_concurrency, len(calls)))
                with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ai-score") as pool:
                    list(pool.map(lambda job: self._call(job, gate), calls))
        finally:
            self.usage.record([record for job in jobs for record in job.usage])
        return [self._finish(job) for job in jobs]

    # ---- steps ------------------------------------------------------------------------------------

    def _screen(self, item: ScoringInput, offline: ScoreResult) -> _Job:
        job = _Job(item, offline, answer=redact(item.answer or ""))
        if not job.answer.strip():
            job.skip = "empty_answer"
            return job
        verdict = local_screen(item.answer)
        if verdict.flagged:
            job.skip = "flagged_content"
            job.flags = ("flagged_content",)
            return job
        job.cues = injection_cues(item.answer)
        if job.cues:
            job.flags = ("prompt_injection",)
        return job

    def _call(self, job: _Job, gate: LimitGate) -> None:
        """Worker: provider moderation, then the scoring call. Fills ``job``; never raises."""
        try:
            moderation = self.provider.moderate(job.answer, user_id=job.item.user_id)
            job.usage.extend(moderation.usage)
            if _flagged(moderation.verdict):
                job.skip = "flagged_content"
                job.flags = _merge_flags(job.flags, ("flagged_content",))
                return
            if gate.over_budget(job.item.user_id):
                job.skip = "daily_budget"
                return
            messages = scoring_messages(job.item, job.answer)
            job.reply = self.provider.complete(
                messages, schema=ScoreReply, purpose="score", user_id=job.item.user_id
            )
            job.usage.extend(job.reply.usage)
        except ProviderError as exc:
            job.error = exc.reason
            job.usage.extend(exc.usage)
        except Exception as exc:  # noqa: BLE001 - a bug in a provider must not lose the answer
            job.error = "error"
            job.usage.append(
                UsageRecord(
                    purpose="score",
                    model=self.model,
                    outcome="error",
                    user_id=job.item.user_id,
                    detail=f"{type(exc).__name__}: {exc}"[:300],
                )
            )
        finally:
            gate.charge(job.item.user_id, job.usage)

    def _finish(self, job: _Job) -> ScoreResult:
        reason = job.skip or job.error
        if reason is None and job.reply is not None:
            try:
                return self._combine(job, job.reply)
            except ReplyError as exc:
                reason = exc.reason
        return self._fallback(job, reason or "error")

    def _fallback(self, job: _Job, reason: str) -> AIScoreResult:
        notice = fallback_message(reason)
        if reason in ("rate_limited", "daily_budget"):
            notice = limit_message(reason, self.settings)
        return _with(
            job.offline,
            engine="rule",
            model=self.model,
            fallback_reason=reason,
            flags=_merge_flags(job.offline.flags, job.flags),
            notice=notice,
        )

    def _combine(self, job: _Job, reply: ChatReply[ScoreReply]) -> AIScoreResult:
        """The checked, blended and capped result of a valid reply (``ReplyError`` if it cannot be used)."""
        data, offline, w = reply.parsed, job.offline, self.blend
        flags: list[str] = list(job.flags)
        out_of_range = 0

        def checked(value: float) -> float:
            nonlocal out_of_range
            if not math.isfinite(value) or not 0 <= value <= 100:
                out_of_range += 1
                return 0.0 if not math.isfinite(value) else min(100.0, max(0.0, value))
            return float(value)

        llm_dims = {name: checked(getattr(data.breakdown.dimensions, name).score) for name in DIMENSIONS}
        if out_of_range > MAX_OUT_OF_RANGE:
            raise ReplyError("out_of_range", f"{out_of_range} of 5 dimension scores outside 0-100")
        if out_of_range:
            flags.append("llm_scores_clamped")
        llm_overall = overall_from_dimensions(llm_dims)
        stated = data.score if math.isfinite(data.score) else -1.0
        if abs(stated - llm_overall) > 15:
            flags.append("llm_overall_recomputed")

        def off_dim(name: str) -> float:
            dim = offline.dimensions.get(name)
            return float(dim.score) if dim is not None else llm_dims[name]

        dims = {name: w * llm_dims[name] + (1 - w) * off_dim(name) for name in DIMENSIONS}
        overall = overall_from_dimensions(dims)
        cap = 100
        if job.cues:
            cap = min(cap, offline.score)
        if WEAK_FLAGS & set(offline.flags):
            cap = min(cap, offline.score + DIVERGENCE_CAP)
        factor = 1.0
        if overall > cap:
            factor = cap / overall
            dims = {name: value * factor for name, value in dims.items()}
            overall = min(cap, overall_from_dimensions(dims))
            flags.append("score_capped")

        dimensions = {}
        for name in DIMENSIONS:
            note = str(getattr(data.breakdown.dimensions, name).notes or "").strip()[:300]
            if not note and name in offline.dimensions:
                note = offline.dimensions[name].notes
            dimensions[name] = DimensionScore(int(max(0, min(100, round(dims[name])))), note)
        rubric = self._criteria(job, data, factor)
        feedback = (data.feedback or "").strip()[:MAX_FEEDBACK_CHARS] or offline.feedback
        notice = None
        if job.cues:
            notice = (
                "Parts of this answer address the scorer instead of the question: they were ignored, "
                "and the score cannot exceed the offline engine's."
            )
        return AIScoreResult(
            score=overall,
            grade=letter_grade(overall),
            dimensions=dimensions,
            rubric=rubric,
            feedback=feedback,
            strengths=_clean_list(data.strengths) or offline.strengths,
            improvements=_clean_list(data.improvements) or offline.improvements,
            example_answer=(data.suggestion or "").strip()[:MAX_EXAMPLE_CHARS] or offline.example_answer,
            engine="llm" if w >= 1.0 else "blend",
            model=reply.model,
            fallback_reason=None,
            flags=_merge_flags(offline.flags, flags),
            calibration={"llm": llm_overall, "rule": offline.score, "blend": w},
            notice=notice,
        )

    def _criteria(self, job: _Job, data: ScoreReply, factor: float) -> tuple[CriterionScore, ...]:
        """The question's rubric criteria, each blended like the dimensions (names matched loosely)."""
        item, offline, w = job.item, job.offline, self.blend
        given = {_key(c.name): c for c in data.breakdown.criteria}
        offline_by_name = {_key(c.name): c for c in offline.rubric}
        result = []
        for name, weight in rubric_criteria(concrete_type(item.interview_type, item.category), item.rubric):
            off = offline_by_name.get(_key(name))
            off_score = float(off.score) if off is not None else float(offline.score)
            mine = given.get(_key(name))
            if mine is not None and math.isfinite(mine.score):
                llm_score = min(100.0, max(0.0, float(mine.score)))
                note = (mine.notes or "").strip()[:300] or (off.notes if off else "")
            else:
                llm_score, note = off_score, (off.notes if off else "")
            value = (w * llm_score + (1 - w) * off_score) * factor
            result.append(CriterionScore(name, weight, int(max(0, min(100, round(value)))), note))
        return tuple(result)


def _flagged(verdict: ScreenVerdict | None) -> bool:
    return bool(verdict and verdict.flagged)
