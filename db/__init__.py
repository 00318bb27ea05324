"""Database layer: models, engine, migrations and seeding."""
