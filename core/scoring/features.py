"""Answer features: cue phrases, first-person actions, numbers and what they measure, plausibility."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from core.scoring import lexicon as lx
from core.scoring.concepts import CONCEPT_GROUPS
from core.scoring.text import Doc, PhraseIndex, tokenize

CUE_INDEX = PhraseIndex(
    {
        **lx.CUES,
        "buzz": lx.BUZZWORDS,
        "vague": lx.VAGUE,
        "hedge": lx.HEDGES,
        "ignorance": lx.IGNORANCE,
        "setting": lx.SETTING_NOUNS,
        "soft_filler": lx.SOFT_FILLERS,
        "generic": lx.GENERIC,
        "tech_buzz": lx.TECH_BUZZ,
        "overclaim": lx.OVERCLAIM,
        "quantifier": lx.QUANTIFIERS,
        "nuance": lx.NUANCE,
    }
)

_NUMBER = re.compile(r"(?<![A-Za-z0-9.])([$£€]\s?)?(\d+(?:[.,]\d+)*)\s?(%|percent\b|x\b|k\b|m\b|bn\b)?", re.I)
_FROM_TO = re.compile(
    r"\bfrom\s+(?:about\s+|around\s+|roughly\s+)?[$£€]?\d[\d.,]*\s*\S*\s+(?:down\s+|up\s+)?to\s+"
)
_TIME = re.compile(r"\d{1,2}[:.]\d{2}\b|\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)", re.I)
_LIKE_FILLER = re.compile(r"\blike,|,\s*like\s|\b(?:um|uh)\b[, ]+like\b", re.I)
#: A worked operation ("10 x 6", "500/5", "3 times 4"); not a series of figures written with slashes
#: ("a 15/30/45 ladder", "30/60/90-day reviews"), which is a list, not a division.
_ARITH = re.compile(
    r"(?<![\d/])\d[\d.,]*\s*(?:[x×*÷=]|/(?![\d.,]*\d\s*/)|times|divided by|multiplied by|per)\s*[$£€]?\d",
    re.I,
)
#: A share written with a slash ("an 80/20 split", "50/50", "a 70/30 mix") or "24/7": a proportion or a
#: phrase, not a division worked out.
_SPLIT = re.compile(r"(\d{1,2})/(\d{1,2})(?![\d/]|[.,]\d)")
#: Words that announce a result just before a figure: "so", "that's", "which gives", "=".
_RESULT_CUE = re.compile(
    r"(?:\bso\b|\bthat(?:'s| is)\b|\bwhich (?:is|gives|means|comes to)\b|\bgives?\b|\bgiving\b|\btotal"
    r"|\bcomes? to\b|\bleaves?\b|\bleaving\b|\bmeans\b|\bequals?\b|\bworks out\b|\badds up\b|[=≈~→])"
    r"[^.;!?]*$",
    re.I,
)
#: A figure derived in words from an earlier one ("about half of that, so call it 2 million", "10% of those").
_DERIVED_END = r"\b(?:(?:half|a third|a quarter|\d+\s*%) of (?:that|those|them|these)|call it)\b"
_DERIVED = re.compile(r"\d[^.?!]{0,80}?" + _DERIVED_END, re.I)
_DERIVED_CUE = re.compile(_DERIVED_END, re.I)  # searched first: most answers have no derived figure
_BASELINE = frozenset({"baseline", "compared", "versus", "vs", "previously", "before", "prior", "down", "up"})
_HYP_AUX = frozenset({"would", "will", "could", "should", "might", "can", "may", "must"})
_ACTORS = frozenset({"i", "i've", "i'd", "i'll", "we", "we've", "we'd", "we'll"})
_VERB_PREFIXES = frozenset(
    {"co", "re", "pre", "double", "cross", "hand", "self", "over", "under", "fast", "up"}
)
_FIRST_PERSON = frozenset({"i", "me", "my", "myself", "i'm", "i've", "i'd", "i'll", "mine"})
_WE = frozenset({"we", "us", "our", "ours", "we're", "we've", "we'd", "we'll", "ourselves"})
_VOWELS = frozenset("aeiouy")
_SUBJECTS = frozenset({"i", "we", "he", "she", "they", "it", "you", "who", "which", "that", "this", "there"})


def _bigram_set() -> frozenset[str]:
    vocab: set[str] = set(lx.STOPWORDS) | set(lx.UNITS) | set(lx.METRIC_NOUNS) | set(lx.QUESTION_GENERIC)
    vocab |= set(lx.BROAD) | set(lx.SETTING_NOUNS) | set(lx.IRREGULAR_PAST) | set(lx.COMMON_WORDS)
    for group in lx.CUES.values():
        vocab |= group
    for _, members in CONCEPT_GROUPS.values():
        vocab.update(members.replace("_", " ").split())
    counts: Counter[str] = Counter()
    for word in vocab:
        for tok in tokenize(word):
            counts.update(tok[i : i + 2] for i in range(len(tok) - 1) if tok[i : i + 2].isalpha())
    return frozenset(b for b, c in counts.items() if c >= 2)


COMMON_BIGRAMS = _bigram_set()


@dataclass
class NumberUse:
    token: int  # token index of the number
    sentence: int
    text: str
    meaningful: bool
    baseline: bool
    year: bool
    value: float = 0.0
    physical: bool = False  # a measurement or threshold in a physical or time unit ("135°F", "2 hours")


@dataclass
class Features:
    """Everything the dimension formulas read, computed once per answer."""

    doc: Doc
    words: int
    cue_hits: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    cue_sentences: dict[str, set[int]] = field(default_factory=dict)
    i_actions: dict[str, int] = field(default_factory=dict)  # verb -> first token index
    hyp_actions: dict[str, int] = field(default_factory=dict)
    we_actions: dict[str, int] = field(default_factory=dict)
    first_person: int = 0
    we_words: int = 0
    numbers: list[NumberUse] = field(default_factory=list)
    named: int = 0
    concrete: int = 0  # distinct concrete content stems
    concrete_stems: set[str] = field(default_factory=set)
    new_concrete: int = 0  # ... that are not the question's words (set by the scorer)
    stop_share: float = 0.0
    content_diversity: float = 1.0
    top_repeat: float = 0.0
    plausibility: float = 1.0
    junk_share: float = 0.0  # share of tokens that do not look like words
    prose_share: float = 1.0  # share of sentences with a subject or a verb form
    stutter: int = 0  # a content word straight after itself ("lock lock")
    like_fillers: int = 0
    arithmetic: int = 0
    avg_sentence: float = 0.0

    def count(self, cue: str) -> int:
        return len(self.cue_hits.get(cue, ()))

    def in_sentences(self, cue: str) -> set[int]:
        return self.cue_sentences.get(cue, set())

    @property
    def meaningful_numbers(self) -> int:
        return sum(1 for n in self.numbers if n.meaningful)

    @property
    def vague_numbers(self) -> int:
        return sum(1 for n in self.numbers if not n.meaningful and not n.year)


_CLAUSE = lx.words(
    """i we he she they you it i'm i've i'd we're we've they're it's is was are were be been being have has
    had do did does will would can could should may might must"""
)


def _has_clause(toks: tuple[str, ...]) -> bool:
    """A rough test that a sentence is prose: a subject pronoun, an auxiliary or a past-tense verb."""
    return any(t in _CLAUSE or (t.endswith("ed") and len(t) > 4) or t in lx.IRREGULAR_PAST for t in toks)


@lru_cache(maxsize=200_000)
def _token_plausibility(tok: str) -> float:
    """0-1: how much a token looks like an English word (vowels, letter runs, common letter pairs)."""
    if tok in lx.STOPWORDS:
        return 1.0
    if tok.isdigit():
        return 0.8
    letters = [c for c in tok if c.isalpha()]
    if len(letters) <= 1:
        return 0.6
    word = "".join(letters)
    vowels = sum(1 for c in word if c in _VOWELS)
    if vowels == 0:
        return 0.6 if len(word) <= 2 else 0.45 if len(word) <= 4 else 0.0
    run = longest = 0
    for c in word:
        run = 0 if c in _VOWELS else run + 1
        longest = max(longest, run)
    if longest >= 5 or re.search(r"(.)\1\1", word) or len(word) > 22:
        return 0.0
    pairs = [word[i : i + 2] for i in range(len(word) - 1)]
    common = sum(1 for p in pairs if p in COMMON_BIGRAMS) / len(pairs)
    ratio = vowels / len(word)
    return common * (1.0 if 0.2 <= ratio <= 0.75 else 0.6)


def _number_uses(doc: Doc, sentence_text: list[str]) -> list[NumberUse]:
    uses: list[NumberUse] = []
    starts = [s for s, _ in doc.spans]
    toks = doc.tokens
    from_to: dict[int, bool] = {}  # sentence -> whether it has a "from X to Y" change
    for m in _NUMBER.finditer(doc.text):
        i = bisect_left(starts, m.start(2))
        if i >= len(toks) or not toks[i][:1].isdigit():
            continue
        digits = m.group(2).replace(",", "")
        try:
            value = float(digits) if digits.count(".") <= 1 else 0.0
        except ValueError:
            value = 0.0
        sent = doc.sentence_of[i]
        suffix = (m.group(3) or "").lower()
        currency = bool(m.group(1))
        year = not suffix and not currency and len(digits) == 4 and 1950 <= value <= 2040
        # Times ("22:00") and labels ("Year 5", "Python 3", "Bed 12") give context, not quantities.
        prev = doc.spans[i - 1] if i > doc.sentences[sent].first else None
        label = prev is not None and doc.text[prev[0]].isupper() and doc.text[prev[0] : prev[1]] != "I"
        if not suffix and not currency and (label or _TIME.match(doc.text, m.start(2))):
            year = True
        if i == doc.sentences[sent].first and doc.text[m.end(2) : m.end(2) + 1] in (".", ")"):
            continue  # a list marker, not a quantity
        after = [t for t in toks[i + 1 : i + 4] if t not in lx.STOPWORDS][:2]
        before = [t for t in toks[max(0, i - 5) : i] if t not in lx.STOPWORDS]
        unit = (
            currency
            or suffix in ("k", "m", "bn", "x")
            or any(t in lx.UNITS or t in lx.METRIC_NOUNS for t in after)
        )
        nxt = doc.text[m.end() : m.end() + 12].split()[:1]
        if (
            not unit
            and nxt
            and nxt[0][:1].isalpha()
            and len(nxt[0].strip(".,;:)")) <= 4
            and not nxt[0].islower()
        ):
            unit = True  # an abbreviated unit: "30 A", "10 kN", "8 AWG"
        if (
            not unit
            and after
            and after[0].isalpha()
            and after[0] not in lx.VAGUE_REFERENTS
            and len(after[0]) > 2
        ):
            unit = not after[0].endswith("ed")
        pct = suffix in ("%", "percent") or (after[:1] == ["percent"])
        if pct:
            near = before + after
            metric = any(t in lx.METRIC_NOUNS or t in lx.UNITS for t in near)
            concrete = [t for t in near if t.isalpha() and t not in lx.VAGUE_REFERENTS and t not in lx.BROAD]
            unit = metric or len(concrete) >= 2
        hyperbole = (pct and value >= 300) or (suffix == "x" and value >= 20)
        vague_ref = bool(after) and after[0] in lx.VAGUE_REFERENTS and not pct
        if sent not in from_to:
            from_to[sent] = _FROM_TO.search(sentence_text[sent]) is not None
        baseline = from_to[sent] or bool(_BASELINE & set(toks[max(0, i - 4) : i + 6]))
        meaningful = unit and not hyperbole and not vague_ref and not year
        physical = doc.text[m.end(2) : m.end(2) + 2].lstrip()[:1] == "°" or bool(
            toks[i + 1 : i + 2] and toks[i + 1] in lx.PHYSICAL_UNITS and not suffix and not currency
        )
        meaningful = meaningful or (physical and not year)
        uses.append(
            NumberUse(i, sent, m.group(0).strip(), meaningful, baseline and meaningful, year, value, physical)
        )
    return uses


def _is_split(text: str, at: int) -> bool:
    """Whether the operation written at ``at`` is a share ("80/20", "50/50") or "24/7", not a division."""
    m = _SPLIT.match(text, at)
    return m is not None and (int(m[1]) + int(m[2]) == 100 or m[0] == "24/7")


def _unit(n: NumberUse) -> str:
    """What a figure counts: a percentage, money, a multiple or a plain quantity."""
    text = n.text.lower()
    if "%" in text or "percent" in text:
        return "%"
    if text[:1] in "$£€":
        return "money"
    return "x" if text.endswith("x") else ""


def _worked_figures(
    numbers: list[NumberUse], doc: Doc, window: int = 8, tolerance: float = 0.005, reach: int = 60
) -> int:
    """Figures that follow from earlier ones (a sum, difference, product, ratio or percentage of two of the
    previous few): "taxes fall by 2.5, so net income falls by 7.5".

    Among many invented numbers some add up by chance ("a 15/30/45 ladder"; "18%" after "9%"), so a sum or
    difference must keep its unit and add two different figures, and they count only when there are two or
    more and the answer announces at least one as a result ("so", "that's", "=").
    """
    uses = [n for n in numbers if not n.year]
    values = [n.value for n in uses]
    units = [_unit(n) for n in uses]
    derived = announced = 0
    for k in range(2, len(values)):
        v = values[k]
        earlier = range(max(0, k - window), k)
        if v == 0 or (v <= 10 and v.is_integer()) or v in values[earlier.start : k]:
            continue  # small whole numbers and repeats add up by chance
        same = [i for i in earlier if units[i] == units[k]]
        if any(
            abs(c - v) <= tolerance * abs(v)
            for i in earlier
            for j in earlier
            for c in (
                values[i] * values[j],
                values[i] * values[j] / 100,
                values[i] / values[j] if values[j] else 0.0,
            )
        ) or any(
            abs(c - v) <= tolerance * abs(v)
            for i in same
            for j in same
            if values[i] != values[j]
            for c in (values[i] + values[j], values[i] - values[j])
        ):
            derived += 1
            at = doc.spans[uses[k].token][0]
            announced += _RESULT_CUE.search(doc.text, max(0, at - reach), at) is not None
    return derived if announced and derived >= 2 else 0


def _actions(f: Features, toks: tuple[str, ...], stems: tuple[str, ...]) -> None:
    n = len(toks)
    for i, tok in enumerate(toks):
        if tok in _FIRST_PERSON:
            f.first_person += 1
        elif tok in _WE:
            f.we_words += 1
        if tok not in _ACTORS:
            continue
        j = _skip(toks, i + 1, 2)
        if j >= n:
            continue
        hyp = tok.endswith("'ll")
        if tok.endswith("'d"):
            # "I'd heard" is "I had heard"; "I'd call" is "I would call".
            hyp = not _is_past(toks[j])
        if toks[j] in _HYP_AUX:
            hyp, j = True, _skip(toks, j + 1, 2)
            if j >= n:
                continue
        if toks[j] in _VERB_PREFIXES and j + 1 < n:
            j += 1  # "co-signed", "re-ran"
        verb = toks[j]
        if verb in lx.STOPWORDS and verb not in ("did", "made", "set", "led", "ran"):
            continue
        if verb in lx.NON_ACTION_PAST or verb in lx.OPINION_VERBS or not verb.isalpha():
            continue
        past = _is_past(verb)
        target = f.we_actions if tok.startswith("we") else f.hyp_actions if hyp or not past else f.i_actions
        target.setdefault(stems[j], j)
        if past and not hyp:
            for k in _coordinated(f.doc, j):
                target.setdefault(stems[k], k)


def _skip(toks: tuple[str, ...], j: int, limit: int) -> int:
    end = j + limit
    while j < len(toks) and j < end and toks[j] in lx.VERB_ADVERBS:
        j += 1
    return j


_GENERIC_OBJECTS = (
    lx.QUESTION_GENERIC | lx.BROAD | lx.VAGUE | lx.BUZZWORDS | lx.VAGUE_REFERENTS | lx.METRIC_NOUNS
)


def action_strength(doc: Doc, j: int) -> float:
    """1 when the verb at ``j`` acts on something concrete ("rebuilt the rota"), 0.4 when vague."""
    end = min(doc.sentences[doc.sentence_of[j]].last, j + 6)
    for t in doc.tokens[j + 1 : end]:
        if t not in lx.STOPWORDS and t not in _GENERIC_OBJECTS and len(t) > 2 and not _is_past(t):
            return 1.0
    return 0.4


def _is_past(tok: str) -> bool:
    return (
        tok in lx.IRREGULAR_PAST or (tok.endswith("ed") and len(tok) > 4)
    ) and tok not in lx.NON_ACTION_PAST


def _coordinated(doc: Doc, j: int) -> list[int]:
    """Later verbs sharing the subject of the verb at ``j``: "I called, listened and wrote ..."."""
    toks, spans = doc.tokens, doc.spans
    end = doc.sentences[doc.sentence_of[j]].last
    found: list[int] = []
    for k in range(j + 1, min(end, j + 40)):
        tok = toks[k]
        if tok in _SUBJECTS:
            break
        if not _is_past(tok):
            continue
        prev = toks[k - 1]
        gap = doc.text[spans[k - 1][1] : spans[k][0]]
        if prev in ("and", "then", "also") or "," in gap or ";" in gap:
            found.append(k)
    return found


def extract(doc: Doc) -> Features:
    """Compute the features of an analysed answer."""
    toks, stems = doc.tokens, doc.stems
    f = Features(doc=doc, words=len(toks))
    if not toks:
        f.plausibility = 0.0
        return f
    for label, first, last in CUE_INDEX.find(toks):
        f.cue_hits.setdefault(label, []).append((first, last))
        f.cue_sentences.setdefault(label, set()).add(doc.sentence_of[first])
    _actions(f, toks, stems)
    sentence_text = [s.text.lower() for s in doc.sentences]
    f.numbers = _number_uses(doc, sentence_text)
    stop = sum(1 for t in toks if t in lx.STOPWORDS)
    f.stop_share = stop / len(toks)
    content = [s for t, s in zip(toks, stems, strict=True) if t not in lx.STOPWORDS and not t.isdigit()]
    if content:
        counts = Counter(content)
        f.content_diversity = len(counts) / len(content)
        f.top_repeat = counts.most_common(1)[0][1] / len(content) if len(content) >= 8 else 0.0
    generic = lx.QUESTION_GENERIC | lx.BROAD | lx.VAGUE | lx.BUZZWORDS
    f.concrete_stems = {s for t, s in zip(toks, stems, strict=True) if len(t) >= 4 and t.isalpha()
                        and t not in lx.STOPWORDS and t not in generic}  # fmt: skip
    f.concrete = len(f.concrete_stems)
    named: set[str] = set()
    sent_first = {s.first for s in doc.sentences}
    for i, (lo, hi) in enumerate(doc.spans):
        word = doc.text[lo:hi]
        if not word[:1].isalpha() or toks[i] in _FIRST_PERSON:
            continue
        acronym = 2 <= len(word) <= 6 and word.isupper()
        mixed = not word.isalpha() and any(c.isdigit() for c in word)
        proper = word[0].isupper() and i not in sent_first and toks[i] not in lx.STOPWORDS
        if acronym or mixed or proper:
            named.add(toks[i])
    f.named = len(named)
    plaus = [
        0.9 if (doc.text[lo:hi].isupper() and 2 <= hi - lo <= 6) else _token_plausibility(t)
        for t, (lo, hi) in zip(toks, doc.spans, strict=True)
    ]
    f.plausibility = sum(plaus) / len(plaus)
    junk = sum(1 for p in plaus if p < 0.5)
    f.junk_share = junk / len(plaus) if junk >= 2 else 0.0
    f.stutter = sum(
        1 for a, b in zip(toks, toks[1:], strict=False) if a == b and a not in lx.STOPWORDS and a.isalpha()
    )
    long_sentences = [s for s in doc.sentences if s.last - s.first >= 4]
    if long_sentences:
        f.prose_share = sum(1 for s in long_sentences if _has_clause(toks[s.first : s.last])) / len(
            long_sentences
        )
    lowered = doc.text.lower()
    f.like_fillers = len(_LIKE_FILLER.findall(doc.text)) if "like" in lowered else 0
    derived = len(_DERIVED.findall(doc.text)) if _DERIVED_CUE.search(lowered) else 0
    worked = sum(1 for m in _ARITH.finditer(doc.text) if not _is_split(doc.text, m.start()))
    f.arithmetic = worked + derived + _worked_figures(f.numbers, doc)
    f.avg_sentence = len(toks) / max(1, len(doc.sentences))
    return f
