"""Feedback writing: dimension notes, strengths and improvements that quote the answer's own words."""

from __future__ import annotations

from core.scoring.base import ScoringInput
from core.scoring.evidence import Assessment
from core.scoring.features import Features
from db.enums import InterviewType

_FATAL_MESSAGES = {
    "empty": "No answer was recorded, so there is nothing to score yet. Have a go: even a short answer gets "
    "useful feedback.",
    "gibberish": "We could not find readable English sentences in this answer, so it scores near zero. "
    "Answer in plain sentences about the question.",
    "restates_question": "This repeats the question without answering it, so it scores near zero. "
    "Start with a direct answer or a specific example.",
}


def q(text: str) -> str:
    """Quote a snippet of the answer."""
    text = " ".join(text.split())
    return f'"{text}"' if text else ""


def _cue_quote(f: Features, cue: str, before: int = 2, after: int = 8, late: bool = False) -> str:
    """Quote the first (or, with ``late``, the last) place the answer uses a cue phrase."""
    hits = f.cue_hits.get(cue)
    if not hits:
        return ""
    if late:  # the first hit in the last sentence that has one
        sentence = f.doc.sentence_of[hits[-1][0]]
        hits = [h for h in hits if f.doc.sentence_of[h[0]] == sentence]
    first, last = hits[0]
    return q(f.doc.snippet(first, last, before, after))


def _token_quote(f: Features, index: int, before: int = 1, after: int = 8) -> str:
    return q(f.doc.snippet(index, index + 1, before, after))


def _sentence_quote(f: Features, index: int) -> str:
    if not f.doc.sentences:
        return ""
    return q(f.doc.sentence_snippet(max(0, min(index, len(f.doc.sentences) - 1))))


def _terms(words: list[str], limit: int = 3) -> str:
    # Two stems of one hyphenated word ("fast-moving") share its surface form: name it once.
    shown = [f"'{w}'" for w in dict.fromkeys(words)][:limit]
    return ", ".join(shown[:-1]) + (" and " if len(shown) > 1 else "") + shown[-1] if shown else "its topic"


def dimension_note(name: str, a: Assessment) -> str:
    """A short note for one of the five dimensions."""
    f, rel, p = a.features, a.rel, a.parts
    fatal = next((flag for flag in a.flags if flag in _FATAL_MESSAGES), None)
    if fatal:
        return {"empty": "no answer", "gibberish": "not readable text"}.get(fatal, "repeats the question")
    if name == "relevance":
        if "off_topic" in a.flags:
            return f"does not address {_terms(rel.focal_missing or rel.missing)}"
        if rel.missing and rel.matched:
            return f"engages {_terms(rel.matched)}; misses {_terms(rel.missing, 2)}"
        return f"engages {_terms(rel.matched)}" if rel.matched else "on the question's theme"
    if name == "specificity":
        bits = []
        if f.meaningful_numbers:
            bits.append(f"{f.meaningful_numbers} meaningful number{'s' * (f.meaningful_numbers > 1)}")
        if f.named:
            bits.append(f"{f.named} named tool{'s' * (f.named > 1)}, places or terms")
        if "vague_numbers" in a.flags:
            bits.append("numbers without a clear referent")
        if "buzzwords" in a.flags:
            bits.append("buzzwords instead of detail")
        if "no_detail" in a.flags:
            bits.append("nothing concrete beyond the question's own words")
        return "; ".join(bits) or "general rather than concrete"
    if name == "communication":
        return "; ".join(a.clarity_notes) or "clear and well paced"
    if name == "structure":
        strong = [k.title() for k, v in p.items() if v.score >= 0.6 and k != "communication"]
        weak = [k.title() for k, v in p.items() if v.score < 0.45 and k != "communication"]
        if not weak:
            return "complete: " + ", ".join(strong)
        return ("clear " + ", ".join(strong) + "; " if strong else "") + "thin " + ", ".join(weak)
    # impact
    if a.kind == InterviewType.BEHAVIORAL:
        return p["result"].note
    if a.kind == InterviewType.CASE_STUDY:
        return p["recommendation"].note
    if a.kind == InterviewType.SYSTEM_DESIGN:
        return p["scalability"].note + "; " + p["trade-offs"].note
    return p["trade-offs"].note


