"""Rate limits on the doors (sign-in, sign-up, reset, verification), with the `limits` library:
Redis when REDIS_URL is set (shared by every process), this process's memory otherwise."""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from limits import RateLimitItem, parse
from limits.aio.storage import Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from netplus.core.problems import Problem

# Sign-in failures count per (account, address) and per address; never per account alone, so an
# attacker cannot lock a real user out from elsewhere.
LOGIN_PER_ACCOUNT_AND_ADDRESS = parse("5/10 minutes")
LOGIN_PER_ADDRESS = parse("30/10 minutes")
REGISTER_PER_ADDRESS = parse("10/hour")
RESET_PER_ADDRESS = parse("10/hour")
RESET_PER_ACCOUNT = parse("3/hour")
VERIFY_PER_ADDRESS = parse("30/hour")
# A signed-in user proving the password again (changing it, deleting the account): wrong guesses count
# per account, so a stolen session cannot be used to guess the password.
PASSWORD_CHECK_PER_ACCOUNT = parse("5/10 minutes")


@dataclass
class Limiter:
    storage: Storage
    strategy: MovingWindowRateLimiter

    @classmethod
    def create(cls, redis_url: str | None) -> "Limiter":
        uri = f"async+{redis_url}" if redis_url else "async+memory://"
        storage = storage_from_string(uri)
        assert isinstance(storage, Storage)  # an async+ URI gives the asyncio storage
        return cls(storage, MovingWindowRateLimiter(storage))

    async def allowed(self, limit: RateLimitItem, *key: str) -> bool:
        return await self.strategy.test(limit, *key)

    async def hit(self, limit: RateLimitItem, *key: str) -> bool:
        return await self.strategy.hit(limit, *key)

    async def require(self, limit: RateLimitItem, *key: str) -> None:
        """Count one attempt; refuse with 429 once the window is full."""
        if not await self.hit(limit, *key):
            raise too_many(limit)


@asynccontextmanager
async def password_check(limiter: Limiter, user_id: uuid.UUID) -> AsyncIterator[None]:
    """Around a step that checks the current password: refused once the wrong guesses fill the window;
    a wrong guess (a refusal naming current_password) counts."""
    key = ("password-check", str(user_id))
    if not await limiter.allowed(PASSWORD_CHECK_PER_ACCOUNT, *key):
        raise too_many(PASSWORD_CHECK_PER_ACCOUNT)
    try:
        yield
    except Problem as problem:
        if any(e.get("field") == "current_password" for e in problem.errors):
            await limiter.hit(PASSWORD_CHECK_PER_ACCOUNT, *key)
        raise


def too_many(limit: RateLimitItem) -> Problem:
    seconds = limit.get_expiry()
    return Problem(429, "Too many attempts", f"Too many attempts; try again in {max(1, seconds // 60)} minutes.",
                   headers={"Retry-After": str(seconds)})
