"""Regenerate the pictures of the documentation in docs/images/ from the shipped project.

    python scripts/doc-images.py [--only NAME ...]      (or: make doc-images)

- docx-page-1.png      page 1 of the DOCX as LibreOffice renders it (soffice, then pdftoppm)
- html-1280.png, html-390.png   the HTML page in headless Chromium at 1280 and 390 px
- status.png           `ccm-review status --today 2020-03-01` as a terminal shows it (rich)
- preview-findings.png, preview-document.png    the preview while a section has an error,
                       then once it is fixed with one warning left

Needs what `make ci` installs: LibreOffice, poppler-utils, Debian's chromium and tests/js's
node packages. Every picture is written to a temporary file and renamed. Look at each one
before committing it: a picture that changed is reviewed by eye, like a golden file.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
IMAGES = REPO / "docs" / "images"
NODE_DIR = REPO / "tests" / "js"
STAMP = "1588204800"  # 30 April 2020, the date of the shipped document
TODAY = "2020-03-01"  # the day the status picture pretends it is
BROKEN_SECTION = "sections/04-victim-assistance.md"


def main() -> None:
    pictures: dict[str, Callable[[Path], None]] = {
        "docx-page-1": docx_page_1, "html": html_pages, "status": status_table, "preview": preview_pages,
    }
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", choices=sorted(pictures), help="regenerate these pictures only")
    arguments = parser.parse_args()
    missing = [tool for tool in ("soffice", "pdftoppm", "node") if shutil.which(tool) is None]
    if missing or not (NODE_DIR / "node_modules").is_dir():
        sys.exit(f"missing: {', '.join(missing) or 'tests/js/node_modules'} (scripts/install-checkers installs them)")
    with tempfile.TemporaryDirectory(prefix="ccm-doc-images-") as temporary:
        work = Path(temporary)
        for name in arguments.only or pictures:
            pictures[name](work)


def docx_page_1(work: Path) -> None:
    out = build(REPO, work / "build")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{work}/lo", "--convert-to", "pdf",
                    "--outdir", str(work), str(out / "review-document.docx")], check=True, capture_output=True)
    # A4 at 60 dpi: 497 pixels wide, readable in the README without being a download.
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "60", "-png", "-singlefile",
                    str(work / "review-document.pdf"), str(work / "page")], check=True)
    install(work / "page.png", "docx-page-1.png")


def html_pages(work: Path) -> None:
    out = build(REPO, work / "build")
    with browser((out / "review-document.html").as_uri()) as ask:
        for width, height in ((1280, 1600), (390, 1400)):
            shot = work / f"html-{width}.png"
            ask({"shot": str(shot), "width": width, "height": height})
            install(shot, shot.name)


def status_table(work: Path) -> None:
    """The rich tables of `status`, recorded as SVG and photographed by the browser."""
    sys.path.insert(0, str(REPO))
    from rich.console import Console

    from ccm_review import api
    from ccm_review.tools.status import show as status_report

    console = Console(record=True, width=190, force_terminal=True, color_system="truecolor", file=io.StringIO())
    status_report.print_rich(api.status(REPO, date.fromisoformat(TODAY)), console)
    svg = work / "status.svg"
    svg.write_text(console.export_svg(title=f"ccm-review status --today {TODAY}"), encoding="utf-8")
    size = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg.read_text(encoding="utf-8"))
    assert size is not None, "rich wrote an SVG without a viewBox"
    page = work / "status.html"
    page.write_text(f'<!DOCTYPE html><body style="margin:0"><img src="{svg.name}" style="width:1800px">',
                    encoding="utf-8")
    height = round(1800 * float(size.group(2)) / float(size.group(1)))
    with browser(page.as_uri()) as ask:
        ask({"shot": str(work / "status.png"), "width": 1800, "height": height})
    install(work / "status.png", "status.png")


def preview_pages(work: Path) -> None:
    project = work / "project"
    shutil.copytree(REPO / "sections", project / "sections")
    shutil.copytree(REPO / "templates", project / "templates")
    shutil.copytree(REPO / "data", project / "data")
    section = project / BROKEN_SECTION
    text = section.read_text(encoding="utf-8")
    # An unclosed bracket after `status:`, as a coordinator might leave it.
    section.write_text(text.replace("\nstatus: final\n", "\nstatus: [\n", 1), encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "ccm_review", "preview", "--project", str(project), "--port",
                               "0", "--no-open"], stdout=subprocess.PIPE, text=True, cwd=REPO)
    try:
        url = _preview_url(server)
        with browser(url) as ask:
            ask({"wait": "front matter is not valid YAML", "timeout": 20000})
            ask({"shot": str(work / "preview-findings.png"), "width": 1280, "height": 640})
            # Mended, but for one warning: a doubled word (CCM048).
            section.write_text(text.replace("is not systematically", "is not not systematically", 1),
                               encoding="utf-8")
            ask({"wait": "Preview: 1 warning", "timeout": 20000})
            ask({"shot": str(work / "preview-document.png"), "width": 1280, "height": 820})
    finally:
        server.terminate()
        server.wait(timeout=10)
    install(work / "preview-findings.png", "preview-findings.png")
    install(work / "preview-document.png", "preview-document.png")


def _preview_url(server: subprocess.Popen[str]) -> str:
    assert server.stdout is not None
    for line in server.stdout:
        found = re.search(r"previewing at (\S+)", line)
        if found:
            return found.group(1)
    raise SystemExit("the preview server stopped before it served")


def build(project: Path, out: Path) -> Path:
    """Build `project` into `out` with the shipped document's date; return `out`."""
    if not (out / "review-document.docx").is_file():
        subprocess.run([sys.executable, "-m", "ccm_review", "build", "--project", str(project), "--out", str(out)],
                       check=True, capture_output=True, cwd=REPO, env={**os.environ, "SOURCE_DATE_EPOCH": STAMP})
    return out


@contextmanager
def browser(url: str) -> Iterator[Callable[[dict[str, object]], dict[str, object]]]:
    """Open `url` in headless Chromium (tests/js/preview-probe.mjs); yield a function sending it commands."""
    probe = subprocess.Popen(["node", "preview-probe.mjs", url], cwd=NODE_DIR, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    assert probe.stdin is not None and probe.stdout is not None
    stdin, stdout = probe.stdin, probe.stdout

    def ask(command: dict[str, object]) -> dict[str, object]:
        stdin.write(json.dumps(command) + "\n")
        stdin.flush()
        answer: dict[str, object] = json.loads(stdout.readline())
        if not answer.get("ok", True):
            raise SystemExit(f"the browser could not {command}: {answer}")
        return answer

    try:
        opened = json.loads(stdout.readline())
        if not opened.get("ok"):
            raise SystemExit(f"the browser could not open {url}: {opened}")
        yield ask
        stdin.write(json.dumps({"quit": True}) + "\n")
    finally:
        stdin.close()  # the probe ends when its input does
        probe.wait(timeout=30)


def install(picture: Path, name: str) -> None:
    """Move `picture` to docs/images/`name` through a temporary file, and say so."""
    target = IMAGES / name
    temporary = target.with_suffix(".png.tmp")
    shutil.copyfile(picture, temporary)
    temporary.replace(target)
    print(f"wrote {target.relative_to(REPO)}")


if __name__ == "__main__":
    main()