def _behavioral(a: Assessment, imp: list[tuple[float, str]], good: list[tuple[float, str]]) -> None:
    f, p = a.features, a.parts
    n = len(f.doc.sentences)
    # With no occasion told, or nothing concrete in it, there is no story to set a scene for or to add an
    # outcome to: the flag's own advice says what to tell instead.
    untold = bool({"no_episode", "no_detail"} & set(a.flags))
    if not untold:
        if p["situation"].score < 0.5:
            imp.append(
                (
                    0.2 * (1 - p["situation"].score),
                    f"You open with {_sentence_quote(f, 0)}: set the scene "
                    "first, in one or two sentences: where you were, when, and what was at stake.",
                )
            )
        elif p["situation"].score >= 0.65:
            good.append(
                (
                    p["situation"].score,
                    f"Clear context: {_cue_quote(f, 'situation') or _sentence_quote(f, 0)}.",
                )
            )
    if "no_episode" in a.flags:
        imp.append(
            (
                0.45,
                f"The question asks about a real occasion, but you describe what you usually do or would do "
                f"({_sentence_quote(f, 0)}): pick one time it happened and tell it: when and where, what you "
                "did yourself, and how it turned out.",
            )
        )
    if "we_not_i" in a.flags:
        j = min(a.features.we_actions.values())
        imp.append(
            (
                0.3,
                f'You say {_token_quote(f, j - 1, 0, 3)}: say what you personally did ("I ..."), '
                "not only what the team did.",
            )
        )
    elif p["action"].score < 0.5:
        imp.append(
            (
                0.3 * (1 - p["action"].score),
                "Describe the steps you took yourself: two or three concrete "
                'actions in the first person ("I called ...", "I rebuilt ...") and why you chose them.',
            )
        )
    elif f.i_actions:
        by_sentence: dict[int, list[int]] = {}
        for j in f.i_actions.values():
            by_sentence.setdefault(f.doc.sentence_of[j], []).append(j)
        busiest = max(by_sentence.values(), key=len)
        good.append(
            (p["action"].score, f"Clear ownership of the actions: {_token_quote(f, min(busiest) - 1, 0)}.")
        )
    if p["task"].score < 0.45:
        imp.append(
            (
                0.2 * (1 - p["task"].score),
                'Say what you were responsible for or aiming at ("My job was '
                'to ..."), so the interviewer knows what success meant.',
            )
        )
    res = p["result"].score
    if not untold:
        if res < 0.35:
            imp.append(
                (
                    0.32 * (1 - res),
                    f"Your story stops at {_sentence_quote(f, n - 1)} without an outcome: say what changed "
                    "because of what you did, ideally with a number (time saved, errors cut, people helped).",
                )
            )
        elif res < 0.65:
            imp.append(
                (
                    0.3 * (1 - res),
                    f"The result {_cue_quote(f, 'result', 3, late=True)} is not measured: add a number or a "
                    "before-and-after, and what you learned.",
                )
            )
        else:
            nums = [u for u in f.numbers if u.meaningful]
            if nums:
                good.append((res, f"A concrete, measured result: {_sentence_quote(f, nums[-1].sentence)}."))
            else:
                good.append((res, f"A clear outcome: {_cue_quote(f, 'result', 3, late=True)}."))


def _technical(a: Assessment, imp: list[tuple[float, str]], good: list[tuple[float, str]]) -> None:
    f, p = a.features, a.parts
    if f.count("ignorance"):
        imp.append(
            (
                0.35,
                f"You say {_cue_quote(f, 'ignorance', 1, 4)}: reason it through out loud instead: what "
                "you do know, and how you would find out the rest.",
            )
        )
    if p["depth"].score < 0.55:
        imp.append(
            (
                0.25 * (1 - p["depth"].score),
                "Explain how and why it works, not only what it is: add the "
                'mechanism ("because ...", "which means ...") and a concrete example.',
            )
        )
    elif f.count("explain"):
        good.append((p["depth"].score, f"You explain the why: {_cue_quote(f, 'explain', 3, 6)}."))
    if p["trade-offs"].score < 0.5:
        imp.append(
            (
                0.22 * (1 - p["trade-offs"].score),
                "Add the trade-offs: what it costs, when you would not use "
                "it, and what you would use instead.",
            )
        )
    elif f.count("tradeoff"):
        good.append((p["trade-offs"].score, f"You weigh alternatives: {_cue_quote(f, 'tradeoff', 2, 6)}."))
    if not f.count("example") and a.dims["specificity"] < 0.6:
        imp.append(
            (0.12, "Ground it in a concrete example: a query, a code path, or a system you worked on.")
        )


