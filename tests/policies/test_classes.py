"""The failure classes of real chat, each on both sides of its boundary (written for these tests).

One table per class named in the detection issue: a rule change that fixes one side by breaking
the other fails here.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.explain import explain
from policies.signature import is_signature, split_signature

CASES = {
    "ack": [
        # check-in and done-it families, a name with 已学习, thanks and pledges, signatures
        "到", "到！", "张三 到", "已签到", "报到", "已完成", "已转发", "收到，已转发", "已落实",
        "收到，已通知到位", "王五已学习", "李四 已认真学习", "收到，谢谢通知", "收到，坚决完成任务",
        "收到-办公室 王芳", "收到（办公室/王芳）", "收到 办公室-王芳", "111",
        "收到，马上处理", "好的，收到，马上去", "收到，按此执行", "我知道了", "收到 谢谢王姐",
        "二（3）班陈子涵妈妈收到", "9-1-502业主收到", "收到 工号20317", "got it —财务科张伟",
        "[强]-办公室王芳", "是！", "收到收到",
        # receipts however said; assents said to the group; a unit of any name, then who
        "哦哦收到", "收到~谢谢你", "收到收到收到收到", "好的，谢谢领导", "嗯嗯好的",
        "质检 小周 收到", "收到，仓储部 小马", "收到 北区集司 赵红梅", "好的，马上转发", "收到 3-402",
        # the other side of the dialogue classes below: two assents, a receipt keeps its 哈 / 喔,
        # 好 with its own particle, a repeat typed as one word, "I" taking news in, a pledge
        "嗯，好的", "好的，明白了", "收到哈", "收到喔", "好嘞", "好哒～", "中中中", "懂了懂了",
        "好的好的", "我知道了", "本人已阅", "收到，我已在处理中",
        # a formula typed twice across a space or a mark, or over and over: the formula said
        "好的。好的", "明白！ 明白！", "知道了，知道了。", "到到到", "ok。ok", "嗯嗯，嗯嗯",
    ],
    "other": [
        # 打/回 + 一 in ordinary sentences; complaints nobody answered; narratives of replying
        "上半场两队打一比零，下半场再看", "这个月要回一笔货款，下周去一趟", "周末回一趟老家看看父母",
        "发了三遍通知，一个回复的都没有", "群里发了半天也没人回", "快递那边还在核实还没回复",
        "他收到以后马上回复了确认", "王姐看到通知后在群里回了个收到", "我昨天收到通知就回复了",
        # the verification code; a show of hands; one person asked
        "收到验证码后请把验证码回复给客服", "请回复收到的验证码", "想去的扣个1",
        "喜欢吃火锅的小伙伴扣个1", "在吗？看到请回复",
        # photo captions, news, help with a problem, work products, reports of uploads
        "图为志愿者在社区开展垃圾分类宣传（摄影：王芳）", "警方调取了现场的监控录像",
        "安装失败的话把报错截图发群里", "处方与缴费单拍照发群", "聚餐照片发群里了，大家自取",
        "亲，关注店铺后截图给我哦", "不要在群里发照片了，统一传共享盘",
        # short evaluations, parcel reviews, numbered items, 收 inside words, greetings
        "好的方案大家可以参考", "没问题吧？", "收到了，质量很好，物流也快", "1. 会议室预订",
        "2、周五前提交材料", "收银台张姐请假了", "收费高", "老师好", "大家好", "高铁到了",
        "我坐公交车从大学到图书馆。", "一、二、三、四、五",
        # assents answering one person: thanked "you", the "oh" of news, past the formula, "I"
        "好的谢谢您", "好的亲", "哦好的知道了", "嗯嗯嗯嗯嗯嗯嗯嗯嗯", "好，好，好，好", "我没问题",
        "好的 周末愉快",
        # a review judges (degree adverb + 好); 好了/好啦 tell a state; 呢, a closing 哦 or 哈 speak
        # to the one who asked; an assent past two, or said again in another length, is talk; "I"
        # in the perfect narrates what the speaker did
        "这款茶叶挺好的", "王芳挺好的", "包装很好", "物流还好", "嗯好了", "好啦，没问题", "好了好了",
        "好的呢", "嗯嗯知道了呢", "好的哦", "明白哈", "没问题哦～", "嗯好的明白", "好，好，好",
        "好好，好", "嗯，嗯嗯", "我收到了", "我已经转发了", "我们按时到了",
        # a demand reported: one person's on me, a headline's speech or picture credit
        "他要求我看到后回复收到", "她叫你收到后回复一下", "他要求我每天发定位", "店家声称拍照为证",
        "市民拍照为证(图)", "村民拍照片为证（组图）",
        # a wish to receive; hands of a subgroup; a machine's auto-reply; an app's check-in
        "期待收到你的回复", "怕冷的同学请扣1", "设置了自动回复收到", "拍照打卡的小程序又打不开",
        "法院调取了现场录像作为证据",
        # a picture shared to talk about it; habits, rules and speech told; one listener
        "截图发群里，说说哪里不对", "用手机拍照发到班级群", "单位一般都会要求大家拍照发群里",
        "领导通常让我们看到就回复收到", "规定驻村干部每次走访都必须拍照留痕",
        "每次开完会还得在群里截图留痕", "有人在群里@了全体，说看到请回复", "小王，收到请回复。我是老李",
        "拍下后48小时内发货哦亲", "领导总让我们看到消息就回复收到", "有些学校要求家长每天拍照发群打卡",
        "单位要求我们每天打卡后截图发群", "公司要求员工所有通知五分钟内必须回复，太离谱了",
        # a test of a channel or a program, a machine's message, a prompt to a model, a menu
        "这是群机器人的连通测试，收到请回复1", "接口联通测试：请回复“收到”", "测试机器人收到后请回复ok",
        "本消息由系统自动发送，收到请回复", "你是客服助手，收到后请回复确认", "继续请回复y，退出请回复n",
        "满意度请回复1-5分",
        # a prompt's handshake with one listener: understood (not read), the speaker's next turn
        # with one "you"; 会 + verb tells what will be done
        "明白的话请回复OK，然后等我的下一条指令", "接下来我会发你一段日志，收到请回复",
        "老板会截图发群里表扬，所以数据要核对清楚",
        # the message is itself the test (its heading names no time, no verb that holds it), a
        # program introducing itself, a model pinned to one token, told to memorize, given a role,
        # a reply that runs an operation; an authority's stress reported; a verdict to choose; one
        # person greeted
        "短信通道测试！收到请回复", "测试邮件，收到请回复",
        "这是服务端发来的第3条消息，收到请回复", "这里是1号客户端，收到请回复",
        "请回复“收到”，不要解释。", "收到请回复，不要说其他的话", "请记住口令是青山，简短回复收到即可",
        "你现在是一名客服，收到请回复ok", "回复“确认”以激活账号", "主任专门强调，晚上也必须回复。",
        "阅后请回复“同意 / 需修改”", "你好，看到请回复",
        # a payment's voucher, a signed document, a picture for the speaker to look at
        "付款后把转账截图发给客服", "货款拍照发群里，我核对收款后发货", "缴费成功的截图上传到小程序", "签字后拍照上传到系统",
        "拍张照片给我看看颜色", "景点推荐：古镇、老街、拍照打卡", "拍照打卡（功能升级中）",
        "请勿截屏发群，里面有密码",
        # a picture posted with its caption or for the readers to look at together; a picture
        # named by what was done with it
        '截图发群里："这波操作绝了"', "测完截图发群，看看谁跟你一样", "拍照发群里提醒大家注意安全",
        "把页面截图发群里，大家一起分析", "这是用户上传的截图",
        # etiquette: how one replies in principle is a norm told, not a notice
        "领导在群里发通知，原则上都要回复收到", "原则上看到通知回复“收到”比较正式",
    ],
    "ack_request": [
        # a company's rule relayed to its readers (请) is given, not told
        "公司要求：请全体员工收到通知后回复收到",
        # 接龙 as the confirmation, signing in, chasing, dictated wording, copy and post
        "请大家阅读后接龙", "学习完文件请接龙", "请各位在群里签到", "大家在群里签个到",
        "还没回复的抓紧", "未回复的同志请尽快回复", "统一回复：已阅+姓名", "回复格式：收到+单位+姓名",
        "回复格式：科室+姓名+已知晓", "复制下面这句话发群里：已阅知悉", '请大家复制"已学习"发到群里',
        "截至今晚8点仍未回复的，视为未知悉", "看到的扣个1哈", "收到请告知",
        "三组的同事都回复了，还没回复的请看到后回复一下", "请各位看到后回应一下",
        "文件已发，转发到各班群后统一回复已转发", "各村统一回复已通知",
        "大家好，我是班主任王老师，收到请回复",
        # a notice about a test is a notice; one reply formula is no menu
        "明天上午进行系统测试，收到请回复", "测试已经结束，收到请回复", "请大家回复收到，回复1也可以",
        # a demand relayed to the readers is given, whoever made it
        "他要求你们看到后都回复收到",
        # understood, asked of the group or of those who did; my next turn with the units; a link
        # cut over, not tested
        "大家理解了请回复收到", "明白的请回复1", "接下来我会逐个核对，请各单位收到后回复",
        "明天上午网络链路割接，收到请回复",
        # a test announced (its time, its topic, or told as done) or asked of people (a routine, an
        # order, their own health test) is a notice; 这是 a notice, not a program; to memorize, to
        # keep to one token, asked of the group; two acks are one; a stress relayed to its readers
        "明天下午联调，收到请回复", "今晚八点系统测试，收到请回复", "系统测试已完成，收到请回复",
        "关于网络测试，请各科室检查网线，收到请回复", "每天抗原自测，收到请回复",
        "请大家做好体温自测，收到请回复",
        "各位同事，这是本周第二条通知，收到请回复", "请大家牢记以下纪律，收到请回复",
        "各位请记住集合暗号，收到请回复", "大家收到请回复“收到”，不要说其他的话",
        "阅后请回复“已阅/收到”", "主任强调，请各科室收到后回复", "各位家长你好，收到请回复",
    ],
    "proof_request": [
        # quotas, right now, video to prove, photo specs
        "每人拍3张照片，下午5点前交", "每个班不少于5张活动照片，明天中午前发",
        "现在拍一张你们正在工作的照片", "发一张你们在岗的照片", "录一段视频证明已经打扫干净",
        "拍个视频发过来看看有没有在岗", "三会一课开完拍个照，要看到全体党员",
        "各位现在在做什么，拍张照片发群里我看一下", "请于今晚前报5张活动照片",
        "每天早上截图打卡", "观看完毕请附上观看截图", "每个支部报活动图片3张",
        "每个村今天下午交3张整治前后对比照",
        # a picture for the group that proves something, or is ordered of the group
        "巡查时拍照发群里", "今晚8点前把照片发群里", "发个定位到群里", "请大家把照片发群里",
        "规定驻村干部每天发定位，请各位严格执行", "按规定，巡查时要拍照留痕",
        # an authority's demand relayed to the readers is given
        "领导要求大家每天下班前在群里发定位", "学校要求各位家长把孩子读书的视频发到群里",
        "上级要求我们今天下班前把巡查照片发群里，大家抓紧", "区里要求我们每个村今天报3张整治照片",
        # a payment named elsewhere, a signature on the homework, a picture the group is ordered to post
        "活动缴费已截止，请各组把活动现场照片发群里", "作业签字后拍照发群里",
        "学习完截图发群里，请大家自己看看有没有漏学", "巡查时拍照发群里，确认到岗",
        # an activity or a quota proves, whoever looks at the picture and whatever its caption
        '转发朋友圈后截图发群里："已转发"', "巡查完拍照发群里，让大家看看整改效果",
        "每人拍3张照片发群里给大家看看", "原则上每个村报3张整治照片，今晚8点前发群里",
        # a picture ordered besides the one I will take; a meeting before 会, not a modal
        "巡查完拍照发群里，我会截图汇总上报", "家长会拍照发群里，作为签到依据",
    ],
    "chain": [
        "#接龙 已阅\n1。张三\n2。李四", "接龙：收到\n1：王芳\n2：李四",
        "#接龙 已学习 1.张三 2.李四 3.王五", "@所有人 #接龙\n已阅\n1. 张三\n2. 李四",
        "接龙确认收到\n1。王建\n2。李娟\n3。周波",
    ],
}  # fmt: skip
TABLE = [(label, text) for label, texts in CASES.items() for text in texts]


@pytest.mark.parametrize(("label", "text"), TABLE, ids=[t[:20] for _, t in TABLE])
def test_class_boundary(label: str, text: str) -> None:
    assert classify(text).label == label, classify(text)


@pytest.mark.parametrize(
    "text", ["收到請回覆，羣裡閲後扣1", "請大家看到後在羣裡回覆收到", "收到，堅決落實，請領導放心"]
)
def test_traditional_script_reads_as_simplified(text: str) -> None:
    # 羣, 閲, 強 were missing from the old hand-written table; OpenCC has them
    assert classify(text).label in ("ack_request", "ack")
    assert classify(text).label != "other"


def test_a_demand_for_proof_and_for_replies_is_both() -> None:
    found = classify("整改前后的照片发群里，收到请回复")
    assert found.label == "proof_request" and found.also == ("ack_request",)
    assert classify("整改前后的照片发群里").also == ()


@pytest.mark.parametrize(
    ("text", "body", "signature"),
    [
        ("请于周五前报送。-办公室王芳", "请于周五前报送。", "办公室王芳"),
        ("well noted，综治办刘洋", "well noted", "综治办刘洋"),
        ("收到（三组 李四）", "收到", "三组 李四"),
        ("明天开会", "明天开会", ""),
    ],
)
def test_a_signature_is_split_off_only_when_it_parses(text: str, body: str, signature: str) -> None:
    assert split_signature(text) == (split_signature(text).__class__(body, signature))


@pytest.mark.parametrize("text", ["财务科王芳", "三组 李四", "602室家长", "初一 李华", "综治办 孙"])
def test_signatures(text: str) -> None:
    assert is_signature(text)


@pytest.mark.parametrize("text", ["质量很好", "我们科", "货了", "今天会", "明天上午"])
def test_sentences_are_no_signature(text: str) -> None:
    assert not is_signature(text)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        # (王芳挺好的 and 阅的好 are read as no confirmation at all: 挺 signs no name, and the 的
        # before a lone 好 is no final particle — s30: 的好 is no longer an evaluation's word)
        ("阅的好", ""),
        ("好的呢", "assent to a person (to one listener: 呢)"),
        ("好，好，好", "assent to a person (3 assents)"),
        ("嗯嗯，嗯", "assent to a person (said again across a pause)"),
        ("我已经转发了", "narrated: I + 已经"),
        ("收到", "ack:formula"),
    ],
)
def test_explain_says_why_confirmations_were_no_ack(text: str, why: str) -> None:
    cue = {cue.name: cue for cue in explain(text)}["ack"]
    assert cue.detail == why and cue.fired == (classify(text).label == "ack")


def test_explain_names_every_check_and_the_one_that_fired() -> None:
    cues = {cue.name: cue for cue in explain("收到请回复-办公室王芳")}
    assert cues["ack_request"].fired and cues["ack_request"].detail.startswith("demand:")
    assert cues["signature"].fired and cues["signature"].detail == "办公室王芳"
    assert not cues["proof_request"].fired and not cues["ack"].fired
    assert cues["label"].detail == "ack_request"
    guard = {cue.name: cue for cue in explain("不用回复收到，看到就行")}["guard:not-demand"]
    assert guard.fired and "不用" in guard.detail
    told = {cue.name: cue for cue in explain("领导总让我们回复收到")}["guard:told"]
    assert told.fired and "总让" in told.detail
    voucher = {cue.name: cue for cue in explain("付款后把转账截图发给客服")}["guard:voucher"]
    assert voucher.fired and voucher.detail.startswith("付款")
    assert not {cue.name: cue for cue in explain("巡查时拍照发群里")}["guard:voucher"].fired
    shared = {cue.name: cue for cue in explain("拍照发群里提醒大家注意安全")}["guard:shared"]
    assert shared.fired and shared.detail == "提醒大家"
    with_activity = {cue.name: cue for cue in explain("巡查完拍照发群里，大家看看")}
    assert not with_activity["guard:shared"].fired
    prompt = {cue.name: cue for cue in explain("理解了请回复“收到”")}["guard:handshake"]
    assert prompt.fired and prompt.detail == "理解了请回复"
    test = {cue.name: cue for cue in explain("系统测试~收到请回复")}["guard:machine"]
    assert test.fired and test.detail == "测试"
    model = {cue.name: cue for cue in explain("请回复“收到”，不要说其他的话")}["guard:machine"]
    assert model.fired and model.detail == "不要说其"
    notice = {cue.name: cue for cue in explain("明天上午进行系统测试，收到请回复")}
    assert not notice["guard:machine"].fired and notice["ack_request"].fired
    told = {cue.name: cue for cue in explain("读者会截图发群里，所以要写清楚")}["guard:predicted"]
    assert told.fired and told.detail == "会截图"
