"""Proof shapes read by their grammar (the tagger's dictionary) instead of word lists: the
check-in as the act or as a noun's attribute, the readers the purpose of a picture is for, a
request asked with 一下, a norm's 才. The sentences are written for these tests and are in no
corpus: both sides of each boundary."""

from __future__ import annotations

import pytest

from policies import proof
from policies.classify import classify


@pytest.mark.parametrize(
    "text",
    [
        "晨跑结束后截个图打卡",  # a measure word between the shot and the check-in
        "各位老师，午休前拍照打卡，谢谢",
        "每晚九点前录视频打卡",
        "只有拍到正脸的自拍打卡才有效",
    ],
)
def test_a_picture_as_the_check_in_is_demanded(text: str) -> None:
    assert proof.checks_in(text)
    assert classify(text).label == "proof_request"


@pytest.mark.parametrize(
    "text",
    [
        "这家店的拍照打卡墙排了好长的队",  # the check-in modifies a noun: a spot
        "新版本的截图打卡按钮挪到右上角了",  # a feature of an app
        "拍照打卡的小程序今天登不上",
        "支持定位打卡、拍照打卡两种方式",  # one of a list
        "公司改成钉钉定位打卡了",  # a location check-in: the app's own, no picture
        "扫码打卡即可",  # no picture
    ],
)
def test_a_check_in_named_as_a_thing_is_no_demand(text: str) -> None:
    assert not proof.checks_in(text)


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("体检报告截图传一下？", True),  # a verb and 一下, asked: a request
        ("昨天的合影交下？", True),
        ("那张照片在楼下？", False),  # 楼下: no verb before 下
        ("照片里是以下？", False),
    ],
)
def test_a_verb_with_yixia_asked_is_a_request(text: str, asks: bool) -> None:
    assert proof._asked_to_do(text) is asks


@pytest.mark.parametrize(
    ("text", "norm"),
    [
        ("拍到门牌才作数哦", True),  # only then does it count
        ("截图里要有日期才能生效哦", True),
        ("刚才拍照的时候手抖了哦", False),  # 刚才: a moment, no norm
        ("我才发现照片糊了呀", False),  # the speaker's own "only just"
    ],
)
def test_a_norm_is_cai_before_the_verb_of_what_counts(text: str, norm: bool) -> None:
    assert proof._orders(text) is norm


@pytest.mark.parametrize(
    "text",
    [
        "这张截图发到群里告诉大家别上当",  # the readers, after the picture, by any verb
        "路况照片发群里，通知别人绕行",
    ],
)
def test_readers_put_to_use_after_the_picture_share_it(text: str) -> None:
    assert proof.shared(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "让大家下班前拍照发群里",  # the readers before the picture: the ones ordered
        "截图发群里，请大家注意查收",  # an order's verb gives them the duty
        "值班照片发群里。希望大家都认真一点",  # a wish of its own sentence, no purpose
    ],
)
def test_readers_ordered_or_wished_apart_do_not_share_it(text: str) -> None:
    assert proof.shared(text) is None


def test_de_ending_the_clause_keeps_the_check_in_an_act() -> None:
    assert proof.checks_in("下班前都要拍照打卡的！")  # 是…的: the order stressed


def test_a_talent_is_no_norm() -> None:
    assert not proof._orders("他的才能很突出，照片发群里了哦")


def test_yixia_after_an_object_me_is_a_favour() -> None:
    assert not proof._asked_to_do("体检截图传我一下？")


@pytest.mark.parametrize(
    ("text", "voucher"),
    [
        ("转账成功后拍张照发我", True),  # any picture after the money, in its clause
        ("把付款页面的截屏发群里", True),  # the picture after the money
        ("录一段缴费过程的视频", True),
        ("到账了发个定位给我", False),  # a place is no voucher
    ],
)
def test_a_payments_picture_is_any_picture(text: str, voucher: bool) -> None:
    assert (proof.payment_voucher(text) is not None) is voucher


