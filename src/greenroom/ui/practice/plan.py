"""What a practice session will ask: chosen from banks by the set-up screen's choices."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from greenroom.core.bank import Bank, Question
from greenroom.core.interview import PlannedQuestion
from greenroom.core.session import Mode


class Order:
    SHUFFLED = "shuffled"
    AS_LISTED = "as-listed"
    STRUGGLED = "struggled"


@dataclass(frozen=True, slots=True)
class SetupChoices:
    bank_ids: tuple[str, ...]
    mode: Mode
    count: int = 5
    categories: tuple[str, ...] = ()  # empty: all
    difficulties: tuple[str, ...] = ()  # empty: all
    order: str = Order.SHUFFLED
    prep_seconds: int | None = None  # None: each question's own
    answer_seconds: int | None = None
    job_description: str = ""
    speak_questions: bool = True
    drill_takes: int = 3
    follow_ups: bool = False  # the interviewer asks one follow-up after each answer (not Drill)
    question_keys: tuple[int, ...] = ()  # the coach's questions, in its order; empty: the banks'


@dataclass(frozen=True, slots=True)
class SessionPlan:
    choices: SetupChoices
    questions: list[PlannedQuestion] = field(default_factory=list)

    @property
    def mode(self) -> Mode:
        return self.choices.mode


def build_plan(
    choices: SetupChoices,
    banks: list[Bank],
    keys: dict[tuple[str, str], int],
    *,
    struggled: list[int] | None = None,
    rng: random.Random | None = None,
) -> SessionPlan:
    """Pick the questions. ``keys`` maps (bank id, question id) to database keys."""
    pool = [q for b in banks for q in b.active_questions if _wanted(q, choices)]
    if choices.order == Order.SHUFFLED:
        (rng or random.Random()).shuffle(pool)
    elif choices.order == Order.STRUGGLED and struggled:
        rank = {key: i for i, key in enumerate(struggled)}
        pool.sort(key=lambda q: rank.get(keys.get((q.bank_id, q.id), -1), len(rank)))
    count = 1 if choices.mode is Mode.DRILL else max(1, choices.count)
    chosen = pool[:count]
    return SessionPlan(choices, [_planned(q, choices, keys) for q in chosen])


def plan_from_keys(choices: SetupChoices, found: dict[int, Question]) -> SessionPlan:
    """The coach's questions (``choices.question_keys``) in its order; keys no longer stored
    are left out."""
    keys = {(q.bank_id, q.id): key for key, q in found.items()}
    chosen = [found[k] for k in choices.question_keys if k in found]
    return SessionPlan(choices, [_planned(q, choices, keys) for q in chosen])


def _wanted(q: Question, c: SetupChoices) -> bool:
    category_ok = not c.categories or (q.category is not None and q.category.value in c.categories)
    return category_ok and (not c.difficulties or q.difficulty.value in c.difficulties)


def _planned(q: Question, c: SetupChoices, keys: dict[tuple[str, str], int]) -> PlannedQuestion:
    return PlannedQuestion(
        question=q,
        prep_seconds=float(c.prep_seconds if c.prep_seconds is not None else q.prep_seconds),
        answer_seconds=float(
            c.answer_seconds if c.answer_seconds is not None else q.answer_seconds
        ),
        question_key=keys.get((q.bank_id, q.id)),
    )
