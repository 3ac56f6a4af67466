"""What the instructor's pages share: the router's guard, lists' pages, and the message after a change."""

from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from netplus.catalog.reference import Domain
from netplus.core.listing import PageRequest
from netplus.web.security import csrf_protect

BASE = "/instructor"
PER_PAGE = 25
Move = Literal["publish", "unpublish", "delete", "restore"]
DONE = {"created": "Saved as a draft. Publish it when it is ready.", "updated": "Your changes are saved.",
        "publish": "Published: learners can see it now.", "unpublish": "Unpublished: it is a draft again.",
        "delete": "Deleted. You can restore it from the list of deleted items.",
        "restore": "Restored as a draft."}
STATES = [("", "All but deleted"), ("draft", "Drafts"), ("published", "Published"), ("deleted", "Deleted")]
DIFFICULTIES = [("beginner", "Beginner"), ("intermediate", "Intermediate"), ("advanced", "Advanced")]


def page_router() -> APIRouter:
    return APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])


def done_flash(request: Request) -> dict[str, str] | None:
    """The confirmation of the change that redirected here (`?done=publish`)."""
    message = DONE.get(request.query_params.get("done", ""))
    return {"kind": "success", "message": message} if message else None


def after(url: str, done: str) -> RedirectResponse:
    return RedirectResponse(f"{url}?done={done}", status_code=303)


def page_request(offset: int) -> PageRequest:
    return PageRequest(PER_PAGE, max(offset, 0))


@dataclass(frozen=True)
class Pager:
    """Links to the previous and next page of a list, keeping its filters."""

    total: int
    first: int  # 1-based number of the first row shown
    last: int
    previous: str | None
    next: str | None


def pager(request: Request, total: int, offset: int, shown: int) -> Pager:
    params = {k: v for k, v in request.query_params.items() if k not in ("offset", "done") and v}

    def link(at: int) -> str:
        return request.url.path + "?" + urlencode(params | ({"offset": str(at)} if at else {}))

    return Pager(total=total, first=offset + 1 if shown else 0, last=offset + shown,
                 previous=link(max(offset - PER_PAGE, 0)) if offset > 0 else None,
                 next=link(offset + PER_PAGE) if offset + shown < total else None)


def filters(request: Request, *names: str) -> dict[str, Any]:
    """The list's filter values as typed (blank ones as None), for the service and the filter form."""
    return {name: (request.query_params.get(name) or "").strip() or None for name in names}


def labelled(codes: list[str], blank: str | None = None) -> list[tuple[str, str]]:
    """(value, text) pairs for a select of codes like "study_guide", with an optional "any" first."""
    return ([("", blank)] if blank else []) + [(c, c.replace("_", " ").capitalize()) for c in codes]


def domain_options(outline: list[Domain], blank: str | None = None) -> list[tuple[str, str]]:
    return ([("", blank)] if blank else []) + [(d.code, f"{d.code} {d.name}") for d in outline]
