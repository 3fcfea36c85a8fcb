"""The bank format's rules, applied in one place to what any reader extracted."""

from __future__ import annotations

import re

from greenroom.banks.raw import RawBank, RawQuestion
from greenroom.core.bank import (
    ANSWER_RANGE,
    DEFAULT_ANSWER_SECONDS,
    DEFAULT_PREP_SECONDS,
    FORMAT_VERSION,
    MAX_QUESTIONS,
    MAX_TEXT_CHARS,
    PREP_RANGE,
    QUESTION_FIELDS,
    SLUG_RE,
    Bank,
    Category,
    Difficulty,
    Question,
    key_point_problem,
    normalise_question_text,
    slugify,
)

BANK_FIELDS = {
    "greenroom_bank",
    "id",
    "title",
    "description",
    "language",
    "tags",
    "defaults",
    "questions",
}
LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
# People write the British spelling and plurals; accept them rather than fail an import.
CATEGORY_ALIASES = {
    "behavioural": Category.BEHAVIORAL,
    "behaviour": Category.BEHAVIORAL,
    "behavior": Category.BEHAVIORAL,
    "openers": Category.OPENER,
    "opening": Category.OPENER,
    "role specific": Category.ROLE_SPECIFIC,
    "role_specific": Category.ROLE_SPECIFIC,
}
MAX_SHORT_TEXT = 2000


def build_bank(raw: RawBank, *, bank_id: str | None = None, title: str | None = None) -> Bank:
    """Validate ``raw`` and build the bank; errors and warnings are appended to ``raw.problems``.

    ``bank_id`` and ``title`` (from the import command) override what the file says.
    """
    if raw.needs_header:
        _check_header(raw)
    bid = bank_id or _text_field(raw, "id", required=not bank_id) or "bank"
    if not SLUG_RE.match(bid):
        raw.error(raw.field_lines.get("id"), f"bank id {bid!r} must use only a-z, 0-9 and '-'")
    defaults = _defaults(raw)
    questions = _questions(raw, defaults)
    return Bank(
        id=bid,
        title=title or _text_field(raw, "title", required=not title) or bid,
        description=_text_field(raw, "description") or "",
        language=_language(raw),
        tags=tuple(_string_list(raw, raw.fields.get("tags"), raw.field_lines.get("tags"), "tags")),
        questions=tuple(questions),
        source=raw.file,
        defaults={k: (v.value if isinstance(v, Difficulty) else v) for k, v in defaults.items()},
    )


def _check_header(raw: RawBank) -> None:
    line = raw.field_lines.get("greenroom_bank")
    version = raw.fields.get("greenroom_bank")
    if version is None:
        raw.error(1, "missing 'greenroom_bank: 1' (the format version) at the top of the file")
    elif not isinstance(version, int) or isinstance(version, bool):
        raw.error(line, f"greenroom_bank must be the number 1, not {version!r}")
    elif version > FORMAT_VERSION:
        raw.error(
            line,
            f"bank format version {version} is newer than this Greenroom understands "
            f"(version {FORMAT_VERSION}); update Greenroom to import it",
        )
    elif version < 1:
        raw.error(line, f"greenroom_bank must be 1, not {version}")
    for key in raw.fields:
        if key not in BANK_FIELDS:
            raw.warning(raw.field_lines.get(key), f"unknown field {key!r} ignored")


def _text_field(raw: RawBank, key: str, *, required: bool = False) -> str | None:
    value = raw.fields.get(key)
    line = raw.field_lines.get(key, 1)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raw.error(line, f"missing required field {key!r}")
        return None
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raw.error(line, f"{key} must be text, not {type(value).__name__}")
        return None
    text = str(value).strip()
    if len(text) > MAX_SHORT_TEXT:
        raw.error(line, f"{key} is longer than {MAX_SHORT_TEXT} characters")
    return text


