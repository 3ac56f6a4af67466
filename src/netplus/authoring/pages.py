"""The instructor's pages (/instructor): overview, components, questions, assessments and learners."""

from fastapi import Request
from fastapi.responses import Response

from netplus.accounts.dependencies import PoolDep
from netplus.authoring import assessment_pages, component_pages, learner_pages, question_pages, reference
from netplus.authoring.page_kit import BASE, page_router
from netplus.web.session import StaffPage
from netplus.web.templating import render

router = page_router()


@router.get(BASE)
async def overview(request: Request, staff: StaffPage, pool: PoolDep) -> Response:
    return render(request, "authoring/overview.html", {
        "title": "Instructor", "counts": await reference.state_counts(pool, staff),
        "changes": await reference.recent_changes(pool, staff)})


router.include_router(component_pages.router)
router.include_router(question_pages.router)
router.include_router(assessment_pages.router)
router.include_router(learner_pages.router)
