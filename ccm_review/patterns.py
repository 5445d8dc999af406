"""Regular expressions compiled once per user, not once per process.

Python parses a pattern and turns it into opcodes in Python code (re._parser, re._compiler); only the last
step, `_sre.compile`, is C: the package's patterns cost a fresh process about 5 ms that way, 0.4 ms from the
file this module keeps. That file, in the per-user store (load.store: its folder, under its checks, off when
it is off, and as its entries never read from a folder inside the run's project), is a marshal of {(source,
flags): (flags, code, groups, groupindex, indexgroup)} of every pattern the package compiled, and a later
process hands those to `_sre.compile` without parsing. The file's name carries Python's implementation,
version and `_sre.MAGIC`, the opcodes' only makers; a file that cannot be read or does not fit is ignored;
with anything unexpected (another Python, `_sre` not as expected) this is `re.compile`. The file is written
again only at the save points of a run (`save_patterns`), when something was added.
"""

from __future__ import annotations

import marshal
import re
import sys
from pathlib import Path
from typing import Any

try:  # CPython's compiler, in the modules of Python 3.11 and later
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _constants, _parser  # type: ignore[attr-defined]

    _USABLE = (sys.implementation.name == "cpython" and _sre.MAGIC == _constants.MAGIC
               and all(hasattr(module, name) for module, name in ((_sre, "compile"), (_parser, "parse"),
                                                                     (_compiler, "_code"))))
except ImportError:
    _USABLE = False

try:
    from _blake2 import blake2b
except ImportError:  # a Python without the module
    from hashlib import blake2b

# The opcodes depend on nothing else: the same Python with the same `_sre` makes the same code, whatever
# the package's version (a pattern the package no longer compiles is dropped when the file is capped).
FILE_NAME = (f"patterns-{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}-{_sre.CODESIZE}.marshal"
             if _USABLE else "")
_MAGIC = b"ccm-review patterns 1\n"
_DIGEST_SIZE = 16
# Patterns made from a document's words (analyse.prose) or a template's lists come and go with them: past
# this many entries, or bytes, the file keeps only those the run that writes it used.
MAX_ENTRIES = 400
MAX_BYTES = 1 << 20
# Patterns of this process, as re's own cache would keep them; emptied when full (a long preview).
_MAX_MADE = 512
# Flags whose patterns re.compile alone should make (it prints them, or warns); TEMPLATE is gone from Python 3.13.
_SPECIAL: int = re.DEBUG | getattr(re, "TEMPLATE", 0)

_Key = tuple[str, int]
_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

_on = _USABLE
_entries: dict[_Key, Any] | None = None  # the file's entries and those added; None until the first use
_used: dict[_Key, None] = {}  # the keys this run compiled, the most recently used last
_added = False
_folder: Path | None = None  # where the last save wrote, that is, where the store lives for this run
_project: Path | None = None  # the project of this run: the file is never read from a folder inside it
_made: dict[_Key, re.Pattern[str]] = {}


def compile_pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """Return `re.compile(source, flags)`, made from the opcodes the store keeps when it has them."""
    key = (source, int(flags))
    made = _made.get(key)
    if made is not None:
        return made
    if not _on or not isinstance(source, str) or key[1] & _SPECIAL:
        pattern = re.compile(source, flags)
    else:
        entries = _entries if _entries is not None else _load()
        kept = entries.get(key)
        pattern = (kept is not None and _from_entry(source, key[1], kept)) or _compile(key, entries)
        _used.pop(key, None)  # moved to the end: the most recently used last
        _used[key] = None
    if len(_made) >= _MAX_MADE:
        _made.clear()
    _made[key] = pattern
    return pattern


def keep_patterns(on: bool, project: Path | None = None) -> None:
    """Turn the store's file on or off for this process (the CLI's --no-cache): off, it is neither read
    nor written. Called before the package's modules are imported, it keeps them from reading it at all.

    `project` is the project of this run: as the store's entries (load.store), the file is read only when
    it is known and the store's folder is not inside it, where a file could have been committed and
    planted; without it (the package used as a library) the patterns are compiled as re does.
    """
    global _on, _entries, _added, _project
    if project is not None:
        _project = project
    if (on and _USABLE) != _on:
        _on = on and _USABLE
        # Turned on again, the file is read at the next use: what was added meanwhile would otherwise replace it.
        _entries, _added = (None if _on else {}), False


