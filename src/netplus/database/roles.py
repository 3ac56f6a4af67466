"""The seed's database roles (app_user, readonly, admin), with passwords from the environment.

Passwords are sent to the server as SCRAM-SHA-256 verifiers computed by libpq on this side, so the
plain text never appears in a statement the server could log.
"""

from dataclasses import dataclass
from typing import LiteralString

from psycopg import Connection, sql
from pydantic import SecretStr

from netplus.core.config import Settings


def password_verifier(conn: Connection[tuple[object, ...]], role: str, password: str) -> str:
    """libpq's SCRAM-SHA-256 verifier for `password`, as psql's \\password computes it."""
    return conn.pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256").decode()


@dataclass(frozen=True)
class RoleSpec:
    name: str
    attributes: LiteralString
    password: str | None


@dataclass(frozen=True)
class RoleOutcome:
    name: str
    action: str  # "created", "updated", "created without login", "unchanged", "skipped"


def role_specs(settings: Settings) -> list[RoleSpec]:
    def secret(value: SecretStr | None) -> str | None:
        return value.get_secret_value() if value is not None else None

    return [
        RoleSpec("app_user", "NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS", secret(settings.db_app_user_password)),
        RoleSpec("readonly", "NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS", secret(settings.db_readonly_password)),
        RoleSpec("admin", "SUPERUSER", secret(settings.db_admin_password)),
    ]


def role_exists(conn: Connection[tuple[object, ...]], name: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone() is not None


def apply_roles(conn: Connection[tuple[object, ...]], specs: list[RoleSpec]) -> list[RoleOutcome]:
    """Create or update each role. A role without a password exists but cannot log in (the
    application may still SET ROLE to it); the superuser `admin` is only created with a password."""
    outcomes = []
    for spec in specs:
        exists = role_exists(conn, spec.name)
        attributes = sql.SQL(spec.attributes)
        name = sql.Identifier(spec.name)
        if spec.password is None:
            if exists:
                outcomes.append(RoleOutcome(spec.name, "unchanged (no password given)"))
            elif spec.name == "admin":
                outcomes.append(RoleOutcome(spec.name, "skipped (set DB_ADMIN_PASSWORD to create it)"))
            else:
                conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN {}").format(name, attributes))
                outcomes.append(RoleOutcome(spec.name, "created without login"))
            continue
        verifier = sql.Literal(password_verifier(conn, spec.name, spec.password))
        statement = sql.SQL("ALTER ROLE {} WITH LOGIN {} PASSWORD {}" if exists
                            else "CREATE ROLE {} WITH LOGIN {} PASSWORD {}")
        conn.execute(statement.format(name, attributes, verifier))
        outcomes.append(RoleOutcome(spec.name, "updated" if exists else "created"))
    return outcomes


def ensure_roles_exist(conn: Connection[tuple[object, ...]]) -> None:
    """The roles that grants name must exist before a schema or a dump is applied."""
    apply_roles(conn, [RoleSpec(n, "NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS", None)
                       for n in ("app_user", "readonly")])
