"""The vendored front-end assets are exactly the files of the npm packages package.json pins."""

import json
import os
from pathlib import Path

import pytest

from netplus.web.vendor import COPIED, VENDOR, icon_sprite

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"


@pytest.fixture(scope="module")
def node_modules() -> Path:
    if not (NODE_MODULES / "htmx.org").is_dir():
        if os.environ.get("NETPLUS_BROWSER_TESTS") == "required":
            pytest.fail("node_modules is missing: run npm ci")
        pytest.skip("node_modules is missing (npm ci)")
    return NODE_MODULES


def test_installed_packages_are_the_pinned_versions(node_modules: Path) -> None:
    pinned = json.loads((ROOT / "package.json").read_text())
    for name, version in (pinned["dependencies"] | pinned["devDependencies"]).items():
        installed = json.loads((node_modules / name / "package.json").read_text())["version"]
        assert installed == version, name


def test_vendored_files_are_byte_for_byte_the_packages_files(node_modules: Path) -> None:
    for item in COPIED:
        assert (VENDOR / item.target).read_bytes() == (node_modules / item.package / item.source).read_bytes(), \
            f"{item.target} differs from {item.package}/{item.source}: run `netplus web vendor`"
    assert (VENDOR / "icons" / "icons.svg").read_text() == icon_sprite(node_modules)
