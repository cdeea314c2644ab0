"""The built-in checklists are product content: they must validate and be usable by a consultant."""

from __future__ import annotations

import re

import pytest

from cx_audit.files import registry
from cx_audit.files.checklist import load_checklist
from cx_audit.model import Checklist, ItemType

BUILTINS = ["customer-value", "cx-essentials", "quick-scan", "retention-loyalty"]


def load(cid: str) -> Checklist:
    return load_checklist(registry.builtin_dir() / f"{cid}.yaml", builtin=True)


def test_the_builtin_set() -> None:
    assert sorted(p.stem for p in registry.builtin_dir().glob("*.yaml")) == BUILTINS


@pytest.mark.parametrize("cid", BUILTINS)
def test_every_item_is_usable(cid: str) -> None:
    c = load(cid)
    assert c.id == cid and c.description
    assert {t for t in ItemType} == {i.type for i in c.items}, "every item type is used"
    assert any(i.critical for i in c.items)
    assert any(i.weight != 1 for i in c.items)
    for section in c.sections:
        assert section.description, section.id
    for item in c.items:
        assert len(item.guidance) >= 120, f"{item.id}: guidance must say what evidence earns which score"
        if item.type is not ItemType.text:
            assert len(item.recommendation) >= 120, f"{item.id}: recommendation must be concrete"
        if item.type is ItemType.rating:
            for point in (0, 2, 4):
                assert re.search(rf"(^|\D){point}\s*[:=.)]", item.guidance), f"{item.id}: guidance defines {point}"
        if item.type is ItemType.number:
            assert item.unit, f"{item.id}: a number item names its unit"
        if item.critical:
            assert not item.allow_na, f"{item.id}: a critical item cannot be N/A"


def test_flagship_follows_the_elements_of_good_cx() -> None:
    c = load("cx-essentials")
    assert [s.id for s in c.sections] == [
        "offer-clarity",
        "staff-understanding",
        "staff-buy-in",
        "expectation-setting",
        "exceeding-expectations",
        "consistency",
        "value-to-client",
        "customer-experience",
    ]
    assert all(5 <= len(s.items) <= 8 for s in c.sections)
    assert sum(i.when is not None for i in c.items) >= 1


def test_quick_scan_is_short() -> None:
    assert len(load("quick-scan").items) <= 12


def test_conditions_exist_where_questions_depend_on_a_fact() -> None:
    for cid in ("cx-essentials", "customer-value", "retention-loyalty"):
        assert any(i.when is not None for i in load(cid).items), cid
