"""Common misconceptions stated as fact: the confidently wrong answers that word counting cannot see.

``assets/scoring/misconceptions.json`` lists well-known wrong claims interviewers meet often (a p-value is
the probability the null is true; TCP is connectionless; an anaphylaxis patient gets an antihistamine
first), each with a regular expression that finds the claim within one sentence, a one-sentence
correction for the feedback, and examples that must and must not match (``tests/test_misconceptions.py``
checks every entry against its own examples and every other entry's correct statements).

A sentence that mentions a claim only to reject it ("a common myth is that ...", "it is not true that
...") is skipped. A claim that is itself a negation ("ibuprofen doesn't interact with warfarin") is found
by the entry's ``negative`` pattern, only in a sentence with no contrast word that could qualify it.

An entry's pattern is tried only on sentences that contain one of its keywords and the word every wording
of the claim shares (its gate), which keeps the check under a millisecond.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from re import _constants as _sre  # type: ignore[attr-defined]  # the standard regex parser (3.11+),
from re import _parser as _sre_parse  # type: ignore[attr-defined]  # to read what text a pattern needs
from typing import Any

log = logging.getLogger(__name__)

CATALOGUE = Path(__file__).resolve().parents[2] / "assets" / "scoring" / "misconceptions.json"
#: Words that call a claim wrong ("a common myth", "people think").
_REJECTING = r"myths?|misconceptions?|mistakes?|mistaken|wrong|contrary|people think|often think|is false"
#: Words that turn a sentence into a rejection of the claim it mentions.
_REJECTS = re.compile(r"\b(?:not|" + _REJECTING + r")\b|n't\b", re.IGNORECASE)
#: A verdict on a claim stated earlier in the sentence ("..., which is a myth").
_VERDICT = re.compile(
    r"\b(?:is|are|was|that's|it's|which is)\s+(?:(?:a|an|just a|simply|completely)\s+)?"
    r"(?:myths?|misconceptions?|mistaken|wrong|false|not true|untrue|incorrect)\b",
    re.IGNORECASE,
)
#: Words that mark a sentence as a mention of a claim rather than a statement of it (for claims that are
#: themselves negative: "ibuprofen doesn't interact with warfarin").
_MENTIONS = re.compile(
    r"\b(?:" + _REJECTING + r"|(?:is|it's|that's) not (?:true|correct|right)"
    r"|(?:isn't|aren't) (?:true|correct|right))\b",
    re.IGNORECASE,
)
_SENTENCES = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
#: Contrast words: a claim does not run across them ("an index speeds up reads but slows writes").
_CONTRAST = r"\b(?:but|while|whereas|although|though|however|unlike)\b|;"
_CLAUSE_BREAK = re.compile(_CONTRAST, re.IGNORECASE)
#: How the catalogue writes "any character of the sentence short of a contrast word" in a gap. The gap is
#: rewritten as a plain character class and the sentence is split at contrast words instead: the same
#: matches, several times faster.
_TEMPERED_GAP = "(?:(?!" + _CONTRAST + ")[^.])"


@dataclass(frozen=True)
class Entry:
    id: str
    domain: str
    keywords: tuple[str, ...]
    pattern: re.Pattern[str]
    correction: str
    by_clause: bool = False  # gaps stop at contrast words: search clause by clause
    gate: str = ""  # a word every wording of the claim uses ("slow" for "an index slows reads")
    negative: re.Pattern[str] | None = None  # the claim stated through a negation ("doesn't interact")
    needs: tuple[str, ...] = ()  # the pattern cannot match a sentence without one of these (lower case)
    has_keyword: re.Pattern[str] | None = None  # finds any keyword (compiled once: faster than a loop)
    has_needed: re.Pattern[str] | None = None  # finds any of ``needs``


@dataclass(frozen=True)
class Misconception:
    """A wrong claim found in an answer: which one, the sentence that states it, and the correct fact."""

    id: str
    sentence: str
    correction: str


def _gate(raw: dict[str, Any]) -> str:
    """The longest word stem (4+ letters, not a keyword) that the pattern names and every example of the
    claim contains ("slow" for "an index makes reads slower"): a sentence without it cannot state the
    claim, so the slower pattern is not tried on it."""
    examples = [str(m).lower() for m in raw.get("match", [])]
    if not examples:
        return ""
    source = str(raw["pattern"]).lower()
    keywords = [str(k).lower() for k in raw.get("keywords", [])]
    stems = {word[:n] for word in re.findall(r"[a-z]{4,}", examples[0]) for n in range(4, len(word) + 1)}
    shared = [
        w
        for w in stems
        if w in source and all(w in e for e in examples[1:]) and not any(w in k or k in w for k in keywords)
    ]
    return max(sorted(shared), key=len, default="")


def _any_of(texts: list[str] | tuple[str, ...]) -> re.Pattern[str] | None:
    """A pattern that finds any of ``texts`` (plain text, lower case); None for none."""
    return re.compile("|".join(re.escape(t) for t in sorted(texts, key=len, reverse=True))) if texts else None


def required_text(pattern: str, keywords: list[str]) -> tuple[str, ...]:
    """Pieces of text at least one of which every match of ``pattern`` contains ("slower", "slows",
    "hurts" ...), read from the pattern itself, so skipping a sentence without any of them never loses a
    match; empty when there are none worth checking (only the keywords, or pieces under three letters)."""

    def useful(option: set[str]) -> bool:
        return not any(text.strip() in k for text in option for k in keywords)  # implied by a keyword

    def of_sequence(items: Any) -> set[str] | None:
        options: list[set[str]] = []
        run = ""
        for op, av in items:
            if op is _sre.LITERAL:
                run += chr(av)
                continue
            if run:
                options.append({run.lower()})
                run = ""
            found = of_item(op, av)
            if found:
                options.append(found)
        if run:
            options.append({run.lower()})
        options = [o for o in options if min(len(t.strip()) for t in o) >= 3]
        return max(options, key=lambda o: (useful(o), min(len(t.strip()) for t in o), -len(o)), default=None)

    def of_item(op: Any, av: Any) -> set[str] | None:
        if op is _sre.SUBPATTERN:
            return of_sequence(av[-1])
        if op is _sre.BRANCH:
            union: set[str] = set()
            for branch in av[1]:
                found = of_sequence(branch)
                if not found:
                    return None  # one way to match needs no particular text
                union |= found
            return union
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
            return of_sequence(av[2])
        return None  # optional, a character class, an assertion: nothing certain

    found = of_sequence(_sre_parse.parse(pattern, re.IGNORECASE))
    return tuple(sorted(found)) if found and useful(found) else ()


def _fast(pattern: str) -> str:
    """The pattern with its contrast-stopping gaps made plain, when that keeps its meaning (it then has to
    be searched clause by clause); the pattern itself when it names a contrast word on purpose."""
    plain = pattern.replace(_TEMPERED_GAP, "[^.;]")
    # Kept as it is when some part must run across a contrast word: one written as a word, or a plain gap.
    spans = _CLAUSE_BREAK.search(plain.replace("[^.;]", "")) or "[^.]" in plain
    return pattern if plain == pattern or spans else plain


def load(path: Path | None = None) -> tuple[Entry, ...]:
    """Read and compile the catalogue (the shipped one by default); raises ValueError naming the entry."""
    path = path or CATALOGUE
    entries = []
    for raw in json.loads(path.read_text(encoding="utf-8")):
        try:
            fast = _fast(raw["pattern"])
            keywords = tuple(str(k).lower() for k in raw["keywords"])
            needs = required_text(raw["pattern"], list(keywords))
            entries.append(
                Entry(
                    id=str(raw["id"]),
                    domain=str(raw["domain"]),
                    keywords=keywords,
                    pattern=re.compile(fast, re.IGNORECASE),
                    correction=str(raw["correction"]),
                    by_clause=fast != raw["pattern"],
                    gate=_gate(raw),
                    negative=re.compile(raw["negative"], re.IGNORECASE) if raw.get("negative") else None,
                    needs=needs,
                    has_keyword=_any_of(keywords),
                    has_needed=_any_of(needs),
                )
            )
        except (KeyError, TypeError, re.error) as exc:
            raise ValueError(f"misconception {raw.get('id', '?')!r} in {path.name}: {exc}") from exc
        if not entries[-1].keywords:
            raise ValueError(f"misconception {entries[-1].id!r} in {path.name} has no keywords")
    return tuple(entries)


@lru_cache(maxsize=1)
def catalogue() -> tuple[Entry, ...]:
    """The shipped catalogue; empty (the check is skipped) if the file is missing or broken."""
    try:
        return load()
    except (OSError, ValueError) as exc:
        log.error("misconception catalogue unavailable: %s", exc)
        return ()


_WORD = re.compile(r"[a-z0-9]+")
_GRAM = 3  # keywords are looked up by their first three letters


@dataclass(frozen=True, eq=False)  # hashed by identity, so a word's lookup can be cached per index
class _KeywordIndex:
    """The catalogue's keywords arranged for a fast "which occur in this text" lookup. A keyword is filed
    under the first three letters of a run of letters or digits it has: the keyword itself ("inject"), or
    the longest run of one with spaces or symbols ("primary" for "primary key", "kill" for "kill -9"), which
    a text holding that keyword must have inside one of its words."""

    by_gram: dict[str, tuple[tuple[str, str, tuple[int, ...]], ...]]  # 3 letters -> (run, keyword, entries)
    short: tuple[tuple[str, tuple[int, ...]], ...]  # alphanumeric keywords under 3 letters
    loose: tuple[tuple[str, tuple[int, ...]], ...]  # no run of 3 letters or digits ("===", "o(")


_INDEX: dict[int, tuple[tuple[Entry, ...], _KeywordIndex]] = {}


def _keyword_index(entries: tuple[Entry, ...]) -> _KeywordIndex:
    """Each keyword once with the entries it serves, indexed (kept per catalogue object)."""
    cached = _INDEX.get(id(entries))
    if cached is not None and cached[0] is entries:
        return cached[1]
    owners: dict[str, list[int]] = {}
    for i, entry in enumerate(entries):
        for keyword in entry.keywords:
            owners.setdefault(keyword, []).append(i)
    by_gram: dict[str, list[tuple[str, str, tuple[int, ...]]]] = {}
    short, loose = [], []
    for keyword, served in owners.items():
        run = keyword if keyword.isalnum() else max(_WORD.findall(keyword), key=len, default="")
        if keyword.isalnum() and len(keyword) < _GRAM:
            short.append((keyword, tuple(served)))
        elif len(run) < _GRAM or not _WORD.fullmatch(run):
            loose.append((keyword, tuple(served)))
        else:
            by_gram.setdefault(run[:_GRAM], []).append((run, keyword, tuple(served)))
    index = _KeywordIndex({g: tuple(v) for g, v in by_gram.items()}, tuple(short), tuple(loose))
    _INDEX.clear()
    _INDEX[id(entries)] = (entries, index)
    return index


@lru_cache(maxsize=65_536)
def _in_word(index: _KeywordIndex, word: str) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """The index's keywords whose run of letters is inside ``word`` (answers share most of their words, so
    this is remembered)."""
    found = []
    for at in range(len(word) - _GRAM + 1):
        for run, keyword, served in index.by_gram.get(word[at : at + _GRAM], ()):
            if word.startswith(run, at):
                found.append((keyword, served))
    return tuple(found)


def _candidates(lowered: str) -> list[Entry]:
    """The entries one of whose keywords occurs in the (lower-cased) text: an alphanumeric keyword
    anywhere inside a word ("inject" in "injection"), any other keyword anywhere in the text."""
    entries = catalogue()
    index = _keyword_index(entries)
    words = set(_WORD.findall(lowered))
    hit: set[int] = set()
    phrases: dict[str, tuple[int, ...]] = {}
    for word in words:
        for keyword, served in _in_word(index, word):
            if keyword.isalnum():
                hit.update(served)
            else:
                phrases[keyword] = served  # its run is in the text: is the whole keyword?
    joined = " ".join(words)
    for keyword, served in index.short:
        if keyword in joined:
            hit.update(served)
    for keyword, served in (*phrases.items(), *index.loose):
        if keyword in lowered:
            hit.update(served)
    return [entries[i] for i in sorted(hit)]


def _rejected(sentence: str, claim: re.Match[str]) -> bool:
    """Whether the sentence rejects the claim it states (``claim``, its match in the sentence): a rejecting
    word before the claim or in its clause ("it is not true that ...", "a common myth is ..."), or a verdict
    after it ("..., which is wrong"). A negation in a later clause ("...; it can't reach the data") leaves
    the claim standing."""
    brk = _CLAUSE_BREAK.search(sentence, claim.end())
    return (
        _REJECTS.search(sentence, 0, brk.start() if brk else len(sentence)) is not None
        or _VERDICT.search(sentence, claim.end()) is not None
    )


#: A pronoun that, in an answer, usually stands for the question's subject ("What does a p-value of 0.03
#: mean?" "It means there's a 3% chance the null is true").
_PRONOUN = re.compile(r"\b(?:it|this)\b", re.IGNORECASE)


def _states(entry: Entry, sentence: str, low: str) -> bool:
    """Whether the sentence, which has the claim's own words (``low`` is it lower-cased), states the
    entry's claim as fact."""
    needed = entry.has_needed is None or entry.has_needed.search(low) is not None
    claim = entry.pattern.search(sentence) if needed else None
    hit = claim is not None
    if hit and entry.by_clause and _CLAUSE_BREAK.search(sentence):
        # The claim must sit within one clause: "reads get faster but writes get slower" is fine.
        hit = any(entry.pattern.search(c) for c in _CLAUSE_BREAK.split(sentence) if c)
    if claim is not None and hit and _rejected(sentence, claim):
        hit = False  # a sentence that rejects the claim ("a common myth is ...") is skipped
    if not hit and entry.negative is not None and not _CLAUSE_BREAK.search(sentence):
        # A claim that is itself a negation, in a sentence with no contrast that could qualify it.
        hit = entry.negative.search(sentence) is not None and not _MENTIONS.search(sentence)
    return hit


