"""The catalog over HTTP, against the demo data and the N10-009 pack: visibility, filters, search, sorts,
cursor pages, prerequisites, and the detail view that counts a view."""

import base64
import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget, connect
from tests.api import api_client
from tests.factories import make_component
from tests.learner_api import Headers, component_id, new_student, one, sign_in, sql, user_id

VISIBLE = "SELECT count(*) FROM learning_components WHERE is_published AND deleted_at IS NULL"


@pytest.fixture
def client(fresh_seeded_db: DatabaseTarget) -> Iterator[TestClient]:
    with api_client(fresh_seeded_db) as c:
        yield c


@pytest.fixture
def hidden(fresh_seeded_db: DatabaseTarget) -> dict[str, Any]:
    """One unpublished and one deleted component."""
    with connect(fresh_seeded_db) as conn:
        draft = make_component(conn, slug="draft-lesson", title="Draft on subnetting", is_published=False,
                               published_at=None)
        gone = make_component(conn, slug="deleted-lesson", title="Deleted lesson on subnetting",
                              deleted_at="2026-02-01")
        conn.commit()
    return {"draft": draft, "gone": gone}


def all_pages(client: TestClient, headers: Headers, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(200):
        response = client.get("/api/v1/components", headers=headers, params=params | ({"cursor": cursor} if cursor
                                                                                      else {}))
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("the pages never ended")


def test_students_see_only_published_components(client: TestClient, fresh_seeded_db: DatabaseTarget,
                                                hidden: dict[str, Any]) -> None:
    student = sign_in(client, "student1")
    page = client.get("/api/v1/components", headers=student, params={"q": "subnetting", "limit": 100}).json()
    slugs = {i["slug"] for i in page["items"]}
    assert "draft-lesson" not in slugs and "deleted-lesson" not in slugs
    assert client.get("/api/v1/components", headers=student).json()["total"] == one(fresh_seeded_db, VISIBLE)
    for ref in ("draft-lesson", str(hidden["draft"]), "deleted-lesson", str(hidden["gone"])):
        assert client.get(f"/api/v1/components/{ref}", headers=student).status_code == 404
        assert client.post(f"/api/v1/components/{ref}/progress/start", headers=student).status_code == 404
    refused = client.get("/api/v1/components", headers=student, params={"include_unpublished": "true"})
    assert refused.status_code == 403
    assert one(fresh_seeded_db, "SELECT view_count FROM learning_components WHERE slug = 'draft-lesson'") == 0


def test_staff_may_include_unpublished_but_never_deleted(client: TestClient, fresh_seeded_db: DatabaseTarget,
                                                         hidden: dict[str, Any]) -> None:
    teacher = sign_in(client, "instructor")
    default = client.get("/api/v1/components", headers=teacher, params={"q": "subnetting"}).json()
    assert "draft-lesson" not in {i["slug"] for i in default["items"]}
    listed = client.get("/api/v1/components", headers=teacher,
                        params={"q": "subnetting", "include_unpublished": "true"}).json()
    drafts = [i for i in listed["items"] if i["slug"] == "draft-lesson"]
    assert [d["is_published"] for d in drafts] == [False]
    assert "deleted-lesson" not in {i["slug"] for i in listed["items"]}
    assert client.get("/api/v1/components/draft-lesson", headers=teacher).status_code == 200
    assert client.get("/api/v1/components/deleted-lesson", headers=teacher).status_code == 404


@pytest.mark.parametrize(("params", "condition"), [
    ({"domain": "2.0"}, "domain = '2.0'"),
    ({"domain": ["2.0", "4.0"]}, "domain IN ('2.0', '4.0')"),
    ({"type": ["lesson", "flashcard"]}, "component_type IN ('lesson', 'flashcard')"),
    ({"difficulty": "advanced"}, "difficulty_level = 'advanced'"),
    ({"objective": "1.4"}, "comptia_objectives @> '{1.4}'"),
    ({"subdomain": "Troubleshooting methodology"}, "subdomain = 'Troubleshooting methodology'"),
    ({"exam": "N10-009", "domain": "5.0", "type": "quiz"}, "exam_code = 'N10-009' AND domain = '5.0'"
                                                           " AND component_type = 'quiz'"),
    ({"q": "subnet"}, "to_tsvector('english', title || ' ' || coalesce(description, ''))"
                      " @@ websearch_to_tsquery('english', 'subnet')"),
    ({"q": "\"troubleshooting methodology\" -flashcards"},
     "to_tsvector('english', title || ' ' || coalesce(description, ''))"
     " @@ websearch_to_tsquery('english', '\"troubleshooting methodology\" -flashcards')"),
])
def test_filters_and_search(client: TestClient, fresh_seeded_db: DatabaseTarget, params: dict[str, Any],
                            condition: str) -> None:
    student = sign_in(client, "student2")
    where = "is_published AND deleted_at IS NULL AND " + condition
    expected = {r[0] for r in sql(fresh_seeded_db, "SELECT slug FROM learning_components WHERE " + where)}
    items = all_pages(client, student, limit=10, **params)
    assert expected
    assert sorted(i["slug"] for i in items) == sorted(expected)


def test_the_status_filter_reads_my_progress(client: TestClient, fresh_seeded_db: DatabaseTarget) -> None:
    student = sign_in(client, "student1")
    client.post("/api/v1/components/demo-osi-model-lesson/progress/complete", headers=student)
    client.post("/api/v1/components/demo-ipv4-addressing-lesson/progress/start", headers=student)
    done = client.get("/api/v1/components", headers=student, params={"status": "completed"}).json()
    assert [i["slug"] for i in done["items"]] == ["demo-osi-model-lesson"]
    busy = client.get("/api/v1/components", headers=student, params={"status": ["in_progress", "completed"]}).json()
    assert busy["total"] == 2
    fresh = client.get("/api/v1/components", headers=student, params={"status": "not_started"}).json()
    assert fresh["total"] == one(fresh_seeded_db, VISIBLE) - 2
    other = sign_in(client, "student2")  # someone else's progress is not mine
    assert client.get("/api/v1/components", headers=other, params={"status": "completed"}).json()["total"] == 0


ORDER = {
    "sort_order": "domain, sort_order, title, id",
    "title": "title, id",
    "newest": "coalesce(published_at, created_at) DESC, id DESC",
    "rating": "coalesce(average_rating, 0) DESC, rating_count DESC, title, id",
    "difficulty": "CASE difficulty_level WHEN 'beginner' THEN 1 WHEN 'intermediate' THEN 2 ELSE 3 END,"
                  " domain, sort_order, title, id",
}


@pytest.mark.parametrize("sort", list(ORDER))
def test_every_sort_pages_without_duplicates_or_gaps(client: TestClient, fresh_seeded_db: DatabaseTarget,
                                                      sort: str) -> None:
    # Spread ratings and publication dates so that the sorts are not all ties.
    raters = [new_student(fresh_seeded_db, client, f"rater{i}")[0] for i in range(3)]
    slugs = [r[0] for r in sql(fresh_seeded_db, "SELECT slug FROM learning_components ORDER BY slug LIMIT 12")]
    for n, slug in enumerate(slugs):
        for rater in raters[: 1 + n % 3]:
            sql(fresh_seeded_db, "INSERT INTO user_progress (user_id, component_id, status, started_at, rating)"
                                 " SELECT %s, id, 'in_progress', now(), %s FROM learning_components WHERE slug = %s",
                (rater, 1 + n % 5, slug))
        sql(fresh_seeded_db, "UPDATE learning_components SET published_at = published_at + make_interval(days => %s)"
                             " WHERE slug = %s", (n, slug))
    student = sign_in(client, "student3")
    items = all_pages(client, student, sort=sort, limit=7)
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids)) == one(fresh_seeded_db, VISIBLE)
    query = "SELECT id FROM learning_components WHERE is_published AND deleted_at IS NULL ORDER BY " + ORDER[sort]
    expected = [str(r[0]) for r in sql(fresh_seeded_db, query)]
    assert ids == expected
    if sort == "rating":
        ratings = [i["average_rating"] or 0 for i in items]
        assert ratings == sorted(ratings, reverse=True) and ratings[0] > 0


