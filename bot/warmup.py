"""Warm-up before serving: what the first messages would otherwise pay for on the event loop.

jieba loads its dictionary (~0.8 s) the first time a message needs word boundaries
("收到的…"), and the classifier's regular expressions and the detector's paths are compiled
or imported on first use. `jianfu run` calls `warm_up` on a worker thread before it listens
(`bot.app`'s `warm` cleanup context), so no group waits behind the dictionary load and the
event loop stays free meanwhile.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta

log = logging.getLogger(__name__)

# One text per path: an ack, a demand, a demand that needs jieba (收到的), a proof demand, a
# 接龙 list, a long notice, chat, a deadline by a time word (周五之前: `policies.listener` scans
# the lexicon once for its longest time word, ~10–30 ms the first message would pay).
TEXTS = (
    "收到",
    "各位同事：周五前提交季度总结，收到请回复",
    "收到的请回复一下",
    "请拍照发群里",
    "#接龙\n周六团建\n1. 张三\n2. 李四",
    "各位老师：下周一上午九点召开安全工作会议，请各科室负责人准时参加，带好笔记本，收到的回复。",
    "周末去爬山吗",
    "请大家周五之前把照片发群里",
)


def warm_up() -> float:
    """Load jieba's dictionary and run each path of the classifier and the detector once.
    Blocking (call it on a worker thread); seconds it took."""
    started = time.perf_counter()
    import jieba

    from policies.classify import classify
    from policies.detect import Detector
    from policies.events import Message
    from policies.segment import tag_words

    jieba.initialize()
    tag_words("今晚前")  # the dictionary's tags the policies read (policies.segment, sure)
    detector = Detector()
    at = datetime(2000, 1, 1, tzinfo=UTC)
    for n, text in enumerate(TEXTS):
        classify(text)
        msg = Message(id=f"w{n}", group_id="warm-up", sender_id=f"u{n}", text=text, time=at)
        detector.feed(msg)
        at += timedelta(seconds=1)
    seconds = time.perf_counter() - started
    log.info("warm-up: jieba and the classifier ready in %.0f ms", seconds * 1000)
    return seconds
