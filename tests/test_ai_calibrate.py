"""``python -m core.calibrate FILE --scorer llm`` against the configured (local) endpoint."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from core import calibrate
from core.scoring.base import DIMENSIONS
from tests.ai_server import AIServer, Behaviour

DEV_A = Path(__file__).resolve().parent.parent / "assets" / "calibration" / "dev_a.jsonl"


def _by_length(body: dict[str, Any]) -> str:
    """A stand-in model: longer answers score higher."""
    prompt = body["messages"][1]["content"]
    answer = prompt.split("<candidate_answer>\n", 1)[1].split("\n</candidate_answer>", 1)[0]
    value = min(95, 20 + len(answer.split()) // 3)
    dims = {name: {"score": value, "notes": ""} for name in DIMENSIONS}
    return json.dumps({"score": value, "breakdown": {"dimensions": dims, "criteria": []}, "feedback": "ok"})


def test_the_llm_scorer_calibrates_against_the_configured_endpoint(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with AIServer() as server:
        server.default = Behaviour(respond=_by_length)
        server.moderation_status = 404
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_MODEL", "calibration-model")
        monkeypatch.setenv("AI_CONCURRENCY", "8")
        assert calibrate.main([str(DEV_A), "--scorer", "llm", "--json"]) == 0
        answers = [
            json.loads(line)["answer"] for line in DEV_A.read_text(encoding="utf-8").splitlines() if line
        ]
        assert len(server.chat_requests) == sum(1 for a in answers if a.strip())  # empty answers are not sent
    report = json.loads(capsys.readouterr().out)
    assert report["scorer"] == "llm" and report["overall"]["n"] == len(report["items"])


def test_without_an_endpoint_the_llm_scorer_says_what_to_set(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    assert calibrate.main([str(DEV_A), "--scorer", "llm"]) == 2
    assert "OPENAI_BASE_URL" in capsys.readouterr().err