def _language(raw: RawBank) -> str:
    lang = _text_field(raw, "language") or "en"
    if not LANGUAGE_RE.match(lang):
        raw.error(
            raw.field_lines.get("language"),
            f"language {lang!r} is not a BCP 47 tag like 'en' or 'en-GB'",
        )
    return lang


def _defaults(raw: RawBank) -> dict[str, int | Difficulty]:
    value = raw.fields.get("defaults") or {}
    line = raw.field_lines.get("defaults")
    result: dict[str, int | Difficulty] = {
        "prep_seconds": DEFAULT_PREP_SECONDS,
        "answer_seconds": DEFAULT_ANSWER_SECONDS,
        "difficulty": Difficulty.MEDIUM,
    }
    if not isinstance(value, dict):
        raw.error(line, "defaults must be a mapping of prep_seconds, answer_seconds, difficulty")
        return result
    sub_lines = {str(k): raw.field_lines.get(f"defaults.{k}", line or 1) for k in value}
    probe = RawQuestion(fields=dict(value), line=line, field_lines=sub_lines)
    for key in value:
        if key not in result:
            raw.warning(sub_lines.get(str(key), line), f"unknown default {key!r} ignored")
    result["prep_seconds"] = _seconds(raw, probe, "prep_seconds", PREP_RANGE, DEFAULT_PREP_SECONDS)
    result["answer_seconds"] = _seconds(
        raw, probe, "answer_seconds", ANSWER_RANGE, DEFAULT_ANSWER_SECONDS
    )
    result["difficulty"] = _difficulty(raw, probe, Difficulty.MEDIUM)
    return result


def _questions(raw: RawBank, defaults: dict[str, int | Difficulty]) -> list[Question]:
    if raw.needs_header and not raw.questions and not raw.problems:
        raw.error(raw.questions_line or 1, "the bank has no questions")
    if len(raw.questions) > MAX_QUESTIONS:
        raw.error(
            raw.questions_line,
            f"{len(raw.questions)} questions is more than the limit of {MAX_QUESTIONS}",
        )
        return []
    questions: list[Question] = []
    seen_text: dict[str, int | None] = {}
    seen_ids: dict[str, int | None] = {}
    for rq in raw.questions:
        q = _question(raw, rq, defaults, position=len(questions))
        if q is None:
            continue
        key = normalise_question_text(q.text)
        if key in seen_text:
            raw.warning(rq.line, f"duplicate of the question at line {seen_text[key]}; kept once")
            continue
        seen_text[key] = rq.line
        q = _unique_id(raw, rq, q, seen_ids)
        seen_ids[q.id] = rq.line
        questions.append(q)
    return questions


def _unique_id(raw: RawBank, rq: RawQuestion, q: Question, seen: dict[str, int | None]) -> Question:
    if q.id not in seen:
        return q
    if "id" in rq.fields:
        raw.error(rq.line_of("id"), f"question id {q.id!r} is already used at line {seen[q.id]}")
        return q
    n = 2
    while f"{q.id}-{n}" in seen:
        n += 1
    return _replace_id(q, f"{q.id}-{n}")


def _replace_id(q: Question, new_id: str) -> Question:
    from dataclasses import replace

    return replace(q, id=new_id)


