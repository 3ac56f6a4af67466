"""The front-end assets NetPlus serves itself, copied from their npm packages (`netplus web vendor`).

The copies are committed, so installing NetPlus needs no Node.js; `package.json` pins the versions
and `tests/web/test_vendor.py` checks that the copies are still byte-for-byte those packages' files.
"""

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

STATIC = Path(__file__).parent / "static"
VENDOR = STATIC / "vendor"

# The icons the pages use, by lucide name; they are gathered into one sprite (icons.svg#name).
ICONS = (
    "layout-dashboard", "library", "timer", "target", "trophy", "user", "settings", "log-out", "flame",
    "snowflake", "book-open", "video", "layers", "flask-conical", "monitor-cog", "clipboard-check",
    "file-text", "graduation-cap", "lock", "check", "x", "flag", "chevron-left", "chevron-right", "search",
    "pencil", "shield", "chart-column", "users", "refresh-cw", "menu", "circle-check", "circle-alert",
    "info", "clock", "rotate-ccw", "plus", "eye", "play", "list", "notebook-pen", "triangle-alert",
)


@dataclass(frozen=True)
class Copied:
    package: str
    source: str  # inside the package
    target: str  # inside static/vendor


COPIED = (
    Copied("htmx.org", "dist/htmx.min.js", "htmx/htmx.min.js"),
    Copied("htmx.org", "LICENSE", "htmx/LICENSE"),
    Copied("@fontsource-variable/inter", "files/inter-latin-wght-normal.woff2", "fonts/inter-latin-wght-normal.woff2"),
    Copied("@fontsource-variable/inter", "LICENSE", "fonts/inter-LICENSE"),
    Copied("@fontsource/atkinson-hyperlegible", "files/atkinson-hyperlegible-latin-400-normal.woff2",
           "fonts/atkinson-hyperlegible-latin-400-normal.woff2"),
    Copied("@fontsource/atkinson-hyperlegible", "files/atkinson-hyperlegible-latin-700-normal.woff2",
           "fonts/atkinson-hyperlegible-latin-700-normal.woff2"),
    Copied("@fontsource/atkinson-hyperlegible", "LICENSE", "fonts/atkinson-hyperlegible-LICENSE"),
    Copied("lucide-static", "LICENSE", "icons/LICENSE"),
    Copied("swagger-ui-dist", "swagger-ui-bundle.js", "swagger-ui/swagger-ui-bundle.js"),
    Copied("swagger-ui-dist", "swagger-ui.css", "swagger-ui/swagger-ui.css"),
    Copied("swagger-ui-dist", "LICENSE", "swagger-ui/LICENSE"),
)

SVG_OPEN = re.compile(r"<svg\b[^>]*>", re.S)


def icon_symbol(name: str, svg: str) -> str:
    """One lucide icon as a <symbol>: its drawing, with the stroke attributes the sprite's <use> inherits."""
    body = SVG_OPEN.split(svg, maxsplit=1)[1].rsplit("</svg>", 1)[0].strip()
    body = "\n".join(line.strip() for line in body.splitlines() if line.strip())
    return (f'<symbol id="{name}" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" '
            f'stroke-linecap="round" stroke-linejoin="round">{body}</symbol>')


def icon_sprite(node_modules: Path) -> str:
    symbols = [icon_symbol(name, (node_modules / "lucide-static" / "icons" / f"{name}.svg").read_text())
               for name in ICONS]
    return ('<svg xmlns="http://www.w3.org/2000/svg">\n<!-- lucide-static icons, ISC licence (icons/LICENSE) -->\n'
            + "\n".join(symbols) + "\n</svg>\n")


def vendor_assets(node_modules: Path, vendor: Path = VENDOR) -> list[Path]:
    written = []
    for item in COPIED:
        target = vendor / item.target
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(node_modules / item.package / item.source, target)
        written.append(target)
    sprite = vendor / "icons" / "icons.svg"
    sprite.write_text(icon_sprite(node_modules))
    written.append(sprite)
    return written


app = typer.Typer(help="The web application's assets.", no_args_is_help=True)


@app.command("vendor")
def vendor_command(node_modules: Annotated[Path, typer.Option(help="where `npm ci` installed")] = Path("node_modules"),
                   ) -> None:
    """Copy htmx, the fonts, the icons and Swagger UI from node_modules into the package's static folder."""
    if not (node_modules / "htmx.org").is_dir():
        raise typer.BadParameter(f"{node_modules} has no htmx.org: run `npm ci` first", param_hint="--node-modules")
    for path in vendor_assets(node_modules):
        typer.echo(f"wrote {path.relative_to(STATIC)}")
