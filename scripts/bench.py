"""Time `ccm-review check` and `build` at 1x, 10x and 100x the shipped content, beside pandoc.

Synthetic projects: at scale k the action plan has 7k actions, each with a copy of one of the
seven shipped action sections (renumbered: action 12 has items 12.1, 12.2 ...), and the three
other parts repeat their narrative k times (footnote labels renamed per copy); the word limits
of those parts and of the document grow k times. So a project at 10x holds ten times the words,
tables and notes of the shipped one, in files of the shipped size, and passes the check.

pandoc gets the same content as one Markdown file (each part its heading, its pipe table, its
narrative and notes) and converts it to DOCX and to HTML. All four commands run in turn, the
same number of times, so that a busy machine slows them alike; the medians and the peak memory
of each process (its maximum resident set, from wait4) are printed with the ratios.

    python scripts/bench.py [--scales 1,10,100] [--runs 5] [--profile check|build --scale 10]
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
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


def run(command: list[str], timings: Timings, expect: tuple[int, ...] = (0,)) -> None:
    """Run `command` once; add its wall time and its own peak resident memory to `timings`."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in expect:
        raise SystemExit(f"{' '.join(command)} exited with {process.returncode}")
    timings.seconds.append(elapsed)
    timings.peak_mb.append(usage.ru_maxrss / 1024)  # kilobytes on Linux


