"""Components over HTTP: drafts, publishing, prerequisites without cycles, unique slugs, soft delete."""

import uuid
from typing import Any

from fastapi.testclient import TestClient

from netplus.core.database import DatabaseTarget, connect

URL = "/api/v1/authoring/components"


def component(slug: str, **fields: Any) -> dict[str, Any]:
    return {"slug": slug, "title": slug.replace("-", " ").title(), "component_type": "lesson", "domain": "2.0",
            "comptia_objectives": ["2.1"], "content": {"body": "# Routing\nText."}, "estimated_minutes": 15} | fields


def create(client: TestClient, headers: dict[str, str], slug: str, **fields: Any) -> dict[str, Any]:
    response = client.post(URL, headers=headers, json=component(slug, **fields))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def activity(target: DatabaseTarget, resource_id: str) -> list[str]:
    with connect(target) as conn:
        rows = conn.execute("SELECT activity_type FROM user_activity_logs WHERE resource_id = %s "
                            "ORDER BY created_at, id", (resource_id,)).fetchall()
    return [str(r[0]) for r in rows]


def test_a_draft_is_published_unpublished_deleted_and_restored(client: TestClient, instructor: dict[str, str],
                                                               fresh_seeded_db: DatabaseTarget) -> None:
    draft = create(client, instructor, "staff-static-routing")
    assert (draft["is_published"], draft["published_at"], draft["deleted_at"]) == (False, None, None)
    assert draft["author_id"] == client.get("/api/v1/me", headers=instructor).json()["id"]
    url = f"{URL}/{draft['id']}"

    published = client.post(f"{url}/publish", headers=instructor).json()
    assert published["is_published"] and published["published_at"] is not None
    again = client.post(f"{url}/publish", headers=instructor).json()
    assert again["published_at"] == published["published_at"]  # publishing twice changes nothing
    assert client.post(f"{url}/unpublish", headers=instructor).json()["published_at"] is None

    assert client.delete(url, headers=instructor).status_code == 204
    assert client.get(url, headers=instructor).json()["deleted_at"] is not None
    live = client.get(URL, headers=instructor, params={"q": "staff-static"}).json()
    deleted = client.get(URL, headers=instructor, params={"q": "staff-static", "state": "deleted"}).json()
    assert (live["total"], [c["slug"] for c in deleted["items"]]) == (0, ["staff-static-routing"])
    assert client.post(f"{url}/publish", headers=instructor).status_code == 404  # restore first
    restored = client.post(f"{url}/restore", headers=instructor).json()
    assert (restored["deleted_at"], restored["is_published"]) == (None, False)
    assert activity(fresh_seeded_db, draft["id"]) == [
        "authoring.component.created", "authoring.component.published", "authoring.component.unpublished",
        "authoring.component.deleted", "authoring.component.restored"]


def test_an_edit_replaces_the_fields_and_logs_what_changed(client: TestClient, instructor: dict[str, str],
                                                           fresh_seeded_db: DatabaseTarget) -> None:
    draft = create(client, instructor, "staff-ospf")
    edited = client.put(f"{URL}/{draft['id']}", headers=instructor,
                        json=component("staff-ospf-basics", title="OSPF basics", difficulty_level="advanced"))
    assert edited.status_code == 200, edited.text
    assert (edited.json()["slug"], edited.json()["difficulty_level"]) == ("staff-ospf-basics", "advanced")
    with connect(fresh_seeded_db) as conn:
        row = conn.execute("SELECT metadata FROM user_activity_logs WHERE activity_type = 'authoring.component.updated'"
                           ).fetchone()
    assert row == ({"label": "staff-ospf-basics", "changed": ["slug", "title", "difficulty_level"]},)


