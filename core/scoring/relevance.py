"""Relevance: how well an answer engages the question's key concepts (stems, a concept map, prefixes)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from core.scoring import lexicon as lx
from core.scoring.concepts import COMPETENCIES, CONCEPT_GROUPS
from core.scoring.text import Doc, PhraseIndex, analyse, fold, phrase_tokens, stem, tokenize

_GENERIC = lx.QUESTION_GENERIC | lx.STOPWORDS
_GENERIC_TECH = frozenset(stem(w) for w in lx.GENERIC_TECH)
_CLAUSE_BREAKS = lx.words(
    "for in with across on at from when where that which who whose without during given if so while to"
)
_PART_SPLIT = re.compile(
    r"[?;]|[.,]\s+(?=(?:and\s+)?(?:how|what|why|when|where|which|who|give|explain|describe|tell)\b)"
    r"|\s+and\s+(?=(?:how|what|why|when|where|which)\b)",
    re.IGNORECASE,
)


def _concept_maps() -> tuple[dict[str, frozenset[str]], PhraseIndex, dict[str, float]]:
    by_stem: dict[str, set[str]] = {}
    phrases: dict[str, list[str]] = {}
    weights: dict[str, float] = {}
    for name, (weight, members) in CONCEPT_GROUPS.items():
        weights[name] = weight
        for member in members.split():
            toks = phrase_tokens(member.replace("_", " "))
            if len(toks) == 1:
                by_stem.setdefault(stem(toks[0]), set()).add(name)
            elif toks:
                phrases.setdefault(name, []).append(" ".join(toks))
    return {k: frozenset(v) for k, v in by_stem.items()}, PhraseIndex(phrases), weights


CONCEPTS_BY_STEM, CONCEPT_PHRASES, CONCEPT_WEIGHTS = _concept_maps()


def concepts_of(doc: Doc) -> set[str]:
    """Concept names the text mentions, by stem or by phrase."""
    found: set[str] = set()
    for s in set(doc.stems):
        hit = CONCEPTS_BY_STEM.get(s)
        if hit:
            found |= hit
    found.update(label for label, _, _ in CONCEPT_PHRASES.find(list(doc.tokens)))
    return found


PREFIX = 6


def clip01(x: float) -> float:
    return max(0.0, min(1.0, x))


def _prefixes(stems: Iterable[str]) -> set[str]:
    """Keys for prefix matching: 6-letter prefixes, and whole 5-letter stems (as "5:stem")."""
    out: set[str] = set()
    for s in stems:
        if len(s) >= PREFIX:
            out.add(s[:PREFIX])
            out.add("5:" + s[:5])
        elif len(s) == 5:
            out.add("5=" + s)
    return out


def _prefix_match(term: str, prefixes: set[str]) -> bool:
    """Same 6-letter prefix, or one stem of 5 letters begins the other ("class" ~ "classificat")."""
    if len(term) >= PREFIX:
        return term[:PREFIX] in prefixes or "5=" + term[:5] in prefixes
    return len(term) == 5 and "5:" + term in prefixes


@dataclass(frozen=True)
class TermIndex:
    """Lookups from an answer stem to the question terms it engages."""

    exact: frozenset[str]
    by_prefix: Mapping[str, tuple[str, ...]]  # 6-letter prefix -> terms
    five: Mapping[
        str, tuple[str, ...]
    ]  # 5-letter term -> itself; longer terms by their first 5 letters ("5:")
    by_concept: Mapping[str, tuple[str, ...]]  # topic concept -> terms in it


def _term_index(terms: Iterable[str], concepts: Mapping[str, frozenset[str]]) -> TermIndex:
    by_prefix: dict[str, list[str]] = {}
    five: dict[str, list[str]] = {}
    by_concept: dict[str, list[str]] = {}
    for term in terms:
        if len(term) >= PREFIX:
            by_prefix.setdefault(term[:PREFIX], []).append(term)
            five.setdefault("5:" + term[:5], []).append(term)
        elif len(term) == 5:
            five.setdefault(term, []).append(term)
        for c in concepts.get(term, ()):
            if CONCEPT_WEIGHTS[c] >= 0.8:
                by_concept.setdefault(c, []).append(term)
    return TermIndex(
        frozenset(terms),
        {k: tuple(v) for k, v in by_prefix.items()},
        {k: tuple(v) for k, v in five.items()},
        {k: tuple(v) for k, v in by_concept.items()},
    )


def _related_terms(s: str, index: TermIndex) -> set[str]:
    """Question terms the answer stem ``s`` engages: same stem, shared prefix, or a topic concept."""
    found = {s} & index.exact
    if len(s) >= PREFIX:
        found.update(index.by_prefix.get(s[:PREFIX], ()))
        found.update(index.five.get(s[:5], ()))  # a 5-letter term that begins s
    elif len(s) == 5:
        found.update(index.five.get("5:" + s, ()))  # longer terms that s begins
    for c in CONCEPTS_BY_STEM.get(s, ()):
        found.update(index.by_concept.get(c, ()))
    return found


@dataclass(frozen=True)
class QuestionTerms:
    """The question's key terms (stem -> weight) and the concepts they belong to."""

    doc: Doc
    terms: Mapping[str, float]
    surface: Mapping[str, str]  # stem -> a word as the question writes it
    term_concepts: Mapping[str, frozenset[str]]
    phrase_concepts: frozenset[str]
    stems: frozenset[str]
    parts: tuple[frozenset[str], ...]  # core terms of each sub-question ("What is X?", "how would you Y?")
    index: TermIndex
    rarity: Mapping[str, float]  # 1 for rare words, less for everyday ones
    subject: tuple[str, ...]  # core terms before the first clause break: what the question is about

    @property
    def total(self) -> float:
        return sum(self.terms.values()) + len(self.phrase_concepts)


