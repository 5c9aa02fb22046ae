"""Demands: "reply to confirm" (ack_request) and "send proof" (proof_request).

Both work on folded text (see `policies.text.fold`). Each rule returns the name of the cue
that fired, so a reminder or a digest can say why. Rules look for the *shape* of a demand —
a condition (收到后/看到的/阅后), a reply verb and a confirmation object; or an evidence medium
(截图/拍照/定位) joined to a destination (发群/上传/回传), a trace purpose (留痕/备查) or an
activity it proves (巡查/学习/转发) — and guards drop what only looks like one: meta talk and
complaints (不用回复收到, 形式主义, a demand quoted to criticise it), reports (已上传), questions,
third parties (客户没回复) and requests for information or work products (请回复邮件, 发票拍照).
"""

from __future__ import annotations

import re

from policies.signature import split_signature
from policies.text import fold

# -- shared pieces ------------------------------------------------------------------------

_STOP = r"[^。！？!?\n]"  # within one sentence
_QUOTE = re.compile(r"[“\"「『‘]([^”\"」』’]{2,40})[”\"」』’]")
_QUOTED_DEMAND = re.compile(r"回复|回个|扣|拍|截图|发群|上传|定位|留痕|转发|接龙")
_QUESTION = re.compile(r"[?？]|吗|哪|啥|怎么|什么|要不要|几个意思|能不能|可不可以|能否|有用")
_IMPERATIVE = re.compile(
    r"请(?!问)|务必|必须|要求|一律|抓紧|赶紧|尽快|马上|每天|每人|每位|辛苦|麻烦|烦请|劳烦|难道|please|pls"
    r"|好吗|好不好|别让我"
)
_NOT_DEMAND = re.compile(
    r"(不用|不需要|无需|无须|不必|没必要|不再|免于|免)(?!刷)(在群里|在群内|再|都|要求)*.{0,6}"
    r"(回复|回(?!复)|刷|扣|接龙|报到|截图|拍照|照片|留痕|定位|视频)(?!其他|其它|别的)"
    r"|(不要|别|请勿|勿)(在群里|在群内|在群中)?(再)?[^，,。]{0,2}(刷|回复|回收到|扣1|接龙|发截图|截图|拍照|留痕"
    r"|发(照片|截图|图片|图|定位|视频))(?!其他|其它|别的)"
    r"|(截图|照片|定位|视频|位置)[^，,。]{0,6}(不用|不需要|无需|不必|不再)(再)?(发|上传|拍)"
    r"|好麻烦|太麻烦|真麻烦|为什么.{0,4}(每天|都要|总|老|又)"
    r"|形式主义|减负|刷屏(?<!以免刷屏)(?<!避免刷屏)(?<!防止刷屏)|动不动|[哎唉]$|结果还是|让扣1|这种|这类|能不能(少|别|不)|别搞|少发|有必要吗"
    r"|(留痕|截图|拍照|回复收到|接龙|扣1).{0,8}(取消|废止|停止)|(取消|废止|停止).{0,8}(留痕|截图|拍照|回复收到|扣1)"
    r"|又(要|让|得)|天天|没时间干|受不了|烦死|累死|吐槽|减轻.{0,6}负担"
    r"|回复的?(只有|人数|才|共)|(已有|已经有|目前有|共有)\d*\s*(个|位|名)?(人|同事|老师|家长)?.{0,4}回复"
    # talk about the habit, not the habit: complaints, habits told, speech reported, news told
    r"|很烦|很麻烦|烦人|建议(大家|可以)|屏蔽|经常|总会|总是|一堆人|一群人|本来是|现在都是|有人[^，,。]{0,8}说"
    r"|就算|导致|疲于"
)


# News told, not a notice: "该县要求驻村干部每天…" — unless the message goes on to ask (请 …).
_NARRATED = re.compile(
    r"(县|市|区|镇|乡|上级|领导|单位|部门)[^，,。]{0,3}要求[^，,。]{0,12}(干部|职工|教师|老师|员工|群众|村民)"
)
_ASKS = re.compile(r"请|务必|必须")


def is_narrated(folded: str) -> bool:
    return _NARRATED.search(folded) is not None and _ASKS.search(folded) is None


