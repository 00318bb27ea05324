"""Engine and sessionmaker from one database URL; SQLite by default, PostgreSQL when configured."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

APP_DIR_NAME = "jobcircle-mock-interview"


def default_data_dir() -> Path:
    """The per-user data directory (XDG on Linux, Application Support on macOS, AppData on Windows)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / APP_DIR_NAME


def default_database_url(data_dir: Path | None = None) -> str:
    """A SQLite file in the data directory, which is created if missing."""
    directory = data_dir or default_data_dir()
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{directory / 'interviews.db'}"


def normalize_url(url: str) -> str:
    """Rewrite ``postgres://`` and ``postgresql://`` to the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine; SQLite gets foreign keys, WAL, a busy timeout and real transactions."""
    url = normalize_url(url)
    sa_url = make_url(url)
    if sa_url.get_backend_name() == "sqlite":
        connect_args = kwargs.pop("connect_args", {})
        connect_args.setdefault("timeout", 15)
        connect_args.setdefault("check_same_thread", False)
        engine = create_engine(url, connect_args=connect_args, **kwargs)
        _configure_sqlite(engine, in_memory=sa_url.database in (None, "", ":memory:"))
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def _configure_sqlite(engine: Engine, *, in_memory: bool) -> None:
    # NOTE: pysqlite's own transaction handling breaks SAVEPOINT and transactional DDL; the
    # SQLAlchemy docs' recipe turns it off and emits BEGIN ourselves.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """A sessionmaker whose objects stay readable after commit (pages get plain values anyway)."""
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One session around one user action: committed on success, rolled back on error.

    Unlike ``factory.begin()``, the work inside may commit early: an answer is committed before it is
    scored, so a slow AI call holds no database lock and a crash while scoring loses nothing.
    """
    with factory() as db:
        try:
            yield db
            db.commit()
        except BaseException:
            db.rollback()
            raise