def test_a_quoted_title_is_one_object_of_the_forward() -> None:
    text = "请转发“关于开展二〇二六年度全市社区志愿服务积分兑换暨表彰活动的通知”这篇推文并截图"
    assert proof._proof_shape(text) == "proof:forward-screenshot"


@pytest.mark.parametrize(
    ("text", "chased"),
    [
        ("三班的截图还没交，今晚补齐", True),  # the picture, then not sent
        ("未上报巡河视频的网格员", True),  # not sent, then the picture
        ("请尽快补报现场照片", True),  # made up for
        ("截图我还没发，等会儿", False),  # the speaker's own: told
        ("还没发工资，照片先别急", False),  # the picture in another clause
    ],
)
def test_the_picture_owed_either_side_of_its_marker(text: str, chased: bool) -> None:
    assert proof.chases_proof(text) is chased


def test_the_readers_are_the_word_they_are_in() -> None:
    found = proof.shared("活动照片发到论坛上，帮其他人少走弯路")  # 其他人 holds 他人
    assert found is not None and found.group() == "帮其他人"


def test_a_picture_far_after_not_sent_is_not_owed() -> None:
    assert not proof.chases_proof("他们没发过来又发了张截图")


@pytest.mark.parametrize(
    ("text", "duty"),
    [
        # any event, then 时/后/之后/期间/完毕 a localiser of its own, then the shot, checked
        ("学完后截图", True),  # a thing completed
        ("做完了截个图", True),  # completed, the perfective 了
        ("看了截图发群", False),  # 了 after a verb that completes nothing
        ("盘库完毕拍照发群", True),  # sent to the group
        ("巡楼时拍照（门牌要拍清楚）", True),  # what it must show, noted after it
        ("培训期间截屏上传", True),  # handed in
        ("告示贴好之后拍照回传", True),  # 之后: a particle and 后
        ("入户核查时拍照发工作群", True),  # 工作群: a verbal noun, no act after the shot
        # pictures kept, or the shot the topic of what follows
        ("旅游时记得拍照", False),  # nobody checks it
        ("日落时拍照", False),
        ("遛狗时拍照很好看", False),  # told: the shot the topic
        ("吃饭时拍照要注意光线", False),  # advice on the shot
        # no event: a time, a number counting a word, a pronoun, a word holding 时
        ("下午3点后拍照发群", False),
        ("三小时后截图发群", False),
        ("有时拍照发群", False),
        ("退件时写明原因并拍照存档", False),  # another act joined: a step of a procedure
    ],
)
def test_a_shot_in_a_clause_of_time_is_a_duty_when_checked(text: str, duty: bool) -> None:
    assert proof._field_duty(text) is duty


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("巡河后请上传河道照片", True),
        ("结束后发定位", True),  # 后发: the localiser glued to the verb after it
        ("贴好告知书后拍照回传", True),  # 书后: a noun holding it, its rest a word
        ("先关注公众号，然后截图发我", True),  # 然后 opening a clause: the clause before done
        ("最后截图发我", False),  # the last one
        ("然后截图发我", False),  # a conjunction, nothing done before it
        ("实时截图发我", False),
        ("签收后当天按顺序截图", True),
        ("签收后当天处理哦亲按顺序截图", False),  # a particle ends the sentence typed unmarked
    ],
)
def test_a_picture_after_a_clause_of_time(text: str, after: bool) -> None:
    assert proof._after_doing(text) is after


@pytest.mark.parametrize(
    ("text", "duty"),
    [
        # an event, then an order, then the shot, checked as above
        ("清扫都要拍照上传", True),  # adverbs either side of the order
        ("检查请拍照发群", True),
        ("走访记得拍照", True),  # a duty, in its clause
        ("新店的营业时间表请拍照", False),  # no act: a document
        ("出游请拍照", False),  # nobody checks it
        ("退货请拍照", False),
        ("亲要拍照哦", False),  # 亲: a customer called, one character
    ],
)
def test_a_shot_ordered_after_an_event_is_a_duty_when_checked(text: str, duty: bool) -> None:
    assert proof._field_duty(text) is duty
