"""Opaque cursors for keyset pagination: the sort and the key of the last row, base64url JSON."""

import base64
import binascii
import json
import uuid
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from netplus.core.problems import Problem


def encode_cursor(sort: str, key: list[Any]) -> str:
    raw = json.dumps({"sort": sort, "after": [str(v) if not isinstance(v, int) else v for v in key]},
                     separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def bad_cursor(reason: str) -> Problem:
    return Problem(422, "Invalid request", "The cursor cannot be used.", [{"field": "cursor", "message": reason}])


def integer(value: Any) -> int:
    if not isinstance(value, int):
        raise TypeError(value)
    return value


def decimal(value: Any) -> Decimal:
    number = Decimal(str(value))
    if not number.is_finite():
        raise ValueError(value)
    return number


# How each SQL type of a sort key is read back from a cursor, so a tampered one is a 422, not a 500.
PARSERS: dict[str, Callable[[Any], Any]] = {
    "integer": integer, "numeric": decimal, "text": str, "uuid": lambda v: uuid.UUID(str(v)),
    "timestamptz": lambda v: datetime.fromisoformat(str(v)),
}


def decode_cursor(cursor: str, sort: str, types: list[str]) -> list[Any]:
    """The key after which the next page starts, one value per SQL type in `types`; a 422 naming
    `cursor` when it is not one of ours."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise bad_cursor("This is not a cursor returned by this API.") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("after"), list):
        raise bad_cursor("This is not a cursor returned by this API.")
    if payload.get("sort") != sort:
        raise bad_cursor(f"This cursor belongs to sort={payload.get('sort')}; ask again with that sort.")
    key: list[Any] = payload["after"]
    if len(key) != len(types):
        raise bad_cursor("This is not a cursor returned by this API.")
    try:
        return [PARSERS[t](v) for t, v in zip(types, key, strict=True)]
    except (TypeError, ValueError, InvalidOperation):
        raise bad_cursor("This is not a cursor returned by this API.") from None
