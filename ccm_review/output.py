"""Writing outputs atomically and stamping them reproducibly."""

from __future__ import annotations

import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

_EARLIEST = 315532800  # 1 January 1980: zip entries cannot hold earlier dates


def build_time(document_date: str = "") -> datetime:
    """Return the time stamped into outputs: SOURCE_DATE_EPOCH when set, else the document's date.

    Either way the same sources give the same bytes; the document date (YYYY-MM-DD) is the
    meaningful default, and 1 January 1980 stands in when it is missing.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds = _EARLIEST
    if raw.isdigit():
        seconds = int(raw)
    elif document_date:
        try:
            seconds = int(datetime.fromisoformat(document_date).replace(tzinfo=UTC).timestamp())
        except ValueError:
            seconds = _EARLIEST
    return datetime.fromtimestamp(max(seconds, _EARLIEST), tz=UTC)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the whole new one, never part.

    The bytes go to a temporary file beside `path`, which is then renamed over it. A run killed
    before the rename leaves its temporary file behind; the next write removes it once it is
    STALE_SECONDS old (a younger one may be another build's, still being written).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_directory(path.parent)


STALE_SECONDS = 60


def remove_stale_temporaries(path: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files of earlier writes of `path` older than STALE_SECONDS; return them."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    prefix = f".{path.name}."
    for entry in path.parent.iterdir():
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
            continue
        try:
            if now - entry.lstat().st_mtime > STALE_SECONDS:
                entry.unlink()
                removed.append(entry)
        except OSError:
            continue  # removed meanwhile by a concurrent build, or not ours to remove
    return removed


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories cannot be opened."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
