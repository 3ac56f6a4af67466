"""Opaque random tokens (256 bits) for sessions and email links; only their SHA-256 is stored."""

import hashlib
import secrets


def new_token() -> tuple[str, bytes]:
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()
