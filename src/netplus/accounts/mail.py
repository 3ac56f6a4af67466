"""Mail goes into the outbox table (in the same transaction as what caused it) and into the log."""

import logging
import uuid

from netplus.accounts import queries
from netplus.core.pool import AsyncConn

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
