"""Text analysis for the rule-based scorer: cleaning, tokens, light stemming, sentences, phrase matching."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from core.scoring.lexicon import FILLER_PHRASES, FILLERS, STOPWORDS

#: Answers longer than this are analysed on their first part only (keeps huge inputs fast).
MAX_CHARS = 20_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_QUOTES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SENT_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n\s*[-*\u2022]?\s*|\s+[-*\u2022]\s+(?=[A-Za-z])")
_SOFT_BREAK = re.compile(
    r",\s+|\s+(?:and\s+then|so\s+then|and\s+so|but\s+then)\s+|\s+(?:so|and|but)\s+(?=(?:i|we|the|my|our)\b)",
    re.IGNORECASE,
)
_LONG_SENTENCE = 45

_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("izations", "ize"), ("isations", "ize"), ("ization", "ize"), ("isation", "ize"), ("ational", "ate"),
    ("ations", "ate"), ("ation", "ate"), ("nesses", ""), ("ness", ""), ("ments", ""), ("ment", ""),
    ("ities", ""), ("ity", ""), ("ingly", ""), ("ings", ""), ("ing", ""), ("edly", ""), ("ied", "y"),
    ("ies", "y"), ("izes", "ize"), ("ized", "ize"), ("ises", "ize"), ("ised", "ize"), ("ise", "ize"),
    ("ers", ""), ("ed", ""), ("er", ""), ("ly", ""), ("sses", "ss"),
)  # fmt: skip
#: Forms too short for the suffix rules to join them to their verb ("dying" and "died" are "die").
_IRREGULAR_STEMS = {
    f: base for base in ("die", "lie", "tie") for f in (base[:-2] + "ying", base + "d", base + "s", base)
}


def clean(text: object) -> str:
    """Text safe to analyse: a string, no control characters, curly quotes straightened, capped."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = _CONTROL.sub(" ", text[: MAX_CHARS * 2]).translate(_QUOTES)
    return text[:MAX_CHARS]


