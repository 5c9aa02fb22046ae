"""Is this reply only a formulaic confirmation (收到, 1, 已阅, 到, 已转发, 收到-财务科王芳, [强])?

An ack is a closed grammar, not a word list matched anywhere: the reply, split at its
punctuation, must read token by token as

- confirmations: the 收到 / 已阅 / 好的 / 明白 / OK family, 1 / 111 / 扣1, the check-in family
  (到, 报到, 已签到) and the done-it family (已完成, 已转发, 已通知到位, 已学习);
- formulaic pledges (坚决落实, 一定按时参加, 会督促孩子复习) and politeness (谢谢王老师, 辛苦了, 哈, 啦);
- a signature or address: a name, unit, title, kin word or id, or one given as a form field
  (商户：老王烧烤; see `policies.signature`);

with at least one confirmation or pledge. A single token that parses as none of these — a time,
a place, an object, a question, a "but" — makes the reply `other`. One-character confirmations
(好, 收, 中, 是) keep no company that could make them part of a longer word: "老师好" greets.
A reply in the grammar can still be a turn of a dialogue rather than an answer to a notice: a
judgement (挺好的), a state (好了), assents spoken to one listener or past the formula, "I"
narrating what I did (`declined` says which, for `classify --explain`).
"""

from __future__ import annotations

import re

from policies.lead import first_chars
from policies.segment import tag_words, word_tags
from policies.signature import (
    KANA,
    SEPARATORS,
    SIGNATURE_MAX,
    can_start_signature,
    field_signature,
    is_marked,
    is_self_named,
    is_signature,
    is_unit_before_name,
    signature_end,
    split_signature,
)