def neutralize_quotes(folded: str) -> str:
    """Blank out quoted demands ("“看到请扣1”，一天扣八百个1"): quoting is not demanding.

    A quoted reply *object* stays: 请回复“孩子姓名+收到” has no demand verb inside the quotes.
    """
    return _QUOTE.sub(
        lambda m: "〔引〕" if _QUOTED_DEMAND.search(m.group(1)) else m.group(0), folded
    )


# -- ack_request --------------------------------------------------------------------------

_ACK_OBJ = (
    r"(?:收到(?!的(?:验证码|校验码|动态码|码|短信|信息|消息|内容|邮件|文件|数字|号码|链接|密码))|已收到|已阅|已读|已阅知晓|已知晓|知晓|已知悉|知悉|已了解|明白|知道了|已学习|确认|received|ok|ack"
    r"|已传达|已转达|已落实"
    r"|(?:1|一)(?=$|[\s，,。.!！~、)）\]】\"”'’；;]|[哈哦呀啊嘛吧～\-—–(（]|表示|以示|确认|即可|就行|就好|好吗|谢谢|以便))"
)
_OBJ_QUOTE = r"[\s\"“”'‘’「」『』【】:：]*"
_REPLY_VERB = r"(?:回复|回覆|会复|回个|回一下|回下|补回|扣个?|打个?|接龙|reply|回)"
_OBJECT_INFO = r"(?:邮件|意见|名单|是否|几|日期|时间|电话|函|你|您|给|客户|a或b|方案|人数|尺码|报价|老板|[\u4e00-\u9fff]总)"
# Having read it (收到后, 看到的, 阅毕), do something that only shows you read it.
_CONDITION = (
    r"(?<![没未不我他她])(收到|收悉|看到|看见|看过|读过|阅毕|阅|已读|已阅|阅读|看完|读完|阅知|知悉|接到|见信"
    r"|学完|学习完)(?!回执)(后|的|了|完)?"
)
_SHOW_READ = (
    r"(回复|回覆|会复|回个话|回一下|回下|回个|冒个?泡|(吱|出)(一|个)?声|说一声|示知"
    r"|报到|报个到|告知(?=[\s，,。.!！]|$)|接龙确认|接龙(?=[\s，,。.!！]|$)|(请|即|就|速)?(?<![没未不])回(?=[\s，,。.!！]|$)|确认(?=[\s，,。.!！]|$))"
)
# Everyone posts the same line: "复制下面这句话发到群里", "请复制“已学习”粘贴到群".
_COPY_AND_POST = (
    r"复制[^。！？]{0,4}(这句话|这段话|这句|下面(这|的)?(句|段)|以下(内容|文字)|[\"“「『][^”\"」』]{1,12}[”\"」』])"
    r"[^。！？]{0,8}(发|粘贴|贴)[^。！？]{0,4}(群|这里)"
)
_ACK_REQUEST = (
    (
        "demand:reply-confirmation",
        re.compile(
            _REPLY_VERB
            + r"\s?(一下|下|一个|个|一声)?"
            + _OBJ_QUOTE
            + _ACK_OBJ
            + r"|回复(格式|模板)?[:：]?[^。，,!！]{0,12}[+＋](已?(收到|阅|读|知晓|知悉|学习)|明白)"
            + r"|回复(格式|模板)[:：]?\s?[\"“「]?(收到|已阅|已读|知晓|明白)[^。，,!！]{0,3}[+＋]"
            + r"|[“\"「][^”\"」]{0,16}(收到|已阅|已读|知晓|已传达)[^”\"」]{0,4}[”\"」][^，,。]{0,4}(格式)?回复"
            + r"|reply\W{0,3}(with\W{0,3})?[\"“']?(收到|received|noted|ok|ack|got it|yes|1)\b"
            + r"|reply.{0,20}\b(after|once you'?v?e?) (reading|read|seen|seeing)"
            + r"|\b(acknowledge|ack|confirm)\b.{0,40}\b(in (the|this) (group|chat|thread)|by replying)"
            + r"|\breply\b.{0,20}\bin (the|this) (group|chat|thread)"
            + r"|reply.{0,30}\bto confirm|confirm (that )?you'?(ve)? (read|received|seen)"
        ),
    ),
    (
        "demand:reply-after-reading",
        re.compile(_CONDITION + _STOP + r"{0,12}?" + _SHOW_READ + r"(?!" + _OBJECT_INFO + r")"),
    ),
    (
        "demand:must-reply",
        re.compile(
            r"(务必|必须|都要|一律|每人|每位[^，,。]{0,6}|及时|尽快|抓紧|全员|全体[^，,。]{0,4}|所有人|大家都?"
            r"|各位都?|每个人都?|都)(回复|回个话)(一下|下)?(?=[\s,，。.!！;；]|$)"
            r"|(请|要)[^，,。]{0,8}(阅后|阅知并|阅知后)回复"
            r"|(?<!有问题)(?<!有疑问)(?<!有意见)(?<!如有)(?<!若有)请回复(?=[)）。.!！\s]|$)"
        ),
    ),
    (
        "demand:chase-non-repliers",
        re.compile(
            r"(?<![我你他她方户家板总])(一直)?((还没|没有?|未)(在群里|在群内)?(回复|回)"
            r"|不(回复|回)(?=的|者|视|按|就|将|算))"
            r"(?![家来去答应头忆顾归避馈电款访执单报到国程落升车放味合传扣过神被])(?!收(?!到))"
            r"(?!邮件|复邮件|复函|函|短信|客户)"
            r"|(还没|没有?|未)(接龙|扣1|报到)(?!报名)"
        ),
    ),
    ("demand:copy-and-post", re.compile(_COPY_AND_POST)),
    (
        "demand:check-in",
        re.compile(
            r"(群里|群内|群中)(报到|报个到|签到|签个到|冒个?泡|吱一声)|报个到|冒个?泡|接龙(确认|报到|签到)"
            r"|接龙[，,]?\s?确认(已|收到|知晓|已读|看到)"
            r"|确认(已?收到|已读|已阅|都看到|看到了|已知晓)"
        ),
    ),
)
# Every ack_request pattern needs one of these; checking first keeps plain acks cheap.
_REPLY_HINT = re.compile(r"[回扣复覆冒吱报接确声手示签告]|reply|ack|confirm")
# The reply itself ("扣1", "回1"): a verb and its object with no condition and no audience.
_BARE_REPLY_MAX = 30
_BARE_REPLY = re.compile(r"(?:[\s\W]*[扣打回]\s?(?:1+|一)[\s\W]*)+")
# 回了个收到, 就回复了, 回复过: the clause tells what happened, it does not ask for it.
_NARRATIVE = re.compile(r"(?<![请要])(回复|回|扣)(了|过)(?![0-9]{1,2}[点号])")
# Hands raised for a preference or a choice, not to show one has read something.
_PREFERENCE = re.compile(r"想|喜欢|觉得|感觉|同意|支持|愿意|希望|需要|要去|参加|报名|投票|选")
_CONDITION_RE = re.compile(_CONDITION)
_RAISED_HAND = re.compile(r"扣|1|一")
# A chase names the members it chases or tells them what to do; "快递还没回复呢" reports.
_CHASE_TARGET = re.compile(
    r"请|尽快|抓紧|赶紧|速|马上|立即|立刻|务必|谁|哪些|哪几|还有|还差|[0-9]+\s*(个|位|名)|[一二两三四五六七八九十几]+\s*(个|位|名)"
    r"|的(同事|同志|老师|家长|人|单位|科室|村|社区|同学|伙伴|朋友|小伙伴|负责人)|^\s*(还没|没有?|未)|@"
    r"|(没|未)[^，,。]{0,6}回复?的|视为|视同|责任自负|逐个|一律"
)
_ASKS_WHO = re.compile(r"谁|哪些|哪几|还有|为什么")
_THIRD_PARTY = re.compile(
    r"(客户|对方|他|她|厂家|供应商|甲方|老板)[^，,。]{0,6}(没|未|不)回|收到[^，,。]{0,10}的回复"
)
_REPLY_REPORT = re.compile(
    r"我[^，,。]{0,4}(回复|回|扣)[^，,。]{0,6}了|我(这就|替|帮|代|来)[^，,。]{0,3}(回复|回)|我已经?"
    r"|(?<![@给向跟和让])我[^，,。请]{0,8}(在|都)(回复|回)|(已经|已)(回复|回)(了|收到|过)"
)
_OPTIONS = re.compile(
    r"回复[^，,。]{0,8}(或|还是|选择|选项)|回复是否|(回|扣|回复)\s?1[^。]{0,12}(回|扣|回复)\s?2"
    r"|回复?[^。！？]{0,10}1[.、:：)]?\s?[\u4e00-\u9fffa-z]{1,8}[\s,，、;；]+2[.、:：)]?\s?[\u4e00-\u9fffa-z]|意向"
)


