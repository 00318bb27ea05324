"""Settings resolution and engine URL handling."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.settings import SETTINGS, load_settings
from db.engine import default_database_url, make_engine, normalize_url

ROOT = Path(__file__).resolve().parent.parent


def test_precedence_explicit_then_secrets_then_env() -> None:
    env = {"OPENAI_MODEL": "env-model", "AI_CALLS_PER_HOUR": "5", "DATABASE_URL": "sqlite:///env.db"}
    secrets = {"OPENAI_MODEL": "secret-model"}
    s = load_settings({"openai_model": "explicit"}, secrets, env)
    assert s.openai_model == "explicit"
    assert load_settings(None, secrets, env).openai_model == "secret-model"
    s = load_settings(None, None, env)
    assert s.openai_model == "env-model" and s.ai_calls_per_hour == 5 and s.database_url == "sqlite:///env.db"
    assert not s.ai_enabled
    assert load_settings(None, {"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}, env).ai_enabled


def test_defaults_use_a_sqlite_file_in_the_data_dir(tmp_path: Path) -> None:
    s = load_settings(None, None, {"JOBCIRCLE_DATA_DIR": str(tmp_path)})
    assert s.database_url == f"sqlite:///{tmp_path / 'interviews.db'}"
    assert s.data_dir == tmp_path and s.seed_on_start is True


def test_bad_value_names_the_setting() -> None:
    with pytest.raises(ValueError, match="AI_CALLS_PER_HOUR has an invalid value 'lots'"):
        load_settings(None, None, {"AI_CALLS_PER_HOUR": "lots"})


def test_prices_parse_from_json() -> None:
    s = load_settings(None, None, {"AI_PRICES": '{"gpt-4o-mini": [0.15, 0.6]}'})
    assert s.ai_prices == {"gpt-4o-mini": (0.15, 0.6)}


def test_postgres_urls_use_psycopg3() -> None:
    assert normalize_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("sqlite:///x.db") == "sqlite:///x.db"


def test_sqlite_engine_has_foreign_keys_and_wal(tmp_path: Path) -> None:
    engine = make_engine(default_database_url(tmp_path / "new-dir"))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()
    assert (tmp_path / "new-dir" / "interviews.db").exists()


def test_every_setting_is_documented_in_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [s.env for s in SETTINGS if f"`{s.env}`" not in readme]
    assert not missing, f"README configuration table lacks {missing}"
