"""Question terms: the key words of a question, the concept map they belong to, and how an answer
word engages them (same stem, a shared prefix, or a sibling in a topic concept)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from core.scoring import lexicon as lx
from core.scoring.concepts import CONCEPT_GROUPS
from core.scoring.text import Doc, PhraseIndex, analyse, fold, phrase_tokens, stem, tokenize

GENERIC = lx.QUESTION_GENERIC | lx.STOPWORDS
GENERIC_TECH_STEMS = frozenset(stem(w) for w in lx.GENERIC_TECH)
_CLAUSE_BREAKS = lx.words(
    "for in with across on at from when where that which who whose without during given if so while to"
)
#: Words of a question's framing that never name what it asks ("Quick one: what makes X versus Y?").
_FRAMING = lx.words("quick versus vs makes")
_CAPITALS = re.compile(r"\b[A-Z]{3,}\b")
PART_SPLIT = re.compile(
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


@lru_cache(maxsize=8)
def concept_phrases(tokens: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
    """Concept phrases found in a token sequence (relevance and the focal rule both need them)."""
    return tuple(CONCEPT_PHRASES.find(tokens))


def concepts_of(doc: Doc) -> set[str]:
    """Concept names the text mentions, by stem or by phrase."""
    found: set[str] = set()
    for s in set(doc.stems):
        hit = CONCEPTS_BY_STEM.get(s)
        if hit:
            found |= hit
    found.update(label for label, _, _ in concept_phrases(tuple(doc.tokens)))
    return found


PREFIX = 6


def clip01(x: float) -> float:
    return max(0.0, min(1.0, x))


def prefixes_of(stems: Iterable[str]) -> set[str]:
    """Keys for prefix matching: 6-letter prefixes, and whole 5-letter stems (as "5:stem")."""
    out: set[str] = set()
    for s in stems:
        if len(s) >= PREFIX:
            out.add(s[:PREFIX])
            out.add("5:" + s[:5])
        elif len(s) == 5:
            out.add("5=" + s)
    return out


def prefix_match(term: str, prefixes: set[str]) -> bool:
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


def term_index(terms: Iterable[str], concepts: Mapping[str, frozenset[str]]) -> TermIndex:
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


def related_terms(s: str, index: TermIndex) -> set[str]:
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
    # Code keywords the question writes in capitals ("WHERE and HAVING", "NOT NULL") are its terms even
    # where the same word in prose would be a stopword.
    shouting = sum(1 for c in question if c.isupper()) > 0.5 * sum(1 for c in question if c.isalpha())
    keywords = set() if shouting else {w.lower() for w in _CAPITALS.findall(question)}
    terms: dict[str, float] = {}
    surface: dict[str, str] = {}
    concepts: dict[str, frozenset[str]] = {}
    rarity: dict[str, float] = {}
    for i, (tok, s) in enumerate(zip(doc.tokens, doc.stems, strict=True)):
        if (tok in GENERIC or tok in _FRAMING or len(tok) < 3 or tok.isdigit()) and tok not in keywords:
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
    for chunk in PART_SPLIT.split(question):
        part = frozenset(stem(t) for t in tokenize(fold(chunk))) & {t for t, w in terms.items() if w == 1.0}
        if part and part not in parts:
            parts.append(part)
    subject: list[str] = []
    for i, (tok, s) in enumerate(zip(doc.tokens, doc.stems, strict=True)):
        lo, hi = doc.spans[i]
        joined = doc.text[hi : hi + 1] == "-" or doc.text[lo - 1 : lo] == "-"  # "in-memory" is no break
        copula = tok == "to" and doc.tokens[i + 1 : i + 2] == ("be",)  # "for a step to be idempotent"
        if subject and tok in _CLAUSE_BREAKS and not joined and not copula:
            break  # "Design a rate limiter | for a public API ...": the rest is setting
        if terms.get(s) == 1.0 and s not in subject and s not in GENERIC_TECH_STEMS:
            subject.append(s)  # "Design the backend | for a library ...": the library system is the subject
    index = term_index(terms, concepts)
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


def match_strength(
    term: str, concepts: frozenset[str], stems: set[str], prefixes: set[str], found: set[str]
) -> float:
    if term in stems:
        return 1.0
    shared = concepts & found
    if shared:
        # Topic concepts (weight >= 0.8) nearly match; broad domain concepts only hint.
        weight = max(CONCEPT_WEIGHTS[c] for c in shared)
        return 0.85 * weight if weight >= 0.8 else 0.25
    if prefix_match(term, prefixes):
        return 0.7
    return 0.0