def ack_request_cue(folded: str) -> str | None:
    """The cue name when `folded` asks members to post a confirmation in the group.

    The demand shapes are looked for first and the message-wide guards only when one is
    found: most messages demand nothing, and the guards are the costly patterns.
    """
    if not _REPLY_HINT.search(folded):
        return None  # the common case (收到, 好的, chat): no reply verb at all
    if len(folded) <= _BARE_REPLY_MAX and _BARE_REPLY.fullmatch(split_signature(folded).body):
        return None  # 扣1, 扣1-三组李四: the reply itself
    quoted = neutralize_quotes(folded)
    name = _reply_shape(quoted)
    if name is None or _addresses_one(folded) or is_narrated(folded):
        return None  # "在吗？看到请回复": one person asked in a 1:1 chat
    if _NOT_DEMAND.search(quoted) or _REPLY_REPORT.search(quoted) or _OPTIONS.search(quoted):
        return None
    return name


def _reply_shape(folded: str) -> str | None:
    """The first demand shape that holds in its clause (not asked, not told, not a vote)."""
    for name, pattern in _ACK_REQUEST:
        for match in pattern.finditer(folded):
            clause = _clause_at(folded, match.start())
            asks = _QUESTION.search(clause) and not _IMPERATIVE.search(clause)
            if _THIRD_PARTY.search(clause) or _NARRATIVE.search(clause):
                continue
            hands = _RAISED_HAND.search(match.group())
            if hands and _PREFERENCE.search(clause) and not _CONDITION_RE.search(clause):
                continue  # "想去的扣个1": a show of hands, not a read receipt
            if name == "demand:chase-non-repliers":
                if (asks and not _ASKS_WHO.search(clause)) or not _CHASE_TARGET.search(clause):
                    continue
            elif asks:
                continue
            return name
    return None


