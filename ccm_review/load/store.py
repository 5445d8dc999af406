"""The per-user store on disk of what reading a project produced, so that a later run reuses it.

An entry is a pickle, and loading a pickle runs code: so the store lives outside every project (a
cache committed to a repository would be a hole), in `$CCM_REVIEW_CACHE_DIR`, else
`$XDG_CACHE_HOME/ccm-review`, else `~/.cache/ccm-review`, in a directory the user owns and no one
else may write to (as jinja2 demands of its bytecode cache). Entries are keyed by content, never by
modification time: the key is a digest of the package's and Python's versions, of the package's
code that makes entries (each file's size and modification time: the package's own files change
only by being written again), and of the bytes the entry was made from. Each project has one file per
entry name, replaced when its key changes, so the store does not grow with every edit. The store
is best effort: an entry that cannot be read, or was made from other bytes or by other code, is a
miss; one that cannot be written is not written.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

from ccm_review import __version__

# hashlib's blake2b and pickle's C functions, from the modules they live in: importing hashlib (with
# OpenSSL's bindings) and pickle.py took about 6 ms of every run that reads the store.
try:
    from _blake2 import blake2b
except ImportError:  # a Python without the module
    from hashlib import blake2b
try:
    from _pickle import dumps, loads
except ImportError:
    from pickle import dumps, loads

CACHE_DIR_VARIABLE = "CCM_REVIEW_CACHE_DIR"
NO_CACHE_VARIABLE = "CCM_REVIEW_NO_CACHE"
_MAGIC = b"ccm-review store 1\n"
_KEY_SIZE = 32
# What every key starts from: an entry made by another release or another Python is never read.
_SALT = f"ccm-review {__version__}\0python {sys.version}\0".encode()


# The packages whose code makes what the store keeps (parsed sections, figures, findings): an entry made by
# other code, a branch checked out or a rule changed with the version number left as it was, is never read.
_CODE = ("__init__.py", "project.py", "load", "model", "analyse", "validate", "spec")
_code_digest: bytes | None = None


def digest(*parts: bytes) -> bytes:
    """Return the key of an entry made from `parts` (bytes, in order) by this code of the package."""
    global _code_digest
    if _code_digest is None:
        _code_digest = _code()
    hasher = blake2b(_SALT, digest_size=_KEY_SIZE)
    hasher.update(_code_digest)
    for part in parts:
        # Each part's length first, so that ("ab", "c") and ("a", "bc") differ.
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.digest()


def _code() -> bytes:
    """Return a digest of the package's code that makes entries (each file's name, size and modification
    time), and of the parsers' versions."""
    import markdown_it
    import mdit_py_plugins
    import ruamel.yaml

    hasher = blake2b(digest_size=_KEY_SIZE)
    hasher.update(f"{markdown_it.__version__} {mdit_py_plugins.__version__} {ruamel.yaml.__version__}".encode())
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for name in _CODE:
        top = os.path.join(package, name)
        if os.path.isfile(top):
            _stamp_file(hasher, name, os.stat(top))
        else:
            _stamp_folder(hasher, top, name)
    return hasher.digest()


def _stamp_folder(hasher: blake2b, folder: str, name: str) -> None:
    """Add the stamp of every source and data file below `folder` (called `name`), in name order."""
    for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
        if entry.is_dir():
            if entry.name != "__pycache__":
                _stamp_folder(hasher, entry.path, f"{name}/{entry.name}")
        elif entry.name.endswith((".py", ".txt")):
            _stamp_file(hasher, f"{name}/{entry.name}", entry.stat())


def _stamp_file(hasher: blake2b, name: str, status: os.stat_result) -> None:
    # Stamped, not read: reading some fifty files cost every run about 2 ms. A checkout, an install or an
    # edit writes a file anew, which gives it a new modification time.
    hasher.update(f"{name}\0{status.st_size}\0{status.st_mtime_ns}\0".encode("utf-8", "surrogateescape"))


