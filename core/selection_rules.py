"""Pure rules behind question selection: difficulty plan, time limits, keyword terms, name matching,
request validation. No database here (``core.selection`` does the querying)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from core.dto import MAX_QUESTIONS, MIN_QUESTIONS, StartRequest
from core.errors import InvalidInput
from core.scoring.base import concrete_type
from db.enums import Difficulty, InterviewType, QuestionCategory

DIFFICULTY_ORDER: tuple[Difficulty, ...] = (
    Difficulty.EASY,
    Difficulty.MEDIUM,
    Difficulty.HARD,
    Difficulty.EXPERT,
)
RANK = {d: i for i, d in enumerate(DIFFICULTY_ORDER)}
#: Seconds per concrete interview type for EASY, MEDIUM, HARD, EXPERT.
TIME_LIMITS: dict[InterviewType, tuple[int, int, int, int]] = {
    InterviewType.BEHAVIORAL: (120, 160, 200, 240),
    InterviewType.TECHNICAL: (180, 260, 340, 420),
    InterviewType.CASE_STUDY: (300, 400, 500, 600),
    InterviewType.SYSTEM_DESIGN: (600, 800, 1000, 1200),
}
CORE_SHARE = 0.6  # share of questions at the chosen difficulty

_WORD = re.compile(r"[a-z0-9][a-z0-9+#.]*[a-z0-9+#]|[a-z0-9]")
_STOP = frozenset(
    str.split(
        "a an and are as at be by for from has have in is it of on or our that the this to we will with "
        "you your senior junior principal staff ii iii iv sr jr years experience work working team teams "
        "role skills ability strong good excellent using use used including within across"
    )
)


def time_limit_for(interview_type: InterviewType, category: QuestionCategory, difficulty: Difficulty) -> int:
    """Seconds to answer a question: by its concrete type, growing with difficulty."""
    limits = TIME_LIMITS.get(concrete_type(interview_type, category), TIME_LIMITS[InterviewType.BEHAVIORAL])
    return limits[RANK[difficulty]]


def difficulty_plan(level: Difficulty, count: int) -> list[Difficulty]:
    """Target difficulty per slot: ~60 % at ``level``, the rest alternating one step easier / harder."""
    index = RANK[level]
    neighbours = [DIFFICULTY_ORDER[i] for i in (index - 1, index + 1) if 0 <= i < len(DIFFICULTY_ORDER)]
    core = count if count < 3 else math.ceil(count * CORE_SHARE)
    plan = [level] * core
    plan += [neighbours[i % len(neighbours)] for i in range(count - core)]
    return plan


def terms(text: str | None) -> set[str]:
    """Lower-case keyword terms of free text (stop words, seniority words and 1-letter words dropped)."""
    return {w for w in _WORD.findall((text or "").lower()) if len(w) > 1 and w not in _STOP}


def skill_terms(skills: Iterable[str]) -> set[str]:
    """Tag-like terms of skills: the whole skill ("machine-learning") and its words."""
    result: set[str] = set()
    for skill in skills:
        lowered = skill.strip().lower()
        if not lowered:
            continue
        result.add(re.sub(r"\s+", "-", lowered))
        result |= terms(lowered)
    return result


def names_match(bank_value: str, wanted: str) -> bool:
    """Whether a bank role/industry fits a wanted one: all words of one are in the other.

    "Software Engineer" fits "Senior Software Engineer"; "Tech" fits "Technology" (prefix of 4+);
    "Data Lead" does not fit "Data Analyst".
    """
    a, b = terms(bank_value), terms(wanted)
    if not a or not b:
        return False

    def covered(small: set[str], big: set[str]) -> bool:
        return all(
            any(w == v or (len(w) >= 4 and (v.startswith(w) or w.startswith(v))) for v in big) for w in small
        )

    return covered(a, b) or covered(b, a)


def validate_request(request: StartRequest) -> StartRequest:
    """The request with enums coerced; InvalidInput with a clear message when a field is wrong."""
    try:
        itype = InterviewType(request.type)
    except ValueError:
        raise InvalidInput(
            f"interview type {request.type!r} is not one of {', '.join(t.value for t in InterviewType)}"
        ) from None
    try:
        difficulty = Difficulty(request.difficulty)
    except ValueError:
        raise InvalidInput(
            f"difficulty {request.difficulty!r} is not one of {', '.join(d.value for d in Difficulty)}"
        ) from None
    count = request.question_count
    if isinstance(count, bool) or not isinstance(count, int) or not MIN_QUESTIONS <= count <= MAX_QUESTIONS:
        raise InvalidInput(
            f"question count must be a whole number from {MIN_QUESTIONS} to {MAX_QUESTIONS}, not {count!r}"
        )
    focus: list[QuestionCategory] = []
    for area in request.focus_areas or ():
        try:
            category = QuestionCategory(area)
        except ValueError:
            raise InvalidInput(
                f"focus area {area!r} is not a question category "
                f"({', '.join(c.value for c in QuestionCategory)})"
            ) from None
        if category not in focus:
            focus.append(category)
    return StartRequest(
        type=itype,
        job_id=request.job_id,
        question_count=count,
        difficulty=difficulty,
        focus_areas=tuple(focus),
        use_profile=bool(request.use_profile),
        start_now=bool(request.start_now),
    )
