"""Learning sessions: the clock of study time. Minutes goals and the dashboard's "today" read them.

- start: a row with session_start = now() and the device type from the User-Agent (progress.device);
- interactions: interaction_count grows by the deltas sent while the session is open;
- end: session_end = now() and duration_minutes = the elapsed time rounded to the nearest minute,
  at most MAX_SESSION_MINUTES (a tab left open overnight does not fill a week's goal). Ending an ended
  session changes nothing and returns it as it is.
Start and end are learning activities (streak, goals, achievements); an end between midnight and
05:00 in the user's time zone is the `night_owl` event.
"""

import uuid
from typing import Any

from psycopg import sql
from psycopg.types.json import Jsonb

from netplus.accounts.service import SignedIn
from netplus.catalog.cursor import decode_cursor, encode_cursor
from netplus.catalog.service import find_component
from netplus.core.activity import Client
from netplus.core.pool import AsyncConn
from netplus.core.problems import conflict, not_found
from netplus.core.rows import Row, fetch_all, fetch_one
from netplus.progress.device import device_type
from netplus.progress.events import record_learning_activity

MAX_SESSION_MINUTES = 240
NIGHT_OWL_BEFORE_HOUR = 5
COLUMNS = sql.SQL("id, component_id, session_start, session_end, duration_minutes, interaction_count, device_type,"
                  " session_data")

INSERT = sql.SQL("""
INSERT INTO learning_sessions (user_id, component_id, device_type, session_data) VALUES (%s, %s, %s, %s)
RETURNING {columns}
""").format(columns=COLUMNS)
INTERACT = sql.SQL("""
UPDATE learning_sessions SET interaction_count = interaction_count + %s
WHERE id = %s AND user_id = %s AND session_end IS NULL
RETURNING {columns}
""").format(columns=COLUMNS)
END = sql.SQL("""
UPDATE learning_sessions SET session_end = now(),
    duration_minutes = least(round(extract(epoch FROM now() - session_start) / 60), %s)::integer
WHERE id = %s AND user_id = %s AND session_end IS NULL
RETURNING {columns}
""").format(columns=COLUMNS)
ONE = sql.SQL("SELECT {} FROM learning_sessions WHERE id = %s AND user_id = %s").format(COLUMNS)
LOCAL_HOUR = """
SELECT extract(hour FROM now() AT TIME ZONE coalesce(
    (SELECT timezone FROM user_profiles WHERE user_id = %s), 'UTC'))::integer
"""


async def start(conn: AsyncConn, signed_in: SignedIn, client: Client, *, component_id: uuid.UUID | None,
                session_data: dict[str, Any]) -> Row:
    user_id = signed_in.user.id
    component = await find_component(conn, str(component_id), signed_in) if component_id else None
    row = await fetch_one(conn, INSERT, (user_id, component.id if component else None,
                                         device_type(client.user_agent), Jsonb(session_data)))
    assert row is not None
    outcome = await record_learning_activity(
        conn, user_id, "session.start", "Started a study session", client=client, resource_type="learning_session",
        resource_id=row["id"], metadata={"component_id": str(component.id) if component else None,
                                         "device_type": row["device_type"]})
    return row | {"achievements_awarded": outcome.achievements_awarded}


async def interact(conn: AsyncConn, signed_in: SignedIn, session_id: uuid.UUID, delta: int) -> Row:
    row = await fetch_one(conn, INTERACT, (delta, session_id, signed_in.user.id))
    if row is None:
        await owned(conn, signed_in, session_id)  # 404 when it is not ours
        raise conflict("This session has ended; start a new one.")
    return row


async def end(conn: AsyncConn, signed_in: SignedIn, session_id: uuid.UUID, client: Client) -> Row:
    user_id = signed_in.user.id
    row = await fetch_one(conn, END, (MAX_SESSION_MINUTES, session_id, user_id))
    if row is None:
        return await owned(conn, signed_in, session_id)  # already ended: as it is
    hour = await (await conn.execute(LOCAL_HOUR, (user_id,))).fetchone()
    night = hour is not None and int(hour[0]) < NIGHT_OWL_BEFORE_HOUR
    outcome = await record_learning_activity(
        conn, user_id, "session.end", f"Studied for {row['duration_minutes']} minutes", client=client,
        resource_type="learning_session", resource_id=session_id,
        metadata={"duration_minutes": row["duration_minutes"], "interaction_count": row["interaction_count"]},
        events=frozenset({"night_owl"}) if night else frozenset())
    return row | {"achievements_awarded": outcome.achievements_awarded}


async def owned(conn: AsyncConn, signed_in: SignedIn, session_id: uuid.UUID) -> Row:
    row = await fetch_one(conn, ONE, (session_id, signed_in.user.id))
    if row is None:
        raise not_found("learning session")
    return row


async def history(conn: AsyncConn, signed_in: SignedIn, *, limit: int, cursor: str | None) -> dict[str, Any]:
    """The user's sessions, newest first, by keyset on (session_start, id)."""
    params: dict[str, Any] = {"user": signed_in.user.id, "limit": limit + 1}
    after = sql.SQL("")
    if cursor:
        params["start"], params["id"] = decode_cursor(cursor, "sessions", ["timestamptz", "uuid"])
        after = sql.SQL("AND (session_start, id) < (%(start)s::timestamptz, %(id)s::uuid)")
    rows = await fetch_all(conn, sql.SQL(
        "SELECT {} FROM learning_sessions WHERE user_id = %(user)s {} ORDER BY session_start DESC, id DESC"
        " LIMIT %(limit)s").format(COLUMNS, after), params)
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": rows, "next_cursor": encode_cursor("sessions", [rows[-1]["session_start"], rows[-1]["id"]])
            if more else None}