def is_poll(text: str) -> bool:
    """Does `text` ask members to choose by number ("回复1同意，回复2不同意", options listed)?"""
    return _OPTIONS.search(fold(text)) is not None


def is_question(text: str) -> bool:
    """Does `text` end as a question (an aside in a pile-up, not a new notice)?"""
    return fold(text).rstrip(" ~～。.!！").endswith(("?", "？", "吗", "呢"))


def _clause_at(folded: str, position: int) -> str:
    """The sentence around `position`: questions are judged clause by clause."""
    start = max(folded.rfind(mark, 0, position) for mark in "。！!？?\n") + 1
    ends = [i for i in (folded.find(mark, position) for mark in "。！!？?\n") if i >= 0]
    return folded[start : (min(ends) + 1 if ends else len(folded))]


# -- proof_request ------------------------------------------------------------------------

_MEDIUM = (
    r"(截图|截屏|截个图|截张图|截一下图|录屏|拍照|照片|(?<![球节])拍(?=照|张|个|一|下(?!订单|后|单|的|商品|宝贝)|段|视频|摄|清楚|全|到|几|不少于|至少|合|[0-9])|相片|定位|位置共享"
    r"|共享位置|位置|视频|录像|自拍|(对比|现场|工作|集体|活动|打卡)照|合影|以图为证|晒图|影相|影张相|影个相|\bscreenshots?\b|\bphotos?\b|\bpics?\b"
    r"|\bpictures?\b|\bselfies?\b|\blocation\b|\bvideo\b)"
)
_MEDIUM_RE = re.compile(_MEDIUM)
# Cheap first checks (one character class) before the long patterns that need them.
_MEDIUM_HINT = re.compile(
    r"截|录屏|录像|录一|录个|录段|拍|照|相片|定位|位置|视频|合影|晒图|以图|影相|影张|影个"
    r"|screenshot|photo|pic|selfie|location|video"
)  # literals only: the engine skips to the positions where one can start
_SHOOT = re.compile(r"[拍录截]")
_LATIN_PLACE = re.compile(r"group|chat|thread|here|channel")
_SEND = r"(发(?![现生布展明起言])|传|晒|报|post|share|send|drop|upload)"
_TO_GROUP = re.compile(
    _MEDIUM + _STOP + r"{0,30}?" + _SEND + _STOP + r"{0,8}?(群|group|chat|thread|here\b)"
    r"|"
    + _SEND
    + _STOP
    + r"{0,12}?"
    + _MEDIUM
    + _STOP
    + r"{0,6}?(群|\bgroup|\bchat|\bthread|\bhere\b)"
    r"|群(里|内|中)?"
    + _STOP
    + r"{0,4}(发|上传|晒)"
    + _STOP
    + r"{0,24}?"
    + _MEDIUM
    + r"|"
    + _MEDIUM
    + r".{0,60}\b(in|to) (the|this|our) (group|chat|thread|channel)\b"
)
_DELIVER = re.compile(
    _MEDIUM
    + _STOP
    + r"{0,10}?(上传|回传|报送|上报|发我|发给我|给我|发到这里|发这里|交上来|报上来|发过来|发上来"
    r"|(?<=图|片|频|位)\s?发(?![现生布展明起言])"
    r"|传上来|发一下|发下|发来|发出来|交一下|(发给|交给|报给|传给)[^，,。]{0,6})"
    r"|发(?![现生布展明起言])"
    + _STOP
    + r"{0,8}?"
    + _MEDIUM
    + r"|(上传|回传|上报)"
    + _STOP
    + r"{0,10}?"
    + _MEDIUM
    + r"|(开启|打开)?(位置共享|共享位置|实时位置)"
    r"|\b(post|share|send|drop|upload)\b.{0,40}" + _MEDIUM
)
_TRACE = re.compile(
    r"(视频|录像|照片|截图|录屏)[^。，,]{0,6}(证明|以证)(?!材料|文件|书|信)|留个?痕|备查|留底|留存|台账|(带|用|开启|打开)[^，,。]{0,4}水印|作为.{0,8}(依据|凭证|证明)|凭证|考核依据"
    r"|纳入.{0,6}(考核|积分)|扣分|为证|为凭|evidence|proof"
    r"|(截图|照片|图片|视频|录屏)[^。！？]{0,6}(需|要|须|必须)[^，,。]{0,4}(显示|看到|看清|体现|包含|带有|拍到|有)"
)
# A check-in by photo or location, or a bare order for one ("发定位", "拍照打卡").
_CHECK_IN = re.compile(
    r"((拍照|照片|定位|视频|自拍)(签到|打卡)|(签到|打卡)[^，,。]{0,4}(拍照|截图|定位))(?!系统|app|软件|功能|程序)"
    r"|^(请)?(大家|各位)?(发|共享)(个|一下|下)?(实时)?(定位|位置)[。.!！]?$"
)
_ACTIVITY = (
    r"转发|朋友圈|点赞|评论|关注|观看|看完|学习|学完|完成|打卡|签到|投票|注册|下载|巡查|巡逻|巡河|夜查|执勤|值班"
    r"|到岗|上岗|在岗|上班|下班|离岗|加班|外出|出差|抵达|到了|申报|提交成功|(成功|完成)(页面|界面)|扫楼|巡检|清理|清扫|消杀|研修|考试|答题|测试|成绩|演练|演习|整治|整改|开工|班前|晨检|疫苗|接种|问卷|打完|做完|入户|走访|家访|活动|会议|参会|参训"
    r"|培训|班会|早会|晨会|例会|现场|检查|自查|督导|志愿|服务|宣传|张贴|积分|直播|到达|步数|打扫|清洁"
    r"|finish|complete|done|attend|watch|training|course|cleanup"
)
_AFTER_DOING = re.compile(r"(" + _ACTIVITY + r")|(后|完|时)" + _STOP + r"{0,6}?" + _MEDIUM)
_FIELD_DUTY = re.compile(
    r"("
    + _ACTIVITY
    + r")(时|中|后|期间)?"
    + _STOP
    + r"{0,6}(请|要|记得)"
    + _STOP
    + r"{0,4}(拍照|拍摄|录)"
    + r"|("
    + _ACTIVITY
    + r")[^，,。]{0,3}(时|完毕|完后|完|后|期间)[^，,。]{0,3}(拍照|拍摄|录屏|录像|截图|拍一张|拍张)"
    + r"|完(了|后|毕)?[，,]?\s?(截图|截个图|截屏|拍照|拍(个|张|一张|下|一下)?照|拍(个|张|一张|段)(视频|照片))"
)
_CHASE_PROOF = re.compile(
    r"(截图|照片|定位|视频)[^，,。]{0,4}(还没|没|未)(发|交|上传)|(没|未)(发|交|上传)[^，,。]{0,4}(截图|照片|定位|视频)"
    r"|(截图|照片|定位|视频)呢[?？]"
)
# Routine evidence: "每天发三次定位", "每小时发一张照片".
_ROUTINE_PROOF = re.compile(
    r"(每天|每日|每小时|每两小时|每半天|定时|按时)[^。！？]{0,10}发[^。！？，,]{0,6}(定位|位置|照片|截图|视频)"
)
_WORK_PRODUCT = re.compile(
    r"发票|处方|缴费单|刷卡单|底联|单据|小票|回单|收据|身份证|证件|接种证|病历|报错|界面|合同|扫描件|编号|漏水|推文|报销|入职|入库|登记要用|报给物业|找物业|联系物业|供应商|客户|原图|高清|太糊|模糊"
    r"|(?<!施)工单|维修|报修|剪好|剪辑|设计稿|初稿|提提?意见|导航|接你|接送|会合|见面|坏了|报价|勘查|理赔|行驶证|驾驶证|保单|事故|排班表|课表|值班表|报表|名单|纪要|清单|明细"
)
# Activities whose photos prove attendance or compliance, whatever else the message names.
_PROVES_ACTIVITY = re.compile(
    r"转发|朋友圈|点赞|在看|关注|观看|学习|学完|打卡|签到|投票|巡查|巡检|巡逻|巡河|夜查|走访|入户|家访|执勤|值班"
    r"|到岗|整治|整改|开工|班前|志愿|培训|清理|清扫|打扫|消杀|研修|到达|到场|抵达"
)
_DIRECTIVE = re.compile(
    r"请|要|务必|必须|需|须|记得|一律|统一|按时|每|抓紧|尽快|作为|为证|为凭|please|pls|must"
    r"|^\s*(拍|录|截|发)(一|个|张|段|下)"  # "录一段视频…": a verb and a count order it
)
_FORWARD_PROOF = re.compile(
    r"(转发|朋友圈|分享到|转到|转至)" + _STOP + r"{0,24}?(截图|截屏|截个图)"
)
_REPORT = re.compile(
    r"发[^，,。]{0,4}群(里|内|中)?了|说(要|让|得|必须)|(会|将)上传|我[^，,。]{0,6}(拍了|截了|截图的时候|发给|已经|发的)|我[^，,。]{0,4}(都|已)?(传|发|上传|拍)[^，,。]{0,8}了|(已|已经)(上传|传到|发到|回传|报送|发给|拍照|拍了)"
    r"|(?<!转)发的(照片|截图|视频|定位)"
)


