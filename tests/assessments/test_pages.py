"""The assessment pages, server side: the exams list, intro, runner, review, submit, result and drills."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest

from netplus.assessments.presenting import unwrapped
from netplus.core.database import DatabaseTarget
from tests.assessments.helpers import make_quiz, question_id, row
from tests.assessments.pages_helpers import (
    EVERY_TYPE,
    OTHER_STUDENT,
    RIGHT_FORMS,
    STUDENT,
    every_type_quiz,
    expire,
    save,
    saved,
    start,
    status_of,
)
from tests.web.pages import htmx, page_client, post_form, text_of

RIGHT_ANSWERS: dict[str, Any] = {
    "demo-q01": "b", "demo-q08": ["a", "c", "e"], "demo-q05": True, "demo-q04": ["/12"],
    "demo-q03": {"l1": "r1", "l2": "r2", "l3": "r4", "l4": "r5", "l5": "r6"},
    "demo-q06": {"hq_subnet": ["172.16.40.0/25"], "branch_subnet": ["172.16.40.128/26"],
                 "branch_broadcast": ["172.16.40.191"], "wan_mask": "m3"},
    "demo-q14": {"steps": ["identify", "theory", "test", "plan", "implement", "verify", "document"],
                 "not_confirmed": "o2", "changes_step": "c1"},
}


def main_text(html: str) -> str:
    return text_of(html[html.index("<main"):html.index("</main>")])


def test_the_exams_page_groups_assessments_and_offers_start_resume_and_drills(
        fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q01"], title="Zeta practice exam", assessment_type="practice_exam",
                     time_limit_minutes=30, max_attempts=2, passing_score=75)
    with page_client(fresh_seeded_db, STUDENT) as client:
        before = client.get("/exams")
        attempt = start(client, quiz)
        after = client.get("/exams")
    assert before.status_code == 200
    text = main_text(before.text)
    for heading in ("Practice exams", "Quizzes", "Objective checkpoints", "Final exams", "Drills"):
        assert heading in text
    card = text[text.index("Zeta practice exam"):]
    assert card.startswith("Zeta practice exam Questions 1 Time limit 30 min Pass mark 75% Your best Not taken yet "
                           "Attempts 0 of 2 Start")
    assert f'href="/exams/{quiz}"' in before.text
    assert "Ports and protocols drill" in text and 'action="/drills/' in before.text
    assert "Pick up where you left off" not in text
    assert "Pick up where you left off" in main_text(after.text)
    assert f'href="/attempts/{attempt}"' in after.text


def test_the_intro_starts_an_attempt_and_resumes_the_one_in_progress(fresh_seeded_db: DatabaseTarget) -> None:
    quiz = every_type_quiz(fresh_seeded_db, time_limit_minutes=15, max_attempts=2)
    with page_client(fresh_seeded_db, STUDENT) as client:
        intro = client.get(f"/exams/{quiz}")
        attempt = start(client, quiz)
        again = start(client, quiz)
        resumed_intro = client.get(f"/exams/{quiz}")
        runner = client.get(f"/attempts/{attempt}")
    text = main_text(intro.text)
    assert "Questions 7 Time limit 15 min Pass mark 70% Attempts 0 used, 2 of 2 left" in text
    assert "The timer starts when you press Start" in text and "Start attempt" in text
    assert again == attempt
    assert "You have an attempt in progress, and its timer is running." in main_text(resumed_intro.text)
    assert f'href="/attempts/{attempt}">' in resumed_intro.text
    assert runner.status_code == 200
    assert re.search(r'<time id="countdown" datetime="PT(899|900)S"\s+data-deadline="[^"]+"', runner.text)
    assert 'data-expire-form="expire-form"' in runner.text and 'id="expire-form"' in runner.text


def test_when_every_attempt_is_used_the_intro_says_so_and_nothing_starts(fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q05"], max_attempts=1)
    with page_client(fresh_seeded_db, STUDENT) as client:
        attempt = start(client, quiz)
        post_form(client, f"/attempts/{attempt}/submit")
        refused = post_form(client, f"/exams/{quiz}/start")
    assert refused.status_code == 409
    assert "You have used all 1 attempts at this assessment." in main_text(refused.text)
    assert row(fresh_seeded_db, "SELECT count(*) FROM assessment_attempts WHERE assessment_id = %s", quiz) == (1,)


def test_every_question_type_is_saved_by_the_plain_form_and_scores_full_marks(fresh_seeded_db: DatabaseTarget) -> None:
    quiz = every_type_quiz(fresh_seeded_db)
    with page_client(fresh_seeded_db, STUDENT) as client:
        attempt = start(client, quiz)
        locations = [save(client, attempt, slug, form | {"go": "next"}).headers["location"]
                     for slug, form in RIGHT_FORMS.items()]
        shown = {n: client.get(f"/attempts/{attempt}?q={n}").text for n in (1, 2, 3, 4, 5, 6, 7)}
        result = post_form(client, f"/attempts/{attempt}/submit")
    assert locations == [f"/attempts/{attempt}?q={n}" for n in range(2, 8)] + [f"/attempts/{attempt}/review"]
    for slug, expected in RIGHT_ANSWERS.items():
        assert saved(fresh_seeded_db, attempt, slug) == (expected, False), slug
    # the runner shows what was saved, in its controls
    assert re.search(r'id="q1-opt-b" name="answer" value="b"\s+checked', shown[1])
    assert len(re.findall(r'name="answer" value="[ace]"\s+checked', shown[2])) == 3
    assert re.search(r'id="q3-tf-true" name="answer" value="true"\s+checked', shown[3])
    assert 'name="answer" value="/12"' in shown[4]
    assert '<option value="r4" selected>445</option>' in shown[5]
    assert 'name="answer.branch_broadcast" value="172.16.40.191"' in shown[6]
    assert '<option value="m3" selected>255.255.255.252</option>' in shown[6]
    assert re.search(r'name="order.steps.identify" data-position>\s*<option value="1" selected>', shown[7])
    assert result.headers["location"] == f"/attempts/{attempt}/result"
    assert row(fresh_seeded_db, "SELECT status, percentage::float FROM assessment_attempts WHERE id = %s",
               attempt) == ("completed", 100.0)


def test_htmx_saves_each_type_and_answers_with_the_status_and_the_navigator(fresh_seeded_db: DatabaseTarget) -> None:
    quiz = every_type_quiz(fresh_seeded_db)
    with page_client(fresh_seeded_db, STUDENT) as client:
        attempt = start(client, quiz)
        replies = {slug: save(client, attempt, slug, form, via_htmx=True) for slug, form in RIGHT_FORMS.items()}
        for slug, reply in replies.items():
            assert reply.status_code == 200, slug
            assert saved(fresh_seeded_db, attempt, slug) == (RIGHT_ANSWERS[slug], False), slug
        partial = save(client, attempt, "demo-q03", {"answer.l1": "r3", "answer.l2": ""}, via_htmx=True)
    last = replies["demo-q14"].text
    assert text_of(last).startswith("Answer saved")
    assert '<span id="nav-count" class="nav-count" hx-swap-oob="true">7 of 7 answered</span>' in last
    assert 'id="nav-list" class="nav-grid" hx-swap-oob="true"' in last
    assert last.count('data-state="answered"') == 7
    assert saved(fresh_seeded_db, attempt, "demo-q03") == ({"l1": "r3"}, False)  # empty selects are left out
    assert "Answer saved" in text_of(partial.text)


def test_an_order_field_left_as_first_shown_is_not_an_answer(fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q14"])
    with page_client(fresh_seeded_db, STUDENT) as client:
        attempt = start(client, quiz)
        page = client.get(f"/attempts/{attempt}").text
        shown = re.findall(r'name="order\.steps\.(\w+)" data-position>\s*(?:<option value="\d" >\d</option>\s*)*'
                           r'<option value="(\d)" selected>', page)
        untouched = {f"order.steps.{item}": position for item, position in shown}
        assert len(untouched) == 7
        save(client, attempt, "demo-q14", untouched, via_htmx=True)
        assert saved(fresh_seeded_db, attempt, "demo-q14") == (None, False)
        save(client, attempt, "demo-q14", untouched | {"answer.changes_step": "c1"}, via_htmx=True)
    assert saved(fresh_seeded_db, attempt, "demo-q14") == ({"changes_step": "c1"}, False)


def test_flags_and_the_navigator_states(fresh_seeded_db: DatabaseTarget) -> None:
    quiz = every_type_quiz(fresh_seeded_db)
    with page_client(fresh_seeded_db, STUDENT) as client:
        attempt = start(client, quiz)
        save(client, attempt, "demo-q01", {"answer": "a", "flagged": "true"}, via_htmx=True)
        flag_only = save(client, attempt, "demo-q08", {"flagged": "true"}, via_htmx=True)
        save(client, attempt, "demo-q05", {"answer": "false"})
        page = client.get(f"/attempts/{attempt}?q=2").text
        unflagged = save(client, attempt, "demo-q01", {"answer": "a"}, via_htmx=True)
    assert saved(fresh_seeded_db, attempt, "demo-q08") == (None, True)  # flagged without an answer
    assert "Not answered yet · flagged for review" in text_of(flag_only.text)
    states = re.findall(r'<span class="visually-hidden">(Question \d: [^<]+)</span>', page)
    assert states == ["Question 1: answered, flagged for review", "Question 2: not answered, flagged for review",
                      "Question 3: answered", "Question 4: not answered", "Question 5: not answered",
                      "Question 6: not answered", "Question 7: not answered"]
    assert re.search(r'href="\?q=2"\s+aria-current="step"', page)
    assert "2 of 7 answered, 2 flagged" in text_of(page)
    assert re.search(r'id="q2-flagged" name="flagged" value="true" checked', page)
    assert saved(fresh_seeded_db, attempt, "demo-q01") == ("a", False)
    assert "1 flagged" in text_of(unflagged.text)


def test_previous_clear_and_the_all_questions_view(fresh_seeded_db: DatabaseTarget) -> None:
    quiz = every_type_quiz(fresh_seeded_db)
    with page_client(fresh_seeded_db, STUDENT) as client:
        attempt = start(client, quiz)
        back = save(client, attempt, "demo-q08", {"answer": ["a", "b"], "go": "prev"})
        cleared = save(client, attempt, "demo-q08", {"answer": ["a"], "flagged": "true", "go": "clear"})
        listing = client.get(f"/attempts/{attempt}?view=all")
        from_list = save(client, attempt, "demo-q05", {"answer": "true", "view": "all", "go": "save"})
    assert back.headers["location"] == f"/attempts/{attempt}?q=1"
    assert cleared.headers["location"] == f"/attempts/{attempt}?q=2"
    assert saved(fresh_seeded_db, attempt, "demo-q08") == (None, True)  # cleared, still flagged
    assert listing.text.count('class="card question"') == 7
    assert 'href="#question-5"' in listing.text and 'name="shown_at"' not in listing.text
    assert from_list.headers["location"] == f"/attempts/{attempt}?view=all#question-3"


def test_time_spent_on_a_question_counts_from_when_it_was_shown(fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q01"])
    with page_client(fresh_seeded_db, STUDENT) as client:
        attempt = start(client, quiz)
        page = client.get(f"/attempts/{attempt}").text
        shown_at = int(re.findall(r'name="shown_at" value="(\d+)"', page)[0])
        save(client, attempt, "demo-q01", {"answer": "b", "seconds_base": "40", "shown_at": str(shown_at - 25)})
    seconds = row(fresh_seeded_db, "SELECT time_spent_seconds FROM assessment_answers WHERE attempt_id = %s",
                  attempt)[0]
    assert 65 <= seconds <= 75


@pytest.mark.parametrize(("slug", "form", "field", "message"), [
    ("demo-q01", {"answer": "z"}, "answer", "'z' is not one of the options of this question"),
    ("demo-q05", {"answer": "maybe"}, "answer", "Choose True or False."),
    ("demo-q04", {"answer": "x" * 501}, "answer", "A typed answer has at most 500 characters."),
    ("demo-q03", {"answer.l1": "r9"}, "answer.l1", "'r9' is not one of the right items of this question"),
    ("demo-q14", {f"order.steps.{i}": "1" for i in ("identify", "theory", "test", "plan", "implement", "verify",
                                                    "document")}, "answer.steps",
     "Give each item its own position, from 1 to 7."),
])
def test_an_answer_that_does_not_fit_is_shown_again_with_its_error_and_nothing_saved(
        fresh_seeded_db: DatabaseTarget, slug: str, form: dict[str, str], field: str, message: str) -> None:
    quiz = every_type_quiz(fresh_seeded_db)
    with page_client(fresh_seeded_db, STUDENT) as client:
        attempt = start(client, quiz)
        refused = save(client, attempt, slug, form | {"flagged": "true", "go": "next"})
        by_htmx = save(client, attempt, slug, form, via_htmx=True)
    assert refused.status_code == 422
    position = EVERY_TYPE.index(slug) + 1
    error_id = f"q{position}-{field.replace('.', '-')}-error"
    error = re.search(rf'<p class="field-error" id="{error_id}">(.*?)</p>', refused.text, re.S)
    assert error is not None, text_of(refused.text)
    assert message in text_of(error.group(1))
    assert re.search(rf'aria-describedby="[^"]*{error_id}"', refused.text)
    assert "Your answer was not saved" in main_text(refused.text)
    assert re.search(rf'id="q{position}-flagged" name="flagged" value="true" checked', refused.text)  # kept
    assert by_htmx.status_code == 200 and f"Not saved: {message}" in text_of(by_htmx.text)
    assert saved(fresh_seeded_db, attempt, slug) is None


def test_the_review_screen_calls_out_unanswered_and_flagged_questions(fresh_seeded_db: DatabaseTarget) -> None:
    quiz = every_type_quiz(fresh_seeded_db, time_limit_minutes=20)
    with page_client(fresh_seeded_db, STUDENT) as client:
        attempt = start(client, quiz)
        for slug in ("demo-q01", "demo-q08", "demo-q05", "demo-q04", "demo-q03"):
            save(client, attempt, slug, RIGHT_FORMS[slug])
        save(client, attempt, "demo-q05", RIGHT_FORMS["demo-q05"] | {"flagged": "true"})
        review = client.get(f"/attempts/{attempt}/review")
    text = main_text(review.text)
    assert "5 of 7 answered 2 not answered 1 flagged for review" in text
    assert "2 questions are not answered. An unanswered question scores nothing. Question 6 Question 7" in text
    assert "1 question is flagged for review. Question 3" in text
    assert f'href="/attempts/{attempt}?q=6"' in review.text
    assert re.search(r'<button type="submit" id="submit-attempt"\s+data-confirm="Submit your answers now\? '
                     r'2 questions are not answered\.', review.text)
    assert f'action="/attempts/{attempt}/submit"' in review.text
    assert 'data-deadline="' in review.text


def test_the_result_shows_score_breakdown_and_the_review_the_rules_allow(fresh_seeded_db: DatabaseTarget) -> None:
    quiz = every_type_quiz(fresh_seeded_db)
    with page_client(fresh_seeded_db, STUDENT) as client:
        attempt = start(client, quiz)
        save(client, attempt, "demo-q01", {"answer": "b"})
        save(client, attempt, "demo-q08", {"answer": ["a", "c", "b"]})  # 2 right, 1 wrong: a third of a point
        save(client, attempt, "demo-q05", {"answer": "false"})
        post_form(client, f"/attempts/{attempt}/submit")
        result = client.get(f"/attempts/{attempt}/result")
        runner = client.get(f"/attempts/{attempt}", follow_redirects=False)
        late_save = save(client, attempt, "demo-q04", {"answer": "12"})
    text = main_text(result.text)
    assert "Not passed You scored 12% ; the pass mark is 70%." in text
    assert "1.33 / 11 points 1 correct 2 incorrect or partly right 4 not answered" in text
    assert "1.0 Networking Concepts 1 of 5 1 / 7 14%" in text  # q01 right, q05 wrong, three skipped
    assert "2.0 Network Implementation 0 of 1 0.33 / 1 33%" in text
    assert "1.1 Explain concepts related to the Open Systems Interconnection (OSI) reference model 1 of 1 100%" in text
    assert '<svg class="chart bars"' in result.text
    assert "Partly right: 0.33 of 1 point" in text and "Incorrect" in text and "Not answered" in text
    assert "Correct answer" in text and "Forwarding on the destination IP address" in text  # the explanation
    assert runner.headers["location"] == f"/attempts/{attempt}/result"
    assert late_save.headers["location"] == f"/attempts/{attempt}/result"
    assert saved(fresh_seeded_db, attempt, "demo-q04") is None


def test_the_result_hides_what_the_assessment_does_not_reveal(fresh_seeded_db: DatabaseTarget) -> None:
    hidden = make_quiz(fresh_seeded_db, ["demo-q01", "demo-q05"], allow_review=False)
    no_answers = make_quiz(fresh_seeded_db, ["demo-q01", "demo-q05"], show_answers_after=False)
    with page_client(fresh_seeded_db, STUDENT) as client:
        pages = {}
        for quiz in (hidden, no_answers):
            attempt = start(client, quiz)
            save(client, attempt, "demo-q01", {"answer": "a"})
            post_form(client, f"/attempts/{attempt}/submit")
            pages[quiz] = client.get(f"/attempts/{attempt}/result").text
    secret = ("Layer 3 - Network", "Forwarding on the destination IP address", "leaf switch connects")
    hidden_text = main_text(pages[hidden])
    assert "This assessment does not show its questions after you finish" in hidden_text
    assert "Score by exam domain" in hidden_text
    assert not any(s in hidden_text for s in secret)
    partial_text = main_text(pages[no_answers])
    assert "Correct answers are not revealed for this assessment" in partial_text
    assert "Layer 2 - Data link" in partial_text and "Incorrect" in partial_text  # their own answer, marked
    assert "<h4>Correct answer</h4>" not in pages[no_answers] and "Explanation" not in partial_text
    assert not any(s in partial_text for s in secret[:2])


def test_another_student_cannot_open_or_change_your_attempt(fresh_seeded_db: DatabaseTarget) -> None:
    quiz = every_type_quiz(fresh_seeded_db)
    with page_client(fresh_seeded_db, STUDENT) as client:
        attempt = start(client, quiz)
        save(client, attempt, "demo-q01", {"answer": "b"})
    with page_client(fresh_seeded_db, OTHER_STUDENT) as other:
        responses = [other.get(f"/attempts/{attempt}"), other.get(f"/attempts/{attempt}/review"),
                     other.get(f"/attempts/{attempt}/result"),
                     save(other, attempt, "demo-q01", {"answer": "a"}),
                     post_form(other, f"/attempts/{attempt}/submit"),
                     post_form(other, f"/attempts/{attempt}/time-up")]
        by_htmx = save(other, attempt, "demo-q01", {"answer": "a"}, via_htmx=True)
    for response in responses:
        assert response.status_code == 404
        assert "We couldn't find that page" in main_text(response.text)
    assert by_htmx.headers["hx-retarget"] == "#flash" and "No such attempt." in text_of(by_htmx.text)
    assert saved(fresh_seeded_db, attempt, "demo-q01") == ("b", False)
    assert status_of(fresh_seeded_db, attempt) == "in_progress"


def test_when_time_is_up_the_attempt_is_scored_on_what_was_saved(fresh_seeded_db: DatabaseTarget) -> None:
    quiz = every_type_quiz(fresh_seeded_db, time_limit_minutes=10)
    with page_client(fresh_seeded_db, STUDENT) as client:
        first = start(client, quiz)
        save(client, first, "demo-q01", {"answer": "b"})
        expire(fresh_seeded_db, first)
        late = save(client, first, "demo-q05", {"answer": "true"})
        result = client.get(f"/attempts/{first}/result")
        second = start(client, quiz)
        save(client, second, "demo-q01", {"answer": "b"})
        expire(fresh_seeded_db, second)
        late_htmx = save(client, second, "demo-q05", {"answer": "true"}, via_htmx=True)
        third = start(client, quiz)
        expire(fresh_seeded_db, third)
        countdown_ended = post_form(client, f"/attempts/{third}/time-up")
        reloaded = client.get(f"/attempts/{third}", follow_redirects=False)
    assert late.headers["location"] == f"/attempts/{first}/result"
    assert saved(fresh_seeded_db, first, "demo-q05") is None
    assert row(fresh_seeded_db, "SELECT status, score::float FROM assessment_attempts WHERE id = %s", first) == (
        "timed_out", 1.0)
    text = main_text(result.text)
    assert "Time ran out. This attempt was scored on the answers saved before the deadline." in text
    assert "Attempt 1 · Time ran out" in text and "time taken of 10 min" in text
    assert late_htmx.headers["hx-redirect"] == f"/attempts/{second}/result"
    assert status_of(fresh_seeded_db, second) == "timed_out"
    assert countdown_ended.headers["location"] == f"/attempts/{third}/result"
    assert reloaded.headers["location"] == f"/attempts/{third}/result"
    assert status_of(fresh_seeded_db, third) == "timed_out"


def test_a_countdown_that_ends_early_waits_for_the_deadline(fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q01"], time_limit_minutes=10)
    with page_client(fresh_seeded_db, STUDENT) as client:
        attempt = start(client, quiz)
        row(fresh_seeded_db, "UPDATE assessment_attempts SET expires_at = now() + interval '1 second'"
                             " WHERE id = %s RETURNING id", attempt)
        ended = post_form(client, f"/attempts/{attempt}/time-up")
        early = start(client, make_quiz(fresh_seeded_db, ["demo-q01"], time_limit_minutes=10))
        too_early = post_form(client, f"/attempts/{early}/time-up")
    assert ended.headers["location"] == f"/attempts/{attempt}/result"
    assert status_of(fresh_seeded_db, attempt) == "timed_out"
    assert too_early.headers["location"] == f"/attempts/{early}"  # minutes left: back to the questions
    assert status_of(fresh_seeded_db, early) == "in_progress"


def test_a_drill_starts_with_generated_questions_and_resumes(fresh_seeded_db: DatabaseTarget) -> None:
    (drill,) = row(fresh_seeded_db, "SELECT id FROM learning_components WHERE slug = 'n10-009-ports-drill'")
    with page_client(fresh_seeded_db, STUDENT) as client:
        started = post_form(client, f"/drills/{drill}/start")
        again = post_form(client, f"/drills/{drill}/start")
        runner = client.get(started.headers["location"])
        attempt = started.headers["location"].rsplit("/", 1)[1]
        post_form(client, f"/attempts/{attempt}/submit")
        result = client.get(f"/attempts/{attempt}/result")
        not_a_drill = post_form(client, f"/drills/{question_id('demo-q01')}/start")
    assert started.status_code == 303 and again.headers["location"] == started.headers["location"]
    assert runner.status_code == 200 and "Ports and protocols drill" in main_text(runner.text)
    assert runner.text.count('class="nav-item') == 10
    assert f'action="/drills/{drill}/start"' in result.text and "New drill" in main_text(result.text)
    assert not_a_drill.status_code == 404 and "No such drill." in main_text(not_a_drill.text)


def test_signed_out_visitors_go_to_sign_in_and_bad_addresses_get_a_clear_error(
        fresh_seeded_db: DatabaseTarget) -> None:
    quiz = make_quiz(fresh_seeded_db, ["demo-q01"])
    with page_client(fresh_seeded_db) as anonymous:
        signed_out = anonymous.get(f"/exams/{quiz}", follow_redirects=False)
    with page_client(fresh_seeded_db, STUDENT) as client:
        bad_id = client.get("/attempts/not-an-id")
        bad_q = client.get(f"/attempts/{start(client, quiz)}?q=abc")
        unknown = client.get(f"/exams/{question_id('demo-q01')}")
    assert signed_out.headers["location"] == f"/login?next=/exams/{quiz}"
    assert bad_id.status_code == 422 and "Something in the request was not right" in main_text(bad_id.text)
    assert bad_q.status_code == 422
    assert unknown.status_code == 404 and "No such assessment." in main_text(unknown.text)


@contextmanager
def counted_statements() -> Iterator[list[str]]:
    """Every statement the app sends while the block runs (the app's pool runs in this process)."""
    sent: list[str] = []
    original = psycopg.AsyncCursor.execute

    async def execute(self: psycopg.AsyncCursor[Any], query: Any, *args: Any, **kwargs: Any) -> Any:
        sent.append(str(query)[:60])
        return await original(self, query, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(psycopg.AsyncCursor, "execute", execute)
        yield sent


def test_a_runner_page_and_a_save_take_a_handful_of_statements(fresh_seeded_db: DatabaseTarget) -> None:
    (exam,) = row(fresh_seeded_db, "SELECT id FROM assessments WHERE slug = 'demo-practice-exam-mini'")
    with page_client(fresh_seeded_db, STUDENT) as client:
        attempt = start(client, exam)
        client.get(f"/attempts/{attempt}")
        with counted_statements() as page_statements:
            assert client.get(f"/attempts/{attempt}?view=all").status_code == 200
        first = re.findall(r'action="(/attempts/[^"]+/answers/[^"]+)"', client.get(f"/attempts/{attempt}").text)[0]
        with counted_statements() as save_statements:
            htmx(client, "POST", first, {"flagged": "true"})
    # sign-in, preferences, then the attempt and its question sheet: not one statement per question
    assert 4 <= len(page_statements) <= 12, page_statements
    assert len(save_statements) <= 16, save_statements


def test_wrapped_question_lines_read_as_one_paragraph_while_code_and_lists_stay_as_written() -> None:
    text = "Which port\nis it?\n\n```text\nline one\n  line two\n```\n- first\n- second\n\nLast\nline."
    assert unwrapped(text) == ("Which port is it?\n\n```text\nline one\n  line two\n```\n- first\n- second\n\n"
                               "Last line.")
