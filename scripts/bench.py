"""Time `ccm-review check` and `build` at 1x, 10x and 100x the shipped content, beside pandoc.

Synthetic projects: at scale k the action plan has 7k actions, each with a copy of one of the
seven shipped action sections (renumbered: action 12 has items 12.1, 12.2 ...), and the three
other parts repeat their narrative k times (footnote labels renamed per copy); the word limits
of those parts and of the document grow k times. So a project at 10x holds ten times the words,
tables and notes of the shipped one, in files of the shipped size, and passes the check.

pandoc gets the same content as one Markdown file (each part its heading, its pipe table, its
narrative and notes) and converts it to DOCX and to HTML. `check` and `build` are timed twice:
after a save of one section, as an author runs them (the other files come from the cache of what
earlier runs read), and cold, with the store off (no parsed sections, no compiled patterns), as on
a fresh checkout in CI; the package's bytecode and jinja2's compiled page template are kept, as an
installed copy has them after its first run. The comparisons with pandoc, which keeps nothing
between runs, are made cold. All commands run in turn, the same number of times, so that a busy
machine slows them alike (the floors in turns with the 1x runs, whose yardstick they are; at 1x, the
floors and check FILE at least SHORT_RUNS times, as they are short); the medians and the peak memory
of each process (its maximum resident set, from wait4) are printed with the ratios. The store of what
earlier runs read (load/store.py) is a folder of the bench's own, never the user's.

The preview is timed in headless Chromium (Debian's chromium, driven by tests/js/preview-probe.mjs
on 127.0.0.1): from a section file saved to the page showing its new text, over several saves.
`check FILE` (the pre-commit hook) is timed at 10x with one section changed, its runs taking turns
with the floor's. A cold `check` of a section that opens with a megabyte of prose on one line (the worst
input of tests/bad_inputs, which the tests only guard against a hang) is timed too. At the end every
target is printed with its figure, its limit and "met" or "MISSED".

    python scripts/bench.py [--scales 1,10,100] [--runs 5] [--saves 7] [--profile check|build --scale 10]
    python scripts/bench.py --check-files [--runs 5]    # only check FILE at 10x against the floor
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[1]
ACTIONS = 7
OTHER_PARTS = {"introduction": "00-introduction.md", "general-status": "08-general-status.md",
               "conclusion": "09-conclusions.md"}
# What `check` and `build` import from the libraries they are built on, before any code of ours
# runs: no program on this stack can be faster than Python starting and importing these.
FLOORS = {"check": "click, markdown_it, mdit_py_plugins.footnote, ruamel.yaml",
          "build": "click, markdown_it, mdit_py_plugins.footnote, ruamel.yaml, docx, jinja2"}
_NOTE = re.compile(r"\[\^([^\]\s]+)\]")
_FIGURE = re.compile(r"\[=[^\]\n]*\]")
_CHARTS = re.compile(r"^charts:\n(?: .*\n)*", re.MULTILINE)  # its entries are indented
PREVIEW_SCALES = (1, 10)  # the scales the preview targets name
CHECK_FILES_SCALE = 10  # the scale the target of check FILE names
# A run at 1x, a floor or check FILE is a tenth of a second, and the noise of a shared machine is as large
# as the differences between them: five runs put one 1x check below its own floor. These get more runs.
SHORT_RUNS = 15
CHANGED_SECTION = "0004-victim-assistance.md"  # the file a commit changed, at every scale
PAUSE_SECONDS = 1.0  # before each timed save of the preview
PROBE = REPO / "tests" / "js" / "preview-probe.mjs"
_PREVIEW_URL = re.compile(r"previewing at (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)")


# --- synthetic projects --------------------------------------------------------------------------


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    return yaml


def _split(text: str) -> tuple[str, str]:
    _, front, body = text.split("---\n", 2)
    return front, body


def make_project(scale: int, root: Path) -> Path:
    """Write the project at `scale` under `root` and return it."""
    project = root / f"x{scale}"
    (project / "sections").mkdir(parents=True)
    shutil.copytree(REPO / "templates", project / "templates")
    shutil.copytree(REPO / "data", project / "data")  # the figures the sections cite
    shutil.copy(REPO / "sections" / "document.yaml", project / "sections" / "document.yaml")
    yaml = _yaml()
    dap_path = project / "templates" / "dap.yaml"
    dap = yaml.load(dap_path.read_text(encoding="utf-8"))
    shipped = list(dap["actions"])
    actions = []
    for number in range(1, ACTIONS * scale + 1):
        source = shipped[(number - 1) % ACTIONS]
        action = _renumber(yaml, source, number)
        if number > ACTIONS:
            action["title"] = f"{source['title']} ({number})"
        actions.append(action)
        _write_action_section(project, source["number"], number)
    dap["actions"] = actions
    with dap_path.open("w", encoding="utf-8") as stream:
        yaml.dump(dap, stream)
    review_path = project / "templates" / "review.yaml"
    review = yaml.load(review_path.read_text(encoding="utf-8"))
    review["document"]["max_words"] *= scale
    for part in review["parts"]:
        if "part" in part:
            part["max_words"] *= scale
    with review_path.open("w", encoding="utf-8") as stream:
        yaml.dump(review, stream)
    for file in OTHER_PARTS.values():
        front, body = _split((REPO / "sections" / file).read_text(encoding="utf-8"))
        copies = [body if copy == 0 else _NOTE.sub(rf"[^\1-{copy}]", body) for copy in range(scale)]
        (project / "sections" / file).write_text(f"---\n{front}---\n" + "\n".join(copies), encoding="utf-8")
    return project


def _renumber(yaml: YAML, action: Any, new: int) -> Any:
    """Return a copy of catalogue `action` as action `new`, its items renumbered ("4.1" -> "12.1")."""
    from io import StringIO

    stream = StringIO()
    yaml.dump(action, stream)
    copy = yaml.load(stream.getvalue())
    copy["number"] = new
    for item in copy["items"]:
        item["ref"] = f"{new}.{str(item['ref']).split('.', 1)[1]}"
    return copy


def _write_action_section(project: Path, old: int, new: int) -> None:
    source = next((REPO / "sections").glob(f"0{old}-*.md"))
    front, body = _split(source.read_text(encoding="utf-8"))
    front = front.replace(f"action: {old}\n", f"action: {new}\n").replace(f'ref: "{old}.', f'ref: "{new}.')
    body = body.replace(f"item {old}.", f"item {new}.").replace(f"items {old}.", f"items {new}.")
    name = f"{new:04d}-{source.name[3:]}"
    (project / "sections" / name).write_text(f"---\n{front}---\n{body}", encoding="utf-8")


def without_data(project: Path) -> Path:
    """Return a twin of `project` with no data/: figure references typed as numbers, no charts.

    Timed beside the project, it gives the cost of reading the data, resolving the references
    and drawing the charts.
    """
    twin = project.with_name(project.name + "-typed")
    shutil.copytree(project, twin, ignore=shutil.ignore_patterns("data"))
    for path in (twin / "sections").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(_CHARTS.sub("", _FIGURE.sub("100", text)), encoding="utf-8")
    return twin


def pandoc_markdown(project: Path) -> str:
    """Return the content of `project` as one Markdown file: headings, pipe tables, narratives, notes."""
    yaml = YAML(typ="safe", pure=True)
    chunks: list[str] = []
    for index, path in enumerate(sorted((project / "sections").glob("*.md"))):
        front_text, body = _split(path.read_text(encoding="utf-8"))
        front = yaml.load(front_text)
        title = front.get("part") or f"Action {front.get('action')}"
        chunks.append(f"# {title}\n")
        rows = front.get("table") or []
        if rows:
            keys = ["ref", "indicator", "baseline", "current", "assessment"]
            chunks.append("| " + " | ".join(keys) + " |")
            chunks.append("|" + "---|" * len(keys))
            for row in rows:
                chunks.append("| " + " | ".join(str(row.get(key, "")).replace("|", "\\|") for key in keys) + " |")
            chunks.append("")
        # Footnote labels are per section in the sources; one file needs them unique.
        chunks.append(_NOTE.sub(rf"[^s{index}-\1]", body))
    return "\n".join(chunks)


# --- measuring -----------------------------------------------------------------------------------


@dataclass
class Timings:
    """Wall times (s) and peak resident memory (MB) of the runs of one command."""

    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak(self) -> float:
        return max(self.peak_mb)


def floor_command(name: str, teardown: bool = True) -> list[str]:
    """The floor of command `name`: Python importing its libraries, then exiting as Python does or, without
    `teardown`, at once with os._exit, as `ccm-review` itself leaves (cli.run). The targets are taken against
    the first; the second is printed beside it, the stricter yardstick for a command that skips the teardown."""
    leave = "" if teardown else "; import os; os._exit(0)"
    return [sys.executable, "-c", f"import {FLOORS[name]}{leave}"]


def run(command: list[str], timings: Timings, expect: tuple[int, ...] = (0,), cold: bool = False) -> None:
    """Run `command` once; add its wall time and its own peak resident memory to `timings`.

    `cold` runs it with the per-user store off (CCM_REVIEW_NO_CACHE: no parsed sections, no compiled
    patterns), as on a fresh checkout in CI.
    """
    env = {**os.environ, "CCM_REVIEW_NO_CACHE": "1"} if cold else None
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in expect:
        raise SystemExit(f"{' '.join(command)} exited with {process.returncode}")
    timings.seconds.append(elapsed)
    timings.peak_mb.append(usage.ru_maxrss / 1024)  # kilobytes on Linux


@dataclass
class PreviewTimings:
    """Seconds from each save to the page showing the new text, and the preview's peak memory (MB)."""

    seconds: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    skipped: str = ""  # why the preview was not measured, when it was not

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


