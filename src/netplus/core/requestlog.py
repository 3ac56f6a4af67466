"""One structured (JSON) log line per request, tied together by a request id."""

import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
access_log = logging.getLogger("netplus.access")


def current_request_id() -> str | None:
    return _request_id.get()


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {"time": self.formatTime(record), "level": record.levelname, "logger": record.name,
                                 "message": record.getMessage(), "request_id": current_request_id()}
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger("netplus")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


RouteObserver = Callable[[str, str, int, float], Awaitable[None]]


class RequestLogMiddleware:
    """Gives each request an id (X-Request-ID, echoed back), logs it, and reports its latency."""

    def __init__(self, app: ASGIApp, observe: RouteObserver | None = None) -> None:
        self.app = app
        self.observe = observe

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if 8 <= len(incoming) <= 64 and incoming.isprintable() else uuid.uuid4().hex
        token = _request_id.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed_ms = (time.perf_counter() - started) * 1000
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            access_log.info("%s %s %s", scope["method"], scope["path"], status, extra={"fields": {
                "method": scope["method"], "path": scope["path"], "route": template, "status": status,
                "duration_ms": round(elapsed_ms, 2), "user_id": scope.get("state", {}).get("user_id")}})
            if self.observe is not None:
                await self.observe(scope["method"], template, status, elapsed_ms)
            _request_id.reset(token)
