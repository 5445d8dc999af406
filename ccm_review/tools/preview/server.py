"""`ccm-review preview`: the HTML document on 127.0.0.1, rebuilt and reloaded as the sources change.

A background thread looks at the sizes and times of the files under sections/, templates/ and
data/ every 0.1 s; when one changes it runs `api.preview_page` (check, then render in memory,
never the DOCX) and keeps the page to serve. Between two rebuilds it keeps the templates and every
parsed section (`SourceCache`): only the files that changed are read again. The page asks for
`/__version?v=VERSION`, which the server holds until the page differs from that version (or
`HOLD_SECONDS` pass), so that it reloads as soon as the new page is ready. Nothing is written to
the project.
"""

from __future__ import annotations

import errno
import os
import signal
import threading
import time
import traceback
import webbrowser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ccm_review import api
from ccm_review.errors import CcmError, PreviewError, TemplateError
from ccm_review.load.cache import SourceCache
from ccm_review.project import DATA_DIR, SECTIONS_DIR, TEMPLATES_DIR
from ccm_review.tools.preview.pages import VERSION_PATH, Served, document_page, findings_page, problem_page

HOST = "127.0.0.1"
WATCHED = (SECTIONS_DIR, TEMPLATES_DIR, DATA_DIR)  # a corrected figure reloads the page too
POLL_SECONDS = 0.1  # a few hundred stat calls: cheap next to what the author waits for
HOLD_SECONDS = 20.0  # how long a request for the version waits for a new page
# Editors' swap, lock and backup files: they change often and never change the document.
_IGNORED_PREFIXES = (".", "~", "#")
_IGNORED_SUFFIXES = ("~", ".swp", ".tmp")

Stamp = dict[str, tuple[int, int]]
Log = Callable[[str], None]


def source_stamp(project: Path) -> Stamp:
    """Return every watched file (relative path) with its modification time (ns) and size."""
    stamp: Stamp = {}
    for name in WATCHED:
        for folder, directories, files in os.walk(project / name):
            directories[:] = sorted(d for d in directories if not d.startswith(_IGNORED_PREFIXES))
            for file in files:
                if file.startswith(_IGNORED_PREFIXES) or file.endswith(_IGNORED_SUFFIXES):
                    continue
                path = Path(folder, file)
                try:
                    status = path.stat()
                except OSError:  # removed between the listing and the look
                    continue
                stamp[path.relative_to(project).as_posix()] = (status.st_mtime_ns, status.st_size)
    return stamp


def changed_files(old: Stamp, new: Stamp) -> list[str]:
    """Return the files added, removed or changed between two stamps, sorted."""
    return sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))


class Preview:
    """The page being served and the stamp of the sources it was built from."""

    def __init__(self, project: Path, keep: bool = True) -> None:
        self.project = project
        self._lock = threading.Lock()
        self._new_page = threading.Condition(self._lock)
        self.cache = SourceCache(keep)
        self._stamp = source_stamp(project)
        # The first build lets a missing project stop the command (exit 2); a broken template
        # is shown in the page instead, since the server watches for its fix.
        self._page = self._build(startup=True)

    @property
    def page(self) -> Served:
        """The page to serve now."""
        with self._lock:
            return self._page

    def refresh(self) -> list[str]:
        """Rebuild when a watched file changed since the last build; return the files that changed."""
        stamp = source_stamp(self.project)
        changed = changed_files(self._stamp, stamp)
        if changed:
            # The stamp is taken before the build: a save during the build is seen next time.
            self._stamp = stamp
            page = self._build()
            with self._new_page:
                self._page = page
                self._new_page.notify_all()
        return changed

    def page_after(self, version: str, timeout: float) -> Served:
        """Return the page once its version is not `version`, or the page as it is after `timeout` seconds."""
        with self._new_page:
            self._new_page.wait_for(lambda: self._page.version != version, timeout)
            return self._page

    def _build(self, startup: bool = False) -> Served:
        try:
            result = api.preview_page(self.project, self.cache)
        except TemplateError as error:
            return problem_page(error.format_message(), error.hint)
        except CcmError as error:
            if startup:
                raise
            return problem_page(error.format_message(), error.hint)
        except Exception as error:  # a bug: keep serving, and show it where the author looks
            if startup:
                raise
            return problem_page(f"ccm-review failed: {error!r}", "please report this, with the file you changed",
                                traceback.format_exc())
        report = result.check.report
        if result.html is None:
            return findings_page(report, self.project)
        return document_page(result.html, report, self.project)


