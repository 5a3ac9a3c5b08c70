"""YAML nodes to checked values, keeping each node's line so data-file errors can name it."""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from overtures.actors.entries import SECTOR_NAMES, Role
from overtures.errors import DataFileError

FIELDS = {
    "countries": {"alpha3", "name", "aliases", "demonyms", "plurals", "capital", "metonyms", "note"},
    "igos": {"key", "name", "aliases", "code", "sector", "country", "note"},
    "groups": {"key", "name", "aliases", "roles", "note"},
    "people": {"key", "name", "aliases", "country", "roles", "note"},
    "role": {"country", "sector", "code", "title", "from", "to"},
}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present (README, "Scaling")
REQUIRED: dict[str, tuple[str, ...]] = {
    "countries": ("alpha3", "name"),
    "igos": ("name", "code"),
    "groups": ("name", "roles"),
}
REQUIRED |= {"people": ("name", "country", "roles"), "role": ()}


class NodeReader:
    """Turns YAML nodes into entries, raising DataFileError with the file and line on any mistake."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.constructor = SafeConstructor()

    def fail(self, node: Node, what: str, fix: str) -> DataFileError:
        """An error naming this file and the node's line."""
        return DataFileError(f"{self.source}, line {node.start_mark.line + 1}: {what}", hint=fix)

    def value(self, node: Node) -> Any:
        """The plain Python value of a node."""
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError) as exc:
            raise self.fail(node, f"unreadable value: {exc}", "quote the value or fix its format") from None

    def fields(self, node: Node, kind: str) -> dict[str, Node]:
        """The fields of a mapping node, checked against the allowed and required keys of ``kind``."""
        if not isinstance(node, MappingNode):
            raise self.fail(node, f"a {kind} record must be a mapping", "write it as 'key: value' lines")
        out: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = str(self.value(key_node))
            if key not in FIELDS[kind]:
                allowed = ", ".join(sorted(FIELDS[kind]))
                raise self.fail(key_node, f"unknown key '{key}' in a {kind} record", f"use one of: {allowed}")
            if key in out:
                raise self.fail(key_node, f"key '{key}' appears twice", "keep one of them")
            out[key] = value_node
        for key in REQUIRED[kind]:
            if key not in out or _is_empty(out[key]):
                raise self.fail(node, f"a {kind} record is missing '{key}'", f"add '{key}: ...'")
        return out

    def text(self, node: Node, what: str) -> str:
        """A non-empty string scalar."""
        value = self.value(node)
        if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
            raise self.fail(node, f"{what} must be a non-empty string", "quote it if it looks like a number")
        return str(value).strip()

    def strings(self, node: Node | None, what: str) -> list[tuple[str, int]]:
        """A list of strings with their line numbers (a single string is a list of one)."""
        if node is None:
            return []
        items = node.value if isinstance(node, SequenceNode) else [node]
        return [(self.text(item, what), item.start_mark.line + 1) for item in items]

    def country(self, node: Node | None) -> str | None:
        """An ISO alpha-3 code (three capital letters) or None."""
        value = None if node is None else self.value(node)
        if value is None:
            return None
        if not (isinstance(value, str) and len(value) == 3 and value.isalpha() and value.isupper()):
            assert node is not None
            raise self.fail(node, f"'{value}' is not an ISO alpha-3 code", "use three capitals, e.g. AFG")
        return value

    def sector(self, node: Node | None) -> str | None:
        """A known CAMEO sector code or None."""
        value = None if node is None else self.value(node)
        if value is None or value in SECTOR_NAMES:
            return value if value is None else str(value)
        assert node is not None
        raise self.fail(node, f"unknown sector '{value}'", f"use one of: {', '.join(SECTOR_NAMES)}")

    def day(self, node: Node | None) -> date | None:
        """A date written as YYYY-MM-DD, or None."""
        if node is None:
            return None
        value = node.value if isinstance(node, ScalarNode) else self.value(node)
        if value in ("", "null", "~"):
            return None
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise self.fail(node, f"bad date '{value}'", "write dates as YYYY-MM-DD") from None

    def role(self, node: Node, home: str | None = None) -> Role:
        """One dated role; its country defaults to ``home`` and its code to country + sector."""
        f = self.fields(node, "role")
        country = self.country(f["country"]) if "country" in f else home
        sector = self.sector(f.get("sector"))
        start, end = self.day(f.get("from")), self.day(f.get("to"))
        if start and end and start > end:
            raise self.fail(node, f"role starts ({start}) after it ends ({end})", "swap or fix the dates")
        code = self.text(f["code"], "code") if "code" in f else (country or "") + (sector or "")
        title = self.text(f["title"], "title") if "title" in f else None
        if not code:
            raise self.fail(node, "a role needs a country, a sector or a code", "add 'code: ...'")
        return Role(country=country, sector=sector, code=code, title=title, valid_from=start, valid_to=end)

    def roles(self, node: Node, home: str | None = None) -> list[Role]:
        """A non-empty list of roles, ordered by start date."""
        if not isinstance(node, SequenceNode) or not node.value:
            raise self.fail(node, "roles must be a non-empty list", "add '- {country: ..., sector: ...}'")
        return sorted((self.role(item, home) for item in node.value), key=lambda r: r.valid_from or date.min)


def _is_empty(node: Node) -> bool:
    """Whether a node holds nothing (an empty or null scalar), without constructing it."""
    return isinstance(node, ScalarNode) and node.value.strip() in ("", "null", "~", "Null", "NULL")


def compose_file(text: str, source: str) -> Node | None:
    """The YAML node tree of a file; syntax errors become DataFileError with the line."""
    try:
        return yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f", line {mark.line + 1}" if mark else ""
        raise DataFileError(
            f"{source}{where}: invalid YAML: {exc.problem}", hint="fix the YAML syntax"
        ) from None
