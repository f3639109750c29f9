"""Safe output paths: a name that comes from the data or an upload never leads outside the app's folders.

Two tools:
- `safe_file_name(text, suffix=...)` turns any text (a data file's name, a title) into a plain file
  name: letters, digits, `-`, `_` and `.`, no path, no hidden file, never empty.
- `resolve_inside(root, name)` joins a name to one of the app's folders and raises `UnsafePathError`
  when the result would be anywhere else (`..`, an absolute path, a drive, a symbolic link that
  points out, NUL or control characters).
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath

from base.errors import UnsafePathError

MAX_NAME_LENGTH = 120
_UNSAFE_CHARS = re.compile(r"[^\w.\-]+", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Names Windows refuses whatever the extension; harmless elsewhere but never useful as an export name.
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
)


def safe_file_name(text: str, *, suffix: str = "", fallback: str = "export") -> str:
    """A file name made from `text` that is safe in any folder: no separators, no `..`, no hidden file.

    `suffix` (e.g. ".png") is appended unless the name already ends with it. Letters of any script are
    kept (an Arabic title stays readable); anything else becomes `_`.
    """
    stem = unicodedata.normalize("NFC", str(text))
    stem = PureWindowsPath(PurePosixPath(stem.replace("\\", "/")).name).name  # last path component only
    if suffix and stem.lower().endswith(suffix.lower()):
        stem = stem[: -len(suffix)]
    stem = _UNSAFE_CHARS.sub("_", stem)
    stem = re.sub(r"\.{2,}", ".", stem).strip("._- ")
    if not stem or stem.split(".")[0].lower() in _WINDOWS_RESERVED:
        stem = fallback
    stem = stem[: MAX_NAME_LENGTH - len(suffix)]
    return f"{stem}{suffix}"


def check_name(name: str) -> str:
    """`name` itself, when it is a plain relative path with no way out; else `UnsafePathError`."""
    if not isinstance(name, str) or not name.strip():
        raise UnsafePathError(f"empty output name (got {name!r})")
    if _CONTROL.search(name):
        raise UnsafePathError(f"output name holds control characters (got {name!r})")
    if len(name) > 4 * MAX_NAME_LENGTH:
        raise UnsafePathError(f"output name longer than {4 * MAX_NAME_LENGTH} characters (got {name[:40]!r}...)")
    windows = PureWindowsPath(name)
    if name.startswith(("/", "\\", "~")) or windows.drive or windows.root:
        raise UnsafePathError(f"output name must be relative to the app's folder (got {name!r})")
    parts = name.replace("\\", "/").split("/")
    if any(part in {"..", "."} for part in parts) or any(not part for part in parts):
        raise UnsafePathError(f"output name must not contain '..', '.' or empty parts (got {name!r})")
    return name


def resolve_inside(root: Path, name: str) -> Path:
    """`root / name`, guaranteed to be inside `root` (also after following symbolic links)."""
    check_name(name)
    base = Path(os.path.realpath(root))
    target = Path(os.path.realpath(base / name.replace("\\", "/")))
    if target == base or base not in target.parents:
        raise UnsafePathError(f"output name leads outside {root} (got {name!r})")
    return target


def export_path(exports_dir: Path, name: str) -> Path:
    """Where the app saves an export called `name` (a name from the data is cleaned first)."""
    return resolve_inside(exports_dir, name)
