"""Linux desktop integration: the .desktop file and AppStream metainfo validate, icons exist."""

from __future__ import annotations

import configparser
import shutil
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import APP_ID, LINUX, REPO, run

DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: ./dev.sh test installs it (Debian package {package})")
    return path


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_desktop_file_validates_and_launches_greenroom() -> None:
    done = run([_tool("desktop-file-validate", "desktop-file-utils"), DESKTOP], timeout=60)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"].split()[0] == "greenroom"  # the entry point pyproject.toml installs
    assert section["Icon"] == APP_ID


def test_metainfo_validates_without_errors_or_warnings() -> None:
    cli = _tool("appstreamcli", "appstream")
    done = run([cli, "validate", "--no-net", "--explain", METAINFO], timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    problems = [line for line in done.stdout.splitlines() if line.startswith(("E:", "W:"))]
    assert problems == [], done.stdout
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/binary") == "greenroom"
    version = root.find("releases/release")
    assert version is not None
    from greenroom import __version__

    assert version.get("version") == __version__, "add a <release> for the new version"


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icons_exist_at_the_usual_sizes(size: int) -> None:
    icon = LINUX / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert _png_size(icon) == (size, size)


def test_scalable_icon_and_window_icon_ship() -> None:
    svg = LINUX / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert ET.parse(svg).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    window_icon = REPO / "resources" / "icons" / "greenroom.png"
    big = LINUX / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png"
    assert window_icon.read_bytes() == big.read_bytes()
