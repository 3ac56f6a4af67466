"""Row-level security as the application role: each user sees and changes only their own rows;
staff read through explicit policies; readonly reads and cannot write."""

import uuid
from typing import Any

import psycopg
import pytest

from tests.factories import (
    Conn,
    make_assessment,
    make_attempt,
    make_component,
    make_goal,
    make_progress,
    make_question,
    make_user,
)

PER_USER_TABLES = ["user_profiles", "user_settings", "user_progress", "learning_sessions", "assessment_attempts",
                   "learning_streaks", "study_goals", "user_achievements", "user_activity_logs", "assessment_answers"]


def act_as(db: Conn, user_id: Any, role: str = "app_user") -> None:
    db.execute(psycopg.sql.SQL("SET LOCAL ROLE {}").format(psycopg.sql.Identifier(role)))
    db.execute("SELECT set_config('app.user_id', %s, true)", (str(user_id) if user_id else "",))


def populate(db: Conn) -> tuple[uuid.UUID, uuid.UUID]:
    """Two students, each with a row in every per-user table."""
    users = []
    component = make_component(db)
    question = make_question(db)
    quiz = make_assessment(db, [question])
    db.execute("INSERT INTO achievements (code, name, description, achievement_type, criteria)"
               " VALUES ('rls', 'n', 'd', 'badge', '{\"type\": \"special\"}')")
    for _ in range(2):
        user = make_user(db)
        db.execute("INSERT INTO user_profiles (user_id) VALUES (%s)", (user,))
        db.execute("INSERT INTO user_settings (user_id) VALUES (%s)", (user,))
        make_progress(db, user, component)
        db.execute("INSERT INTO learning_sessions (user_id) VALUES (%s)", (user,))
        attempt = make_attempt(db, user, quiz)
        db.execute("INSERT INTO assessment_answers (attempt_id, question_id) VALUES (%s, %s)", (attempt, question))
        db.execute("SELECT update_learning_streak(%s)", (user,))
        make_goal(db, user)
        db.execute("SELECT check_and_award_achievement(%s, 'rls')", (user,))
        db.execute("INSERT INTO user_activity_logs (user_id, activity_type) VALUES (%s, 'login')", (user,))
        users.append(user)
    return users[0], users[1]


def visible_owners(db: Conn, table: str) -> set[Any]:
    if table == "assessment_answers":
        query = "SELECT a.user_id FROM assessment_answers x JOIN assessment_attempts a ON a.id = x.attempt_id"
        return {r[0] for r in db.execute(query).fetchall()}
    return {r[0] for r in db.execute(psycopg.sql.SQL("SELECT user_id FROM {}").format(
        psycopg.sql.Identifier(table))).fetchall()}


def count(db: Conn, table: str) -> int:
    row = db.execute(psycopg.sql.SQL("SELECT count(*) FROM {}").format(psycopg.sql.Identifier(table))).fetchone()
    assert row is not None
    return int(str(row[0]))


def test_a_student_sees_only_their_own_rows(db: Conn) -> None:
    alice, _bob = populate(db)
    act_as(db, alice)
    for table in PER_USER_TABLES:
        if table == "assessment_answers":
            assert count(db, table) == 1
            continue
        assert visible_owners(db, table) == {alice}, table


def test_without_a_user_nothing_is_visible(db: Conn) -> None:
    populate(db)
    act_as(db, None)
    for table in PER_USER_TABLES:
        assert count(db, table) == 0, table


def test_a_student_cannot_write_another_users_rows(db: Conn) -> None:
    alice, bob = populate(db)
    act_as(db, alice)
    assert db.execute("UPDATE study_goals SET title = 'hacked' WHERE user_id = %s", (bob,)).rowcount == 0
    assert db.execute("DELETE FROM user_progress WHERE user_id = %s", (bob,)).rowcount == 0
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.transaction():
        make_goal(db, bob)
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.transaction():
        db.execute("UPDATE study_goals SET user_id = %s WHERE user_id = %s", (bob, alice))


