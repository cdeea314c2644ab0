"""Answer labels survey tools export instead of numbers, and `--map LABEL=VALUE`.

A built-in label set names each answer of a common scale in words: satisfaction (CSAT,
1–5), agreement and ease (CES, 1–7), yes/no (share). English, German, French and Spanish
(yes/no also in Italian, Dutch and Portuguese). Labels are matched ignoring case,
accents are kept (`très satisfait`), runs of spaces count as one. A label that is in no
set (`Maybe`) stays an error unless `--map` says what it means.
"""

from __future__ import annotations

from cx_audit.model import MetricKind

SKIP = "skip"  # `--map LABEL=skip`: leave the answer out (not counted in n)

_SATISFACTION = {
    1: (
        "very dissatisfied", "extremely dissatisfied", "sehr unzufrieden", "äußerst unzufrieden", "très insatisfait",
        "très insatisfaite", "très mécontent", "très mécontente", "muy insatisfecho", "muy insatisfecha",
    ),
    2: (
        "dissatisfied", "somewhat dissatisfied", "unzufrieden", "eher unzufrieden", "insatisfait", "insatisfaite",
        "plutôt insatisfait", "plutôt insatisfaite", "mécontent", "mécontente", "insatisfecho", "insatisfecha",
        "algo insatisfecho", "algo insatisfecha",
    ),
    3: (
        "neither satisfied nor dissatisfied", "neutral", "weder zufrieden noch unzufrieden", "teils/teils", "neutre",
        "ni satisfait ni insatisfait", "ni satisfaite ni insatisfaite", "ni satisfecho ni insatisfecho",
        "ni satisfecha ni insatisfecha",
    ),
    4: (
        "satisfied", "somewhat satisfied", "zufrieden", "eher zufrieden", "satisfait", "satisfaite", "plutôt satisfait",
        "plutôt satisfaite", "content", "contente", "satisfecho", "satisfecha", "algo satisfecho", "algo satisfecha",
    ),
    5: (
        "very satisfied", "extremely satisfied", "sehr zufrieden", "äußerst zufrieden", "très satisfait",
        "très satisfaite", "très content", "très contente", "muy satisfecho", "muy satisfecha",
    ),
}  # fmt: skip
_AGREEMENT = {
    1: ("strongly disagree", "stimme überhaupt nicht zu", "pas du tout d'accord", "totalmente en desacuerdo"),
    2: ("disagree", "stimme nicht zu", "pas d'accord", "en desacuerdo"),
    3: ("somewhat disagree", "stimme eher nicht zu", "plutôt pas d'accord", "algo en desacuerdo"),
    4: ("neither agree nor disagree", "neutral", "weder noch", "ni d'accord ni pas d'accord", "ni de acuerdo ni en desacuerdo"),
    5: ("somewhat agree", "stimme eher zu", "plutôt d'accord", "algo de acuerdo"),
    6: ("agree", "stimme zu", "d'accord", "de acuerdo"),
    7: ("strongly agree", "stimme voll und ganz zu", "tout à fait d'accord", "totalmente de acuerdo"),
}
_EASE = {
    1: ("very difficult", "extremely difficult", "sehr schwierig", "très difficile", "muy difícil"),
    2: ("difficult", "schwierig", "difficile", "difícil"),
    3: ("somewhat difficult", "eher schwierig", "plutôt difficile", "algo difícil"),
    4: ("neither easy nor difficult", "neither difficult nor easy", "weder leicht noch schwierig", "ni facile ni difficile"),
    5: ("somewhat easy", "eher leicht", "plutôt facile", "algo fácil"),
    6: ("easy", "leicht", "facile", "fácil"),
    7: ("very easy", "extremely easy", "sehr leicht", "très facile", "muy fácil"),
}
_YES_NO = {
    1: ("yes", "y", "true", "ja", "oui", "sí", "si", "sì", "sim", "yes, definitely", "definitely yes"),
    0: ("no", "n", "false", "nein", "non", "não", "nee", "definitely not"),
}


def _flatten(*sets: dict[int, tuple[str, ...]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for labels in sets:
        for value, words in labels.items():
            for word in words:
                out.setdefault(fold(word), value)  # `neutral` is 3 of satisfaction, 4 of agreement: first set wins
    return out


def fold(text: str) -> str:
    """A label as it is compared: case folded, runs of spaces as one, no trailing punctuation."""
    return " ".join(text.casefold().split()).rstrip(".!")


LABEL_SETS: dict[MetricKind, dict[str, int]] = {
    MetricKind.csat: _flatten(_SATISFACTION),
    MetricKind.ces: _flatten(_AGREEMENT, _EASE),
    MetricKind.share: _flatten(_YES_NO),
    MetricKind.nps: {},  # NPS labels come with their number (`10 - Extremely likely`)
}


def parse_map(entries: list[str], kind: MetricKind, lo: int, hi: int) -> tuple[dict[str, int | None], list[str]]:
    """`--map LABEL=VALUE` entries: folded label -> answer (None: skip); and the problems.

    VALUE is a whole number of the kind's scale, `skip`, or for a share a yes/no word.
    """
    mapping: dict[str, int | None] = {}
    problems: list[str] = []
    for entry in entries:
        label, eq, value = entry.rpartition("=")
        if not eq or not label.strip():
            problems.append(f"--map {entry}: give LABEL=VALUE, such as --map 'Very satisfied=5' or --map Maybe=skip")
            continue
        word = value.strip()
        target: int | None
        if word.casefold() == SKIP:
            target = None
        elif kind is MetricKind.share and fold(word) in LABEL_SETS[MetricKind.share]:
            target = LABEL_SETS[MetricKind.share][fold(word)]
        elif word.isascii() and word.lstrip("-").isdigit() and lo <= int(word) <= hi:
            target = int(word)
        else:
            scale = "yes, no" if kind is MetricKind.share else f"a whole number from {lo} to {hi}"
            problems.append(f"--map {entry}: the value must be {scale}, or skip")
            continue
        mapping[fold(label)] = target
    return mapping, problems
