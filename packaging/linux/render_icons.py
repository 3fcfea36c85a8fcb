"""Render the scalable app icon to the PNG sizes desktops look for (run after editing the SVG).

    .venv/bin/python packaging/linux/render_icons.py

Writes icons/hicolor/<n>x<n>/apps/io.github.greenroom.Greenroom.png next to this file and the
256 px window icon in resources/icons/greenroom.png. Uses Qt's SVG renderer, so it needs nothing
beyond PySide6.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

APP_ID = "io.github.greenroom.Greenroom"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
HERE = Path(__file__).resolve().parent
HICOLOR = HERE / "icons" / "hicolor"
WINDOW_ICON = HERE.parents[1] / "resources" / "icons" / "greenroom.png"


def render(svg: Path, size: int, target: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"could not write {target}")


def main() -> int:
    app = QGuiApplication(sys.argv)  # noqa: F841 - QImage text/fonts need an application
    svg = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    for size in SIZES:
        render(svg, size, HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png")
    WINDOW_ICON.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(HICOLOR / "256x256" / "apps" / f"{APP_ID}.png", WINDOW_ICON)
    print(f"rendered {len(SIZES)} sizes into {HICOLOR} and {WINDOW_ICON}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