# The confirmation formulas, longest first: receipts say the notice arrived and was read (收到,
# 已阅, 知悉); assents (好的, 明白, 没问题) answer anything one is told, a notice or a person.
_RECEIPTS = sorted(
    """收到 收悉 已读 知悉 知晓 已了解 谨遵指示 照办 收晒 get到 get sd
    确认 收到咗 已悉 敬悉 谨悉 均悉 接到""".split(),  # the 悉 of a formal receipt: 收悉, 敬悉, 均悉;
    # 知晓, 知悉's twin (确认知晓); 接到, an order or a notice taken as it is handed down (接到了！
    # 马上动手: 接到 alone; what was handed over, 接到电话, runs on past the grammar)
    key=len,
    reverse=True,
)
_ASSENTS = sorted(
    """了解 知道 明白 已明白 好的 嗯嗯 晓得 得嘞 妥妥 要得 ok的 okk okok 懂了 清楚 已清楚 知道咗
    得令 遵命 遵旨 领旨 欧克 欧了 嗯呐 嗯哪 得行 得""".split(),
    # 得令, 遵命, 遵旨: the old-style "order taken", said to a superior; OK typed in characters
    # (欧克, 欧了); the dialects' "yes" and "OK" (嗯呐, 得行) — Cantonese's alone, 得 (得喇, 得，我記住喇),
    # not Mandarin's 得了 / 得啦, "that will do" (`_out_of_place`)
    key=len,
    reverse=True,
)
# One character that confirms only when it stands alone (or beside other confirmations).
_SHORT = "好懂收阅"
_SHORT_ALONE = "是中行好妥懂收阅"  # 是！, 中中中: only as a whole piece
_ROLL_CALL = "是"  # the answer to a roll call, signed: 三组李四是！
# The sentence-final particles of written Cantonese and of Taiwan's Mandarin, one closed class
# (read after OpenCC, which leaves them as typed but 囉 → 啰): 喇, Cantonese 了 + 啊 (收到喇, 明白喇 =
# 收到了, 明白了); 啰 (咯); 咗, the perfective (知道咗); 晒 and its typo 哂, "all of it" (明白晒, 收晒);
# and Taiwan's 喔 and 唷 — the plain softener its writing ends any sentence on (收到喔, 好喔, 請準時喔),
# which is not the 哦 a mainland clerk coaxes one listener with (`_TYPED` no longer reads 喔 as 哦),
# and 哟 as Taiwan types it. They end a receipt and an assent alike, as 了 and 啦 do: what the formula
# says does not change with the region's particle. (嘅 and 㗎, Cantonese 的, assert rather than end:
# 好清楚嘅 judges; 好嘅 is its own assent.)
_DIALECT_FINALS = "喇|啰|咗|晒|哂|喔|唷"
# 了 never starts 了解 (收到了解: 收到, 了解); 鸭 and 鸟 / 惹 are 呀 and 了 as the internet types them,
# and 哒 the 的 / 啦 it types cute (收到哒！, 知道哒 — 好哒 is an assent of its own)
_FINAL_WORDS = "了(?!解)|啦|咯|哈+|滴|嘞|喽|哦|呢|的|鸭|鸟|惹|哒|" + _DIALECT_FINALS
_FINAL = f"(?:{_FINAL_WORDS})?"
_ASSENT_FINAL = _FINAL
# A receipt may also end on 啊 (收到啊, 收到了啊): said to whoever posted, like its 哈 and 呀;
# an assent keeps to _ASSENT_FINAL (好啊, 好的啊 answer one person's suggestion).
_RECEIPT_FINAL = f"(?:了?啊|{_FINAL_WORDS})?"
# The message itself as what was received, a token of its own before or after 收到 (邮件已收到,
# 您的来信我已收到, 已收到您的邮件): the very message answered, acknowledged — or the task it hands
# down (收到任务。开始。; 收到任务，立即执行). Goods are not in the list (收到快递了, 货已收到, 钱收到了:
# news of an arrival, not a confirmation).
_MESSAGE = r"(?:邮件|来信|信件|来函|信息|消息|通知|短信|留言|文件|附件|公告|信|任务)"
# Your message: 您 (你 reads as 您, _TYPED) and a verb of sending before 的 (您的, 你发来的,
# 您所发送的). Someone else's message received (汤姆收到玛丽的短信) is told, not confirmed.
_SENDER = r"(?:您[\u4e00-\u9fff]{0,3}?的)"
_YOUR_MESSAGE = re.compile(rf"{_SENDER}?{_MESSAGE}")
# 收到 with the adverb of a receipt already made or shared: 已经收到, 都收到了 (已收到 is a formula);
# any other adverb before a receipt is read by its tag (我也收到: `_adverbed_receipt`)
_RECEIVED_ADVERB = r"(?:已经|都已经?|均已|全都|都)"
_CONFIRM = re.compile(
    rf"(?:(?:{_RECEIVED_ADVERB}|已)?收[到道]"  # 收到 and its homophone typo 收道 (收倒 too: one real line so far)
    + r"|已?(?:"  # 已 before any of them: 已收悉, 已阅知悉, 已知晓, 已确认
    + "|".join(map(re.escape, _RECEIPTS))
    # 阅知, "read and noted", the mark an official leaves on a document handed down (已阅知, an OA
    # opinion's 已阅知。谢谢！), 知悉's twin; before 悉 the receipt is 已阅 and then 知悉 (已阅知悉)
    + r"|阅知(?!悉)"
    + r")|[已己巳][阅悦]"  # 已阅 and its typos: 己 and 巳 look like 已, 悦 sounds like 阅
    r")" + _RECEIPT_FINAL
)
_ASSENT = re.compile(
    r"(?:(?:没|冇|木有|没得|没有|么得|木得|冇得)(?:问题|毛病)"  # 没问题 as the dialects say it
    r"|好(?:的|嘞|滴|哒|咧|勒|哩|嘅|哈|呀)"  # 好 + a sentence-final particle
    # 明白, 懂, 清楚 after the verb that got there (整明白了, 搞懂了, 弄清楚了: "got it")
    r"|(?:搞|弄)(?:明白|懂|清楚)"
    # (可以 itself also permits and judges: 可以吗, 1和2都可以; 要的, the 要得 of 要的嘛, is
    # "I want it" to a shop: 嗯嗯要的)
    r"|[行中][嘞咧]"  # 行嘞, 中嘞: 行 and 中 alone also judge (李四行), with 嘞 they assent
    r"|" + "|".join(map(re.escape, _ASSENTS)) + ")" + _ASSENT_FINAL
)
# Cantonese clips 明白 to 明 and 知道 to 知; a clipped stem confirms only with a particle of the class
# ending it (明喇, 知晒, 我知喇): bare, 明 and 知 begin too many words. (Its OK, 得, says 得喇 and 得嘅
# too; one real line of each so far, so it waits for more.)
_CLIPPED = re.compile(rf"(?:明|知)(?:{_DIALECT_FINALS})")
# "Noted": 记 with the complement of a thing kept (下, 住) and the perfective that says it is done
# (记下了, 我记住喇) — news taken in, as 知道了; bare, 记下 and 记住 order it ("write it down").
_NOTED = re.compile(r"记(?:下|住)(?:了|啦|喇|咗)")
# 1 / 111 / 扣1 must be a whole piece: "1号楼", "1楼" and "1张" are places and counts.
_ONES = re.compile(r"(?:打|回)?1+$|(?:打|回)一$")
# The check-in family: at one's post or place (到岗, 在岗, 到场, 就位 — in position: 收到，已就位)
_CHECK_IN = re.compile(
    r"(?:已经?)?(?:报到|签到|到岗|在岗|到场|就位|到$)"
)  # 到 ends a piece: 到图书馆 goes
_DONE_VERBS = (
    "完成|转发|落实|通知|传达|学习|观看|阅读|上报|填报|报送|签收|处理|办理|整改|转达|分享|部署|执行|打卡|安排"
    "|查看|看|读|转|发|报|填|交|签|学|办|弄|搞定|办妥|备案|更新|修改|确认|知晓|签字|参加|参会|接种|登记|同步|布置"
    "|记录"  # noted, as 登记 and 备案 are: 收到，已记录
)
# Done-it verbs that are the report on their own, no 已 (完成, 搞定); any other of two characters
# is one with 完毕, "finished" (处理完毕): `_DONE`'s last branch.
_BARE_DONE = ("完成", "搞定", "办妥")
# Where a done-it formula was passed on to. (A forward to "each" group below, 已转发至各班级群,
# is labelled a report in the probes, so the groups stay a closed list.)
_PASSED_TO = (
    r"(?:至?(?:家长群|班级群|班群|年级群|工作群|群里|群内|各班|各村|各社区|各科室|本部门|本科室"
    r"|本班|个人|全体))"
)
_DONE = re.compile(
    rf"(?:已经?|都已经?|均已|并(?:已)?)(?:认真)?(?:完成)?(?:{_DONE_VERBS})(?:完毕|到位|完成|好|了|过)?"
    rf"{_PASSED_TO}?"  # 并: 已阅并转发, 收到并落实
    + r"|(?:"
    + "|".join(_BARE_DONE)  # the report on their own (完成, 搞定, 办妥)
    + r"|学习了|看完了|转发了)"
    + r"|(?:"  # 处理完毕, 学习完毕: done, its 已 unsaid
    + "|".join(verb for verb in _DONE_VERBS.split("|") if len(verb) > 1 and verb not in _BARE_DONE)
    + ")完毕"
)
# Pledges: (将 / 会) + commitment adverbs, 按 + what it goes by (按此, 按要求) or an adverb of time that
# defers it (稍后, 晚点, 回头 … the class whole: s35-review, on 收到，稍后处理 and 客服已收到，稍后处理 —
# an answer deferred, 稍后回复, is no act of the list and stays talk), then one or two
# work verbs (one list for both: 立即执行, 按此执行; arriving is 到 or 到达; 办, 办理, and 办好 as 办
# with the complement 好 that any of them takes: 马上办, 马上办理, 马上办好) and what they are done to
# (任务, 到位); and the fixed phrases of politeness and thanks.
_ADVERB = (
    r"(?:坚决|立即|马上|立刻|遵照|认真|一定|保证|确保|全力|积极|尽快|及时|准时|按时|坚定|务必|绝对"
    r"|严格|第一时间|随时|强烈|衷心|完全|坚定不移地?|这就|即刻"
    r"|届时)"  # at the time the notice set (收到，届时参加; 确认收到，届时准时参加)
)
# The acts a pledge commits to, one or two, and what they are done to: after its adverbs or 按
# (`_PLEDGE`) or after the modal of a vow (`_vows`).
_PLEDGED_ACTS = (
    r"(?:(?:做好|完成好|服从安排|听从安排|服从指挥|落实到位|落实|执行|完成|办理?|配合|照办"
    r"|传达|参加|参会|出席|到场|服从|支持|安排|准备|待命|处理|跟进|上报|提交|报送|核实|对接|通知|转发"
    r"|转达|到会|过来|过去|去|到(?!位)达?|做|改|响应|开搞)){1,2}(?:任务|到位|好|工作|下去)?"
)
_PLEDGE = re.compile(
    rf"(?:(?:将|会)?{_ADVERB}{{1,3}}(?:贯彻)?"
    r"|(?:按|照|依照)[\u4e00-\u9fff]{0,2}?"  # what it goes by, in a word: 按此, 按这个, 按要求
    r"|(?:稍后|随后|晚点|晚些|回头|待会儿?|等会儿?|过会儿?|一会儿)"  # or later: 稍后处理
    r")" + _PLEDGED_ACTS + r"|(?:落实到位|执行|照办|待命|随时待命)"
    r"|贯彻落实|遵照执行|保证完成任务|传达到位|请领导放心|请放心|马上|立即"
    r"|交给我吧?"  # "leave it to me" (没问题，交给我; 好的，交给我吧): the task taken, nothing of it named
    r"|(?:一切)?(?:服从|听从|听)(?:安排|指挥|调度|调配)"
    r"|(?:一定|保证|确保)?(?:准时|按时)"  # 收到，一定准时: the verb (到, 参加) understood
    # a task in hand, said with 在 (已经在处理了, 已在跟进中, 正在处理中); 已 + a verb alone is done
    r"|(?:已经?在|正在?)(?:处理|办理|落实|跟进|安排|转发|传达|通知)中?"
    # a parent's pledge to a class notice: will (well) see to it that someone does it, the one
    # and the doing in a few words, not asked — 会督促孩子复习, 会督促完成, 我们会好好监督小朋友的
    # (会督促孩子把错题抄三遍发给您 runs on past them: a task, not a pledge; 会督促吗 asks)
    r"|(?:会|将)(?:[\u4e00-\u9fff]{2})?(?:督促|监督|提醒|配合)(?:(?![吗呢吧么])[\u4e00-\u9fff]){0,6}"
)
# A closing wish, as a letter ends (祝好, 顺祝商祺, 祝您身体健康，工作顺利; 并祝工作顺利 joined by its
# conjunction, `_conjoined`): a greeting, which a receipt keeps (收到，祝好) and an assent does not
# (好的 周末愉快: talk to one person).
_WISH = (
    r"(?:(?:工作|学业|学习|生活|一切|万事|身体)+(?:顺利|愉快|进步|如意|健康)|阖家(?:幸福|欢乐)|天天开心"
    r"|(?:周末|节日|新年)(?:愉快|快乐))"
)
_WISHES = rf"顺?祝(?:您|大家|各位)?(?:{_WISH}|好|安好|顺利|商祺|时祺|愉快|开心|平安)+|{_WISH}"
# (唔该, Cantonese "thanks", is one of them: 明白，唔該Sarah — the one thanked may follow it; so is
# 感恩, the thanks Taiwan and Malaysia type after a receipt: 收到了，感恩 🙏, 已收到，感恩您的来信 —
# alone it thanks, and thanks alone confirm nothing; 感恩节 runs on past the grammar.)
_THANKS = re.compile(
    r"(?:非常|十分|万分|太)?(?:谢谢|感谢|多谢|感恩|辛苦|有劳|费心|唔该|thanks|thank you|thx)"
    r"(?:您|大家|各位|啦|了|哈)?"
    r"|麻烦(?:您|大家)?了"
    r"|放心吧?"
    r"|(?:的)?(?:辛勤|辛苦)?(?:提醒|通知|告知|关心|支持|指导|分享|付出)(?:了|啦)?"
)
# The particles that end a sentence beside a confirmation, as jieba's dictionary does not tag
# them (the ones it tags y, a modal particle — 呀, 啦, 嘛, 嘞, 呐, 哇 — are read by that tag:
# `_tagged_particle`).
_PARTICLES = re.compile(
    r"(?:哈+|了|哦|滴|咯|喽|哟|吖|～|~|的|嗯|物业"
    # the same particles as they are also typed: 呦 (哟), 嗷 (哦), 捏 (呢), 撒 (噻), 咧 (嘞)
    r"|呦|嗷|捏|撒|咧|嘿嘿"
    # the finals of Cantonese and Taiwan (`_DIALECT_FINALS`), one class, after any token: 好喔,
    # 谢谢喔, and after an English ack (ok喇), which no formula carries them on
    rf"|{_DIALECT_FINALS}"
    r"|噻)"  # Southwest Mandarin's final (收到噻, 晓得噻), which 撒 types
)
# "I" and "we" as persons (the subject of a promise too: 我会准时参加, 臣遵旨), longer forms first.
_PERSONS = "(?:我|俺|咱)们?(?:这边)?|朕|本宫|哀家|寡人|臣妾|臣|在下|小的|老夫"
_SUBJECT = re.compile(rf"本人|阿拉|{_PERSONS}")
# The English acks (OK, got it, noted …), a word of their own however the text around them is
# written: alone (`_english_ack`) or among Chinese tokens (收到OK啦, 好的 noted), one pattern.
_EN_ACK = (
    r"got it|noted with thanks|with thanks|well noted|noted|acked|ack|received|roger that|roger|copy that|understood"
    r"|acknowledged|will do|ok|okay|sure|thanks|thank you|thx|ty|yes|get it|sd|yep|will comply|well received"
    # Tagalog, as the Philippines types its acks among English ones: sige (OK, go ahead: Sige po,
    # salamat!) and salamat (thanks: Noted, salamat po.)
    r"|sige|salamat"
)
_EN_RE = re.compile(rf"(?<![a-z])(?:{_EN_ACK})(?![a-z])")
# The one an English ack answers, by the title one calls a superior (Noted sir, Noted, sir.,
# Yes sir., noted boss, Noted, ma'am., noted maam): the vocative of 收到领导 / 好的老师 in English —
# a title, not a name (Noted Maya! greets one person by name and goes on), read only beside an ack
# phrase (`_english_ack`).
_EN_ADDRESS = re.compile(r"(?<![a-z])(?:sir|boss|ma['’]?am)(?![a-z])")
# Tagalog's po, the particle of respect that rides on any reply to an elder or a superior (Noted po,
# Okay po, salamat!, Noted po sir.): politeness, like the title, read only after an ack phrase — a
# reply that goes on (Okay po. Available ako ng 2:00 PM.; Okay na po) is read no further than before.
_EN_POLITE = re.compile(r"(?<=[a-z.,!~ ])\s*po(?![a-z])")
_GREETING = re.compile(
    r"(?:早上|上午|中午|下午|晚上|大家|各位|老师们?|领导们?|您)好|早安|晚安|(?:大家|一起)?加油"
    r"|(?:明天|明早|明晚|周[一二三四五六日天]|下周|会上|一会儿?|待会儿?|到时)见|不见不散"
    rf"|{_WISHES}"
)
_TOKEN_KINDS = (
    ("ones", _ONES),
    ("confirm", _CONFIRM),
    ("assent", _ASSENT),
    ("done", _DONE),
    ("check-in", _CHECK_IN),
    ("pledge", _PLEDGE),
    ("thanks", _THANKS),
    ("particle", _PARTICLES),
    ("short", re.compile(f"[{_SHORT}]")),
    # "I" and "we" (我知道了, 我们马上落实), also as the dialects and a joke say it: 俺, 咱, 阿拉, 朕
    # and as a joke plays at court: 朕, 本宫, 哀家, 寡人, 臣, 在下, 小的, 老夫 (朕知道了, 臣遵旨)
    (
        "subject",
        _SUBJECT,
    ),
    # a greeting, a cheer, a farewell or a wish beside a receipt (收到，晚安; 老师好，收到; 收到，明天见;
    # 收到，祝好)
    ("greeting", _GREETING),
    # the group addressed (大家, 各位, 家人们, 姐妹们) or one title of it (老师)
    (
        "vocative",
        re.compile(r"大家|各位|领导们?|老师们?|(?:家人|姐妹|兄弟|小?伙伴|同事|同学|朋友)们"),
    ),
    # the message received, named beside 收到 (您的邮件我已收到, 已收到您的来信)
    ("message", _YOUR_MESSAGE),
    # Cantonese clipped assents and "noted" (明喇, 我知喇; 记下了), read as assents
    ("assent", _CLIPPED),
    ("assent", _NOTED),
    # an English ack among Chinese tokens (收到OK啦); the thanks of `_THANKS` read first (谢谢thx)
    ("assent", _EN_RE),
)
_SPLIT = re.compile(SEPARATORS + "+")
_HOUSE_NUMBER = re.compile(r"(?<=[0-9])-(?=[0-9])")
_BRACKETED_NUMBER = re.compile(r"[(（]([0-9]{1,2})[)）](?=[班组队号楼栋室床])")
_NUMBER = re.compile(r"[0-9]{1,4}|[一二三四五六七八九十两]{1,3}")
_PART_MAX = 40
# "Oh" is one interjection typed two ways: 噢 reads as 哦 (噢明白了, 好的谢谢噢); Taiwan's 喔 opens
# a reply as that "oh" (`_OH`) but ends one as its plain softener (`_DIALECT_FINALS`: 好的喔);
# "you" is one person, polite or plain: 你 reads as 您 (你好, 你的邮件, 麻烦你了).
_TYPED = str.maketrans("噢你", "哦您")
ACK_EMOJI = frozenset(
    "强 ok 抱拳 握手 胜利 拳头 鼓掌 合十 爱心 好的 666 "
    "👍 👌 ✅ ✔ ☑ ✔️ 🙏 💪 🌹 🌷 💐 ✌ 🫡 🤝 👏 🆗 ⭕ 🙋 🙋‍♂️ 🙋‍♀️ 💯 🉑 ❤ 😊 🙂 😄".split()
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[a-z]{2}")
# Kana count as words in a run of two or more (a Japanese name: 藤原ノエマ); one alone is
# a stroke of a kaomoji (ヾ(◍°∇°◍)ﾉﾟ), decoration like the rest of it.
_WORDY = re.compile(rf"[\u4e00-\u9fffa-z0-9]|[{KANA}]{{2}}")
_LONE_KANA = re.compile(rf"(?<![{KANA}])[{KANA}](?![{KANA}])")
_SYMBOLS = re.compile(rf"[^\u4e00-\u9fffa-z0-9~～‐{KANA}]")  # ‐ joins a house number (3-402)
# A Latin name is a word or two (Tom, zhang wei): a text of Latin words only, none of them an
# English ack's, is read by the Chinese grammar (okk, 1 tom) only when it is that short.
_EN_NAME_WORDS = 2
_EN_SIGNED = re.compile(r"^(.+?)\s*[-—–(（/]\s*([a-z]+(?: [a-z]+)?)\s*[)）]?$")
_LATIN_WORD = re.compile(r"[a-z]+")
_EN_PUNCT = re.compile(r"[\s.,!?;:~\-—_+()\[\]\"'“”‘’/]+")


def ack_cues(folded: str, emoji: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The cues when `folded` (mentions and emoji removed) is only an acknowledgement, else ().

    `emoji` are the stickers and emoji removed from it: alone, they ack only when every one
    of them means "ok" ([强], 👌, 🙏 …) — [捂脸][捂脸] is a reaction, not a confirmation.
    """
    return _read(folded, emoji)[0]


def declined(folded: str, emoji: tuple[str, ...] = ()) -> str:
    """Why a reply that reads as confirmations is not an ack ("" when it is one, or is not
    read as confirmations at all) — for `jianfu classify --explain`."""
    return _read(folded, emoji)[1]


def _read(folded: str, emoji: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
    """(the ack cues, or () with why a reply made of confirmations is declined)."""
    cues, why, _ = _reading(folded, emoji)
    return cues, why


def acts_on(signature: str) -> bool:
    """Whether a signature split off a reply opens on an adverb of urgency (马上通知导管室, 立即
    前往医技中心): the unit named is what a pledged act is done to, not who signs."""
    urgency = _URGENCY.match(signature)
    return urgency is not None and 1 < urgency.end() < len(signature)


def replies_itself(folded: str) -> bool:
    """Whether `folded` is itself a reply the ack grammar reads whole (确认已收到，会监督家庭练习:
    a receipt and a pledge), said by the one who received — not one that names the group it
    speaks to (大家确认收到, 各位确认收到: the readers addressed, told what to post) or a name (张伟确认收到:
    a bare name may be the one asked; a signed reply is `policies.reply`'s to read), nor one with
    Latin words, which the grammar may read as names (pls reply 收到 to confirm: an order)."""
    if _LATIN.search(folded):
        return False
    cues, _, kinds = _reading(folded, ())
    return bool(cues) and not {"vocative", "signature"}.intersection(kinds)


def _reading(folded: str, emoji: tuple[str, ...]) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    """`_read`, with the kinds of the tokens read (() when the text is not read token by token)."""
    if len(folded) > _PART_MAX:
        return (), "", ()
    folded = _plain_numbers(folded).translate(_TYPED)
    field = field_signature(folded)  # "收到 商户：老王烧烤": the shop signs with a label
    if field is not None:
        folded = field.body
    pieces = [p for p in _SPLIT.split(folded) if _WORDY.search(p)]  # kaomoji are decoration
    if not pieces:
        return ("ack:emoji-only",) if emoji and all(e in ACK_EMOJI for e in emoji) else (), "", ()
    if _LATIN.search(folded):
        english = _english_ack(folded) if not _CJK.search(folded) else None
        if english is not None or _latin_words(folded) > _EN_NAME_WORDS:
            return english or (), "", ()  # "OK, but which template…": no ok and five names
        signed = split_signature(folded)
        if signed.signature and not _CJK.search(signed.body):  # "got it —财务科张伟"
            english = _english_ack(signed.body)
            if english:
                return (*english, "ack:signed"), "", ()
            if english is not None:  # "OK, but which template…～王芳": its words are not a name's
                return (), "", ()
    kinds = _read_pieces(pieces)
    if kinds is None:
        return (), "", ()
    if field is not None:
        kinds.append("signature")
    if (
        emoji
        and all(e in ACK_EMOJI for e in emoji)
        and set(kinds) == {"signature"}
        and len(kinds) <= _SIGNERS_MAX
        and not _SAID.search(folded)
        and is_marked(folded)
    ):
        return ("ack:emoji-only", "ack:signed"), "", tuple(kinds)  # "[强]-办公室王芳"
    evaluation = _EVALUATION.search(folded)
    why = f"evaluation: {evaluation.group()}" if evaluation else _to_a_person(folded, pieces, kinds)
    return ((), why, tuple(kinds)) if why else (_verdict(kinds), "", tuple(kinds))


def _plain_numbers(folded: str) -> str:
    """Numbers as the grammar reads them: a house number's dashes (9-1-502) not separators, a
    class number out of its brackets (二（3）班 → 二3班)."""
    if "(" in folded or "（" in folded:  # a template's sub calls into Python: only when it can
        folded = _BRACKETED_NUMBER.sub(r"\1", folded)  # match
    return _HOUSE_NUMBER.sub("‐", folded)


# 完毕, "over", as a radio reply ends (收到，完毕; 收到。马上办。完毕。): a piece of its own after the
# reply, which it signs off and adds nothing to — alone it confirms nothing, and glued to a verb it is
# the report of a task finished (处理完毕, `_DONE`; 消息收到完毕: the reception finished).
_OVER = "完毕"


def _read_pieces(pieces: list[str]) -> list[str] | None:
    """The kinds of every piece's tokens in turn; None when some piece is not in the grammar."""
    kinds: list[str] = []
    vowed = False
    words = [_SYMBOLS.sub("", _LONE_KANA.sub("", p)) for p in pieces]
    read: list[list[str] | None] = []
    for index, piece in enumerate(words):
        parsed = _parse_piece(piece)
        if parsed is None and is_unit_before_name(piece, words[index + 1 : index + 2]):
            parsed = ["signature"]  # "北二集司 小林", "质检 小周": a unit of any name, then who
        if parsed is None and piece[:2] == "我是" and is_self_named(piece):
            parsed = ["signature"]  # "我是黄丽": who speaks, said in full
        if parsed is None and index and piece == _OVER:
            parsed = ["particle"]  # 收到，完毕: the radio's "over", the reply signed off
        if parsed is None and _may_vow(piece) and _vows(piece):
            parsed, vowed = ["pledge"], True
        if parsed is None:
            parsed = _glued_tail(piece)
        read.append(parsed)
    unread = [index for index, parsed in enumerate(read) if parsed is None]
    noticed = _notice_thanked(words, read)
    if unread:
        # One piece beside a receipt may be read by its words' parts of speech: the pledge
        # scheduled (明天早上按时到, 明天交) or the thanks for an act (感谢同步, 感谢告知与协助).
        receipt = any(_RECEIPT_KINDS.intersection(parsed) for parsed in read if parsed)
        confirmed = noticed is not None or any(
            _CONFIRMING.intersection(parsed) for parsed in read if parsed
        )
        said = (
            _said_beside(words[unread[0]], receipt=receipt)
            if confirmed and len(unread) == 1
            else None
        )
        if said is None:
            return None
        read[unread[0]] = [said]
        vowed = vowed or said == "pledge"
    if noticed is not None and any("pledge" in parsed for parsed in read if parsed):
        read[noticed] = [*(read[noticed] or ()), "confirm"]  # the thanks for it is its receipt
    for parsed in read:
        kinds.extend(parsed or ())
    if vowed and not _CONFIRMING.intersection(kinds):
        return None  # a vow pledges to do what a confirmation took in: alone it tells a plan
    return kinds


# The thanks for the notice itself — its reminder, its notice, its telling (谢谢老师提醒, 谢谢老师的通知,
# 感谢告知) — said by one who read it, to the one who posted it; beside a pledge to act on it (谢谢
# 提醒，我会注意的; 谢谢老师的通知，我会做好准备的; 谢谢老师提醒，我马上修改调整) it is the reply's receipt,
# as 收到 is: the pledge then reads as it does after 收到 — generic, or a plan (谢谢提醒，我会更新一下
# 时间表: an object, `other`). Thanks for what else one did (谢谢老师的解答) and thanks alone confirm nothing.
_NOTICE_THANKED = re.compile(r"(?:提醒|通知|告知)(?:了|啦)?$")
_THANKING = frozenset(("thanks", "vocative", "signature", "particle"))


def _notice_thanked(words: list[str], read: list[list[str] | None]) -> int | None:
    """The index of a piece that thanks for the notice itself (`_NOTICE_THANKED`), if any."""
    return next(
        (
            index
            for index, (word, parsed) in enumerate(zip(words, read, strict=True))
            if parsed
            and "thanks" in parsed
            and _THANKING.issuperset(parsed)
            and _NOTICE_THANKED.search(word)
        ),
        None,
    )


def _said_by_tags(piece: str) -> str | None:
    """A piece beside a receipt that the token grammar cannot read, read by its words' parts of
    speech (jieba's dictionary): "pledge" for a pledge or one act after the time it is for —
    time words first (明天早上按时到, 明天交, 下午提交), with the hour said back (明早八点到, 明早十点)
    or a deadline (今晚前补完), then what `_PLEDGE` reads, arriving, or one verb as a vow takes it;
    "thanks" for the thanks for two acts joined by 与 / 和 (感谢告知与协助). A person, an object or a
    second act is a plan of its own (收到，我下午三点前把表发你): None."""
    subject = _SUBJECT.match(piece)
    body = piece[subject.end() :] if subject else piece
    if not body:
        return None
    passed = _passed_on(body)
    if passed:
        return passed
    thanks = _THANKS.match(body)
    if thanks and thanks.end() < len(body):
        if "您" in thanks.group():
            return None  # 谢谢您惦记着: thanks to one listener for what they did, talk
        acts = tag_words(body[thanks.end() :])
        verbs = [word for word, flag in acts if flag.startswith("v")]
        joined = all(flag.startswith("v") or flag in ("c", "p") for _, flag in acts)
        if joined and len(verbs) == 2 and acts[0][1].startswith("v"):
            return "thanks"  # one act thanked for is `_THANKS`'s to read (谢谢告知, 感谢分享)
        return None
    return _scheduled(body)


def _scheduled(body: str) -> str | None:
    """ "pledge" when `body` is the time a pledge is for, then the pledge (`_said_by_tags`)."""
    tagged = tag_words(body)
    times = 0
    while times < len(tagged) and _is_time(*tagged[times]):
        times += 1
    if not times or tagged[0][0][0] not in _DAYS_AHEAD:
        return None  # 正在开会, 刚才看了: a time that is now or past tells a state, not a schedule
    # the hour said with the day (明早八点, 今晚凌晨2点: a number, then the 点 of the clock) and
    # the locality that makes it a deadline (今晚前, 明天之前: tagged f)
    at = times
    while at < len(tagged) and (tagged[at][1] == "m" or tagged[at][0].isdigit()):
        at += 1
    clock = (
        at > times
        and tagged[times][0][0].isnumeric()
        and tagged[at - 1][0].endswith(("点", "点半"))
    )  # a number (八, 2), not the question's 几 (明天几点集合？)
    if not clock:
        at = times
    if at < len(tagged) and tagged[at][1] == "f":
        at += 1
    if at == len(tagged):  # 收到，明早十点: the hour said back; 收到，明天: no more
        return "pledge" if clock else None
    rest = body[sum(len(word) for word, _ in tagged[:at]) :]
    if rest[:1] in _VOW_MODALS:
        rest = rest[1:]  # 会按计划执行: the modal of the vow before what the pledge reads
    pledged = _read_tokens(rest)
    if pledged and {"pledge", "check-in"} & set(pledged) <= {"pledge", "check-in", "particle"}:
        return "pledge"  # 会准时到, 八点到: the pledge, or arriving when asked
    # one act after the time (明天交); an adverb before it is the pledge's to read (明天马上交:
    # `_PLEDGE`), not the dictionary's, which tags 先 and 同意 adverbs too
    return "pledge" if _one_act(tagged[at:]) else None


def _is_time(word: str, flag: str) -> bool:
    """A time word by its tag, or a word the dictionary glued of two (今天下午, tagged a name)."""
    if flag == "t":
        return True
    tags = word_tags()
    return len(word) == 4 and tags.get(word[:2]) == "t" == tags.get(word[2:])


# A task in hand, said in the progressive: 正在 (or 已在) before the act, 中 after it.
_IN_HAND = re.compile("已经?在|正在?")


def _in_progress(piece: str) -> str | None:
    """ "pledge" for a task in hand in the progressive (正在执行, 处理中, 安排中): the progressive's
    在 or its 中, and one act of the done-it family, nothing else — any other verb tells a state
    (正在开会, 正在休息, 正在下载中)."""
    opened = _IN_HAND.match(piece)
    start = opened.end() if opened else 0
    end = len(piece) - piece.endswith("中")
    if (start, end) == (0, len(piece)) or start >= end:
        return None
    words = tag_words(piece[start:end])
    return "pledge" if len(words) == 1 and _done(words[0][0]) else None


def _said_beside(piece: str, *, receipt: bool) -> str | None:
    """The one piece beside a confirmation the token grammar cannot read, read by its words' parts
    of speech: beside a receipt, a pledge scheduled or thanks for two acts (`_said_by_tags`); beside
    a receipt or an assent, a pledge's tail (`_pledged_tail`: 收到，马上看; 好的，这就开始), thanks
    for one act (`_thanked_for`: 好的，谢谢老师的解答) or a task in hand (`_in_progress`: 了解，正在执行)."""
    return (
        (_said_by_tags(piece) if receipt else None)
        or _pledged_tail(piece)
        or _thanked_for(piece)
        or _in_progress(piece)
    )


def _thanked_for(piece: str) -> str | None:
    """Thanks for one act of the one thanked, named by a title, kin word or name (谢谢老师的解答,
    谢谢嫂子分享, 感谢老师引导) or understood (感谢同步): "thanks" when, after the thanks, there are
    only that person, the 的 joining them, adverbs (辛苦, 快速) and one act — a done-it verb, or a
    verb by its tag of more than one character (谢谢亲: 亲 is who, "dear", not an act). Thanks to
    "you" is talk to one listener (谢谢您的回复); a thing thanked for (谢谢老板的红包) is no act."""
    thanks = _THANKS.match(piece)
    if not thanks or thanks.end() == len(piece) or "您" in piece:
        return None
    words = tag_words(piece[thanks.end() :])
    at = 1 if words[0][1] in ("n", "nr") and len(words) > 1 else 0  # the one thanked
    if words[at : at + 1] == [("的", "uj")]:
        at += 1
    while at < len(words) - 1 and words[at][1] in ("d", "a", "ad"):
        at += 1  # 辛苦整理, 快速响应: how it was done
    if at != len(words) - 1:
        return None
    word, flag = words[at]
    return "thanks" if _done(word) or (flag.startswith("v") and len(word) > 1) else None


# A confirmation's tail that pledges by its shape (收到，马上看; 收到，我这就看; 收到，立即处置; 收到，马上
# 行动): "I" may open it, then the adverbs of urgency and certainty, a closed class the dictionary
# tags unevenly (立马 ns, 这就 r + d; 一定, 抓紧: 收到，一定遵守; 收到，抓紧落实) — alone, of two
# characters or more, they pledge the act understood (收到，抓紧; 好的，一定) — then one act of
# carrying a notice out, or two (马上跟进处理,
# 马上去办: 去 before a done-it verb is its purpose), with the particles that end a sentence and a
# complement of its own (一下, 到位). An act is a verb by its tag, or a done-it verb (`_DONE`: 落实
# is tagged an adjective); a verb with its object built in (吃药, 下班: the second character a noun)
# is a personal act, no formula, and going or coming (来 or 去 at either end: 去取, 回来) goes to
# someone. What it is done to may be the notice itself (马上学习文件精神); anything else is task
# content — what the act is done to, when, where or for whom (收到，马上通知导管室; 收到，这就为您
# 安排), a number, a negation or a question (马上看吗).
_URGENCY = re.compile(
    r"(?:马上|立马|立刻|立即|即刻|这就|就|准时|按时|及时|尽快|随时|坚决|务必|积极|第一时间"
    r"|一定|抓紧)+"
)
_COMPLEMENTS = frozenset("一下 到位 完毕".split())
# The verbs that set about the work, the act begun after a confirmation: 开始 (开始处理, 开始工作)
# and 动手, "to put one's hand to it" (收到，这就动手; 接到了。动手。), which the dictionary tags a
# noun, and 开工, the work begun (了解。开工。; 收到，马上开工; 明白，开工。) — what it begins is never
# named: 收到，开工前有 3 件事 is a time and a plan.
_BEGIN = ("开始", "动手", "开工")
_NOTICE_OBJECT = re.compile(
    r"(?:这个|这项|此项?|该|本|相关|上级|领导|会议)?"
    r"(?:通知|文件|精神|要求|指示|公告|规定|部署|安排|任务|工作)+(?:内容)?"
)
_ACTS_MAX = 2
# 先, "first": the act taken up before anything else (收到，我先处理一下; 好的，我先处理; 明白，我先
# 动手了) — an adverb of order, read where the urgency adverbs are, and held to the same tail: an
# object, a person served, a count or a one-character act (我先查一下…记录, 我先给你一个排期草案,
# 我先去找10个种子用户) make it a plan of one's own, `other`. Alone (收到，先) it pledges nothing.
_FIRST = re.compile("先")
# The one a pledged act is done for, before the act: 为您 (马上为您处理, 这就为您安排) — the asker
# served, as 您 is thanked; 给您 before an act hands a thing over (马上给您发货) and stays task talk.
_FOR_YOU = ("为", "您")


def _pledged_tail(piece: str) -> str | None:
    """Whether `piece` pledges ("pledge"): "I" (optional), urgency, then one or two acts — or the
    act begun (开始处理; 开始 alone is the act). ("I" taking a matter up, 我来处理, is labelled talk
    in the look-alikes: not read.)"""
    subject = _SUBJECT.match(piece)
    body = piece[subject.end() :] if subject else piece
    urgency = _URGENCY.match(body) or _FIRST.match(body)
    begun = next((verb for verb in _BEGIN if body.startswith(verb)), "")
    if urgency is not None:
        opened = urgency.end()
    elif begun:
        opened = len(begun)
    else:
        return None
    # the adverbs alone (收到，抓紧): the act understood; 就 alone is "then"
    if opened == len(body):
        return "pledge" if begun or len(body) > 1 else None
    tagged = tag_words(body[opened:])
    if any(word in _VOW_ASKED for word, _ in tagged):
        return None  # 马上看吗: asked
    at = 0
    while at < len(tagged) and tagged[at][1] == "d" and tagged[at][0] not in _NEGATIONS:
        at += 1  # 马上好好看, but not 马上不看
    if tagged[at : at + 1] == [("去", "v")] and at + 1 < len(tagged) and _done(tagged[at + 1][0]):
        at += 1  # 马上去办: going to do it
    if [word for word, _ in tagged[at : at + 2]] == list(_FOR_YOU):
        at += 2  # 马上为您处理: the one it is done for, the asker, before the act
    acts = 0
    while at < len(tagged) and acts < _ACTS_MAX and _carries_out(*tagged[at]):
        at, acts = at + 1, acts + 1
    done_to = "".join(
        word
        for word, flag in tagged[at:]
        if word not in _COMPLEMENTS and not flag.startswith(("u", "y"))
    )
    if not (acts or (begun and urgency is None and at == 0)):
        return None
    return "pledge" if not done_to or _NOTICE_OBJECT.fullmatch(done_to) else None


def _glued_tail(piece: str) -> list[str] | None:
    """A receipt with its pledge's tail glued on, no mark between (收到马上办, 已阅立即落实): the same
    reply as 收到，马上办 — the receipts that open the piece, then `_pledged_tail` from an adverb of
    urgency of two characters or more. An assent glued to an act (好的马上拍) runs on as talk does,
    to the one who asked (a shop's chat): no formula."""
    receipt = _CONFIRM.match(piece) or _DONE.match(piece) or _CHECK_IN.match(piece)
    if receipt is None or not _urged(piece):
        return None  # no receipt first, or no adverb of urgency of two characters: no token read
    kinds: list[str] = []
    at = 0
    while at < len(piece):
        kind, end = _token_at(piece, at)
        if kind not in _RECEIPT_KINDS:
            break
        kinds.append(kind)
        at = end
    urgency = _URGENCY.match(piece, at)
    if not kinds or urgency is None or len(urgency.group()) < 2:
        return None  # 收到就是破的吗, 收到就回: a lone 就 glued on is "then", a clause of its own
    return None if _pledged_tail(piece[at:]) is None else [*kinds, "pledge"]


def _done(word: str) -> bool:
    return _DONE.fullmatch("已" + word) is not None


def _carries_out(word: str, flag: str) -> bool:
    """An act a notice asks for: a done-it verb, or a verb by its tag that is not going or coming,
    nor an answer promised (`_one_act`'s), and has no object built in (吃药: 药 a noun)."""
    if _done(word) or word in _BEGIN:
        return True  # 动手, tagged a noun, is the act begun
    if (
        len(word) == 1
    ):  # 马上睡, 马上吃, 马上跑: a bare verb of one character is the speaker's own act
        return False
    going = word in _VOW_MOTION or word[0] in "来去" or word[-1] in "来去"
    if not flag.startswith("v") or going or word in _VOW_ANSWER:
        return False
    return not (len(word) == 2 and word_tags().get(word[1], "").startswith("n"))


def _urged(text: str) -> bool:
    """Whether `text` has an adverb of urgency of two characters or more (马上, 立即; not 就)."""
    return any(len(m.group()) > 1 for m in _URGENCY.finditer(text))


# The day a schedule is for opens on 明, 今, 后 or 下 (明天, 明早, 今晚, 后天, 下午, 下周): today or
# later. 正在, 现在, 刚才, 昨天 (tagged times too) tell what is or was.
_DAYS_AHEAD = "明今后下"


# The verbs of passing a notice on, and whom it went to: 已转发给团队成员, 已通知新员工, 已转发到家长群,
# (我)通知我们班 — a recipient of nouns (a group, the people of one), not of a named place or of
# each group (至各班级群 tells the forward as a report).
_PASSED_ON = frozenset("通知 转发 转达 传达".split())


def _passed_on(body: str) -> str | None:
    """Done or pledged ("done", "pledge") when `body` passes the notice on to whom it names."""
    done = _DONE.match(body)
    if done and any(verb in done.group() for verb in _PASSED_ON):
        kind, end = "done", done.end()
    elif body[:2] in _PASSED_ON:
        kind, end = "pledge", 2
    else:
        return None
    recipient = tag_words(body[end:])
    if recipient and (recipient[0][1] == "p" or recipient[0][0] == "到"):
        recipient = recipient[1:]  # 给, 至, 向 — and 到, which the dictionary tags a verb
    if not recipient or len(recipient) > 3 or not recipient[-1][1].startswith("n"):
        return None
    fits = all(flag.startswith("n") or flag == "a" or word == "我们" for word, flag in recipient)
    return kind if fits else None


# A vow in the pledge's own grammar, read from the words' parts of speech (jieba's dictionary)
# rather than from `_PLEDGE`'s list of verbs: "I" may open it, then what commits — the modals
# 会 and 将, or 按 (as asked), and the adverbs after them (会尽快, 会认真) — then one verb, with
# adverbs and the particles that end a sentence: 已收到，会尽快修复; 知悉，按要求办; 我会好好干的;
# 我会按照要求完成 (按照, a preposition, and what it goes by) — or two acts of the pledge's own
# (`_PLEDGED_ACTS`, which jieba tags two verbs: 我会做好准备的). (A verb the pledge list has is no
# bar: 会按照要求完成 holds 照要求完成, which `_PLEDGE` finds but cannot read whole.)
# (An adverb alone commits to nothing its tag can tell: jieba tags 先 and 同意 as adverbs too.) A time, a
# count, a person, a noun or a 把 makes it a plan of its own (收到，我下午三点前把表发你): no vow.
# Nor is coming or going to someone (好，马上来, 马上去取: a listener on the way, as 好的，我马上到),
# or a reply promised later (邮件已收到，我会尽快回复: an auto-reply's content, the answer to come),
# or a vow asked: a question's final particle (会修复吗, 会参加吧 — the ones `_PLEDGE`'s parent's
# pledge stops before) promises nothing.
_VOW_ASKED = frozenset("吗 呢 吧 么".split())
_VOW_MODALS = frozenset("会 将".split())
_VOW_MOTION = frozenset("来 去 到 过来 过去 回来 回去".split())
_VOW_ANSWER = frozenset("回复 答复 回信 回电 联系".split())
_CONFIRMING = frozenset(("ones", "confirm", "assent", "done", "check-in", "short"))


def _may_vow(piece: str) -> bool:
    """Cheap first check: a vow opens on 会, 将 or 按 (its words are tagged only then)."""
    return "会" in piece or "将" in piece or "按" in piece


def _vows(piece: str) -> bool:
    """Whether `piece` is a vow: what commits, then one verb (with its adverbs and particles), or
    a pledge's two acts."""
    subject = _SUBJECT.match(piece)
    tagged = tag_words(piece[subject.end() :] if subject else piece)
    commits = 0
    while commits < len(tagged) and _commits(*tagged[commits], opened=commits > 0):
        commits += 1 + (tagged[commits][1] == "p")  # 按要求: what it goes by is no verb of its own
    if not commits:
        return False
    if _one_act(tagged[commits:]):
        return True
    rest = tagged[commits:]
    while rest and rest[-1][1].startswith(("u", "y")):
        rest = rest[:-1]  # the particles that end it (我会做好准备的)
    # two acts a pledge commits to (会做好准备); one is the tag's to read (会去: going, no vow)
    acts = "".join(word for word, _ in rest)
    return len(rest) > 1 and _VOWED_ACTS.fullmatch(acts) is not None


_VOWED_ACTS = re.compile(_PLEDGED_ACTS)  # `_PLEDGED_ACTS` after a vow's modal (`_vows`)


# The adverbs of negation: a vow of not doing (明天不交, 会不去) refuses, it takes nothing in.
_NEGATIONS = frozenset("不 没 别 未 勿 莫 不再 没有".split())


def _one_act(rest: list[tuple[str, str]]) -> bool:
    """What a vow commits to: one verb, with adverbs and the particles that end a sentence."""
    if any(word in _NEGATIONS for word, _ in rest):
        return False
    verbs = [word for word, flag in rest if flag.startswith("v")]
    if len(verbs) != 1 or _VOW_ANSWER.intersection(verbs):
        return False  # one act promised; more verbs tell a plan (会督促孩子复习: the pledge's)
    # a verb of motion, alone or glued to its one-character purpose (去取, 来拿), goes to someone
    verb = verbs[0]
    if verb in _VOW_MOTION or (len(verb) == 2 and verb[0] in "来去"):
        return False
    if any(word in _VOW_ASKED for word, _ in rest):
        return False
    return all(flag.startswith(("v", "d", "a", "u", "y")) for _, flag in rest)


def _commits(word: str, flag: str, opened: bool) -> bool:
    """A modal (会, 将) or 按 ("as asked"), then the adverbs after them: what opens a vow. 按
    may come glued to what it goes by in one dictionary word, a noun (按计划: 按 + 计划; not 按钮,
    a noun of two characters)."""
    by = word[0] == "按" and (flag == "p" or (flag == "n" and len(word) > 2))
    return word in _VOW_MODALS or by or (opened and flag == "d")


# A sticker signed by one person ("[强]-办公室王芳": a unit, then who); more names are a list
# (张伟、李娜、王芳👌), and what follows a colon is said, not signed (第1周值班：张伟👌🏻: a roster).
_SIGNERS_MAX = 2
_SAID = re.compile(r"[:：]\s*[\u4e00-\u9fffa-z0-9]")
# 好 after a degree adverb judges something (挺好的, 很好, 质量蛮好的: a review), it assents to
# nothing. (So does 好 as the complement of a verb, 收的好: the 的 before a one-character
# confirmation is no final particle, and the grammar reads no further, `_read_tokens`; the 的 of
# 谢谢您的信息 joins its thanks to the message.)
_EVALUATION = re.compile("(?:挺|很|蛮|真|太|超|非常|特别|比较|相当|还|不|最)好")
_RECEIPT_KINDS = frozenset(("ones", "confirm", "done", "check-in"))
_ASSENT_KINDS = frozenset(("assent", "short"))
# Thanks or a particle addressed to one person: 谢谢您, 好的亲, the 呢 a clerk softens an answer
# with (好的呢, 嗯嗯好的呢), and the 哦 / 哈 it ends on (好的谢谢噢, 没问题哈): said to the one who
# asked, not to a notice. (A receipt keeps them: 收到哈 acknowledges whoever posted.)
_TO_ONE = re.compile(r"[您呢捏]|亲|(?<![哈])[哦哈嗷][^\u4e00-\u9fffa-z0-9]*$")
_OH = re.compile(r"^[哦喔]")  # "oh, (now I see)": news taken in from the one who told it
_ASSENTS_MAX = 2  # 好的，明白了 (好的好的 is one: typed twice); 好好好, 好吖好吖好吖 react


def _to_a_person(folded: str, pieces: list[str], kinds: list[str]) -> str:
    """Why a reply of confirmations answers one person in a dialogue, not a notice ("" if not).

    A receipt (收到, 已阅, 1, 已转发, 到) acknowledges a notice however it is said. An assent
    (好的, 明白, 没问题) answers whatever one was told; it acknowledges a notice when it is
    said to the group — not when it speaks to one "you" (好的谢谢您, 好的亲, or the 呢 of a
    clerk's 好的呢), opens with the "oh" of someone just told something (哦好的知道了), goes on
    past the formula (好吖好吖好吖, 嗯明白了好的: the listener's 嗯 assents too), is said again
    across a pause in another length, as a listener says it in talk (好好，好, 嗯，嗯嗯), or says
    "I" without the 了 of news just taken in: 我知道, 我没问题 tell how the speaker stands,
    我知道了 takes in what was said. Nor is a reply that opens with "I" and tells, in the perfect, what the
    speaker did (我已经提交了, 我收到的呀, 我按时到了学校): that is narration to one listener —
    unless it goes on to promise (我们已经收到，会尽快处理: the receipt, then a pledge with 会).
    (A formula typed twice, 好的。好的 or 嗯嗯，嗯嗯, is the formula said: `undouble` reads it once.)
    """
    promised = "pledge" in kinds and _PROMISE.search(folded) is not None
    if kinds[0] == "subject" and not _ASSENT_KINDS.intersection(kinds) and not promised:
        perfect = _perfect(folded)
        if perfect:
            return f"narrated: I + {perfect}"  # 我已经提交了: told to the one who asked
    to_one = _TO_ONE.search(folded)
    if _RECEIPT_KINDS.intersection(kinds) == {"done"} and "已" not in folded and to_one:
        return f"a result told to one listener: {to_one.group()}"  # 处理好了哦, 弄好了呢
    if _RECEIPT_KINDS.intersection(kinds) or ("short" in kinds and _SHORT_RECEIPT.search(folded)):
        return ""
    assents = sum(kind in _ASSENT_KINDS for kind in kinds) + len(_LONE_UM.findall(folded))
    said = {_SYMBOLS.sub("", piece) for piece in pieces}  # the same word twice is typed twice
    said_again = len(said) > 1 and len({frozenset(word) for word in said}) == 1
    reasons = (
        (
            "subject" in kinds and not _NEWS.search(folded) and not _promises(folded),
            "I without 了",
        ),
        (to_one is not None, f"to one listener: {to_one.group() if to_one else ''}"),
        (_OH.match(folded) is not None, "oh: news taken in"),
        (assents > _ASSENTS_MAX, f"{assents} assents"),
        (said_again, "said again across a pause"),
        ("greeting" in kinds, "a greeting"),  # 好的，晚安: talk; 收到，晚安 keeps its receipt
    )
    return next((f"assent to a person ({why})" for fired, why in reasons if fired), "")


_SHORT_RECEIPT = re.compile("[收阅]")
# What the speaker did, told: 已经, or a particle jieba tags of aspect — 了 (ul), 过 (ug) — or the
# 的 (uj) of 是…的 that tells how a past act went (我已经提交了, 我收到过, 我收到的呀).
_PERFECT = re.compile("已经")
_ASPECT = frozenset(("ul", "ug", "uj"))


def _perfect(folded: str) -> str:
    """The mark of the perfect in `folded` ("" when none): 已经, or a particle of aspect."""
    found = _PERFECT.search(folded)
    if found:
        return found.group()
    return next((word for word, flag in tag_words(folded) if flag in _ASPECT), "")


# The listener's lone 嗯 assents on its own (嗯嗯 already reads as one assent).
_LONE_UM = re.compile("(?<!嗯)嗯(?!嗯)")
# The 了 of a change of state, as it is typed: 了, 啦 (了 + 啊), Cantonese 喇, 咯 and 喽 (了 + 哦).
# After "I" it is news just taken in (我知道了, 我知道啦); after 好 it tells a state (好了, 好啦, 好喇,
# 好咯: ready, fixed, done, enough), not an assent.
_NEWS = re.compile("[了啦喇咯喽]")
# The 了 of Mandarin's 得了 (得了, 得啦: "that will do", said to end a talk), which Cantonese's 得喇 is not.
_ENOUGH = re.compile("[了啦]")

# "I" promising (我会准时参加, 我们一定按时参加) or taking an order (臣遵旨, 小的遵命) tells no
# state; "I" + 马上 answers the one who asked (好的，我马上到: a courier), as 好的 alone does.
_PROMISE = re.compile("会|将|一定|保证|遵命|遵旨|领旨|得令")


def _promises(folded: str) -> bool:
    """Whether "I" (the subject token itself) stands right before a modal or an order taken — or
    before who "we" are, then the modal: a parent answering the class's notice names the
    parents the pledge speaks for (我们家长一定配合), a title or kin word the
    grammar reads as a signature, between the subject and its modal."""
    return any(
        _PROMISE.match(folded, m.end() + named)
        for m in _SUBJECT.finditer(folded)
        for named in range(_NAMED_WE + 1)
        if not named or is_signature(folded[m.end() : m.end() + named], whole=False)
    )


_NAMED_WE = 2  # 家长: who "we" are, in a word


def _verdict(kinds: list[str]) -> tuple[str, ...]:
    confirms = [k for k in kinds if k in ("ones", "confirm", "assent", "done", "check-in", "short")]
    if not confirms and "pledge" not in kinds:
        return ()
    if "number" in kinds and ("ones" in kinds or "signature" not in kinds):
        return ()  # 1、2、3: counting, not a class number beside a name
    cues = []
    first = {"ones": "ack:ones", "check-in": "ack:check-in", "done": "ack:done"}
    cues.append(next((first[k] for k in confirms if k in first), "ack:formula"))
    if "signature" in kinds or "vocative" in kinds:
        cues.append("ack:signed")
    if "pledge" in kinds or "thanks" in kinds or "greeting" in kinds:
        cues.append("ack:politeness")
    return tuple(cues)


def _parse_piece(piece: str) -> list[str] | None:
    """Read one punctuation-free piece as tokens; None when some part is not in the grammar."""
    return (
        _read_tokens(piece)
        or (_named_before_you(piece) if "您" in piece else None)
        or (["done"] if _RESULT_END.search(piece) and _result_told(piece) else None)
    )


# The done-it family said by its result: a done verb (one `_DONE` takes after 已) with the
# complement 好 or 完, in the perfect (办好了, 弄好了, 交完了) or after the 已经 of the formula
# (已经弄好): what the notice asked is done. Read by the words' parts of speech, since the
# dictionary glues the complement to some verbs (办好, 填好) and not to others (弄 好).
# 快弄好了 (almost), 还没弄好 and 想好了 (not a done verb) are no result.
_RESULT_END = re.compile("[好完]了?$")


def _result_told(piece: str) -> bool:
    if len(piece) > 6:
        return False
    tagged = tag_words(piece)
    perfect = tagged[-1][0] == "了"
    if perfect:
        tagged = tagged[:-1]
    formula = (
        bool(tagged) and tagged[0][1] == "d" and _DONE.fullmatch(tagged[0][0] + "办") is not None
    )
    if formula:
        tagged = tagged[1:]
    words = "".join(word for word, _ in tagged)
    if not (perfect or formula) or len(words) < 2 or words[-1] not in "好完":
        return False
    verb = words[:-1]
    if tagged and tagged[-1][0] in ("好", "完"):
        tagged = tagged[:-1]  # the complement as a word of its own (弄 好, 发 完)
    verbs = [word for word, flag in tagged if flag.startswith("v")]
    return len(verbs) == 1 and _DONE.fullmatch("已" + verb) is not None


def _named_before_you(piece: str) -> list[str] | None:
    """A marked name glued before the "you" it greets or whose message it received (三组李四您好,
    财务科张伟您的邮件已收到): the longest reading of the name swallows 您 (李四您), and what is
    left no longer parses. The shortest name that leaves a greeting or a confirmation wins."""
    for end in range(2, min(len(piece) - 1, SIGNATURE_MAX) + 1):
        head = piece[:end]
        if not is_marked(head) or not is_signature(head, whole=False):
            continue
        rest = _read_tokens(piece[end:])
        if not rest or "signature" in rest:
            continue
        if _verdict(rest):
            return ["signature", *rest]
        if set(rest) == {"greeting"}:
            return ["vocative", *rest]  # the one greeted, by name
    return None


def _read_tokens(piece: str) -> list[str] | None:
    """`_parse_piece` read token by token (and a name glued before them)."""
    if _NUMBER.fullmatch(piece) and not _ONES.match(piece):
        return ["number"]
    if piece == piece[0] * len(piece):
        if piece[0] in _SHORT_ALONE:
            return ["short"]  # 好, 中中中
        once = _parse_piece(piece[0]) if len(piece) > 1 else None
        if once and _RECEIPT_KINDS.issuperset(once):
            return once  # 到到到: a one-character receipt said over is the receipt
    kinds: list[str] = []
    position = 0
    while position < len(piece):
        kind, end = _token_at(piece, position, tagged=True)
        if kind is None:
            tail = _signature_end(piece, position)
            if tail is None:
                return _answered_roll_call(piece) if position == 0 else None
            if _glued_object(piece, position, tail, kinds):
                return None
            kind, end = "signature", tail
        if _out_of_place(piece, kind, position, end, kinds):
            return None
        kinds.append(kind)
        position = end
    named = "signature" in kinds or "vocative" in kinds
    if "short" in kinds and named and not _signs_receipt(piece, kinds):
        return None  # 老师好, 大家好: a greeting glued to a name, not a lone 好
    if kinds[:1] == ["signature"] and not _verdict(kinds):
        return _signed_before(piece) or kinds
    return kinds


# The modal of the future (`_VOW_MODALS`: 会, 将, the one class a vow opens on) right after a name:
# the name is the subject of what will be done (老师会尽快处理, 门店将联系您) — a third person acting,
# told; a signer signs the receipt (三组李四收到) or the pledge after it, "I" its subject unsaid
# (收到，会尽快处理; 李四收到，马上落实).
_NAMED = ("signature", "vocative")


def _out_of_place(piece: str, kind: str, position: int, end: int, kinds: list[str]) -> bool:
    """Whether the token read at `piece[position:end]` breaks the reply: a lone short word where
    it cannot stand (`_no_lone_short`), 得 with Mandarin's 了 (得了: "that will do") or glued to a
    name after it (得返狗护士: "get"), the one named (a signature, a vocative) right before the
    modal of the future — 老师会尽快处理: the subject of what will be done, a third person acting —
    or a message named after a done-it and a name (已记录刘姐信息, 已转发王大哥信息): whose message
    the act was done to, its object, not a signer (三组李四通知已收到 signs: no done-it before it)."""
    if kind in _NAMED and piece[end : end + 1] in _VOW_MODALS:
        return True
    if kind == "message" and kinds[-2:] == ["done", "signature"]:
        return True
    if kind == "assent" and piece[position] == "得" and _ENOUGH.match(piece, position + 1):
        return True  # 得了, 得啦: Mandarin's "enough" (Cantonese says OK with 得喇)
    if kind in _NAMED and kinds[-1:] == ["assent"] and piece[position - 1 : position] == "得":
        return True  # 得返狗护士: 得 glued to a noun is "get" (a lone 好 glued to one greets)
    return kind == "short" and _no_lone_short(piece, position, kinds)


def _glued_object(piece: str, position: int, end: int, kinds: list[str]) -> bool:
    """Whether the name read at `piece[position:end]`, glued after the tokens before it, is what
    they speak of rather than who signs: a bare name after a formula reads as a noun ("好的方案";
    after thanks it is the one thanked, 谢谢王姐), and a unit after an urged act is what the act
    is done to (立刻去仓库, 马上通知导管室)."""
    if _urged(piece[:position]) or acts_on(piece[position:end]):
        return True
    # a particle may end the thanks before the one thanked (唔该晒 Sarah, 谢谢啦 Tom)
    after_thanks = [kind for kind in kinds if kind != "particle"][-1:] == ["thanks"]
    return bool(position) and not after_thanks and not is_marked(piece[position:end])


def _no_lone_short(piece: str, position: int, kinds: list[str]) -> bool:
    """Whether the one-character confirmation at `position` says something else: 好了, 好啦 (it
    is ready, fixed, done or enough — a state told, not assent); 收的好 (的 before a lone 好 is
    no final particle: V的好 judges, well done)."""
    if piece[position] == "好" and _NEWS.match(piece, position + 1):
        return True
    return kinds[-1:] == ["particle"] and piece[position - 1] == "的"


def _tagged_token(piece: str, position: int) -> tuple[str | None, int]:
    """A token the patterns of `_TOKEN_KINDS` do not read, read by its words' tags: a modal
    particle, adverbs before a receipt, a conjunction before a greeting."""
    if position and _tagged_particle(piece[position]):
        return "particle", position + 1
    kind, end = _adverbed_receipt(piece, position)
    return (kind, end) if kind is not None else _conjoined(piece, position)


def _adverbed_receipt(piece: str, position: int) -> tuple[str | None, int]:
    """A receipt after adverbs that jieba's dictionary tags so, none a negation (我也收到, 刚收到):
    the adverb says when or with whom it arrived; 没收到, 还没收到 say it did not. The adverbs
    are looked up word by word, longest first (no tagging of the piece)."""
    if _CONFIRM.search(piece, position + 1) is None:
        return None, position  # no receipt after it: nothing to look up
    tags = word_tags()
    at = position
    while at < len(piece):
        word = next(
            (
                piece[at : at + n]
                for n in (2, 1)
                if tags.get(piece[at : at + n]) in _ADVERBS and piece[at : at + n] not in _NEGATIONS
            ),
            "",
        )
        if not word:
            break
        at += len(word)
    receipt = _CONFIRM.match(piece, at) if at > position else None
    return ("confirm", receipt.end()) if receipt else (None, position)


# Adverbs, as jieba tags them: d, and ad for an adjective said as one (严格, 认真, 坚决).
_ADVERBS = frozenset(("d", "ad"))


def _conjoined(piece: str, position: int) -> tuple[str | None, int]:
    """A conjunction (a word jieba tags c: 并, 同时, 另外) that joins a greeting or a closing wish
    to what was said before it (非常感谢，并祝工作顺利; 收到，同时祝大家周末愉快): read with the
    greeting it opens. (A thanks after one is no greeting: 收到，但是谢谢 contrasts.)"""
    if _GREETING.search(piece, position + 1) is None:
        return None, position  # no greeting after it: nothing to look up
    tags = word_tags()
    for end in (position + 2, position + 1):
        if end < len(piece) and tags.get(piece[position:end]) == "c":
            kind, after = _token_at(piece, end)
            if kind == "greeting":
                return kind, after
    return None, position


def _tagged_particle(char: str) -> bool:
    """A one-character word the dictionary tags a modal particle (y: 呀, 啦, 嘛, 嘞, 哇, 呢 …),
    not one that asks or suggests (吗, 么, 吧: 收到吗 asks) — read after a token, as it ends what
    it follows (唔到 opens on Cantonese 唔, "not", which jieba tags y too). (The 呢 a clerk
    softens an answer with is said to one person: `_TO_ONE`.)"""
    return word_tags().get(char) == "y" and char not in _ASKING


_ASKING = frozenset("吗 么 吧".split())


def _signs_receipt(piece: str, kinds: list[str]) -> bool:
    """A name, then the one-character receipt it signs: 王局长阅, 三组李四收～ (as a reader marks
    a paper). 好 after a name greets (王老师好), and 收 or 阅 after 大家 or 老师 asks them to."""
    core = [k for k in kinds if k != "particle"]
    return (
        "vocative" not in core  # 大家阅: everyone is asked to read
        and core[-1] == "short"
        and "short" not in core[:-1]
        and piece.rstrip("~～").endswith(("收", "阅"))
    )


def _signed_before(piece: str) -> list[str] | None:
    """A name glued before its confirmation may read as one longer name (三组李四明白: 明 is a
    surname, 白 a given name; 602室家长1: 1 a number): the shortest reading of a marked
    signature followed by a confirmation wins over the name alone."""
    for end in range(2, min(len(piece), SIGNATURE_MAX + 1)):
        head = piece[:end]
        if not is_marked(head) or not is_signature(head, whole=False):
            continue
        rest = _parse_piece(piece[end:])
        if rest and "signature" not in rest and _verdict(rest):
            return ["signature", *rest]
    return None


def _answered_roll_call(piece: str) -> list[str] | None:
    """A marked signature glued before 是, the answer to a roll call (三组李四是, 602室张三是):
    是 stands only as a whole piece, so the token loop cannot end the name before it. Only 是:
    好 after a name greets (王老师好), and 行 / 中 after one judge (李四行)."""
    if len(piece) < 3 or piece[-1] != _ROLL_CALL or piece[-2] == _ROLL_CALL:
        return None
    head = piece[:-1]
    if is_marked(head) and is_signature(head, whole=False):
        return ["signature", "short"]
    return None


_TokenRows = tuple[tuple[str, re.Pattern[str]], ...]
# `_TOKEN_KINDS` by the characters their tokens start with, and the table it was read from.
_by_start: tuple[_TokenRows, dict[str, _TokenRows] | None] | None = None


def _token_kinds_by_start() -> dict[str, _TokenRows] | None:
    """Per character, the rows of `_TOKEN_KINDS` whose pattern a token can start with it, in
    their order (`policies.lead.first_chars`); None when some pattern's are not known. Read
    again whenever `_TOKEN_KINDS` is another table (the rule evidence test swaps it)."""
    global _by_start
    if _by_start is None or _by_start[0] is not _TOKEN_KINDS:
        rows: dict[str, list[tuple[str, re.Pattern[str]]]] | None = {}
        for row in _TOKEN_KINDS:
            starts = first_chars(row[1])
            if starts is None or rows is None:
                rows = None
                continue
            for char in starts:
                rows.setdefault(char, []).append(row)
        table = None if rows is None else {char: tuple(found) for char, found in rows.items()}
        _by_start = (_TOKEN_KINDS, table)
    return _by_start[1]


def _token_at(piece: str, position: int, tagged: bool = False) -> tuple[str | None, int]:
    """The longest token of `_TOKEN_KINDS` at `position`; with `tagged`, one read by its words'
    tags when none is (`_tagged_token`: the token loop's, not a signature's boundary check).
    Only the kinds a token can start with the character there are tried: the others match
    nothing there (most of a signature's characters start no token)."""
    best: tuple[str | None, int] = (None, position)
    by_start = _token_kinds_by_start()
    rows = _TOKEN_KINDS if by_start is None else by_start.get(piece[position : position + 1], ())
    for kind, pattern in rows:
        match = pattern.match(piece, position)
        if match and match.end() > best[1]:
            best = (kind, match.end())
    return _tagged_token(piece, position) if tagged and best[0] is None else best


def _signature_end(piece: str, position: int) -> int | None:
    """The end of the longest signature starting at `position` that leaves a parsable rest."""
    if not can_start_signature(piece[position]):
        return None
    greedy = signature_end(piece, position)
    if greedy is None:
        return None
    rest_ok = greedy == len(piece) or _token_at(piece, greedy)[0] is not None
    if rest_ok and is_signature(
        piece[position:greedy], whole=position == 0 and greedy == len(piece)
    ):
        return greedy
    for end in range(min(len(piece), position + SIGNATURE_MAX), position, -1):
        if end < len(piece) and _token_at(piece, end)[0] is None:
            continue  # what follows the signature must be a token: check that first, it is cheap
        if is_signature(piece[position:end], whole=position == 0 and end == len(piece)):
            return end
    return None


def _latin_words(folded: str) -> int:
    """How many Latin words a text has when it has no Chinese (0 when it has)."""
    return 0 if _CJK.search(folded) else len(_LATIN_WORD.findall(folded))


def _english_ack(folded: str) -> tuple[str, ...] | None:
    """Pure-Latin messages: every word must belong to an English ack phrase."""
    signed = _EN_SIGNED.match(folded)
    if signed and _EN_RE.fullmatch(signed.group(1).strip(" ,.!")):
        return ("ack:english", "ack:signed")
    said = _EN_POLITE.sub(" ", _EN_RE.sub(" ", folded))
    addressed = _EN_ADDRESS.sub(" ", said)
    rest = _EN_PUNCT.sub("", addressed)
    if _EN_RE.search(folded):
        if rest:
            return ()
        return ("ack:english", "ack:signed") if addressed != said else ("ack:english",)
    return None
