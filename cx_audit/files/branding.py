"""Optional branding of the HTML report: the consultant's firm name, accent colour and logo.

Read from ``cx-audit.toml`` in the working folder, else from the user's config folder
(``typer.get_app_dir("cx-audit")``, e.g. ``~/.config/cx-audit/cx-audit.toml``); the first
file found is used, whole. The format::

    [branding]
    firm = "Northgate Advisory"     # shown on the cover and in the footer
    accent = "#0b5d7a"              # #rrggbb; headings, chart and highlights
    logo = "northgate.png"          # png, jpg, gif, svg or webp; relative to this file

Every key is optional. A problem with the file is an input error naming the file and
the key. The logo is embedded as a ``data:`` URI, so the report stays one file.
"""

from __future__ import annotations

import base64
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cx_audit.errors import InputError
from cx_audit.files.userfile import NOT_REGULAR, read_user_file

CONFIG_NAME = "cx-audit.toml"
DEFAULT_ACCENT = "#1d5c8c"
MAX_LOGO_BYTES = 1024 * 1024
_HEX = re.compile(r"#[0-9a-fA-F]{6}")
_MIME = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
}


@dataclass(frozen=True)
class Branding:
    firm: str = ""
    accent: str = DEFAULT_ACCENT
    logo_uri: str = ""  # a data: URI, or empty
    source: Path | None = None  # the config file it came from
    logo: Path | None = None  # the logo file read (an input: no output may replace it)

    @property
    def accent_ink(self) -> str:
        """The accent darkened until text in it on white passes WCAG AA (4.5:1)."""
        return _darken_for_contrast(self.accent, "#ffffff", 4.5)

    @property
    def on_accent(self) -> str:
        """Text colour on an accent background: white or near-black, whichever reads better."""
        return "#ffffff" if contrast(self.accent, "#ffffff") >= contrast(self.accent, "#1a1a1a") else "#1a1a1a"


def find_config(config_dir: Path | None, cwd: Path | None = None) -> Path | None:
    """The branding file in use: the working folder's, else the one in the user's config folder
    (``config_dir``, which the CLI finds: ``typer.get_app_dir("cx-audit")``)."""
    here = Path(CONFIG_NAME) if cwd is None else cwd / CONFIG_NAME  # relative, so messages stay short
    for candidate in (here, *([config_dir / CONFIG_NAME] if config_dir is not None else [])):
        if candidate.is_file():
            return candidate
    return None


def load_branding(config_dir: Path | None, cwd: Path | None = None) -> Branding:
    """The branding from the config file, or the defaults when there is none."""
    path = find_config(config_dir, cwd)
    return Branding() if path is None else read_branding(path)


