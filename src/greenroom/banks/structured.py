"""YAML and JSON bank files, read with line numbers for every field.

YAML is composed into nodes with a safe loader; anchors and aliases are refused outright (a bank
never needs them, and they are how "billion laughs" files blow up), and so is any tag beyond the
plain scalars. JSON is parsed with the standard library and then composed the same way (JSON is
YAML) to recover line numbers; if that fails the JSON is still used, without lines.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from greenroom.banks.raw import RawBank, RawQuestion

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
MAX_DEPTH = 20
_SCALAR_LOADER = yaml.SafeLoader("")


class _BankLoader(yaml.SafeLoader):
    """Safe loader that refuses aliases, anchors and deep nesting instead of expanding them."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        # The composer recurses per level: stop long before Python's recursion limit does.
        if self.depth >= MAX_DEPTH:
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                problem=f"nested too deeply (more than {MAX_DEPTH} levels)",
                problem_mark=event.start_mark,
            )
        self.depth += 1
        try:
            return self._compose_checked(parent, index)
        finally:
            self.depth -= 1

    def _compose_checked(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                problem="aliases (*name) are not allowed in bank files",
                problem_mark=event.start_mark,
            )
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if getattr(event, "anchor", None) is not None:
            raise yaml.MarkedYAMLError(
                problem="anchors (&name) are not allowed in bank files",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


def read_yaml(text: str, file: str) -> RawBank:
    raw = RawBank(file=file, needs_header=True)
    try:
        node = yaml.compose(text, Loader=_BankLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raw.error(line, f"not valid YAML: {exc.problem or exc}", column=column)
        return raw
    except yaml.YAMLError as exc:
        raw.error(None, f"not valid YAML: {exc}")
        return raw
    _fill_from_node(raw, node)
    return raw


def read_json(text: str, file: str) -> RawBank:
    raw = RawBank(file=file, needs_header=True)
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raw.error(exc.lineno, f"not valid JSON: {exc.msg}", column=exc.colno)
        return raw
    except RecursionError:
        raw.error(None, "JSON is nested too deeply to be a bank")
        return raw
    # JSON is YAML except that YAML refuses tabs; raw tabs cannot occur inside JSON strings, so
    # swapping them for spaces keeps every line and column where the user's file has them.
    try:
        node = yaml.compose(text.replace("\t", " "), Loader=_BankLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raw.error(mark.line + 1 if mark else None, f"cannot be read as a bank: {exc.problem}")
        return raw
    except yaml.YAMLError as exc:
        raw.error(None, f"cannot be read as a bank: {exc}")
        return raw
    _fill_from_node(raw, node)
    return raw


def _fill_from_node(raw: RawBank, node: Any) -> None:
    if not isinstance(node, yaml.MappingNode):
        raw.error(
            _line(node) or 1,
            "a bank file must be a mapping with greenroom_bank, id, title and questions",
        )
        return
    for key_node, value_node in node.value:
        key = _plain(raw, key_node, depth=0)
        if not isinstance(key, str):
            raw.error(_line(key_node), f"field names must be text, not {key!r}")
            continue
        raw.field_lines[key] = _line(key_node) or 1
        if key == "defaults" and isinstance(value_node, yaml.MappingNode):
            for sub_key, _ in value_node.value:
                raw.field_lines[f"defaults.{sub_key.value}"] = _line(sub_key) or 1
        if key == "questions":
            raw.questions_line = _line(key_node)
            _fill_questions(raw, value_node)
        else:
            raw.fields[key] = _plain(raw, value_node, depth=0)


def _fill_questions(raw: RawBank, node: Any) -> None:
    if not isinstance(node, yaml.SequenceNode):
        raw.error(_line(node), "questions must be a list")
        return
    for item in node.value:
        if isinstance(item, yaml.ScalarNode) and item.tag == "tag:yaml.org,2002:str":
            # A bare string is a question with only its text: convenient for hand-written banks.
            raw.questions.append(RawQuestion(fields={"text": item.value}, line=_line(item)))
            continue
        if not isinstance(item, yaml.MappingNode):
            raw.error(_line(item), "each question must be a mapping with at least 'text'")
            continue
        rq = RawQuestion(fields={}, line=_line(item))
        for key_node, value_node in item.value:
            key = _plain(raw, key_node, depth=0)
            if not isinstance(key, str):
                raw.error(_line(key_node), f"field names must be text, not {key!r}")
                continue
            rq.fields[key] = _plain(raw, value_node, depth=0)
            rq.field_lines[key] = _line(key_node) or 0
        raw.questions.append(rq)


def _plain(raw: RawBank, node: Any, *, depth: int) -> object:
    """Construct plain data from a node, allowing only the standard scalar, list and map tags."""
    if depth > MAX_DEPTH:
        raw.error(_line(node), "nested too deeply")
        return None
    if node.tag not in _PLAIN_TAGS:
        raw.error(_line(node), f"tag {node.tag!r} is not allowed in bank files")
        return None
    if isinstance(node, yaml.ScalarNode):
        # Tags were resolved while composing; construct the scalar without a loader per node.
        return _SCALAR_LOADER.yaml_constructors[node.tag](_SCALAR_LOADER, node)
    if isinstance(node, yaml.SequenceNode):
        return [_plain(raw, item, depth=depth + 1) for item in node.value]
    result: dict[object, object] = {}
    for key_node, value_node in node.value:
        key = _plain(raw, key_node, depth=depth + 1)
        if isinstance(key, list | dict):
            raw.error(_line(key_node), "keys must be plain values")
            continue
        result[key] = _plain(raw, value_node, depth=depth + 1)
    return result


def _line(node: Any) -> int | None:
    mark = getattr(node, "start_mark", None)
    return mark.line + 1 if mark is not None else None
