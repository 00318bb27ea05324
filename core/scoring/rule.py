"""The offline, rule-based scorer: deterministic, no network, no model.

It reads the answer's content (does it engage the question's concepts, tell a complete story, explain
and weigh alternatives, put meaningful numbers on things) rather than its surface, then applies gates
so that an empty, unreadable, off-topic or keyword-stuffed answer cannot score well however polished.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from core.scoring import evidence as ev
from core.scoring.acronyms import expand as expand_acronyms
from core.scoring.base import (
    DIMENSIONS,
    CriterionScore,
    DimensionScore,
    ScoreResult,
    ScoringInput,
    clamp_score,
    concrete_type,
    letter_grade,
    overall_from_dimensions,
    rubric_criteria,
)
from core.scoring.evidence import Assessment, Part, clip, sat
from core.scoring.example import example_answer
from core.scoring.features import Features, extract
from core.scoring.feedback import dimension_note, write_feedback
from core.scoring.misconceptions import Misconception
from core.scoring.misconceptions import find as find_misconceptions
from core.scoring.relevance import Relevance, echo_of, relevance
from core.scoring.terms import question_terms
from core.scoring.text import Doc, analyse
from db.enums import InterviewType

#: Technical questions that name their subject first ("What is X ...", "Design a Y for ...").
_ASKS_SUBJECT = re.compile(
    r"\s*(?:what|how|why|explain|describe|design|compare|walk|when|which|define)\b", re.IGNORECASE
)
#: Scenario prompts ask what the candidate would DO; the answer is the actions, which need not name the
#: scenario's subject ("What would you do if an API endpoint ... slowed down?": "check the dashboards ...").
_ASKS_ACTIONS = re.compile(
    r"\s*(?:what (?:would|should|do|did|will) you do|what steps|how (?:would|do|did|will) you"
    r" (?:respond|handle|approach|deal|react|investigate|troubleshoot|diagnose|debug|prioriti[sz]e|proceed"
    r"|go about))\b",
    re.IGNORECASE,
)
#: Questions that ask about a team's work, where "we" is the natural voice.
_TEAM_ASKED = re.compile(r"\b(?:you or your team|your team|as a team|the team's|your team's)\b", re.I)
#: The cap on every dimension when the answer does not engage the question's focal concepts at all.
FOCAL_CAP = 0.4
#: The cap when the answer opens with a proud story and never engages what was asked: two signals agree.
PIVOT_CAP = 0.35
#: Coverage and focal engagement below which (both) an answer counts as off topic.
OFF_TOPIC_BELOW = 0.2
COVERAGE_BELOW = 0.3
#: Relevance when the words cannot tell: an answer not flagged off topic but sharing few of the question's
#: words is as likely a paraphrase as a miss ("weekend off, nobody quit" for "keep your team motivated").
#: Missing words are weak evidence, so relevance does not fall below the midpoint on them alone.
_UNDETERMINED = 0.5
#: Where topical relevance starts for an answer that is not off topic (see ``_topical``).
ON_TOPIC_FLOOR = 0.3
#: Sweeping claims: per 100 words allowed free, the cost of each one beyond, and the most they can cost.
OVERCLAIM_ALLOWANCE = 0.5
OVERCLAIM_RATE = 0.15
OVERCLAIM_MAX = 0.6
#: The cap on every dimension when the answer states one (or more) well-known wrong claims as fact: an
#: answer with one significant error is middling at best, one with several is poor.
MISCONCEPTION_CAP = (0.25, 0.15)
#: Substance: distinct concrete words an answer brings beyond the question's own; a full answer has about
#: SUBSTANCE_K of them. It is part of specificity (SUBSTANCE_W) and of structure and impact
#: (SUBSTANCE_SHARE), whatever the answer's form: about a third of the overall score in all.
SUBSTANCE_K = 40.0
SUBSTANCE_W = 0.7
SUBSTANCE_SHARE = 0.55
#: The cap on a story told only as "we" (no "I" action at all): the candidate's own actions are what a
#: behavioural answer shows.
WE_NOT_I_CAP = 0.55
#: A question that asks for an occasion ("Tell me about a time ...") is answered by telling one, in the past
#: tense. Below NARRATED_HIGH of the sentences told in the past, every dimension is scaled down, to
#: NARRATED_MIN at NARRATED_LOW or less: habits, beliefs and what one would do are no evidence of what one
#: did. Under NO_EPISODE the answer is flagged, and the feedback asks for one real occasion.
NARRATED_LOW, NARRATED_HIGH, NARRATED_MIN = 0.2, 0.7, 0.75
NO_EPISODE = 0.35
#: A case question that asks what went wrong ("figure out why weekly usage dropped") is answered by
#: diagnosing: checking the data, splitting it, comparing, naming causes and testing them. An answer that
#: goes straight to a plan has answered another question. Below DIAGNOSIS_FULL diagnostic moves per 100
#: words, every dimension is scaled down, to DIAGNOSIS_MIN with none; under NO_DIAGNOSIS it is flagged.
DIAGNOSIS_FULL, DIAGNOSIS_MIN, NO_DIAGNOSIS = 2.0, 0.7, 1.0
#: Hesitation sounds that mark a text as transcribed speech.
SPOKEN_FILLERS = 2
#: Relevance kept by an answer to "the difference between A and B" that speaks of only one of them.
HALF_ANSWER = 0.6
#: The cap on an answer flagged for buzzwords, lowered further the denser they are: talk with nothing
#: behind it is weak however many concrete-sounding words surround it.
BUZZ_CAP = 0.45
#: Below this many words an answer cannot be complete: its scores are capped in proportion.
SHORT_WORDS = 45
#: An answer of NO_DETAIL_WORDS words or more that brings at most NO_DETAIL_MAX concrete words of its own
#: (beyond the question's), with no figure and at most one named thing, says nothing an interviewer can
#: check ("I handled it by addressing the disagreement and making sure the plan was appropriate"): it is
#: capped at the top of the poor band, NO_DETAIL_CAP, however fluent.
NO_DETAIL_WORDS = 25
NO_DETAIL_MAX = 5
NO_DETAIL_CAP = 0.3
_NUMBERS_WEIGHT = {
    InterviewType.BEHAVIORAL: 0.4,
    InterviewType.TECHNICAL: 0.15,
    InterviewType.SYSTEM_DESIGN: 0.25,
    InterviewType.CASE_STUDY: 0.45,
}


def _fatal_flags(f: Features, rel: Relevance, question: str) -> list[str]:
    """Conditions that leave nothing to judge: empty, unreadable, or the question said back."""
    doc = f.doc
    if not doc.tokens:
        return ["gibberish"] if doc.alpha_chars else ["empty"]
    distinct = len(set(doc.tokens))
    long_sentences = sum(1 for s in doc.sentences if s.last - s.first >= 4)
    word_salad = (
        long_sentences >= 2 and f.prose_share < 0.5 and f.stop_share < 0.3 and not f.numbers and f.named <= 1
    )
    if (
        f.plausibility < 0.55
        or f.junk_share >= 0.3
        or (f.stop_share < 0.08 and f.plausibility < 0.75 and f.words >= 3)
        or (f.words >= 6 and distinct <= max(2, min(f.words * 0.15, 6)))
        or word_salad
        or (f.junk_share >= 0.05 and (f.prose_share < 0.75 or f.stutter >= 1))
    ):
        return ["gibberish"]
    q_content = len(question_terms(question).doc.content())
    if rel.novelty < 0.3 and len(doc.content()) <= 1.6 * q_content + 4:
        return ["restates_question"]
    if rel.echo >= 0.45 and f.new_concrete <= max(2, 0.12 * f.words):
        return ["restates_question"]
    return []


def spoken(doc: Doc) -> bool:
    """Hesitation sounds ("um", "uh", "erm") are only ever spoken: a text with several is a transcript of
    speech, whether or not it came from the recorder, and is judged as one (fillers cost little)."""
    return doc.fillers >= SPOKEN_FILLERS


def buzz_count(f: Features) -> float:
    """Buzzwords; technical adjectives ("scalable") count fully only when nothing explains how."""
    mechanism = f.count("explain") + f.count("deep_dive") + f.arithmetic
    return f.count("buzz") + (1.0 if mechanism <= 1 else 0.5) * f.count("tech_buzz")


def _not_buzz_when_asked(f: Features, own: frozenset[str]) -> None:
    """A buzzword the question itself uses is its subject ("synergies" in a question on a merger's
    synergies, "engagement" in one on staff engagement), not empty talk: drop those hits in place."""
    stems = f.doc.stems
    for cue in ("buzz", "tech_buzz"):
        hits = f.cue_hits.get(cue)
        if hits:
            f.cue_hits[cue] = [(lo, hi) for lo, hi in hits if not any(stems[k] in own for k in range(lo, hi))]


def number_dump(f: Features) -> bool:
    """Many figures, densely packed, with little said about how they came about.

    Measurements and thresholds in physical or time units ("hot-hold at 135°F, cool to 70°F within 2
    hours") are facts, not invented impact figures, so they do not count.
    """
    count = sum(1 for n in f.numbers if not n.year and not n.physical)
    return count >= 5 and count / max(1, f.words) > 0.08 and f.count("explain") < 2 and not f.arithmetic


def overclaim_penalty(kind: InterviewType, f: Features) -> float:
    """0 to OVERCLAIM_MAX: how much sweeping, unqualified claims cost a technical, design or case answer.

    Counts sweeping words ("always", "just", "simply"; "every", "never" a little) per 100 words, less the
    qualifications ("unless", "depends", "but", "if"). A story is not judged this way ("I always ..." there
    is about habits, not claims), nor is an answer too short to qualify anything.
    """
    if kind == InterviewType.BEHAVIORAL or f.words < 20:
        return 0.0
    sweep = f.count("overclaim") + 0.3 * f.count("quantifier") - f.count("nuance")
    excess = 100.0 * sweep / f.words - OVERCLAIM_ALLOWANCE
    return min(OVERCLAIM_MAX, OVERCLAIM_RATE * max(0.0, excess))


def fluff(f: Features) -> float:
    """Share of content words that are vague, buzzwords or hedges (buzzwords count extra)."""
    content = max(12, f.words - int(f.stop_share * f.words))
    return (f.count("vague") + 1.5 * buzz_count(f) + f.count("hedge")) / content


def fit(kind: InterviewType, f: Features, parts: dict[str, Part]) -> float:
    """0-1: does the answer do what the question asks (a real example, an explanation, an approach)?"""
    p = {k: v.score for k, v in parts.items()}
    if kind == InterviewType.BEHAVIORAL:
        story = 0.5 * p["action"] + 0.25 * p["situation"] + 0.25 * p["result"]
    elif kind == InterviewType.TECHNICAL:
        story = 0.5 * p["depth"] + 0.3 * p["accuracy"] + 0.2 * p["trade-offs"]
    else:
        story = sum(p.values()) / max(1, len(p))
    return clip(story - min(0.3, 2.0 * fluff(f)))


def _stuffing(f: Features) -> bool:
    """A list of keywords rather than sentences: few function words with lists, repeats or buzzwords."""
    if f.words < 8:
        return False
    low_function = f.stop_share < 0.22
    commas = f.doc.text.count(",") / max(1, f.words)
    signals = [
        f.content_diversity < 0.5 and f.words >= 15,
        f.top_repeat >= 0.12,
        f.count("buzz") >= 3 and f.count("buzz") / f.words >= 0.07,
        f.avg_sentence < 4 or commas >= 0.2,
        not (f.i_actions or f.hyp_actions or f.we_actions) and f.stop_share < 0.3,
    ]
    return (low_function and any(signals)) or sum(signals) >= 3


def _dimensions(kind: InterviewType, f: Features, rel: Relevance, parts: dict[str, Part], spec: float,
                comm: float, question: str) -> dict[str, float]:  # fmt: skip
    p = {k: v.score for k, v in parts.items()}
    if kind == InterviewType.BEHAVIORAL:
        order = 1.0
        sits, ress = f.in_sentences("situation"), f.in_sentences("result")
        if sits and ress and min(ress) < min(sits):
            order = 0.9
        structure = (0.2 * p["situation"] + 0.2 * p["task"] + 0.3 * p["action"] + 0.3 * p["result"]) * order
        own = 1.0 if len(f.i_actions) >= max(1, len(f.we_actions) // 2) else 0.5
        impact = 0.7 * p["result"] + 0.15 * sat(ev.numbers_credit(f), 1.0) + 0.15 * own
        specificity = 0.75 * spec + 0.25 * p["action"]
    elif kind == InterviewType.TECHNICAL:
        first_on_topic = 0 in rel.on_topic_sentences or 1 in rel.on_topic_sentences
        sections = sum(1 for k in ("depth", "trade-offs") if p[k] >= 0.45) + (f.count("example") > 0)
        structure = (
            0.4 * (1.0 if first_on_topic else 0.5)
            + 0.35 * sections / 3
            + 0.25 * sat(f.count("signpost") + f.count("explain"), 2.0)
        )
        structure = min(structure, 0.4 + p["depth"])
        specificity = 0.5 * spec + 0.5 * p["depth"]
        impact = 0.45 * p["trade-offs"] + 0.35 * p["depth"] + 0.2 * sat(f.count("consequence"), 2.0)
        if not ev.asks_tradeoff(question):
            impact = 0.2 * p["trade-offs"] + 0.6 * p["depth"] + 0.2 * sat(f.count("consequence"), 2.0)
    elif kind == InterviewType.SYSTEM_DESIGN:
        covered = sum(1 for v in p.values() if v >= 0.45) / len(p)
        req_first = 1.0 if 0 in f.in_sentences("requirements") or 1 in f.in_sentences("requirements") else 0.6
        structure = (
            0.6 * covered + 0.25 * req_first * p["requirements"] ** 0.5 + 0.15 * sat(f.count("signpost"), 2)
        )
        specificity = 0.45 * spec + 0.55 * p["deep dive"]
        impact = 0.5 * p["scalability"] + 0.3 * p["trade-offs"] + 0.2 * p["requirements"]
    else:
        covered = sum(1 for v in p.values() if v >= 0.45) / len(p)
        structure = 0.7 * covered + 0.3 * sat(f.count("signpost"), 2.0)
        specificity = 0.4 * spec + 0.6 * p["quantification"]
        impact = 0.6 * p["recommendation"] + 0.4 * p["quantification"]
    # Thoroughness: how much distinct material the answer brings, beyond the question's own words. It is
    # part of the detail (specificity), of covering the parts (structure) and of the depth (impact). A
    # short answer needs fewer such words for the same credit, so a dense, precise one is not held back.
    substance = sat(f.new_concrete, SUBSTANCE_K * clip(f.words / 150, 0.4, 1.0))
    specificity = (1.0 - SUBSTANCE_W) * specificity + SUBSTANCE_W * substance
    structure = (1.0 - SUBSTANCE_SHARE) * structure + SUBSTANCE_SHARE * substance
    impact = (1.0 - SUBSTANCE_SHARE) * impact + SUBSTANCE_SHARE * substance
    # "The difference between A and B" answered about A alone is half an answer.
    sides = ev.contrast(f, question)
    halves = HALF_ANSWER + (1.0 - HALF_ANSWER) * sides if 0.0 < sides < 1.0 else 1.0
    return {
        "structure": clip(structure),
        "relevance": clip(_topical(rel) * (0.55 + 0.45 * fit(kind, f, parts)) * halves),
        "specificity": clip(specificity),
        "communication": clip(comm * (0.8 + 0.2 * fit(kind, f, parts))),
        "impact": clip(impact),
    }


def _topical(rel: Relevance) -> float:
    """0-1: topical relevance. Words are strong evidence only of an answer being off topic; once it is
    not, how many of the question's own words it repeats says little (a paraphrase is as good as an echo),
    so their share moves it only between ON_TOPIC_FLOOR and 1."""
    if _off_topic(rel):
        return rel.score
    return ON_TOPIC_FLOOR + (1.0 - ON_TOPIC_FLOOR) * max(rel.score, _UNDETERMINED)


def _off_topic(rel: Relevance) -> bool:
    """Off topic only when both signals agree: the question's core terms AND its focal concept are missed.

    Word matching cannot see paraphrase, so either signal alone misfires on good answers in other words;
    telling a candidate with a good answer that it "does not answer the question" is the worse mistake.
    """
    if rel.pivot is not None:
        return True  # a proud story chosen for another question (see ``relevance._pivot``)
    return bool(rel.core_terms) and rel.focal < OFF_TOPIC_BELOW and rel.coverage < COVERAGE_BELOW


def _gate(dims: dict[str, float], parts: dict[str, Part], rel: Relevance, flags: list[str], words: int,
          buzz_density: float, only_we: bool = False) -> float:  # fmt: skip
    """Cap every dimension by what the gates allow; returns the cap used (0-1)."""
    cap = 1.0
    if _off_topic(rel):
        # Off topic: the surer we are (more core terms missed), the lower the cap.
        low = {1: 0.6, 2: 0.45}.get(rel.core_terms, 0.35)
        cap = low + (1.0 - low) * clip((rel.coverage - 0.1) / 0.3)
        # The focal concept (the competency asked about, or the named subject) unengaged: a polished
        # answer to another question is still off topic. Partial engagement gives a partial cap.
        cap = min(cap, FOCAL_CAP + (1.0 - FOCAL_CAP) * clip((rel.focal - 0.15) / 0.4))
        if rel.pivot is not None:
            cap = min(cap, PIVOT_CAP)
    if "keyword_stuffing" in flags:
        cap = min(cap, 0.2)
    if only_we:
        # Only what "we" did: the interviewer cannot tell the candidate's own part, so it cannot be strong.
        cap = min(cap, WE_NOT_I_CAP)
    if "unsupported_numbers" in flags:
        cap = min(cap, 0.3)
    if "no_detail" in flags:
        cap = min(cap, NO_DETAIL_CAP)
    if "buzzwords" in flags:
        cap = min(cap, max(0.1, BUZZ_CAP - 6.0 * max(0.0, buzz_density - 0.03)))
    if words < SHORT_WORDS:
        # Too short to show a situation, actions and a result, or a mechanism and its trade-offs; the cap
        # falls faster the shorter it is (30 words: at most 0.45, 20 words: 0.23).
        cap = min(cap, 0.05 + 0.9 * (words / SHORT_WORDS) ** 2)
    for name in dims:
        limit = max(cap, 0.4) if name == "relevance" and "keyword_stuffing" in flags else cap
        dims[name] = min(dims[name], limit)
    for key, part in parts.items():
        parts[key] = Part(min(part.score, cap), part.note)
    return cap


def _scale(dims: dict[str, float], parts: dict[str, Part], factor: float) -> None:
    """Scale every dimension and rubric part (in place), so the breakdown agrees with the overall."""
    for name in dims:
        dims[name] *= factor
    for key, part in parts.items():
        parts[key] = Part(part.score * factor, part.note)


def _episode(f: Features, dims: dict[str, float], parts: dict[str, Part], flags: list[str]) -> None:
    """Scale an answer to "tell me about a time" by how much of it tells a past occasion (in place)."""
    share = ev.narrated(f)
    told = clip((share - NARRATED_LOW) / (NARRATED_HIGH - NARRATED_LOW))
    _scale(dims, parts, NARRATED_MIN + (1.0 - NARRATED_MIN) * told)
    if share < NO_EPISODE and f.words >= SHORT_WORDS:
        flags.append("no_episode")


def _diagnosis(f: Features, dims: dict[str, float], parts: dict[str, Part], flags: list[str]) -> None:
    """Scale an answer to "what went wrong?" by how much it diagnoses (in place)."""
    density = 100.0 * f.count("diagnose") / max(1, f.words)
    _scale(dims, parts, DIAGNOSIS_MIN + (1.0 - DIAGNOSIS_MIN) * clip(density / DIAGNOSIS_FULL))
    if density < NO_DIAGNOSIS:
        flags.append("no_diagnosis")


def _correctness(
    f: Features,
    dims: dict[str, float],
    parts: dict[str, Part],
    flags: list[str],
    sweeping: float,
    question: str,
) -> tuple[Misconception, ...]:
    """What words can tell of correctness: a catalogued wrong claim caps the answer, and sweeping claims
    with nothing qualified discount it (both in place); returns the wrong claims found."""
    # "It" in the answer stands for the question's subject, unless the question names two ("the difference
    # between an MCB and an RCD": "it trips on overload" is about one of them).
    wrong = tuple(find_misconceptions(f.doc.text, question="" if ev.compared_sides(question) else question))
    if wrong:
        flags.append("misconception")
        cap = MISCONCEPTION_CAP[min(len(wrong), len(MISCONCEPTION_CAP)) - 1]
        for name in dims:
            dims[name] = min(dims[name], cap)
        for key, part in parts.items():
            parts[key] = Part(min(part.score, cap), part.note)
        if "accuracy" in parts:  # the claim is wrong: accuracy is what fails
            parts["accuracy"] = Part(min(parts["accuracy"].score, 0.3), "states a common misconception")
    if sweeping:
        for name in dims:
            dims[name] *= 1.0 - sweeping
        for key in ("accuracy", "analysis", "trade-offs"):
            if key in parts:
                parts[key] = Part(parts[key].score * (1.0 - sweeping), parts[key].note)
    return wrong


class RuleScorer:
    """Scores answers offline from the text alone (plus the question's rubric and sample answer if given)."""

    name = "rule"

    def score_many(self, items: Sequence[ScoringInput]) -> list[ScoreResult]:
        return [self.score(item) for item in items]

    def score(self, item: ScoringInput) -> ScoreResult:
        kind = concrete_type(item.interview_type, item.category)
        doc = analyse(item.answer)
        f = extract(doc)
        question = str(item.question or "")
        subject_first = (
            kind in (InterviewType.TECHNICAL, InterviewType.SYSTEM_DESIGN)
            and bool(_ASKS_SUBJECT.match(question))
            and not _ASKS_ACTIONS.match(question)
        )
        spelled = expand_acronyms(doc.text, question)  # "VaR" also reads as the question's "Value at Risk"
        rel = relevance(
            doc if spelled == doc.text else analyse(spelled),
            question,
            item.rubric,
            item.sample_answer,
            item.hints,
            subject_first,
            behavioural=kind == InterviewType.BEHAVIORAL,
        )
        if spelled != doc.text:
            # Acronyms are spelled out to match the question's terms, not to count as echoing them: an
            # answer that says "SLS" and "ULS" throughout is not parroting "serviceability limit state".
            echo, echo_repeat, echo_top = echo_of(doc, question)
            rel = dataclasses.replace(rel, echo=echo, echo_repeat=echo_repeat, echo_top=echo_top)
        own = question_terms(question).stems
        f.new_concrete = len(f.concrete_stems - own)
        _not_buzz_when_asked(f, own)
        flags = _fatal_flags(f, rel, question)
        criteria = rubric_criteria(kind, item.rubric)
        overtime = bool(
            item.duration_ms and item.time_limit_s and item.duration_ms > item.time_limit_s * 1000
        )
        wrong: tuple[Misconception, ...] = ()
        if flags:
            dims = {name: 0.0 for name in DIMENSIONS}
            if flags[0] == "restates_question":
                dims.update(relevance=0.1, communication=0.15)
            parts = {name.lower(): Part(0.0, "nothing to assess") for name, _ in criteria}
            comm_notes: list[str] = []
        else:
            parts = ev.EVIDENCE[kind](f, rel, question)
            spec = ev.specificity(f, _NUMBERS_WEIGHT[kind])
            comm, comm_notes = ev.clarity(f, item.transcript or spoken(doc), overtime)
            if kind == InterviewType.TECHNICAL:
                parts["communication"] = Part(
                    comm, "clear" if comm >= 0.7 else "; ".join(comm_notes) or "unclear"
                )
            dims = _dimensions(kind, f, rel, parts, spec, comm, question)
            sweeping = overclaim_penalty(kind, f)
            flags = self._soft_flags(kind, f, rel, doc.fillers, sweeping)
            # The cap needs clear evidence: no "I" action at all, in a story the question did not ask to be
            # about a team ("you or your team", "as a team").
            only_we = "we_not_i" in flags and not f.i_actions and not _TEAM_ASKED.search(question)
            _gate(dims, parts, rel, flags, f.words, buzz_count(f) / max(1, f.words), only_we)
            if kind == InterviewType.BEHAVIORAL and ev.asks_for_story(question):
                _episode(f, dims, parts, flags)
            elif kind == InterviewType.CASE_STUDY and ev.asks_diagnosis(question) and f.words >= SHORT_WORDS:
                _diagnosis(f, dims, parts, flags)
            wrong = _correctness(f, dims, parts, flags, sweeping, question)
        if overtime:
            flags.append("overtime")
        assessment = Assessment(kind, f, rel, parts, dims, flags, comm_notes, wrong)
        dimensions = {name: DimensionScore(clamp_score(dims[name] * 100), dimension_note(name, assessment))
                      for name in DIMENSIONS}  # fmt: skip
        overall = overall_from_dimensions({k: v.score for k, v in dimensions.items()})
        rubric = tuple(self._criterion(name, weight, parts, overall) for name, weight in criteria)
        text, strengths, improvements = write_feedback(item, assessment, overall)
        return ScoreResult(
            score=overall,
            grade=letter_grade(overall),
            dimensions=dimensions,
            rubric=rubric,
            feedback=text,
            strengths=tuple(strengths),
            improvements=tuple(improvements),
            example_answer=example_answer(item, assessment),
            engine="rule",
            flags=tuple(flags),
        )

    @staticmethod
    def _soft_flags(
        kind: InterviewType, f: Features, rel: Relevance, fillers: int, sweeping: float
    ) -> list[str]:
        flags: list[str] = []
        if _off_topic(rel):
            flags.append("off_topic")
        if _stuffing(f) or (rel.echo >= 0.35 and rel.echo_repeat >= 2.5 and rel.echo_top >= 6):
            flags.append("keyword_stuffing")
        if f.words < 20:
            flags.append("too_short")
        if buzz_count(f) >= 3 and buzz_count(f) / max(1, f.words) >= 0.03:
            flags.append("buzzwords")
        if f.vague_numbers >= 2 and f.vague_numbers > f.meaningful_numbers:
            flags.append("vague_numbers")
        if number_dump(f):
            flags.append("unsupported_numbers")
        if f.words >= NO_DETAIL_WORDS and f.new_concrete <= NO_DETAIL_MAX and not f.numbers and f.named <= 1:
            flags.append("no_detail")
        if kind == InterviewType.BEHAVIORAL and len(f.we_actions) >= 2 and len(f.i_actions) <= 1:
            flags.append("we_not_i")
        if sweeping >= 0.05:
            flags.append("overclaiming")
        if (fillers + f.like_fillers) / max(1, f.words) > 0.04:
            flags.append("filler_words")
        return flags

    @staticmethod
    def _criterion(name: str, weight: float, parts: dict[str, Part], overall: int) -> CriterionScore:
        part = parts.get(name.lower())
        if part is None:
            # A question-specific criterion we have no detector for: show the overall judgement.
            return CriterionScore(name, weight, overall, "judged from the answer as a whole")
        return CriterionScore(name, weight, clamp_score(part.score * 100), part.note)
