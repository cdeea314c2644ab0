"""After merging helper verdicts' `editions` support: run `python3 scratch/apply_editions.py` once.

It puts the draft `editions:` of scratch/editions-3.0.0.yaml into each 3.0.0 checklist, and
verdicts' 1.0.0 -> 2.0.0 mapping (which that branch added to the then-current 2.0.0 files) into
the released 2.0.0 files, so that 1.0.0, 2.0.0 and 3.0.0 audits compare. Each insertion goes
just before `sections:` and is skipped when the file already has an `editions:` key.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONE_TO_TWO = {
    "customer-value": """editions:
  # 1.0.0 -> 2.0.0: the reorder test's cut-offs moved, and telling customers of price
  # changes became a percentage.
  - from: "1.0.0"
    changed: [RO1, RO3]
""",
    "cx-essentials": """editions:
  # 1.0.0 -> 2.0.0: the promise-keeping question became a measured rate (ES1 -> ES8, a new
  # item), complaints are measured against the published standard, not in hours, and
  # "customer experience" was split into the sections that follow the seeds' elements.
  - from: "1.0.0"
    removed: [ES1, VC7, CX1, CX8]
    changed: [SB1, VC3, VC4, CX4, CX5, CX7]
    sections: {value-to-client: value-to-customers}
""",
    "quick-scan": """editions:
  # 1.0.0 -> 2.0.0: delivery and repeat-custom rates are judged on new cut-offs.
  - from: "1.0.0"
    changed: [QP2, QV5]
""",
    "retention-loyalty": """editions:
  # 1.0.0 -> 2.0.0: the repeat rate's cut-offs, the terms for existing customers (now
  # choices), attention (now a count of shortfalls), complaint replies (now against the
  # published standard), the scheme (now one customers use) and staff authority (now
  # acting within a written limit).
  - from: "1.0.0"
    changed: [EC1, EC2, EC3, IN2, IN3, ST4]
""",
}


def insert(path: Path, block: str) -> bool:
    text = path.read_text(encoding="utf-8")
    if re.search(r"^editions:", text, re.M):
        return False
    at = text.index("\nsections:\n") + 1
    path.write_text(text[:at] + block + text[at:], encoding="utf-8")
    return True


def main() -> None:
    draft = (ROOT / "scratch" / "editions-3.0.0.yaml").read_text(encoding="utf-8")
    for m in re.finditer(r"^([a-z-]+):\n((?:  .*\n)+)", draft, re.M):
        block = "".join(line[2:] + "\n" for line in m.group(2).rstrip("\n").split("\n"))
        if insert(ROOT / "checklists" / f"{m.group(1)}.yaml", block):
            print(f"checklists/{m.group(1)}.yaml: editions from 2.0.0 (and 1.0.0) added")
    for cid, block in ONE_TO_TWO.items():
        path = ROOT / "checklists" / "released" / cid / "2.0.0.yaml"
        if insert(path, block):
            print(f"{path.relative_to(ROOT)}: editions from 1.0.0 added")


if __name__ == "__main__":
    main()
