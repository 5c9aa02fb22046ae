"""A reply asked of one person, not of a group's members (s38-oneperson, issue 11): the speaker's
worry for one listener (担心你) as the reply's reason — a private message asking a sign of life,
not a notice's readers asked to show they read it. Both sides of the boundary: real lines first,
invented ones marked.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.listener import said_to_one
from policies.text import fold

# Real look-alikes (corpora/real/lookalike_messages.jsonl): a mother in a game's phone chat
# (github-file-id:57750528463), the player of a chat game to one contact (github-file-id:36163773011).
WORRIED_FOR_ONE = [
    "看到回个消息, 妈担心你",
    "看到回个话，有点担心你了。",
    "看到请回复，我很挂念你",  # invented: another verb of concern
    "收到回个话呀，一直惦记你呢",  # invented: a final particle after the object
]

# The same reply asked of the readers, or 你 that is no worried-for listener: the demand stays.
STILL_DEMANDED = [
    "收到请回复",  # invented: the bare demand
    "各位收到请回复",  # invented: the members addressed
    "@所有人 看到请回复",  # invented: everyone mentioned
    "看到回个话",  # invented: no reason given
    "收到请回复，谢谢你",  # invented: a notice's thanks to each reader (test_reply_to_one's)
    "收到请回复确认，我们汇总后再通知你",  # invented: the speaker's service to each reader
    "大家看到回个话，别让我担心你们",  # invented: a worry for many (你们, 大家)
    "群里看到的回个话，担心你",  # invented: a group named (群)
    "看到请回复，担心你们漏看通知",  # invented: 你们 after the verb
]


@pytest.mark.parametrize("text", WORRIED_FOR_ONE)
def test_a_reply_asked_out_of_worry_for_one_listener_is_no_demand(text: str) -> None:
    assert said_to_one(fold(text)) is not None
    assert classify(text).label == "other", classify(text)


@pytest.mark.parametrize("text", STILL_DEMANDED)
def test_the_same_reply_asked_of_the_readers_stays_a_demand(text: str) -> None:
    assert classify(text).label == "ack_request", classify(text)
