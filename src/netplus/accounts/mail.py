"""Mail goes into the outbox table (in the same transaction as what caused it) and into the log; with
SMTP_HOST set, a background sender delivers the outbox."""

import asyncio
import logging
import smtplib
import uuid
from email.message import EmailMessage

from psycopg_pool import AsyncConnectionPool

from netplus.accounts import queries
from netplus.core.config import Settings
from netplus.core.pool import AsyncConn, user_transaction

log = logging.getLogger(__name__)


async def queue_mail(conn: AsyncConn, *, user_id: uuid.UUID | None, to: str, subject: str, body: str,
                     log_body: bool) -> None:
    """Queue a message. Without an SMTP server (development, the demo), the log shows the whole
    message so its link can be followed; otherwise only who it is for and what it is about."""
    await conn.execute(queries.INSERT_MAIL, (user_id, to, subject, body))
    if log_body:
        log.info("mail to %s: %s\n%s", to, subject, body)
    else:
        log.info("mail to %s: %s", to, subject)


PENDING = """
SELECT id, to_address, subject, body_text FROM mail_outbox
WHERE sent_at IS NULL AND attempts < %s
ORDER BY created_at, id LIMIT %s
FOR UPDATE SKIP LOCKED
"""
MARK_SENT = "UPDATE mail_outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = %s"
MARK_FAILED = "UPDATE mail_outbox SET attempts = attempts + 1, last_error = %s WHERE id = %s"
MAX_ATTEMPTS = 5


def deliver(settings: Settings, to: str, subject: str, body: str) -> None:
    """Send one message over SMTP (STARTTLS on 587, TLS on 465), blocking; run it in a thread."""
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    assert settings.smtp_host is not None
    smtp_class = smtplib.SMTP_SSL if settings.smtp_port == 465 else smtplib.SMTP
    with smtp_class(settings.smtp_host, settings.smtp_port, timeout=15) as smtp:
        if settings.smtp_port == 587:
            smtp.starttls()
        if settings.smtp_user and settings.smtp_password:
            smtp.login(settings.smtp_user, settings.smtp_password.get_secret_value())
        smtp.send_message(message)


async def send_pending(pool: AsyncConnectionPool[AsyncConn], settings: Settings, *, limit: int = 50) -> int:
    """Send what the outbox holds; returns how many went out. Rows are locked while they are sent
    (SKIP LOCKED lets several senders share the outbox); a failure is recorded and retried, up to
    MAX_ATTEMPTS times."""
    sent = 0
    async with user_transaction(pool, None) as conn:
        for mail_id, to, subject, body in await (await conn.execute(PENDING, (MAX_ATTEMPTS, limit))).fetchall():
            try:
                await asyncio.to_thread(deliver, settings, str(to), str(subject), str(body))
            except (OSError, smtplib.SMTPException) as exc:
                log.warning("could not send mail %s to %s: %s", mail_id, to, exc)
                await conn.execute(MARK_FAILED, (f"{type(exc).__name__}: {exc}"[:1000], mail_id))
            else:
                await conn.execute(MARK_SENT, (mail_id,))
                sent += 1
    return sent


async def run_sender(pool: AsyncConnectionPool[AsyncConn], settings: Settings, interval: float = 10) -> None:
    """The service's background sender, started when SMTP_HOST is set."""
    while True:
        try:
            await send_pending(pool, settings)
        except Exception:  # the sender must outlive a database or SMTP outage
            log.exception("mail sender failed")
        await asyncio.sleep(interval)