def test_bad_parameters_are_field_errors(client: TestClient) -> None:
    student = sign_in(client, "student1")
    response = client.get("/api/v1/components", headers=student, params={
        "domain": "9", "sort": "popular", "limit": 0, "type": "podcast", "objective": "one"})
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"domain.0", "sort", "limit", "type.0", "objective.0"}
    first = client.get("/api/v1/components", headers=student, params={"limit": 2, "sort": "title"}).json()
    wrong_sort = client.get("/api/v1/components", headers=student,
                            params={"cursor": first["next_cursor"], "sort": "rating"})
    assert wrong_sort.status_code == 422 and wrong_sort.json()["errors"][0]["field"] == "cursor"
    def forge(payload: Any) -> str:
        return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")

    forged = [("sort_order", "not-a-cursor!"),
              ("sort_order", forge({"sort": "sort_order", "after": ["1.0", "ten", "x", str(uuid.uuid4())]})),
              ("newest", forge({"sort": "newest", "after": ["yesterday", str(uuid.uuid4())]})),
              ("rating", forge({"sort": "rating", "after": ["NaN", 1, "t", str(uuid.uuid4())]})),
              ("title", forge({"sort": "title", "after": ["a", "not-a-uuid"]})),
              ("title", forge({"sort": "title", "after": ["a"]})),
              ("title", forge(["not", "a", "dict"]))]
    for sort, cursor in forged:
        garbage = client.get("/api/v1/components", headers=student, params={"cursor": cursor, "sort": sort})
        assert garbage.status_code == 422, (cursor, garbage.text)
        assert garbage.json()["errors"][0]["field"] == "cursor"
    history = client.get("/api/v1/me/learning-sessions", headers=student, params={"cursor": "bm9wZQ"})
    assert history.status_code == 422 and history.json()["errors"][0]["field"] == "cursor"


