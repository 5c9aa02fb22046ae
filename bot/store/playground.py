"""The `playground_messages` table: the playground group's simulated transcript."""

from __future__ import annotations

from datetime import datetime

from bot.store.db import Tables
from bot.store.rows import PlaygroundMessage, iso, playground_message


class PlaygroundTable(Tables):
    """The playground transcript."""

    def add_playground_message(
        self,
        group_id: str,
        sender: str,
        text: str,
        time: datetime,
        sender_name: str = "",
        bot: bool = False,
        to_member: str = "",
    ) -> PlaygroundMessage:
        """Append a line to the playground transcript (text kept whole: it is a simulation);
        `to_member`: a private message of the bot to that member, not in the group."""
        row = {
            "to_member": to_member,
            "group_id": group_id,
            "sender": sender,
            "sender_name": sender_name,
            "text": text,
            "time": iso(time),
            "bot": int(bot),
        }
        inserted = self._insert_id(
            """INSERT INTO playground_messages
                 (group_id, sender, sender_name, text, time, bot, to_member)
               VALUES (:group_id, :sender, :sender_name, :text, :time, :bot, :to_member)""",
            row,
        )
        return PlaygroundMessage(
            id=inserted,
            group_id=group_id,
            sender=sender,
            sender_name=sender_name,
            text=text,
            time=time,
            bot=bot,
        )

    def playground_messages(self, group_id: str, limit: int = 200) -> list[PlaygroundMessage]:
        """The group's last `limit` transcript lines, oldest first."""
        rows = self.db.query(
            """SELECT * FROM playground_messages WHERE group_id = ? AND to_member = ''
               ORDER BY id DESC LIMIT ?""",
            [group_id, limit],
        )
        return [playground_message(r) for r in reversed(list(rows))]

    def playground_private(
        self, group_id: str, member: str, limit: int = 100
    ) -> list[PlaygroundMessage]:
        """The bot's last `limit` private messages to `member`, oldest first."""
        rows = self.db.query(
            """SELECT * FROM playground_messages WHERE group_id = ? AND to_member = ?
               ORDER BY id DESC LIMIT ?""",
            [group_id, member, limit],
        )
        return [playground_message(r) for r in reversed(list(rows))]
