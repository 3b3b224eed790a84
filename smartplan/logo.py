"""The regional logo named in front.yaml: a small local PNG, JPEG or SVG, safe to embed.

The rule L001 and the renderer share :func:`check_logo`, so the document
embeds exactly the logos validation accepts. An SVG is embedded as an image,
yet scripts, event handlers and references to other documents are refused
outright: a master plan is opened by many people, offline, and must not run
or fetch anything.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

#: the largest logo, in bytes: a logo is a small picture, not a photo
MAX_BYTES = 256 * 1024
MEDIA_TYPES: dict[str, str] = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
_SVG_REFUSED: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<\s*script", re.IGNORECASE), "a script"),
    (re.compile(r"\son[a-z]+\s*=", re.IGNORECASE), "an event handler (on...=)"),
    (re.compile(r"<\s*foreignObject", re.IGNORECASE), "a foreignObject"),
    (re.compile(r"<!ENTITY", re.IGNORECASE), "an entity declaration"),
    (re.compile(r"href\s*=\s*[\"']\s*(?!#)", re.IGNORECASE), "a reference to another document"),
    (re.compile(r"url\(\s*[\"']?\s*(?!#)", re.IGNORECASE), "a reference to another document"),
    (re.compile(r"javascript:", re.IGNORECASE), "a javascript: address"),
)


@dataclass(frozen=True, slots=True)
class LogoCheck:
    """The verdict on a logo: a problem and hint, or the bytes and media type to embed."""

    problem: str = ""
    hint: str | None = None
    data: bytes = b""
    media_type: str = ""

    def data_uri(self) -> str:
        """The logo as a ``data:`` address, for a self-contained HTML file."""
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


def check_logo(plan_dir: Path, rel: str) -> LogoCheck:
    """Whether ``rel`` names a small PNG, JPEG or SVG inside ``plan_dir`` that may be embedded."""
    name = PurePosixPath(rel.replace("\\", "/"))
    if "://" in rel or rel.startswith(("data:", "/")) or name.is_absolute() or ".." in name.parts:
        return LogoCheck(
            f"logo {rel!r} is not a file inside the plan folder",
            "put the logo in the plan folder and name it relative to it, e.g. logo.svg",
        )
    suffix = name.suffix.lower()
    if suffix not in MEDIA_TYPES:
        return LogoCheck(f"logo {rel!r} is not a PNG, JPEG or SVG file", "convert it to PNG or SVG")
    path = plan_dir / name
    try:
        inside = path.resolve().is_relative_to(plan_dir.resolve())
        if not inside:
            return LogoCheck(f"logo {rel!r} leads outside the plan folder")
        if not path.is_file():
            return LogoCheck(f"logo {rel!r} does not exist", "check the file name")
        size = path.stat().st_size
        if size > MAX_BYTES:
            return LogoCheck(
                f"logo {rel!r} is {size // 1024} KiB, more than {MAX_BYTES // 1024} KiB",
                "scale it down; a logo is printed a few centimetres wide",
            )
        data = path.read_bytes()
    except OSError as exc:
        return LogoCheck(f"logo {rel!r} cannot be read: {exc.strerror or exc}")
    if suffix == ".png" and not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return LogoCheck(f"logo {rel!r} is not a PNG image")
    if suffix in (".jpg", ".jpeg") and not data.startswith(b"\xff\xd8\xff"):
        return LogoCheck(f"logo {rel!r} is not a JPEG image")
    if suffix == ".svg":
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return LogoCheck(f"logo {rel!r} is not UTF-8 SVG text")
        if "<svg" not in text:
            return LogoCheck(f"logo {rel!r} is not an SVG image")
        for pattern, what in _SVG_REFUSED:
            if pattern.search(text):
                return LogoCheck(
                    f"logo {rel!r} holds {what}, which is refused",
                    "save it as plain SVG (or PNG) without scripts and external references",
                )
    return LogoCheck(data=data, media_type=MEDIA_TYPES[suffix])


def embedded_logo(plan_dir: Path | None, rel: str | None) -> str:
    """The logo ``rel`` of the plan in ``plan_dir`` as a ``data:`` URI; ``""`` without one.

    A logo :func:`check_logo` refuses is left out: the rule L001 reports it,
    and ``render`` refuses a plan with that error before any template runs.
    """
    if not rel or plan_dir is None:
        return ""
    found = check_logo(plan_dir, rel)
    return "" if found.problem else found.data_uri()
