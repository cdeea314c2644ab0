"""The fast loop's one switch: CX_AUDIT_NO_FSYNC=1 (set by tests/conftest.py) skips the
two fsync calls of a write and nothing else; without it every write waits for the disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cx_audit.files import atomic


def fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = os.fsync

    def spy(fd: int) -> None:
        calls.append(fd)
        real(fd)

    monkeypatch.setattr(os, "fsync", spy)
    return calls


def test_the_suite_runs_without_fsync(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert os.environ.get("CX_AUDIT_NO_FSYNC") == "1" and not atomic.durable()
    calls = fsyncs(monkeypatch)
    atomic.atomic_write_bytes(tmp_path / "a.txt", b"one")
    atomic.atomic_write_bytes(tmp_path / "b.txt", b"two", replace=False)
    assert calls == []
    assert (tmp_path / "a.txt").read_bytes() == b"one" and (tmp_path / "b.txt").read_bytes() == b"two"


def test_a_durable_write_syncs_the_file_and_its_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, durable: None) -> None:
    assert atomic.durable()
    calls = fsyncs(monkeypatch)
    atomic.atomic_write_bytes(tmp_path / "a.txt", b"one")
    assert len(calls) == (2 if os.name == "posix" else 1)
