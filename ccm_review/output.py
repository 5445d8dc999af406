"""Writing outputs atomically and stamping them reproducibly."""

from __future__ import annotations

import os
import tempfile
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
    """Write `data` to `path` so that readers see the old file or the whole new one, never part."""
    path.parent.mkdir(parents=True, exist_ok=True)
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
