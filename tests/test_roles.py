"""`netplus db roles`: the seed's roles, with passwords from the environment only.

Roles are cluster-wide, so these tests work on throwaway role names and never change the
app_user/readonly/admin roles a developer may have configured.
"""

import secrets
import uuid
from collections.abc import Iterator

import pytest
from psycopg import sql
from pydantic import SecretStr

from netplus.core.config import Settings
from netplus.core.database import DatabaseTarget, connect
from netplus.database.roles import RoleSpec, apply_roles, role_specs

ATTRIBUTES = "NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS"


@pytest.fixture
def role_name(fresh_db: DatabaseTarget) -> Iterator[str]:
    name = f"netplus_test_role_{uuid.uuid4().hex[:8]}"
    yield name
    with connect(fresh_db, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))


def test_passwords_come_from_the_environment_variables() -> None:
    settings = Settings(db_app_user_password=SecretStr("a" * 20), db_admin_password=SecretStr("b" * 20))
    specs = {s.name: s for s in role_specs(settings)}
    assert set(specs) == {"app_user", "readonly", "admin"}
    assert specs["app_user"].password == "a" * 20
    assert specs["readonly"].password is None
    assert specs["admin"].password == "b" * 20
    assert specs["admin"].attributes == "SUPERUSER"
    assert "NOBYPASSRLS" in specs["app_user"].attributes


def test_a_role_with_a_password_can_log_in_with_a_scram_verifier(fresh_db: DatabaseTarget, role_name: str) -> None:
    password = secrets.token_urlsafe(16)
    with connect(fresh_db, autocommit=True) as conn:
        assert [o.action for o in apply_roles(conn, [RoleSpec(role_name, ATTRIBUTES, password)])] == ["created"]
        assert [o.action for o in apply_roles(conn, [RoleSpec(role_name, ATTRIBUTES, password)])] == ["updated"]
        row = conn.execute("SELECT rolcanlogin, rolbypassrls, rolpassword FROM pg_authid WHERE rolname = %s",
                           (role_name,)).fetchone()
    assert row is not None
    assert row[0] is True
    assert row[1] is False
    assert str(row[2]).startswith("SCRAM-SHA-256$4096:")
    assert password not in str(row[2])
    login = DatabaseTarget(host=fresh_db.host, port=fresh_db.port, dbname=fresh_db.dbname, user=role_name,
                           password=password)
    with connect(login) as session:
        assert session.execute("SELECT current_user").fetchone() == (role_name,)


def test_without_a_password_a_role_exists_but_cannot_log_in(fresh_db: DatabaseTarget, role_name: str) -> None:
    with connect(fresh_db, autocommit=True) as conn:
        outcomes = apply_roles(conn, [RoleSpec(role_name, ATTRIBUTES, None)])
        assert [o.action for o in outcomes] == ["created without login"]
        assert conn.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", (role_name,)).fetchone() == (False,)
        again = apply_roles(conn, [RoleSpec(role_name, ATTRIBUTES, None)])
        assert [o.action for o in again] == ["unchanged (no password given)"]


def test_the_superuser_admin_is_only_created_with_a_password(fresh_db: DatabaseTarget) -> None:
    with connect(fresh_db, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'admin'").fetchone() is not None
        [outcome] = apply_roles(conn, [RoleSpec("admin", "SUPERUSER", None)])
        assert outcome.action == ("unchanged (no password given)" if exists else
                                  "skipped (set DB_ADMIN_PASSWORD to create it)")
        assert (conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'admin'").fetchone() is not None) == exists


@pytest.mark.parametrize("rounds", [9, 17])
def test_bcrypt_cost_is_bounded(rounds: int) -> None:
    with pytest.raises(ValueError, match="bcrypt_rounds"):
        Settings(bcrypt_rounds=rounds)