def read_branding(path: Path) -> Branding:
    raw = read_user_file(path, str(path), MAX_LOGO_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError.single(path, f"cannot read the branding file: not UTF-8 text (byte {exc.start})") from None
    data = parse_toml(text, path)
    table = data.get("branding", {})
    if not isinstance(table, dict):
        raise InputError.single(path, "[branding] must be a table")
    known = {"firm", "accent", "logo"}
    for key in table:
        if key not in known:
            raise InputError.single(path, f"branding.{key}: unknown key (known: accent, firm, logo)")
    values: dict[str, str] = {}
    for key in sorted(known & set(table)):
        value = table[key]
        if not isinstance(value, str):
            raise InputError.single(path, f"branding.{key} must be text in quotes")
        values[key] = value.strip()
    accent = values.get("accent") or DEFAULT_ACCENT
    if not _HEX.fullmatch(accent):
        raise InputError.single(
            path, f"branding.accent must be a colour written #rrggbb (such as {DEFAULT_ACCENT}), not '{accent}'"
        )
    logo = _logo_uri(path, values["logo"]) if values.get("logo") else ""
    logo_file = _logo_path(path, values["logo"]) if values.get("logo") else None
    return Branding(firm=values.get("firm", ""), accent=accent.lower(), logo_uri=logo, source=path, logo=logo_file)


_KIND = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/svg+xml": "SVG", "image/webp": "WebP"}


def _looks_like(mime: str, data: bytes) -> bool:
    """The image signature matches the extension: a logo named .png that is a key file is refused."""
    if mime == "image/png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if mime == "image/jpeg":
        return data.startswith(b"\xff\xd8\xff")
    if mime == "image/gif":
        return data.startswith((b"GIF87a", b"GIF89a"))
    if mime == "image/webp":
        return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and b"<svg" in head.lower()


def _logo_path(config: Path, name: str) -> Path:
    logo = Path(name).expanduser()
    return logo if logo.is_absolute() else config.parent / logo


def _logo_uri(config: Path, name: str) -> str:
    logo = _logo_path(config, name)
    mime = _MIME.get(logo.suffix.lower())
    if mime is None:
        raise InputError.single(config, f"branding.logo: {name}: use a .png, .jpg, .gif, .svg or .webp file")
    try:
        data = read_user_file(logo, str(logo), MAX_LOGO_BYTES)
    except InputError as exc:
        reason = exc.problems[0].message
        if reason.startswith("file is"):
            reason = "is over 1 MB; use a smaller image"
        elif reason.startswith(NOT_REGULAR):
            reason = NOT_REGULAR
        else:
            raise InputError.single(config, f"branding.logo: cannot read {logo}: {reason}") from None
        raise InputError.single(config, f"branding.logo: {logo} {reason}") from None
    kind = _KIND[mime]
    if not _looks_like(mime, data):
        raise InputError.single(config, f"branding.logo: {logo} is not a {kind} image (its first bytes say otherwise)")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


# --- TOML ---------------------------------------------------------------------------


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    """TOML via tomllib (Python 3.11+); on 3.10 a small subset: tables and "text" keys."""
    if sys.version_info >= (3, 11):
        import tomllib

        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InputError.single(path, f"not valid TOML: {exc}") from None
    return _parse_simple_toml(text, path)  # pragma: no cover - exercised on 3.10 only


_TABLE = re.compile(r"\[\s*([A-Za-z0-9_-]+)\s*\]")
_PAIR = re.compile(r"""([A-Za-z0-9_-]+)\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*')""")


def _parse_simple_toml(text: str, path: Path) -> dict[str, Any]:
    """Enough TOML for this file: ``[table]`` headers, ``key = "text"`` pairs and comments."""
    data: dict[str, Any] = {}
    table = data
    for number, raw in enumerate(text.splitlines(), 1):
        line = _strip_comment(raw).strip()
        if not line:
            continue
        if m := _TABLE.fullmatch(line):
            table = data.setdefault(m.group(1), {})
            continue
        if m := _PAIR.fullmatch(line):
            value = m.group(2)
            table[m.group(1)] = _unquote(value)
            continue
        raise InputError.single(
            path, 'not valid TOML for Python 3.10, which reads only [table] and key = "text" lines', line=number, column=1
        )
    return data


def _strip_comment(line: str) -> str:
    quote, escaped = "", False
    for i, ch in enumerate(line):
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\" and quote == '"':
                escaped = True
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return line[:i]
    return line


def _unquote(value: str) -> str:
    if value.startswith("'"):
        return value[1:-1]
    escapes = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), value[1:-1])


# --- colour contrast ------------------------------------------------------------------


def _channels(colour: str) -> tuple[float, float, float]:
    return (int(colour[1:3], 16) / 255, int(colour[3:5], 16) / 255, int(colour[5:7], 16) / 255)


def luminance(colour: str) -> float:
    """WCAG relative luminance of #rrggbb."""

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = luminance(a), luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def _darken_for_contrast(colour: str, background: str, ratio: float) -> str:
    r, g, b = _channels(colour)
    current = colour.lower()
    factor = 1.0
    while contrast(current, background) < ratio and factor > 0:
        factor = round(factor - 0.05, 2)
        current = "#{:02x}{:02x}{:02x}".format(*(max(0, round(c * factor * 255)) for c in (r, g, b)))
    return current
