"""`netplus serve`: the platform over HTTP (uvicorn)."""

from typing import Annotated

import typer
import uvicorn

from netplus.core.app import create_app
from netplus.core.config import get_settings
from netplus.core.requestlog import configure_logging


def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    demo: Annotated[bool, typer.Option(help="Migrate the database and load the demo data first.")] = False,
) -> None:
    """Serve the web application and the JSON API (OpenAPI at /openapi.json, docs at /docs, health at /healthz)."""
    from netplus.database.cli import seed_into, target
    from netplus.database.migrate import upgrade

    settings = get_settings()
    t = target()
    if demo:
        upgrade(t)
        seed_into(t)
        settings = settings.model_copy(update={"demo_outbox": True})
    configure_logging()
    typer.echo(f"NetPlus on http://{host}:{port} (API docs at /docs), database {t.dbname!r} at {t.location}")
    if demo:
        typer.echo(f"Demo mode: sign in as student1@network.test / password123; mail is shown at http://{host}:{port}/outbox")
    uvicorn.run(create_app(settings, t), host=host, port=port, log_config=None, access_log=False)
