"""A real Markdown list of interview questions from the web imports without editing.

The file is tech-interview-handbook's behavioural question list, saved byte for byte (see
data/SOURCES.md). It has front matter, an HTML head block, an MDX import, prose paragraphs,
"1." numbering, "Source:" link lines, a nested sub-question and an HTML entity.
"""

from __future__ import annotations

from pathlib import Path

from greenroom.ui.banks.import_parse import parse_file

DATA = Path(__file__).parent / "data" / "behavioral-interview-questions.md"


def test_real_markdown_list_imports_through_the_app_path() -> None:
    outcome = parse_file(DATA)  # what the import dialog runs off the GUI thread
    assert outcome.errors == ()
    assert outcome.loaded is not None
    bank = outcome.loaded.bank
    texts = [q.text for q in bank.questions]
    assert len(texts) >= 110
    assert texts[0] == "Why do you want to work for X company?"
    assert "Tell me about a time you met a tight deadline." in texts
    assert "What strengths do you think are most important for your job position?" in texts
    assert 'What does "belong anywhere" mean to you?' in texts
    assert "What do you know about <role> and why?" in texts  # the entity is decoded
    assert "If you were a gerbil, which gerbil would you be?" in texts
    hardest = bank.questions[
        texts.index("What is the hardest technical problem you have run into?")
    ]
    assert hardest.tips == "How did you solve it?"  # the indented sub-item
    # Prose, front matter, HTML and "Source:" lines are not questions.
    assert not any(
        t.startswith(("Source", "Here are", "In the software", "import ")) for t in texts
    )
    assert not any("keywords" in t or "<head>" in t or "InDocAd" in t for t in texts)
    assert all(q.category is not None and q.category.value == "behavioral" for q in bank.questions)
