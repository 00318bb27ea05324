"""The focal concept of a question: what an answer must engage to be about the question at all (the
competency of a behavioural prompt, the named subject of a technical one)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from core.scoring import lexicon as lx
from core.scoring.concepts import COMPETENCIES
from core.scoring.terms import (
    CONCEPT_PHRASES,
    CONCEPTS_BY_STEM,
    GENERIC_TECH_STEMS,
    PART_SPLIT,
    QuestionTerms,
    TermIndex,
    concept_phrases,
    match_strength,
    prefix_match,
    question_terms,
    related_terms,
    term_index,
)
from core.scoring.text import Doc, analyse, phrase_tokens, stem

#: Where a behavioural prompt states its competency: "Tell me about a time you X", "How did you handle X".
_BEHAVIOURAL_LEAD = re.compile(
    r"\b(?:tell (?:me|us) about|describe|give (?:me |us )?(?:an? )?(?:example|instance)|share|walk (?:me|us)"
    r" through|talk (?:me |us )?(?:about|through)|time (?:when |that )?you|how (?:did|do|have|would) you"
    r"|what (?:did|do|would) you do)\b",
    re.IGNORECASE,
)
_CAUSAL = lx.words("led lead leads leading")
#: Nouns whose stem is a competency verb's: "a donor's offer of an object" is not "objected".
_HOMOGRAPHS = lx.words("object objects")
_COMPETENCY_OF: dict[str, frozenset[str]] = {}
for _name, _members in COMPETENCIES.items():
    for _member in _members.split():
        _toks = phrase_tokens(_member.replace("_", " "))
        if len(_toks) == 1:
            _COMPETENCY_OF[stem(_toks[0])] = _COMPETENCY_OF.get(stem(_toks[0]), frozenset()) | {_name}


@dataclass(frozen=True)
class Focus:
    """The question's focal concepts: what an answer must engage to be about the question at all."""

    terms: Mapping[str, float]  # focal stem -> weight (competency and specific domain terms weigh most)
    key: frozenset[str]  # terms at least one of which must be engaged (the competency, or the subject)
    phrases: Mapping[str, str]  # competency group -> the phrase the question names it by ("went badly")
    clause: str  # the focal clause, for feedback
    index: TermIndex  # answer stem -> focal terms it engages

    @property
    def competencies(self) -> frozenset[str]:
        """Competency groups the focal clause names as phrases ("said no")."""
        return frozenset(self.phrases)


def _focal_clause(question: str, behavioural: bool) -> str:
    chunks = [c.strip() for c in PART_SPLIT.split(question) if c and c.strip()]
    if not chunks:
        return ""
    if behavioural:
        for chunk in chunks:
            if _BEHAVIOURAL_LEAD.search(chunk):
                return chunk
    return chunks[0]


@lru_cache(maxsize=512)
def focus_of(question: str, behavioural: bool, subject_first: bool = False) -> Focus:
    """Focal terms, weighted by specificity.

    Behavioural prompts: the clause that states the competency ("... a time you mentored a new colleague");
    a term in a competency group is the key, generic words (team, customer, manager) weigh little.
    Other prompts: the question's content terms, the specific subject terms (not "speed", "queries",
    "performance") weighted up and, when the question names its subject first, required.
    """
    q = question_terms(question)
    weights: dict[str, float] = {}
    key: set[str] = set()
    phrases: dict[str, str] = {}
    if behavioural:
        clause = _focal_clause(question, True)
        doc = analyse(clause)
        for i, (tok, s) in enumerate(zip(doc.tokens, doc.stems, strict=True)):
            causal = tok in _CAUSAL and doc.tokens[i + 1 : i + 2] == ("to",)  # "led to a conclusion"
            if s in _COMPETENCY_OF and tok not in lx.STOPWORDS and tok not in _HOMOGRAPHS and not causal:
                weights[s] = 2.0
                key.add(s)
            elif s in q.terms and s not in weights:
                weights[s] = 0.35 if q.terms[s] < 1.0 else q.rarity.get(s, 1.0)
        phrases = {
            label: " ".join(doc.tokens[i:j])
            for label, i, j in CONCEPT_PHRASES.find(list(doc.tokens))
            if label in COMPETENCIES
        }
    else:
        clause = _focal_clause(question, False)
        subject = set(q.subject)
        for s, w in q.terms.items():
            generic = w < 1.0 or s in GENERIC_TECH_STEMS
            weight = 0.35 if w < 1.0 else 0.4 if generic else q.rarity.get(s, 1.0)
            if s in subject and not generic:
                weight *= 1.5
                if subject_first:
                    key.add(s)
            weights[s] = weight
    index = term_index(weights, {t: CONCEPTS_BY_STEM.get(t, frozenset()) for t in weights})
    return Focus(weights, frozenset(key), phrases, clause, index)


