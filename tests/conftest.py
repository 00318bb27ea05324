"""Shared fixtures: a database fixture parametrised over SQLite and PostgreSQL, each test rolled back."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.migrate import upgrade_to_head
from db.seed import load_bank, seed_bank
from db.throwaway import find_pg_bin, throwaway_postgres

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL: TEST_DATABASE_URL, or a throwaway cluster this run starts and stops."""
    if os.environ.get("TEST_DATABASE_URL"):
        yield os.environ["TEST_DATABASE_URL"]
        return
    if find_pg_bin() is None:
        reason = "PostgreSQL server binaries not found (apt-get install -y postgresql)"
        if IN_CI:
            pytest.fail(f"CI must run the PostgreSQL leg: {reason}")
        pytest.skip(reason)
    with throwaway_postgres() as url:
        yield url


def _migrated_engine(url: str) -> Engine:
    engine = make_engine(url)
    upgrade_to_head(engine)
    items, _ = load_bank()
    with engine.begin() as conn, Session(bind=conn) as db:
        seed_bank(db, items)
        db.flush()
    return engine


@pytest.fixture(scope="session")
def sqlite_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path: Path = tmp_path_factory.mktemp("sqlite") / "test.db"
    engine = _migrated_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def pg_engine(pg_url: str) -> Iterator[Engine]:
    engine = _migrated_engine(pg_url)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest) -> Engine:
    """A migrated database with the question bank loaded, on each backend."""
    name = "sqlite_engine" if request.param == "sqlite" else "pg_engine"
    return request.getfixturevalue(name)


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    """A Session inside a transaction that is rolled back after the test (savepoints for commits)."""
    with engine.connect() as conn:
        outer = conn.begin()
        session = Session(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False)
        try:
            yield session
        finally:
            session.close()
            outer.rollback()


@pytest.fixture
def bank(db: Session, request: pytest.FixtureRequest) -> Session:
    """``db`` with the shipped bank swapped for a small complete one (every type, category, difficulty).

    A test module may set ``BANK_PER_CELL`` for more questions in each cell.
    """
    from tests.fakes import add_standard_bank, clear_bank

    clear_bank(db)
    add_standard_bank(db, per_cell=getattr(request.module, "BANK_PER_CELL", 3))
    return db
