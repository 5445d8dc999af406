"""`ccm-review preview`: the page it serves, how it follows the sources, and the server around it.

The page and state logic are tested in-process, without a browser; one test then drives the real
command in headless Chromium through an edit, a broken edit and its fix, and stops it with Ctrl-C.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ccm_review import api
from ccm_review.errors import ProjectError
from ccm_review.load.cache import SourceCache
from ccm_review.model.finding import Finding
from ccm_review.model.location import Location
from ccm_review.report import Report
from ccm_review.tools.preview import server as preview
from ccm_review.tools.preview.pages import SCRIPT_HASH, document_page, findings_page
from ccm_review.tools.preview.server import Preview, PreviewServer, bind, changed_files, source_stamp, watch
from tests.helpers import JS, invoke, require_browser, require_tool

SECTION = "sections/04-victim-assistance.md"
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n')
SCRIPT = re.compile(r'<script data-version="([0-9a-f]{16})">(.*?)</script>\n', re.DOTALL)
MARKER = "The preview shows this sentence at once."
BROKEN = "front matter is not valid YAML"


def add_marker(text: str) -> str:
    assert "## Successes\n" in text
    return text.replace("## Successes\n", f"## Successes\n\n{MARKER}\n", 1)


def break_front_matter(text: str) -> str:
    assert "\nstatus: final\n" in text
    return text.replace("\nstatus: final\n", "\nstatus: [\n", 1)


def report_of(*findings: Finding) -> Report:
    return Report(findings=findings, sections=(), files=1, words=10, max_words=100)


# --- the page, in memory -----------------------------------------------------------------------------


def test_preview_page_renders_the_html_in_memory_and_writes_nothing(project: Path) -> None:
    page = api.preview_page(project)
    assert page.html is not None and page.html.startswith("<!DOCTYPE html>")
    assert page.check.report.errors == 0
    assert not (project / "build").exists()


def test_preview_page_has_no_html_while_the_draft_has_errors(project: Path) -> None:
    section = project / SECTION
    section.write_text(break_front_matter(section.read_text(encoding="utf-8")), encoding="utf-8")
    page = api.preview_page(project)
    assert page.html is None
    assert BROKEN in page.check.report.findings[0].message


def test_the_served_document_is_the_built_one_plus_one_script_and_without_its_policy_meta(project: Path) -> None:
    page = api.preview_page(project)
    assert page.html is not None
    served = document_page(page.html, page.check.report, project)
    scripts = SCRIPT.findall(served.html)
    assert len(scripts) == 1 and served.html.count("<script") == 1
    version, script = scripts[0]
    assert version == served.version
    # Take the script out again and the page is the document, but for the policy meta.
    assert SCRIPT.sub("", served.html) == CSP_META.sub("", page.html)
    assert CSP_META.search(page.html)
    # The policy moves to a header, unchanged but for the preview's script (by hash) and requests.
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    assert served.policy == ("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
                             f"script-src 'sha256-{digest}'; connect-src 'self'")
    assert f"sha256-{digest}" == SCRIPT_HASH


def test_the_preview_policy_replaces_any_script_or_connect_directive_of_the_template() -> None:
    html = ("<!DOCTYPE html><html><head><meta content=\"script-src 'unsafe-inline'; img-src data:; connect-src *\" "
            "http-equiv=\"content-security-policy\"></head><body><p>x</p></body></html>")
    served = document_page(html, report_of(), Path("."))
    assert served.policy == f"img-src data:; script-src '{SCRIPT_HASH}'; connect-src 'self'"
    assert "content-security-policy" not in served.html
    assert served.html.index("<script") > served.html.index("<p>x</p>")


def test_the_version_is_a_digest_of_the_page_so_the_same_sources_give_the_same_version(project: Path) -> None:
    page = api.preview_page(project)
    assert page.html is not None
    first = document_page(page.html, page.check.report, project)
    assert document_page(page.html, page.check.report, project).version == first.version
    assert document_page(page.html.replace("Successes", "Success"), page.check.report, project).version != \
        first.version


def test_the_findings_page_shows_where_what_and_the_hint_all_escaped(tmp_path: Path) -> None:
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "x.md").write_text("---\nstatus: <b>draft</b>\n---\n", encoding="utf-8")
    error = Finding("CCM006", "error", "status <script>alert(1)</script> is not allowed",
                    Location("sections/x.md", 2, 9), hint="use one of: draft & review")
    warning = Finding("CCM015", "warning", "action 5 has no section file")
    served = findings_page(report_of(error, warning), tmp_path)
    assert "<title>1 error \u2013 ccm-review preview</title>" in served.html
    assert "<h1>The draft has 1 error</h1>" in served.html
    assert "sections/x.md:2:9: " in served.html
    assert "status &lt;script&gt;alert(1)&lt;/script&gt; is not allowed" in served.html
    assert "Hint: use one of: draft &amp; review" in served.html
    assert "[CCM006]" in served.html and "[CCM015]" in served.html
    # The source line after the lines before, with the column marked.
    assert ('<pre><span class="line-number">1 | </span>---\n<span class="line-number">2 | </span>'
            'status: <mark>&lt;</mark>b&gt;draft&lt;/b&gt;</pre>') in served.html
    assert served.html.count("<script") == 1 and "<b>" not in served.html
    assert served.summary == "1 error, 1 warning in 1 file; 10 of 100 words"
    assert "script-src 'sha256-" in served.policy and "default-src 'none'" in served.policy


@pytest.mark.parametrize(("content", "location"), [
    pytest.param("---\n".encode("utf-16"), Location("sections/x.md", 1, 1), id="not-utf-8"),
    pytest.param(b"---\n", Location("sections/x.md", 9, 1), id="past-the-end"),
    pytest.param(b"---\n", Location("../outside.md", 1, 1), id="outside-the-project"),
])
def test_the_findings_page_shows_no_excerpt_it_cannot_read_faithfully(tmp_path: Path, content: bytes,
                                                                      location: Location) -> None:
    project = tmp_path / "project"
    (project / "sections").mkdir(parents=True)
    (project / "sections" / "x.md").write_bytes(content)
    (tmp_path / "outside.md").write_bytes(content)
    served = findings_page(report_of(Finding("CCM003", "error", "a finding", location)), project)
    assert f"{location}: " in served.html and "<pre>" not in served.html


def test_a_draft_with_warnings_only_shows_the_document_under_a_bar_of_its_warnings(project: Path) -> None:
    section = project / SECTION
    section.write_text(section.read_text(encoding="utf-8").replace("## Gaps and challenges", "## Gaps"),
                       encoding="utf-8")
    page = api.preview_page(project)
    assert page.html is not None and page.check.report.warnings == 1
    served = document_page(page.html, page.check.report, project)
    bar = served.html[served.html.index("<aside class=\"ccm-preview-bar\""):served.html.index("</aside>")]
    assert "Preview: 1 warning. The document builds, but it needs a look" in bar and "[CCM023]" in bar
    assert served.html.index("</aside>") < served.html.index('<div class="page">')
    assert served.html.index(".ccm-preview-bar {") < served.html.index("</head>")


# --- following the sources -------------------------------------------------------------------------


def test_refresh_rebuilds_when_a_source_changes_and_the_fix_restores_the_same_page(project: Path) -> None:
    state = Preview(project)
    original_text = (project / SECTION).read_text(encoding="utf-8")
    original = state.page
    assert "<h1>Review Document of the Dubrovnik Action Plan (2015-2020)</h1>" in original.html
    assert state.refresh() == []
    (project / SECTION).write_text(add_marker(original_text), encoding="utf-8")
    assert state.refresh() == [SECTION]
    assert MARKER in state.page.html and state.page.version != original.version
    (project / SECTION).write_text(break_front_matter(original_text), encoding="utf-8")
    state.refresh()
    assert BROKEN in state.page.html and "<h1>The draft has 1 error</h1>" in state.page.html
    # The unclosed list is shown where it opens: line 3, column 9, the "[" marked.
    assert '<span class="line-number">3 | </span>status: <mark>[</mark></pre>' in state.page.html
    (project / SECTION).write_text(original_text, encoding="utf-8")
    state.refresh()
    assert state.page == original


def sections_of(project: Path) -> list[str]:
    return sorted(f"sections/{path.name}" for path in (project / "sections").glob("*.md"))


def test_a_rebuild_parses_again_only_the_section_that_changed_and_shows_its_new_text(project: Path) -> None:
    state = Preview(project)
    assert sorted(state.cache.parsed) == sections_of(project)  # the first build reads every file
    section = project / SECTION
    section.write_text(add_marker(section.read_text(encoding="utf-8")), encoding="utf-8")
    assert state.refresh() == [SECTION]
    assert state.cache.parsed == [SECTION]
    assert MARKER in state.page.html


def test_a_page_built_from_the_cache_is_the_page_built_from_scratch(project: Path) -> None:
    state = Preview(project)
    before = state.page.summary
    section = project / SECTION
    section.write_text(add_marker(section.read_text(encoding="utf-8")), encoding="utf-8")
    (project / "sections" / "09-conclusions.md").unlink()
    state.refresh()
    assert state.cache.parsed == [SECTION]
    assert state.page == Preview(project).page
    # The removed file is gone from the count of files and of words, not kept from the cache.
    assert "in 10 files; " in before and "in 9 files; " in state.page.summary
    assert _words(state.page.summary) < _words(before)


def _words(summary: str) -> int:
    """The document's word count in a summary line: "... in 9 files; 4,036 of 10,700 words"."""
    return int(summary.rsplit("; ", 1)[1].split(" of ")[0].replace(",", ""))


