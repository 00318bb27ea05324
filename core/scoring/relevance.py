"""Relevance: how well an answer engages the question's key concepts (stems, a concept map, prefixes)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from core.scoring.focus import focal_coverage, focus_of
from core.scoring.terms import (
    GENERIC,
    TermIndex,
    clip01,
    concepts_of,
    match_strength,
    prefix_match,
    prefixes_of,
    question_terms,
    related_terms,
)
from core.scoring.text import Doc, analyse


@dataclass
class Relevance:
    score: float  # 0-1
    coverage: float
    echo: float  # share of the answer's content words that are the question's own words
    engagement: float
    bonus: float
    matched: list[str] = field(default_factory=list)  # question words the answer engages
    missing: list[str] = field(default_factory=list)  # question words it does not
    novelty: float = 1.0
    on_topic_sentences: set[int] = field(default_factory=set)
    core_terms: int = 0
    echo_repeat: float = 0.0  # how often each echoed question word is repeated
    echo_top: int = 0  # repeats of the most repeated question word
    focal: float = 1.0  # 0-1: weighted share of the question's focal concepts the answer's body engages
    focal_missing: list[str] = field(default_factory=list)  # focal words the answer never engages
    pivot: int | None = None  # the sentence that opens a proud story never engaging what was asked


#: A first-person proud opening: "One of the things I'm proudest of is ...", "X is something I'm proud of",
#: "One of my proudest moments was ...".
_PROUD = re.compile(
    r"\b(?:i|we)(?:'m| am| was| were|'re| are| have been|'ve been| felt| feel)? (?:\w+ ){0,2}proud(?:est)?\b"
    r"|\b(?:my|our|one of the) (?:\w+ )?proudest\b",
    re.IGNORECASE,
)
#: Questions that ask for an achievement, where a proud opening is the answer, not a pivot.
_ASKS_PRIDE = re.compile(
    r"\b(?:proud|proudest|achievement|achievements|accomplish\w*|success\w*|went well|best|favou?rite"
    r"|rewarding|highlight|enjoy\w*)\b",
    re.IGNORECASE,
)
#: Engagement below which a proud opening marks a story chosen for another question: the key (competency
#: or subject, see ``focal_coverage``) at most touched in passing or, where the question names no key,
#: fewer than half of its core terms engaged.
PIVOT_KEY = 0.3
PIVOT_COVERAGE = 0.5


def _pivot(answer: Doc, question: str, key: float | None, coverage: float) -> int | None:
    """The index of the answer's opening sentence when it announces a story the candidate is proud of, the
    question did not ask for one, and the story never engages what was asked ("a conversation with a parent
    that went badly" answered with "One of the things I'm proudest of is the Year 6 production").

    A candidate who opens with a prepared success story has chosen the story before the question; with what
    was asked missing as well, two independent signals agree that it answers another question.
    """
    engaged = key >= PIVOT_KEY if key is not None else coverage >= PIVOT_COVERAGE
    if engaged or not answer.sentences or _ASKS_PRIDE.search(question):
        return None
    opening = list(answer.sentences[:2])
    if opening[0].last - opening[0].first > 3:
        opening = opening[:1]  # a short "Sure." or "Yes, definitely." does not open the story
    return next((i for i, sentence in enumerate(opening) if _PROUD.search(sentence.text)), None)


#: Coverage of the question's core terms at which an answer is about the question even without the
#: subject's own word.
BROAD_ENOUGH = 0.7


def _kp_bonus(
    stems: set[str], found: set[str], rubric: Mapping[str, Any] | None, sample: str | None
) -> float:
    """0-1: overlap with the question's key points and sample answer, when given."""
    parts: list[float] = []
    points = rubric.get("key_points") if isinstance(rubric, Mapping) else None
    prefixes = prefixes_of(stems)
    if isinstance(points, list) and points:
        scores = []
        for point in points[:12]:
            pq = question_terms(str(point))
            if not pq.terms:
                continue
            got = sum(match_strength(t, pq.term_concepts[t], stems, prefixes, found) for t in pq.terms)
            scores.append(min(1.0, got / max(1.0, 0.5 * len(pq.terms))))
        if scores:
            parts.append(sum(scores) / len(scores))
    if sample:
        sq = question_terms(sample[:4000])
        key = [t for t, w in sq.terms.items() if w == 1.0]
        if key:
            hit = sum(1 for t in key if t in stems or prefix_match(t, prefixes))
            parts.append(min(1.0, hit / (0.3 * len(key))))
    return max(parts) if parts else 0.0


def _without_parroted_close(
    answer: Doc, content: list[tuple[int, str]], index: TermIndex
) -> list[tuple[int, str]]:
    """Drop a closing sentence made mostly of the question's own words ("So overall, X is what ...").

    Tacking the question onto the end of an answer about something else must not make it relevant.
    """
    if len(answer.sentences) < 3:
        return content
    last = len(answer.sentences) - 1
    closing = [s for i, s in content if answer.sentence_of[i] == last]
    echoed = sum(1 for s in closing if related_terms(s, index))
    if closing and echoed / len(closing) >= 0.5:
        body = [(i, s) for i, s in content if answer.sentence_of[i] != last]
        return body or content
    return content


def _echo(content: list[tuple[int, str]], q_stems: set[str]) -> tuple[float, float, int]:
    """The share of content words that are the question's own, how often each is repeated, and the most
    repeats of one."""
    echoed = [s for _, s in content if s in q_stems]
    top = max((echoed.count(e) for e in set(echoed)), default=0)
    return len(echoed) / max(1, len(content)), len(echoed) / max(1, len(set(echoed))), top


def _content(answer: Doc) -> list[tuple[int, str]]:
    """(token index, stem) of the answer's words that can carry meaning (not generic ones)."""
    return [
        (i, s) for i, (t, s) in enumerate(zip(answer.tokens, answer.stems, strict=True)) if t not in GENERIC
    ]


def echo_of(answer: Doc, question: str) -> tuple[float, float, int]:
    """``relevance``'s echo figures for the answer as written (see ``_echo``)."""
    return _echo(_content(answer), set(question_terms(question).terms))


def relevance(
    answer: Doc,
    question: str,
    rubric: Mapping[str, Any] | None = None,
    sample_answer: str | None = None,
    extra: Iterable[str] = (),
    subject_first: bool = False,
    behavioural: bool = False,
) -> Relevance:
    """How well the answer engages the question's core terms, with a floor for what words cannot show."""
    q = question_terms(question)
    stems = set(answer.stems)
    found = concepts_of(answer)
    prefixes = prefixes_of(stems)
    content = _content(answer)
    if not content:
        return Relevance(0.0, 0.0, 0.0, 0.0, 0.0, missing=[q.surface[t] for t in q.terms], novelty=0.0)
    body = _without_parroted_close(answer, content, q.index)
    if len(body) < len(content):
        # Judge the answer without its parroting close (the tokens before the last sentence).
        cut = answer.spans[body[-1][0]][1]
        return relevance(analyse(answer.text[:cut] + "."), question, rubric, sample_answer, extra,
                         subject_first, behavioural)  # fmt: skip
    # Where each question term is engaged: same stem, a topic-concept sibling, or a shared prefix.
    hits: dict[str, int] = {}
    sentences: set[int] = set()
    related: dict[str, set[str]] = {}
    for i, s in content:
        terms = related.get(s)
        if terms is None:
            terms = related[s] = related_terms(s, q.index)
        for term in terms:
            hits[term] = hits.get(term, 0) + 1
        if terms:
            sentences.add(answer.sentence_of[i])
    need = 1.0 + len(content) / 150
    core: list[tuple[float, float]] = []  # (strength, weight)
    broad: list[float] = []
    matched: list[str] = []
    missing: list[str] = []
    term_strength: dict[str, float] = {}
    for term, weight in q.terms.items():
        m = match_strength(term, q.term_concepts[term], stems, prefixes, found)
        strength = m * min(1.0, max(1, hits.get(term, 0)) / need) ** 0.7 if m else 0.0
        term_strength[term] = strength
        if weight == 1.0:
            # The first core terms usually name what is asked; later ones tend to be setting.
            core.append((strength, (1.6 if len(core) < 2 else 1.0) * q.rarity.get(term, 1.0)))
            (matched if m else missing).append(q.surface[term])
        else:
            broad.append(strength)
    core.extend((1.0 if concept in found else 0.0, 1.6) for concept in q.phrase_concepts)
    if core:
        # Most questions have one core concept plus setting: the best-engaged term counts extra.
        best = max(s for s, _ in core)
        coverage = 0.75 * sum(s * w for s, w in core) / sum(w for _, w in core) + 0.25 * best
        if subject_first and coverage < BROAD_ENOUGH:
            # "Design a rate limiter for ...", "How does a B-tree index ...": the subject comes first, and
            # an answer that never engages it is not about the question, whatever setting words it shares;
            # unless it engages nearly everything else the question names ("data model for sales reporting
            # across stores and the website" answered with a star schema for store and web sales).
            coverage = min(coverage, 0.1 + max((term_strength[t] for t in q.subject), default=1.0))
        if broad:
            coverage = 0.85 * coverage + 0.15 * sum(broad) / len(broad)
        if len(q.parts) > 1:
            # A question in several parts: each part should be engaged, not only the first.
            answered = [min(1.0, max(term_strength[t] for t in part) / 0.6) for part in q.parts]
            coverage = 0.6 * coverage + 0.4 * sum(answered) / len(answered) * min(1.0, coverage / 0.3)
        # Words cannot prove an answer off topic: the fewer core terms, the higher the floor.
        floor = {1: 0.35, 2: 0.25}.get(len(core), 0.15)
        base = floor + (1.0 - floor) * clip01((coverage - 0.1) / 0.45)
    else:
        coverage = sum(broad) / len(broad) if broad else 0.0
        base = 0.65 + 0.2 * coverage
    echo, echo_repeat, echo_top = _echo(content, set(q.terms))
    novel = {s for _, s in content if s not in q.stems}
    novelty = len(novel) / max(1, len({s for _, s in content}))
    engagement = len(sentences) / max(1, len(answer.sentences))
    bonus = _kp_bonus(stems, found, rubric, sample_answer)
    for text in extra:
        hq = question_terms(text)
        if hq.terms:
            hit = sum(1 for t in hq.terms if t in stems) / len(hq.terms)
            bonus = max(bonus, min(1.0, hit / 0.5) * 0.5)
    focus = focus_of(question, behavioural, subject_first)
    focal, focal_missing, key = focal_coverage(
        answer, content, focus, q, stems, found, prefixes, need, behavioural
    )
    if core:
        # Relevance rests on the focal concept first; the rest of the question is setting.
        base = min(base, 0.1 + 0.9 * clip01(focal / 0.55))
    score = base + 0.35 * (1.0 - base) * bonus * min(1.0, base / 0.4)
    return Relevance(
        score,
        coverage,
        echo,
        engagement,
        bonus,
        matched,
        missing,
        novelty,
        sentences,
        len(core),
        echo_repeat,
        echo_top,
        focal,
        focal_missing,
        _pivot(answer, question, key, coverage),
    )
