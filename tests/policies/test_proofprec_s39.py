"""Proof precision (s39-proofprec, issue 11): two classes of real look-alike set aside by structure,
each pinned on both sides with lines written for these tests (the real ones are in
corpora/real/lookalike_messages.jsonl, s39-proofprec batches).

- a picture handed to a program (`proof.read_by_program`): after the picture, in its sentence, a
  program (AI, 系统, 模型, 算法) opens a clause of its own and a verb follows it — the program does
  what comes of the picture (识别, 打分, 扫描), so the picture is a tool's input; the program as the
  upload's goal (上传系统), a group named or the many addressed keep the trace;
- a shot once a program's content is on the screen (`proof.shot_once_loaded`): every picture a shot
  right after 加载/渲染 (完成) 后 — a renderer's, a test's or a script's step; a group named or the
  many addressed keep the order, and a duty done (学习完成后截图) is no loading.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.normalize import normalize
from policies.proof import read_by_program, shot_once_loaded

PROGRAM_READS = [  # invented: a tool's card or hint, the program the doer after the picture
    "做完练习后拍照上传，AI 自动打分并讲解错题",
    "完成后拍照上传，系统将自动识别读数并生成报表",
    "吃完后上传照片，AI 分析营养并给出建议",
    "完成后拍照上传，系统将自动识别电表读数",  # 自动识别: a manner and a verb, cut whole as a noun
]
PROGRAM_KEPT = [  # invented: the same shape asked of a group, or the system as the upload's goal
    "各位网格员巡查后拍照上传，系统自动统计",
    "巡查后拍照发群里，系统会自动记录",
    "入户走访后拍照上传系统",
    "完成后拍照上传，系统管理员会逐一核对",  # 系统管理员: a person, not the program
]
LOADED_SHOTS = [  # invented: a script's or a test's step after a program's content loaded
    "等待网页加载完成后截图",
    "图表渲染完成后截图保存",
    "打开报表页面，地图加载后截图",
]
LOADED_KEPT = [  # invented: the same shot asked of a group, or after a duty done
    "请大家等页面加载完成后截图发群里",
    "各位团员学习完成后截图上传",
    "视频看完后截图上传",
]


@pytest.mark.parametrize("text", PROGRAM_READS)
def test_a_picture_a_program_reads_is_no_trace(text: str) -> None:
    assert read_by_program(normalize(text).folded)
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", PROGRAM_KEPT)
def test_a_program_after_a_group_demand_keeps_it(text: str) -> None:
    assert not read_by_program(normalize(text).folded)
    assert classify(text).label == "proof_request"


@pytest.mark.parametrize("text", LOADED_SHOTS)
def test_a_shot_once_loaded_is_a_programs_step(text: str) -> None:
    assert shot_once_loaded(normalize(text).folded)
    assert classify(text).label == "other"


@pytest.mark.parametrize("text", LOADED_KEPT)
def test_a_shot_asked_of_a_group_or_after_a_duty_stays(text: str) -> None:
    assert not shot_once_loaded(normalize(text).folded)
    assert classify(text).label == "proof_request"