def test_a_student_cannot_answer_into_another_users_attempt(db: Conn) -> None:
    alice, bob = populate(db)
    bobs_attempt = db.execute("SELECT id FROM assessment_attempts WHERE user_id = %s", (bob,)).fetchone()
    question = make_question(db)
    act_as(db, alice)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        db.execute("INSERT INTO assessment_answers (attempt_id, question_id) VALUES (%s, %s)",
                   (bobs_attempt[0] if bobs_attempt else None, question))


def test_the_activity_log_is_append_only_for_the_application(db: Conn) -> None:
    alice, _ = populate(db)
    act_as(db, alice)
    db.execute("INSERT INTO user_activity_logs (user_id, activity_type) VALUES (%s, 'lesson.view')", (alice,))
    db.execute("INSERT INTO user_activity_logs (user_id, activity_type) VALUES (NULL, 'login.failed')")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        db.execute("DELETE FROM user_activity_logs")


def test_instructors_read_everyone_but_write_only_their_own(db: Conn) -> None:
    alice, bob = populate(db)
    teacher = make_user(db, role="instructor")
    act_as(db, teacher)
    assert visible_owners(db, "user_progress") == {alice, bob}
    assert visible_owners(db, "assessment_attempts") == {alice, bob}
    assert count(db, "assessment_answers") == 2
    assert visible_owners(db, "user_activity_logs") == set()  # the audit trail is for admins
    assert db.execute("UPDATE user_progress SET progress_percentage = 1").rowcount == 0


def test_admins_read_and_write_everyone(db: Conn) -> None:
    alice, bob = populate(db)
    admin = make_user(db, role="admin")
    act_as(db, admin)
    assert visible_owners(db, "user_activity_logs") == {alice, bob}
    assert db.execute("UPDATE study_goals SET status = 'abandoned'").rowcount == 2


def test_a_suspended_admin_has_no_staff_rights(db: Conn) -> None:
    populate(db)
    admin = make_user(db, role="admin", account_status="suspended")
    act_as(db, admin)
    assert count(db, "user_progress") == 0


def test_views_apply_the_callers_policies(db: Conn) -> None:
    if int(str(db.execute("SHOW server_version_num").fetchone()[0])) < 150000:  # type: ignore[index]
        pytest.skip("security_invoker views need PostgreSQL 15")
    alice, _bob = populate(db)
    act_as(db, alice)
    rows = db.execute("SELECT user_id FROM v_user_assessment_history").fetchall()
    assert rows == [(alice,)]


def test_readonly_reads_everything_and_cannot_write(db: Conn) -> None:
    alice, _ = populate(db)
    act_as(db, None, role="readonly")
    assert count(db, "user_progress") == 2
    assert count(db, "users") == 2
    for statement in ("INSERT INTO study_goals (user_id, goal_type, metric, title, target_value)"
                      " VALUES (%s, 'daily', 'minutes', 't', 1)",
                      "UPDATE users SET role = 'admin' WHERE id = %s",
                      "DELETE FROM user_progress WHERE user_id = %s"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege), db.transaction():
            db.execute(statement, (alice,))


def test_the_application_role_owns_nothing_and_cannot_bypass_rls(db: Conn) -> None:
    row = db.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'app_user'").fetchone()
    assert row == (False, False)
    owned = db.execute("SELECT count(*) FROM pg_class WHERE relowner = 'app_user'::regrole").fetchone()
    assert owned == (0,)
    forced = db.execute("SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace"
                        " AND relkind = 'r' AND relrowsecurity ORDER BY 1").fetchall()
    assert {r[0] for r in forced} == set(PER_USER_TABLES)


def test_the_user_id_does_not_leak_past_the_transaction(work_db: Any) -> None:
    from netplus.core.database import connect

    with connect(work_db) as conn:
        with conn.transaction():
            conn.execute("SELECT set_config('app.user_id', %s, true)", (str(uuid.uuid4()),))
        assert conn.execute("SELECT app_current_user_id()").fetchone() == (None,)
