"""What a reader extracts from a file before validation, with line numbers for messages."""

from __future__ import annotations

from dataclasses import dataclass, field

from greenroom.core.errors import Problem


@dataclass(slots=True)
class RawQuestion:
    """Field values as read (strings, numbers or lists) and the line of each field."""

    fields: dict[str, object]
    line: int | None
    field_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, name: str) -> int | None:
        return self.field_lines.get(name, self.line)


@dataclass(slots=True)
class RawBank:
    """A bank as read from one file; ``problems`` collects what the reader itself found."""

    file: str
    fields: dict[str, object] = field(default_factory=dict)
    field_lines: dict[str, int] = field(default_factory=dict)
    questions: list[RawQuestion] = field(default_factory=list)
    questions_line: int | None = None
    problems: list[Problem] = field(default_factory=list)
    # Formats that carry no bank header (CSV, TXT, Markdown) do not need `greenroom_bank`.
    needs_header: bool = False

    def error(self, line: int | None, message: str, *, column: int | None = None) -> None:
        self.problems.append(Problem(self.file, line, message, column=column))

    def warning(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.file, line, message, severity="warning"))
