"""Structured replies from servers that only half support JSON: extract, repair, validate."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from core.ai.jsonfix import ReplyError, extract_json, parse_reply


class Reply(BaseModel):
    score: float
    notes: list[str]


@pytest.mark.parametrize(
    "text",
    [
        '{"score": 80, "notes": ["a"]}',
        '```json\n{"score": 80, "notes": ["a"]}\n```',
        '```\n{"score": 80, "notes": ["a"]}\n```',
        'Sure! Here is the assessment: {"score": 80, "notes": ["a"]} Hope it helps.',
        '{"score": 80, "notes": ["a",],}',
        "{'score': 80, 'notes': ['a']}",
        '{"score": 80, "notes": ["a"], "extra": True}',
        '\ufeff  {"score": 80, "notes": ["a"]}  ',
    ],
    ids=[
        "bare",
        "fence",
        "plain-fence",
        "prose",
        "trailing-commas",
        "single-quotes",
        "python-literal",
        "bom",
    ],
)
def test_json_is_found_and_repaired(text: str) -> None:
    assert parse_reply(text, Reply) == Reply(score=80, notes=["a"])


def test_braces_inside_strings_do_not_confuse_extraction() -> None:
    text = 'Result: {"score": 70, "notes": ["use {braces} and \\"quotes\\""]} done'
    assert parse_reply(text, Reply).notes == ['use {braces} and "quotes"']


def test_a_single_quote_inside_a_double_quoted_string_is_kept() -> None:
    assert parse_reply('{"score": 70, "notes": ["don\'t stop"],}', Reply).notes == ["don't stop"]


@pytest.mark.parametrize("text", ["", "I would give it 7/10.", '{"score": 80, "notes": [oops', "[1, 2, 3]"])
def test_text_without_a_json_object_is_invalid_json(text: str) -> None:
    with pytest.raises(ReplyError, match="no valid JSON object") as info:
        extract_json(text)
    assert info.value.reason == "invalid_json"


def test_json_of_the_wrong_shape_is_a_schema_mismatch() -> None:
    with pytest.raises(ReplyError, match="score") as info:
        parse_reply('{"score": "excellent", "notes": []}', Reply)
    assert info.value.reason == "schema_mismatch"
