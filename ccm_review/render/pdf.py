"""The PDF writer: the DOCX writer's document, printed to PDF/A-2 by LibreOffice headless.

Tagged (for screen readers), fonts embedded (PDF/A requires it), the title and the language taken
from the DOCX's properties. LibreOffice runs with a profile of its own in a temporary folder, so a
LibreOffice the user has open is neither disturbed nor waited for, and within a time limit. When
it is missing, fails or hangs, the PDF writer says so (WriterUnavailable) and `build` writes the
other outputs all the same; a PDF is never written in part.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ccm_review.errors import WriterUnavailable
from ccm_review.project import OUTPUT_STEM

if TYPE_CHECKING:
    from ccm_review.model.outline import Outline
    from ccm_review.render import RenderContext

TIME_LIMIT = 180  # seconds: a 100-page document takes LibreOffice about ten here
_PROGRAMS = ("soffice", "libreoffice")
# LibreOffice's PDF export options: PDF/A-2b, tagged, the document title in the window bar.
_OPTIONS = {"SelectPdfVersion": {"type": "long", "value": "2"},
            "UseTaggedPDF": {"type": "boolean", "value": "true"},
            "DisplayPDFDocumentTitle": {"type": "boolean", "value": "true"}}


class PdfWriter:
    """A tagged PDF/A-2 with every font embedded, as delegations download UN documents."""

    name = "pdf"
    file_name = f"{OUTPUT_STEM}.pdf"

    def render(self, outline: Outline, context: RenderContext) -> bytes:
        """Return the PDF of `outline`; raise WriterUnavailable when LibreOffice cannot make it."""
        from ccm_review.render import writer

        program = libreoffice()
        if program is None:
            raise WriterUnavailable("the PDF needs LibreOffice, which is not installed",
                                    hint="install it (Debian: apt-get install libreoffice-writer-nogui) or "
                                         "leave pdf out of --format; the other outputs were written")
        docx = writer("docx").render(outline, context)
        with tempfile.TemporaryDirectory(prefix="ccm-review-pdf-") as temporary:
            folder = Path(temporary)
            source = folder / f"{OUTPUT_STEM}.docx"
            source.write_bytes(docx)
            command = [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                       "--norestore", "--convert-to", f"pdf:writer_pdf_Export:{json.dumps(_OPTIONS)}",
                       "--outdir", str(folder / "out"), str(source)]
            try:
                # A session of its own: on a timeout the whole process group is ended, not only the
                # program started (soffice is a script that starts oosplash, which starts soffice.bin).
                process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                           env={**os.environ, "HOME": temporary}, start_new_session=True)
            except OSError as error:
                raise WriterUnavailable(f"LibreOffice could not be started: {error.strerror or error}") from None
            try:
                stdout, stderr = process.communicate(timeout=TIME_LIMIT)
            except subprocess.TimeoutExpired:
                _stop(process)
                raise WriterUnavailable(f"LibreOffice did not finish the PDF within {TIME_LIMIT} seconds",
                                        hint="close other LibreOffice windows and try again") from None
            pdf = folder / "out" / f"{OUTPUT_STEM}.pdf"
            if process.returncode != 0 or not pdf.is_file():
                said = (stderr or stdout).strip().splitlines()
                raise WriterUnavailable("LibreOffice could not make the PDF" + (f": {said[-1]}" if said else ""),
                                        hint="open build/review-document.docx in LibreOffice to see why")
            return pdf.read_bytes()


def _stop(process: subprocess.Popen[str]) -> None:
    """End `process` and every process it started, and collect what is left of their output."""
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # no process groups (Windows): the program alone
            process.kill()
    except ProcessLookupError:
        pass
    try:
        process.communicate(timeout=10)
    except subprocess.TimeoutExpired:  # a process that left the group holds the pipes open
        process.kill()
        process.wait()


def libreoffice() -> str | None:
    """Return the LibreOffice program on the PATH, or None."""
    return next((found for name in _PROGRAMS if (found := shutil.which(name))), None)


WRITER = PdfWriter()
