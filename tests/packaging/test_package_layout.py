"""The repository's top level is the product's: question_banks/ and resources/ beside src/.

Fast checks of the source checkout (an editable install). The wheel and the bundle are checked
by test_packaging_wheel.py and test_packaging_bundle.py, which install or build them.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

from conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
MAPPED = {"greenroom.question_banks": "question_banks", "greenroom.resources": "resources"}


def test_top_level_folders_are_the_products() -> None:
    names = {p.name for p in REPO.iterdir() if not p.name.startswith(".")}
    assert {"pyproject.toml", "src", "resources", "question_banks", "tests", "packaging"} <= names
    assert not (REPO / "src" / "greenroom" / "question_banks").exists()
    assert not (REPO / "src" / "greenroom" / "resources").exists()


def test_every_package_is_listed_and_the_data_folders_are_mapped_into_the_package() -> None:
    src = REPO / "src"
    found = {".".join(p.parent.relative_to(src).parts) for p in src.rglob("__init__.py")}
    assert set(SETUPTOOLS["packages"]) == found | set(MAPPED)
    assert SETUPTOOLS["package-dir"] == {"": "src", **MAPPED}
    data = SETUPTOOLS["package-data"]
    assert data["greenroom.question_banks"] == ["*.yaml"]
    assert {"icons/*", "themes/*", "sounds/*"} <= set(data["greenroom.resources"])


def test_banks_and_resources_are_found_with_importlib_resources_in_a_checkout() -> None:
    banks = resources.files("greenroom.question_banks")
    assert Path(str(banks)) == REPO / "question_banks"
    assert len([p for p in banks.iterdir() if p.name.endswith(".yaml")]) == 12
    res = resources.files("greenroom.resources")
    assert Path(str(res)) == REPO / "resources"
    assert res.joinpath("icons", "greenroom.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "QLabel#bigTimer" in res.joinpath("themes", "greenroom.qss").read_text("utf-8")
