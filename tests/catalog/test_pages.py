"""The catalog pages: /catalog (filters, search, cursor pages) and the /learn viewers of every type.

Tests that change progress use a new student of their own on the shared seeded database, so they do
not depend on each other or on the demo students' history.
"""

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient

from netplus.catalog import flashcards
from netplus.core.database import DatabaseTarget, connect
from tests.factories import make_component, make_user
from tests.learner_api import FACTORY_PASSWORD, component_id, one, sql
from tests.web.pages import htmx, page_client, post_form, sign_in, text_of

LAB = "demo-subnetting-lab"
LAB_PREREQUISITE = "demo-ipv4-addressing-lesson"
LAB_ANSWERS = {"site_a_subnet": "192.168.50.0/26", "site_b_subnet": "192.168.50.64/27", "site_c_mask": "m2",
               "site_c_first_host": "192.168.50.97", "next_free": "192.168.50.112"}
DECK = "n10-009-1-1-flashcards"


@contextmanager
def new_student(target: DatabaseTarget) -> Iterator[tuple[TestClient, uuid.UUID]]:
    """A signed-in client for a student with no history at all."""
    name = f"pages_{uuid.uuid4().hex[:10]}"
    with connect(target) as conn:
        uid = make_user(conn, username=name, email=f"{name}@example.test")
        conn.commit()
    with page_client(target) as client:
        sign_in(client, name, FACTORY_PASSWORD)
        yield client, uid


def progress_of(target: DatabaseTarget, uid: uuid.UUID, slug: str) -> dict[str, Any]:
    rows = sql(target, "SELECT status, progress_percentage, last_position, time_spent_minutes FROM user_progress"
                       " WHERE user_id = %s AND component_id = %s", (uid, component_id(target, slug)))
    if not rows:
        return {"status": None}
    status, percentage, position, minutes = rows[0]
    return {"status": status, "percentage": float(percentage), "position": position, "minutes": minutes}


def card_slugs(html: str) -> list[str]:
    return re.findall(r'<h3 id="title-([a-z0-9-]+)">', html)


def complete_directly(target: DatabaseTarget, uid: uuid.UUID, slug: str) -> None:
    sql(target, "INSERT INTO user_progress (user_id, component_id, status, progress_percentage, started_at,"
                " completion_date) VALUES (%s, %s, 'completed', 100, now(), now())", (uid, component_id(target, slug)))


# --- /catalog -----------------------------------------------------------------------------------------

def test_the_catalog_lists_components_with_domain_names_and_progress(seeded_pages_db: DatabaseTarget) -> None:
    with new_student(seeded_pages_db) as (client, uid):
        complete_directly(seeded_pages_db, uid, "demo-osi-model-lesson")
        page = client.get("/catalog")
        done = client.get("/catalog", params={"status": "completed"}).text
        not_started = client.get("/catalog", params={"status": "not_started", "domain": "1.0"}).text
    assert page.status_code == 200
    text = text_of(page.text)
    assert page.text.count("<h1") == 1 and "Catalog" in text
    for name in ("Networking Concepts", "Network Implementation", "Network Operations", "Network Security",
                 "Network Troubleshooting"):
        assert name in text  # the domain filter names every N10-009 domain
    assert 'value="1.7"' in page.text  # objectives are offered by code
    first = card_slugs(page.text)
    assert len(first) == 20 and first[0] == "demo-osi-model-lesson"
    # the completed lesson's card says so in words and with a full <progress>
    card = page.text[page.text.index('id="title-demo-osi-model-lesson"'):]
    card = card[:card.index("</article>")]
    assert "Completed" in text_of(card) and 'value="100.0"' in card and "1.0 Networking Concepts" in text_of(card)
    other = page.text[page.text.index('id="title-n10-009-1-1-osi-model"'):]
    assert "Not started" in text_of(other[:other.index("</article>")])
    assert card_slugs(done) == ["demo-osi-model-lesson"]
    assert "demo-osi-model-lesson" not in card_slugs(not_started) and "n10-009-1-1-osi-model" in card_slugs(
        not_started)