def focal_coverage(
    answer: Doc,
    content: list[tuple[int, str]],
    focus: Focus,
    q: QuestionTerms,
    stems: set[str],
    found: set[str],
    prefixes: set[str],
    need: float,
    behavioural: bool,
) -> tuple[float, list[str], float | None]:
    """Weighted share of the focal terms the answer engages in its body (not only in a closing line), the
    words it misses, and how strongly it engages the key (the competency or the subject; None when the
    question names none)."""
    if not focus.terms and not focus.competencies:
        return 1.0, [], None
    last = len(answer.sentences) - 1 if len(answer.sentences) >= 3 else -1
    body_hits: dict[str, int] = {}
    related: dict[str, set[str]] = {}
    for i, s in content:
        if answer.sentence_of[i] == last:
            continue
        terms = related.get(s)
        if terms is None:
            terms = related[s] = related_terms(s, focus.index)
        for term in terms:
            body_hits[term] = body_hits.get(term, 0) + 1
    # Competency phrases ("paired with", "walked her through") count for the terms of their group.
    phrase_body: dict[str, int] = {}
    for label, i, _ in concept_phrases(tuple(answer.tokens)):
        if label in COMPETENCIES and answer.sentence_of[i] != last:
            phrase_body[label] = phrase_body.get(label, 0) + 1
    strength: dict[str, float] = {}
    missing: list[str] = []
    for term in focus.terms:
        concepts = CONCEPTS_BY_STEM.get(term, frozenset())
        m = match_strength(term, concepts, stems, prefixes, found)
        n = body_hits.get(term, 0) + sum(phrase_body.get(c, 0) for c in concepts)
        if not m and n:
            m = 0.85
        if m and not n:
            m = 0.0  # engaged only in the closing sentence: a line that parrots the question
        strength[term] = m * min(1.0, max(1, n) / need) ** 0.5 if m else 0.0
        if not m:
            missing.append(q.surface.get(term, term))
    named = {c for t in focus.terms for c in _COMPETENCY_OF.get(t, ())}
    for c in sorted(focus.competencies - named):
        # A competency the question names only as a phrase ("say no"): any member of its group engages it.
        n = phrase_body.get(c, 0) + sum(
            1 for i, s in content if answer.sentence_of[i] != last and c in _COMPETENCY_OF.get(s, ())
        )
        strength["@" + c] = min(1.0, n / need) ** 0.5 if n else 0.0
        if not n:
            phrase = focus.phrases[c]
            # The question's own phrase ("went badly"), in place of any of its words already listed.
            missing = [m for m in missing if m not in phrase.split()] + [phrase]
    keys = [t for t in focus.key if t in strength] + [t for t in strength if t.startswith("@")]
    if not keys:
        return 1.0, missing, None  # nothing names the focal concept: the coverage rules judge relevance alone
    # The competency (behavioural) or the named subject (technical) must be engaged: without it, an
    # answer is about something else, however many setting words it shares with the question.
    key = max(strength[t] for t in keys)
    focal = 0.12 + key
    setting = {t: w for t, w in focus.terms.items() if t not in focus.key}
    if behavioural and setting:
        # A story can show the competency without naming it ("he started shouting" for a conflict); one that
        # keeps to the question's own situation (its people, objects, setting words) gets some benefit.
        direct = {t: strength[t] for t in setting if t in stems or prefix_match(t, prefixes)}
        focal += 0.4 * sum(direct.get(t, 0.0) * w for t, w in setting.items()) / sum(setting.values())
    return min(1.0, focal), missing, key