def _whole_word(doc: Doc, i: int) -> str:
    """The token as written, with hyphenated parts: "trade-off", not "trade"."""
    text = doc.text
    lo, hi = doc.spans[i]
    while lo > 1 and text[lo - 1] == "-" and text[lo - 2].isalnum():
        lo -= 2
        while lo > 0 and text[lo - 1].isalnum():
            lo -= 1
    while hi + 1 < len(text) and text[hi] == "-" and text[hi + 1].isalnum():
        hi += 1
        while hi < len(text) and text[hi].isalnum():
            hi += 1
    return text[lo:hi].lower()


@lru_cache(maxsize=512)
def question_terms(question: str) -> QuestionTerms:
    doc = analyse(question)
    terms: dict[str, float] = {}
    surface: dict[str, str] = {}
    concepts: dict[str, frozenset[str]] = {}
    rarity: dict[str, float] = {}
    for i, (tok, s) in enumerate(zip(doc.tokens, doc.stems, strict=True)):
        if tok in _GENERIC or len(tok) < 3 or tok.isdigit():
            continue
        weight = 0.35 if tok in lx.BROAD else 1.0
        if weight > terms.get(s, 0.0):
            terms[s] = weight
            surface.setdefault(s, _whole_word(doc, i))
        # Everyday words ("class", "drug", "public") are weaker evidence than rarer ones ("differentiate").
        rarity[s] = min(rarity.get(s, 1.0), 0.6 if tok in lx.COMMON_WORDS else 1.0)
        concepts[s] = CONCEPTS_BY_STEM.get(s, frozenset())
    phrase_concepts = frozenset(label for label, _, _ in CONCEPT_PHRASES.find(list(doc.tokens)))
    parts: list[frozenset[str]] = []
    for chunk in _PART_SPLIT.split(question):
        part = frozenset(stem(t) for t in tokenize(fold(chunk))) & {t for t, w in terms.items() if w == 1.0}
        if part and part not in parts:
            parts.append(part)
    subject: list[str] = []
    for i, (tok, s) in enumerate(zip(doc.tokens, doc.stems, strict=True)):
        lo, hi = doc.spans[i]
        joined = doc.text[hi : hi + 1] == "-" or doc.text[lo - 1 : lo] == "-"  # "in-memory" is no break
        if subject and tok in _CLAUSE_BREAKS and not joined:
            break  # "Design a rate limiter | for a public API ...": the rest is setting
        if terms.get(s) == 1.0 and s not in subject and s not in _GENERIC_TECH:
            subject.append(s)  # "Design the backend | for a library ...": the library system is the subject
    index = _term_index(terms, concepts)
    return QuestionTerms(
        doc,
        terms,
        surface,
        concepts,
        phrase_concepts,
        frozenset(doc.stems),
        tuple(parts),
        index,
        rarity,
        tuple(subject),
    )


