"""The instructor's pages, driven like a browser: forms read from the page, changed, and posted back."""

import re
import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget, connect
from tests.api import api_client
from tests.authoring.browser import read_form, resubmit, submit
from tests.staff_api import sign_in as api_sign_in
from tests.web.pages import htmx, page_client, post_form, text_of

INSTRUCTOR, STUDENT = "instructor@network.test", "student1@network.test"
COMMON = {"objectives": ["1.4"], "difficulty": "beginner", "explanation": "SSH uses TCP port 22.",
          "hint_1": "Secure remote shell.", "hint_2": "Telnet's encrypted successor."}
# Per type: what an author types into the new-question form besides COMMON (the form's own fields
# fill in the rest: option ids, item ids, field ids).
TYPED: dict[str, dict[str, Any]] = {
    "multiple_choice": {"question": "Which port does SSH use?", "option_text_0": "22", "option_text_1": "23",
                        "option_text_2": "80", "option_text_3": "443", "correct": "a"},
    "multiple_select": {"question": "Which protocols encrypt their traffic? (Choose two.)", "option_text_0": "SSH",
                        "option_text_1": "Telnet", "option_text_2": "HTTPS", "option_text_3": "TFTP",
                        "correct": ["a", "c"]},
    "true_false": {"question": "Telnet encrypts its session.", "answer": "false"},
    "fill_blank": {"question": "SSH listens on TCP port ____.", "accepted": "22\nport 22"},
    "matching": {"question": "Match each protocol to its port.", "left_text_0": "SSH", "left_text_1": "HTTPS",
                 "left_text_2": "DNS", "right_text_0": "22", "right_text_1": "443", "right_text_2": "53",
                 "pair_0": "r1", "pair_1": "r2", "pair_2": "r3"},
    "simulation": {"question": "Configure the rule that allows SSH.", "field_label_0": "Destination port",
                   "field_kind_0": "text", "field_accepted_0": "22", "field_normalize_0": "exact"},
}
EXPECTED_ANSWER = {"multiple_choice": "a", "multiple_select": ["a", "c"], "true_false": False,
                   "fill_blank": ["22", "port 22"], "matching": {"l1": "r1", "l2": "r2", "l3": "r3"},
                   "simulation": {"f1": ["22"]}}


def question_row(target: DatabaseTarget, question_id: str) -> dict[str, Any]:
    with connect(target) as conn:
        row = conn.execute("SELECT question_type, correct_answer, is_published, question_text, comptia_objectives "
                           "FROM question_bank WHERE id = %s", (question_id,)).fetchone()
    assert row is not None
    return dict(zip(("type", "answer", "published", "text", "objectives"), row, strict=True))


def counts(target: DatabaseTarget) -> tuple[Any, ...]:
    """Questions and authoring log rows: both unchanged when a form is refused."""
    with connect(target) as conn:
        row = conn.execute("SELECT (SELECT count(*) FROM question_bank), (SELECT count(*) FROM user_activity_logs "
                           "WHERE activity_type LIKE 'authoring.%%')").fetchone()
    assert row is not None
    return tuple(row)


def new_question(client: TestClient, qtype: str, typed: dict[str, Any]) -> Any:
    page = client.get(f"/instructor/questions/new?type={qtype}")
    assert page.status_code == 200
    return resubmit(client, "/instructor/questions/new", page, "question-form", COMMON | typed)


def created_id(response: Any) -> str:
    assert response.status_code == 303, text_of(response.text)[-1500:]
    match = re.fullmatch(r"/instructor/(?:questions|assessments|components)/([0-9a-f-]{36})\?done=created",
                         response.headers["location"])
    assert match, response.headers["location"]
    return match[1]


def error_of(html: str, field: str) -> str:
    """The error shown next to `field` (its `{field}-error` element), as text."""
    match = re.search(rf'<p class="field-error" id="{re.escape(field)}-error">(.*?)</p>', html, re.S)
    assert match, f"no error next to {field}"
    return text_of(match[1]).removeprefix("Error: ")


