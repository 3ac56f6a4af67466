"""Password rules (OWASP ASVS 5.0 level 2) and bcrypt hashing.

Length 8 to 128, any characters, no composition rules; refused when it is one of the 10,000 most
common passwords (data/common-passwords.txt.gz, see data/SOURCES.md) or the account's own name.
"""

import gzip
from functools import cache
from pathlib import Path

import bcrypt

MIN_LENGTH = 8
MAX_LENGTH = 128
COMMON_PASSWORDS = Path(__file__).parent / "data" / "common-passwords.txt.gz"


@cache
def common_passwords() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip().lower() for line in lines if line.strip())


def password_problem(password: str, *, email: str = "", username: str = "") -> str | None:
    """Why `password` is refused, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    lowered = password.lower()
    if lowered in common_passwords():
        return "This password is one of the most common ones; choose one that is harder to guess."
    if lowered in {email.lower(), email.split("@", maxsplit=1)[0].lower(), username.lower()} - {""}:
        return "Do not use your email address or username as your password."
    return None


def hash_password(password: str, rounds: int) -> str:
    # bcrypt reads at most 72 bytes (bcrypt 5 refuses more), so a longer password counts by its
    # first 72 bytes; the 128-character limit keeps that gap small.
    return bcrypt.hashpw(password.encode()[:72], bcrypt.gensalt(rounds)).decode()


def verify_password(password: str, password_hash: str | None) -> bool:
    """Constant work whether or not the account exists: an unknown user is checked against a dummy hash."""
    candidate = (password_hash or DUMMY_HASH).encode()
    return bcrypt.checkpw(password.encode()[:72], candidate) and password_hash is not None


DUMMY_HASH = bcrypt.hashpw(b"not-a-real-password", bcrypt.gensalt(12)).decode()
