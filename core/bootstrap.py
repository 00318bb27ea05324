"""Start-up: migrate the database to head and seed an empty question bank."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from core.settings import Settings
from db.engine import make_engine, make_sessionmaker, unit_of_work
from db.migrate import upgrade_to_head
from db.seed import bank_is_empty, load_bank, seed_bank

__all__ = ["Database", "init_database", "unit_of_work"]

_LOCK_ID = 4_242_017  # PostgreSQL advisory lock: one app process migrates at a time


@dataclass(frozen=True)
class Database:
    engine: Engine
    sessionmaker: sessionmaker[Session]
    seeded: int  # questions loaded at this start (0 when the bank was already there)


@contextmanager
def _startup_lock(engine: Engine) -> Iterator[None]:
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _LOCK_ID})
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _LOCK_ID})
            conn.commit()


def init_database(settings: Settings) -> Database:
    """Open the configured database, upgrade it to head and seed the bank when it is empty.

    Safe when several app processes start at once on one PostgreSQL (an advisory lock serialises it).
    """
    engine = make_engine(settings.database_url)
    factory = make_sessionmaker(engine)
    seeded = 0
    with _startup_lock(engine):
        upgrade_to_head(engine)
        if settings.seed_on_start:
            with factory.begin() as db:
                if bank_is_empty(db):
                    items, _ = load_bank()
                    seeded = seed_bank(db, items).inserted
    return Database(engine, factory, seeded)
