"""A tiny DOM from the standard library's html.parser, for reading reports in tests.

Imported by the HTML report and demo tests; its own checks are at the bottom."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        """The text content, whitespace collapsed."""
        parts: list[str] = []

        def walk(n: Node) -> None:
            for c in n.children:
                if isinstance(c, str):
                    parts.append(c)
                else:
                    walk(c)

        walk(self)
        return " ".join("".join(parts).split())

    def iter(self) -> Iterator[Node]:
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag)
            and (cls is None or cls in n.classes)
            and all(n.attrs.get(k) == v for k, v in attrs.items())
        ]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'}> with class={cls} {attrs}"
        return found[0]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, parent=self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"stray </{tag}>"
        self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    assert builder.current is builder.root, f"unclosed <{builder.current.tag}>"
    return builder.root


def table_rows(table: Node) -> list[list[str]]:
    """Each body row's cells (th and td) as text."""
    rows = []
    for tbody in table.find_all("tbody"):
        for tr in tbody.find_all("tr"):
            rows.append([c.text() for c in tr.children if isinstance(c, Node) and c.tag in ("th", "td")])
    return rows


# The helper's own checks, so the report tests can trust it.


def test_parse_builds_a_tree_and_reads_tables() -> None:
    doc = parse(
        "<!DOCTYPE html><html><body><p class='a b'>Hi <b>there</b><br>you</p>"
        "<table><tbody><tr><th>x</th><td>1 &amp; 2</td></tr></tbody></table></body></html>"
    )
    p = doc.find("p", cls="b")
    assert p.text() == "Hi thereyou"
    assert table_rows(doc.find("table")) == [["x", "1 & 2"]]


def test_parse_refuses_unbalanced_markup() -> None:
    import pytest

    with pytest.raises(AssertionError):
        parse("<div><span>never closed")
