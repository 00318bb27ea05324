"""Rubric evidence per interview type (0-1 each) and the shared specificity and clarity measures."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from core.scoring.features import Features, action_strength
from core.scoring.lexicon import IRREGULAR_PAST, STOPWORDS, words
from core.scoring.misconceptions import Misconception
from core.scoring.relevance import Relevance
from core.scoring.text import Doc, Sentence, phrase_tokens, stem
from db.enums import InterviewType


def sat(x: float, k: float) -> float:
    """Diminishing returns: 0 at 0, about 0.63 at ``k``, approaching 1."""
    return 1.0 - math.exp(-max(0.0, x) / k) if k > 0 else 0.0


def clip(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return lo if x != x else max(lo, min(hi, x))


@dataclass(frozen=True)
class Part:
    """One rubric criterion's evidence: a 0-1 score and a short note."""

    score: float
    note: str


_CUE_WEIGHTS = {"since": 0.5, "check": 0.5, "mix": 0.5}


def _weighted(f: Features, cue: str, weights: dict[str, float] | None = None) -> float:
    """Hits of a cue category: each phrase counts fully once, then half for each repeat."""
    seen: set[str] = set()
    total = 0.0
    toks = f.doc.tokens
    weights = weights or _CUE_WEIGHTS
    for first, last in f.cue_hits.get(cue, ()):
        key = " ".join(toks[first:last])
        weight = weights.get(key, _CUE_WEIGHTS.get(key, 1.0))
        total += weight if key not in seen else 0.5 * weight
        seen.add(key)
    return total


def _explain(f: Features) -> float:
    """Explanations: "because", "which means" in full; "so", "if", "unless" at half weight."""
    return _weighted(f, "explain") + 0.5 * _weighted(f, "explain_weak")


_TRADE_WEIGHTS = {"but": 0.2, "cost": 0.5, "costs": 0.5, "option": 0.4, "options": 0.4, "balance": 0.4,
                  "although": 0.6, "unless": 0.6, "slower": 0.6}  # fmt: skip


def tradeoffs(f: Features) -> float:
    t = _weighted(f, "tradeoff", _TRADE_WEIGHTS) + 0.6 * _weighted(f, "use_case")
    return sat(t, 1.6)


def numbers_credit(f: Features, sentences: set[int] | None = None) -> float:
    """Meaningful numbers (optionally only in ``sentences``), baselines worth extra."""
    nums = [n for n in f.numbers if n.meaningful and (sentences is None or n.sentence in sentences)]
    return len(nums) + 0.5 * sum(1 for n in nums if n.baseline)


def specificity(f: Features, numbers_weight: float) -> float:
    """Concrete detail: meaningful numbers, names, concrete words, examples; minus vagueness."""
    words = max(1, f.words)
    num = sat(numbers_credit(f), 1.5)
    named = sat(f.named, 2.5)
    concrete = sat(f.concrete, 18.0) * min(1.0, 0.4 + f.concrete / words * 2.0)
    example = sat(f.count("example"), 1.0)
    detail = 0.3 * named + 0.5 * concrete + 0.2 * example
    # Numbers and concrete detail are two routes to specificity: either can carry it, both do best.
    score = 0.08 + 0.92 * (1.0 - (1.0 - (numbers_weight + 0.2) * num) * (1.0 - 0.75 * detail))
    score -= min(0.25, 0.035 * f.count("vague"))
    score -= min(0.4, 0.08 * f.count("buzz"))
    if f.vague_numbers >= 2 and f.vague_numbers > f.meaningful_numbers:
        score -= min(0.15, 0.05 * f.vague_numbers)
    return clip(score)