# A quota: a count of photos per member or unit, often with a deadline ("每人拍3张照片，5点前交").
_QUOTA = re.compile(
    r"(每人|每位|每个[^，,。]{0,4}|每班|每组|每村|每户|各[^，,。]{1,4}|至少|不少于|报|报送|上报|提交)[^。！？]{0,6}?"
    r"(\d+|[一二两三四五六七八九十]+)\s?(张|段|条|个)[^。！？，,]{0,6}(照片|相片|图片|视频|截图|合影)"
    r"|(照片|相片|图片|视频|截图|合影)[^。！？，,]{0,6}[(（]?(\d+|[一二两三四五六七八九十]+)(-\d+)?\s?(张|段)"
)
# A photo of what the members are doing right now ("现在拍一张你们正在工作的照片").
_RIGHT_NOW = re.compile(
    r"(拍|录)[^。！？]{0,6}(你们|大家|各位|自己)[^。！？]{0,4}(正在|现在|此刻|在岗|工作中|上班)"
    r"|(现在|马上|立即|立刻)(拍|录)[^。！？]{0,6}(你们|大家|各位)"
    r"|(现在|此刻|此时)[^。！]{0,30}?(发|拍|晒)(一?张|个|一下|段)[^。！？，,]{0,8}(照片|相片|视频)"
)


