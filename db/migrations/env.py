"""Alembic environment: the engine comes from db.migrate (or DATABASE_URL / the default file)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from db.migrate import include_object
from db.models import Base

config = context.config
target_metadata = Base.metadata


def _engine() -> Engine:
    engine = config.attributes.get("engine")
    if engine is not None:
        return engine
    from core.settings import load_settings
    from db.engine import make_engine

    return make_engine(load_settings().database_url)


def run_migrations_online() -> None:
    engine = _engine()
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            compare_type=True,
            render_as_batch=connection.dialect.name == "sqlite",
            include_object=include_object,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
