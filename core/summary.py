"""The written summary of a completed session: result, best and weakest answers, what to work on."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

from core.scoring.base import DIMENSIONS, letter_grade
from db.models import InterviewQuestion, InterviewSession

DIMENSION_TIPS = {
    "structure": "organise answers as Situation, Task, Action, Result",
    "relevance": "answer the exact question asked before adding context",
    "specificity": "give concrete examples with names, numbers and dates",
    "communication": "keep sentences short and lead with the main point",
    "impact": "end with the measurable outcome and what changed because of you",
}


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _label(category: str) -> str:
    return category.replace("_", " ").lower()


def _first(items: Any) -> str | None:
    for item in items or ():
        if isinstance(item, str) and item.strip():
            return item.strip().rstrip(".")
    return None


def session_feedback_summary(session: InterviewSession) -> str:
    """Plain text for ``feedback_summary``, written from the session's answers and their feedback."""
    questions = list(session.questions)
    answered = [q for q in questions if q.answer is not None]
    scored = [q for q in answered if q.answer is not None and q.answer.score is not None]
    missing = [q for q in questions if q.answer is None]
    lines: list[str] = []

    def score(q: InterviewQuestion) -> int:
        assert q.answer is not None and q.answer.score is not None
        return q.answer.score

    def data(q: InterviewQuestion) -> Mapping[str, Any]:
        return (q.answer.feedback_json if q.answer is not None else None) or {}

    if scored:
        mean = round(sum(score(q) for q in scored) / len(scored))
        lines.append(
            f"You answered {len(answered)} of {len(questions)} questions; "
            f"average score {mean} ({letter_grade(mean)})."
        )
    else:
        lines.append(f"You answered {len(answered)} of {len(questions)} questions; none could be scored yet.")

    if len(scored) >= 2:
        best = max(scored, key=lambda q: (score(q), -q.order_index))
        worst = min(scored, key=lambda q: (score(q), q.order_index))
        why_best = _first(data(best).get("strengths")) or _short(best.answer.feedback or "", 120)  # type: ignore[union-attr]
        lines.append(
            f"Best answer: Q{best.order_index} ({_label(best.category)}, {score(best)}) "
            f'"{_short(best.question)}"' + (f": {why_best}." if why_best else ".")
        )
        fix = _first(data(worst).get("improvements"))
        lines.append(
            f"Weakest answer: Q{worst.order_index} ({_label(worst.category)}, {score(worst)}) "
            f'"{_short(worst.question)}"' + (f": {fix}." if fix else ".")
        )
    elif scored:
        only = scored[0]
        fix = _first(data(only).get("improvements"))
        lines.append(
            f"Q{only.order_index} ({_label(only.category)}) scored {score(only)}"
            + (f"; to improve: {fix}." if fix else ".")
        )

    by_category: dict[str, list[int]] = defaultdict(list)
    for q in scored:
        by_category[q.category.value].append(score(q))
    if len(by_category) >= 2:
        parts = sorted(((round(sum(v) / len(v)), k) for k, v in by_category.items()), reverse=True)
        lines.append("By category: " + ", ".join(f"{_label(k)} {v}" for v, k in parts) + ".")

    improvements = Counter(
        i.strip() for q in scored for i in data(q).get("improvements", ()) if isinstance(i, str) and i.strip()
    )
    common = improvements.most_common(1)
    if common and common[0][1] >= 2:
        lines.append(f"Most common improvement ({common[0][1]} answers): {common[0][0].rstrip('.')}.")
    dims: dict[str, list[int]] = defaultdict(list)
    for q in scored:
        for name in DIMENSIONS:
            entry = data(q).get(name)
            if isinstance(entry, Mapping) and isinstance(entry.get("score"), int | float):
                dims[name].append(int(entry["score"]))
    if dims:
        name, values = min(dims.items(), key=lambda kv: (sum(kv[1]) / len(kv[1]), kv[0]))
        lines.append(
            f"Weakest dimension: {name} (average {round(sum(values) / len(values))}); "
            f"next time, {DIMENSION_TIPS.get(name, 'work on it')}."
        )

    overtime = [q for q in answered if "overtime" in data(q).get("flags", ())]
    if overtime:
        lines.append(
            "Over the time limit: "
            + ", ".join(f"Q{q.order_index}" for q in overtime)
            + ". Practise a tighter version of these answers."
        )
    failed = [q for q in answered if q.answer is not None and q.answer.score is None]
    if failed:
        lines.append(
            "Not scored (the scorer failed): "
            + ", ".join(f"Q{q.order_index}" for q in failed)
            + ". Score the session again to retry."
        )
    if missing:
        lines.append(
            "Not attempted (not counted in the score): "
            + ", ".join(f"Q{q.order_index} ({_label(q.category)})" for q in missing)
            + "."
        )
    return "\n".join(lines)
