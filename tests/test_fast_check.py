"""`check` stays fast enough to run on every save: no renderer is imported, textstat only when used."""

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

IMPORT = """
import sys
from ccm_review import api, cli
print('textstat' in sys.modules)
"""

SCORE = """
import sys
from ccm_review.readability import reading_ease
print(reading_ease('The States Parties met in Geneva. They agreed on a plan.'), 'nltk' in sys.modules)
"""


def python(code: str, *args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_check_imports_neither_python_docx_nor_jinja2(project: Path) -> None:
    assert python(CHECK, str(project)) == ["False", "False"]


def test_loading_the_package_does_not_load_textstat() -> None:
    assert python(IMPORT) == ["False"]


def test_the_reading_ease_is_computed_offline() -> None:
    # textstat 0.7.9 and later download NLTK data at run time; the pinned range must not.
    score, nltk = python(SCORE)
    assert 50 < float(score) <= 121 and nltk == "False"
