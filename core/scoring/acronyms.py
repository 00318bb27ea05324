"""Acronyms: "VaR" in an answer names the question's "Value at Risk", and "as low as reasonably achievable"
names its "ALARA". Candidates use the short form the question spells out, and the long form of the one it
abbreviates, so relevance reads the answer with each such acronym written both ways.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.scoring import lexicon as lx

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
#: An acronym as written: 2-6 letters with at least two capitals ("VaR", "SLO", "ALARA"), or an "s" plural.
_ACRONYM = re.compile(r"\b(?=(?:[a-z]*[A-Z]){2})([A-Za-z]{2,6}?)s?\b")
_LONGEST = 6


def _initials(words: list[str]) -> set[str]:
    """Both ways acronyms are formed: every word's initial ("var" for "value at risk") and the content
    words' only ("vr")."""
    every = "".join(w[0] for w in words).lower()
    content = "".join(w[0] for w in words if w.lower() not in lx.STOPWORDS).lower()
    return {every, content} - {""}


@lru_cache(maxsize=512)
def _phrases(question: str) -> dict[str, str]:
    """Acronym (lower case) -> the question's words it would stand for, for runs of 2-6 words that start
    and end with a content word ("Value at Risk", "Expected Shortfall"); two-letter acronyms only for
    capitalised names."""
    words = _WORD.findall(question)
    found: dict[str, str] = {}
    for i, first in enumerate(words):
        if first.lower() in lx.STOPWORDS:
            continue
        for n in range(2, _LONGEST + 1):
            run = words[i : i + n]
            if len(run) < n or run[-1].lower() in lx.STOPWORDS:
                continue
            titled = all(w[0].isupper() for w in run if w.lower() not in lx.STOPWORDS)
            for acronym in _initials(run):
                # Two letters ("ES") are too easily a coincidence unless the words are a name.
                if len(acronym) >= 3 or (len(acronym) == 2 and titled):
                    found.setdefault(acronym, " ".join(run))
    return found


def expand(answer: str, question: str) -> str:
    """The answer with each acronym of the question's words followed by those words in brackets, and each
    spelled-out form of an acronym in the question followed by the acronym; unchanged when there is none."""
    phrases = _phrases(question)
    spans: list[tuple[int, str]] = []
    for m in _ACRONYM.finditer(answer):
        long = phrases.get(m.group(1).lower())
        if long and long.lower() != m.group(1).lower():
            spans.append((m.end(), f" ({long})"))
    asked = {m.group(1).lower(): m.group(1) for m in _ACRONYM.finditer(question) if len(m.group(1)) >= 3}
    if asked:
        spans += _spelled_out(list(_WORD.finditer(answer)), asked)
    if not spans:
        return answer
    out, last = [], 0
    for at, text in sorted(set(spans)):
        out.append(answer[last:at] + text)
        last = at
    return "".join(out) + answer[last:]


def _spelled_out(words: list[re.Match[str]], asked: dict[str, str]) -> list[tuple[int, str]]:
    """Where the answer spells out one of the question's acronyms: (end of the run, " (ACRONYM)").

    The initials of all words, and of the content words only, are each one string, so finding a run is a
    substring search; a run must end on a content word and hold at least two of them.
    """
    content = [w.group(0).lower() not in lx.STOPWORDS for w in words]
    every = "".join(w.group(0)[0].lower() for w in words)
    positions = [i for i, c in enumerate(content) if c]
    only = "".join(every[i] for i in positions)
    spans: list[tuple[int, str]] = []
    for acronym, written in asked.items():
        runs = [(at, at + len(acronym) - 1) for at in _occurrences(every, acronym)]
        runs += [(positions[at], positions[at + len(acronym) - 1]) for at in _occurrences(only, acronym)]
        for first, last in runs:
            if content[last] and sum(content[first : last + 1]) >= 2:
                spans.append((words[last].end(), f" ({written})"))
    return spans


def _occurrences(text: str, part: str) -> list[int]:
    found, at = [], text.find(part)
    while at >= 0:
        found.append(at)
        at = text.find(part, at + 1)
    return found
