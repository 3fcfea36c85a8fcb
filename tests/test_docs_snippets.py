"""Every YAML example in the documentation loads: a user who copies one gets no error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from greenroom.banks.loader import load_bank_file
from support.paths import REPO

DOCS = sorted([REPO / "README.md", *(REPO / "docs").glob("*.md"), REPO / "packaging" / "README.md"])
FENCE = re.compile(r"^```ya?ml[ \t]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _snippets() -> list[tuple[str, str]]:
    found = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append((f"{doc.relative_to(REPO)}:{line}", match.group(1)))
    return found


SNIPPETS = _snippets()


def test_the_bank_format_example_is_found() -> None:
    assert any(where.startswith("docs/bank-format.md") for where, _ in SNIPPETS)


@pytest.mark.parametrize(("where", "snippet"), SNIPPETS, ids=[w for w, _ in SNIPPETS])
def test_yaml_snippet_loads(where: str, snippet: str, tmp_path: Path) -> None:
    data = yaml.safe_load(snippet)
    if isinstance(data, dict) and "greenroom_bank" in data:
        # A bank example: the real loader, which is stricter than YAML, must take it cleanly.
        path = tmp_path / "example.yaml"
        path.write_text(snippet, encoding="utf-8")
        result = load_bank_file(path)
        assert result.warnings == (), f"{where}: {result.warnings}"
        assert result.bank.questions, where
