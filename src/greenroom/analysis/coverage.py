"""Key-point and job-description coverage, matched by stem or listed synonym.

A key point ("stakeholder communication") counts as mentioned when every one of its content
words appears in the answer by stem ("I communicated with the stakeholders" covers it), or when
every content word of one of its other wordings does: the bank writes them after its name,
"next steps | new plan | follow-up" (core.bank.key_point_wordings). Job-description coverage
takes the most frequent content terms of a pasted description and reports which of them the
answer used.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from greenroom.analysis.lexicon import JOB_AD_WORDS, is_content_word, stem
from greenroom.analysis.tokens import text_words
from greenroom.core.bank import key_point_name, key_point_wordings

TOP_TERMS = 15  # enough to describe a role, few enough to read at a glance


@dataclass(frozen=True, slots=True)
class Coverage:
    """Which of a list of items the answer mentioned.

    Attributes:
        covered: Items mentioned, in their listed order.
        missing: Items not mentioned.
        share: covered / total in 0..1, None when there was nothing to cover.
    """

    covered: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def total(self) -> int:
        return len(self.covered) + len(self.missing)

    @property
    def share(self) -> float | None:
        return len(self.covered) / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "covered": list(self.covered),
            "missing": list(self.missing),
            "share": self.share,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Coverage:
        return cls(
            covered=tuple(str(x) for x in data.get("covered", [])),
            missing=tuple(str(x) for x in data.get("missing", [])),
        )


def stems_of(words: Iterable[str]) -> set[str]:
    """Stems of every word, content or not (a key point may lean on "on time")."""
    return {stem(w) for w in words}


def phrase_stems(phrase: str) -> set[str]:
    """Stems of a phrase's content words (of all its words when it has no content word)."""
    words = text_words(phrase)
    content = [w for w in words if is_content_word(w)]
    return stems_of(content or words)


def key_point_coverage(
    answer_stems: set[str],
    key_points: Sequence[str],
    *,
    synonyms: Mapping[str, Sequence[str]] | None = None,
) -> Coverage:
    """Which key points the answer mentioned, by stem, by one of the point's other wordings
    ("next steps | new plan") or by a synonym given here; each is reported by its name."""
    covered: list[str] = []
    missing: list[str] = []
    for point in key_points:
        name, said = key_point_said(point, answer_stems, synonyms)
        (covered if said else missing).append(name)
    return Coverage(tuple(covered), tuple(missing))


def key_point_said(
    point: str, answer_stems: set[str], synonyms: Mapping[str, Sequence[str]] | None = None
) -> tuple[str, list[set[str]]]:
    """The rule for one key point: its name, and the stems of each of its wordings (its own,
    name first, then any synonyms of its name) whose every content word the answer said;
    none said, the point is missed."""
    options = [*key_point_wordings(point), *((synonyms or {}).get(key_point_name(point), ()))]
    needs = [need for option in options if (need := phrase_stems(option))]
    return key_point_name(point), [need for need in needs if need <= answer_stems]


def top_terms(description: str, *, limit: int = TOP_TERMS) -> list[str]:
    """The most frequent content terms of a job description, most frequent first.

    Terms are grouped by stem and shown in their most common spelling; ties keep the order in
    which the description first used them.
    """
    counts: Counter[str] = Counter()
    spelling: dict[str, Counter[str]] = {}
    for word in text_words(description):
        if not is_content_word(word) or word in JOB_AD_WORDS or not word.isalpha():
            continue
        key = stem(word)
        counts[key] += 1
        spelling.setdefault(key, Counter())[word] += 1
    order = {key: i for i, key in enumerate(spelling)}
    ranked = sorted(counts, key=lambda k: (-counts[k], order[k]))[:limit]
    return [spelling[k].most_common(1)[0][0] for k in ranked]


def job_coverage(answer_stems: set[str], description: str) -> Coverage:
    """Which of the description's top terms the answer used."""
    terms = top_terms(description)
    covered = tuple(t for t in terms if stem(t) in answer_stems)
    missing = tuple(t for t in terms if stem(t) not in answer_stems)
    return Coverage(covered, missing)
