"""A node of a network that receives and answers (s39-replyprec, issue 11): a protocol's step told —
服务器收到后回复确认, 目标主机收到后回复, 设备收到后回复自身信息 — where the one who receives is a server,
a host or a device, not the readers of a notice. Both sides of the boundary, with invented lines (the
real ones are in corpora/real/lookalike_messages.jsonl, s39-replyprec batch).
"""

from __future__ import annotations

import pytest

from policies.classify import classify

# A server, a host or a device receives and answers: no demand on the group's readers.
NODE_ANSWERS = [
    "客户端每隔五秒发一次心跳包，服务器收到后回复确认。",  # invented: a heartbeat's server
    "网关下发查询指令，终端设备收到后回复当前电量",  # invented: a device answers a query
    "源主机发出探测包，目标主机收到后回复应答",  # invented: a host answers a probe
    "// 控制器收到后回复确认帧",  # invented: a code comment, a controller (器)
    "扫描程序发出广播，局域网内的设备收到后回复自己的编号。",  # invented: discovery
]

# The same surface asked of the readers: the demand stays.
STILL_DEMANDED = [
    "设备收到后请回复确认",  # invented: the device is what the readers receive (an order after it)
    "新服务器收到后请在群里回复",  # invented: an order after the receipt
    "请各位检查设备，收到后回复",  # invented: the members addressed, no node before 收到
    "请服务器管理员收到后回复",  # invented: a person (管理员) receives
    "各位设备管理员收到后回复收到",  # invented: the group addressed
    "请值班人员收到后回复确认",  # invented: a person as the subject
    "收到后回复确认",  # invented: no subject at all
]


@pytest.mark.parametrize("text", NODE_ANSWERS)
def test_a_node_that_receives_and_answers_is_no_demand(text: str) -> None:
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", STILL_DEMANDED)
def test_the_same_receipt_asked_of_the_readers_stays_a_demand(text: str) -> None:
    assert classify(text).label == "ack_request"
