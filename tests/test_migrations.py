"""Migrations: upgrade head on an empty database matches the models; downgrade base removes everything."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from db.engine import make_engine
from db.migrate import downgrade_to_base, include_object, upgrade_to_head
from db.models import Base


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{Path(tempfile.mkdtemp()) / 'empty.db'}"
    url: str = request.getfixturevalue("pg_url")
    engine = make_engine(url)
    with engine.begin() as conn:  # a fresh schema, independent of the shared test database
        conn.execute(text("DROP SCHEMA IF EXISTS migration_check CASCADE"))
        conn.execute(text("CREATE SCHEMA migration_check"))
    engine.dispose()
    return url + "?options=-csearch_path%3Dmigration_check"


def test_upgrade_head_matches_models_and_downgrade_base_empties(empty_url: str) -> None:
    engine = make_engine(empty_url)
    upgrade_to_head(engine)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": include_object})
        assert compare_metadata(ctx, Base.metadata) == []
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables

    downgrade_to_base(engine)
    left = set(inspect(engine).get_table_names()) - {"alembic_version"}
    assert left == set()

    upgrade_to_head(engine)  # and back up again cleanly
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
    engine.dispose()
