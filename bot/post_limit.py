"""One rate limit for every post of the bot: reminders, command replies and digests alike.

Etiquette (cooldown, daily cap) keeps reminders rare, but commands are answered on demand, so
without a limit anyone who can type could make the bot talk. `PostLimit` allows at most
`POSTS` posts in any `WINDOW` per place — a group, or one member's private chat — and says
when the next one may go. In memory, per process: a restart starts the count afresh, and places
whose posts have all left the window are dropped, so memory stays bounded by the places that
were posted to in the last window.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime, timedelta

POSTS = 10  # posts per place …
WINDOW = timedelta(minutes=10)  # … in any window this long


class PostLimit:
    """A sliding-window count of the bot's posts per place."""

    def __init__(self, posts: int = POSTS, window: timedelta = WINDOW) -> None:
        self.posts = max(1, posts)
        self.window = window
        self._sent: dict[str, deque[datetime]] = {}

    def take(self, place: str, now: datetime) -> datetime | None:
        """Count one post to `place` at `now` and return None, or — when `place` already had
        `posts` in the window — count nothing and return when the next post may go."""
        sent = self._sent.setdefault(place, deque())
        while sent and now - sent[0] >= self.window:
            sent.popleft()
        if len(sent) >= self.posts:
            return sent[0] + self.window
        sent.append(now)
        if len(self._sent) > 64:  # now and then: forget places that posted long ago
            self._forget_idle(now)
        return None

    def _forget_idle(self, now: datetime) -> None:
        for place in [
            p for p, sent in self._sent.items() if not sent or now - sent[-1] >= self.window
        ]:
            del self._sent[place]

    def __len__(self) -> int:
        """Places being counted."""
        return len(self._sent)
