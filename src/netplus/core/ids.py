"""Stable ids for rows loaded from files: the same slug or code always gives the same UUID, so a
loader that runs again finds its rows instead of duplicating them."""

import uuid

ID_NAMESPACE = uuid.UUID("6f1d3c52-8a4e-4b8f-9a57-0e3d2c1b9a10")


def stable_id(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(ID_NAMESPACE, f"{kind}:{key}")
