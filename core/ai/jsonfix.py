"""Structured replies from servers that only half support JSON: extract, repair, validate.

Servers without ``json_schema`` support (older llama.cpp, some vLLM and Ollama models) answer with JSON in
a code fence, JSON after a sentence of prose, or JSON with trailing commas or Python literals. ``parse_reply``
finds the first balanced JSON object in the text, repairs the trivial issues, and validates it with the
pydantic model; anything still wrong raises ``ReplyError`` (a failure, never a guess).
"""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)

_FENCE = re.compile(r"```(?:json|JSON|javascript|js)?\s*\n?(.*?)```", re.DOTALL)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_PY_LITERALS = {"True": "true", "False": "false", "None": "null"}


class ReplyError(ValueError):
    """A reply that is not the JSON asked for; ``reason`` is ``invalid_json`` or ``schema_mismatch``."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def _balanced_objects(text: str) -> list[str]:
    """Every top-level ``{...}`` span, honouring strings and escapes (outermost first)."""
    spans: list[str] = []
    depth = 0
    start = -1
    in_string: str | None = None
    escaped = False
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == in_string:
                in_string = None
            continue
        if ch == '"':
            in_string = ch
        elif ch == "{":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "}" and depth:
            depth -= 1
            if depth == 0:
                spans.append(text[start : i + 1])
    return spans


def _outside_strings(text: str, fix: Any) -> str:
    """Apply ``fix`` to the parts of a JSON-ish text that are not inside double-quoted strings."""
    parts = re.split(r'("(?:[^"\\]|\\.)*")', text)
    return "".join(p if i % 2 else fix(p) for i, p in enumerate(parts))


def _single_to_double(text: str) -> str | None:
    """Python-style single-quoted keys/strings to JSON, only when no double quotes are present (safe)."""
    if '"' in text or "'" not in text:
        return None
    out: list[str] = []
    in_string = False
    escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
                out.append("'" if ch == "'" else "\\" + ch)
                continue
            if ch == "\\":
                escaped = True
                continue
            if ch == "'":
                in_string = False
                out.append('"')
            elif ch == '"':
                out.append('\\"')
            else:
                out.append(ch)
        elif ch == "'":
            in_string = True
            out.append('"')
        else:
            out.append(ch)
    return "".join(out) if not in_string else None


def _repairs(candidate: str) -> list[str]:
    """The candidate and progressively repaired versions of it."""
    fixed = _outside_strings(candidate, lambda p: _TRAILING_COMMA.sub(r"\1", p))
    fixed = _outside_strings(
        fixed, lambda p: re.sub(r"\b(True|False|None)\b", lambda m: _PY_LITERALS[m.group(1)], p)
    )
    versions = [candidate, fixed]
    quoted = _single_to_double(fixed)
    if quoted is not None:
        versions.append(_TRAILING_COMMA.sub(r"\1", quoted))
    return versions


def extract_json(text: str) -> Any:
    """The first JSON object in ``text`` (bare, in a code fence, or inside prose), repaired if trivial.

    Raises ``ReplyError("invalid_json", ...)`` when there is none.
    """
    text = (text or "").strip().lstrip("\ufeff")
    candidates: list[str] = []
    if text.startswith("{"):
        candidates.append(text)
    candidates += [m.group(1).strip() for m in _FENCE.finditer(text)]
    candidates += _balanced_objects(text)
    seen: set[str] = set()
    for candidate in candidates:
        if candidate in seen or not candidate.startswith("{"):
            continue
        seen.add(candidate)
        for version in _repairs(candidate):
            try:
                value = json.loads(version)
            except ValueError:
                continue
            if isinstance(value, dict):
                return value
    preview = text[:80].replace("\n", " ")
    raise ReplyError("invalid_json", f"the reply has no valid JSON object: {preview!r}")


def validate_reply(data: Any, model: type[M]) -> M:
    """``data`` validated as ``model``; ``ReplyError("schema_mismatch", ...)`` naming the first problem."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "reply"
        raise ReplyError(
            "schema_mismatch", f"the reply does not fit the schema at {where}: {first['msg']}"
        ) from None


def parse_reply(text: str, model: type[M]) -> M:
    """Extract, repair and validate a structured reply."""
    return validate_reply(extract_json(text), model)
