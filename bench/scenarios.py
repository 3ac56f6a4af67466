"""The hot paths measured, each as a list of requests spread over many bench users.

A line is METHOD <tab> PATH <tab> TOKEN <tab> BODY; replay.lua sends them round-robin.
"""

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from psycopg import Connection

Conn = Connection[Any]
SAMPLE = 2000  # users per scenario


@dataclass(frozen=True)
class Scenario:
    name: str
    prepare: Callable[[Conn, random.Random], list[str]]


def line(method: str, path: str, n: int, body: dict[str, Any] | None = None) -> str:
    return f"{method}\t{path}\tbench-token-{n}\t{json.dumps(body) if body is not None else ''}\n"


def users(conn: Conn, rng: random.Random) -> list[int]:
    row = conn.execute("SELECT count(*) FROM users WHERE email LIKE 'bench%%@bench.test'").fetchone()
    total = int(row[0]) if row else 0
    return rng.sample(range(1, total + 1), min(SAMPLE, total))


def dashboard(conn: Conn, rng: random.Random) -> list[str]:
    return [line("GET", "/api/v1/me/dashboard", n) for n in users(conn, rng)]


def catalog(conn: Conn, rng: random.Random) -> list[str]:
    """The first page (20 cards, with the user's progress and locks) of a domain or of a search."""
    domains = ["1.0", "2.0", "3.0", "4.0", "5.0"]
    searches = ["subnet", "vlan", "dns", "firewall", "troubleshooting"]
    return [line("GET", f"/api/v1/components?domain={rng.choice(domains)}&limit=20" if rng.random() < 0.7
                 else f"/api/v1/components?q={rng.choice(searches)}&limit=20", n)
            for n in users(conn, rng)]


def checkpoint_ids(conn: Conn) -> list[str]:
    return [str(r[0]) for r in conn.execute(
        "SELECT id FROM assessments WHERE assessment_type = 'checkpoint' AND is_published ORDER BY slug").fetchall()]


def start_attempt(conn: Conn, rng: random.Random) -> list[str]:
    """The first request of a user starts an attempt; the next ones resume it (one open attempt each)."""
    checkpoints = checkpoint_ids(conn)
    return [line("POST", f"/api/v1/assessments/{checkpoints[n % len(checkpoints)]}/attempts", n)
            for n in users(conn, rng)]


OPEN_ATTEMPTS = """
SELECT substring(u.username FROM 6)::int, a.id, a.question_order[1], q.correct_answer
FROM assessment_attempts a JOIN users u ON u.id = a.user_id
JOIN question_bank q ON q.id = a.question_order[1]
WHERE a.status = %s AND u.email LIKE 'bench%%@bench.test'
"""


def save_answer(conn: Conn, rng: random.Random) -> list[str]:
    """Saving (and re-saving, as students change their minds) the first answer of open attempts."""
    rows = conn.execute(OPEN_ATTEMPTS, ("in_progress",)).fetchall()
    return [line("PUT", f"/api/v1/attempts/{attempt}/answers/{question}", n,
                 {"answer": answer, "flagged_for_review": False, "time_spent_seconds": 30})
            for n, attempt, question, answer in rows]


def submit(conn: Conn, rng: random.Random) -> list[str]:
    """The first submit of an attempt scores it; repeats return the stored result."""
    rows = conn.execute(OPEN_ATTEMPTS, ("in_progress",)).fetchall()
    return [line("POST", f"/api/v1/attempts/{attempt}/submit", n) for n, attempt, _, _ in rows]


def dashboard_html(conn: Conn, rng: random.Random) -> list[str]:
    """The dashboard page: the API's dashboard plus streak, achievements, goals, calendar, trend, attempts."""
    return [line("GET", "/dashboard", n) for n in users(conn, rng)]


def catalog_html(conn: Conn, rng: random.Random) -> list[str]:
    """The catalog page of a domain: 24 cards with progress and locks, and the filter form's outline."""
    return [line("GET", f"/catalog?domain={rng.choice(['1.0', '2.0', '3.0', '4.0', '5.0'])}", n)
            for n in users(conn, rng)]


def exams_html(conn: Conn, rng: random.Random) -> list[str]:
    return [line("GET", "/exams", n) for n in users(conn, rng)]


SCENARIOS = [Scenario("dashboard", dashboard), Scenario("catalog_page", catalog),
             Scenario("start_attempt", start_attempt), Scenario("save_answer", save_answer),
             Scenario("submit", submit), Scenario("dashboard_html", dashboard_html),
             Scenario("catalog_html", catalog_html), Scenario("exams_html", exams_html)]
