"""Errors as RFC 9457 problem details (application/problem+json). No traceback or SQL reaches a client."""

import logging
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from netplus.core.requestlog import current_request_id

log = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"


@dataclass
class Problem(Exception):  # noqa: N818 - named after RFC 9457's "problem details"
    """A failure the client should read: raise it from a service function."""

    status: int
    title: str
    detail: str | None = None
    errors: list[dict[str, str]] = field(default_factory=list)  # field-level reasons
    headers: dict[str, str] = field(default_factory=dict)

    def body(self, instance: str) -> dict[str, Any]:
        body: dict[str, Any] = {"type": "about:blank", "title": self.title, "status": self.status,
                                "instance": instance, "request_id": current_request_id()}
        if self.detail:
            body["detail"] = self.detail
        if self.errors:
            body["errors"] = self.errors
        return body


def not_found(what: str) -> Problem:
    return Problem(404, "Not found", f"No such {what}.")


def forbidden(detail: str = "You may not do this.") -> Problem:
    return Problem(403, "Forbidden", detail)


def conflict(detail: str, errors: list[dict[str, str]] | None = None) -> Problem:
    return Problem(409, "Conflict", detail, errors or [])


def respond(problem: Problem, request: Request) -> Response:
    page_error = getattr(request.app.state, "page_error", None)  # the web application's error pages
    if page_error is not None and (page := page_error(request, problem)) is not None:
        return page  # type: ignore[no-any-return]
    return JSONResponse(problem.body(request.url.path), status_code=problem.status, media_type=PROBLEM_JSON,
                        headers=problem.headers)


def field_name(loc: tuple[int | str, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts) or str(loc[0] if loc else "request")


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def on_problem(request: Request, exc: Problem) -> Response:
        return respond(exc, request)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"field": field_name(tuple(e.get("loc", ()))), "message": str(e.get("msg", "invalid"))}
                  for e in exc.errors()]
        return respond(Problem(422, "Invalid request", "Some fields are missing or invalid.", errors), request)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        title = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, "Request failed")
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail not in ("Not Found",) else None
        return respond(Problem(exc.status_code, title, detail, headers=dict(exc.headers or {})), request)

    @app.exception_handler(Exception)
    async def on_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return respond(Problem(500, "Internal error", "Something went wrong on our side; it has been logged."),
                       request)