def clarity(f: Features, transcript: bool, overtime: bool) -> tuple[float, list[str]]:
    """Communication: readable sentences, little filler, no hedging or padding, sensible length."""
    notes: list[str] = []
    words = f.words
    score = 0.92
    if f.avg_sentence > 28:
        score -= min(0.1 if transcript else 0.25, (f.avg_sentence - 28) / 50)
        notes.append("long, run-on sentences")
    elif f.avg_sentence < 5 and len(f.doc.sentences) >= 3:
        score -= 0.1
        notes.append("choppy fragments")
    fillers = f.doc.fillers + f.like_fillers + 0.5 * f.count("soft_filler")
    if fillers:
        rate = fillers / max(1, words + f.doc.fillers)
        score -= min(0.2, rate * 2.0) * (0.5 if transcript else 1.0)
        if rate > 0.02:
            notes.append(f"{int(fillers)} filler words")
    hedges = f.count("hedge")
    if hedges:
        score -= min(0.15, 0.04 * hedges)
        notes.append("hedging")
    score -= min(0.12, 0.025 * f.count("vague"))
    score -= min(0.25, 0.05 * f.count("buzz"))
    if words < 25:
        score -= 0.3 * (1 - words / 25)
        notes.append("very short")
    elif words > 450:
        score -= min(0.25, (words - 450) / 800)
        notes.append(f"long ({words} words)")
    if f.content_diversity < 0.45 and words >= 40:
        score -= 0.45 - f.content_diversity
        notes.append("repetitive")
    if f.count("signpost") >= 2:
        score += 0.05
    if overtime:
        score -= 0.06
        notes.append("over the time limit")
    score -= max(0.0, 0.85 - f.plausibility)
    return clip(score), notes


_PAST_STATE = frozenset({"was", "were", "had", "wasn't", "weren't", "kept", "became", "began"})
#: Past tenses that tell what happened without being the candidate's actions ("a prescription came in").
_PAST_EVENT = _PAST_STATE | words(
    """came fell felt heard knew lost meant said thought rose woke forgot overheard struck hung lay lit
    didn't couldn't wouldn't hadn't"""
)


def _told_in_past(doc: Doc, sent: Sentence, states: frozenset[str] = _PAST_STATE) -> bool:
    """Whether the sentence has a past-tense verb: one of ``states``, an irregular past or an "-ed" form."""
    toks = doc.tokens[sent.first : sent.last]
    return any(t in states or t in IRREGULAR_PAST or (t.endswith("ed") and len(t) > 4) for t in toks)


def narrated(f: Features) -> float:
    """0-1: the share of the answer's sentences told in the past tense. A specific episode is told in the
    past ("the deadline moved, so I split the work"); habits, beliefs and what one would do are not."""
    doc = f.doc
    if not doc.sentences:
        return 0.0
    return sum(1 for s in doc.sentences if _told_in_past(doc, s, _PAST_EVENT)) / len(doc.sentences)


def _narrative_opening(f: Features) -> float:
    """1 when the opening sentence sets a past scene: a past-tense verb and a few concrete words."""
    doc = f.doc
    if not doc.sentences:
        return 0.0
    sent = doc.sentences[0]
    concrete = sum(1 for t in doc.tokens[sent.first : sent.last] if t not in STOPWORDS and len(t) > 3)
    return 1.0 if _told_in_past(doc, sent) and concrete >= 3 else 0.0


def _outcome_sentences(f: Features) -> set[int]:
    """The closing sentences when they report what happened: a past-tense verb, not an action of "I"."""
    doc = f.doc
    n = len(doc.sentences)
    actions = {doc.sentence_of[j] for j in f.i_actions.values()} | f.in_sentences("hedge")
    found: set[int] = set()
    for i in (n - 2, n - 1):
        if i < 0 or i in actions:
            continue
        if _told_in_past(doc, doc.sentences[i]):
            found.add(i)
    return found