def test_a_prerequisite_cycle_is_refused_and_nothing_is_written(client: TestClient, instructor: dict[str, str],
                                                                fresh_seeded_db: DatabaseTarget) -> None:
    first = create(client, instructor, "staff-cycle-a")
    second = create(client, instructor, "staff-cycle-b", prerequisites=[first["id"]])
    third = create(client, instructor, "staff-cycle-c", prerequisites=[second["id"]])
    closing = client.put(f"{URL}/{first['id']}", headers=instructor,
                         json=component("staff-cycle-a", title="Renamed", prerequisites=[third["id"]]))
    assert closing.status_code == 422
    problem = closing.json()
    assert "cycle" in problem["detail"] and problem["errors"][0]["field"] == "prerequisites"
    unchanged = client.get(f"{URL}/{first['id']}", headers=instructor).json()
    assert (unchanged["title"], unchanged["prerequisites"]) == ("Staff Cycle A", [])
    assert activity(fresh_seeded_db, first["id"]) == ["authoring.component.created"]

    itself = client.put(f"{URL}/{first['id']}", headers=instructor,
                        json=component("staff-cycle-a", prerequisites=[first["id"]]))
    unknown = str(uuid.uuid4())
    missing = client.post(URL, headers=instructor, json=component("staff-cycle-d", prerequisites=[unknown]))
    assert itself.status_code == missing.status_code == 422
    assert unknown in missing.json()["errors"][0]["message"]
    assert client.get(URL, headers=instructor, params={"q": "staff-cycle-d"}).json()["total"] == 0


def test_slugs_are_unique(client: TestClient, instructor: dict[str, str]) -> None:
    taken = client.post(URL, headers=instructor, json=component("demo-osi-model-lesson"))
    assert taken.status_code == 409
    assert taken.json()["errors"][0]["field"] == "slug"
    deleted = create(client, instructor, "staff-retired")
    client.delete(f"{URL}/{deleted['id']}", headers=instructor)
    assert client.post(URL, headers=instructor, json=component("staff-retired")).status_code == 409


def test_a_required_component_cannot_be_deleted_or_required_once_deleted(
        client: TestClient, instructor: dict[str, str]) -> None:
    base = create(client, instructor, "staff-basics")
    create(client, instructor, "staff-advanced", prerequisites=[base["id"]])
    refused = client.delete(f"{URL}/{base['id']}", headers=instructor)
    assert refused.status_code == 409 and "staff-advanced" in refused.json()["detail"]
    retired = create(client, instructor, "staff-retired-basics")
    client.delete(f"{URL}/{retired['id']}", headers=instructor)
    stale = client.post(URL, headers=instructor, json=component("staff-next", prerequisites=[retired["id"]]))
    assert stale.status_code == 422 and retired["id"] in stale.json()["detail"]


def test_unknown_objectives_and_fields_are_refused(client: TestClient, instructor: dict[str, str]) -> None:
    objective = client.post(URL, headers=instructor, json=component("staff-physical", comptia_objectives=["4.5"]))
    assert objective.status_code == 422
    assert objective.json()["errors"] == [{"field": "comptia_objectives", "message": "N10-009 has no objective 4.5"}]
    shape = client.post(URL, headers=instructor, json=component("Bad Slug", component_type="podcast"))
    assert shape.status_code == 422
    assert {e["field"] for e in shape.json()["errors"]} == {"slug", "component_type"}


def test_lists_filter_by_state_domain_and_search(client: TestClient, instructor: dict[str, str]) -> None:
    for n in range(3):
        create(client, instructor, f"staff-list-{n}", domain="3.0", comptia_objectives=["3.1"])
    page = client.get(URL, headers=instructor, params={"domain": "3.0", "state": "draft", "limit": 2}).json()
    assert (page["total"], [c["slug"] for c in page["items"]]) == (3, ["staff-list-0", "staff-list-1"])
    rest = client.get(URL, headers=instructor, params={"domain": "3.0", "state": "draft", "offset": 2}).json()
    assert [c["slug"] for c in rest["items"]] == ["staff-list-2"]
    past = client.get(URL, headers=instructor, params={"domain": "3.0", "state": "draft", "offset": 10}).json()
    assert (past["items"], past["total"]) == ([], 3)
    assert client.get(URL, headers=instructor, params={"q": "list_"}).json()["total"] == 0  # _ is literal