def fold(text: str) -> str:
    """Lower-case ASCII: accents dropped, other scripts removed (same length not guaranteed)."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light suffix-stripping stem: ``managed``, ``manager``, ``managing`` all give ``manag``."""
    irregular = _IRREGULAR_STEMS.get(word)
    if irregular is not None:
        return irregular
    result = word
    if word.endswith(("'s", "s'")):
        result = word = word[:-2] if word.endswith("'s") else word[:-1]  # "client's" -> "client"
    if len(word) > 3 and word.isalpha():
        for suffix, repl in _SUFFIXES:
            if suffix == "ed" and result.endswith("eed"):
                break  # "speed", "need", "proceed" are not past tenses
            if result.endswith(suffix) and len(result) - len(suffix) >= 3:
                result = result[: -len(suffix)] + repl
                if repl == "y":
                    # "families" -> "family", stemmed as "family" is ("fami"): one stem for every form.
                    return stem(result)
                break
        else:
            if result.endswith("es") and result[-3] in "sxz" or result.endswith(("ches", "shes")):
                result = result[:-2]
            elif result.endswith("s") and not result.endswith(("ss", "us", "is")):
                result = result[:-1]
        if len(result) > 3 and result[-1] == result[-2] and result[-1] not in "lsz":
            result = result[:-1]
        if len(result) > 3 and result.endswith("e"):
            result = result[:-1]
    return result


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens of already folded text."""
    return _TOKEN.findall(text)


def phrase_tokens(entry: str) -> tuple[str, ...]:
    return tuple(tokenize(fold(entry)))


class PhraseIndex:
    """Finds lexicon entries (single tokens or phrases) in a token list in one pass."""

    def __init__(self, groups: Mapping[str, Iterable[str]]) -> None:
        single: dict[str, set[str]] = {}
        multi: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for label, entries in groups.items():
            for entry in entries:
                toks = phrase_tokens(entry)
                if len(toks) == 1:
                    single.setdefault(toks[0], set()).add(label)
                elif toks:
                    multi.setdefault(toks[0], []).append((toks, label))
        for word in list(single):
            if len(word) > 2 and not word.endswith("s"):
                single.setdefault(word + "s", set(single[word]))  # plurals of listed nouns
        for options in multi.values():
            options.sort(key=lambda pair: -len(pair[0]))
        # One lookup per token: (labels of the token alone, phrases that start with it).
        self.first: dict[str, tuple[tuple[str, ...], tuple[tuple[tuple[str, ...], str], ...]]] = {
            word: (tuple(sorted(single.get(word, ()))), tuple(multi.get(word, ())))
            for word in single.keys() | multi
        }

    def find(self, tokens: list[str] | tuple[str, ...]) -> list[tuple[str, int, int]]:
        """(label, first token, end token) for every entry found; phrases may overlap single words."""
        hits: list[tuple[str, int, int]] = []
        first = self.first
        tokens = tokens if isinstance(tokens, tuple) else tuple(tokens)  # slices compare without copying
        n = len(tokens)
        for i, tok in enumerate(tokens):
            entry = first.get(tok)
            if entry is None:
                continue
            labels, options = entry
            for label in labels:
                hits.append((label, i, i + 1))
            for toks, label in options:
                end = i + len(toks)
                if end <= n and tokens[i + 1] == toks[1] and tokens[i:end] == toks:
                    hits.append((label, i, end))
        return hits


_FILLER_INDEX = PhraseIndex({"filler": [*FILLERS, *FILLER_PHRASES]})


@dataclass(frozen=True)
class Sentence:
    text: str  # as written (cleaned)
    first: int  # index of its first token
    last: int  # one past its last token


@dataclass(frozen=True)
class Doc:
    """A tokenised text: tokens (fillers removed), stems, sentences, and where tokens sit in ``text``."""

    text: str
    tokens: tuple[str, ...]
    stems: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    sentences: tuple[Sentence, ...]
    sentence_of: tuple[int, ...]  # token index -> sentence index
    fillers: int
    raw_tokens: int
    alpha_chars: int  # letters in the original text, any script (only counted when there are no tokens)

    @property
    def n(self) -> int:
        return len(self.tokens)

    def content(self) -> list[str]:
        """Stems of the content (non-stop) words, in order."""
        return [
            s for t, s in zip(self.tokens, self.stems, strict=True) if t not in STOPWORDS and not t.isdigit()
        ]

    def snippet(self, first: int, last: int, before: int = 2, after: int = 8, max_tokens: int = 16) -> str:
        """The original words around tokens ``first:last``, to the end of the clause, as a short quote."""
        if not self.spans:
            return ""
        sent = self.sentences[self.sentence_of[min(first, len(self.sentence_of) - 1)]]
        lo = max(sent.first, first - before)
        hi = max(lo + 1, min(sent.last, last + after, lo + max_tokens))
        for k in range(max(last, lo + 1) + 2, hi):
            # Stop at a clause boundary once the match and a little context are in.
            if any(c in self.text[self.spans[k - 1][1] : self.spans[k][0]] for c in ",;:()"):
                hi = k
                break
        cut = hi < sent.last
        while hi - lo > max(2, last - lo) and self.tokens[hi - 1] in STOPWORDS:
            hi, cut = hi - 1, True  # end on a content word, not "for the"
        quote = self.text[self.spans[lo][0] : self.spans[hi - 1][1]].strip(" ,;:-")
        gap = self.text[self.spans[hi - 1][1] : self.spans[hi][0]] if hi < len(self.spans) else ""
        return quote + (" ..." if cut and not any(c in gap for c in ",;:.") else "")

    def sentence_snippet(self, index: int, max_tokens: int = 14) -> str:
        sent = self.sentences[index]
        return self.snippet(sent.first, min(sent.last, sent.first + max_tokens), 0, 0, max_tokens)


def _split_sentences(text: str) -> list[tuple[int, int]]:
    """Character ranges of sentences; very long unpunctuated runs are split at soft breaks."""
    ranges: list[tuple[int, int]] = []
    start = 0
    for match in _SENT_END.finditer(text):
        ranges.append((start, match.start()))
        start = match.end()
    ranges.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for lo, hi in ranges:
        if hi - lo > _LONG_SENTENCE * 7:
            cut = lo
            for match in _SOFT_BREAK.finditer(text, lo, hi):
                if match.start() - cut > 60:
                    out.append((cut, match.start()))
                    cut = match.start() + 1
            out.append((cut, hi))
        else:
            out.append((lo, hi))
    return [(lo, hi) for lo, hi in out if text[lo:hi].strip()]


def analyse(raw: object) -> Doc:
    """Tokenise, stem and sentence-split ``raw``; filler words are counted and dropped."""
    text = clean(raw)
    folded = text.lower() if text.isascii() else None
    positions: list[tuple[str, int, int]] = []
    if folded is not None:
        positions = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded)]
    else:
        # Fold word by word so token spans still point into the original text.
        for m in re.finditer(r"\S+", text):
            for t in _TOKEN.finditer(fold(m.group())):
                positions.append((t.group(), m.start(), m.end()))
    raw_tokens = [p[0] for p in positions]
    drop: set[int] = set()
    for _, first, last in _FILLER_INDEX.find(raw_tokens):
        drop.update(range(first, last))
    kept = [p for i, p in enumerate(positions) if i not in drop] if drop else positions
    sent_ranges = _split_sentences(text)
    starts = [lo for lo, _ in sent_ranges]
    sentence_of: list[int] = []
    for _, lo, _ in kept:
        sentence_of.append(max(0, bisect_right(starts, lo) - 1))
    sentences: list[Sentence] = []
    if kept:
        # Renumber so only sentences holding tokens remain.
        mapping: dict[int, int] = {}
        bounds: list[list[int]] = []
        for i, s in enumerate(sentence_of):
            if s not in mapping:
                mapping[s] = len(bounds)
                bounds.append([i, i + 1])
            else:
                bounds[mapping[s]][1] = i + 1
        sentence_of = [mapping[s] for s in sentence_of]
        for (first, last), orig in zip(bounds, mapping, strict=True):
            lo, hi = sent_ranges[orig]
            sentences.append(Sentence(text[lo:hi].strip(), first, last))
    tokens = tuple(p[0] for p in kept)
    return Doc(
        text=text,
        tokens=tokens,
        stems=tuple(stem(t) for t in tokens),
        spans=tuple((p[1], p[2]) for p in kept),
        sentences=tuple(sentences),
        sentence_of=tuple(sentence_of),
        fillers=len(drop),
        raw_tokens=len(raw_tokens),
        alpha_chars=len(text) if kept else sum(1 for ch in text if ch.isalpha()),
    )