def pandoc_path() -> str:
    try:
        import pypandoc
    except ImportError:
        raise SystemExit("pypandoc-binary is missing: run `make bench`, which installs the bench extra") from None
    return str(pypandoc.get_pandoc_path())


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    pandoc = subprocess.run([pandoc_path(), "--version"], capture_output=True, text=True, check=True).stdout
    return (f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, {pandoc.splitlines()[0]}")


def compile_package() -> None:
    """Write the package's bytecode, as installing it from a wheel does.

    An editable install compiles modules on first import; where PYTHONDONTWRITEBYTECODE is set,
    or the checkout is read-only, every run would compile some sixty modules from source again
    (about 0.1 s here), which is no cost a coordinator's installed copy pays.
    """
    compileall.compile_dir(REPO / "ccm_review", quiet=1)


def bench(scales: list[int], runs: int) -> None:
    program = [sys.executable, "-m", "ccm_review"]
    pandoc = pandoc_path()
    compile_package()
    print(f"machine: {machine()}")
    print(f"runs: {runs} of each command per scale, interleaved; medians; peak = largest resident set\n")
    startup = Timings()
    for _ in range(runs):
        run([*program, "--version"], startup)
    print(f"start-up (python -m ccm_review --version): {startup.median:.3f} s, {startup.peak:.0f} MB")
    floors = {name: Timings() for name in FLOORS}
    for _ in range(runs):
        for name, modules in FLOORS.items():
            run([sys.executable, "-c", f"import {modules}"], floors[name])
    for name, modules in FLOORS.items():
        print(f"floor of {name} (python importing {modules}): {floors[name].median:.3f} s")
    print()
    header = (f"{'scale':>5} {'words':>9} | {'check':>7} {'build':>7} | {'pandoc docx':>11} {'html':>6} "
              f"{'both':>6} | {'build/pandoc':>12} {'check/pandoc':>12} | {'peak MB check':>13} {'build':>6} "
              f"{'pandoc':>6}")
    print(header)
    print("-" * len(header))
    results: dict[int, dict[str, Timings]] = {}
    with tempfile.TemporaryDirectory(prefix="ccm-bench-") as temporary:
        root = Path(temporary)
        for scale in scales:
            project = make_project(scale, root)
            source = root / f"x{scale}.md"
            source.write_text(pandoc_markdown(project), encoding="utf-8")
            out = root / f"out{scale}"
            words = _words(program, project)
            typed = without_data(project)
            timings = {name: Timings() for name in ("check", "build", "docx", "html", "check-typed", "build-typed")}
            commands = {
                "check": [*program, "check", "--project", str(project)],
                "build": [*program, "build", "--project", str(project), "--out", str(out)],
                "check-typed": [*program, "check", "--project", str(typed)],
                "build-typed": [*program, "build", "--project", str(typed), "--out", str(out) + "-typed"],
                "docx": [pandoc, str(source), "-o", str(root / "pandoc.docx")],
                "html": [pandoc, str(source), "--standalone", "--metadata", "title=Review", "-o",
                         str(root / "pandoc.html")],
            }
            # One build first, untimed: it fills jinja2's cache of the compiled page template, as
            # any earlier build on a coordinator's machine has.
            run(commands["build"], Timings())
            for _ in range(runs if scale < 100 else max(1, min(runs, 3))):
                for name, command in commands.items():
                    run(command, timings[name])
            results[scale] = timings
            both = timings["docx"].median + timings["html"].median
            print(f"{scale:>4}x {words:>9,} | {timings['check'].median:>6.2f}s {timings['build'].median:>6.2f}s | "
                  f"{timings['docx'].median:>10.2f}s {timings['html'].median:>5.2f}s {both:>5.2f}s | "
                  f"{timings['build'].median / both:>12.2f} {timings['check'].median / both:>12.2f} | "
                  f"{timings['check'].peak:>13.0f} {timings['build'].peak:>6.0f} "
                  f"{max(timings['docx'].peak, timings['html'].peak):>6.0f}", flush=True)
    _data_cost(results)
    _targets(results, startup.median, {name: timing.median for name, timing in floors.items()})


def _data_cost(results: dict[int, dict[str, Timings]]) -> None:
    """Print what data/ and the charts cost: the project against its twin with typed numbers, no charts."""
    print("\ndata/ and charts (against the same project with the figures typed and no charts):")
    for scale, timings in results.items():
        check = timings["check"].median - timings["check-typed"].median
        build = timings["build"].median - timings["build-typed"].median
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


def _targets(results: dict[int, dict[str, Timings]], startup: float, floors: dict[str, float]) -> None:
    print("\ntargets (measured, never asserted):")
    if 1 in results:
        timings = results[1]
        both = timings["docx"].median + timings["html"].median
        _verdict("build at 1x no slower than pandoc making both formats", timings["build"].median / both, 1.0)
        _verdict("check at 1x within 0.4 of that pandoc time", timings["check"].median / both, 0.4)
        for name in ("build", "check"):
            own = timings[name].median - floors[name]
            print(f"  {name} at 1x: the libraries' floor is {floors[name] / both:.2f} of pandoc's time, "
                  f"the package's own imports and work {own:.2f} s ({own / both:.2f})")
    top = max(results)
    if 1 in results and top > 1:
        one, many = results[1]["build"].median, results[top]["build"].median
        bound = top * (one - startup) + startup
        print(f"  build at {top}x {many:.2f} s against a linear bound of {bound:.2f} s "
              f"({top} x (1x {one:.2f} s - start-up {startup:.2f} s) + start-up): "
              f"{'met' if many <= bound else 'MISSED'}")
    peak = max(results[top]["check"].peak, results[top]["build"].peak)
    print(f"  peak memory at {top}x {peak:.0f} MB against 300 MB: {'met' if peak < 300 else 'MISSED'}")


def _verdict(what: str, ratio: float, limit: float) -> None:
    print(f"  {what}: ratio {ratio:.2f} against {limit}: {'met' if ratio <= limit else 'MISSED'}")


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
    parser.add_argument("--runs", type=int, default=5, help="runs of each command per scale (at most 3 at 100x)")
    parser.add_argument("--profile", choices=("check", "build"), help="profile one command instead of timing")
    parser.add_argument("--scale", type=int, default=1, help="the scale to profile at")
    arguments = parser.parse_args()
    if arguments.profile:
        profile(arguments.profile, arguments.scale)
    else:
        bench([int(scale) for scale in arguments.scales.split(",")], arguments.runs)


if __name__ == "__main__":
    main()
