"""s38-replyprec: reply demands that are no read receipt — both sides of each boundary.

- A review's reply is a verdict (`reply._reviewed`): a reading condition that is a review (审阅) or a
  check found clean (确认无误, 核对无误), then 后 and the reply in one phrase — 请审阅后回复「确认」冻结进入
  技术方案, 出游计划已生成，请审阅后回复：, 确认无误后回复「确认导出」 — the reviewer approves or asks for
  changes: a decision collected, not a sign of having read. A receipt named as the reply's object
  (审阅后回复收到, 请审阅后回复“已阅”) still asks for the receipt; a plain reading (阅后回复, 阅读后请回复确认)
  and a receipt asked in a later phrase (审阅后回复意见。收到请回复确认) are untouched.
- A requirement measured by its scope is told (`guards._TOLD`'s 只要求, 仅要求): 第一阶段只要求回复收到的
  私聊消息, 提示仅要求回复 OK — what a prompt, a request or a stage asks, described, not an order to the
  readers. A message that asks or addresses its readers (请, 大家, 各单位, 各位) still demands: 本次只要求
  各单位回复收到, 请大家仅回复收到即可 — `guards.told`'s own rule.

Lines marked "corpus" are real lines of the open sets (look-alike, recall); the others are made up
for these tests.
"""

from __future__ import annotations

import pytest

from policies.classify import classify

CASES = {
    "other": [
        "**状态:** 待评审。请审阅后回复「确认」冻结进入技术方案。",  # corpus (main: ack_request)
        "**状态:** 待确认 (v0.2-review) — 请审阅后回复「确认」冻结进入技术方案。",  # corpus (main: ack_request)
        "✅ 全部发送完毕。请审阅后回复 *Y* 确认发送，或告知修改意见。",  # corpus (main: ack_request)
        "出游计划已生成，请审阅后回复：",  # corpus (main: ack_request)
        "以下 Issue 已完成自动分析，请审阅后回复：",  # corpus (main: ack_request)
        "**Spec:** ../specs/2026-10-03-structure-aware-selection-design.md，用户书面审阅后回复“可以”。",  # corpus (main: ack_request)
        "下一步：确认无误后回复「确认提交」",  # corpus (main: ack_request)
        "已重新起草项目章程（见预览）。确认无误后回复「确认导出」。",  # corpus (main: ack_request)
        "请确认内容无误后回复「确认」（覆盖）；回复「取消」放弃。凭证 15 分钟内有效。",  # corpus (main: ack_request)
        "如需修改请告知，确认无误后回复「确认」继续。",  # corpus (main: ack_request)
        "确认无误后回复「开始生成」，我立即落盘。",  # corpus
        "请审阅后回复「可以」或调整意见。",
        "方案已更新，请核对无误后回复确认。",
        "第一阶段只要求回复收到的私聊消息，不要求主动推送历史会话。",  # corpus (main: ack_request)
        "command prompt 进入模型，但只要求回复“收到”",  # corpus (main: ack_request)
        "共 9 次最小模型调用，每次上限 256 输出 token、45 秒超时；提示仅要求回复 OK，没有发送项目内容。",  # corpus (main: ack_request)
        "创建测试会话仅要求回复 OK、不调用工具或修改文件。",  # corpus (main: ack_request)
        "instruction 仅要求回复 READY",  # corpus
        "测试脚本只要求机器人回复收到。",
    ],
    "ack_request": [
        "请各科室主任阅后回复“已阅”",  # corpus
        "请各处室负责人阅后回复收到。",
        "阅后回复",  # corpus
        "各位同仁，以上通知请阅知并回复",  # corpus
        "请各位认真审阅后回复收到",
        "各位领导：文件已发群里，请审阅后回复“已阅”",
        "审阅后回复意见。收到请回复确认",
        "请仔细核对，确认无误后回复收到",
        "收到请回复确认",
        "本次只要求各单位回复收到",
        "请大家仅回复收到即可",
        "各位老师只需回复收到",
    ],
}


@pytest.mark.parametrize("label,text", [(label, t) for label, ts in CASES.items() for t in ts])
def test_label(label: str, text: str) -> None:
    assert classify(text).label == label