# The singular honorific (您, 亲) addresses one person; a group demand addresses many.
_ONE_ADDRESSEE = re.compile(r"您|阁下|亲亲|亲(?=[，,。！!～~\s哦]|$)|在吗|在不在")
_GROUP_ADDRESSEE = re.compile(
    r"各位|大家|全体|所有人|们|每(人|位|个)|各(单位|部门|科室|班|村|社区|组|支部|网格|家长)"
)


def _addresses_one(folded: str) -> bool:
    return bool(_ONE_ADDRESSEE.search(folded)) and not _GROUP_ADDRESSEE.search(folded)


# A screenshot of a problem asks for help; it proves nothing.
_TROUBLE = re.compile(r"失败|错误|出错|报错|不行|冲突|异常|bug|error|提示|打不开|卡住")


def proof_request_cue(folded: str) -> str | None:
    """The cue name when `folded` demands photos/screenshots/location as evidence (留痕).

    As for replies, the message-wide guards run only once a proof shape was found.
    """
    if not _MEDIUM_HINT.search(folded) or not _MEDIUM_RE.search(folded):
        return None
    quoted = neutralize_quotes(folded)
    name = _proof_shape(quoted)
    if name is None or _addresses_one(folded) or _TROUBLE.search(folded) or is_narrated(folded):
        return None  # "亲，关注后截图给我", "报错就截图发群里": one person, or help with a problem
    if _NOT_DEMAND.search(quoted) or _REPORT.search(quoted):
        return None
    return name


