"""Markdown bank files, as people publish lists of interview questions.

Headings set the category (when they name one) or a tag; list items and lines ending in "?"
become questions; list items indented under a question become its tips. Sections that are
clearly not questions (contents, licence, contributing, links) are skipped, and so are list
items that are nothing but a link, so a real README imports without editing.
"""

from __future__ import annotations

import html
import re

from greenroom.banks.plaintext import strip_numbering
from greenroom.banks.raw import RawBank, RawQuestion
from greenroom.core.bank import Category, slugify

HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
LIST_RE = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$")
LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
REF_LINK_RE = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
CODE_SPAN_RE = re.compile(r"(`+)(.+?)\1")
# '*' emphasis may sit anywhere; '_' only at word edges, so snake_case and __str__ stay intact.
EMPHASIS_RE = re.compile(
    r"(\*\*|\*|~~)(?=\S)(.+?)(?<=\S)\1|(?<!\w)(__|_)(?=\S)(.+?)(?<=\S)\3(?!\w)"
)
HTML_RE = re.compile(r"<[^>]+>")
RULE_RE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
# Whole headings that are never questions. Matched against the entire heading, so that
# "Questions about you" or "Customer support questions" are still imported.
SKIP_SECTIONS = re.compile(
    r"(table of )?contents|toc|index|licen[cs]e|contribut(e|ing|ors)|how to contribute|credits|"
    r"acknowledge?ments?|(other |useful |more |additional )?(resources|references|links)|"
    r"see also|further reading|about( this (repo|repository|list|project))?|changelog|"
    r"support( this project)?|sponsors?|installation|related( projects)?|authors?",
    re.IGNORECASE,
)
CATEGORY_WORDS = [
    (re.compile(r"behaviou?r", re.I), Category.BEHAVIORAL),
    (re.compile(r"situation|hypothetical", re.I), Category.SITUATIONAL),
    (re.compile(r"technical|coding|system design", re.I), Category.TECHNICAL),
    (re.compile(r"motivation|career|why (this|us)", re.I), Category.MOTIVATION),
    (
        re.compile(r"clos(e|ing)|questions (for|to ask)|ask (the|your) interviewer", re.I),
        Category.CLOSING,
    ),
    (re.compile(r"open(er|ing)|introduc|about (yourself|you)|warm.?up", re.I), Category.OPENER),
    (re.compile(r"role.?specific", re.I), Category.ROLE_SPECIFIC),
]


def reduce_inline(text: str) -> str:
    """Reduce links, emphasis, inline code and HTML to their text; code is kept verbatim."""
    parts: list[str] = []
    last = 0
    for match in CODE_SPAN_RE.finditer(text):
        parts.append(_reduce_prose(text[last : match.start()]))
        parts.append(match.group(2).strip())
        last = match.end()
    parts.append(_reduce_prose(text[last:]))
    return " ".join("".join(parts).split())


def _reduce_prose(text: str) -> str:
    text = LINK_RE.sub(r"\1", text)
    text = REF_LINK_RE.sub(r"\1", text)
    text = HTML_RE.sub("", text)
    # Entities such as "&lt;role&gt;" (tech-interview-handbook writes them) become their
    # characters; after the tags are gone, so an escaped "<role>" is kept as text.
    text = html.unescape(text)
    for _ in range(3):  # nested emphasis such as ***bold italic***
        text = EMPHASIS_RE.sub(lambda m: m.group(2) or m.group(4), text)
    return text


def _is_boilerplate(title: str) -> bool:
    words = re.sub(r"[^\w\s]", " ", title).strip()
    return bool(SKIP_SECTIONS.fullmatch(" ".join(words.split())))


class _State:
    def __init__(self, raw: RawBank) -> None:
        self.raw = raw
        self.category: str | None = None
        self.category_level = 0
        self.tag: str | None = None
        self.tag_level = 0
        self.skipping = False
        self.skip_level = 0
        self.last: RawQuestion | None = None
        self.last_indent = 0


def read_markdown(text: str, file: str) -> RawBank:
    raw = RawBank(file=file)
    state = _State(raw)
    in_fence = False
    lines = text.split("\n")
    start = _after_front_matter(lines)
    for number, line in enumerate(lines[start:], start=start + 1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence or line.lstrip().startswith(("|", ">", "<!--")):
            continue
        heading = HEADING_RE.match(line)
        if heading:
            _heading(state, len(heading.group(1)), reduce_inline(heading.group(2)), number)
        elif RULE_RE.match(line):
            state.last = None
        elif not state.skipping:
            _body_line(state, line, number)
    if not raw.questions:
        raw.error(1, "no questions found: use list items or lines ending in '?'")
    return raw


def _after_front_matter(lines: list[str]) -> int:
    if lines and lines[0].strip() == "---":
        for index, line in enumerate(lines[1:], start=1):
            if line.strip() == "---":
                return index + 1
    return 0


def _heading(state: _State, level: int, title: str, number: int) -> None:
    state.last = None
    if state.skipping and level > state.skip_level:
        return
    state.skipping = _is_boilerplate(title)
    state.skip_level = level
    if state.skipping:
        return
    if title.endswith("?"):
        # Some lists use a heading per question.
        _add_question(state, strip_numbering(title), number, 0)
        return
    # A heading closes the sections of its own level and below: their category and tag end.
    if level <= state.category_level:
        state.category, state.category_level = None, 0
    if level <= state.tag_level:
        state.tag, state.tag_level = None, 0
    for pattern, category in CATEGORY_WORDS:
        if pattern.search(title):
            state.category, state.category_level = category.value, level
            return
    if level > 1:
        state.tag, state.tag_level = slugify(title, max_len=40), level


def _body_line(state: _State, line: str, number: int) -> None:
    item = LIST_RE.match(line)
    if item:
        indent = len(item.group(1).replace("\t", "    "))
        content = item.group(2)
        if state.last is not None and indent > state.last_indent + 1:
            _add_tip(state.last, reduce_inline(content))
            return
        if _only_a_link(content):
            return
        text = strip_numbering(reduce_inline(content))
        _add_question(state, text, number, indent)
        return
    text = reduce_inline(line.strip())
    if text.endswith("?") and len(text) > 3:
        _add_question(state, strip_numbering(text), number, 0)
    elif text and state.last is not None and line.startswith((" ", "\t")):
        _add_tip(state.last, text)
    elif not text:
        return
    else:
        state.last = None


def _add_question(state: _State, text: str, number: int, indent: int) -> None:
    if not text:
        return
    state.last = RawQuestion(fields=_fields(state, text), line=number)
    state.last_indent = indent
    state.raw.questions.append(state.last)


def _fields(state: _State, text: str) -> dict[str, object]:
    fields: dict[str, object] = {"text": text}
    if state.category:
        fields["category"] = state.category
    if state.tag:
        fields["tags"] = [state.tag]
    return fields


def _add_tip(question: RawQuestion, text: str) -> None:
    if not text:
        return
    previous = question.fields.get("tips")
    question.fields["tips"] = f"{previous} {text}" if isinstance(previous, str) else text


def _only_a_link(content: str) -> bool:
    stripped = content.strip().rstrip(".")
    match = LINK_RE.fullmatch(stripped)
    return match is not None and not match.group(1).endswith("?")
