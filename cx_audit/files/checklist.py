"""Checklist YAML → :class:`~cx_audit.model.Checklist`, checking every rule of the SPEC."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from cx_audit.errors import InputError
from cx_audit.files.checks import CHECKLIST_ID_RE, COMMAND_WORDS, Path_, describe, is_number
from cx_audit.files.conditions import ConditionReader
from cx_audit.files.editions import read_editions
from cx_audit.files.profiles import read_profiles
from cx_audit.files.yamlio import Source, decode, display_path, parse, read_bytes
from cx_audit.model import (
    CHECKLIST_FORMAT,
    DEFAULT_BANDS,
    DEFAULT_SCALE,
    Band,
    Checklist,
    Item,
    ItemType,
    MetricKind,
    Option,
    Scale,
    Section,
    Threshold,
    ThresholdKind,
)

TOP_KEYS = (
    "format", "id", "title", "version", "description", "scale", "bands", "critical_cap", "sections", "profiles", "editions",
)  # fmt: skip
SECTION_KEYS = ("id", "title", "weight", "description", "items")
ITEM_KEYS = (
    "id", "text", "type", "weight", "critical", "allow_na", "guidance", "recommendation",
    "when", "scale", "options", "thresholds", "unit", "metric",
)  # fmt: skip
MAX_SCALE_POINTS = 101
TYPE_ONLY_KEYS = {
    "scale": ItemType.rating,
    "options": ItemType.choice,
    "thresholds": ItemType.number,
    "unit": ItemType.number,
    "metric": ItemType.number,
}


def load_checklist(path: Path, builtin: bool = False, display: str | None = None, referenced: bool = False) -> Checklist:
    """Load and validate a checklist file; every problem raises one :class:`InputError`.

    ``referenced``: the path was named inside another file (an audit's ``checklist:``,
    a questionnaire), not by the user. Such a file is read only if it says it is a
    checklist; otherwise one line says so without quoting it, so a hostile audit cannot
    put fragments of ``/etc/passwd`` into a CI log through the error messages.
    """
    shown = display or display_path(path)
    raw = read_bytes(path, shown)
    if referenced and CHECKLIST_FORMAT.encode() not in raw:
        raise InputError.single(shown, f"is not a cx-audit checklist (it has no 'format: {CHECKLIST_FORMAT}' line)")
    source = parse(decode(raw, shown), path, shown)
    source.sha256 = hashlib.sha256(raw).hexdigest()
    return checklist_from_source(source, builtin)


def checklist_from_source(source: Source, builtin: bool = False) -> Checklist:
    return _ChecklistReader(source).read(builtin)


class _ChecklistReader(ConditionReader):
    def __init__(self, source: Source) -> None:
        super().__init__(source)
        self.items_seen: dict[str, Item] = {}

    def read(self, builtin: bool) -> Checklist:
        top = self.mapping(self.source.data, (), "a checklist")
        if top is None:
            self.raise_if_any()
            raise AssertionError  # unreachable
        self.keys(top, (), TOP_KEYS, ("format", "id", "title", "version", "sections"))
        fmt = top.get("format")
        if "format" in top and fmt != CHECKLIST_FORMAT:
            self.error(("format",), f"format must be '{CHECKLIST_FORMAT}', not {describe(fmt)}")
        cid = self.ident(top["id"], ("id",), "checklist id", CHECKLIST_ID_RE) if "id" in top else None
        title = self.string(top, "title", (), required=True)
        version = self._version(top)
        description = self.string(top, "description", ())
        scale = self._scale(top["scale"], ("scale",)) if "scale" in top else DEFAULT_SCALE
        bands = self._bands(top["bands"]) if "bands" in top else DEFAULT_BANDS
        sections = self._sections(top.get("sections"), scale or DEFAULT_SCALE)
        cap = self._critical_cap(top, bands) if "critical_cap" in top else None
        profiles = read_profiles(self, top["profiles"], sections, self._thresholds) if "profiles" in top else {}
        editions = read_editions(self, top["editions"], version, sections) if "editions" in top else ()
        self.raise_if_any()
        assert cid is not None and scale is not None
        return Checklist(
            id=cid,
            title=title,
            version=version,
            description=description.strip(),
            scale=scale,
            bands=bands,
            sections=sections,
            sha256=self.source.sha256,
            path=self.source.path,
            builtin=builtin,
            critical_cap=cap,
            profiles=profiles,
            editions=editions,
        )

    def _critical_cap(self, top: dict[Any, Any], bands: tuple[Band, ...]) -> str | None:
        value = top["critical_cap"]
        labels = [b.label for b in bands]
        if not isinstance(value, str) or value not in labels:
            known = ", ".join(labels)
            self.error(("critical_cap",), f"critical_cap must be the label of one of the bands ({known}), not {describe(value)}")
            return None
        return value

    def _version(self, top: dict[Any, Any]) -> str:
        if "version" not in top:
            return ""
        value = top["version"]
        if isinstance(value, str) and value.strip():
            return value
        if is_number(value):
            raw = self.source.raw_scalar(("version",)) or str(value)
            self.error(("version",), f'version must read as text: write "{raw}" in quotes (a bare {raw} is a number)')
        else:
            self.error(("version",), f"version must be text such as 1.0.0, not {describe(value)}")
        return ""

    def _scale(self, value: Any, path: Path_) -> Scale | None:
        m = self.mapping(value, path, "scale")
        if m is None:
            return None
        self.keys(m, path, ("min", "max", "labels"), ("min", "max"), "scale")
        lo, hi = m.get("min"), m.get("max")
        ok = True
        for key, v in (("min", lo), ("max", hi)):
            if key in m and not (is_number(v) and float(v).is_integer()):
                self.error((*path, key), f"scale {key} must be a whole number, not {describe(v)}")
                ok = False
        if not ok or lo is None or hi is None:
            return None
        lo, hi = int(lo), int(hi)
        if hi <= lo:
            self.error(path, f"scale max ({hi}) must be greater than min ({lo})")
            return None
        if hi - lo + 1 > MAX_SCALE_POINTS:
            # the interview lists every point and the questionnaire offers each in a drop-down
            self.error(
                path,
                f"a scale has at most {MAX_SCALE_POINTS} points (0 to {MAX_SCALE_POINTS - 1}, say); this one has {hi - lo + 1:,}",
            )
            return None
        labels: dict[int, str] = {}
        raw = m.get("labels")
        if raw is not None:
            lm = self.mapping(raw, (*path, "labels"), "scale labels")
            for k, v in (lm or {}).items():
                if not (is_number(k) and float(k).is_integer() and lo <= k <= hi):
                    self.error((*path, "labels", k), f"label key {describe(k)} is not a point of the scale {lo}–{hi}", True)
                elif not isinstance(v, str):
                    self.error((*path, "labels", k), f"label for {k} must be text, not {describe(v)}")
                else:
                    labels[int(k)] = v
        return Scale(lo, hi, labels)

    def _bands(self, value: Any) -> tuple[Band, ...]:
        if not isinstance(value, list) or not value:
            self.error(("bands",), f"bands must be a non-empty list of {{min, label}}, not {describe(value)}")
            return DEFAULT_BANDS
        bands: list[Band] = []
        for i, raw in enumerate(value):
            path: Path_ = ("bands", i)
            m = self.mapping(raw, path, "a band")
            if m is None:
                continue
            self.keys(m, path, ("min", "label"), ("min", "label"), "a band")
            lo = m.get("min")
            label = self.string(m, "label", path, required=True)
            if "min" in m and not (is_number(lo) and 0 <= lo <= 100):
                self.error((*path, "min"), f"band min must be a number from 0 to 100, not {describe(lo)}")
                continue
            if lo is None:
                continue
            if bands and lo >= bands[-1].min:
                what = "the same min as" if lo == bands[-1].min else "a higher min than"
                self.error(
                    (*path, "min"), f"band '{label}' has {what} the band before it: list bands best first, each min distinct"
                )
            bands.append(Band(float(lo), label))
        if bands and min(b.min for b in bands) != 0:
            self.error(("bands",), "the lowest band must have min 0, so every score gets a band")
        return tuple(bands)

    def _sections(self, value: Any, scale: Scale) -> tuple[Section, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not value:
            self.error(("sections",), f"sections must be a non-empty list, not {describe(value)}")
            return ()
        sections: list[Section] = []
        seen: set[str] = set()
        for i, raw in enumerate(value):
            path: Path_ = ("sections", i)
            m = self.mapping(raw, path, "a section")
            if m is None:
                continue
            self.keys(m, path, SECTION_KEYS, ("id", "title", "items"), "a section")
            sid = self.ident(m["id"], (*path, "id"), "section id") if "id" in m else None
            if sid is not None:
                if sid in seen:
                    self.error((*path, "id"), f"section id '{sid}' is used twice")
                seen.add(sid)
            title = self.string(m, "title", path, required=True)
            weight = self.weight(m, path)
            description = self.string(m, "description", path)
            items = self._items(m.get("items"), (*path, "items"), sid or "", scale)
            sections.append(Section(sid or "", title, weight, description.strip(), items))
        return tuple(sections)

    def _items(self, value: Any, path: Path_, section: str, scale: Scale) -> tuple[Item, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not value:
            self.error(path, f"items must be a non-empty list, not {describe(value)}")
            return ()
        items = []
        for i, raw in enumerate(value):
            item = self._item(raw, (*path, i), section, scale)
            if item is not None:
                items.append(item)
        return tuple(items)

    def _item(self, raw: Any, path: Path_, section: str, default_scale: Scale) -> Item | None:
        m = self.mapping(raw, path, "an item")
        if m is None:
            return None
        self.keys(m, path, ITEM_KEYS, ("id", "text"), "an item")
        iid = self.ident(m["id"], (*path, "id"), "item id") if "id" in m else None
        if iid is not None and iid in self.items_seen:
            self.error((*path, "id"), f"item id '{iid}' is used twice (ids are unique across the checklist)")
            iid = None
        text = self.string(m, "text", path, required=True)
        raw_type = m.get("type", "rating")
        try:
            itype = ItemType(raw_type)
        except ValueError:
            names = ", ".join(t.value for t in ItemType)
            self.error((*path, "type"), f"type must be one of {names}, not {describe(raw_type)}")
            return None
        for key, only in TYPE_ONLY_KEYS.items():
            if key in m and itype is not only:
                self.error((*path, key), f"'{key}' applies only to {only.value} items, not {itype.value}", True)
        critical = self.boolean(m, "critical", path, False)
        allow_na = self.boolean(m, "allow_na", path, not critical)
        item_scale: Scale | None = None
        options: tuple[Option, ...] = ()
        thresholds: tuple[Threshold, ...] = ()
        kind = ThresholdKind.min
        if itype is ItemType.rating:
            item_scale = self._scale(m["scale"], (*path, "scale")) if "scale" in m else default_scale
        elif itype is ItemType.choice:
            options = self._options(m.get("options"), (*path, "options"))
        elif itype is ItemType.number:
            thresholds, kind = self._thresholds(m.get("thresholds"), (*path, "thresholds"))
        unit = self.string(m, "unit", path)
        if itype is ItemType.text and critical:
            self.error((*path, "critical"), "a text item is never scored, so it cannot be critical")
        item = Item(
            id=iid or "",
            text=text.strip(),
            type=itype,
            section=section,
            index=len(self.items_seen),
            weight=self.weight(m, path),
            critical=critical,
            allow_na=allow_na,
            guidance=self.string(m, "guidance", path).strip(),
            recommendation=self.string(m, "recommendation", path).strip(),
            scale=item_scale,
            options=options,
            thresholds=thresholds,
            threshold_kind=kind,
            unit=unit,
            when=self._condition(m["when"], (*path, "when"), iid) if "when" in m else None,
            metric=self._metric(m, path) if itype is ItemType.number else None,
        )
        if iid is not None:
            self.items_seen[iid] = item
        return item

    def _metric(self, m: dict[Any, Any], path: Path_) -> MetricKind | None:
        raw = m.get("metric")
        if raw is None:
            return None
        try:
            return MetricKind(raw)
        except ValueError:
            names = ", ".join(k.value for k in MetricKind)
            self.error((*path, "metric"), f"metric must be one of {names}, not {describe(raw)}")
            return None

    def _options(self, value: Any, path: Path_) -> tuple[Option, ...]:
        if not isinstance(value, list) or len(value) < 2:
            self.error(path, f"a choice item needs a list of at least two options {{id, label, score}}, not {describe(value)}")
            return ()
        options: list[Option] = []
        for i, raw in enumerate(value):
            p: Path_ = (*path, i)
            m = self.mapping(raw, p, "an option")
            if m is None:
                continue
            self.keys(m, p, ("id", "label", "score"), ("id", "label", "score"), "an option")
            oid = self.ident(m["id"], (*p, "id"), "option id") if "id" in m else None
            if oid is not None and oid.lower() in COMMAND_WORDS:
                self.error((*p, "id"), f"option id '{oid}' is an interview command word ({' '.join(sorted(COMMAND_WORDS))})")
                oid = None
            if oid is not None and any(o.id == oid for o in options):
                self.error((*p, "id"), f"option id '{oid}' is used twice in this item")
                oid = None
            label = self.string(m, "label", p, required=True)
            score = m.get("score")
            if "score" in m and not (is_number(score) and 0 <= score <= 1):
                self.error((*p, "score"), f"option score must be a number from 0 to 1, not {describe(score)}")
                continue
            if oid is not None and score is not None:
                options.append(Option(oid, label, float(score)))
        return tuple(options)

    def _thresholds(self, value: Any, path: Path_) -> tuple[tuple[Threshold, ...], ThresholdKind]:
        if not isinstance(value, list) or not value:
            self.error(path, f"a number item needs a list of thresholds [{{min: X, score: S}}, ...], not {describe(value)}")
            return (), ThresholdKind.min
        kinds: set[str] = set()
        result: list[Threshold] = []
        for i, raw in enumerate(value):
            p: Path_ = (*path, i)
            m = self.mapping(raw, p, "a threshold")
            if m is None:
                continue
            kind = "min" if "min" in m else "max"
            self.keys(m, p, (kind, "score"), (kind, "score"), "a threshold")
            kinds.add(kind)
            bound, score = m.get(kind), m.get("score")
            if kind in m and not is_number(bound):
                self.error((*p, kind), f"threshold {kind} must be a number, not {describe(bound)}")
                continue
            if "score" in m and not (is_number(score) and 0 <= score <= 1):
                self.error((*p, "score"), f"threshold score must be a number from 0 to 1, not {describe(score)}")
                continue
            if bound is None or score is None:
                continue
            if result and len(kinds) == 1:
                prev = result[-1].bound
                if (kind == "min" and bound >= prev) or (kind == "max" and bound <= prev):
                    order = "min descending" if kind == "min" else "max ascending"
                    self.error((*p, kind), f"thresholds must be listed best first ({order}): {bound:g} after {prev:g}")
            result.append(Threshold(float(bound), float(score)))
        if len(kinds) > 1:
            self.error(path, "thresholds must all use 'min' (higher is better) or all 'max' (lower is better)")
        return tuple(result), ThresholdKind(kinds.pop()) if len(kinds) == 1 else ThresholdKind.min