def test_a_change_of_data_parses_every_section_again_since_their_figures_resolve_against_it(project: Path) -> None:
    state = Preview(project)
    data = project / "data" / "states-parties.csv"
    data.write_text(data.read_text(encoding="utf-8").replace("Handicap International (mid-2015)",
                                                             "Handicap International (July 2015)"), encoding="utf-8")
    assert state.refresh() == ["data/states-parties.csv"]
    assert sorted(state.cache.parsed) == sections_of(project)
    assert state.page == Preview(project).page


def test_a_template_change_reads_the_templates_again_and_no_section(project: Path) -> None:
    state = Preview(project)
    template = project / "templates" / "review.yaml"
    text = template.read_text(encoding="utf-8")
    assert 'caption: "Action {number}: {title}"' in text
    template.write_text(text.replace('caption: "Action {number}: {title}"', 'caption: "Part {number}: {title}"', 1),
                        encoding="utf-8")
    state.refresh()
    assert state.cache.parsed == []
    assert "Part 4: Victim assistance" in state.page.html and "Action 4: Victim assistance" not in state.page.html
    assert state.page == Preview(project).page


def test_the_templates_are_kept_until_a_file_of_templates_changes(project: Path) -> None:
    cache = SourceCache()
    first = cache.spec(project)
    assert cache.spec(project) is first
    with (project / "templates" / "review.yaml").open("a", encoding="utf-8") as stream:
        stream.write("\n")
    assert cache.spec(project) is not first


