"""Timing the interview: from Enter to the next prompt, including the atomic save.

Call :func:`answer_latency` from a benchmark, or run ``python -m benchmarks.interview_latency``
(from the repository's root).
It builds a checklist of ``items`` rating items, fills an audit with an answer and a
note for each (so every save writes the whole file), then reviews it, typing a new
value and a note for every item. Each interval measured runs from the moment a line is
returned by the asker to the moment the next prompt is asked: parsing, checking,
saving (temporary file, fsync, rename), scoring the section at a boundary and drawing
the next screen with rich (into memory, with colour).
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from cx_audit.interview.asker import Message, Prompt
from cx_audit.interview.terminal import ConsoleAsker


@dataclass(frozen=True)
class Latency:
    samples_ms: tuple[float, ...]
    saves: int

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    @property
    def worst(self) -> float:
        return max(self.samples_ms)

    def __str__(self) -> str:
        return (
            f"{len(self.samples_ms)} prompts, {self.saves} saves: median {self.median:.1f} ms, "
            f"p95 {self.p95:.1f} ms, max {self.worst:.1f} ms"
        )


class _TimingAsker(ConsoleAsker):
    """Types scripted lines into the real console asker and times the gaps between prompts."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(io.StringIO(), io.StringIO(), interactive=True, color=True, width=100)
        self.script = lines
        self.samples: list[float] = []
        self._returned: float | None = None

    def show(self, message: Message) -> None:
        super().show(message)
        out = self.console.file
        if isinstance(out, io.StringIO):  # keep memory flat over many screens
            out.seek(0)
            out.truncate()

    def ask(self, prompt: Prompt) -> str:
        now = time.perf_counter()
        if self._returned is not None:
            self.samples.append((now - self._returned) * 1000)
        self._prompt_text(prompt)
        if not self.script:
            raise EOFError
        line = self.script.pop(0)
        self._returned = time.perf_counter()
        return line


def checklist_yaml(items: int, per_section: int = 20) -> str:
    lines = [
        "format: cx-audit/checklist@1",
        "id: bench",
        "title: Benchmark checklist",
        'version: "1.0.0"',
        "sections:",
    ]
    for k in range(0, items, per_section):
        lines += [f"  - id: s{k // per_section}", f"    title: Section {k // per_section + 1}", "    items:"]
        for n in range(k, min(k + per_section, items)):
            lines += [
                f"      - id: I{n}",
                f"        text: Question number {n}, long enough to wrap on a narrow terminal like a real one does?",
                "        guidance: Look for evidence.",
                f"        recommendation: Improve item {n}.",
            ]
            if n % 10 == 5:
                lines.append(f"        when: {{item: I{n - 1}, min: 1}}")
    return "\n".join(lines) + "\n"


def answer_latency(items: int = 200, folder: Path | None = None) -> Latency:
    """Review an audit of ``items`` answered items, changing every answer and its note."""
    from cx_audit.files.audit import dump_audit, new_audit
    from cx_audit.files.checklist import load_checklist
    from cx_audit.files.edit import open_audit
    from cx_audit.interview.flow import Interview
    from cx_audit.interview.saving import AuditWriter
    from cx_audit.interview.session import Session
    from cx_audit.model import Answer

    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        base = Path(tmp)
        (base / "bench.yaml").write_text(checklist_yaml(items), encoding="utf-8")
        checklist = load_checklist(base / "bench.yaml")
        audit = new_audit(checklist, base / "audit.yaml", client="Bench Ltd", auditor="B. Mark")
        for item in checklist.items:
            audit.answers[item.id] = Answer(2, note=f"Seen on site; note for {item.id}.")
        with open_audit(base / "audit.yaml") as file:
            file.save(dump_audit(audit, checklist))
            writer = AuditWriter(audit, checklist, file.save)
            writer.prime()
            session = Session(checklist, audit, writer)
            script: list[str] = []
            for n in range(len(checklist.items)):
                script += [str(1 + n % 4), f"Changed on review, item {n}."]
            asker = _TimingAsker(script)
            Interview(session, asker, review=True).run()
        return Latency(tuple(asker.samples), session.saves)


def main() -> None:
    import sys

    where = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    result = answer_latency(folder=where)
    print(result)
    print("budget: 50 ms from Enter to the next prompt:", "ok" if result.p95 < 50 else "OVER")


if __name__ == "__main__":
    main()
