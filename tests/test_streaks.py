"""update_learning_streak: the documented rules, freezes, history."""

from datetime import date, timedelta
from typing import Any

from tests.factories import Conn, make_user

DAY = date(2026, 3, 2)


def record(db: Conn, user_id: Any, day: date) -> None:
    db.execute("SELECT update_learning_streak(%s, %s)", (user_id, day))


def streak(db: Conn, user_id: Any) -> dict[str, Any]:
    cur = db.execute("SELECT current_streak, longest_streak, last_activity_date, total_active_days,"
                     " streak_frozen_days, streak_history FROM learning_streaks WHERE user_id = %s", (user_id,))
    row = cur.fetchone()
    assert row is not None and cur.description is not None
    return dict(zip([c.name for c in cur.description], row, strict=True))


def test_first_activity_starts_a_streak_of_one(db: Conn) -> None:
    user = make_user(db)
    record(db, user, DAY)
    s = streak(db, user)
    assert (s["current_streak"], s["longest_streak"], s["total_active_days"]) == (1, 1, 1)
    assert s["last_activity_date"] == DAY
    assert s["streak_history"] == [{"date": "2026-03-02", "streak": 1, "event": "start"}]


def test_same_day_changes_nothing(db: Conn) -> None:
    user = make_user(db)
    record(db, user, DAY)
    before = streak(db, user)
    record(db, user, DAY)
    assert streak(db, user) == before


def test_consecutive_days_increment(db: Conn) -> None:
    user = make_user(db)
    for offset in range(5):
        record(db, user, DAY + timedelta(days=offset))
    s = streak(db, user)
    assert (s["current_streak"], s["longest_streak"], s["total_active_days"]) == (5, 5, 5)
    assert [e["streak"] for e in s["streak_history"]] == [1, 2, 3, 4, 5]


def test_gap_resets_to_one_and_keeps_longest(db: Conn) -> None:
    user = make_user(db)
    for offset in range(3):
        record(db, user, DAY + timedelta(days=offset))
    record(db, user, DAY + timedelta(days=5))
    s = streak(db, user)
    assert (s["current_streak"], s["longest_streak"], s["total_active_days"]) == (1, 3, 4)
    assert s["streak_history"][-1] == {"date": "2026-03-07", "streak": 1, "event": "reset", "previous_streak": 3}


def test_gap_bridged_by_freezes(db: Conn) -> None:
    user = make_user(db)
    record(db, user, DAY)
    record(db, user, DAY + timedelta(days=1))
    db.execute("UPDATE learning_streaks SET streak_frozen_days = 3 WHERE user_id = %s", (user,))
    record(db, user, DAY + timedelta(days=4))  # two missed days
    s = streak(db, user)
    assert (s["current_streak"], s["streak_frozen_days"], s["total_active_days"]) == (3, 1, 3)
    assert s["streak_history"][-1] == {"date": "2026-03-06", "streak": 3, "event": "freeze", "freezes_used": 2}


def test_gap_longer_than_freezes_resets_and_keeps_freezes(db: Conn) -> None:
    user = make_user(db)
    record(db, user, DAY)
    db.execute("UPDATE learning_streaks SET streak_frozen_days = 1 WHERE user_id = %s", (user,))
    record(db, user, DAY + timedelta(days=3))  # two missed days, one freeze
    s = streak(db, user)
    assert (s["current_streak"], s["streak_frozen_days"]) == (1, 1)


def test_an_earlier_date_changes_nothing(db: Conn) -> None:
    user = make_user(db)
    record(db, user, DAY)
    before = streak(db, user)
    record(db, user, DAY - timedelta(days=3))
    assert streak(db, user) == before


def test_history_keeps_the_last_730_days(db: Conn) -> None:
    user = make_user(db)
    db.execute("SELECT update_learning_streak(%s, d::date) FROM generate_series(%s::date, %s::date, '1 day') d",
               (user, DAY, DAY + timedelta(days=739)))
    s = streak(db, user)
    assert len(s["streak_history"]) == 730
    assert s["streak_history"][-1]["date"] == str(DAY + timedelta(days=739))
    assert s["current_streak"] == s["longest_streak"] == s["total_active_days"] == 740


def test_default_date_is_today(db: Conn) -> None:
    user = make_user(db)
    db.execute("SELECT update_learning_streak(%s)", (user,))
    assert streak(db, user)["last_activity_date"] == db.execute("SELECT current_date").fetchone()[0]  # type: ignore[index]
