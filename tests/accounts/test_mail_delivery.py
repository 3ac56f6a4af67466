"""With SMTP configured, the outbox is delivered to a real SMTP server; failures are kept for retry."""

import asyncio
import socket
from collections.abc import Iterator
from email import message_from_bytes
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from netplus.accounts.mail import send_pending
from netplus.core.database import DatabaseTarget, connect
from netplus.core.pool import create_pool
from tests.api import service_settings


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def queue(target: DatabaseTarget, *addresses: str) -> None:
    with connect(target) as conn:
        for address in addresses:
            conn.execute("INSERT INTO mail_outbox (to_address, subject, body_text) VALUES (%s, 'Hello', 'Body')",
                         (address,))
        conn.commit()


def send(target: DatabaseTarget, port: int) -> int:
    settings = service_settings(smtp_host="127.0.0.1", smtp_port=port)

    async def run() -> int:
        pool = create_pool(settings, target)
        await pool.open()
        try:
            return await send_pending(pool, settings)
        finally:
            await pool.close()
    return asyncio.run(run())


def test_the_outbox_is_delivered_once(fresh_db: DatabaseTarget, smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    queue(fresh_db, "a@example.test", "b@example.test")
    assert send(fresh_db, port) == 2
    assert sorted(m["To"] for m in inbox.messages) == ["a@example.test", "b@example.test"]
    assert inbox.messages[0]["Subject"] == "Hello"
    assert send(fresh_db, port) == 0  # nothing is sent twice
    with connect(fresh_db) as conn:
        assert conn.execute("SELECT count(*) FROM mail_outbox WHERE sent_at IS NOT NULL").fetchone() == (2,)


def test_a_failure_is_recorded_and_retried_later(fresh_db: DatabaseTarget, smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    queue(fresh_db, "c@example.test")
    assert send(fresh_db, free_port()) == 0  # nobody listens there
    with connect(fresh_db) as conn:
        row = conn.execute("SELECT sent_at, attempts, last_error IS NOT NULL FROM mail_outbox").fetchone()
    assert row == (None, 1, True)
    assert send(fresh_db, port) == 1
    assert [m["To"] for m in inbox.messages] == ["c@example.test"]