def test_filters_and_search_narrow_the_list(seeded_pages_db: DatabaseTarget) -> None:
    with page_client(seeded_pages_db, "student1@network.test") as client:
        everything = client.get("/catalog").text
        labs = client.get("/catalog", params={"type": "lab"}).text
        security = client.get("/catalog", params={"domain": "4.0", "difficulty": "beginner"}).text
        search = client.get("/catalog", params={"q": "subnetting"}).text
        objective = client.get("/catalog", params={"objective": "1.7", "type": "flashcard"}).text
    total = one(seeded_pages_db, "SELECT count(*) FROM learning_components WHERE is_published AND deleted_at IS NULL")
    assert f"{total} components" in text_of(everything)
    assert card_slugs(labs) == [LAB]
    assert 'option value="lab" selected' in labs  # the form shows what was chosen
    assert card_slugs(security) and all(s.startswith(("n10-009-4", "demo")) for s in card_slugs(security))
    assert "4.0 Network Security" in text_of(security)
    found = card_slugs(search)
    assert "demo-ipv4-addressing-lesson" in found and "demo-osi-model-lesson" not in found
    assert card_slugs(objective) == ["n10-009-1-7-flashcards"]


def test_cursor_pages_go_through_the_list_once(seeded_pages_db: DatabaseTarget) -> None:
    seen: list[str] = []
    with page_client(seeded_pages_db, "student1@network.test") as client:
        url: str | None = "/catalog?domain=1.0"
        for _ in range(10):
            assert url is not None
            html = client.get(url).text
            seen += card_slugs(html)
            link = re.search(r'<a class="button" id="next-page" href="([^"]+)"', html)
            url = link[1].replace("&amp;", "&") if link else None
            if url is None:
                break
            assert "cursor=" in url and "domain=1.0" in url  # filters stay on the next page
    domain_total = one(seeded_pages_db, "SELECT count(*) FROM learning_components WHERE is_published"
                                       " AND deleted_at IS NULL AND domain = '1.0'")
    assert len(seen) == domain_total > 20 and len(set(seen)) == len(seen)


def test_htmx_gets_only_the_results_with_the_count_for_the_live_region(seeded_pages_db: DatabaseTarget) -> None:
    with page_client(seeded_pages_db, "student1@network.test") as client:
        response = client.get("/catalog", params={"type": "lab"}, headers={"HX-Request": "true",
                                                                           "HX-Target": "results"})
        restore = client.get("/catalog", params={"type": "lab"}, headers={
            "HX-Request": "true", "HX-Target": "results", "HX-History-Restore-Request": "true"})
    assert "<html" not in response.text and card_slugs(response.text) == [LAB]
    assert 'id="result-count" hx-swap-oob="innerHTML">1 component found.' in response.text
    assert "<html" in restore.text  # going back in history needs the whole page


def test_bad_filter_values_are_ignored_with_a_note(seeded_pages_db: DatabaseTarget) -> None:
    with page_client(seeded_pages_db, "student1@network.test") as client:
        response = client.get("/catalog", params={"difficulty": "impossible", "type": "lab", "domain": "9.0",
                                                  "cursor": "not-a-cursor"})
    assert response.status_code == 200
    text = text_of(response.text)
    assert "Ignored the unknown difficulty “impossible”" in text and "Ignored the unknown domain “9.0”" in text
    assert "That page link no longer works" in text
    assert card_slugs(response.text) == [LAB]  # the filters that made sense still apply


def test_a_locked_card_names_what_to_finish_first(seeded_pages_db: DatabaseTarget) -> None:
    with new_student(seeded_pages_db) as (client, _uid):
        html = client.get("/catalog", params={"type": "lab"}).text
    card = html[html.index(f'id="title-{LAB}"'):]
    assert "Locked." in text_of(card) and f'href="/learn/{LAB_PREREQUISITE}"' in card


