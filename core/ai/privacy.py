"""Content screening before anything leaves the machine: redaction, a local abuse screen, injection cues.

- ``redact`` replaces e-mail addresses, phone numbers and card-like numbers (13-19 digits passing the
  Luhn check) with ``[EMAIL]``, ``[PHONE]`` and ``[CARD]``.
- ``local_screen`` is a deliberately small list of threats, slurs and self-harm phrases: a last line of
  defence when the provider has no moderation endpoint, not a content-policy engine.
- ``injection_cues`` finds text that tries to instruct the scorer ("ignore the rubric", "give me 100").
- ``neutralise_tags`` stops an answer from closing the delimiters the prompt wraps it in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# 13-19 digits, optionally grouped by spaces or dashes (card numbers as people type them).
_CARD = re.compile(r"(?<![\d])(?:\d[ \-]?){12,18}\d(?![\d])")
# Phone numbers: an optional +country code, then 7-15 digits with the usual separators.
_PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[\s.\-]?)?(?:\(\d{1,4}\)[\s.\-]?)?\d{2,4}(?:[\s.\-]?\d{2,4}){1,4}(?![\w])"
)
_DIGIT = re.compile(r"\d")


def luhn_ok(digits: str) -> bool:
    """Whether a digit string passes the Luhn checksum (payment card numbers do)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card(match: re.Match[str]) -> str:
    digits = "".join(_DIGIT.findall(match.group(0)))
    return "[CARD]" if 13 <= len(digits) <= 19 and luhn_ok(digits) else match.group(0)


def _phone(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = "".join(_DIGIT.findall(text))
    if not 7 <= len(digits) <= 15:
        return text
    # Years, amounts and version numbers are not phone numbers: ask for a separator pattern or a "+".
    grouped = text.startswith("+") or "(" in text or len(re.findall(r"[\s.\-]", text)) >= 1
    if not grouped and len(digits) < 10:
        return text
    if re.fullmatch(r"(19|20)\d\d\s*[-–]\s*(19|20)\d\d", text.strip()):  # a year range, e.g. 2019-2023
        return text
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text.strip()):  # 1.250.000 or 12,500
        return text
    if re.fullmatch(r"(19|20)\d\d[-./]\d\d?[-./]\d\d?|\d\d?[-./]\d\d?[-./](19|20)\d\d", text.strip()):
        return text  # a date
    return "[PHONE]"


def redact(text: str) -> str:
    """``text`` with e-mail addresses, card-like numbers and phone numbers replaced by placeholders."""
    if not text:
        return text
    text = _EMAIL.sub("[EMAIL]", text)
    text = _CARD.sub(_card, text)
    return _PHONE.sub(_phone, text)


# ---- local abuse screen ---------------------------------------------------------------------------

# Kept short on purpose: unambiguous threats, self-harm statements and the most common slurs. Matching is
# on whole words of the lower-cased text, so ordinary interview vocabulary ("kill a process", "execute")
# does not trip it.
_THREATS = (
    r"i(?:'m| am)? (?:going to|gonna|will) (?:kill|shoot|stab|hurt) (?:you|him|her|them|everyone)",
    r"i will find (?:you|where you live)",
    r"(?:bomb|shoot up) the (?:office|school|building)",
)
_SELF_HARM = (
    r"i (?:want|am going|plan) to (?:kill myself|end my life|hurt myself)",
    r"i(?:'m| am) going to kill myself",
    r"suicide is my only",
)
_SLURS = ("nigger", "nigga", "faggot", "kike", "chink", "spic", "retard", "tranny")
_SCREEN = (
    [("threat", re.compile(rf"\b{p}\b")) for p in _THREATS]
    + [("self_harm", re.compile(rf"\b{p}\b")) for p in _SELF_HARM]
    + [("hate", re.compile(rf"\b{w}s?\b")) for w in _SLURS]
)


@dataclass(frozen=True)
class ScreenVerdict:
    """The outcome of screening one text."""

    flagged: bool
    categories: tuple[str, ...] = ()
    source: str = "local"  # "local" or "provider"


def local_screen(text: str) -> ScreenVerdict:
    """Flag threats, self-harm statements and slurs with a small local list."""
    lowered = (text or "").lower()
    found = sorted({name for name, pattern in _SCREEN if pattern.search(lowered)})
    return ScreenVerdict(bool(found), tuple(found), "local")


# ---- prompt injection ----------------------------------------------------------------------------

_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override|bypass)\b[^.\n]{0,40}?"
    r"\b(?:previous|prior|above|earlier|all|the|your|any|these|those)\b[^.\n]{0,30}?"
    r"\b(?:instructions?|rubric|rules?|prompt|guidelines?|criteria|scoring)\b"
    r"|\bgive\s+(?:me|this(?:\s+answer)?|it|the\s+answer|my\s+answer)?\s*(?:a\s+)?(?:score\s+of\s+|an?\s+)?"
    r"(?:100|10\s*/\s*10|a\s+perfect|full\s+marks|maximum)(?!\s*(?:%|percent|per\s*cent))"
    r"|\b(?:score|rate|grade|mark)\s+(?:this|me|it|my\s+answer)(?:\s+answer)?\s+(?:as\s+|at\s+|with\s+)?"
    r"(?:a\s+)?(?:100|perfect|full\s+marks|the\s+maximum|10\s*/\s*10)"
    r"|\byou\s+are\s+now\b|\bnew\s+instructions?\b|\bsystem\s+prompt\b|\bact\s+as\s+(?:an?\s+)?"
    r"(?:grader|scorer|evaluator|assistant)\b|\bend\s+of\s+(?:the\s+)?(?:candidate(?:'s)?\s+)?answer\b"
    r"|\bas\s+an\s+ai\s+(?:language\s+)?model\b|</?\s*(?:system|assistant|instructions?)\s*>"
    r"|<\s*/?\s*candidate[_\s-]*answer|(?:^|\n)\s*(?:system|assistant)\s*:",
    re.IGNORECASE,
)


def injection_cues(text: str) -> tuple[str, ...]:
    """Phrases in ``text`` that try to instruct the scorer instead of answering the question."""
    return tuple(m.group(0).strip() for m in _INJECTION.finditer(text or ""))[:5]


_ANSWER_TAG = re.compile(r"<\s*/?\s*candidate[_\s-]*answer\b[^>]*>", re.IGNORECASE)


def neutralise_tags(text: str) -> str:
    """``text`` with anything that looks like the answer delimiters defused (``<`` becomes ``‹``)."""
    return _ANSWER_TAG.sub(lambda m: m.group(0).replace("<", "\u2039").replace(">", "\u203a"), text or "")
