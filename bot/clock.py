"""The clock: `Clock`, the one type of every injected "now" (the app's, the runtime's, the
scheduler's, the adapters'), and `utc_now`, the real one, used when no test clock is given."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]  # "now", timezone-aware


def utc_now() -> datetime:
    """Now, as an aware UTC datetime."""
    return datetime.now(UTC)
