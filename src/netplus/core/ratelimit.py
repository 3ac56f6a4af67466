"""Rate limits on the doors (sign-in, sign-up, reset, verification), with the `limits` library:
Redis when REDIS_URL is set (shared by every process), this process's memory otherwise."""

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


def too_many(limit: RateLimitItem) -> Problem:
    seconds = limit.get_expiry()
    return Problem(429, "Too many attempts", f"Too many attempts; try again in {max(1, seconds // 60)} minutes.",
                   headers={"Retry-After": str(seconds)})