def test_an_instructor_writes_and_publishes_a_question_of_each_type(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db, INSTRUCTOR) as client:
        for qtype, typed in TYPED.items():
            question_id = created_id(new_question(client, qtype, typed))
            row = question_row(fresh_seeded_db, question_id)
            assert (row["type"], row["answer"], row["published"]) == (qtype, EXPECTED_ANSWER[qtype], False)
            assert row["objectives"] == ["1.4"]

            edit = client.get(f"/instructor/questions/{question_id}?done=created")
            assert "Saved as a draft" in text_of(edit.text) and "Draft" in text_of(edit.text)
            unchanged = resubmit(client, f"/instructor/questions/{question_id}", edit, "question-form")
            assert unchanged.headers["location"].endswith("?done=updated")  # the editor reads back what it wrote

            published = post_form(client, f"/instructor/questions/{question_id}/publish")
            assert published.headers["location"] == f"/instructor/questions/{question_id}?done=publish"
            assert question_row(fresh_seeded_db, question_id)["published"] is True
    with connect(fresh_seeded_db) as conn:
        logged = [r[0] for r in conn.execute("SELECT activity_type FROM user_activity_logs WHERE activity_type LIKE "
                                             "'authoring.question.%%' ORDER BY created_at").fetchall()]
    # Posting an unchanged question back changes nothing, so it is not logged as an edit.
    assert logged == ["authoring.question.created", "authoring.question.published"] * len(TYPED)


@pytest.mark.parametrize(("qtype", "typed", "field", "message"), [
    ("multiple_choice", TYPED["multiple_choice"] | {"correct": None}, "answer", "Mark the one correct option."),
    ("multiple_select", TYPED["multiple_select"] | {"correct": "a"}, "answer", "Mark at least two correct options"),
    ("true_false", TYPED["true_false"] | {"answer": None}, "answer", "Choose whether the statement is true or false."),
    ("fill_blank", TYPED["fill_blank"] | {"question": "SSH listens on a TCP port."}, "question",
     "Write exactly one blank as four underscores (____); the question has 0."),
    ("fill_blank", TYPED["fill_blank"] | {"accepted": " \n "}, "accepted", "Give at least one accepted answer."),
    ("matching", TYPED["matching"] | {"pair_1": ""}, "pair_1", "Choose the right-hand item this one pairs with."),
    ("simulation", TYPED["simulation"] | {"field_accepted_0": ""}, "field_accepted_0",
     "Give at least one accepted answer."),
    ("multiple_choice", TYPED["multiple_choice"] | {"option_text_2": ""}, "option_text_2", "This field is required."),
    ("multiple_choice", TYPED["multiple_choice"] | {"objectives": None}, "objectives", "Tick at least one objective."),
    ("true_false", TYPED["true_false"] | {"hint_1": "", "hint_2": ""}, "hint_1", "Give at least one hint."),
])
def test_an_inconsistent_question_is_refused_next_to_its_field_and_nothing_is_saved(
        seeded_pages_db: DatabaseTarget, qtype: str, typed: dict[str, Any], field: str, message: str) -> None:
    before = counts(seeded_pages_db)
    with page_client(seeded_pages_db, INSTRUCTOR) as client:
        page = client.get(f"/instructor/questions/new?type={qtype}")
        refused = resubmit(client, "/instructor/questions/new", page, "question-form", COMMON | typed)
    assert refused.status_code == 422
    assert error_of(refused.text, field).startswith(message)
    assert re.search(rf'aria-describedby="[^"]*\b{field}-error\b', refused.text)  # the control names its error
    assert "Nothing was saved" in text_of(refused.text)
    assert typed["question"] in refused.text  # the input is kept
    assert counts(seeded_pages_db) == before


