"""Alembic environment: one transaction for the whole run, under an advisory lock and a lock timeout.

The advisory lock makes concurrent `migrate up` calls (two deploys, two test workers) queue instead
of racing; the lock timeout makes a migration that waits on a busy table fail fast rather than
block every query queued behind it.
"""

from alembic import context
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from netplus.core.database import DatabaseTarget, connect
from netplus.database.migrations.env_settings import LOCK_TIMEOUT, MIGRATION_LOCK_KEY

config = context.config
target: DatabaseTarget = config.attributes["target"]

if context.is_offline_mode():
    raise SystemExit("offline (--sql) mode is not supported: the revisions read SQL files and run them")

engine = create_engine(target.sqlalchemy_url, creator=lambda: connect(target), poolclass=NullPool)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=None, transaction_per_migration=False)
    with context.begin_transaction():
        connection.execute(text("SELECT set_config('lock_timeout', :t, true)"), {"t": LOCK_TIMEOUT})
        connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
        context.run_migrations()
