"""The layering rules of DESIGN.md section 1 hold (import-linter contracts in pyproject.toml)."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "greenroom"
# Packages that compute and return: only the front ends (cli, ui) write to a terminal or screen.
QUIET = ("core", "banks", "analysis", "speech", "store", "services")


def _lint_imports() -> subprocess.CompletedProcess[str]:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is not installed (it is a dev dependency)"
    return subprocess.run(
        [exe, "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300
    )


def test_every_layering_contract_is_kept() -> None:
    done = _lint_imports()
    assert done.returncode == 0, done.stdout + done.stderr
    kept = re.search(r"Contracts: (\d+) kept, (\d+) broken", done.stdout)
    assert kept and int(kept.group(1)) >= 8 and kept.group(2) == "0", done.stdout


@pytest.mark.parametrize(
    "module", ["greenroom.core.bank", "greenroom.banks.loader", "greenroom.store.database"]
)
def test_pure_packages_do_not_pull_in_qt(module: str) -> None:
    code = f"import sys, {module}; sys.exit('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


def _printing(source: str, name: str) -> list[str]:
    """print() calls, sys.stdout/stderr and TextIO parameters in a module's source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        where = f"{name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "print":
                found.append(f"{where} print()")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id == "sys" and node.attr in ("stdout", "stderr", "__stdout__"):
                found.append(f"{where} sys.{node.attr}")
        elif isinstance(node, ast.Name) and node.id == "TextIO":
            found.append(f"{where} a TextIO to write to")
    return found


def test_pure_packages_and_services_never_print() -> None:
    files = [p for package in QUIET for p in sorted((SRC / package).rglob("*.py"))]
    assert len(files) > 50
    hits = [h for p in files for h in _printing(p.read_text("utf-8"), str(p.relative_to(REPO)))]
    assert hits == []


def test_the_printing_check_finds_each_kind_of_printing() -> None:
    loud = "import sys\ndef f(out: TextIO) -> None:\n    print('x')\n    sys.stderr.write('y')\n"
    assert len(_printing(loud, "loud.py")) == 3