def _proof_shape(folded: str) -> str | None:
    """The first proof shape that `folded` has, in order of strength."""
    if _CHASE_PROOF.search(folded):
        return "proof:chase"
    if _medium_clause_is_question(folded):
        return None
    if _CHECK_IN.search(folded):
        return "proof:check-in"
    if _FORWARD_PROOF.search(folded):
        return "proof:forward-screenshot"
    to_group = "群" in folded or _LATIN_PLACE.search(folded)
    to_group, trace = to_group and _TO_GROUP.search(folded), _TRACE.search(folded)
    work = _WORK_PRODUCT.search(folded)
    if not trace and work and not _PROVES_ACTIVITY.search(_WORK_PRODUCT.sub(" ", folded)):
        return None  # 排班表拍照发群, 发票拍照发我: the photo is the work, not a trace of it
    if _ROUTINE_PROOF.search(folded):
        return "proof:routine"
    if _QUOTA.search(folded):
        return "proof:quota"
    if _RIGHT_NOW.search(folded):
        return "proof:right-now"
    if to_group:
        return "proof:to-group"
    if trace and _DIRECTIVE.search(folded):  # "拍照留痕搞到最后…" only complains
        return "proof:trace"
    if _AFTER_DOING.search(folded) and _DELIVER.search(folded):
        return "proof:after-activity"
    if _SHOOT.search(folded) and _FIELD_DUTY.search(folded):
        return "proof:field-duty-photo"
    return None


def _medium_clause_is_question(folded: str) -> bool:
    """ "明天去1楼拍照取证?" asks; "上岗了没？发个定位来看看" demands. Judge the medium's clause."""
    for clause in re.findall(r"[^。！!\n？?，,;；]*[。！!\n？?，,;；]?", folded):
        if _MEDIUM_HINT.search(clause) and _MEDIUM_RE.search(clause) and _QUESTION.search(clause):
            return not _IMPERATIVE.search(clause)
    return False