def test_a_simulation_select_field_needs_its_expected_option(seeded_pages_db: DatabaseTarget) -> None:
    before = counts(seeded_pages_db)
    with page_client(seeded_pages_db, INSTRUCTOR) as client:
        page = client.get("/instructor/questions/new?type=simulation")
        as_select = resubmit(client, "/instructor/questions/new", page, "question-form",
                             {"field_kind_0": "select", "field_label_0": "Action"}, action="refresh")
        fields = read_form(as_select.text, "question-form")
        assert fields["field_0_choice_id_0"] == ["c1"] and fields["field_0_choice_id_1"] == ["c2"]
        refused = submit(client, "/instructor/questions/new", fields, COMMON | {
            "question": "Which action does the rule take?", "field_0_choice_text_0": "permit",
            "field_0_choice_text_1": "deny"})
        assert refused.status_code == 422
        assert error_of(refused.text, "field_expected_0") == "Mark the option the learner must choose."
        saved = resubmit(client, "/instructor/questions/new", refused, "question-form", {"field_expected_0": "c1"})
        question_id = created_id(saved)
    assert question_row(seeded_pages_db, question_id)["answer"] == {"f1": "c1"}
    assert counts(seeded_pages_db)[0] == before[0] + 1


def test_editor_buttons_add_remove_and_reorder_keeping_what_was_typed(seeded_pages_db: DatabaseTarget) -> None:
    with page_client(seeded_pages_db, INSTRUCTOR) as client:
        page = client.get("/instructor/questions/new?type=multiple_choice")
        typed = {"question": "Which port does DNS use?", "option_text_0": "53", "option_text_1": "25"}
        added = resubmit(client, "/instructor/questions/new", page, "question-form", typed, action="add_option")
        fields = read_form(added.text, "question-form")
        assert [fields[f"option_id_{n}"][0] for n in range(5)] == ["a", "b", "c", "d", "e"]
        assert fields["option_text_0"] == ["53"] and fields["question"] == [typed["question"]]
        assert re.search(r'id="option_text_4"[^>]*autofocus', added.text)  # the new option gets the focus
        assert "Option 5 added." in added.text  # announced in the status region
        removed = submit(client, "/instructor/questions/new", fields, {"correct": ["b"]}, action="remove_option:0")
        fields = read_form(removed.text, "question-form")
        assert fields["option_id_0"] == ["b"] and fields["option_text_0"] == ["25"] and fields["correct"] == ["b"]

        # htmx sends the same form; the response carries the whole page, from which htmx takes the form
        swapped = htmx(client, "POST", "/instructor/questions/new", {**fields, "action": "add_option"})
        assert swapped.status_code == 200 and 'id="question-form"' in swapped.text

        order = client.get("/instructor/questions/new?type=simulation")
        as_order = resubmit(client, "/instructor/questions/new", order, "question-form", {
            "field_kind_0": "order", "field_label_0": "Steps"}, action="refresh")
        fields = read_form(as_order.text, "question-form")
        moved = submit(client, "/instructor/questions/new", fields, {"field_0_choice_text_0": "Identify",
                                                                    "field_0_choice_text_1": "Theorize"},
                       action="up_choice:0:1")
        fields = read_form(moved.text, "question-form")
        assert (fields["field_0_choice_text_0"], fields["field_0_choice_id_0"]) == (["Theorize"], ["c2"])

        matching = client.get("/instructor/questions/new?type=matching")
        paired = resubmit(client, "/instructor/questions/new", matching, "question-form",
                          {"pair_0": "r3", "pair_1": "r1"}, action="remove_right:2")
        fields = read_form(paired.text, "question-form")
        assert fields["pair_0"] == [""] and fields["pair_1"] == ["r1"]  # the removed item's pairing is gone