def test_a_new_or_removed_file_and_a_template_change_count_as_changes(project: Path) -> None:
    before = source_stamp(project)
    (project / "sections" / "10-extra.md").write_text("x", encoding="utf-8")
    (project / SECTION).unlink()
    with (project / "templates" / "review.yaml").open("a", encoding="utf-8") as stream:
        stream.write("\n")
    assert changed_files(before, source_stamp(project)) == [SECTION, "sections/10-extra.md",
                                                            "templates/review.yaml"]


def test_editor_swap_lock_and_backup_files_are_not_watched(project: Path) -> None:
    before = source_stamp(project)
    for name in (".04-victim-assistance.md.swp", "04-victim-assistance.md~", "~$draft.docx", "#04.md#", "x.tmp"):
        (project / "sections" / name).write_text("x", encoding="utf-8")
    (project / "sections" / ".git").mkdir()
    (project / "sections" / ".git" / "index").write_text("x", encoding="utf-8")
    assert source_stamp(project) == before


def test_a_broken_template_shows_in_the_page_and_its_fix_brings_the_document_back(project: Path) -> None:
    template = project / "templates" / "review.yaml"
    good = template.read_text(encoding="utf-8")
    state = Preview(project)
    template.write_text(good + "\nparts: [\n", encoding="utf-8")
    state.refresh()
    assert "<h1>The preview cannot be built</h1>" in state.page.html
    assert "templates/review.yaml" in state.page.html
    assert state.page.summary.startswith("cannot build: templates/review.yaml")
    template.write_text(good, encoding="utf-8")
    state.refresh()
    assert '<div class="page">' in state.page.html


