"""`check` stays fast enough to run on every save: no renderer is imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CHECK = """
import sys
from pathlib import Path
from ccm_review import api
api.check(Path(sys.argv[1]))
print('docx' in sys.modules, 'jinja2' in sys.modules)
"""

def python(code: str, *args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_check_imports_neither_python_docx_nor_jinja2(project: Path) -> None:
    assert python(CHECK, str(project)) == ["False", "False"]
