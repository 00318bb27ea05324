"""docs/ai.md covers every provider kind, every AI setting and every fallback reason (sqlite-utils style)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.ai.reasons import REASONS
from core.settings import SETTINGS

DOC = (Path(__file__).resolve().parent.parent / "docs" / "ai.md").read_text(encoding="utf-8")
AI_SETTINGS = [s.env for s in SETTINGS if s.env.startswith(("OPENAI_", "AI_"))]


@pytest.mark.parametrize("kind", ["OpenAI", "Azure OpenAI", "vLLM", "Ollama", "llama.cpp server"])
def test_every_provider_kind_has_a_setup_section(kind: str) -> None:
    assert f"### {kind}\n" in DOC


@pytest.mark.parametrize("env", AI_SETTINGS)
def test_every_ai_setting_is_documented(env: str) -> None:
    assert f"`{env}`" in DOC


@pytest.mark.parametrize("reason", sorted(REASONS))
def test_every_fallback_reason_is_documented(reason: str) -> None:
    assert f"`{reason}`" in DOC


def test_calibration_with_the_llm_scorer_is_documented() -> None:
    assert "python -m core.calibrate" in DOC and "--scorer llm" in DOC
