"""The stronger example answer: the candidate's own material in a complete structure, gaps marked."""

from __future__ import annotations

from collections import Counter

from core.scoring.base import ScoringInput
from core.scoring.evidence import Assessment
from core.scoring.features import Features, extract
from core.scoring.terms import question_terms
from core.scoring.text import analyse
from db.enums import InterviewType

#: Sections per type: (label, cue categories that place a sentence there, what to add when missing).
Section = tuple[str, tuple[str, ...], str]
SECTIONS: dict[InterviewType, tuple[Section, ...]] = {
    InterviewType.BEHAVIORAL: (
        ("Situation", ("situation", "setting"), "where you were, when, and what was at stake"),
        ("Task", ("task",), "what you were responsible for and what success meant"),
        ("Action", ("_actions",), "two or three steps you personally took, and why"),
        (
            "Result",
            ("result", "reflection"),
            "what changed, with a number (time saved, errors cut, people helped), and what you learned",
        ),
    ),
    InterviewType.TECHNICAL: (
        ("Answer", ("_first",), "a one-sentence direct answer"),
        ("How it works", ("explain",), "the mechanism: how and why it works"),
        ("Example", ("example",), "a concrete example from code or a system you worked on"),
        ("Trade-offs", ("tradeoff", "use_case"), "what it costs, when not to use it, and the alternative"),
    ),
    InterviewType.SYSTEM_DESIGN: (
        (
            "Requirements",
            ("requirements",),
            "functional needs, scale (users, requests per second, data size), "
            "latency and availability targets",
        ),
        ("High-level design", ("components",), "the main components and how a request flows through them"),
        ("Deep dive", ("deep_dive",), "the data model, keys and the core algorithm of one component"),
        ("Scaling", ("scale",), "caching, sharding, replication, queues, and the bottleneck"),
        ("Trade-offs", ("tradeoff",), "the choices you made and what you gave up"),
    ),
    InterviewType.CASE_STUDY: (
        ("Framing", ("framing",), "the objective restated, your assumptions and your approach"),
        (
            "Analysis",
            ("analysis",),
            "the drivers (revenue, costs, customers, competitors) and what the data says",
        ),
        ("Numbers", ("_numbers", "arith"), "a quick estimate with the arithmetic shown"),
        ("Recommendation", ("recommend", "risk"), "a clear recommendation, the main risk and the next step"),
    ),
}
_MAX_PER_SECTION = 3
_MAX_SENTENCE_CHARS = 320


def _label_sentences(f: Features, sections: tuple[Section, ...]) -> dict[int, int]:
    """Sentence index -> section index, by cue evidence with a positional tie-break."""
    n = len(f.doc.sentences)
    action_sents = Counter(f.doc.sentence_of[j] for j in (*f.i_actions.values(), *f.hyp_actions.values(),
                                                           *f.we_actions.values()))  # fmt: skip
    number_sents = Counter(u.sentence for u in f.numbers if u.meaningful)
    cue_counts = {cue: Counter(f.doc.sentence_of[a] for a, _ in hits) for cue, hits in f.cue_hits.items()}
    labels: dict[int, int] = {}
    for i in range(n):
        scores = []
        for k, (_, cues, _) in enumerate(sections):
            score = 0.0
            for cue in cues:
                if cue == "_actions":
                    score += action_sents[i]
                elif cue == "_numbers":
                    score += number_sents[i]
                elif cue == "_first":
                    score += 1.5 if i == 0 else 0.0
                elif cue in cue_counts:
                    score += cue_counts[cue][i] * (0.5 if cue == "setting" else 1.0)
            # Position prior: sections tend to come in order.
            expected = k / max(1, len(sections) - 1)
            score -= 0.6 * abs(expected - i / max(1, n - 1))
            scores.append(score)
        best = max(range(len(sections)), key=lambda k: scores[k])
        if scores[best] > -0.5:
            labels[i] = best
    return labels


def _texts(f: Features, labels: dict[int, int], section: int) -> list[str]:
    out = []
    for i, k in sorted(labels.items()):
        if k == section:
            text = " ".join(f.doc.sentences[i].text.split())
            out.append(
                text
                if len(text) <= _MAX_SENTENCE_CHARS
                else text[:_MAX_SENTENCE_CHARS].rsplit(" ", 1)[0] + " ..."
            )
    return out[:_MAX_PER_SECTION]


def _focus(item: ScoringInput) -> str:
    terms = [t for t, w in question_terms(str(item.question or "")).terms.items() if w == 1.0]
    surface = question_terms(str(item.question or "")).surface
    words = [surface[t] for t in terms[:4]]
    return f" (about {', '.join(words)})" if words else ""


def _corrected(texts: list[str], a: Assessment) -> list[str]:
    """The candidate's sentences, each one that states a known misconception replaced by the right fact."""
    wrong = [(" ".join(m.sentence.split()), m.correction) for m in a.misconceptions]
    out = []
    for text in texts:
        fix = next((c for s, c in wrong if s.rstrip(".!?") in text or text.rstrip(".!? ") in s), None)
        out.append(f"[Corrected: {fix}]" if fix else text)
    return out


def example_answer(item: ScoringInput, a: Assessment) -> str:
    """A stronger answer: the candidate's sentences re-ordered by section, gaps filled or marked."""
    sections = SECTIONS.get(a.kind, SECTIONS[InterviewType.BEHAVIORAL])
    sample = (item.sample_answer or "").strip()
    unusable = {"empty", "gibberish", "restates_question", "off_topic", "keyword_stuffing"} & set(a.flags)
    if unusable and sample:
        return sample
    own: dict[int, list[str]] = {}
    if not unusable:
        labels = _label_sentences(a.features, sections)
        own = {k: _corrected(_texts(a.features, labels, k), a) for k in range(len(sections))}
    model: dict[int, list[str]] = {}
    if sample:
        sf = extract(analyse(sample))
        slabels = _label_sentences(sf, sections)
        model = {k: _texts(sf, slabels, k) for k in range(len(sections))}
    lines: list[str] = []
    if not own:
        lines.append(f"A complete answer{_focus(item)} would cover:")
    for k, (label, _, add) in enumerate(sections):
        body = " ".join(own.get(k, []))
        extra = ""
        if label == "Action" and "we_not_i" in a.flags:
            extra = ' [Say what you personally did: "I ...".]'
        if label == "Result" and body and not any(u.meaningful for u in a.features.numbers):
            extra = " [Add a measure: from what to what, and over how long.]"
        if not body:
            borrowed = " ".join(model.get(k, []))
            body = f"[Add: {add}. For instance: {borrowed}]" if borrowed else f"[Add: {add}.]"
        lines.append(f"{label}: {body}{extra}")
    return "\n".join(lines)
