"""Proof demands read by their slots (stop 27): the picture as the object of a verb of sending
whose goal or place is the group, of a verb of handing in, and a picture named with what it
proves — each slot written once, the medium read by `_MEDIUM_RE` wherever it stands. The
sentences are written for these tests (forms in no corpus), both sides of each boundary."""

from __future__ import annotations

import pytest

from policies import proof
from policies.text import fold


@pytest.mark.parametrize(
    ("text", "sent"),
    [
        ("巡逻记录仪的截图统一发到中队群", True),  # the picture, the verb, the group its goal
        ("值守结束发一段视频到站点群", True),  # the verb, the picture, the group
        ("在项目群里上传一下今天的施工照片", True),  # the group the place, then the verb
        ("在站点群晒一晒今天的出勤照片", True),
        ("群内及时转发巡河截图", True),  # 转发: a verb holding 发
        ("把截图发给站长，等他拉你进群", False),  # the group in another clause
        ("在业主群通报了漏水的视频", False),  # 通报: not a verb of sending
        ("发到群里的照片都模糊了", False),  # the picture after the group: named, not sent
        ("照片群里有", False),
    ],
)
def test_a_picture_sent_to_the_group_is_the_verbs_object(text: str, sent: bool) -> None:
    assert proof._sent_to_group(fold(text)) is sent


@pytest.mark.parametrize(
    ("text", "trace"),
    [
        ("拍个照证明你到了网格", True),  # any medium (拍个照), then what it proves
        ("截个图，证明你已完成答题", True),
        ("共享位置以证在岗", True),
        ("照片证明材料交到办公室", False),  # a certificate, not a picture proving
        ("拍个照吧，挺好看", False),
    ],
)
def test_a_picture_named_with_what_it_proves_is_a_trace(text: str, trace: bool) -> None:
    assert bool(proof._trace(fold(text))) is trace


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # the required content orders by its own 要/须, no other order word needed
        ("发放宣传册要拍照，照片里须有发放现场", "proof:trace"),
        ("照片里要看到门牌号", "proof:trace"),
        ("上次的照片里有门牌号", None),  # told, no 要/须
        ("清理完楼道的杂物，拍照为凭", "proof:trace"),  # the role it is to serve: 为凭, 为证
        ("这张截图可以作为证据", None),  # 作为证…: what a picture can be, told
    ],
)
def test_a_pictures_required_content_orders_by_itself(text: str, cue: str | None) -> None:
    assert proof.proof_request_cue(fold(text)) == cue


@pytest.mark.parametrize(
    ("text", "handed"),
    [
        ("值班照片发我", True),  # right after the picture (照 read as the medium, 片 then 发)
        ("考勤截图统一上传", True),  # the verb after its object
        ("请将本周入户情况（含照片）及台账于周五前报送街道办", True),  # 将: the object put first
        ("提交本周巡查轨迹截图", True),  # the verb before its object
        ("发一下巡逻截图", True),
        ("现场照片由市政中心提供", False),  # the picture the subject: 由 names who gives it
        ("截图发现问题要及时整改", False),  # 发现: found, not sent
        ("照片很清楚。下次再上传", False),  # the verb in another sentence
    ],
)
def test_a_picture_handed_in_is_the_verbs_object(text: str, handed: bool) -> None:
    assert proof.delivered(fold(text)) is handed


@pytest.mark.parametrize(
    ("text", "handed"),
    [
        ("拍照上报到网格群", True),  # a bare order opening its clause
        ("视频回传工作群", True),
        ("可打印或拍照上报到网格群", False),  # an option offered: the picture does not open it
        ("拍照上报给所长", False),  # no group
    ],
)
def test_a_picture_handed_to_the_group_opens_its_clause(text: str, handed: bool) -> None:
    assert proof.handed_to_group(fold(text)) is handed


@pytest.mark.parametrize(
    ("text", "duty"),
    [
        ("清扫完毕后用执法仪重新拍摄", True),  # the shot in the time clause's scope (6 between)
        ("巡查时到岗亭门口拍张照", True),
        ("巡查完毕后把上周汇总的几十页报告再重新拍照", False),  # too far: another task's picture
        ("巡查完毕后，领导说下次再拍照", False),  # another clause
    ],
)
def test_a_shot_in_the_scope_of_a_duty_done(text: str, duty: bool) -> None:
    assert proof._field_duty(fold(text)) is duty