def default_dir() -> Path | None:
    """Return where the store lives: the variable's folder, else the user's cache folder; None when
    there is no home folder to find it in (a user without one, as in some containers)."""
    named = os.environ.get(CACHE_DIR_VARIABLE)
    if named:
        return Path(named)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "ccm-review"
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no HOME and no entry in the user database
        return None
    return home / ".cache" / "ccm-review" if home.is_absolute() else None


def disabled() -> bool:
    """Whether the environment turns the store off (CCM_REVIEW_NO_CACHE=1)."""
    return os.environ.get(NO_CACHE_VARIABLE, "") not in ("", "0")


class Store:
    """The entries of one project in the store: each a name, the key it was made for, a value."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, name: str, key: bytes) -> object | None:
        """Return the value kept under `name` when it was made for `key`, else None."""
        try:
            with open(self._path(name), "rb") as entry:
                data = entry.read()
        except OSError:
            return None
        if not data.startswith(_MAGIC) or data[len(_MAGIC):len(_MAGIC) + _KEY_SIZE] != key:
            return None
        try:
            value: object = loads(data[len(_MAGIC) + _KEY_SIZE:])
        except Exception:  # truncated, corrupt, or of classes that are no longer there: a miss
            return None
        return value

    def put(self, name: str, key: bytes, value: object) -> None:
        """Keep `value` under `name` for `key`, replacing the entry there; silently not on failure."""
        try:
            data = _MAGIC + key + dumps(value, protocol=-1)  # the highest protocol
        except Exception:  # a value that cannot be pickled is simply not kept
            return
        try:
            self.folder.mkdir(mode=stat.S_IRWXU, exist_ok=True)
        except OSError:
            return
        write_private(self._path(name), data)

    def _path(self, name: str) -> Path:
        return self.folder / blake2b(name.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def store_dir(project: Path, root: Path | None = None) -> Path | None:
    """Return the folder the store lives in for a run over `project` (`root`, by default `default_dir()`),
    made if missing; None when the store is turned off or the folder cannot safely be used."""
    if disabled():
        return None
    where_kept = root if root is not None else default_dir()
    return _safe_dir(where_kept, project) if where_kept is not None else None


def open_store(project: Path, place: str | None = None, root: Path | None = None) -> Store | None:
    """Return the store of `project` (its entries filed under `place`, by default its resolved path),
    or None when the store is turned off or its folder cannot safely be used."""
    folder = store_dir(project, root)
    if folder is None:
        return None
    where = place if place is not None else str(project.resolve())
    return Store(folder / blake2b(where.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest())


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path`, readable by the user alone: beside it, then renamed over it, so that a reader
    sees the old file or the new, never half; silently not at all on failure (a full or read-only disk
    costs the next run the work again, nothing more)."""
    temporary = path.with_name(f".new-{path.name}-{os.getpid()}-{os.urandom(4).hex()}")
    made = False
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                         stat.S_IRUSR | stat.S_IWUSR)
        made = True
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
        made = False
    except OSError:
        pass
    finally:
        if made:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _safe_dir(folder: Path, project: Path) -> Path | None:
    """Return `folder`, made if missing (private to the user), or None when it is not safe to read from."""
    try:
        folder = folder.absolute()
        if folder.resolve().is_relative_to(project.resolve()):
            return None  # never inside the project, even when asked: it could be committed
        folder.mkdir(mode=stat.S_IRWXU, parents=True, exist_ok=True)
        status = os.lstat(folder)
    except (OSError, RuntimeError):
        return None
    return folder if private(status) else None


def private(status: os.stat_result) -> bool:
    """Whether a folder of this status may hold the store: a folder, not a link, of this user, that no one
    else may write to (they could plant an entry)."""
    if not stat.S_ISDIR(status.st_mode) or status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    return not (hasattr(os, "getuid") and status.st_uid != os.getuid())
