"""Question banks and questions as plain data (BANK_FORMAT.md, version 1)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

FORMAT_VERSION = 1
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_TEXT_CHARS = 1000
MAX_QUESTIONS = 20_000
MAX_FILE_BYTES = 5 * 1024 * 1024
PREP_RANGE = (0, 600)
ANSWER_RANGE = (10, 1800)
DEFAULT_PREP_SECONDS = 30
DEFAULT_ANSWER_SECONDS = 120
# Every per-question field of the format, in the order CSV export writes them.
QUESTION_FIELDS = (
    "text", "category", "difficulty", "prep_seconds", "answer_seconds",
    "tips", "key_points", "follow_ups", "tags", "id",
)  # fmt: skip


# A key point may list other wordings after its name: "next steps | new plan | follow-up".
# The name is what the user is shown; any wording said in the answer covers the point.
KEY_POINT_OR = "|"


def key_point_wordings(point: str) -> tuple[str, ...]:
    """A key point's wordings, its name first ("next steps | new plan" -> both)."""
    return tuple(part.strip() for part in point.split(KEY_POINT_OR) if part.strip())


def key_point_problem(point: str) -> str | None:
    """What is wrong with a key point as written, for an error message; None when it is fine."""
    if point.split(KEY_POINT_OR, 1)[0].strip():
        return None
    return (
        f"key point {point!r} has no name before its first '{KEY_POINT_OR}': write the name "
        f"first and other wordings after it, as 'next steps {KEY_POINT_OR} new plan'"
    )


def key_point_name(point: str) -> str:
    """What a key point is called on screen: its first wording ("next steps")."""
    wordings = key_point_wordings(point)
    return wordings[0] if wordings else point.strip()


class Category(StrEnum):
    OPENER = "opener"
    BEHAVIORAL = "behavioral"
    SITUATIONAL = "situational"
    MOTIVATION = "motivation"
    TECHNICAL = "technical"
    ROLE_SPECIFIC = "role-specific"
    CLOSING = "closing"


class Difficulty(StrEnum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


@dataclass(frozen=True, slots=True)
class Question:
    """One interview question. ``retired`` questions keep their history but are not asked."""

    id: str
    text: str
    category: Category | None = None
    difficulty: Difficulty = Difficulty.MEDIUM
    prep_seconds: int = DEFAULT_PREP_SECONDS
    answer_seconds: int = DEFAULT_ANSWER_SECONDS
    tips: str = ""
    key_points: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    retired: bool = False
    position: int = 0
    bank_id: str = ""


@dataclass(frozen=True, slots=True)
class Bank:
    """A question bank. ``builtin`` banks ship with Greenroom and are read-only in the app."""

    id: str
    title: str
    description: str = ""
    language: str = "en"
    tags: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()
    builtin: bool = False
    source: str = ""
    defaults: dict[str, int | str] = field(default_factory=dict)

    @property
    def active_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if not q.retired)


def slugify(text: str, *, max_len: int = 60) -> str:
    """Make a slug [a-z0-9-] from free text, for ids derived from a question or file name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0] or slug[:max_len]
    return slug or "question"


def normalise_question_text(text: str) -> str:
    """Key for duplicate detection: case, spaces and punctuation do not matter."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())