#: Where a behavioural prompt states its competency: "Tell me about a time you X", "How did you handle X".
_BEHAVIOURAL_LEAD = re.compile(
    r"\b(?:tell (?:me|us) about|describe|give (?:me |us )?(?:an? )?(?:example|instance)|share|walk (?:me|us)"
    r" through|talk (?:me |us )?(?:about|through)|time (?:when |that )?you|how (?:did|do|have|would) you"
    r"|what (?:did|do|would) you do)\b",
    re.IGNORECASE,
)
_CAUSAL = lx.words("led lead leads leading")
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
    competencies: frozenset[str]  # competency groups the focal clause names as phrases ("said no")
    clause: str  # the focal clause, for feedback
    index: TermIndex  # answer stem -> focal terms it engages


def _focal_clause(question: str, behavioural: bool) -> str:
    chunks = [c.strip() for c in _PART_SPLIT.split(question) if c and c.strip()]
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
    if behavioural:
        clause = _focal_clause(question, True)
        doc = analyse(clause)
        for i, (tok, s) in enumerate(zip(doc.tokens, doc.stems, strict=True)):
            causal = tok in _CAUSAL and doc.tokens[i + 1 : i + 2] == ("to",)  # "led to a conclusion"
            if s in _COMPETENCY_OF and tok not in lx.STOPWORDS and not causal:
                weights[s] = 2.0
                key.add(s)
            elif s in q.terms and s not in weights:
                weights[s] = 0.35 if q.terms[s] < 1.0 else q.rarity.get(s, 1.0)
        competencies = frozenset(
            label for label, _, _ in CONCEPT_PHRASES.find(list(doc.tokens)) if label in COMPETENCIES
        )
    else:
        clause = _focal_clause(question, False)
        subject = set(q.subject)
        for s, w in q.terms.items():
            generic = w < 1.0 or s in _GENERIC_TECH
            weight = 0.35 if w < 1.0 else 0.4 if generic else q.rarity.get(s, 1.0)
            if s in subject and not generic:
                weight *= 1.5
                if subject_first:
                    key.add(s)
            weights[s] = weight
        competencies = frozenset()
    index = _term_index(weights, {t: CONCEPTS_BY_STEM.get(t, frozenset()) for t in weights})
    return Focus(weights, frozenset(key), competencies, clause, index)


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


def _match(
    term: str, concepts: frozenset[str], stems: set[str], prefixes: set[str], found: set[str]
) -> float:
    if term in stems:
        return 1.0
    shared = concepts & found
    if shared:
        # Topic concepts (weight >= 0.8) nearly match; broad domain concepts only hint.
        weight = max(CONCEPT_WEIGHTS[c] for c in shared)
        return 0.85 * weight if weight >= 0.8 else 0.25
    if _prefix_match(term, prefixes):
        return 0.7
    return 0.0


def _kp_bonus(
    stems: set[str], found: set[str], rubric: Mapping[str, Any] | None, sample: str | None
) -> float:
    """0-1: overlap with the question's key points and sample answer, when given."""
    parts: list[float] = []
    points = rubric.get("key_points") if isinstance(rubric, Mapping) else None
    prefixes = _prefixes(stems)
    if isinstance(points, list) and points:
        scores = []
        for point in points[:12]:
            pq = question_terms(str(point))
            if not pq.terms:
                continue
            got = sum(_match(t, pq.term_concepts[t], stems, prefixes, found) for t in pq.terms)
            scores.append(min(1.0, got / max(1.0, 0.5 * len(pq.terms))))
        if scores:
            parts.append(sum(scores) / len(scores))
    if sample:
        sq = question_terms(sample[:4000])
        key = [t for t, w in sq.terms.items() if w == 1.0]
        if key:
            hit = sum(1 for t in key if t in stems or _prefix_match(t, prefixes))
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
    echoed = sum(1 for s in closing if _related_terms(s, index))
    if closing and echoed / len(closing) >= 0.5:
        body = [(i, s) for i, s in content if answer.sentence_of[i] != last]
        return body or content
    return content


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
    prefixes = _prefixes(stems)
    content = [
        (i, s) for i, (t, s) in enumerate(zip(answer.tokens, answer.stems, strict=True)) if t not in _GENERIC
    ]
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
            terms = related[s] = _related_terms(s, q.index)
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
        m = _match(term, q.term_concepts[term], stems, prefixes, found)
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
        if subject_first:
            # "Design a rate limiter for ...", "How does a B-tree index ...": the subject comes first, and
            # an answer that never engages it is not about the question, whatever setting words it shares.
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
    q_stems = set(q.terms)
    echoed = [s for _, s in content if s in q_stems]
    echo = len(echoed) / len(content)
    echo_repeat = len(echoed) / max(1, len(set(echoed)))
    echo_top = max((echoed.count(e) for e in set(echoed)), default=0)
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
    focal, focal_missing = _focal_coverage(
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
    )


