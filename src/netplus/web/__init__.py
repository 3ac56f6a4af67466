"""The web application: server-rendered pages (Jinja2 + htmx) over the same service functions as the API.

Shared parts live here (layout, templating, CSRF, security headers, error pages, charts, Markdown);
each feature's pages live in its own package, as `pages.py` beside `templates/<feature>/`.
"""