def test_a_component_is_written_previewed_published_deleted_and_restored(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db, INSTRUCTOR) as client:
        page = client.get("/instructor/components/new?component_type=lesson")
        typed = {"title": "VLAN basics", "slug": "vlan-basics-page", "domain": "2.0", "comptia_objectives": "2.2",
                 "estimated_minutes": "15", "content_body": "# VLANs\n\nA **VLAN** splits a switch. <script>x</script>"}
        preview = htmx(client, "POST", "/instructor/preview", {"content_body": typed["content_body"]})
        assert "<strong>VLAN</strong>" in preview.text and "<script>" not in preview.text
        bad_slug = resubmit(client, "/instructor/components/new", page, "component-form",
                            typed | {"slug": "VLAN Basics"})
        assert bad_slug.status_code == 422 and error_of(bad_slug.text, "slug").startswith("Use lower-case letters")
        assert "VLAN basics" in bad_slug.text
        component_id = created_id(resubmit(client, "/instructor/components/new", bad_slug, "component-form",
                                           {"slug": "vlan-basics-page"}))
        with connect(fresh_seeded_db) as conn:
            row = conn.execute("SELECT content, comptia_objectives, estimated_minutes, is_published FROM "
                               "learning_components WHERE id = %s", (component_id,)).fetchone()
        assert row == ({"body": typed["content_body"]}, ["2.2"], 15, False)

        url = f"/instructor/components/{component_id}"
        as_lab = resubmit(client, url, client.get(url), "component-form", {"component_type": "lab"},
                          action="switch_editor")
        fields = read_form(as_lab.text, "component-form")
        assert '"body": "# VLANs' in fields["content_json"][0]
        broken = submit(client, url, fields, {"content_json": '{"tasks": [}'})
        assert broken.status_code == 422 and error_of(broken.text, "content_json").startswith("This is not valid JSON")

        assert post_form(client, f"{url}/publish").headers["location"] == f"{url}?done=publish"
        assert "Published" in text_of(client.get(url).text)
        deleted = post_form(client, f"{url}/delete")
        assert deleted.headers["location"] == "/instructor/components?state=deleted&done=delete"
        assert "VLAN basics" in client.get(deleted.headers["location"]).text
        assert post_form(client, f"{url}/restore").headers["location"] == f"{url}?done=restore"
        assert "Draft" in text_of(client.get(url).text)


def chosen_ids(html: str) -> list[str]:
    return read_form(html, "assessment-form").get("question_ids", [])


def test_an_assessment_is_made_by_picking_questions_by_domain_and_objective(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db, INSTRUCTOR) as client:
        page = client.get("/instructor/assessments/new")
        found = resubmit(client, "/instructor/assessments/new", page, "assessment-form", {
            "title": "Ports check", "slug": "ports-check-page", "pick_domain": "1.0", "pick_objective": "1.4"},
            action="find")
        offered = re.findall(r'name="pick" value="([0-9a-f-]{36})"', found.text)
        assert len(offered) >= 3
        with connect(fresh_seeded_db) as conn:
            matching = conn.execute("SELECT count(*) FROM question_bank WHERE id = ANY(%s::uuid[]) AND is_published "
                                    "AND domain = '1.0' AND '1.4' = ANY(comptia_objectives)", (offered,)).fetchone()
        assert matching == (len(offered),)  # every question offered is published and tests objective 1.4

        added = resubmit(client, "/instructor/assessments/new", found, "assessment-form",
                         {"pick": offered[:3]}, action="add")
        assert chosen_ids(added.text) == offered[:3]
        assert "Domain 1.0: 3" in text_of(added.text) and "3 questions added; 3 chosen." in added.text
        assert read_form(added.text, "assessment-form")["title"] == ["Ports check"]  # the rest is kept
        reordered = resubmit(client, "/instructor/assessments/new", added, "assessment-form", action="down:0")
        assert chosen_ids(reordered.text) == [offered[1], offered[0], offered[2]]
        trimmed = resubmit(client, "/instructor/assessments/new", reordered, "assessment-form", action="remove:2")
        assert chosen_ids(trimmed.text) == [offered[1], offered[0]]

        assessment_id = created_id(resubmit(client, "/instructor/assessments/new", trimmed, "assessment-form",
                                            {"passing_score": "80", "time_limit_minutes": "10"}))
        url = f"/instructor/assessments/{assessment_id}"
        assert post_form(client, f"{url}/publish").headers["location"] == f"{url}?done=publish"
    with connect(fresh_seeded_db) as conn:
        row = conn.execute("SELECT question_ids, is_published, passing_score, time_limit_minutes, title FROM "
                           "assessments WHERE id = %s", (assessment_id,)).fetchone()
    assert row == ([uuid.UUID(offered[1]), uuid.UUID(offered[0])], True, 80, 10, "Ports check")


