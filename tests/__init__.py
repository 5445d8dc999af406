"""The test suite."""

import os
import tempfile

# Before any test module imports the package: its modules compile their patterns when imported, reading
# the per-user store's file of compiled patterns (ccm_review.patterns). So the store is a folder of this
# run's own from the start, never the user's; a fixture of conftest then points it at the test run's folder.
_STORE = tempfile.TemporaryDirectory(prefix="ccm-review-tests-")
os.environ["CCM_REVIEW_CACHE_DIR"] = os.path.join(_STORE.name, "ccm-review")