_SECTION_ADVICE = {
    "requirements": "Start by clarifying requirements and scale: users, reads and writes per second, "
    "data size, latency and availability targets.",
    "high-level design": "Sketch the main components and how a request flows "
    "(client, API, services, storage).",
    "deep dive": "Go deeper on one component: the data model and keys, the algorithm or protocol.",
    "scalability": "Say how it scales: caching, sharding, replication, queues, and where the bottleneck is.",
    "trade-offs": "Name the trade-offs you chose (consistency or availability, cost or latency) "
    "and the alternatives.",
    "framing": "Frame the problem first: restate the objective, state your assumptions, "
    "and lay out your approach.",
    "analysis": "Break the problem into its drivers (for example revenue = price x volume; "
    "fixed and variable costs) and check each one.",
    "quantification": "Put numbers on it: a quick estimate with the arithmetic shown.",
    "recommendation": "End with a clear recommendation, the main risk, and the next step.",
}
_SECTION_CUES = {
    "requirements": "requirements",
    "high-level design": "components",
    "deep dive": "deep_dive",
    "scalability": "scale",
    "trade-offs": "tradeoff",
    "framing": "framing",
    "analysis": "analysis",
    "quantification": "arith",
    "recommendation": "recommend",
}


def _sections(a: Assessment, imp: list[tuple[float, str]], good: list[tuple[float, str]]) -> None:
    if "no_diagnosis" in a.flags:
        opening = _sentence_quote(a.features, 0)
        imp.append(
            (
                0.45,
                f"The question asks what went wrong, but you go straight to a plan ({opening}): first check "
                "that the data is right, split the change (by segment, period, channel or step) and name the "
                "likely causes with how you would test each; then say what you would fix.",
            )
        )
    for key, part in a.parts.items():
        if key not in _SECTION_ADVICE:
            continue
        if part.score < 0.5:
            imp.append((0.22 * (1 - part.score), _SECTION_ADVICE[key]))
        elif part.score >= 0.7:
            quote = _cue_quote(a.features, _SECTION_CUES[key], 3, 5)
            good.append(
                (
                    part.score,
                    f"{key.capitalize()}: {quote}." if quote else f"{key.capitalize()}: {part.note}.",
                )
            )