def save_patterns(folder: Path | None = None) -> None:
    """Write the file again into `folder` (the store's folder, which the caller found usable) when patterns
    were added since it was read; without `folder`, into that of the last save, if there was one."""
    global _added, _entries, _folder
    if folder is not None:
        _folder = folder
    if not (_on and _added and _entries is not None and _folder is not None):
        return
    entries = _entries
    if len(entries) > MAX_ENTRIES:
        entries = _recent(entries)
    try:
        data = marshal.dumps(entries)
        if len(data) > MAX_BYTES:
            entries = _recent(entries)
            data = marshal.dumps(entries)
    except ValueError:  # an entry marshal cannot write: none is written
        return
    if len(data) > MAX_BYTES:  # this run's own patterns alone are too many: the file is not worth its size
        return
    from ccm_review.load.store import write_private

    write_private(_folder / FILE_NAME, _MAGIC + _digest(data) + data)
    _entries, _added = entries, False
    for key in list(_used)[:-MAX_ENTRIES]:  # a long preview: what it used long ago counts no longer
        del _used[key]


def _recent(entries: dict[_Key, Any]) -> dict[_Key, Any]:
    """Return the entries this run used, the last MAX_ENTRIES of them at most."""
    keys = list(_used)[-MAX_ENTRIES:]
    return {key: entries[key] for key in keys if key in entries}


def _load() -> dict[_Key, Any]:
    """Read the store's file of compiled patterns into `_entries`; none when it is off, missing or unfit."""
    global _entries
    _entries = {}
    from ccm_review.load.store import store_dir

    # The store's own test of its folder: off, none, inside the project (it could have been committed), or one
    # others may write to, and nothing is read or written.
    folder = store_dir(_project) if _project is not None else None
    if folder is None:
        keep_patterns(False)
        return _entries
    try:
        with open(folder / FILE_NAME, "rb") as file:
            data = file.read()
    except OSError:
        return _entries
    start = len(_MAGIC) + _DIGEST_SIZE
    if not data.startswith(_MAGIC) or _digest(data[start:]) != data[len(_MAGIC):start]:
        return _entries  # another format, or damaged
    try:
        entries = marshal.loads(data[start:])
    except (EOFError, ValueError, TypeError):
        return _entries
    if isinstance(entries, dict):
        _entries = entries
    return _entries


def _digest(data: bytes) -> bytes:
    return blake2b(data, digest_size=_DIGEST_SIZE).digest()


def _from_entry(source: str, flags: int, entry: Any) -> re.Pattern[str] | None:
    """Return the pattern made from a kept entry, None when the entry does not fit (it is made anew)."""
    try:
        # _sre validates the code it is given: an entry of the wrong shape or with broken code raises.
        if entry[0] & flags != flags or len(entry[4]) != entry[2] + 1:
            return None
        pattern: re.Pattern[str] = _sre.compile(source, *entry)
    except Exception:
        return None
    return pattern


def _compile(key: _Key, entries: dict[_Key, Any]) -> re.Pattern[str]:
    """Compile a pattern the way re._compiler.compile does, and add its opcodes to `entries`."""
    global _added
    source, flags = key
    try:
        parsed = _parser.parse(source, flags)
        # Plain ints: the opcodes are int subclasses, which marshal does not write.
        code = [int(op) for op in _compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry: _Entry = (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        pattern: re.Pattern[str] = _sre.compile(source, *entry)
    except (re.error, OverflowError, RecursionError):
        raise  # a pattern re.compile refuses too, and as it does
    except Exception:  # a compiler other than the one this module knows: re.compile, from now on
        keep_patterns(False)
        return re.compile(source, flags)
    entries[key] = entry
    _added = True
    return pattern