def test_prerequisites_met_and_unmet(client: TestClient, fresh_seeded_db: DatabaseTarget) -> None:
    student = sign_in(client, "student1")

    def listed(slug: str) -> dict[str, Any]:
        [item] = [i for i in all_pages(client, student, limit=100) if i["slug"] == slug] or [{}]
        return item

    quiz = listed("demo-networking-concepts-quiz")
    assert quiz["prerequisites_met"] is False
    assert [p["slug"] for p in quiz["unmet_prerequisites"]] == ["demo-osi-model-lesson", "demo-ipv4-addressing-lesson"]
    client.post("/api/v1/components/demo-osi-model-lesson/progress/complete", headers=student)
    quiz = listed("demo-networking-concepts-quiz")
    assert [p["slug"] for p in quiz["unmet_prerequisites"]] == ["demo-ipv4-addressing-lesson"]
    detail = client.get("/api/v1/components/demo-networking-concepts-quiz", headers=student).json()
    assert {p["slug"]: p["met"] for p in detail["prerequisites"]} == {
        "demo-osi-model-lesson": True, "demo-ipv4-addressing-lesson": False}
    assert detail["prerequisites_met"] is False
    client.post("/api/v1/components/demo-ipv4-addressing-lesson/progress/complete", headers=student)
    quiz = listed("demo-networking-concepts-quiz")
    assert quiz["prerequisites_met"] is True and quiz["unmet_prerequisites"] == []
    assert listed("demo-osi-model-lesson")["progress"] == {"status": "completed", "progress_percentage": 100.0}


def test_an_unpublished_prerequisite_does_not_lock_anything(client: TestClient,
                                                            fresh_seeded_db: DatabaseTarget) -> None:
    with connect(fresh_seeded_db) as conn:
        draft = make_component(conn, slug="draft-basics", is_published=False, published_at=None)
        make_component(conn, slug="open-lesson", title="Open lesson", prerequisites=[draft])
        conn.commit()
    student = sign_in(client, "student1")
    detail = client.get("/api/v1/components/open-lesson", headers=student).json()
    assert detail["prerequisites"] == [] and detail["prerequisites_met"] is True
    assert client.post("/api/v1/components/open-lesson/progress/start", headers=student).status_code == 201


def test_the_detail_counts_a_view_by_id_or_slug(client: TestClient, fresh_seeded_db: DatabaseTarget) -> None:
    student = sign_in(client, "student1")
    lesson = component_id(fresh_seeded_db, "n10-009-1-1-osi-model")
    first = client.get(f"/api/v1/components/{lesson}", headers=student)
    second = client.get("/api/v1/components/n10-009-1-1-osi-model", headers=student)
    assert first.status_code == second.status_code == 200
    assert (first.json()["view_count"], second.json()["view_count"]) == (1, 2)
    body = second.json()
    assert body["content"]["format"] == "markdown" and body["content"]["body"].strip()
    assert body["progress"]["status"] == "not_started" and body["progress"]["last_position"] == {}
    me = user_id(fresh_seeded_db, "student1")
    views = sql(fresh_seeded_db, "SELECT resource_id, metadata->>'slug' FROM user_activity_logs"
                                 " WHERE user_id = %s AND activity_type = 'component.view'", (me,))
    assert views == [(lesson, "n10-009-1-1-osi-model")] * 2
    assert one(fresh_seeded_db, "SELECT current_streak FROM learning_streaks WHERE user_id = %s", (me,)) == 1
    assert client.get("/api/v1/components/No Such Thing", headers=student).status_code == 404
    assert client.get("/api/v1/components").status_code == 401


@pytest.mark.parametrize("q", ["the", "tcp & | ! (", "'; DROP TABLE users; --", "\"unterminated phrase"])
def test_any_search_text_is_safe(client: TestClient, q: str) -> None:
    response = client.get("/api/v1/components", headers=sign_in(client, "student1"), params={"q": q})
    assert response.status_code == 200
    assert response.json()["total"] >= len(response.json()["items"])
