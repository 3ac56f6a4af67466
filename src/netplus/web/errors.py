"""Errors on pages: the friendly 403/404/500 pages, and sign-in redirects.

The API's handlers (core/problems.py) ask `page_error` first; it answers for page paths and leaves
/api, /healthz and the API docs to the problem+json responses.
"""

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from netplus.core.problems import Problem
from netplus.web.session import LoginRequiredError, login_url
from netplus.web.templating import render

NOT_PAGES = ("/api/", "/healthz", "/openapi.json", "/docs", "/static/")
TITLES = {400: "That request did not work", 401: "Please sign in", 403: "You can't open this page",
          404: "We couldn't find that page", 405: "That can't be done here", 409: "That changed in the meantime",
          422: "Something in the request was not right", 429: "Slow down a little",
          500: "Something went wrong on our side", 503: "NetPlus is unavailable right now"}


def is_page(request: Request) -> bool:
    return not request.url.path.startswith(NOT_PAGES)


def page_error(request: Request, problem: Problem) -> Response | None:
    if not is_page(request):
        return None
    if problem.status == 401:
        return sign_in_redirect(request, LoginRequiredError(request.url.path))
    title = TITLES.get(problem.status, problem.title)
    if request.headers.get("hx-request"):
        # htmx does not swap error responses by default; show the message where the page expects it
        message = {"kind": "error", "message": problem.detail or title}
        return render(request, "web/flash.html", {"flash": message},
                      status_code=200 if problem.status < 500 else problem.status,
                      headers=problem.headers | {"HX-Retarget": "#flash", "HX-Reswap": "innerHTML"})
    return render(request, "web/error.html", {"status": problem.status, "title": title, "detail": problem.detail},
                  status_code=problem.status, headers=problem.headers)


def sign_in_redirect(request: Request, exc: LoginRequiredError) -> Response:
    url = login_url(exc.next_url)
    if request.headers.get("hx-request"):
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)
