"""Typed settings: explicit values, then ``.streamlit/secrets.toml``, then environment variables."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from db.engine import default_database_url


@dataclass(frozen=True)
class Setting:
    """One documented setting: its attribute, environment variable / secrets key, default, meaning."""

    name: str
    env: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "database_url", "DATABASE_URL", None, "SQLAlchemy URL; default a SQLite file in the data directory"
    ),
    Setting(
        "data_dir",
        "JOBCIRCLE_DATA_DIR",
        None,
        "Where the default SQLite file lives (default: per-user data dir)",
    ),
    Setting(
        "seed_on_start",
        "JOBCIRCLE_SEED_ON_START",
        True,
        "Load the question bank into an empty database at start-up",
    ),
    Setting(
        "openai_api_key",
        "OPENAI_API_KEY",
        None,
        "API key of an OpenAI-compatible server; unset = offline engine",
    ),
    Setting(
        "openai_base_url", "OPENAI_BASE_URL", None, "Base URL, e.g. http://localhost:11434/v1 for Ollama"
    ),
    Setting(
        "openai_model", "OPENAI_MODEL", "gpt-4o-mini", "Chat model used for scoring and question generation"
    ),
    Setting("ai_timeout_s", "OPENAI_TIMEOUT", 30.0, "Seconds before one AI call is abandoned"),
    Setting(
        "ai_max_retries", "OPENAI_MAX_RETRIES", 2, "Retries of a transient AI failure (429, 5xx, timeout)"
    ),
    Setting(
        "ai_concurrency", "AI_CONCURRENCY", 10, "AI calls in flight at once when scoring a whole session"
    ),
    Setting("ai_prices", "AI_PRICES", None, 'USD per 1M tokens, JSON: {"model": [input, output]}'),
    Setting("ai_daily_budget_usd", "AI_DAILY_BUDGET_USD", 1.0, "Estimated AI spend allowed per user per day"),
    Setting("ai_calls_per_hour", "AI_CALLS_PER_HOUR", 60, "AI calls allowed per user per hour"),
    Setting(
        "ai_score_blend", "AI_SCORE_BLEND", 0.7, "Weight of the LLM score against the offline score (0-1)"
    ),
    Setting("share_link_days", "SHARE_LINK_DAYS", 7, "Days before a shared results link expires"),
)


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    seed_on_start: bool = True
    openai_api_key: str | None = None
    openai_base_url: str | None = None
    openai_model: str = "gpt-4o-mini"
    ai_timeout_s: float = 30.0
    ai_max_retries: int = 2
    ai_concurrency: int = 10
    ai_prices: dict[str, tuple[float, float]] = field(default_factory=dict)
    ai_daily_budget_usd: float = 1.0
    ai_calls_per_hour: int = 60
    ai_score_blend: float = 0.7
    share_link_days: int = 7

    @property
    def ai_enabled(self) -> bool:
        """True when an OpenAI-compatible endpoint is configured (a key or a base URL)."""
        return bool(self.openai_api_key or self.openai_base_url)


def _coerce(name: str, raw: Any) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    if raw is None or raw == "":
        return None
    if kind in ("bool",):
        return raw if isinstance(raw, bool) else str(raw).strip().lower() in ("1", "true", "yes", "on")
    if kind == "int":
        return int(raw)
    if kind == "float":
        return float(raw)
    if name == "ai_prices":
        data = json.loads(raw) if isinstance(raw, str) else dict(raw)
        return {str(k): (float(v[0]), float(v[1])) for k, v in data.items()}
    return str(raw)


def load_settings(
    explicit: Mapping[str, Any] | None = None,
    secrets: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Resolve every setting: explicit value, then secrets key, then environment variable, then default.

    Raises ``ValueError`` naming the setting when a value cannot be read as its type.
    """
    explicit = explicit or {}
    secrets = secrets or {}
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        for source in (explicit.get(setting.name), secrets.get(setting.env), environ.get(setting.env)):
            if source is not None and source != "":
                try:
                    values[setting.name] = _coerce(setting.name, source)
                except (TypeError, ValueError, IndexError) as exc:
                    raise ValueError(f"setting {setting.env} has an invalid value {source!r}: {exc}") from exc
                break
        else:
            values[setting.name] = setting.default
    data_dir = Path(values["data_dir"]) if values["data_dir"] else None
    database_url = values["database_url"] or default_database_url(data_dir)
    from db.engine import default_data_dir

    values["data_dir"] = data_dir or default_data_dir()
    values["database_url"] = database_url
    values["ai_prices"] = values["ai_prices"] or {}
    return Settings(**values)