def watch(preview: Preview, stop: threading.Event, log: Log, interval: float = POLL_SECONDS) -> None:
    """Refresh `preview` every `interval` seconds until `stop` is set, logging each rebuild."""
    while not stop.wait(interval):
        changed = preview.refresh()
        if changed:
            names = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
            log(f"{time.strftime('%H:%M:%S')} {names} changed: {preview.page.summary}")


class PreviewServer(ThreadingHTTPServer):
    """An HTTP server on 127.0.0.1 that serves one `Preview`."""

    daemon_threads = True
    block_on_close = False  # a request held for the next version must not hold up Ctrl-C

    def __init__(self, port: int, preview: Preview) -> None:
        self.preview = preview
        super().__init__((HOST, port), _Handler)

    @property
    def url(self) -> str:
        """The address of the page."""
        return f"http://{HOST}:{self.server_address[1]}/"


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "ccm-review-preview"

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _answer(self, body: bool) -> None:
        if not self._host_is_local():
            # A page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) reads nothing.
            self._send(HTTPStatus.FORBIDDEN, "text/plain", b"the preview answers only to 127.0.0.1\n", body)
            return
        address = urlsplit(self.path)
        path = address.path
        page = self.server.preview.page
        if path == "/":
            self._send(HTTPStatus.OK, "text/html", page.html.encode("utf-8"), body, page.policy)
        elif path == VERSION_PATH:
            shown = parse_qs(address.query).get("v", [""])[0]
            if shown == page.version:  # the page asking has the latest: answer when there is a newer one
                page = self.server.preview.page_after(shown, HOLD_SECONDS)
            self._send(HTTPStatus.OK, "text/plain", page.version.encode("ascii"), body)
        elif path == "/favicon.ico":
            self._send(HTTPStatus.NO_CONTENT, "image/x-icon", b"", body)
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain", b"not found: the preview is at /\n", body)

    def _host_is_local(self) -> bool:
        host = self.headers.get("Host")
        port = self.server.server_address[1]
        return host is None or host in {HOST, "localhost", f"{HOST}:{port}", f"localhost:{port}"}

    def _send(self, status: HTTPStatus, kind: str, data: bytes, body: bool, policy: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if policy:
            self.send_header("Content-Security-Policy", policy)
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: the page asks for its version twice a second."""


def bind(port: int, preview: Preview) -> PreviewServer:
    """Return a server listening on 127.0.0.1:`port` (0: any free port); PreviewError if it cannot."""
    try:
        return PreviewServer(port, preview)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise PreviewError(f"port {port} on {HOST} is in use by another program",
                               hint="stop that program or choose another port, e.g. --port 8001") from None
        raise PreviewError(f"cannot listen on {HOST}:{port}: {error.strerror or error}",
                           hint="choose another port, e.g. --port 8001") from None


def serve(project: Path, port: int, open_browser: bool = True, log: Log = print, keep: bool = True) -> int:
    """Serve the preview of `project` until Ctrl-C; return the exit code (0). `keep`: use the store (api.check)."""
    stop = threading.Event()
    server: PreviewServer | None = None
    try:
        with _stopped_by_signals():
            log(f"building the preview of {project} ...")
            preview = Preview(project, keep)
            server = bind(port, preview)
            log(f"{preview.page.summary}\npreviewing at {server.url} (Ctrl-C to stop)")
            threading.Thread(target=watch, args=(preview, stop, log), name="preview-watch", daemon=True).start()
            if open_browser:
                # In a thread of its own: a text-mode browser would hold the terminal before the server answers.
                threading.Thread(target=_open, args=(server.url, log), name="preview-open", daemon=True).start()
            server.serve_forever(poll_interval=0.25)
    except KeyboardInterrupt:
        log("preview stopped")
    finally:
        stop.set()
        if server is not None:
            server.server_close()
    return 0


def _open(url: str, log: Log) -> None:
    if not webbrowser.open(url):
        log(f"open {url} in your web browser")


@contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """Let Ctrl-C (SIGINT) and SIGTERM stop the server, even where a parent ignores SIGINT."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = {number: signal.signal(number, interrupt) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