_saves: dict[Path, tuple[str, int]] = {}


def save_section(project: Path) -> None:
    """Save CHANGED_SECTION with a new sentence, as an author between two runs: the next run reads that
    file again and may take every other file from the cache."""
    path = project / "sections" / CHANGED_SECTION
    original, count = _saves.get(path, (path.read_text(encoding="utf-8"), 0))
    _saves[path] = (original, count + 1)
    path.write_text(f"{original}\nThe coordinators met the Implementation Support Unit again, meeting {count + 1}.\n",
                    encoding="utf-8")


def time_check_files(program: list[str], project: Path, runs: int) -> tuple[Timings, Timings, Timings]:
    """Time `check FILE` of one changed section of `project`, as the pre-commit hook runs it, in turns with
    check's floor with and without Python's teardown (so that a busy machine slows all alike); return the
    three timings."""
    changed = project / "sections" / CHANGED_SECTION
    command = [*program, "check", "--project", str(project), str(changed)]
    check_files, floor, bare = Timings(), Timings(), Timings()
    save_section(project)
    run(command, Timings())  # untimed: the file system's cache holds the package as on an author's machine
    for _ in range(max(runs, SHORT_RUNS)):
        save_section(project)  # as pre-commit runs it: on a file that changed since it was last read
        run(command, check_files)
        run(floor_command("check"), floor)
        run(floor_command("check", teardown=False), bare)
    return check_files, floor, bare