def test_publishing_an_assessment_with_an_unpublished_question_shows_the_services_refusal(
        fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db, INSTRUCTOR) as client:
        question_id = created_id(new_question(client, "true_false", TYPED["true_false"]))
        draft_pick = resubmit(client, "/instructor/assessments/new", client.get("/instructor/assessments/new"),
                              "assessment-form", {"title": "Draft pick", "slug": "draft-pick",
                                                  "question_ids": question_id})
        assert draft_pick.status_code == 422
        assert error_of(draft_pick.text, "question_ids").startswith("These questions do not exist or are not published")
        post_form(client, f"/instructor/questions/{question_id}/publish")
        assessment_id = created_id(resubmit(client, "/instructor/assessments/new", draft_pick, "assessment-form"))
        post_form(client, f"/instructor/questions/{question_id}/unpublish")  # allowed: the assessment is a draft
        refused = post_form(client, f"/instructor/assessments/{assessment_id}/publish")
    assert refused.status_code == 422
    assert question_id in error_of(refused.text, "question_ids")
    with connect(fresh_seeded_db) as conn:
        row = conn.execute("SELECT is_published FROM assessments WHERE id = %s", (assessment_id,)).fetchone()
    assert row == (False,)


def test_students_get_the_403_page(seeded_pages_db: DatabaseTarget) -> None:
    with page_client(seeded_pages_db, STUDENT) as client:
        pages = [client.get(url) for url in ("/instructor", "/instructor/questions/new?type=true_false",
                                             "/instructor/learners", "/instructor/assessments")]
        posted = post_form(client, "/instructor/questions/new", {"type": "true_false"} | TYPED["true_false"])
    for response in [*pages, posted]:
        assert response.status_code == 403
        assert "You can't open this page" in text_of(response.text)


def test_learner_pages_show_a_students_attempts(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db, INSTRUCTOR) as client:
        question_id = created_id(new_question(client, "multiple_choice", TYPED["multiple_choice"]))
        post_form(client, f"/instructor/questions/{question_id}/publish")
        assessment_id = created_id(resubmit(client, "/instructor/assessments/new", client.get(
            "/instructor/assessments/new"), "assessment-form", {"title": "SSH check", "slug": "ssh-check",
                                                                "question_ids": question_id}))
        post_form(client, f"/instructor/assessments/{assessment_id}/publish")
    with api_client(fresh_seeded_db) as api:
        student = api_sign_in(api, STUDENT)
        attempt = api.post(f"/api/v1/assessments/{assessment_id}/attempts", headers=student).json()
        api.put(f"/api/v1/attempts/{attempt['id']}/answers/{question_id}", json={"answer": "a"}, headers=student)
        assert api.post(f"/api/v1/attempts/{attempt['id']}/submit", headers=student).status_code == 200
    with page_client(fresh_seeded_db, INSTRUCTOR) as client:
        listing = client.get("/instructor/learners?q=student1")
        student_id = re.findall(r'href="/instructor/learners/([0-9a-f-]{36})"', listing.text)
        assert len(student_id) == 1 and "student2" not in listing.text
        detail = text_of(client.get(f"/instructor/learners/{student_id[0]}").text)
        assert client.get(f"/instructor/learners/{uuid.uuid4()}").status_code == 404
    assert "SSH check" in detail and "Completed" in detail and "100%" in detail
    assert "1.0 Networking Concepts" in detail


def overview_figures(html: str) -> tuple[int, int]:
    match = re.search(r"Questions Published (\d+) Drafts (\d+)", text_of(html))
    assert match, text_of(html)
    return int(match[1]), int(match[2])


def test_the_overview_counts_and_lists_recent_changes(fresh_seeded_db: DatabaseTarget) -> None:
    with page_client(fresh_seeded_db, INSTRUCTOR) as client:
        published, drafts = overview_figures(client.get("/instructor").text)
        created_id(new_question(client, "true_false", TYPED["true_false"] | {"question": "UDP is connectionless."}))
        after = client.get("/instructor").text
    with connect(fresh_seeded_db) as conn:
        stored = conn.execute("SELECT count(*) FILTER (WHERE is_published), count(*) FILTER (WHERE NOT is_published) "
                              "FROM question_bank WHERE deleted_at IS NULL").fetchone()
    assert overview_figures(after) == (published, drafts + 1) == stored
    changes = text_of(after.split('id="changes-h">Recent changes</h2>')[1])
    assert changes.startswith("UDP is connectionless. Question · Draft")