def test_a_template_broken_from_the_start_is_shown_not_fatal(project: Path) -> None:
    (project / "templates" / "review.html.j2").write_text("{% if %}", encoding="utf-8")
    assert "The preview cannot be built" in Preview(project).page.html


def test_a_directory_that_is_not_a_project_stops_the_preview_at_once(tmp_path: Path) -> None:
    with pytest.raises(ProjectError):
        Preview(tmp_path)


def test_the_watcher_logs_each_rebuild_with_the_files_and_the_summary(project: Path) -> None:
    state = Preview(project)
    lines: queue.Queue[str] = queue.Queue()
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(state, stop, lines.put, 0.05), daemon=True)
    thread.start()
    try:
        section = project / SECTION
        section.write_text(break_front_matter(section.read_text(encoding="utf-8")), encoding="utf-8")
        line = lines.get(timeout=10)
    finally:
        stop.set()
        thread.join(timeout=5)
    assert re.fullmatch(rf"\d\d:\d\d:\d\d {SECTION} changed: 1 error, 1 warning in 10 files; [\d,]+ of 10,700 words",
                        line)
    assert not thread.is_alive()


# --- the server --------------------------------------------------------------------------------------


@pytest.fixture
def server(project: Path) -> Iterator[PreviewServer]:
    running = bind(0, Preview(project))
    thread = threading.Thread(target=running.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield running
    running.shutdown()
    running.server_close()


def fetch(server: PreviewServer, path: str, method: str = "GET", host: str | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    headers = {"Host": host} if host else {}
    connection.request(method, path, headers=headers)
    return connection.getresponse()


def test_the_server_listens_on_127_0_0_1_only(server: PreviewServer) -> None:
    assert server.server_address[0] == "127.0.0.1"
    assert server.url == f"http://127.0.0.1:{server.server_address[1]}/"


def test_the_server_serves_the_page_with_its_policy_and_no_caching(server: PreviewServer) -> None:
    response = fetch(server, "/")
    page = server.preview.page
    assert response.status == 200
    assert response.read().decode("utf-8") == page.html
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert response.getheader("Content-Security-Policy") == page.policy
    assert response.getheader("Cache-Control") == "no-store"
    assert response.getheader("X-Content-Type-Options") == "nosniff"


def test_the_server_gives_the_version_of_the_page(server: PreviewServer) -> None:
    response = fetch(server, "/__version?t=1")
    assert (response.status, response.read().decode("ascii")) == (200, server.preview.page.version)


def test_a_page_asking_with_the_latest_version_gets_the_next_one_as_soon_as_it_is_built(server: PreviewServer) -> None:
    first = server.preview.page.version
    answers: queue.Queue[str] = queue.Queue()
    thread = threading.Thread(target=lambda: answers.put(fetch(server, f"/__version?v={first}").read().decode()),
                              daemon=True)
    thread.start()
    section = server.preview.project / SECTION
    section.write_text(add_marker(section.read_text(encoding="utf-8")), encoding="utf-8")
    server.preview.refresh()
    latest = server.preview.page.version
    assert latest != first
    assert answers.get(timeout=10) == latest


def test_a_page_asking_with_an_older_version_gets_the_current_one_without_waiting(
        server: PreviewServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preview, "HOLD_SECONDS", 3600.0)  # were it held, the fetch would time out
    response = fetch(server, "/__version?v=0000000000000000")
    assert response.read().decode("ascii") == server.preview.page.version


@pytest.mark.parametrize(("method", "path", "host", "status"), [
    pytest.param("GET", "/sections/04-victim-assistance.md", None, 404, id="no-files"),
    pytest.param("GET", "/../templates/review.yaml", None, 404, id="no-traversal"),
    pytest.param("GET", "/", "evil.example:8000", 403, id="other-host"),
    pytest.param("GET", "/", "localhost", 200, id="localhost"),
    pytest.param("GET", "/favicon.ico", None, 204, id="no-icon"),
    pytest.param("POST", "/", None, 501, id="no-post"),
])
def test_the_server_answers_nothing_else(server: PreviewServer, method: str, path: str, host: str | None,
                                         status: int) -> None:
    assert fetch(server, path, method, host).status == status


def test_head_sends_the_headers_without_the_page(server: PreviewServer) -> None:
    response = fetch(server, "/", "HEAD")
    assert response.status == 200 and response.read() == b""
    assert int(response.getheader("Content-Length") or 0) == len(server.preview.page.html.encode("utf-8"))


# --- the command -------------------------------------------------------------------------------------


def test_serve_opens_the_browser_and_stops_cleanly_on_ctrl_c(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []

    def interrupted(self: PreviewServer, poll_interval: float = 0.5) -> None:
        deadline = time.monotonic() + 10
        while not opened and time.monotonic() < deadline:  # the browser opens aside, while serving
            time.sleep(0.01)
        raise KeyboardInterrupt

    def browse(url: str) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr("ccm_review.tools.preview.server.webbrowser.open", browse)
    monkeypatch.setattr(PreviewServer, "serve_forever", interrupted)
    log: list[str] = []
    assert preview.serve(project, 0, open_browser=True, log=log.append) == 0
    assert len(opened) == 1 and re.fullmatch(r"http://127\.0\.0\.1:\d+/", opened[0])
    assert log[-1] == "preview stopped"
    assert f"previewing at {opened[0]} (Ctrl-C to stop)" in log[-2]


def test_preview_on_a_port_in_use_exits_2_with_a_clear_message(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = invoke("preview", "--project", project, "--port", str(port), "--no-open")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stderr.startswith(f"error: port {port} on 127.0.0.1 is in use by another program\n  hint: ")


def test_preview_of_a_directory_that_is_not_a_project_exits_2(tmp_path: Path) -> None:
    result = invoke("preview", "--project", tmp_path, "--port", "0", "--no-open")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ") and "is not a ccm-review project" in result.stderr
    assert "Traceback" not in result.output


def test_preview_refuses_a_port_out_of_range() -> None:
    result = invoke("preview", "--port", "65536", "--no-open")
    assert result.exit_code == 2 and "65536" in result.output


# --- in headless Chromium ----------------------------------------------------------------------------


class PreviewCommand:
    """`python -m ccm_review preview` in a subprocess, on a free port."""

    def __init__(self, project: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ccm_review", "preview", "--project", str(project), "--port", "0", "--no-open"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self.lines: queue.Queue[str] = queue.Queue()
        assert self.process.stdout is not None
        # Only this thread reads standard output (communicate() would race it for the last lines).
        self.reader = threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True)
        self.reader.start()
        self.url = self._wait_for_url()

    def _read(self, stream: Any) -> None:
        for line in stream:
            self.lines.put(line.rstrip("\n"))

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.process.poll() is None, self._stderr()
                continue
            if match := re.fullmatch(r"previewing at (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)", line):
                return match.group(1)
        raise AssertionError("the preview did not start within 60 s")

    def interrupt(self) -> tuple[int, str, str]:
        """Send Ctrl-C (SIGINT); return the exit code, the rest of stdout and stderr."""
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=10)
        self.reader.join(timeout=10)
        rest = []
        while not self.lines.empty():
            rest.append(self.lines.get())
        return code, "\n".join(rest), self._stderr()

    def _stderr(self) -> str:
        assert self.process.stderr is not None
        return self.process.stderr.read() if self.process.poll() is not None else "(still running)"

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


class Browser:
    """tests/js/preview-probe.mjs: headless Chromium on the page, answering one command at a time."""

    def __init__(self, url: str) -> None:
        self.process = subprocess.Popen([require_tool("node"), "preview-probe.mjs", url], cwd=JS, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert self._answer()["ok"]

    def _answer(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise AssertionError(f"the browser probe ended: {self.process.communicate()[1][-3000:]}")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def ask(self, **command: object) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        return self._answer()

    def close(self) -> None:
        try:
            self.process.communicate('{"quit": true}\n' if self.process.poll() is None else None, timeout=30)
        except (subprocess.TimeoutExpired, BrokenPipeError):
            self.process.kill()
            self.process.communicate()


def edit_and_wait(browser: Browser, path: Path, text: str, **wait: object) -> tuple[dict[str, Any], float]:
    """Write `text` to `path`, then wait for the page; return the answer and the seconds since the write."""
    start = time.monotonic()
    # Whole, as editors that save through a temporary file do: the server never sees half a file,
    # so each change is exactly one reload.
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    answer = browser.ask(**wait)
    return answer, time.monotonic() - start


@pytest.mark.external
def test_the_open_page_follows_edits_errors_and_fixes_within_two_seconds(project: Path) -> None:
    require_browser()
    title = api.check(project).document.masthead.title
    section = project / SECTION
    original = section.read_text(encoding="utf-8")
    command = PreviewCommand(project)
    try:
        browser = Browser(command.url)
        try:
            shown = browser.ask(wait=title, timeout=5000)
            assert shown["ok"] and MARKER not in shown["text"], shown
            # An edit shows within two seconds.
            answer, seconds = edit_and_wait(browser, section, add_marker(original), wait=MARKER, timeout=2000)
            assert answer["ok"] and seconds < 2.0, (seconds, answer["text"])
            # A broken edit shows the finding, where it is and the hint, instead of the document.
            answer, seconds = edit_and_wait(browser, section, break_front_matter(original), wait=BROKEN, timeout=2000)
            assert answer["ok"] and seconds < 2.0, (seconds, answer["text"])
            assert f"{SECTION}:3:9: ERROR [CCM001]" in answer["text"]
            assert "Hint: close the list on the same line" in answer["text"] and title not in answer["text"]
            assert "2 | action: 4\n3 | status: [" in answer["text"]
            assert answer["title"] == "1 error \u2013 ccm-review preview"
            # The fix brings the document back.
            answer, seconds = edit_and_wait(browser, section, original, wait=title, timeout=2000)
            assert answer["ok"] and seconds < 2.0 and BROKEN not in answer["text"], (seconds, answer["text"])
            state = browser.ask(state=True)
            assert state["loads"] == 4  # the first load, then one reload per change
            assert state["scripts"] == 1 and state["csp"] == [] and state["errors"] == [], state
            assert [line for line in state["console"] if "favicon" not in line] == []
            assert {url.split("?")[0] for url in state["requests"]} <= {command.url, command.url + "__version"}
            # Ctrl-C: the server stops at once, with a word and no traceback; the page says so.
            code, out, err = command.interrupt()
            assert code == 0 and out.endswith("preview stopped") and "Traceback" not in err, (code, out, err)
            assert browser.ask(wait="The preview server has stopped", timeout=3000)["ok"]
        finally:
            browser.close()
    finally:
        command.kill()
