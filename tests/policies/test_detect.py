"""The stateful detector: pile-ups, chains and demands, with time taken from the messages."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from policies.detect import Detector, DetectorOptions
from policies.events import Incident, Message

CST = timezone(timedelta(hours=8))
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=CST)
NAMES = ["张伟", "李娜", "王芳", "刘洋", "陈静", "杨帆", "赵磊", "黄敏"]
NOTICE = "【通知】明天上午9点在三楼会议室开会，请准时参加。收到请回复。"


class Chat:
    """A group conversation fed to one detector; keeps the last report of every incident."""

    def __init__(self, detector: Detector | None = None, group: str = "g1") -> None:
        self.detector = detector or Detector()
        self.group = group
        self.n = 0
        self.reports: list[Incident] = []

    def say(self, sender: str, text: str, minutes: float, type_: str = "text") -> list[Incident]:
        self.n += 1
        msg = Message(
            id=f"{self.group}-m{self.n}",
            group_id=self.group,
            sender_id=sender,
            text=text,
            time=T0 + timedelta(minutes=minutes),
            type=type_,  # type: ignore[arg-type]
        )
        found = list(self.detector.feed(msg).incidents)
        self.reports += found
        return found

    def final(self) -> dict[str, Incident]:
        self.reports += self.detector.close_all()
        return {i.id: i for i in self.reports}

    def kinds(self) -> list[str]:
        return sorted(i.kind for i in self.final().values())


def test_five_distinct_members_within_the_window_make_one_stack() -> None:
    chat = Chat()
    chat.say("boss", NOTICE, 0)
    for k in range(20):
        chat.say(f"u{k}", "收到", 1 + k * 0.5)
    final = chat.final()
    stacks = [i for i in final.values() if i.kind == "stack"]
    assert len(stacks) == 1
    stack = stacks[0]
    assert (stack.members, stack.messages) == (20, 20)
    assert stack.trigger.startswith("【通知】") and stack.trigger_sender == "boss"
    assert stack.end == T0 + timedelta(minutes=1 + 19 * 0.5)
    assert stack.closed
    opened = [i for i in chat.reports if i.kind == "stack" and i.opened]
    assert len(opened) == 1 and opened[0].members == 5  # remind once, at the threshold


def test_four_members_is_not_a_stack_and_repeats_do_not_count() -> None:
    chat = Chat()
    for k, sender in enumerate(["a", "b", "a", "c", "b", "d", "d"]):
        chat.say(sender, "收到", k)
    assert "stack" not in chat.kinds()


def test_members_spread_beyond_the_window_make_no_stack() -> None:
    chat = Chat()
    for k in range(6):
        chat.say(f"u{k}", "收到", k * 8)  # 6 members, but only 4 within any 30 minutes
    assert "stack" not in chat.kinds()


@pytest.mark.parametrize(("members", "window", "expected"), [(3, 30, True), (5, 10, False)])
def test_thresholds_are_options(members: int, window: int, expected: bool) -> None:
    options = DetectorOptions(stack_members=members, stack_window=timedelta(minutes=window))
    chat = Chat(Detector(options))
    for k in range(4):
        chat.say(f"u{k}", "1", k * 4)
    assert ("stack" in chat.kinds()) is expected


def test_a_gap_longer_than_the_window_starts_a_new_pile_up() -> None:
    chat = Chat()
    for k in range(5):
        chat.say(f"u{k}", "收到", k)
    for k in range(5):
        chat.say(f"v{k}", "好的", 120 + k)
    assert chat.kinds() == ["stack", "stack"]


def test_chain_posts_do_not_count_toward_a_stack() -> None:
    chat = Chat()
    names: list[str] = []
    for k in range(6):
        names.append(f"{k + 1}. {NAMES[k]}")
        chat.say(f"u{k}", "#接龙\n周六爬山报名\n" + "\n".join(names), k)
    assert chat.kinds() == []  # a sign-up chain, and chain posts are not acks


def test_acknowledgement_chain_reaches_five_participants_however_slowly() -> None:
    chat = Chat()
    chat.say("boss", "请大家学习文件后接龙确认", 0)
    names: list[str] = []
    for k in range(7):
        names.append(f"{k + 1}. {NAMES[k]}")
        chat.say(f"u{k}", "#接龙\n已学习《安全手册》\n\n" + "\n".join(names), 5 + k * 300)
    final = chat.final()
    chains = [i for i in final.values() if i.kind == "chain"]
    assert len(chains) == 1
    assert (chains[0].members, chains[0].messages) == (7, 7)
    assert [i.members for i in chat.reports if i.kind == "chain" and i.opened] == [5]
    assert sorted(final_kind for final_kind in chat.kinds()) == ["ack_request", "chain"]


def test_demands_are_incidents_of_their_own() -> None:
    chat = Chat()
    chat.say("boss", "收到请回复", 0)
    chat.say("boss", "巡查时拍照发群里", 1)
    chat.say("boss", "大家中午吃什么", 2)
    found = chat.final()
    assert chat.kinds() == ["ack_request", "proof_request"]
    assert all(i.opened and i.closed and i.members == 1 for i in found.values())


def test_groups_are_independent() -> None:
    detector = Detector()
    one, two = Chat(detector, "g1"), Chat(detector, "g2")
    for k in range(4):
        one.say(f"u{k}", "收到", k)
        two.say(f"u{k}", "收到", k)
    assert one.kinds() == [] and two.kinds() == []


def test_messages_out_of_order_within_a_group_are_refused() -> None:
    chat = Chat()
    chat.say("a", "收到", 10)
    with pytest.raises(ValueError, match="older"):
        chat.say("b", "收到", 5)


def test_expire_closes_idle_pile_ups_and_drops_state() -> None:
    chat = Chat()
    for k in range(5):
        chat.say(f"u{k}", "收到", k)
    assert chat.detector.groups_tracked == 1
    closed = chat.detector.expire(T0 + timedelta(days=30))
    assert [i.kind for i in closed] == ["stack"] and closed[0].closed
    assert chat.detector.groups_tracked == 0


def test_state_stays_bounded_over_many_groups_and_days() -> None:
    detector = Detector()
    for g in range(200):
        chat = Chat(detector, f"g{g}")
        for k in range(30):
            chat.say(f"u{k % 7}", "收到", k * 90)
    detector.expire(T0 + timedelta(days=60))
    assert detector.groups_tracked == 0


def test_same_input_same_incidents() -> None:
    def run() -> list[Incident]:
        chat = Chat()
        chat.say("boss", NOTICE, 0)
        for k in range(8):
            chat.say(f"u{k}", "收到", 1 + k)
        return list(chat.final().values())

    assert run() == run()


def test_the_pile_up_is_anchored_to_the_notice_not_to_small_talk() -> None:
    chat = Chat()
    chat.say("boss", NOTICE, 0)
    chat.say("x", "几点？", 1)
    for k in range(5):
        chat.say(f"u{k}", "收到", 2 + k)
    (stack,) = [i for i in chat.final().values() if i.kind == "stack"]
    assert stack.trigger_sender == "boss"


def test_a_long_reply_after_the_first_ack_does_not_steal_the_anchor() -> None:
    chat = Chat()
    chat.say("boss", NOTICE, 0)
    chat.say("u0", "收到", 1)
    chat.say("u1", "got it, I'll update the campaign budget sheet tonight", 2)
    for k in range(2, 6):
        chat.say(f"u{k}", "收到", 2 + k)
    (stack,) = [i for i in chat.final().values() if i.kind == "stack"]
    assert stack.trigger_sender == "boss" and stack.trigger.startswith("【通知】")


@pytest.mark.parametrize(("per_group", "stacks"), [(True, [("stack", 5)]), (False, [])])
def test_expire_uses_each_groups_own_window(per_group: bool, stacks: list[tuple[str, int]]) -> None:
    long = DetectorOptions(stack_window=timedelta(minutes=120))
    detector = Detector()
    found: list[Incident] = []
    for k in range(5):  # 25 minutes apart: a pile-up only under the group's 2-hour window
        at = T0 + timedelta(minutes=k * 25)
        msg = Message(id=f"s{k}", group_id="slow", sender_id=f"u{k}", text="收到", time=at)
        found += detector.feed(msg, long).incidents
        # the live bot's periodic pass; with the default 30-minute window it drops the acks
        detector.expire(at + timedelta(minutes=24), (lambda g: long) if per_group else None)
    assert [(i.kind, i.members) for i in found] == stacks


def test_a_late_message_is_clamped_live_and_refused_offline() -> None:
    chat = Chat()
    chat.say("a", "好的", 10)
    late = Message(id="late", group_id="g1", sender_id="boss", text="收到请回复", time=T0)
    step = chat.detector.feed(late, clamp_late=True)
    assert [(i.kind, i.start) for i in step.incidents] == [
        ("ack_request", T0 + timedelta(minutes=10))
    ]
    with pytest.raises(ValueError, match="older"):
        chat.detector.feed(late)


def test_a_chain_seen_again_after_a_restart_keeps_its_incident_id() -> None:
    names = [f"{k + 1}. {NAMES[k]}" for k in range(7)]
    post = "#接龙\n已学习《安全手册》\n\n"
    before, after = Chat(Detector()), Chat(Detector())  # the same group, a restart between
    (first,) = before.say("u5", post + "\n".join(names[:6]), 0)
    (again,) = after.say("u6", post + "\n".join(names), 30)
    assert first.id == again.id and first.opened and again.opened  # the store tells them apart
    next_month = Chat(Detector()).say("u6", post + "\n".join(names), 60 * 24 * 30)
    assert next_month[0].id != first.id


def test_acks_count_toward_the_latest_notice_they_answer() -> None:
    chat = Chat()
    chat.say("boss", NOTICE, 0)
    for k in range(5):
        chat.say(NAMES[k], "收到", 1 + k)
    chat.say("boss", "【通知】下午2点消防演练，各科室务必参加。看到请扣1", 10)
    for k in range(6):
        chat.say(f"v{k}", "1", 11 + k)
    stacks = sorted((i for i in chat.final().values() if i.kind == "stack"), key=lambda i: i.start)
    assert [(s.members, s.trigger[4]) for s in stacks] == [(5, "明"), (6, "下")]
    assert all(s.closed for s in stacks)


def test_a_long_reply_in_the_pile_up_is_no_new_notice() -> None:
    chat = Chat()
    chat.say("boss", NOTICE, 0)
    chat.say(NAMES[0], "收到", 1)
    chat.say(NAMES[1], "收到，不过我明天上午要去区里开会，可能晚到半小时左右", 2)
    for k in range(2, 6):
        chat.say(NAMES[k], "收到", 2 + k)
    (stack,) = [i for i in chat.final().values() if i.kind == "stack"]
    assert stack.members == 5 and stack.trigger.startswith("【通知】")


@pytest.mark.parametrize(
    ("poll", "stacks"),
    [
        ("周五团建去哪里？回复1选农家乐，回复2选爬山", 0),  # numbers answer a poll: votes
        ("周五下午团建，请大家看到回复1", 1),  # the same numbers confirm reading: a pile-up
    ],
)
def test_numbers_answering_a_poll_are_votes(poll: str, stacks: int) -> None:
    chat = Chat()
    chat.say("boss", poll, 0)
    for k in range(7):
        chat.say(NAMES[k], "1" if k % 3 else "2" if "选" in poll else "1", 1 + k)
    assert chat.kinds().count("stack") == stacks


def test_a_message_demanding_proof_and_replies_is_two_incidents() -> None:
    chat = Chat()
    found = chat.say("boss", "巡查时请拍照发群里，收到请回复", 0)
    assert sorted(i.kind for i in found) == ["ack_request", "proof_request"]
    assert len({i.id for i in found}) == 2


@pytest.mark.parametrize(
    ("second", "stacks"),
    [
        ("还有几个科室没回复，请抓紧回复收到", [7]),  # a reminder: the same notice, one pile-up
        ("还没发定位的抓紧发一下", [7]),
        ("【补充通知】周五前把值班表发到办公室邮箱，收到请回复", []),  # a new notice: 4 + 3
    ],
)
def test_a_reminder_asks_again_for_the_same_notice(second: str, stacks: list[int]) -> None:
    chat = Chat()
    chat.say("boss", NOTICE, 0)
    for k in range(4):
        chat.say(NAMES[k], "收到", 1 + k)
    chat.say("boss", second, 6)
    for k in range(4, 7):
        chat.say(NAMES[k], "收到", 7 + k)
    assert [i.members for i in chat.final().values() if i.kind == "stack"] == stacks


def test_a_chain_reposted_with_its_description_revised_stays_one_incident() -> None:
    chat = Chat()
    items = [f"{k + 1}. {name}" for k, name in enumerate(NAMES[:7])]
    for k in range(7):
        head = "#接龙\n已学习安全生产法" + ("\n未接龙的同志请今天下班前完成" if k >= 4 else "")
        chat.say(NAMES[k], head + "\n\n" + "\n".join(items[: k + 1]), k, "text")
    (chain,) = [i for i in chat.final().values() if i.kind == "chain"]
    assert chain.members == 7 and chain.messages == 7
    other = "#接龙\n已阅读防汛通知\n\n" + "\n".join(items[:5])  # another chain: its own incident
    chat.say("boss", other, 8)
    assert len([i for i in chat.final().values() if i.kind == "chain"]) == 2