def check_files_only(runs: int) -> None:
    """Print the target of check FILE alone: the smallest run that measures it."""
    program = [sys.executable, "-m", "ccm_review"]
    compile_package()
    print(f"machine: {machine(with_pandoc=False)}; load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="ccm-bench-") as temporary:
        project = make_project(CHECK_FILES_SCALE, Path(temporary))
        timed = time_check_files(program, project, runs)
    print(f"\ntargets (measured here, never asserted; {max(runs, SHORT_RUNS)} runs each, medians):")
    _check_files_verdict(timed)


def _check_files_verdict(timed: tuple[Timings, Timings, Timings] | None) -> None:
    if timed is None:
        print(f"  check FILE at {CHECK_FILES_SCALE}x <= 1.3 x the floor: not measured (--scales has no "
              f"{CHECK_FILES_SCALE})")
        return
    check_files, floor, bare = timed
    _verdict(f"check FILE (one changed section) at {CHECK_FILES_SCALE}x against the floor of check "
             f"({check_files.median:.3f} s / {floor.median:.3f} s)", check_files.median / floor.median, 1.3,
             "x the floor")
    _beside_bare(check_files.median, bare.median)


def _beside_bare(seconds: float, bare: float) -> None:
    """Print a ratio against the floor without Python's teardown: not a target, the stricter yardstick."""
    print(f"      against the floor without Python's teardown ({seconds:.3f} s / {bare:.3f} s): "
          f"{seconds / bare:.2f} x")


def time_preview(program: list[str], project: Path, saves: int) -> PreviewTimings:
    """Run `ccm-review preview` on `project` with the page open in headless Chromium; time `saves` edits.

    Each edit adds a new sentence to a section, written whole (a temporary file renamed over it,
    as editors save); the time runs from the rename to the page's text holding the sentence,
    read by the probe every 50 ms. Each save comes a second after the page showed the previous one;
    one edit before them is not timed.
    """
    node = shutil.which("node")
    if node is None or not (PROBE.parent / "node_modules" / "playwright-core").is_dir() or \
            not shutil.which(os.environ.get("CCM_CHROMIUM", "chromium")):
        return PreviewTimings(skipped="needs node, chromium and tests/js/node_modules (make ci installs them)")
    section = next(path for path in sorted((project / "sections").glob("*.md"))
                   if "\n## Successes\n" in path.read_text(encoding="utf-8"))
    original = section.read_text(encoding="utf-8")
    server = subprocess.Popen([*program, "preview", "--project", str(project), "--port", "0", "--no-open"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines: queue.Queue[str] = queue.Queue()
    assert server.stdout is not None
    threading.Thread(target=_read_lines, args=(server.stdout, lines), daemon=True).start()
    browser: subprocess.Popen[str] | None = None
    timings = PreviewTimings()
    try:
        url = None
        while url is None:
            match = _PREVIEW_URL.search(lines.get(timeout=600))
            url = match.group(1) if match else None
        browser = subprocess.Popen([node, PROBE.name, url], cwd=PROBE.parent, text=True, stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

        def ask(**command: object) -> dict[str, Any]:
            assert browser is not None and browser.stdin is not None and browser.stdout is not None
            browser.stdin.write(json.dumps(command) + "\n")
            browser.stdin.flush()
            answer: dict[str, Any] = json.loads(browser.stdout.readline())
            return answer

        assert browser.stdout is not None
        if not json.loads(browser.stdout.readline())["ok"]:
            raise SystemExit("the browser did not open the preview")
        for number in range(saves + 1):
            sentence = f"Edit number {number} of the bench shows here."
            temporary = section.with_name(f".{section.name}.tmp")
            temporary.write_text(original.replace("\n## Successes\n", f"\n## Successes\n\n{sentence}\n", 1),
                                 encoding="utf-8")
            time.sleep(PAUSE_SECONDS)  # as an author between two saves: the page has settled
            start = time.perf_counter()
            os.replace(temporary, section)
            answer = ask(wait=sentence, timeout=60000)
            elapsed = time.perf_counter() - start
            if not answer["ok"]:
                raise SystemExit(f"the preview did not show edit {number} within 60 s")
            if number:  # the first edit is not timed
                timings.seconds.append(elapsed)
    finally:
        if browser is not None:
            try:
                browser.communicate('{"quit": true}\n', timeout=30)
            except (subprocess.TimeoutExpired, BrokenPipeError):
                browser.kill()
                browser.communicate()
        server.send_signal(signal.SIGINT)
        _, _, usage = os.wait4(server.pid, 0)
        server.returncode = 0
        timings.peak_mb = usage.ru_maxrss / 1024
        section.write_text(original, encoding="utf-8")
    return timings


def _read_lines(stream: Any, lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line)


def pandoc_path() -> str:
    try:
        import pypandoc
    except ImportError:
        raise SystemExit("pypandoc-binary is missing: run `make bench`, which installs the bench extra") from None
    return str(pypandoc.get_pandoc_path())


def machine(with_pandoc: bool = True) -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    described = f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, " \
        f"Python {platform.python_version()}"
    if not with_pandoc:  # check FILE alone is not compared with pandoc
        return described
    pandoc = subprocess.run([pandoc_path(), "--version"], capture_output=True, text=True, check=True).stdout
    return f"{described}, {pandoc.splitlines()[0]}"


def compile_package() -> None:
    """Write the package's bytecode, as installing it from a wheel does.

    An editable install compiles modules on first import; where PYTHONDONTWRITEBYTECODE is set,
    or the checkout is read-only, every run would compile some sixty modules from source again
    (about 0.1 s here), which is no cost a coordinator's installed copy pays.
    """
    compileall.compile_dir(REPO / "ccm_review", quiet=1)


def bench(scales: list[int], runs: int, saves: int) -> None:
    program = [sys.executable, "-m", "ccm_review"]
    pandoc = pandoc_path()
    compile_package()
    print(f"machine: {machine()}")
    print(f"runs: {runs} of each command per scale ({max(runs, SHORT_RUNS)} at 1x, of the floors and of check FILE; "
          f"{_runs_at(100, runs)} at 100x), interleaved; medians; peak = largest resident set\n")
    startup = Timings()
    for _ in range(runs):
        run([*program, "--version"], startup)
    print(f"start-up (python -m ccm_review --version): {startup.median:.3f} s, {startup.peak:.0f} MB\n")
    floors = {name: Timings() for name in FLOORS}
    bare = {name: Timings() for name in FLOORS}
    if 1 not in scales:  # otherwise in turns with the 1x runs, which the floors are the yardstick of
        for _ in range(max(runs, SHORT_RUNS)):
            _time_floors(floors, bare)
    header = (f"{'scale':>5} {'words':>9} | {'check':>6} {'build':>6} | {'cold':>6} {'cold':>6} | {'pandoc docx':>11} "
              f"{'html':>6} {'both':>6} | {'build/pandoc':>12} {'check/pandoc':>12} | {'peak MB check':>13} "
              f"{'build':>6} {'pandoc':>6}")
    print(header)
    print("-" * len(header))
    results: dict[int, dict[str, Timings]] = {}
    previews: dict[int, PreviewTimings] = {}
    check_files: tuple[Timings, Timings, Timings] | None = None
    with tempfile.TemporaryDirectory(prefix="ccm-bench-") as temporary:
        root = Path(temporary)
        for scale in scales:
            project = make_project(scale, root)
            source = root / f"x{scale}.md"
            source.write_text(pandoc_markdown(project), encoding="utf-8")
            out = root / f"out{scale}"
            words = _words(program, project)
            typed = without_data(project)
            names = ("check", "build", "check-cold", "build-cold", "docx", "html", "check-typed", "build-typed")
            timings = {name: Timings() for name in names}
            check = [*program, "check", "--project", str(project)]
            build = [*program, "build", "--project", str(project), "--out", str(out)]
            commands = {
                "check": check,  # after a save of one section: the others come from the cache
                "build": build,
                "check-cold": check,  # as on a fresh checkout: the store off
                "build-cold": build,
                # the twin without data/, cold as well: beside check-cold and build-cold, the cost of the data
                "check-typed": [*program, "check", "--project", str(typed)],
                "build-typed": [*program, "build", "--project", str(typed), "--out", str(out) + "-typed"],
                "docx": [pandoc, str(source), "-o", str(root / "pandoc.docx")],
                "html": [pandoc, str(source), "--standalone", "--metadata", "title=Review", "-o",
                         str(root / "pandoc.html")],
            }
            # One build first, untimed: it fills jinja2's cache of the compiled page template and the
            # cache of what the sections read as, as any earlier build on a coordinator's machine has.
            run(commands["build"], Timings())
            run(commands["build-typed"], Timings())
            for _ in range(_runs_at(scale, runs)):
                for name, command in commands.items():
                    if name in ("check", "build"):
                        save_section(project)
                    run(command, timings[name], cold=name.endswith(("-cold", "-typed")))
                if scale == 1:
                    _time_floors(floors, bare)
            results[scale] = timings
            both = timings["docx"].median + timings["html"].median
            print(f"{scale:>4}x {words:>9,} | {timings['check'].median:>5.2f}s {timings['build'].median:>5.2f}s | "
                  f"{timings['check-cold'].median:>5.2f}s {timings['build-cold'].median:>5.2f}s | "
                  f"{timings['docx'].median:>10.2f}s {timings['html'].median:>5.2f}s {both:>5.2f}s | "
                  f"{timings['build-cold'].median / both:>12.2f} {timings['check-cold'].median / both:>12.2f} | "
                  f"{_peak(timings, 'check'):>13.0f} {_peak(timings, 'build'):>6.0f} "
                  f"{max(timings['docx'].peak, timings['html'].peak):>6.0f}", flush=True)
            if scale == CHECK_FILES_SCALE:
                check_files = time_check_files(program, project, runs)
            if scale in PREVIEW_SCALES:
                previews[scale] = time_preview(program, project, saves) if saves else \
                    PreviewTimings(skipped="--saves 0")
        long_line = time_long_line(program, root, runs)
    print()
    for name, modules in FLOORS.items():
        print(f"floor of {name} (python importing {modules}): {floors[name].median:.3f} s; "
              f"without Python's teardown: {bare[name].median:.3f} s")
    for scale, preview in previews.items():
        shown = (f"median {preview.median:.3f} s over {len(preview.seconds)} saves (min {min(preview.seconds):.3f}, "
                 f"max {max(preview.seconds):.3f}), peak {preview.peak_mb:.0f} MB") if preview.seconds else \
            f"not measured: {preview.skipped}"
        print(f"preview at {scale}x, save to page showing the new text: {shown}")
    print(f"check of a megabyte of prose on one line (the worst input of tests/bad_inputs), cold: median "
          f"{long_line.median:.2f} s over {len(long_line.seconds)} runs, peak {long_line.peak:.0f} MB")
    _data_cost(results)
    _targets(results, {name: timing.median for name, timing in floors.items()},
             {name: timing.median for name, timing in bare.items()}, previews, check_files)


def time_long_line(program: list[str], root: Path, runs: int) -> Timings:
    """Time a cold `check` of the 1x project whose victim-assistance section opens with a megabyte of prose on
    one line: the bad input that was quadratic once (the tests only guard it against a hang)."""
    project = make_project(1, root / "long-line")
    path = project / "sections" / CHANGED_SECTION
    front, body = _split(path.read_text(encoding="utf-8"))
    sentence = ("The coordinator followed up outstanding reports State by State and wrote to every State Party "
                "whose initial report was overdue. ")
    line = (sentence * (1_000_000 // len(sentence)))[:1_000_000].rstrip()
    path.write_text(f"---\n{front}---\n{line}\n\n{body}", encoding="utf-8")
    timings = Timings()
    for _ in range(max(1, min(runs, 3))):
        run([*program, "check", "--project", str(project)], timings, expect=(1,), cold=True)  # 1: over its limit
    return timings


def _time_floors(floors: dict[str, Timings], bare: dict[str, Timings]) -> None:
    """Time each floor once, with and without Python's teardown."""
    for name in FLOORS:
        run(floor_command(name), floors[name])
        run(floor_command(name, teardown=False), bare[name])


def _runs_at(scale: int, runs: int) -> int:
    """Runs of each command at `scale`: more at 1x, where a run is short and the noise large; at most 3 at 100x."""
    if scale == 1:
        return max(runs, SHORT_RUNS)
    return runs if scale < 100 else max(1, min(runs, 3))


def _peak(timings: dict[str, Timings], name: str) -> float:
    """The largest resident set of `name`'s runs, after a save or cold."""
    return max(timings[name].peak, timings[f"{name}-cold"].peak)


def _data_cost(results: dict[int, dict[str, Timings]]) -> None:
    """Print what data/ and the charts cost: the project against its twin with typed numbers, no charts."""
    print("\ndata/ and charts, cold (against the same project with the figures typed and no charts):")
    for scale, timings in results.items():
        check = timings["check-cold"].median - timings["check-typed"].median
        build = timings["build-cold"].median - timings["build-typed"].median
        print(f"  {scale:>4}x: check {check:+.3f} s ({check / timings['check-typed'].median:+.1%}), "
              f"build {build:+.3f} s ({build / timings['build-typed'].median:+.1%}), "
              f"{_charts(scale)} chart(s) drawn")


def _charts(scale: int) -> int:
    return sum(len(_CHARTS.findall(path.read_text(encoding="utf-8")))
               for path in (REPO / "sections").glob("*.md")) * scale


def _words(program: list[str], project: Path) -> int:
    result = subprocess.run([*program, "check", "--project", str(project), "--format", "json"], capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"the synthetic project does not pass the check:\n{result.stdout[-3000:]}")
    import json

    return int(json.loads(result.stdout)["summary"]["words"])


def _targets(results: dict[int, dict[str, Timings]], floors: dict[str, float], bare: dict[str, float],
             previews: dict[int, PreviewTimings], check_files: tuple[Timings, Timings, Timings] | None) -> None:
    """Print every target of issue 15 with its figure, its limit and met or MISSED."""
    print("\ntargets (measured here, never asserted; the ratios are taken within this run):")
    if 1 in results:
        for name in ("check", "build"):
            for run_name, how in ((name, "after a save of one section"), (f"{name}-cold", "cold, the store off")):
                seconds = results[1][run_name].median
                _verdict(f"{name} at 1x, {how}, against its floor ({seconds:.3f} s / {floors[name]:.3f} s)",
                         seconds / floors[name], 1.3, "x the floor")
                _beside_bare(seconds, bare[name])
    for scale in PREVIEW_SCALES:
        limit = 0.3 if scale == 1 else 1.0
        preview = previews.get(scale)
        if preview is None or not preview.seconds:
            why = preview.skipped if preview is not None else f"--scales has no {scale}"
            print(f"  preview at {scale}x, median save to new text <= {limit} s: not measured ({why})")
        else:
            _verdict(f"preview at {scale}x, median save to new text", preview.median, limit, "s")
    _check_files_verdict(check_files)
    for scale in (10, 100):
        if scale not in results:
            continue
        timings = results[scale]
        both = timings["docx"].median + timings["html"].median
        for name in ("build", "check"):  # cold: pandoc keeps nothing from one run to the next either
            seconds = timings[f"{name}-cold"].median
            _verdict(f"{name} at {scale}x, cold, against pandoc making both formats ({seconds:.2f} s / "
                     f"{both:.2f} s)", seconds / both, 0.7, "of pandoc")
    if 100 in results:
        peak = max(_peak(results[100], "check"), _peak(results[100], "build"))
        _verdict("peak memory at 100x (check, build)", peak, 300, "MB", strict=True)


def _verdict(what: str, figure: float, limit: float, unit: str, strict: bool = False) -> None:
    met = figure < limit if strict else figure <= limit
    print(f"  {what}: {figure:.2f} against {'<' if strict else '<='} {limit} {unit}: {'met' if met else 'MISSED'}")


def profile(command: str, scale: int) -> None:
    """Write a pyinstrument profile of one `command` at `scale` (text on the terminal)."""
    compile_package()
    with tempfile.TemporaryDirectory(prefix="ccm-profile-") as temporary:
        project = make_project(scale, Path(temporary))
        extra = ["--out", str(Path(temporary) / "out")] if command == "build" else []
        subprocess.run([sys.executable, "-m", "pyinstrument", "-m", "ccm_review", command, "--project", str(project),
                        *extra], check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10,100", help="comma-separated multiples of the shipped content")
    parser.add_argument("--runs", type=int, default=5,
                        help=f"runs of each command per scale (at least {SHORT_RUNS} at 1x, at most 3 at 100x)")
    parser.add_argument("--saves", type=int, default=7, help="timed saves of the preview at 1x and 10x (0: none)")
    parser.add_argument("--profile", choices=("check", "build"), help="profile one command instead of timing")
    parser.add_argument("--scale", type=int, default=1, help="the scale to profile at")
    parser.add_argument("--check-files", action="store_true",
                        help=f"time only check FILE at {CHECK_FILES_SCALE}x against the floor")
    arguments = parser.parse_args()
    # A store of the bench's own: it neither reads nor fills the user's, and starts empty.
    with tempfile.TemporaryDirectory(prefix="ccm-bench-store-") as store:
        os.environ["CCM_REVIEW_CACHE_DIR"] = str(Path(store) / "ccm-review")
        os.environ.pop("CCM_REVIEW_NO_CACHE", None)
        if arguments.check_files:
            check_files_only(arguments.runs)
        elif arguments.profile:
            profile(arguments.profile, arguments.scale)
        else:
            bench([int(scale) for scale in arguments.scales.split(",")], arguments.runs, arguments.saves)


if __name__ == "__main__":
    main()
