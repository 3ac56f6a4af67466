"""The `netplus` command. Feature packages contribute sub-commands; this only assembles them."""

import sys

import psycopg
import typer
from rich.console import Console

from netplus.analytics.cli import app as analytics_app
from netplus.content.cli import app as content_app
from netplus.core.database import DatabaseUnavailableError
from netplus.database.backup import BackupError
from netplus.database.cli import app as db_app
from netplus.database.pgtools import ToolNotFoundError
from netplus.database.restore import RestoreError
from netplus.demo.seed import ContentProblemsError
from netplus.serve import serve_command
from netplus.web.vendor import app as web_app

app = typer.Typer(help="NetPlus: a learning platform for CompTIA Network+ (N10-009).",
                  no_args_is_help=True, pretty_exceptions_enable=False)
app.add_typer(db_app, name="db")
app.add_typer(content_app, name="content")
app.add_typer(analytics_app, name="analytics")
app.add_typer(web_app, name="web")
app.command("serve")(serve_command)

EXPECTED_ERRORS = (DatabaseUnavailableError, BackupError, RestoreError, ToolNotFoundError, ContentProblemsError)


def main() -> None:
    """Entry point: expected failures end in one line on stderr, never a traceback."""
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        app()
    except EXPECTED_ERRORS as exc:
        err.print(f"[red]netplus: {exc}[/red]")
        sys.exit(1)
    except psycopg.Error as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        err.print(f"[red]netplus: database error: {first_line}[/red]")
        sys.exit(1)
