"""The real meaning model (wordllama from its wheel) on the hand-labelled answers: it loads with
the network blocked, and no labelled off-topic answer is called on topic by the shipped rule.

The shipped thresholds were fitted on these same answers (relevance.py says how), so this is a
guard against regressions, not an estimate of accuracy: docs/metrics.md gives the held-out
figures from benchmarks/relevance.py.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
import yaml

from greenroom.analysis.metrics import analyze_answer
from greenroom.banks.loader import load_bank_file
from greenroom.core.transcript import Transcript, Word
from greenroom.meaning import MeaningModel
from greenroom.services.answer_analysis import interview_background, topic_of

DATA = Path(__file__).resolve().parents[1] / "data" / "relevance"
BANKS = Path(__file__).resolve().parents[2] / "question_banks"


@pytest.fixture(scope="module")
def model() -> MeaningModel:
    m = MeaningModel()
    m.load()
    return m


def test_the_model_loads_from_its_wheel_with_the_network_blocked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise OSError("network blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    m = MeaningModel()
    m.load()
    [[same, other]] = m.similarity(
        ["I told my manager the deadline would slip."],
        ["I warned my boss we would be late.", "Octopuses have three hearts."],
    )
    assert same > other


def _answers() -> list[dict[str, Any]]:
    return list(yaml.safe_load((DATA / "answers.yaml").read_text(encoding="utf-8")))


def test_no_labelled_off_topic_answer_is_called_on_topic(model: MeaningModel) -> None:
    questions = {}
    for path in BANKS.glob("*.yaml"):
        for q in load_bank_file(path).bank.questions:
            questions[(path.stem, q.text)] = q
    background = interview_background()
    verdicts: dict[bool, list[str]] = {True: [], False: []}
    for a in _answers():
        words = tuple(Word(w, 0.0, 0.0) for w in a["answer"].split())
        m = analyze_answer(
            Transcript(words=words),
            answer_limit=None,
            question=topic_of(questions[(a["bank"], a["question"])]),
            meaning=model,
            background=background,
        )
        assert m.relevance is not None and m.relevance.on_topic is not None
        verdicts[bool(a["on_topic"])].append(m.relevance.on_topic.verdict)
    assert "on topic" not in verdicts[False]
    assert verdicts[False].count("off topic") >= len(verdicts[False]) // 3
    assert verdicts[True].count("on topic") >= len(verdicts[True]) // 3
    assert "off topic" not in verdicts[True]