def _focal_coverage(
    answer: Doc,
    content: list[tuple[int, str]],
    focus: Focus,
    q: QuestionTerms,
    stems: set[str],
    found: set[str],
    prefixes: set[str],
    need: float,
    behavioural: bool,
) -> tuple[float, list[str]]:
    """Weighted share of the focal terms the answer engages in its body (not only in a closing line)."""
    if not focus.terms and not focus.competencies:
        return 1.0, []
    last = len(answer.sentences) - 1 if len(answer.sentences) >= 3 else -1
    body_hits: dict[str, int] = {}
    related: dict[str, set[str]] = {}
    for i, s in content:
        if answer.sentence_of[i] == last:
            continue
        terms = related.get(s)
        if terms is None:
            terms = related[s] = _related_terms(s, focus.index)
        for term in terms:
            body_hits[term] = body_hits.get(term, 0) + 1
    # Competency phrases ("paired with", "walked her through") count for the terms of their group.
    phrase_body: dict[str, int] = {}
    for label, i, _ in CONCEPT_PHRASES.find(list(answer.tokens)):
        if label in COMPETENCIES and answer.sentence_of[i] != last:
            phrase_body[label] = phrase_body.get(label, 0) + 1
    strength: dict[str, float] = {}
    missing: list[str] = []
    for term in focus.terms:
        concepts = CONCEPTS_BY_STEM.get(term, frozenset())
        m = _match(term, concepts, stems, prefixes, found)
        n = body_hits.get(term, 0) + sum(phrase_body.get(c, 0) for c in concepts)
        if not m and n:
            m = 0.85
        if m and not n:
            m = 0.0  # engaged only in the closing sentence: a line that parrots the question
        strength[term] = m * min(1.0, max(1, n) / need) ** 0.5 if m else 0.0
        if not m:
            missing.append(q.surface.get(term, term))
    named = {c for t in focus.terms for c in _COMPETENCY_OF.get(t, ())}
    for c in focus.competencies - named:
        # A competency the question names only as a phrase ("say no"): any member of its group engages it.
        n = phrase_body.get(c, 0) + sum(
            1 for i, s in content if answer.sentence_of[i] != last and c in _COMPETENCY_OF.get(s, ())
        )
        strength["@" + c] = min(1.0, n / need) ** 0.5 if n else 0.0
        if not n:
            missing.append(c.replace("_", " "))
    keys = [t for t in focus.key if t in strength] + [t for t in strength if t.startswith("@")]
    if not keys:
        return 1.0, missing  # nothing names the focal concept: the coverage rules judge relevance alone
    # The competency (behavioural) or the named subject (technical) must be engaged: without it, an
    # answer is about something else, however many setting words it shares with the question.
    focal = 0.12 + max(strength[t] for t in keys)
    setting = {t: w for t, w in focus.terms.items() if t not in focus.key}
    if behavioural and setting:
        # A story can show the competency without naming it ("he started shouting" for a conflict); one that
        # keeps to the question's own situation (its people, objects, setting words) gets some benefit.
        direct = {t: strength[t] for t in setting if t in stems or _prefix_match(t, prefixes)}
        focal += 0.4 * sum(direct.get(t, 0.0) * w for t, w in setting.items()) / sum(setting.values())
    return min(1.0, focal), missing