def _subject(entry: Entry, question: str) -> str:
    """The question's word that names the entry's subject ("p-value" for the keyword "value"), or ""."""
    if entry.has_keyword is None:
        return ""
    found = entry.has_keyword.search(question.lower())
    if found is None:
        return ""
    lo, hi = found.span()
    while lo > 0 and (question[lo - 1].isalnum() or question[lo - 1] == "-"):
        lo -= 1
    while hi < len(question) and (question[hi].isalnum() or question[hi] == "-"):
        hi += 1
    return question[lo:hi]


def _worded(entry: Entry, low: str) -> bool:
    """Whether the (lower-cased) sentence has the claim's own words: its gate word and a keyword."""
    return (not entry.gate or entry.gate in low) and (
        entry.has_keyword is None or entry.has_keyword.search(low) is not None
    )


@lru_cache(maxsize=256)
def _subjects(question: str) -> tuple[tuple[Entry, str], ...]:
    """The entries whose subject the question names, each with the question's word for it."""
    named = ((entry, _subject(entry, question)) for entry in _candidates(question.lower()))
    return tuple((entry, word) for entry, word in named if word)


def find(text: str, limit: int = 3, question: str = "") -> list[Misconception]:
    """The catalogued wrong claims the text states as fact, in order of appearance, each once.

    With the question, a claim made of the question's subject through a pronoun counts too: "What does a
    p-value of 0.03 mean?" answered "it means there's a 3% chance the null hypothesis is true".
    """
    lowered = text.lower()
    # A sentence that states a claim has its gate word and needed text, so the whole answer must have them.
    candidates = [
        e
        for e in _candidates(lowered)
        if (not e.gate or e.gate in lowered)
        and (e.negative is not None or e.has_needed is None or e.has_needed.search(lowered) is not None)
    ]
    subjects = _subjects(question) if question else ()
    if not candidates and not subjects:
        return []
    found: list[Misconception] = []  # in order of appearance: sentences are read in order
    seen: set[str] = set()
    for match in _SENTENCES.finditer(text):
        sentence = match.group(0)
        low = sentence.lower()
        hits = [e for e in candidates if e.id not in seen and _worded(e, low) and _states(e, sentence, low)]
        pronoun = _PRONOUN.search(sentence) if subjects else None
        if pronoun is not None:
            # "It" for the question's subject: read the sentence with the subject in its place.
            for entry, word in subjects:
                named = entry.has_keyword is not None and entry.has_keyword.search(low) is not None
                if named or entry.id in seen or entry in hits:
                    continue  # the sentence names the subject itself, or already states the claim
                said = sentence[: pronoun.start()] + word + sentence[pronoun.end() :]
                if _worded(entry, said.lower()) and _states(entry, said, said.lower()):
                    hits.append(entry)
        for entry in hits:
            seen.add(entry.id)
            found.append(Misconception(entry.id, sentence.strip(), entry.correction))
            if len(found) == limit:
                return found
    return found
