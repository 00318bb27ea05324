"""Why the AI was not used: short reason codes (stored in ``feedbackJson.fallback_reason``) in words."""

from __future__ import annotations

from collections.abc import Mapping

REASONS: Mapping[str, str] = {
    "rate_limited": "You have reached the hourly limit of AI calls",
    "daily_budget": "You have used today's AI budget",
    "flagged_content": "The text was flagged by content screening and was not sent to the AI",
    "timeout": "The AI service did not answer in time",
    "connection_error": "The AI service could not be reached",
    "truncated": "The AI reply was cut off",
    "invalid_json": "The AI reply was not valid JSON",
    "schema_mismatch": "The AI reply did not have the expected fields",
    "out_of_range": "The AI reply had scores outside 0-100",
    "content_filter": "The AI service refused this request",
    "empty_answer": "There was nothing to send to the AI",
    "no_valid_questions": "The AI wrote no usable new questions",
    "error": "The AI service failed",
    "circuit_open": "The AI service failed several times in a row, so it is paused for a minute",
}
_HTTP: Mapping[str, str] = {
    "401": "The AI service rejected the API key",
    "403": "The AI service refused access",
    "404": "The AI service does not know this model or endpoint",
    "429": "The AI service is busy (rate limited)",
}


def reason_text(reason: str) -> str:
    """The reason as a sentence fragment: ``timeout`` -> "The AI service did not answer in time"."""
    if reason.startswith("http_"):
        code = reason.removeprefix("http_")
        return _HTTP.get(code, f"The AI service failed (HTTP {code})")
    return REASONS.get(reason, "The AI service failed")


def fallback_message(reason: str | None) -> str:
    """A sentence for the UI: why this answer was scored by the offline engine ("" when it was not)."""
    if not reason:
        return ""
    return f"{reason_text(reason)}, so this answer was scored offline by the rule-based engine."
