"""Alembic migrations. Each revision runs the SQL files beside it (versions/sql/)."""
