"""/instructor/learners: the students with their statistics, and one student's progress and attempts."""

import uuid

from fastapi import Request
from fastapi.responses import Response

from netplus.accounts.dependencies import PoolDep
from netplus.analytics import learners
from netplus.authoring.page_kit import BASE, filters, page_request, page_router, pager
from netplus.web.session import StaffPage
from netplus.web.templating import render

router = page_router()
RECENT_ATTEMPTS = 20


@router.get(f"{BASE}/learners")
async def list_page(request: Request, staff: StaffPage, pool: PoolDep, offset: int = 0) -> Response:
    chosen = filters(request, "q")
    page = await learners.list_learners(pool, staff, page_request(offset), q=chosen["q"])
    return render(request, "authoring/learners.html", {
        "title": "Learners", "page": page, "values": chosen,
        "pager": pager(request, page.total, page.offset, len(page.items))})


@router.get(f"{BASE}/learners/{{user_id}}")
async def detail_page(request: Request, user_id: uuid.UUID, staff: StaffPage, pool: PoolDep) -> Response:
    detail = await learners.learner_detail(pool, staff, user_id, attempts=RECENT_ATTEMPTS)
    who = detail.learner.display_name or detail.learner.username
    return render(request, "authoring/learner.html", {"title": who, "who": who, "d": detail})
