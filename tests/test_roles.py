"""`netplus db roles`: the seed's roles, with passwords from the environment only."""

import secrets

import pytest
from pydantic import SecretStr

from netplus.core.config import Settings
from netplus.core.database import DatabaseTarget, connect
from netplus.database.roles import apply_roles, role_specs


def test_roles_get_login_and_a_scram_password_from_the_environment(fresh_db: DatabaseTarget) -> None:
    password = secrets.token_urlsafe(16)
    settings = Settings(db_app_user_password=SecretStr(password), db_readonly_password=SecretStr(password))
    with connect(fresh_db, autocommit=True) as conn:
        outcomes = {o.name: o.action for o in apply_roles(conn, role_specs(settings))}
        assert outcomes["app_user"] in ("created", "updated")
        assert outcomes["admin"].startswith("skipped") or outcomes["admin"].startswith("unchanged")
        row = conn.execute("SELECT rolcanlogin, rolpassword FROM pg_authid WHERE rolname = 'app_user'").fetchone()
        assert row is not None and row[0] is True
        assert str(row[1]).startswith("SCRAM-SHA-256$4096:")
        assert password not in str(row[1])
        # leave the cluster as the migrations left it: roles that cannot log in
        conn.execute("ALTER ROLE app_user NOLOGIN PASSWORD NULL")
        conn.execute("ALTER ROLE readonly NOLOGIN PASSWORD NULL")


def test_the_app_role_can_log_in_with_its_password(fresh_db: DatabaseTarget) -> None:
    password = secrets.token_urlsafe(16)
    settings = Settings(db_app_user_password=SecretStr(password))
    with connect(fresh_db, autocommit=True) as conn:
        apply_roles(conn, role_specs(settings)[:1])
    try:
        login = DatabaseTarget(host=fresh_db.host, port=fresh_db.port, dbname=fresh_db.dbname, user="app_user",
                               password=password)
        with connect(login) as app:
            assert app.execute("SELECT current_user").fetchone() == ("app_user",)
            assert app.execute("SELECT count(*) FROM user_progress").fetchone() == (0,)
    finally:
        with connect(fresh_db, autocommit=True) as conn:
            conn.execute("ALTER ROLE app_user NOLOGIN PASSWORD NULL")


def test_without_passwords_nothing_can_log_in(fresh_db: DatabaseTarget) -> None:
    with connect(fresh_db, autocommit=True) as conn:
        outcomes = apply_roles(conn, role_specs(Settings()))
        assert all(o.action.startswith(("unchanged", "skipped", "created without login")) for o in outcomes)
        assert conn.execute("SELECT bool_or(rolcanlogin) FROM pg_roles WHERE rolname IN ('app_user', 'readonly')"
                            ).fetchone() == (False,)


@pytest.mark.parametrize("rounds", [9, 17])
def test_bcrypt_cost_is_bounded(rounds: int) -> None:
    with pytest.raises(ValueError, match="bcrypt_rounds"):
        Settings(bcrypt_rounds=rounds)
