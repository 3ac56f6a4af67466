"""`netplus analytics rollup [--date YYYY-MM-DD]`: the daily component rollup."""

from datetime import datetime
from typing import Annotated

import typer
from rich.console import Console

from netplus.analytics.rollup import oldest_rollup_day, rollup_components, yesterday_utc
from netplus.core.database import connection

app = typer.Typer(help="Analytics: the daily rollups.", no_args_is_help=True)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


@app.command("rollup")
def rollup_command(
    day: Annotated[datetime | None, typer.Option(
        "--date", formats=["%Y-%m-%d"], help="The UTC day to compute; default: yesterday (UTC).")] = None,
) -> None:
    """Compute component_analytics for one UTC day from sessions, progress and attempts; running it again
    for the same day gives the same rows."""
    from netplus.database.cli import require_migrated, target

    when = day.date() if day else yesterday_utc()
    t = target()
    require_migrated(t)
    with connection(t) as conn, conn.transaction():
        if when < (oldest := oldest_rollup_day(conn)):
            err.print(f"[red]netplus: {when} is before {oldest}: the weekly maintenance has deleted that day's "
                      "learning sessions, so it cannot be recomputed[/red]")
            raise typer.Exit(1)
        written, rows = rollup_components(conn, when)
    out.print(f"component_analytics for {when} (UTC): {rows} rows, {written} written or changed.")
