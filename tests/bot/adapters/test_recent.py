from bot.adapters.recent import RecentIds


def test_an_id_is_new_once() -> None:
    seen = RecentIds(3)
    assert seen.add("a") is True
    assert seen.add("a") is False
    assert "a" in seen and "b" not in seen and 7 not in seen


def test_the_least_recently_seen_id_is_forgotten_first() -> None:
    seen = RecentIds(2)
    seen.add("a")
    seen.add("b")
    assert "a" in seen  # seen again: now "b" is the oldest
    seen.add("c")
    assert "b" not in seen and "a" in seen and "c" in seen
    assert len(seen) == 2