def test_signed_out_visitors_are_sent_to_sign_in(seeded_pages_db: DatabaseTarget) -> None:
    with page_client(seeded_pages_db) as client:
        response = client.get("/learn/demo-osi-model-lesson", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/learn/demo-osi-model-lesson"


# --- /learn: shared behaviour -----------------------------------------------------------------------

def test_an_unknown_slug_is_a_friendly_404(seeded_pages_db: DatabaseTarget) -> None:
    with page_client(seeded_pages_db, "student1@network.test") as client:
        missing = client.get("/learn/no-such-component")
        odd = client.get("/learn/Not%20A%20Slug")
    for response in (missing, odd):
        assert response.status_code == 404
        assert "We couldn't find that page" in text_of(response.text) and "Traceback" not in response.text


def test_a_locked_component_names_its_prerequisites_and_hides_its_content(seeded_pages_db: DatabaseTarget) -> None:
    with new_student(seeded_pages_db) as (client, uid):
        response = client.get(f"/learn/{LAB}")
        check = post_form(client, f"/learn/{LAB}/check", {f"task-{k}": v for k, v in LAB_ANSWERS.items()})
    assert response.status_code == 409
    text = text_of(response.text)
    assert "Locked for now" in text and "IPv4 addressing" in text
    assert f'href="/learn/{LAB_PREREQUISITE}"' in response.text
    assert "Site A subnet" not in text and "Your company has been allocated" not in text  # no tasks, no scenario
    assert 'id="lab-form"' not in response.text
    assert check.status_code == 409 and "before starting" in text_of(check.text)  # posting around it is refused
    assert progress_of(seeded_pages_db, uid, LAB)["status"] is None  # nothing was started


def test_viewers_show_breadcrumbs_and_the_next_component_in_the_objective(seeded_pages_db: DatabaseTarget) -> None:
    with page_client(seeded_pages_db, "student1@network.test") as client:
        html = client.get("/learn/n10-009-1-1-osi-model").text
    crumbs = text_of(html[html.index('aria-label="Breadcrumb"'):html.index("</nav>", html.index("Breadcrumb"))])
    assert "Catalog" in crumbs and "1.0 Networking Concepts" in crumbs and "The OSI" not in crumbs.split("Concepts")[0]
    assert 'href="/catalog?domain=1.0"' in html
    assert 'id="next-component"' in html and "/learn/n10-009-1-1-flashcards" in html


# --- reading ------------------------------------------------------------------------------------------

LESSON_BODY = """# Routing basics

Routers forward **packets** between networks.

<script>alert("x")</script>

[click me](javascript:alert(1))

## Static routes

| Route | Next hop |
|-------|----------|
| 0.0.0.0/0 | 203.0.113.1 |

```text
## not a heading inside code
```

## Dynamic routes

OSPF and BGP learn routes.
"""


def make_lesson(target: DatabaseTarget, **overrides: Any) -> str:
    slug = f"routing-{uuid.uuid4().hex[:8]}"
    with connect(target) as conn:
        make_component(conn, slug=slug, title="Routing basics", content={"body": LESSON_BODY}, estimated_minutes=10,
                       sort_order=5000, **overrides)
        conn.commit()
    return slug


def test_a_lesson_is_rendered_from_sanitized_markdown_in_sections(seeded_pages_db: DatabaseTarget) -> None:
    slug = make_lesson(seeded_pages_db)
    with new_student(seeded_pages_db) as (client, uid):
        html = client.get(f"/learn/{slug}").text
    assert "<strong>packets</strong>" in html and "<table>" in html
    assert "<script>alert" not in html and 'href="javascript:' not in html
    assert html.count("<h1") == 1
    # three sections (the code block's "##" is not one), listed in the table of contents
    assert re.findall(r'<section id="(section-\d)"', html) == ["section-1", "section-2", "section-3"]
    toc = text_of(html[html.index('id="toc-title"'):html.index("</nav>", html.index('id="toc-title"'))])
    assert "Routing basics" in toc and "Static routes" in toc and "Dynamic routes" in toc
    assert progress_of(seeded_pages_db, uid, slug)["status"] == "in_progress"  # opening it started it


def test_reading_progress_is_saved_and_the_place_restored(seeded_pages_db: DatabaseTarget) -> None:
    slug = make_lesson(seeded_pages_db)
    with new_student(seeded_pages_db) as (client, uid):
        client.get(f"/learn/{slug}")
        plain = post_form(client, f"/learn/{slug}/sections/0/read")
        fragment = htmx(client, "POST", f"/learn/{slug}/sections/1/read")
        again = client.get(f"/learn/{slug}").text
    assert plain.status_code == 303 and plain.headers["location"] == f"/learn/{slug}#section-2"
    assert "<html" not in fragment.text and "Section read" in fragment.text
    assert 'id="component-progress" hx-swap-oob="innerHTML"' in fragment.text and "67%" in fragment.text
    saved = progress_of(seeded_pages_db, uid, slug)
    assert saved["position"] == {"read": [0, 1], "section": 2} and saved["percentage"] == 66.67
    # a reload offers to continue at the first section not yet read, and shows which are read
    assert 'href="#section-3" id="resume-link">Continue where you left off: Dynamic routes' in again
    assert again.count("Section read") == 2 and 'id="read-section-3"' in again


def test_marking_a_lesson_complete_records_its_study_minutes(seeded_pages_db: DatabaseTarget) -> None:
    slug = make_lesson(seeded_pages_db)
    with new_student(seeded_pages_db) as (client, uid):
        html = client.get(f"/learn/{slug}").text
        session = re.search(r'name="session_id" value="([0-9a-f-]+)"', html)
        assert session is not None
        # the page was opened 25 minutes ago: the lesson's estimate is 10, so 20 minutes count at most
        sql(seeded_pages_db, "UPDATE learning_sessions SET session_start = now() - interval '25 minutes'"
                            " WHERE id = %s", (session[1],))
        done = post_form(client, f"/learn/{slug}/complete", {"session_id": session[1]})
        twice = post_form(client, f"/learn/{slug}/complete", {"session_id": session[1]})
        after = client.get(done.headers["location"]).text
    assert done.status_code == 303 and done.headers["location"] == f"/learn/{slug}?done=completed"
    assert twice.status_code == 303
    saved = progress_of(seeded_pages_db, uid, slug)
    assert saved["status"] == "completed" and saved["minutes"] == 20  # capped, and counted once
    assert one(seeded_pages_db, "SELECT duration_minutes FROM learning_sessions WHERE id = %s", (session[1],)) == 25
    assert "Marked as complete" in text_of(after) and "You have completed this" in text_of(after)
    assert 'id="mark-complete"' not in after


def test_leaving_the_page_ends_its_study_session(seeded_pages_db: DatabaseTarget) -> None:
    slug = make_lesson(seeded_pages_db)
    with new_student(seeded_pages_db) as (client, _uid):
        html = client.get(f"/learn/{slug}").text
        beacon = re.search(r'data-session-end="([^"]+)"', html)
        assert beacon is not None
        ended = post_form(client, beacon[1])
    assert ended.status_code == 204
    session_id = beacon[1].split("/")[3]
    assert one(seeded_pages_db, "SELECT session_end IS NOT NULL FROM learning_sessions WHERE id = %s", (session_id,))


# --- video, assessments, drills -----------------------------------------------------------------------

def test_a_video_without_a_file_shows_its_chapters_and_transcript(seeded_pages_db: DatabaseTarget) -> None:
    with new_student(seeded_pages_db) as (client, uid):
        html = client.get("/learn/demo-vlans-trunking-video").text
        watched = post_form(client, "/learn/demo-vlans-trunking-video/complete")
    assert "<video" not in html and "presented as its transcript" in text_of(html)
    assert "2:10 Trunks and the 802.1Q tag" in text_of(html)
    assert "Why VLANs" in text_of(html[html.index('id="transcript-title"'):])
    assert 'id="mark-watched"' in html
    assert watched.headers["location"] == "/learn/demo-vlans-trunking-video?done=watched"
    assert progress_of(seeded_pages_db, uid, "demo-vlans-trunking-video")["status"] == "completed"


def test_a_video_with_a_same_origin_file_gets_a_player(seeded_pages_db: DatabaseTarget) -> None:
    local, remote = f"video-{uuid.uuid4().hex[:8]}", f"video-{uuid.uuid4().hex[:8]}"
    with connect(seeded_pages_db) as conn:
        for slug, url in ((local, "/static/media/vlans.mp4"), (remote, "https://cdn.example/v.mp4")):
            make_component(conn, slug=slug, component_type="video",
                           content={"url": url, "duration_seconds": 90, "chapters": [], "transcript": "Hello"})
        conn.commit()
    with page_client(seeded_pages_db, "student2@network.test") as client:
        local_html, remote_html = client.get(f"/learn/{local}").text, client.get(f"/learn/{remote}").text
    assert '<video id="video-player"' in local_html and 'src="/static/media/vlans.mp4"' in local_html
    assert "<video" not in remote_html and "cdn.example" not in remote_html


def test_assessments_link_to_the_exam_pages_and_drills_start_there(seeded_pages_db: DatabaseTarget) -> None:
    assessment_id = one(seeded_pages_db, "SELECT content->>'assessment_id' FROM learning_components"
                                        " WHERE slug = 'n10-009-quiz-domain-1'")
    drill_id = component_id(seeded_pages_db, "n10-009-subnetting-drill")
    with new_student(seeded_pages_db) as (client, uid):
        quiz = client.get("/learn/n10-009-quiz-domain-1").text
        drill = client.get("/learn/n10-009-subnetting-drill").text
    assert f'id="open-assessment" href="/exams/{assessment_id}"' in quiz
    assert f'action="/drills/{drill_id}/start"' in drill and 'id="start-drill"' in drill
    assert "10 of them" in text_of(drill) and "15 minutes" in text_of(drill)
    # reading an introduction does not start it: the assessments engine records progress from scores
    assert progress_of(seeded_pages_db, uid, "n10-009-quiz-domain-1")["status"] is None


# --- flashcards ---------------------------------------------------------------------------------------

def deck_cards(target: DatabaseTarget, slug: str = DECK) -> list[dict[str, str]]:
    cards: list[dict[str, str]] = one(target, "SELECT content->'cards' FROM learning_components WHERE slug = %s",
                                      (slug,))
    return cards


def counts(html: str) -> tuple[int, int, int]:
    found = [int(re.search(rf'id="count-{name}">(\d+)<', html)[1]) for name in ("due", "new", "learned")]  # type: ignore[index]
    return found[0], found[1], found[2]


def test_flashcards_flip_and_rating_schedules_the_card(seeded_pages_db: DatabaseTarget) -> None:
    cards = deck_cards(seeded_pages_db)
    first = cards[0]
    with new_student(seeded_pages_db) as (client, uid):
        page = client.get(f"/learn/{DECK}").text
        flipped = client.get(f"/learn/{DECK}", params={"reveal": first["id"]}).text
        rated = htmx(client, "POST", f"/learn/{DECK}/review", {"card": first["id"], "rating": "good"})
        again = htmx(client, "POST", f"/learn/{DECK}/review", {"card": cards[1]["id"], "rating": "again"})
        bad = post_form(client, f"/learn/{DECK}/review", {"card": first["id"], "rating": "perfect"})
    assert counts(page) == (0, len(cards), 0)
    assert 'id="show-answer"' in page and 'id="card-back" tabindex="-1" hidden' in page
    assert text_of(first["back"]) in text_of(flipped) and 'id="card-back" tabindex="-1" >' in flipped
    assert 'id="rate-good"' in flipped and 'id="rate-form"' in flipped
    # the rated card leaves the queue; the next new card is shown with the live-region message
    assert counts(rated.text) == (0, len(cards) - 1, 1)
    assert "Rated “Good”. Next card." in rated.text and text_of(cards[1]["front"]) in text_of(rated.text)
    assert counts(again.text) == (0, len(cards) - 2, 2)  # "again" comes back in a minute, not now
    assert bad.status_code == 422
    saved = progress_of(seeded_pages_db, uid, DECK)
    state = saved["position"]["fsrs"]
    assert set(state) == {first["id"], cards[1]["id"]}
    assert state[first["id"]]["rating"] == 3 and state[cards[1]["id"]]["rating"] == 1
    assert state[first["id"]]["card"]["last_review"] is not None and "card_id" not in state[first["id"]]["card"]
    assert saved["percentage"] == round(200 / len(cards), 2) and saved["status"] == "in_progress"


def test_cards_due_again_come_before_new_ones(seeded_pages_db: DatabaseTarget) -> None:
    cards = deck_cards(seeded_pages_db)
    with new_student(seeded_pages_db) as (client, uid):
        client.get(f"/learn/{DECK}")
        htmx(client, "POST", f"/learn/{DECK}/review", {"card": cards[0]["id"], "rating": "again"})
        # a minute later the card rated "again" is due: it is shown before the remaining new cards
        sql(seeded_pages_db, "UPDATE user_progress SET last_position = jsonb_set(last_position,"
                            " ARRAY['fsrs', %s, 'card', 'due'], to_jsonb((now() - interval '1 minute')::text))"
                            " WHERE user_id = %s", (cards[0]["id"], uid))
        html = client.get(f"/learn/{DECK}").text
    assert counts(html) == (1, len(cards) - 1, 0)
    assert "Due again · last time: Again" in text_of(html) and text_of(cards[0]["front"]) in text_of(html)


def test_reviewing_every_card_completes_the_deck(seeded_pages_db: DatabaseTarget) -> None:
    slug = f"deck-{uuid.uuid4().hex[:8]}"
    cards = [{"id": f"c{i}", "front": f"Question {i}?", "back": f"Answer {i}."} for i in range(3)]
    with connect(seeded_pages_db) as conn:
        make_component(conn, slug=slug, component_type="flashcard", content={"cards": cards})
        conn.commit()
    with new_student(seeded_pages_db) as (client, uid):
        html = client.get(f"/learn/{slug}").text
        session = re.search(r'name="session_id" value="([0-9a-f-]+)"', html)
        assert session is not None
        for card in cards:
            last = htmx(client, "POST", f"/learn/{slug}/review",
                        {"card": card["id"], "rating": "easy", "session_id": session[1]})
        plain = post_form(client, f"/learn/{slug}/review", {"card": "c0", "rating": "good"})
    assert "All caught up" in last.text and "the deck is done" in last.text and counts(last.text) == (0, 0, 3)
    assert "100%" in last.text
    assert plain.status_code == 303 and plain.headers["location"] == f"/learn/{slug}#deck"
    saved = progress_of(seeded_pages_db, uid, slug)
    assert saved["status"] == "completed" and saved["percentage"] == 100
    assert one(seeded_pages_db, "SELECT session_end IS NOT NULL FROM learning_sessions WHERE id = %s", (session[1],))


# --- labs ---------------------------------------------------------------------------------------------

def test_a_lab_is_checked_per_task_without_leaking_answers(seeded_pages_db: DatabaseTarget) -> None:
    wrong = LAB_ANSWERS | {"site_b_subnet": "192.168.50.64/26", "site_c_mask": "m1"}
    with new_student(seeded_pages_db) as (client, uid):
        complete_directly(seeded_pages_db, uid, LAB_PREREQUISITE)
        page = client.get(f"/learn/{LAB}").text
        checked = htmx(client, "POST", f"/learn/{LAB}/check", {f"task-{k}": v for k, v in wrong.items()})
        reload = client.get(f"/learn/{LAB}").text
    assert 'id="check-lab"' in page and "Site A subnet" in page and "255.255.255.240" in page  # options are shown
    assert "192.168.50.64/27" not in page and "192.168.50.112" not in page
    html = checked.text
    for task, result in (("site_a_subnet", "Correct"), ("site_b_subnet", "Not yet"), ("site_c_mask", "Not yet"),
                         ("next_free", "Correct")):
        row = html[html.index(f'id="task-{task}-row"'):]
        assert text_of(row[:row.index("</li>")]).count(result) == 1, task
    assert "3 of 5 tasks are right" in html
    assert "192.168.50.64/27" not in html and "Expected answer" not in html  # the right answer stays hidden
    assert 'value="192.168.50.64/26"' in reload and 'value="m1" selected' in reload  # inputs kept on reload
    saved = progress_of(seeded_pages_db, uid, LAB)
    assert saved["status"] == "in_progress" and saved["percentage"] == 60
    assert saved["position"]["answers"]["site_b_subnet"] == "192.168.50.64/26"


def test_a_lab_with_every_task_right_is_complete(seeded_pages_db: DatabaseTarget) -> None:
    typed = LAB_ANSWERS | {"site_a_subnet": " 192.168.50.0/26 ", "site_c_first_host": "192.168.50.97\t"}
    with new_student(seeded_pages_db) as (client, uid):
        complete_directly(seeded_pages_db, uid, LAB_PREREQUISITE)
        client.get(f"/learn/{LAB}")
        plain = post_form(client, f"/learn/{LAB}/check", {f"task-{k}": v for k, v in typed.items()})
        page = client.get(f"/learn/{LAB}").text
    assert plain.status_code == 303 and plain.headers["location"] == f"/learn/{LAB}#lab"
    assert progress_of(seeded_pages_db, uid, LAB)["status"] == "completed"
    assert "this lab is complete" in text_of(page) and text_of(page).count("Correct") == 5
    assert "Expected answer: 192.168.50.64/27" in text_of(page)  # now that they have it right


def test_show_solution_reveals_the_answers_and_remembers_it(seeded_pages_db: DatabaseTarget) -> None:
    with new_student(seeded_pages_db) as (client, uid):
        complete_directly(seeded_pages_db, uid, LAB_PREREQUISITE)
        page = client.get(f"/learn/{LAB}").text
        shown = htmx(client, "POST", f"/learn/{LAB}/solution")
        reload = client.get(f"/learn/{LAB}").text
    assert 'data-confirm="Show the expected answers?' in page
    assert "Expected answer: 255.255.255.240" in text_of(shown.text)
    assert "Expected answer: 192.168.50.112" in text_of(reload) and 'id="show-solution"' not in reload
    assert progress_of(seeded_pages_db, uid, LAB)["status"] == "in_progress"  # seeing them is not doing them


def test_actions_belong_to_their_viewer(seeded_pages_db: DatabaseTarget) -> None:
    with page_client(seeded_pages_db, "student1@network.test") as client:
        review_a_lesson = post_form(client, "/learn/demo-osi-model-lesson/review", {"card": "x", "rating": "good"})
        section_of_a_deck = post_form(client, f"/learn/{DECK}/sections/0/read")
        no_such_section = post_form(client, "/learn/demo-osi-model-lesson/sections/99/read")
    assert review_a_lesson.status_code == section_of_a_deck.status_code == no_such_section.status_code == 404


def test_the_largest_deck_of_the_pack_keeps_its_whole_schedule_within_8_kb(seeded_pages_db: DatabaseTarget) -> None:
    largest = one(seeded_pages_db, "SELECT max(jsonb_array_length(content->'cards')) FROM learning_components"
                                  " WHERE component_type = 'flashcard'")
    cards = [flashcards.FlashCard(f"n10-009-9.9-fc-{i:03d}", "front", "back") for i in range(largest)]
    schedule: flashcards.Schedule = {}
    for card in cards:  # every card reviewed, several times, with long-lived states
        for rating in (flashcards.RATINGS["again"], flashcards.RATINGS["good"], flashcards.RATINGS["easy"]):
            schedule = flashcards.review(schedule, card.id, rating)
    position = flashcards.dump_schedule(schedule)  # raises when over the limit
    assert flashcards.load_schedule(position, cards).keys() == schedule.keys()
    assert flashcards.deck_state(cards, flashcards.load_schedule(position, cards)).reviewed == largest
