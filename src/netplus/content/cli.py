"""`netplus content validate|load [PATH]`: check exam packs, and load them into the database."""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from netplus.content.checks import check_pack
from netplus.content.interchange_cli import export_command, import_command
from netplus.content.loader import load_pack
from netplus.content.pack import Pack, pack_roots, read_pack
from netplus.core.config import get_settings
from netplus.core.database import connection

app = typer.Typer(help="Exam content: validate, load, import and export.", no_args_is_help=True)
app.command("export")(export_command)
app.command("import")(import_command)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

PathArgument = Annotated[Path | None, typer.Argument(
    help="An exam folder (holding exam.yaml) or a folder of them; default: CONTENT_DIR.")]


def read_checked(path: Path | None) -> list[tuple[Pack, list[str]]]:
    root = path or get_settings().resolved_content_dir
    roots = pack_roots(root)
    if not roots:
        err.print(f"[red]netplus: no exam pack (a folder with exam.yaml) in {root}[/red]")
        raise typer.Exit(1)
    return [(pack, [str(p) for p in check_pack(pack)]) for pack in map(read_pack, roots)]


@app.command("validate")
def validate_command(path: PathArgument = None) -> None:
    """Report every problem of the packs, each with its file and line; exit 1 if there is any."""
    failed = False
    for pack, problems in read_checked(path):
        for problem in problems:
            out.print(problem, markup=False)
        failed |= bool(problems)
        summary = (f"{pack.root}: {len(pack.objectives)} objectives, {len(pack.questions)} questions, "
                   f"{sum(len(o.deck.cards) for o in pack.objectives if o.deck)} flashcards")
        out.print(f"{summary}: {len(problems)} problems" if problems else f"{summary}: valid")
    if failed:
        raise typer.Exit(1)


@app.command("load")
def load_command(path: PathArgument = None) -> None:
    """Validate, then upsert the packs in one transaction (again and again, without duplicates)."""
    from netplus.database.cli import require_migrated, target

    checked = read_checked(path)
    if any(problems for _, problems in checked):
        for _, problems in checked:
            for problem in problems:
                err.print(problem, markup=False)
        err.print("[red]netplus: nothing was loaded; fix the problems above first[/red]")
        raise typer.Exit(1)
    t = target()
    require_migrated(t)
    with connection(t) as conn, conn.transaction():
        for pack, _ in checked:
            written = load_pack(conn, pack)
            out.print(f"Loaded {pack.root}: " + ", ".join(f"{table} {n}" for table, n in written.items())
                      + " rows written or changed.")
