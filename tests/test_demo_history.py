"""The demo student's six weeks of history: written once, through the streak function."""

from netplus.demo.history import COMPLETED, seed_demo_history
from tests.conftest import Conn


def test_the_demo_history_gives_a_live_streak_and_progress_and_is_written_once(seeded: Conn) -> None:
    days = seed_demo_history(seeded)
    assert 30 <= days <= 42
    assert seed_demo_history(seeded) == 0
    streak = seeded.execute(
        "SELECT s.current_streak, s.total_active_days, s.last_activity_date = user_local_date(u.id) - 1"
        " FROM learning_streaks s JOIN users u ON u.id = s.user_id WHERE u.username = 'student1'").fetchone()
    assert streak is not None
    current, total, yesterday = streak
    assert isinstance(current, int)
    assert current >= 8 and total == days and yesterday  # today is still open: the streak waits for it
    statuses = {row[0]: row[1] for row in seeded.execute(
        "SELECT p.status, count(*) FROM user_progress p JOIN users u ON u.id = p.user_id"
        " WHERE u.username = 'student1' GROUP BY 1").fetchall()}
    assert statuses == {"completed": COMPLETED, "in_progress": 1}
    assert seed_demo_history(seeded, "nobody") == 0