def _common(
    item: ScoringInput, a: Assessment, imp: list[tuple[float, str]], good: list[tuple[float, str]]
) -> None:
    f, rel = a.features, a.rel
    if "off_topic" in a.flags and rel.pivot is not None:
        asked = _terms(rel.focal_missing or rel.missing)
        imp.append(
            (
                1.0,
                "This reads as a story you had ready rather than an answer to the question: it opens with "
                f"something you are proud of ({_sentence_quote(f, rel.pivot)}) and never gets to {asked}. "
                "Choose an example where that happened and tell that one: what happened, what you did, and "
                "how it ended.",
            )
        )
    elif "off_topic" in a.flags:
        asked = _terms(rel.focal_missing or rel.missing)
        imp.append(
            (
                1.0,
                f"This does not seem to answer the question: it never gets to {asked}. "
                f"Your answer is about {_sentence_quote(f, 0)}. If that is the example you mean, make the "
                "link explicit in the question's own terms; otherwise choose an example that fits it.",
            )
        )
    elif rel.score < 0.55 and rel.missing:
        imp.append(
            (
                0.3,
                f"Tie the answer more closely to the question: say how it relates to {_terms(rel.missing)}.",
            )
        )
    elif rel.score >= 0.75:
        good.append((0.5, f"Stays on the question ({_terms(rel.matched)})."))
    if "keyword_stuffing" in a.flags:
        imp.append(
            (
                0.9,
                f"This reads as a list of keywords ({_sentence_quote(f, 0)}) rather than an answer: "
                "explain in full sentences what you did or how it works, and why.",
            )
        )
    if "buzzwords" in a.flags:
        buzz = sorted({" ".join(f.doc.tokens[s:e]) for s, e in f.cue_hits.get("buzz", [])})[:3]
        imp.append(
            (
                0.4,
                f"Phrases like {', '.join(q(b) for b in buzz)} tell the interviewer little: replace them "
                "with what you actually did and what changed.",
            )
        )
    if "no_detail" in a.flags:
        imp.append(
            (
                0.85,
                f"This stays general ({_sentence_quote(f, 0)}): it names nothing an interviewer could "
                "check, no example, figure, tool or name. Give one real case: what it was, what you did, "
                "with what, and what changed.",
            )
        )
    for wrong in a.misconceptions:
        claim = f"Check this claim: {q(wrong.sentence)} is a common misconception."
        imp.append((0.95, f"{claim} {wrong.correction}"))
    if "overclaiming" in a.flags:
        imp.append(
            (
                0.45,
                f"Sweeping claims such as {_cue_quote(f, 'overclaim', 2, 5)} with nothing qualified: an "
                "interviewer checks them first. Say when it holds, when it does not, and what it costs.",
            )
        )
    if "vague_numbers" in a.flags:
        use = next(u for u in f.numbers if not u.meaningful and not u.year)
        imp.append(
            (
                0.35,
                f"You cite {_token_quote(f, use.token, 2, 3)} without saying what was measured or compared "
                "with what: give the baseline and the unit.",
            )
        )
    if f.count("hedge") >= 2:
        imp.append((0.1, f"You hedge ({_cue_quote(f, 'hedge', 0, 3)}): state your answer plainly."))
    if "too_short" in a.flags:
        imp.append((0.3, f"At {f.words} words this is too brief to show much: aim for about 120-300 words."))
    elif f.words > 450:
        imp.append((0.15, f"At {f.words} words this runs long: keep the 150-300 words that matter most."))
    if "filler_words" in a.flags:
        fillers = f.doc.fillers + f.like_fillers
        weight = 0.04 if item.transcript else 0.08
        imp.append(
            (
                weight,
                f'Filler words ("um", "like") came up about {fillers} times: a short pause '
                "sounds more confident.",
            )
        )
    if "overtime" in a.flags:
        imp.append((0.1, f"You went over the {item.time_limit_s}-second limit: lead with the key point."))
    if a.dims.get("communication", 0) >= 0.85 and 60 <= f.words <= 400:
        good.append((0.3, "Clear, well-paced delivery."))


def write_feedback(item: ScoringInput, a: Assessment, overall: int) -> tuple[str, list[str], list[str]]:
    """(feedback paragraph, strengths, improvements) for one scored answer."""
    fatal = next((flag for flag in a.flags if flag in _FATAL_MESSAGES), None)
    if fatal:
        return _FATAL_MESSAGES[fatal], [], [_FATAL_MESSAGES[fatal].split(". ")[-1]]
    imp: list[tuple[float, str]] = []
    good: list[tuple[float, str]] = []
    _common(item, a, imp, good)
    if not {"off_topic", "keyword_stuffing"} & set(a.flags):
        if a.kind == InterviewType.BEHAVIORAL:
            _behavioral(a, imp, good)
        elif a.kind == InterviewType.TECHNICAL:
            _technical(a, imp, good)
        else:
            _sections(a, imp, good)
    improvements = [text for _, text in sorted(imp, key=lambda x: -x[0])][:5]
    strengths = [text for _, text in sorted(good, key=lambda x: -x[0])][:3]
    headline = (
        "Excellent answer" if overall >= 85 else "Good answer" if overall >= 70 else
        "Fair answer: the core is there" if overall >= 55 else "Weak answer" if overall >= 40 else
        "This answer needs a rework"
    )  # fmt: skip
    parts = [f"{headline} ({overall}/100)."]
    if strengths:
        parts.append(strengths[0])
    if improvements:
        parts.append("To improve: " + " ".join(improvements[:2]))
    else:
        parts.append("To go further, tighten it to the essentials and keep the concrete details.")
    return " ".join(parts), strengths, improvements
