"""Common misconceptions stated as fact: the confidently wrong answers that word counting cannot see.

``assets/scoring/misconceptions.json`` lists well-known wrong claims interviewers meet often (a p-value is
the probability the null is true; TCP is connectionless; an anaphylaxis patient gets an antihistamine
first), each with a regular expression that finds the claim within one sentence, a one-sentence
correction for the feedback, and examples that must and must not match (``tests/test_misconceptions.py``
checks every entry against its own examples and every other entry's correct statements).

A sentence that mentions a claim only to reject it ("a common myth is that ...", "it is not true that
...") is skipped. An entry is tried only when one of its keywords occurs in the answer, which keeps the
check to about 0.3 ms for a 300-word answer.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

CATALOGUE = Path(__file__).resolve().parents[2] / "assets" / "scoring" / "misconceptions.json"
#: Words that turn a sentence into a rejection of the claim it mentions.
_REJECTS = re.compile(
    r"\b(?:not|myths?|misconceptions?|mistakes?|mistaken|wrong|contrary|people think|often think|is false)\b"
    r"|n't\b",
    re.IGNORECASE,
)
_SENTENCES = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


@dataclass(frozen=True)
class Entry:
    id: str
    domain: str
    keywords: tuple[str, ...]
    pattern: re.Pattern[str]
    correction: str


@dataclass(frozen=True)
class Misconception:
    """A wrong claim found in an answer: which one, the sentence that states it, and the correct fact."""

    id: str
    sentence: str
    correction: str


def load(path: Path | None = None) -> tuple[Entry, ...]:
    """Read and compile the catalogue (the shipped one by default); raises ValueError naming the entry."""
    path = path or CATALOGUE
    entries = []
    for raw in json.loads(path.read_text(encoding="utf-8")):
        try:
            entries.append(
                Entry(
                    id=str(raw["id"]),
                    domain=str(raw["domain"]),
                    keywords=tuple(str(k).lower() for k in raw["keywords"]),
                    pattern=re.compile(raw["pattern"], re.IGNORECASE),
                    correction=str(raw["correction"]),
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


def find(text: str, limit: int = 3) -> list[Misconception]:
    """The catalogued wrong claims the text states as fact, in order of appearance, each once."""
    lowered = text.lower()
    candidates = [e for e in catalogue() if any(k in lowered for k in e.keywords)]
    if not candidates:
        return []
    found: list[tuple[int, Misconception]] = []
    for match in _SENTENCES.finditer(text):
        sentence = match.group(0)
        for entry in candidates:
            if (
                entry.pattern.search(sentence)
                and all(m.id != entry.id for _, m in found)
                and not _REJECTS.search(sentence)  # "a common myth is that ...": a rejection of the claim
            ):
                found.append((match.start(), Misconception(entry.id, sentence.strip(), entry.correction)))
    found.sort(key=lambda pair: pair[0])
    return [m for _, m in found[:limit]]
