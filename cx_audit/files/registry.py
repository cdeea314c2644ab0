"""Where checklists and templates live, and finding a checklist by id or path."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cx_audit.errors import InputError
from cx_audit.files.checklist import load_checklist
from cx_audit.model import Checklist

_PACKAGE = Path(__file__).resolve().parent.parent  # cx_audit/
DEFAULT_CHECKLIST = "cx-essentials"


def resource_dir(name: str) -> Path:
    """A top-level data folder: inside the package in a wheel, beside it in a checkout."""
    packaged = _PACKAGE / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name


def builtin_dir() -> Path:
    return resource_dir("checklists")


def templates_dir() -> Path:
    return resource_dir("report_templates")


def search_dirs() -> list[Path]:
    """Folders named in CX_AUDIT_PATH (os.pathsep-separated), in order."""
    raw = os.environ.get("CX_AUDIT_PATH", "")
    return [Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip()]


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


_cache: dict[tuple[str, int, int, bool, bool, str | None], Checklist] = {}


def load_cached(path: Path, builtin: bool = False, referenced: bool = False, display: str | None = None) -> Checklist:
    """Load a checklist once per process (a program loads the same one for every audit).

    The same file loaded as a built-in and as a user's path is two checklists (a built-in
    is referenced by id and version, a path by its path), so the key holds how it was loaded.
    """
    try:
        st = path.stat()
        key = (str(path.resolve()), st.st_mtime_ns, st.st_size, builtin, referenced, display)
    except OSError:
        return load_checklist(path, builtin, referenced=referenced)
    found = _cache.get(key)
    if found is None:
        display = display or (f"{path.name} (built-in)" if builtin else None)
        found = _cache[key] = load_checklist(path, builtin, display, referenced)
    return found


def looks_like_path(ref: str) -> bool:
    return "/" in ref or os.sep in ref or ref.endswith((".yaml", ".yml"))


def resolve(ref: str, base: Path | None = None, referenced: bool = False) -> Checklist:
    """A checklist from a built-in id, an id in CX_AUDIT_PATH, or a path (relative to base).

    ``referenced``: ``ref`` comes from inside a file (an audit), not from the user; see
    :func:`~cx_audit.files.checklist.load_checklist`.
    """
    candidate = (base / ref) if base is not None else Path(ref)
    if "@" in ref and not looks_like_path(ref) and not candidate.is_file():
        cid, _, version = ref.partition("@")
        found = resolve(cid, base, referenced)
        if found.version == version:
            return found
        older = builtin_version(found, version) if version else None
        if older is None:
            raise InputError.single(ref, f"no version {version} of checklist {cid} (this one is {found.version})")
        return older
    if looks_like_path(ref) or candidate.is_file():
        if not candidate.exists():
            raise InputError.single(candidate, "checklist file not found")
        return load_cached(candidate, referenced=referenced)
    for folder in search_dirs():
        for suffix in (".yaml", ".yml"):
            path = folder / f"{ref}{suffix}"
            if path.is_file():
                return load_cached(path)
    path = builtin_dir() / f"{ref}.yaml"
    if path.is_file():
        return load_cached(path, builtin=True)
    for folder in search_dirs():  # last resort: a file whose id differs from its name
        for path in _yaml_files(folder):
            try:
                found = load_cached(path)
            except InputError:
                continue
            if found.id == ref:
                return found
    known = ", ".join(e.id for e in available())
    raise InputError.single(ref, f"no such checklist (known: {known}); give a built-in id or a path")


def builtin_version(checklist: Checklist, version: str) -> Checklist | None:
    """A built-in checklist's earlier released version (None: not built in, or no such release)."""
    from cx_audit.files.editions import released_path

    if not checklist.builtin or version == checklist.version:
        return None
    path = released_path(builtin_dir(), checklist.id, version)
    if not path.is_file():
        return None
    return load_cached(path, builtin=True, display=f"{checklist.id} {version} (built-in)")


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    version: str
    items: int
    source: str  # "built-in" or the folder
    path: Path


def available(all_versions: bool = False) -> list[Entry]:
    """Every checklist on offer: CX_AUDIT_PATH folders first, then the built-ins.

    ``all_versions``: each built-in checklist is followed by its earlier released versions,
    newest first.
    """
    from cx_audit.files.editions import released_versions

    entries: list[Entry] = []
    folders = [(d, str(d)) for d in search_dirs()] + [(builtin_dir(), "built-in")]
    for folder, label in folders:
        for path in _yaml_files(folder):
            try:
                c = load_cached(path, builtin=label == "built-in")
            except InputError:
                continue
            entries.append(Entry(c.id, c.title, c.version, len(c.items), label, path))
            if all_versions and label == "built-in":
                for old in reversed(released_versions(folder, c.id)):
                    o = load_cached(old, builtin=True, display=f"{c.id} {old.stem} (built-in)")
                    entries.append(Entry(o.id, o.title, o.version, len(o.items), "built-in, released", old))
    return entries
