"""Screenshots of "Did it answer the question?" and "Your voice" on the feedback screen, light
and dark, for docs/screenshots.

Run: xvfb-run -a -s "-screen 0 1280x860x24" .venv/bin/python scripts/screenshots_relevance.py
Everything is real but the speaker: espeak-ng reads a labelled off-topic answer
(tests/data/relevance/answers.yaml, ans-002: a weakness given to "Why do you want to work
here?"), the default speech engine transcribes it, and the answer is analysed as the practice
room does (wordllama for the on-topic check, swift-f0 for the voice).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from PySide6.QtWidgets import QApplication, QScrollArea

from greenroom.analysis.feedback import feedback_for
from greenroom.banks.loader import load_bank_file
from greenroom.core.transcript import SpeechSegment, Transcript
from greenroom.services.answer_analysis import analyze_recorded_answer
from greenroom.speech.audio import load_audio
from greenroom.speech.whisper_engine import WhisperEngine
from greenroom.ui.practice.results import AnswerReview
from greenroom.ui.practice.review_view import ReviewView
from greenroom.ui.theme import apply_theme

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "screenshots"


def main() -> None:
    app = QApplication(sys.argv)
    answer = next(
        a
        for a in yaml.safe_load((REPO / "tests/data/relevance/answers.yaml").read_text("utf-8"))
        if a["id"] == "ans-002"
    )
    bank = load_bank_file(REPO / "question_banks" / f"{answer['bank']}.yaml").bank
    question = next(q for q in bank.questions if q.text == answer["question"])
    wav = Path(tempfile.mkdtemp()) / "answer.wav"
    subprocess.run(["espeak-ng", "-s", "150", "-w", str(wav), answer["answer"]], check=True)
    samples = load_audio(wav)
    words = tuple(WhisperEngine.create().transcribe(samples))
    duration = len(samples) / 16000
    transcript = Transcript(words, (SpeechSegment(words[0].start, words[-1].end),), duration)
    metrics = analyze_recorded_answer(
        transcript, question, answer_limit=None, job_description=None, audio=wav
    )
    review = AnswerReview(0, 1, question, transcript, False, metrics, feedback_for(metrics), None)
    for theme in ("light", "dark"):
        apply_theme(app, theme)
        view = ReviewView()
        view.resize(1180, 800)
        view.show_review(review, retakes=False, last=False)
        view.show()
        app.processEvents()
        scroll = view.findChild(QScrollArea)
        assert scroll is not None
        scroll.ensureWidgetVisible(view.fit, 0, 40)
        for _ in range(5):
            app.processEvents()
        view.grab().save(str(OUT / f"practice-review-relevance-{theme}.png"))
        view.close()
    print(f"saved to {OUT}")


if __name__ == "__main__":
    main()
