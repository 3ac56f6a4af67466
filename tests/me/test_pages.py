"""The student's own pages: dashboard, profile, settings, goals and achievements, over TestClient."""

import re

from netplus.core.database import DatabaseTarget, connect
from tests.web.pages import page_client, post_form, text_of


def test_the_dashboard_shows_every_part_for_a_new_student(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db, "student1@network.test") as client:
        page = client.get("/dashboard")
    text = text_of(page.text)
    assert page.status_code == 200
    for part in ("Exam readiness", "Today", "Streak", "Achievements", "Continue where you left off",
                 "Next recommended", "Progress by exam domain", "Score trend", "Activity, last 18 weeks",
                 "Active goals", "Recent attempts"):
        assert part in text, part
    assert "1.0 Networking Concepts" in text and "23% of the exam" in text  # domains with their weights
    assert page.text.count('class="chart ') >= 2  # the trend and the calendar


def test_the_dashboard_reflects_study_and_a_scored_attempt(fresh_seeded_db: DatabaseTarget) -> None:
    with connect(fresh_seeded_db) as conn:
        user_id = conn.execute("SELECT id FROM users WHERE username = 'student1'").fetchone()[0]  # type: ignore[index]
        assessment = conn.execute("SELECT id FROM assessments WHERE title = 'Quiz: Networking concepts'").fetchone()
        conn.execute("INSERT INTO learning_sessions (user_id, session_start, session_end, duration_minutes)"
                     " VALUES (%s, now() - interval '30 minutes', now(), 25)", (user_id,))
        conn.execute("SELECT update_learning_streak(%s, user_local_date(%s))", (user_id, user_id))
        conn.execute("""INSERT INTO assessment_attempts (user_id, assessment_id, attempt_number, status, started_at,
                        completed_at, score, max_score, percentage, passed, question_order)
                        VALUES (%s, %s, 1, 'completed', now() - interval '20 minutes', now(), 4, 5, 80, true,
                        '{}')""", (user_id, assessment[0]))  # type: ignore[index]
        conn.commit()
    with page_client(fresh_seeded_db, "student1@network.test") as client:
        text = text_of(client.get("/dashboard").text)
    assert re.search(r"Today 25 of (\d+) min", text)
    assert "1 day" in text and "Active today" in text
    assert "Quiz: Networking concepts" in text and "80%" in text and "Passed" in text
    assert "1 active days" in text


def test_profile_errors_stay_next_to_their_fields_and_nothing_is_saved(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db, "student1@network.test") as client:
        bad = post_form(client, "/profile", {"first_name": "Ada", "timezone": "Mars/Olympus", "locale": "en-US",
                                             "avatar_url": "ftp://x"})
        assert bad.status_code == 422
        assert re.search(r'id="timezone-error"', bad.text) and re.search(r'id="avatar_url-error"', bad.text)
        assert 'value="Ada"' in bad.text  # the input is kept
        assert 'value="Ada"' not in client.get("/profile").text  # and nothing was saved
        good = post_form(client, "/profile", {"first_name": "Ada", "timezone": "Europe/Lisbon", "locale": "pt-PT",
                                              "certifications": "CompTIA A+\nCCNA"})
        assert good.status_code == 303
        saved = client.get("/profile?saved=1").text
    assert 'value="Ada"' in saved and "Europe/Lisbon" in saved and "CCNA" in saved
    assert "Your profile is saved." in text_of(saved)


def test_settings_are_saved_and_applied_to_the_layout(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db, "student1@network.test") as client:
        bad = post_form(client, "/settings", {"theme": "dark", "font_size": "large", "daily_goal_minutes": "2"})
        assert bad.status_code == 422 and "Enter a number of minutes from 5 to 720." in text_of(bad.text)
        assert 'data-font-size="large"' not in client.get("/goals").text
        ok = post_form(client, "/settings", {"theme": "dark", "font_size": "x-large", "daily_goal_minutes": "45",
                                             "high_contrast": "true", "reminder_days": ["1", "3"],
                                             "reminder_time": "07:30", "study_reminders": "true"})
        assert ok.status_code == 303
        page = client.get("/goals").text
        settings = client.get("/settings").text
    assert 'data-theme="dark"' in page and 'data-font-size="x-large"' in page and 'data-contrast="high"' in page
    assert 'value="45"' in settings and 'value="07:30"' in settings


def test_changing_the_password_needs_the_current_one(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db, "student2@network.test") as client:
        wrong = post_form(client, "/settings/password", {"current_password": "nope-nope",
                                                         "new_password": "another long passphrase"})
        assert wrong.status_code == 422 and "This is not your current password." in text_of(wrong.text)
        right = post_form(client, "/settings/password", {"current_password": "password123",
                                                         "new_password": "another long passphrase"})
        assert right.status_code == 303
    with page_client(fresh_seeded_db) as client:
        assert post_form(client, "/login", {"identifier": "student2",
                                            "password": "another long passphrase"}).status_code == 303


def test_goals_are_created_edited_abandoned_and_deleted(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db, "student1@network.test") as client:
        missing = post_form(client, "/goals", {"title": "", "goal_type": "weekly", "metric": "minutes",
                                               "target_value": "120"})
        assert missing.status_code == 422 and 'id="title-error"' in missing.text
        assert post_form(client, "/goals", {"title": "Two hours a week", "goal_type": "weekly", "metric": "minutes",
                                            "target_value": "120"}).status_code == 303
        page = client.get("/goals").text
        goal_id = re.search(r'/goals/([0-9a-f-]{36})/edit', page)[1]  # type: ignore[index]
        assert post_form(client, f"/goals/{goal_id}/edit", {"title": "Three hours a week",
                                                            "target_value": "180"}).status_code == 303
        assert "Three hours a week" in client.get("/goals").text
        assert post_form(client, f"/goals/{goal_id}/abandon").status_code == 303
        assert "Abandoned" in text_of(client.get("/goals").text)
        assert post_form(client, f"/goals/{goal_id}/delete").status_code == 303
        assert "Three hours a week" not in client.get("/goals").text
        other = client.get("/goals/00000000-0000-0000-0000-000000000000/edit")
    assert other.status_code == 404 and "text/html" in other.headers["content-type"]


def test_achievements_list_earned_in_progress_and_locked(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db, "student1@network.test") as client:
        text = text_of(client.get("/achievements").text)
    assert "Achievements" in text and ("Not started yet" in text or "In progress" in text)
