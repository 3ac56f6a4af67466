"""Mounting the web application on the FastAPI app: static files, security headers, error pages, pages."""

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from netplus.core.config import Settings
from netplus.web.errors import page_error, sign_in_redirect
from netplus.web.security import SecurityHeadersMiddleware, csrf_protect
from netplus.web.session import LoginRequiredError, MaybeUser
from netplus.web.templating import STATIC, render

home = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])


@home.get("/")
async def landing(request: Request, signed_in: MaybeUser) -> Response:
    if signed_in is not None:
        return RedirectResponse("/dashboard", status_code=303)
    return render(request, "web/landing.html", {"title": "Prepare for CompTIA Network+"})


def page_routers() -> list[APIRouter]:
    from netplus.accounts.pages import router as accounts_pages
    from netplus.admin.pages import router as admin_pages
    from netplus.analytics.pages import router as analytics_pages
    from netplus.assessments.pages import router as assessments_pages
    from netplus.authoring.pages import router as authoring_pages
    from netplus.catalog.pages import router as catalog_pages
    from netplus.me.pages import router as me_pages

    return [home, accounts_pages, me_pages, catalog_pages, assessments_pages, authoring_pages, admin_pages,
            analytics_pages]


def install_web(app: FastAPI, settings: Settings) -> None:
    app.state.page_error = page_error
    app.add_middleware(SecurityHeadersMiddleware, https=settings.public_base_url.startswith("https://"))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(LoginRequiredError)
    async def on_login_required(request: Request, exc: LoginRequiredError) -> Response:
        return sign_in_redirect(request, exc)

    @app.get("/docs", include_in_schema=False)
    async def api_docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="NetPlus API",
                                   swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/static/img/favicon.svg")

    for router in page_routers():
        app.include_router(router)
