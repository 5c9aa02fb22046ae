"""The `command_claims` table: an admin command's progress, so one a worker claimed and never
finished is answered by another — exactly once — or, when that can no longer be known, shown.

A command is claimed before it runs (with several workers on one database, one answers it):
its message is marked handled and a row here says `claimed`. Before its first post the row
becomes `answering`; once it ran, `done`. A worker killed between the claim and its first
post leaves `claimed`: nothing anyone saw came of it yet (a settings change it stored is
stored again, the same), so once the claim is older than a bound the platform's next delivery
of the message is taken over and answered (`claim_command`). A worker killed while answering
leaves `answering`: its reply may have gone out, so it is never answered again (at most once)
— `unfinished_commands` lists it for the operator, as it does a `claimed` one no delivery came
back for (WeChat delivers nothing again).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Literal

from bot.store.handling import HandlingTables
from bot.store.rows import iso

# What a delivery of a command's message may do (`claim_command`):
#   run — it is ours (new); retake — ours, taken over from a claimer that never answered;
#   skip — done, or its answer began elsewhere (maybe sent: never twice);
#   wait — another worker claimed it a moment ago: deliver it again later.
Claim = Literal["run", "retake", "skip", "wait"]

_WHERE = "platform = ? AND group_id = ? AND message_id = ?"


class CommandTable(HandlingTables):
    """Admin commands claimed, being answered and done."""

    def claim_command(
        self,
        platform: str,
        group_id: str,
        message_id: str,
        now: datetime,
        owner: str,
        stale_after: timedelta,
    ) -> Claim:
        """Claim the command of this message (one write transaction, the `command` lock).

        New: it is marked handled and claimed here → run. Claimed by someone more than
        `stale_after` ago and never answered → taken over (attempts + 1) → retake. Claimed more
        recently → wait. Answering or done → skip. A message marked handled without a row
        here (by a version before this table) → skip."""
        ids = [platform, group_id, message_id]
        with self._immediate("command"):
            row = next(
                self.db.query(f"SELECT status, claimed_at FROM command_claims WHERE {_WHERE}", ids),
                None,
            )
            if row is None:
                return "run" if self._first_claim(ids, now, owner) else "skip"
            if row["status"] != "claimed":
                return "skip"
            if row["claimed_at"] > iso(now - stale_after):
                return "wait"
            self.db.execute(
                f"""UPDATE command_claims SET claimed_at = ?, claimed_by = ?,
                      attempts = attempts + 1 WHERE {_WHERE}""",
                [iso(now), owner, *ids],
            )
            return "retake"

    def _first_claim(self, ids: list[str], now: datetime, owner: str) -> bool:
        platform, group_id, message_id = ids
        if not self._mark_handled(group_id, platform, message_id, now):
            return False
        self.db.execute(
            """INSERT INTO command_claims (platform, group_id, message_id, status, attempts,
                 claimed_at, claimed_by) VALUES (?, ?, ?, 'claimed', 1, ?, ?)""",
            [*ids, iso(now), owner],
        )
        return True

    def command_answering(self, platform: str, group_id: str, message_id: str) -> None:
        """Its first post is about to go out: from now on it is never answered again."""
        sql = f"UPDATE command_claims SET status = 'answering' WHERE {_WHERE}"
        self.db.execute(sql, [platform, group_id, message_id])

    def finish_command(self, platform: str, group_id: str, message_id: str, now: datetime) -> None:
        """It ran: answered and audited (or its failure said and audited)."""
        sql = f"UPDATE command_claims SET status = 'done', finished_at = ? WHERE {_WHERE}"
        self.db.execute(sql, [iso(now), platform, group_id, message_id])

    def unfinished_commands(self, claimed_before: datetime) -> list[dict[str, Any]]:
        """Commands claimed before `claimed_before` and not done: their worker died before
        answering (`claimed`: answered when the platform delivers the message again) or while
        answering (`answering`: maybe answered, never again). Oldest first."""
        sql = """SELECT platform, group_id, message_id, status, attempts, claimed_at, claimed_by
                 FROM command_claims WHERE status != 'done' AND claimed_at < ?
                 ORDER BY claimed_at"""
        return list(self.db.query(sql, [iso(claimed_before)]))
