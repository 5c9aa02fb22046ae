"""Who the Feishu adapter knows in each group: open_ids met there (senders, @-mentions), the
group's roster (the members API), and names (from @-mentions and the roster). All from what
the adapter already has; `members()` answers `/jianfu exempt` without a platform call."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.adapters.lru import LruCache

NAME_LIMIT = 16_384  # member names remembered (from @-mentions)
MET_LIMIT = 5_000  # members remembered per group (Feishu groups hold up to 5,000 members)
GROUP_LIMIT = 1024  # groups whose members are kept


class MemberBook:
    """open_ids and names per group, bounded."""

    def __init__(self, group_limit: int = GROUP_LIMIT) -> None:
        self._limit = group_limit
        self._names: LruCache[str, str] = LruCache(NAME_LIMIT)  # open_id → name
        self._met: dict[str, set[str]] = {}  # group → open_ids met there
        self._rosters: dict[str, frozenset[str]] = {}  # group → open_ids of its members

    def name(self, open_id: str) -> str | None:
        return self._names.get(open_id)

    def learn(self, group_id: str, names: Iterable[tuple[str, str]]) -> None:
        """Remember the names Feishu gives with @-mentions (events carry no sender name)."""
        for open_id, name in names:
            self._names.put(open_id, name)
            self.meet(group_id, open_id)

    def meet(self, group_id: str, open_id: str) -> None:
        if not group_id:
            return
        met = self._met.setdefault(group_id, set())
        if len(met) < MET_LIMIT:
            met.add(open_id)
        if len(self._met) > self._limit:
            self._met.pop(next(iter(self._met)))

    def keep_roster(self, group_id: str, roster: Mapping[str, str]) -> None:
        """The group's members (open_id → name) as the members API listed them."""
        if group_id not in self._rosters and len(self._rosters) >= self._limit:
            self._rosters.pop(next(iter(self._rosters)))
        self._rosters[group_id] = frozenset(roster)
        for open_id, name in roster.items():
            if name:
                self._names.put(open_id, name)

    def roster(self, group_id: str) -> dict[str, str] | None:
        """The group's members as the members API listed them (open_id → name, "" when not
        known), or None before it was listed."""
        listed = self._rosters.get(group_id)
        if listed is None:
            return None
        return {m: self._names.get(m) or "" for m in sorted(listed)}

    def members(self, group_id: str) -> frozenset[str] | None:
        """Open_ids and names of the group's members known, or None when none is."""
        known = self._met.get(group_id, set()) | set(self._rosters.get(group_id, ()))
        if not known:
            return None
        names = {name for m in known if (name := self._names.get(m))}
        return frozenset(known) | frozenset(names)