_STORY = re.compile(
    r"tell (?:me|us) about|describe a|give (?:me |us )?(?:an? |one )?example|\ba time\b"
    r"|an occasion|a situation|have you ever|when (?:did|have|was|were) you"
    r"|walk (?:me|us) through a|share an?",
    re.IGNORECASE,
)
_PRACTICE = re.compile(
    r"^\s*(?:why\b|what (?:would|do|does|motivates|excites|attracts|draws|interests|makes)"
    r"|how (?:would|do|does)|what(?:'s| is) your|if you|in your view|where do you see)",
    re.IGNORECASE,
)


def asks_for_story(question: str) -> bool:
    """False for motivation, opinion, habit and hypothetical prompts ("Why this role?", "How do you keep
    your team motivated?"): those are answered with reasons and practices, not one past episode."""
    return bool(_STORY.search(question)) or not _PRACTICE.search(question)


def behavioral(f: Features, rel: Relevance, question: str = "") -> dict[str, Part]:
    """STAR evidence: Situation, Task, Action, Result."""
    story = asks_for_story(question) if question else True
    n = max(1, len(f.doc.sentences))
    early = set(range(max(2, math.ceil(n * 0.4))))
    late = set(range(n // 2, n)) | {n - 1}
    sit_early = len(f.in_sentences("situation") & early) + 0.5 * len(f.in_sentences("situation") - early)
    setting = len(f.in_sentences("setting") & early)
    s = (
        0.55 * sat(sit_early + 0.8 * _narrative_opening(f), 1.0)
        + 0.3 * sat(setting, 1.0)
        + 0.15 * sat(f.named, 2.0)
    )
    a_count = (
        sum(action_strength(f.doc, j) for j in f.i_actions.values())
        + (0.5 if story else 1.0) * sum(action_strength(f.doc, j) for j in f.hyp_actions.values())
        + 0.3 * sum(action_strength(f.doc, j) for j in f.we_actions.values())
    )
    we_not_i = len(f.we_actions) >= 2 and len(f.i_actions) <= 1
    a = 0.85 * sat(a_count, 2.0) + 0.15 * sat(f.count("explain"), 1.0)
    task = sat(_weighted(f, "task"), 1.0)
    t = max(0.75 * task + 0.25 * sat(f.first_person, 4.0), 0.75 * min(s, a))
    # Each result sentence: an outcome cue, more if it carries a meaningful number (and a story backs it).
    support = min(1.0, 0.3 + a + 0.3 * s)
    strength = 0.0
    measured = False
    outcome_like = _outcome_sentences(f)
    acting = {f.doc.sentence_of[j] for j in f.i_actions.values()}
    # Numbers early in the story are context, not outcomes.
    for i in (
        f.in_sentences("result")
        | {u.sentence for u in f.numbers if u.meaningful and u.sentence in late}
        | outcome_like
    ):
        nums = numbers_credit(f, {i})
        cue = 0.6 if i in f.in_sentences("result") else 0.3 if i in outcome_like else 0.2
        if i in acting:
            cue *= 0.5  # "I rebuilt X while he finished Y" is still the action, not the outcome
        measured = measured or nums > 0
        strength += (cue + 0.4 * min(1.0, nums) * support) * (1.0 if i in late else 0.4)
    r = min(1.0, 0.9 * sat(strength, 0.7) + 0.15 * sat(f.count("reflection"), 1.0))
    if we_not_i:
        t *= 0.8
    # Generic claims ("I always ...", "usually") instead of a specific episode weaken every part.
    past = len(f.i_actions) + 0.5 * len(f.we_actions)
    generic = f.count("generic") + 0.5 * f.count("hedge")
    # (Not for a question about habits or reasons, where "I always ..." is the answer.)
    specific = 1.0 - 0.6 * generic / (generic + past + 1.0) if story else 1.0
    if not story:
        # Reasons and practices carry the answer: context and goal are implied by the question itself.
        s, t = max(s, 0.7 * a), max(t, 0.8 * a)
    s, t, a, r = s * specific, t * specific, a * specific, r * specific
    if we_not_i:
        action_note = "tells what 'we' did, not what you did"
    else:
        action_note = "says what you personally did" if a >= 0.6 else "few concrete actions of your own"
    if r < 0.35:
        result_note = "no clear result"
    else:
        result_note = "a measured outcome" if measured else "an outcome, but not measured"
    return {
        "situation": Part(clip(s), "context is clear" if s >= 0.6 else "context is thin or missing"),
        "task": Part(clip(t), "your responsibility is clear" if t >= 0.6 else "your role or goal is unclear"),
        "action": Part(clip(a), action_note),
        "result": Part(clip(r), result_note),
    }


_ASKS_TRADEOFF = re.compile(
    r"trade-?offs?|\bpros\b|\bcons\b|compar|versus|\bvs\b|difference between|differ from"
    r"|when (?:would|should|can|not|to)"
    r"|why not|alternativ|choose|choice|hurt|downside|drawback|better|worse|instead|limitation|risk|weigh"
    r"|\bover\b|prevent|mitigat",
    re.IGNORECASE,
)
_HEADER = re.compile(r"(?:^|\n|[.!?]\s+)(?:\(?\d\)|[-*]\s*)?[A-Z][A-Za-z /&-]{2,30}:\s")


#: Questions about load and growth ("10 million users", "worldwide", "at peak"): scaling is then the point.
_ASKS_SCALE = re.compile(
    r"scal|million|billion|thousand|\d|users|traffic|worldwide|global|world|peak|concurren|high[- ]volume"
    r"|throughput|per second|\bqps\b|\brps\b|large|massive|huge|busy|spike|growth|grow",
    re.IGNORECASE,
)
#: Diagnostic prompts ("How would you figure out what happened?"): the analysis is the answer, and a final
#: recommendation is not required of it.
_ASKS_DIAGNOSIS = re.compile(
    r"figure out|find out|work out|diagnos|investigat|root cause|what happened|what's going on"
    r"|what is going on|why (?:has|have|did|is|are|was|were)|look into|get to the bottom|understand why",
    re.IGNORECASE,
)
_ASKS_NUMBERS = re.compile(
    r"estimate|how (?:many|much)|\bsize\b|sizing|market|calculat|compute|cost|worth|revenue|profit"
    r"|break-?even|payback|forecast|pric|valu|budget|margin|roi\b|return on",
    re.IGNORECASE,
)


def asks_diagnosis(question: str) -> bool:
    """True when the question asks what went wrong or why ("How would you figure out what happened?")."""
    return bool(_ASKS_DIAGNOSIS.search(question or ""))


def asks_numbers(question: str) -> bool:
    """True when the question calls for an estimate or a calculation."""
    return bool(_ASKS_NUMBERS.search(question or ""))


def asks_tradeoff(question: str) -> bool:
    """True when the question invites a comparison or the costs of an approach."""
    return bool(_ASKS_TRADEOFF.search(question or ""))


#: "the difference between A and B", "A vs B", "compare A with B": the things a question asks to contrast.
_COMPARED = re.compile(
    r"difference(?:s)? between (?P<a>[^?.;:]+?)\s+and\s+(?P<b>[^?.;:,]+)"
    r"|compare (?P<c>[^?.;:]+?)\s+(?:and|with|to)\s+(?P<d>[^?.;:,]+)"
    r"|(?P<e>(?:[\w-]+::)*[\w-]+(?: [\w-]+)?)\s+(?:vs\.?|versus)\s+(?P<f>(?:[\w-]+::)*[\w-]+(?: [\w-]+)?)",
    re.IGNORECASE,
)


@lru_cache(maxsize=512)
def compared_sides(question: str) -> tuple[frozenset[str], ...]:
    """The stems that tell apart each thing the question asks to compare ("strong, weak and unowned
    references" -> {strong}, {weak}, {unown}); empty when it asks for no comparison."""
    m = _COMPARED.search(question or "")
    if not m:
        return ()
    a, b = [g for g in m.groups() if g][:2]
    items = [x for x in re.split(r",\s*(?:and\s+)?", a) if x.strip()] + [b]
    stems = [
        frozenset(stem(t) for t in phrase_tokens(x) if t not in STOPWORDS and len(t) >= 2) for x in items
    ]
    shared = frozenset.intersection(*stems) if all(stems) else frozenset()
    sides = [s - shared for s in stems]
    return tuple(sides) if len(sides) >= 2 and all(sides) else ()


def contrast(f: Features, question: str) -> float:
    """0-1: for a question that asks to compare things, the share of them the answer says something
    about, each in a sentence of its own (an answer that explains each side IS the comparison)."""
    sides = compared_sides(question)
    if not sides:
        return 0.0
    doc = f.doc
    where = [{doc.sentence_of[i] for i, s in enumerate(doc.stems) if s in side} for side in sides]
    covered = sum(1 for w in where if w)
    distinct = len(set().union(*where)) >= min(2, covered)
    return covered / len(sides) if distinct else 0.5 * covered / len(sides)


def _depth(f: Features) -> float:
    """How much the answer explains: mechanisms, examples, domain detail and the conditions under which
    things hold ("unless", "it depends", "if"), not just claims."""
    explain = _explain(f)
    return (
        0.25 * sat(explain, 2.0)
        + 0.15 * sat(f.count("example") + 0.5 * f.count("use_case"), 1.0)
        + 0.35 * sat(f.concrete, 30.0 * _brevity(f))
        + 0.1 * sat(f.named + f.meaningful_numbers + f.arithmetic, 3.0)
        + 0.15 * sat(f.count("nuance"), 4.0 * _brevity(f))
    ) * _specific(f)


def _brevity(f: Features) -> float:
    """Scale for evidence counts: a short answer needs fewer hits to show the same coverage."""
    return clip(f.words / 200, 0.5, 1.0)


def _specific(f: Features) -> float:
    """1 for a confident, specific answer; lower with hedges and generic claims."""
    vague = f.count("hedge") + 0.5 * f.count("generic") + 0.5 * f.count("vague")
    return 1.0 - 0.6 * vague / (vague + 3.0)


def technical(f: Features, rel: Relevance, question: str = "") -> dict[str, Part]:
    """Accuracy (a proxy: on-topic, technical, confident), Depth, Trade-offs, Communication."""
    explain = _explain(f)
    terms = sat(f.named + 0.5 * f.count("components") + 0.5 * f.count("deep_dive"), 4.0)
    ignorance = min(1.0, float(f.count("ignorance")))
    depth = _depth(f)
    acc = 0.55 * rel.score + 0.15 * terms + 0.15 * sat(explain, 1.5) + 0.15 * depth
    acc -= 0.3 * ignorance + min(0.15, 0.04 * f.count("hedge"))
    trade = tradeoffs(f)
    note = "weighs alternatives" if trade >= 0.55 else "no alternatives or costs"
    sides = contrast(f, question)
    if 0.75 * sides > trade:
        # "What is the difference between A and B?": saying what each one does is the comparison.
        trade = max(trade, 0.75 * sides)
        note = "contrasts each option" if sides >= 0.99 else "covers only some of the options compared"
    if not asks_tradeoff(question):
        # The question does not ask for alternatives: their absence costs little.
        trade, note = max(trade, 0.3 + 0.6 * depth), note if trade >= 0.55 else "not asked; depth stands in"
    return {
        "accuracy": Part(clip(acc), "on point" if acc >= 0.65 else "partly off the question or unsure"),
        "depth": Part(
            clip(depth), "explains how and why" if depth >= 0.6 else "states without explaining why"
        ),
        "trade-offs": Part(clip(trade), note),
    }


def system_design(f: Features, rel: Relevance, question: str = "") -> dict[str, Part]:
    """Requirements, High-Level Design, Deep Dive, Scalability, Trade-offs."""
    rate_numbers = sum(1 for n in f.numbers if n.meaningful)
    headers = len(_HEADER.findall(f.doc.text))
    k = _brevity(f)
    req = sat(_weighted(f, "requirements") + 0.5 * rate_numbers, 3.0 * k)
    hld = sat(_weighted(f, "components") + 0.7 * headers + 0.5 * f.count("signpost"), 4.0 * k)
    deep = 0.5 * sat(_weighted(f, "deep_dive") + 0.5 * _explain(f), 4.0 * k) + 0.5 * _depth(f)
    scale = sat(_weighted(f, "scale") + 0.3 * rate_numbers, 3.0 * k)
    scale_note = "addresses growth" if scale >= 0.6 else "scaling not covered"
    if not _ASKS_SCALE.search(question or "") and scale < 0.3 + 0.6 * deep:
        # No load or growth in the question ("never charge a customer twice"): the mechanics matter more.
        scale, scale_note = 0.3 + 0.6 * deep, "not asked; the deep dive stands in"
    trade = tradeoffs(f)
    return {
        "requirements": Part(
            req, "clarifies scope and scale" if req >= 0.6 else "no requirements or estimates"
        ),
        "high-level design": Part(hld, "lays out the main parts" if hld >= 0.6 else "architecture is vague"),
        "deep dive": Part(clip(deep), "details data model and mechanics" if deep >= 0.6 else "little detail"),
        "scalability": Part(clip(scale), scale_note),
        "trade-offs": Part(trade, "weighs alternatives" if trade >= 0.55 else "no pros and cons"),
    }


def case_study(f: Features, rel: Relevance, question: str = "") -> dict[str, Part]:
    """Framing, Analysis, Quantification, Recommendation."""
    n = max(1, len(f.doc.sentences))
    early = set(range(max(2, math.ceil(n * 0.35))))
    framing_early = len(f.in_sentences("framing") & early)
    k = _brevity(f)
    framing = sat(_weighted(f, "framing") + 0.5 * framing_early, 1.6)
    analysis = sat(_weighted(f, "analysis") + 0.3 * f.count("signpost") + 0.5 * _explain(f), 4.0 * k)
    quant = sat(numbers_credit(f) + f.arithmetic, 2.5 * k)
    if not asks_numbers(question):
        # "How would you investigate ...": numbers help but are not the point.
        quant = max(quant, 0.5 * analysis)
    rec = 0.7 * sat(_weighted(f, "recommend"), 1.0) + 0.3 * sat(_weighted(f, "risk"), 1.5)
    rec_note = "clear recommendation" if rec >= 0.6 else "no clear recommendation"
    if asks_diagnosis(question) and rec < 0.7 * analysis:
        # "How would you figure out what happened?": finding the cause is the answer, not a final call.
        rec, rec_note = 0.7 * analysis, "diagnosis asked; the analysis stands in"
    return {
        "framing": Part(framing, "frames the problem" if framing >= 0.6 else "dives in without framing"),
        "analysis": Part(analysis, "breaks down the drivers" if analysis >= 0.6 else "analysis is shallow"),
        "quantification": Part(quant, "puts numbers on it" if quant >= 0.6 else "no numbers or estimates"),
        "recommendation": Part(rec, rec_note),
    }


EVIDENCE = {
    InterviewType.BEHAVIORAL: behavioral,
    InterviewType.TECHNICAL: technical,
    InterviewType.SYSTEM_DESIGN: system_design,
    InterviewType.CASE_STUDY: case_study,
}


@dataclass
class Assessment:
    """What the scorer found, handed to the feedback and example writers."""

    kind: InterviewType
    features: Features
    rel: Relevance
    parts: dict[str, Part]
    dims: dict[str, float]  # 0-1, after gates
    flags: list[str]
    clarity_notes: list[str]
    misconceptions: tuple[Misconception, ...] = ()  # catalogued wrong claims the answer states as fact
