"""Debian's headless Chromium, as the page tests launch it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# As root, without a network: no sandbox, and none of Chromium's background connections.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Skipped on a developer's machine without it; never in CI (CI=true), where .ci/run installs it
# and a missing browser must fail the page tests rather than hide them.
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists() and os.environ.get("CI") != "true",
    reason="needs Debian's chromium at /usr/bin/chromium (.ci/run installs it)",
)