def _question(
    raw: RawBank, rq: RawQuestion, defaults: dict[str, int | Difficulty], *, position: int
) -> Question | None:
    for key in rq.fields:
        if key not in QUESTION_FIELDS:
            raw.warning(rq.line_of(key), f"unknown question field {key!r} ignored")
    text = rq.fields.get("text")
    if not isinstance(text, str) or not text.strip():
        raw.error(rq.line_of("text"), "question has no text")
        return None
    text = " ".join(text.split())
    if len(text) > MAX_TEXT_CHARS:
        raw.error(
            rq.line_of("text"),
            f"question text is {len(text)} characters; the limit is {MAX_TEXT_CHARS}",
        )
        return None
    qid = rq.fields.get("id")
    if qid is None or qid == "":
        qid = slugify(text)
    elif not isinstance(qid, str) or not SLUG_RE.match(qid):
        raw.error(rq.line_of("id"), f"question id {qid!r} must use only a-z, 0-9 and '-'")
        qid = slugify(str(qid))
    prep_default = defaults["prep_seconds"]
    answer_default = defaults["answer_seconds"]
    diff_default = defaults["difficulty"]
    assert isinstance(prep_default, int) and isinstance(answer_default, int)
    assert isinstance(diff_default, Difficulty)
    return Question(
        id=qid,
        text=text,
        category=_category(raw, rq),
        difficulty=_difficulty(raw, rq, diff_default),
        prep_seconds=_seconds(raw, rq, "prep_seconds", PREP_RANGE, prep_default),
        answer_seconds=_seconds(raw, rq, "answer_seconds", ANSWER_RANGE, answer_default),
        tips=_plain(raw, rq, "tips"),
        key_points=_key_points(raw, rq),
        follow_ups=tuple(
            _string_list(raw, rq.fields.get("follow_ups"), rq.line_of("follow_ups"), "follow_ups")
        ),
        tags=tuple(_string_list(raw, rq.fields.get("tags"), rq.line_of("tags"), "tags")),
        position=position,
    )


def _plain(raw: RawBank, rq: RawQuestion, key: str) -> str:
    value = rq.fields.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raw.error(rq.line_of(key), f"{key} must be text")
        return ""
    if len(value) > MAX_SHORT_TEXT:
        raw.error(rq.line_of(key), f"{key} is longer than {MAX_SHORT_TEXT} characters")
    return value.strip()


def _category(raw: RawBank, rq: RawQuestion) -> Category | None:
    value = rq.fields.get("category")
    if value is None or value == "":
        return None
    name = str(value).strip().lower()
    if name in CATEGORY_ALIASES:
        return CATEGORY_ALIASES[name]
    try:
        return Category(name)
    except ValueError:
        allowed = " | ".join(c.value for c in Category)
        raw.error(rq.line_of("category"), f"category {value!r} is not one of {allowed}")
        return None


def _difficulty(raw: RawBank, rq: RawQuestion, default: Difficulty) -> Difficulty:
    value = rq.fields.get("difficulty")
    if value is None or value == "":
        return default
    try:
        return Difficulty(str(value).strip().lower())
    except ValueError:
        raw.error(
            rq.line_of("difficulty"), f"difficulty {value!r} is not one of easy | medium | hard"
        )
        return default


def _seconds(raw: RawBank, rq: RawQuestion, key: str, bounds: tuple[int, int], default: int) -> int:
    value = rq.fields.get(key)
    if value is None or value == "":
        return default
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool):
        raw.error(rq.line_of(key), f"{key} must be a whole number of seconds, not {value!r}")
        return default
    low, high = bounds
    if not low <= value <= high:
        raw.error(rq.line_of(key), f"{key} is {value}; it must be between {low} and {high}")
        return default
    return value


def _key_points(raw: RawBank, rq: RawQuestion) -> tuple[str, ...]:
    line = rq.line_of("key_points")
    kept = []
    for point in _string_list(raw, rq.fields.get("key_points"), line, "key_points"):
        if (problem := key_point_problem(point)) is None:
            kept.append(point)
        else:
            raw.error(line, problem)
    return tuple(kept)


def _string_list(raw: RawBank, value: object, line: int | None, key: str) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        items: list[object] = list(value.split(";"))
    elif isinstance(value, list):
        items = value
    else:
        raw.error(line, f"{key} must be a list")
        return []
    result: list[str] = []
    for item in items:
        if not isinstance(item, str | int | float) or isinstance(item, bool):
            raw.error(line, f"{key} items must be text, not {type(item).__name__}")
            continue
        text = str(item).strip()
        if len(text) > MAX_TEXT_CHARS:
            raw.error(line, f"an item of {key} is longer than {MAX_TEXT_CHARS} characters")
        elif text:
            result.append(text)
    return result
