"""Detection quality on the corpora the project ships, and the eval commands that print it.

Floors, not targets: each is a little under what the rules reach now, so that a change that
loses ground on real text fails here (the README's detection section has the figures).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.cli import main
from bot.evaluation import VARIANTS, label_all, noise_flags, score
from bot.history.exports import read_labelled

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT / "corpora"
PROBES = sorted((ROOT / "tests" / "fixtures").glob("probe*_messages.jsonl"))
TUNED = [CORPORA / "dev_messages.jsonl"] + [p for p in PROBES if p.name != "probe9_messages.jsonl"]


def rows(path: Path) -> list[tuple[str, str]]:
    return [(text, gold) for _, text, gold in read_labelled(str(path))]


def test_real_quoted_messages_hold_their_floor() -> None:
    scores = score(label_all(rows(CORPORA / "real" / "real_messages.jsonl")))  # type: ignore[arg-type]
    assert scores.total >= 350
    assert scores.macro_f1 >= 0.89, scores.per_label
    assert scores.precision("ack_request") >= 0.94
    assert scores.precision("proof_request") >= 0.96
    assert (
        scores.accused <= 3
    )  # other lines the bot would answer as a demand (7 before issue 11's sharing round)


def test_the_look_alike_set_holds_its_floor() -> None:
    # real look-alikes of the demands (help screenshots, tests and prompts, menus, vouchers …);
    # round six added 14 (prompts to a model, channel tests, 会 + verb): 8 accused then, 2 now;
    # round five's demand-recall part added 18 met while searching for demands, 4 accused by the
    # rules before it and after it alike (two channel tests, a shared video, a signed receipt);
    # the sharing round added 23 (a picture asked to share: 朋友圈, friends, apps): 13 accused then;
    # round seven's demand-recall part added 13 met while searching for demands, 6 accused by
    # main's rules and by that round's alike (a sign-up chase, a roll call's end, a push to one
    # owner, a lost-and-found, a greeting to one, an instruction to an assistant): data, not rules;
    # the ack-recall round added 14 met while searching for acks (receipts with content, dialect
    # words in other sentences), 1 accused by the rules before it and after it alike (a booking
    # form's 预约请求已收到，门店会联系你确认 read as a reply demanded); the proof-recall round added
    # 11 (help screenshots, diagnoses, work to review, a community's photos): 4 accused then, 1 now
    # (site photos posted to a public community: no rule tells it from the group) — kept in, the
    # floor follows the set; round eight's demand-recall batch added 44 met while searching for
    # demands (channel tests, commands and orders replied with, a ping to one bot, 不需…回應, a
    # helper's photo, a leave form photographed, two locations sent to meet up): 9 accused by the
    # rules before the batch, and no rule of that round could answer them as a class (each rests
    # on one line) — kept in, the floor follows the set (macro-F1 0.76 → 0.70); the ack-typed
    # round added 37 met while searching for acks (e-mail receipts promising an answer, thanks
    # alone, receipts with content), 1 accused by main's rules and by that round's alike
    # (已收到，谢谢，我会尽快回复。: "I" promising the reply, a rule for one line) — kept in, the
    # floor follows the set (ack_request precision 0.26 → 0.25, accused 28 → 29)
    # the proof-precision round added 113 (help screenshots, vouchers, procedure and keepsake
    # photos, sights, app prompts, options, bans, reports, narratives): 23 accused by main's rules,
    # 15 now (app prompts that say what a group demand says, a narrator's third person, a story, an
    # example …) — kept in, the floor follows the set again; the test heading's 自[测检] and 冒烟
    # dropped (each the only reason for one line, test_rule_evidence): 链路自测，收到请回1 and
    # 冒烟：请回复“收到” are accused again (0.629 → 0.621, ack_request precision 0.26 → 0.24)
    # the tenth ack batch (one-line pieces round) added 9 real look-alikes of the e-mail receipt:
    # 邮件已收到，我会尽快回复。 is accused of asking for a reply, as the eighth batch's 已收到，谢谢，
    # 我会尽快回复。 is — kept in, the floor follows the set (0.636 → 0.632, ack_request precision
    # 0.267 → 0.258, accused 45 → 46)
    # pieces-guards: GROUP_ADDRESSEE's bare 们 dropped (its one line, a proof demand to one
    # applicant, was kept a demand only by 我们: 0.621 → 0.611); then 18 prompts that pin the
    # reply to 收到 and ban anything else, 13 accused by the rules before the batch (0.611 → 0.574,
    # ack_request precision 0.24 → 0.16, accused 45 → 58) — kept in, the floor follows the set;
    # a tool call banned (不要调用任何工具) answers 6 of the 13 (accused 52); 9 test messages
    # (测试，收到请回复), 2 accused before any rule (测试一下，收到请回复), answered by the test
    # heading's 一下. Rebased on the ack and proof rounds (their batches), the 639 lines: main's
    # rules 0.621 (accused 55), these 0.631 (ack_request precision 0.211, proof_request 0.429 —
    # the bare 们's line — accused 46). The habit-told batch (pieces-guards2: 33 real lines telling,
    # complaining of or asking about the practice, or speaking to one person) has 5 accused by the
    # rules before any change (ack_request precision 0.211 → 0.186, accused 44 → 49 with the
    # location batch's 693 lines) — kept in, the floor follows the set. pieces-proof2: 40 real
    # vouchers, shared pictures, sights and feeds (all other), 5 accused by the rules before the
    # batch; the voucher, sharing and feed guards by structure answer 2 (拍了照片发群里让大家帮你选,
    # 立刻拍照发群里/朋友圈疯狂安利); three meetup group photos (拍合影发群) stay accused — kept in,
    # the floor follows the set (733 lines: 0.63 → 0.615, proof_request precision 0.42 → 0.41,
    # accused 49 → 52). narrated: 56 real narratives of the practice (news, columns, stories), 2 of
    # them accused by the rules before any change (789 lines: 0.615 → 0.610, accused 52 → 54); the
    # narration guard answers 2 older ones (某网友…立马回复了“好”, 部分干部…不回复时) — kept in, the
    # floor follows the set (0.614, proof_request precision 0.41 → 0.40, accused 54 → 52).
    # reply-sure: 36 real look-alikes of the reply classes (a wish for a reply, a verification code
    # to reply with, sign-in told or described, test pings, reply-all as a mode), 6 accused by the
    # rules before the batches; the must-reply subject asked or heading its clause answers 3;
    # three descriptions of a group sign-in (在群里签到。) stay accused — kept in, the floor
    # follows the set (825 lines: 0.6079, ack_request precision 0.17, accused 52 → 55). ack-pieces:
    # 28 real look-alikes of the ack classes, none accused (853 lines: 0.608, accused 55)
    # proof-object: 57 real look-alikes in four batches (reminders to photograph, uploads told,
    # pictures named by who uploaded them, top-up screenshots), 4 accused by main's rules (three
    # reminders without a chat particle: 记得拍照打卡; one top-up's task steps) — kept in, the floor
    # follows the set (995 lines, main's rules: 0.6025, proof_request precision 0.353, accused 55);
    # PAYMENT read in either order answers the top-up (0.606, 0.364, accused 54)
    # narration2: 29 real narratives told with 有人, 纷纷, a third person or 一位 (news, blogs,
    # game and story texts, a report), 1 accused by main's rules (偷拍者…继续将偷拍照片和视频上传到
    # 群里: a third person noun, not a mark) — kept in, the floor follows the set (1024 lines:
    # 0.6028, proof_request precision 0.353, accused 55); a second look for 有人 added 14 more,
    # 1 accused (告诉群里有人发了照片 inside a quoted analogy whose 必须 asks) — kept in (1038
    # lines: 0.5992, proof_request precision 0.343, accused 56); narration's 有人 heading its
    # phrase answers 第三周…有人只在群里回复收到 (0.6017, ack_request precision 0.20, accused 55).
    # Review: a reply pinned with 只需/仅需 ("you need only reply") is a notice's softener
    # (只需回复收到即可, 仅需回复1), not a model's instruction ("reply only": 只回复, 仅回复), so three
    # prompts that say 只需回复 are accused again (0.5946, ack_request precision 0.186, accused 58)
    # notices: 35 real mass-sent SMS and e-mail texts, bot menus, votes, scams and model prompts
    # (all other), 4 accused by main's rules before any change (a dispatch's 确认请回复1, a bot's
    # 确认请回复1，修改请回复…, an SMTP test mail, a changed-number scam) — kept in, the floor
    # follows the set (1073 lines: 0.5867, ack_request precision 0.170, accused 62)
    # — and 10 real commands, offers and manuals (回复“确认”完成预约, 用户可回复…), 7 accused by
    # main's rules (1083 lines: 0.5747, ack_request precision 0.148, accused 69)
    # — kept in; the framed replies (a command, an offer, a promise, a manual, a menu) answer 9
    # (0.5908, ack_request precision 0.1778, accused 60)
    # guards (stop 27): 8 real offers of a screenshot (可附上截图, 如需沟通可截图发到群聊) and a complaint
    # (又要截图), 1 accused by main's rules — kept in; the offer read as no order, no need as any
    # negation on a modal of need, a channel's self-test and the speaker's exchange with one "you"
    # answer 5, 哪怕 read as no question accuses 1 (1091 lines: 0.5988, ack_request precision 0.186,
    # accused 57)
    # s27-dialect: 19 Cantonese / Taiwanese look-alikes and e-mail receipts with content, none
    # accused, unchanged by its particle class (with stop 27's other rounds: 1110 lines, 0.603, 56)
    # stop 28: 150 real lines in five batches (form prompts and model checks, quota and make-up
    # texts of programs, told practice from the press, notes), each kept in; with f6ecd87's rules
    # the set of 1260 scores 0.508, ack_request precision 0.138, proof_request 0.197, 99 accused;
    # stop 28's rounds answer 34 of them (0.581, 0.163, 0.333, accused 65): the floor follows the set
    # s29-proofrec: 40 real look-alikes (press narration, explainers, upload rules, quiz options, two
    # programs' one-user prompts), kept in; main's rules (1ed971e) accuse 8 of them (1300 lines: 0.557,
    # proof_request precision 0.273, accused 73) — the floor lowered to the set as collected
    # s29-looka: 117 real lines that talk about replying and photographing (press, advice, rules,
    # app UIs, prompts, tutorials), 17 accused by main's rules — kept in; the floor follows the set
    # (1377 lines: 0.550, ack_request precision 0.155, proof_request 0.267, accused 82); after the
    # rebase on s29-variants and s29-proofrec (one duplicate dropped): 1447 lines with main's rules
    # (64ea8ff) 0.536, ack_request 0.161, proof_request 0.226, accused 88; s29-looka's rounds (a
    # smoke test's heading, an example told, an interviewee's long quote) answer 5 (0.545, 0.167,
    # 0.240, accused 83): the floor follows the set
    # s30-proofp: 83 real lines that name, send or upload pictures with no trace demanded (captions,
    # reports, complaints and rules on 留痕, documents, app strings, offers, questions, sharing,
    # repair reports), 13 accused by main's rules (a8a666d) — kept in; the floor follows the set
    # (1530 lines: 0.5228, ack_request precision 0.167, proof_request 0.190, accused 96); its rounds
    # (a picture's mood — banned, suffered, optional, offered, found — and 合影 proving nothing by
    # itself) answer 6 (0.532, 0.167, 0.211, accused 90)
    # s30-acktail: 56 real receipts whose tail carries a task (a place, a number, an object, a
    # question, a third person acting), kept in; main's rules (a8a666d) read 4 as `ack` — the set's
    # first `ack` predictions, so `ack` enters its macro average with no support (0.545 → 0.407) —
    # and accuse 2 (已收到，老师正在组织回应; 已確認收到，老師會盡快處理: a state told, ack_request
    # precision 0.167 → 0.161, accused 83 → 85). The round's tail rule keeps them and answers 2 of
    # the 4 acks (a unit glued after a pledge is its object: 马上通知导管室, 立即前往医技中心); 准备进站
    # (a unit name) and 立刻执行 Task #12 (a Latin word read as a name) stay: the floor follows the set
    # (with s30-proofp's batch, 1586 lines: 0.403, ack_request 0.161, proof_request 0.226, accused 88)
    # s30-replyp: 78 real look-alikes with a reading condition or a confirmation reply said to one
    # person, by a program, in a shop or an e-mail, in a protocol tutorial, or told — kept in; main's
    # rules (a8a666d) accuse 24 of them; its round (a confirmation said to one listener, a procedure's
    # step told of a party) answers 14 (label diff 14 wrong→right, 0 right→wrong): with the round's
    # rules and s30-acktail's batch, 1664 lines: 0.394, ack_request 0.138, proof_request 0.226, accused 97
    # s31-proofr: 28 real look-alikes met while searching for proof demands (contests, vouchers,
    # told practice, reports) — main's rules (1893387) accuse 2 (a parent telling her father of the
    # class-group photo, 一会儿要拍照发班级群…; a community's report of problems photographed and
    # uploaded with a 位置标识 — its 位置 read as a location sent) — kept in, the floor follows the
    # set (1692 lines, 1696 with s31-replyr's 4: 0.392, ack_request 0.141, proof_request 0.218,
    # accused 98); the round's ordered send accuses none of them
    # s31-replyp: 84 real look-alikes (a receipt confirmed and told, 已确认收到; a confirmation or a reply
    # as the time of the next step, 确认收到后 / 回复确认后; the group sign-in feature, 群签到; a bot's
    # confirm-or-cancel menu to one user) — kept in; main's rules (1893387, and 18ae11e after the rebase on
    # s31-replyr, whose 4 look-alikes came first) accuse 53 of them: the floor
    # follows the set (1752 lines: 0.365, ack_request 0.0769, proof_request 0.226, accused 149); its
    # round (a confirmation told done, 已确认; a confirmation or a reply as the time of a next step,
    # …后 in a phrase that orders nothing; 群 + a character before a check-in; a decision as the reply's
    # whole condition, 确认请回复; a receipt told done, 已收到，…; a name before 会 acting, no signer)
    # answers 40 (label diff 40 wrong→right, 0 right→wrong): 0.384, ack_request 0.117, accused 109
    # s31-afteract: 83 real look-alikes where an activity and a picture sent or uploaded co-occur
    # (news and blogs told, app strings and docs, homework photographed to be graded, vouchers,
    # deliveries), kept in; main's rules (18ae11e) accuse 31 of them (1751 lines with s31-replyr's:
    # 0.364, proof_request 0.143, accused 127); its round (a picture graded or recognised is the work, an upload that
    # waits for a check is a workflow's step, an upload listed among features is no order) answers 12
    # of the set (label diff 12 wrong→right, 0 right→wrong): 0.373, proof_request 0.167, accused 115;
    # the floor follows the set
    # At the merges of s31-proofr, s31-replyp, s31-ackr (72 look-alikes, none accused) and
    # s31-afteract (1942 lines): 0.362, ack_request 0.117, proof_request 0.162, accused 130.
    # s31-togroup: 81 real look-alikes of the proof cues (pictures already sent, 留痕 complained of,
    # ruled on and told in news, check-in features, one listener) — kept in; main's rules (4535fa0)
    # accuse 8 of them (2023 lines: 0.356, proof_request 0.146, accused 138); the round's readings (a
    # trace's order in its own phrase or the picture's; 有 a word's start) answer 3 older ones: 0.358,
    # ack_request 0.117, proof_request 0.152, accused 135 — the floor follows the set
    # s32-piecesg: 13 real look-alikes (channel tests headed 测试 - , error messages screenshotted for
    # help, bots' reply-as-command 回复“确认”以…), 4 accused by main's rules (2ae1b44: 2036 lines,
    # 0.357, accused 138); the reply's purpose read as a slot (以 + a predicate) answers the 4:
    # 0.359, ack_request 0.117, proof_request 0.154, accused 134 — the floor holds
    # s32-tw: 58 real look-alikes from Taiwan and Hong Kong groups in Traditional script (tests of a
    # channel, bug reports asked, thanks with a plan, receipts of goods, photos kept for oneself) —
    # kept in; main's rules (2ae1b44) accuse 2 of them, both asking a reply of a channel or a bot
    # (測試連接，請回覆OK; 請回收到 — the bare demand a notice says too): no structure frees them, so
    # the floor follows the set (2081 lines: 0.358, ack_request 0.114, proof_request 0.154,
    # accused 136); the round's rules accuse none of the set's other lines
    # s32-one: 36 real look-alikes that ask a reply or a picture of one person (a parent, a friend, a
    # patient, a dare's one player, a tool's one user), kept in; main's rules (2ae1b44, and aa9fbfb
    # after the rebase on s32-piecesg) accuse 8 of them (6 reply-after-reading, 2 after-activity):
    # 2072 lines, 0.354, ack_request 0.108, proof_request 0.150, accused 142 — the floor follows the set
    # merged (s32-piecesg + s32-tw + s32-piecesa + s32-one): 2136 lines, 0.353, ack_request 0.106,
    # proof_request 0.150, accused 144 — the floor follows the set
    # s32-piecesp: 14 real look-alikes of the classes behind one-line pieces (又 on a picture's
    # demand, 请你 to one listener, 云旅游, 看看谁, pictures already taken or sent, 整改 then a photo)
    # — kept in; main's rules (aa9fbfb) accuse 2 of them (a game's prompt to one player asked to
    # reply 收到, a workflow's rectification photo): 2050 lines, 0.358, ack_request 0.115,
    # proof_request 0.152, accused 136 — the floor follows the set; its round (the group ordered by
    # 你们 or its members' plural, not 我们/他们; the modal 要 ordering a put-off send) answers 1 older
    # one: 0.359, proof_request 0.154, accused 135
    # merged with s32-piecesp too: 2150 lines, 0.352, ack_request 0.104, proof_request 0.150,
    # accused 145 — the floor follows the set
    # s32-proofp: 69 real look-alikes from new kinds of text (customer service to one buyer, help
    # screenshots, quiz options, test procedures' screenshots, what a sight is good for — 适合拍照打卡,
    # 拍照打卡很好看 —, a setting's 是否拍照打卡, contest rules, app hints) — kept in; main's rules (2ae1b44)
    # accuse 21 of them (2092 lines: 0.346, proof_request 0.121, accused 155); the round's readings (a
    # check-in judged — the object of 适合 or the subject of 很 —; a check-in asked whether, 是否) answer
    # 14 (label diff 12 wrong→right on the common lines, 0 right→wrong): 0.354, ack_request 0.117,
    # proof_request 0.141, accused 141 — the floor follows the set (lower F1 and precision than
    # s31-togroup's: 7 of the new accusations stay, test procedures and app hints the text can't tell)
    # rebased on s32-piecesg + s32-tw: 2163 lines, 0.353, ack_request 0.114, proof_request 0.141, accused 143
    # merged with s32-piecesa, s32-one and s32-piecesp (their batches' accused lines stay): 2219 lines,
    # 0.348, ack_request 0.104, proof_request 0.137, accused 152 — the floor follows the set
    # s32-replyp: 72 real look-alikes of the confirmation and reading-condition wordings (shops' and
    # payment admins' confirm-receipt dialogs, order statuses, prompts and test messages to one model,
    # maintainers' promises, checklists, forms) — kept in; main's rules (2ae1b44) accuse 34 of them
    # (2095 lines: 0.342, ack_request 0.0811, proof_request 0.153, accused 168); its payment batch (14
    # confirm-payment boxes, 请确认已收到款项) 11 more (2109 lines: 0.338, ack_request 0.0738, accused 179)
    # — the floor follows the set; its round (goods or money right after 收到, a confirmation in writing,
    # one heading a noun, one with what it confirms before the next step's 后, one whose own subject is
    # stated and asks no one) answers 26 (label diff 26 wrong→right, 0 right→wrong): 0.3490,
    # ack_request 0.0938, accused 153
    # rebased on s32-tw and s32-piecesa (b92b1ac): 2186 lines, 0.348, ack_request 0.0918,
    # proof_request 0.154, accused 155 — the floor follows the merged set
    # merged with s32-one, s32-piecesp and s32-proofp: 2305 lines, 0.339, ack_request 0.0857,
    # proof_request 0.138, accused 171 (each batch's remaining accused lines) — the floor follows the set
    # s33-proofrec: 48 real look-alikes (English payment screenshots and posts, help asking one user,
    # 回報 told, shots opening a clause), 1 accused by main's rules and this round's alike (a code
    # comment's 完成运行后，截个图发送到侧边栏); rebased on s33-chain's 3 (none accused): 2356 lines,
    # 0.3389, proof_request 0.136, accused 172 — the floor follows the set
    # s33-ackrec: 10 real look-alikes of the ack tails (a receipt whose tail carries a person, a
    # place, goods or a plan; an assent then a question), none accused, with its rules too: rebased,
    # 2366 lines, 0.3390, ack_request 0.0857, proof_request 0.1364, accused 172 — the floor follows the set
    # s33-loc: 13 real look-alikes of location and screen-recording asks (to one person, meet-ups,
    # help recordings), none accused: 2379 lines, 0.3391 — the floor follows the set
    # s33-replyprec: 52 real look-alikes of a reply demand written about (told, quoted, advised, sent to
    # one; main's rules accuse 16: 2418 lines, 0.3335, ack_request 0.0744, accused 188) and its round (a
    # reply's verb modifying the noun ending its phrase; a test heading naming what it tests, 完成 no test
    # announced): label diff 5 wrong→right, 0 right→wrong — 2418 lines, 0.3351, ack_request 0.0776,
    # accused 183 (main's 2366 lines alone: 172 → 168) — the floor follows the set
    # s33-replyrec: 28 real look-alikes of the reply-demand classes (吱一声/出个声/举个手 for information
    # or a show of hands, 收到了吗/看到了吗 rhetorical or about goods, 看到回个话 to one, 未回复视为 rules of a
    # protocol) — main's rules (ad1aede, and 1acea7b on the rebased set) accuse 5 of them: 2394 lines,
    # 0.3372, ack_request 0.0818, proof_request 0.1364, accused 177 — the floor follows the set
    # s33-proofprec: 64 real proof look-alikes (main's rules accuse 9); a picture posted as the passive's
    # subject and the product's 用户 answer 5 — rebased on s33-replyprec: 2495 lines, 0.3330, ack_request
    # 0.0776, proof_request 0.130, accused 187 — the floor follows the set
    # s33-pieces: _ACTIVITY's 整改 off frees its one line (a checklist's advice): 0.3397, proof_request
    # 0.1379, accused 172 → 171
    # s33-one: 7 real look-alikes said to one person (none accused) and 你的 heading a phrase read as
    # one listener (2 wrong→right), rebased on s33-replyprec: 2438 lines, 0.3359, ack_request 0.0789,
    # proof_request 0.1364, accused 181 (main's 183) — the floor follows the set
    # merged (s33-loc, s33-replyprec, s33-replyrec, s33-proofprec, s33-pieces, s33-one; each batch's
    # accusations as measured on its own branch): 2530 lines, 0.3334, ack_request 0.0769, proof_request 0.1319,
    # accused 187 — the floor follows the set
    # s34-replyrec: 19 real look-alikes (agents' receipt rules, channel tests, a like as an app's
    # feature, votes with a deadline); main's rules (56a27f9) accuse 4 of them: 2549 lines, 0.3322,
    # ack_request 0.0744, accused 191; a standing procedure's first reply (收到消息 → 先回复「收到」)
    # frees 2: 0.3328, ack_request 0.0756, proof_request 0.1319, accused 189 — the floor follows the set
    # s34-proofrec: 16 real proof look-alikes (help and payment screenshots, a service's own photos, a
    # publicity standard's photo quota, an agent's task, review cashbacks offered, posts and practices
    # told); main's rules (56a27f9) accuse 5 of them, this round's joined trace none: on its own branch
    # 2546 lines, 0.3305, proof_request 0.125, accused 192; rebased on s34-replyrec: 2565 lines, 0.3299,
    # ack_request 0.0756, proof_request 0.125, accused 194 — the floor follows the set
    # s34-proofprec: 59 real proof look-alikes (bug-report templates, screenshots kept as evidence,
    # anti-fraud advice, 留痕 commentary, narratives, travel posts, app FAQs and permission lists);
    # main's rules (56a27f9) accuse 5 of them; rebased on s34-replyrec (13d17b2's rules): 2608 lines,
    # 0.3301, ack_request 0.0756, proof_request 0.125, accused 194; its rounds (a spec's field of
    # purpose, 项目目的：…; a force named with its agent before it, 不会强制…发照片) set 4 aside: 0.3324,
    # proof_request 0.130, accused 190 — the floor follows the set
    # merged (s34-proofrec + s34-proofprec on s34-replyrec): 2624 lines, 0.32966, ack_request 0.0756,
    # proof_request 0.1237, accused 195 — the floor follows the merged set
    # s34-review: 9 real look-alikes (7 judged photo check-ins: 值得拍照打卡, 拍照打卡超…; 2 channel tests
    # asking a reply) — main's rules accuse 4 (the 超 lines); the judged check-in read by the words real
    # lines show (很, 超) answers 3, the fourth is left (拍照打卡超出片: the tagger cuts 超出, exceed) —
    # rebased on s34-replyrec: 2558 lines, main's rules (13d17b2) 0.3305, accused 193; this round's 0.3323,
    # ack_request 0.0756, proof_request 0.1304, accused 190 (main's 2549 alone: 189 → 189); rebased on
    # s34-proofrec: 2574 lines, main's rules (80cf1e2) 0.3278, accused 198; this round's 0.3295,
    # proof_request 0.1237, accused 195 (main's 2565 alone: 194 → 194) — the floor follows the set
    # merged (s34-review on s34-proofprec): 2633 lines, 0.32915, ack_request 0.0756,
    # proof_request 0.1224, accused 196 — the floor follows the merged set
    # s34-ackrec: 32 real other lines met while searching for acks (receipts that run on into an order
    # or a task, thanks alone, an answer promised later); main's rules accuse 3 (收到，稍后回复 /
    # 明天上午回复 / 晚点回复。 read as the demand 收到…回复): 2562 lines, 0.3325, ack_request 0.0750,
    # accused 190; its round (a receipt opening the message, then the speaker's own answer promised)
    # frees all 3: 0.3335, ack_request 0.0769, proof_request 0.1319, accused 187; rebased on s34-replyrec and
    # s34-proofrec: 2597 lines, 0.3301, ack_request 0.0756, proof_request 0.125, accused 194 — the floor follows the set
    # merged (s34-ackrec on s34-review): 2665 lines, 0.32928, ack_request 0.0756,
    # proof_request 0.1224, accused 196 — the floor follows the merged set; then one line relabelled
    # proof_request (a share proved by its screenshot sent to one, as line 99 and the recall set label
    # the class): missed by the rules, 0.32874
    # s34-replyprec data, rebased on the above (main 26642b0): 53 real look-alikes (a bot's or a program's
    # 回复确认, radio calls, Traditional-script tool docs); main's rules accuse 30 of them; its rules — a
    # confirmation glued to the message noun it names (回复确认消息) and a reply joined by 并 to the act before
    # it, in messages that ask no one; a reply given to one person (给领导回复「收到」) — 23 wrong→right:
    # 2718 lines, 0.3268, ack_request 0.0714, accused 203 — the floor follows the set
    # s34-pieces: 6 real news lines reporting a netizen's words (有网友发视频称，…), read other by main's
    # rules (5cfe252) and the branch's: 2724 lines, 0.3268, accused 203 — the floor follows the set;
    # then two texts that stood twice in the set (lines 1694 and 2267, each a copy of an earlier line,
    # both read other) dropped: 2722 lines, same scores
    # s35-replyprec: 55 real look-alikes of the reply classes (a reply received or seen as the time of
    # the next step — 收到回复后, 收到对方回复后, 看到回复时 —; an operation confirmed with a cancel
    # alternative, 回复「确认」执行，回复其他取消; tests and DMs to one; forum etiquette); main's rules
    # (d3a52f4) accuse 39 of them: 2777 lines, 0.3176, ack_request 0.0545, proof_request 0.1224,
    # accused 242 — the floor follows the set; its round (a reply received or seen as the time of
    # the next step, `reply._reply_received`; a reply that cancels, in `reply.OPTIONS`) frees 36 of
    # the 39 (label diff 36 wrong→right, 0 right→wrong; no line of main's 2722 changes): 0.3261,
    # ack_request 0.0698, proof_request 0.1224, accused 206
    # s35-proofrec: 3 real look-alikes (a quiz's 拍视频发群 options, a Taiwan legal question told), all read
    # other by main's rules (d3a52f4): 2725 lines, 0.3268, proof_request 0.1224, accused 203 — the floor
    # follows the set; then 5 more real look-alikes with a selfie (自拍打卡 told or a game's dare, 自拍发到了…群
    # told, a storyboard's scene), 4 accused by main's rules: 2730 lines, 0.3248, proof_request 0.1176,
    # accused 207 — the floor follows the set; its rule (a send with its aspect told, 发到了…群 /
    # 传到过…群) takes back two (the sim's 自拍发到了会员群 and line 2518's 照片被发到了粉丝群聊里),
    # 0 right→wrong: 0.3258, proof_request 0.1200, accused 205
    # merged (s35-proofrec on s35-replyprec): 2785 lines, 0.3251, ack_request 0.0698, proof_request 0.1200,
    # accused 208 — the floor follows the merged set
    # s35-review: a share proved by its screenshot sent, asked of one 您, read as the trace it is labelled
    # (lines 99, 1370): proof_request precision 0.122 → 0.140; its batch of 2 real confirm boxes (请确认已收到
    # 定金), both accused by main's rules (d3a52f4): 2724 lines, 0.3341, ack_request 0.0703, accused 205;
    # money headed by 金 read as no reading frees them and line 2232 (订金): 0.3350, ack_request 0.0720,
    # accused 202 — the floor follows the set
    # merged (s35-review on s35-pieces, s35-proofrec, s35-replyprec): 2787 lines, 0.3332, ack_request 0.0703, proof_request 0.1373,
    # accused 207 — the floor follows the merged set
    # s35-ackrec: 4 real look-alikes met while searching for acks (a state told, 我也准备好了; 知道哒
    # negated, asked, in talk), read other by main's rules (d3a52f4) and the branch's: 2781 lines,
    # the scores unchanged — the floor follows the set; its second batch: 4 real look-alikes of
    # 收到，已记录 (what was recorded named, to one, an order after it), read other by main's rules and
    # the branch's (the object guard of `ack._out_of_place` keeps 已记录刘姐信息 out): 2785 lines. With 记录
    # a done-it, line 236 (如果希望机器人在群里回复“已记录”，加 `--reply`：, a bot's option in a README) reads
    # as a dictated reply demanded, as main already reads the same sentence with 收到, 已登记 or 已备案 —
    # a machine's reply wished for, which `guards.machine_talk` does not yet tell: kept in, the floor
    # follows the set (0.3261 → 0.3259, ack_request precision 0.0698 → 0.0692, accused 206 → 207)
    # merged (s35-ackrec on s35-review): 2795 lines, 0.3330, ack_request 0.0698, proof_request 0.1373,
    # accused 208 — the floor follows the merged set
    # s35-proofprec: 62 real look-alikes that name a picture after an activity with no group asked
    # (reports of work done 已拍照留存, app and skill help whose upload is the program's input 然后上传照片,
    # programs' own steps, legal and insurance advice 拍照取证, shop notes, event news, commentary on 打卡
    # and 留痕) — kept in; main's rules (d3a52f4) accuse 13 of them (after-activity 12, trace 1):
    # 2784 lines, 0.3208, ack_request 0.0714, proof_request 0.1081, accused 216; rebased on s35-replyprec
    # (72f6acc): 2839 lines, 0.3202, ack_request 0.0698, proof_request 0.1081, accused 219 — the floor
    # follows the set; its round (the product's user as the doer of a chain of subjectless phrases up to
    # the picture, a prompt for a program after it — 上传照片并说：) answers 4 (label diff 4 wrong→right,
    # 0 right→wrong): 0.3219, proof_request 0.1121, accused 215
    # merged (s35-proofprec without its prompt rule): 2857 lines, 0.3274, ack_request 0.0698, proof_request 0.1239,
    # accused 219 — the floor follows the merged set
    # lead (s35): a machine the reply's doer or addressee in its clause (guards.machine_talk) frees
    # three (line 236, 机器人在群里回复“已记录”, which s35-ackrec's 记录 had made accused; 1120; 1751):
    # 0.3283, ack_request 0.0714, proof_request 0.1239, accused 216
    # s35-togroup's data (its passive rule not merged): 35 real look-alikes of proof:to-group (help asks,
    # warnings not to post, narratives, tool and game texts, a program posting a report, a payment
    # screenshot, pictures reported sent in the passive); main's rules accuse 2 of them (调用Python将…截图
    # 发在群里; 转账完成后，请在群里发个截图…方便核对): 2892 lines, 0.3274, ack_request 0.0714,
    # proof_request 0.1217, accused 218 — the floor follows the set
    # s36-ackrec: 9 real look-alikes of the tails its rules read (为您 before an act with its object
    # named, 这就动手 with a request to wait, 交给我吧 with a plan, a toast, a bot's status), read
    # other by main's rules (f747e6b) and the branch's: 2901 lines, 0.3275, ack_request 0.0714,
    # proof_request 0.1217, accused 218 — the floor follows the set; its second batch: 1 real
    # look-alike of 记住喇 (a reminder's order), other by main's rules and the branch's: 2902 lines,
    # the scores unchanged
    # s36-chain's data: 2 real sign-up 接龙 look-alikes (a headcount of who declines a vaccine, a class's
    # sign-up), neither accused: 2894 lines, 0.3274, ack_request 0.0714, proof_request 0.1217, accused 218
    # merged (s36-ackrec + s36-chain): 2904 lines, 0.3275, ack_request 0.0714, proof_request 0.1217,
    # accused 218 — the floor follows the merged set
    scores = score(label_all(rows(CORPORA / "real" / "lookalike_messages.jsonl")))  # type: ignore[arg-type]
    # s36-replyprec (a reading condition answering the question before it, a receipt's 确认 as a
    # dialog's button) and s36-proofprec (a tool's step, a screenshot kept, a check-in tipped, your
    # own picture, a form's check-in field, a workflow moving on) free 22 accused lines on the same
    # 2904: 0.3383, ack_request 0.0737, proof_request 0.1443, accused 196 — the floor rises with them
    # s37-ackrec: 8 real look-alikes of the acks its rules read (收到，开工前有 3 件事…, 收到，届时会提醒您。,
    # two notices telling 届时准时参加, four task receipts with a state, content or an instruction),
    # other by main's rules (2b44ec1) and the branch's: 2912 lines, 0.3384, ack_request 0.0738,
    # proof_request 0.1443, accused 196 — the floor follows the set
    # s37-proofrec: 5 real look-alikes of an English picture after a task done (the speaker's own
    # promise, a payment's screenshot, a form's field), none accused by main's rules (2b44ec1): 2917
    # lines with s37-ackrec's, 0.3384, accused 196 — the floor follows the set; its second batch, 5
    # more (payment screenshots, a helper's and an agent's screenshots after each step), none accused
    # by main's rules: 2922 lines, the scores unchanged
    # s37-replyrec's data: 4 real look-alikes met while searching for reply demands (a column's practice
    # described, a C menu's 扣一, two class-bot answers), none accused: 2908 lines, 0.3383, ack_request
    # 0.0737, proof_request 0.1443, accused 196
    # merged (s37-ackrec + s37-proofrec + s37-replyrec): 2926 lines, 0.3384, accused 196
    # s37-proofprec's data: 22 real look-alikes of proof_request (pictures to a family group, a
    # screenshot a user asked of the speaker, help asks, narratives, quiz options, commentaries on
    # 留痕 quoting the orders they criticise); main's rules (2b44ec1) accuse 4 of them: 2926 lines,
    # 0.3361, ack_request 0.0737, proof_request 0.1386, accused 200 — the floor follows the set; its
    # rules (a family's own group, a picture asked of the speaker) free 4 (2 of main's 2904: 194
    # there): 0.3384, proof_request 0.1443, accused 196; its second batch: 9 real look-alikes of a
    # picture uploaded, then 等待 and a verb (a workflow's step), 2 accused by those rules (94f33bb):
    # 2935 lines, 0.3373, proof_request 0.1414, accused 198 — the floor follows the set; 等待 read as
    # 待 frees those 2: 0.3385, proof_request 0.1443, accused 196 (measured on main before s37-ackrec;
    # numbered on 2904 lines of main, then 2904 + 22 and + 9)
    # merged (s37-proofprec rebased on main 9e78c5c+, with s37-ackrec, s37-replyrec, s37-proofrec): 2957
    # lines, 0.3385, ack_request 0.0738,
    # proof_request 0.1443, accused 196 — the floor follows the merged set
    # s37-replyprec's data: 36 real look-alikes (protocol steps whose party answers ACK or replies,
    # etiquette columns on replying 收到), main's rules (5bd475b) on 2948 lines: 0.3323, ack_request
    # 0.0621, accused 219 — the floor follows the set; its party-of-an-exchange guard (服务端收到后回复ACK,
    # 对方回复收到视为发出成功) frees 19: 0.3373, ack_request 0.0714, accused 200
    # merged (s37-replyprec on the above): 2993 lines, 0.3374, ack_request 0.0714, proof_request
    # 0.1443, accused 200 (196 on the 2957 before it: its 36 lines leave 4 accused)
    # s37-collect2's data: 11 real look-alikes whose reply collects information (回复确认是否参加,
    # 回复确认能否参加, 是否接受此职位, 如有变动请回复标记); main's rules (73ae6f5) accuse 5 of them
    # (回复确认 + 是否/能否): 3004 lines, 0.3361, ack_request 0.0687, accused 205 — the floor follows the set;
    # its rule (确认 whose object is a yes-no question on 是否, `reply._CONFIRM_ASKS`) frees 4 of the 5
    # (label diff 4 wrong→right, 0 right→wrong; 烦请回复确认能否参加 stays: 能否 has one real line):
    # 0.3372, ack_request 0.0709, proof_request 0.1443, accused 201
    # s37-product2's data: 31 real look-alikes of a picture that is the work product itself (a
    # fault, a dish, a car, a notice, a meter reading, schoolwork handed in or graded), main's rules
    # (73ae6f5) accuse 6 (1 after-activity on 照片…用在班级展示板上, 5 on 完成后拍照提交 or 作答后拍照);
    # its rule (the photo handed in as the answers, `proof._WORK_PRODUCT`'s 拍照提交答案) frees 2
    # (label diff 2 wrong→right, 0 right→wrong) — on d72d082: 3035 lines, 0.3349, ack_request
    # 0.0708, proof_request 0.1386, accused 205 — the floor follows the set
    # s38-replyprec's data: 47 real look-alikes (review and approval gates 请审阅后回复「确认」冻结…, 确认无误后
    # 回复「确认导出」; protocol steps; etiquette), main's rules (13a70bb) accuse 24 of them: 3082 lines,
    # 0.3291, ack_request 0.0600, accused 229 — the floor follows the set; its rule (a review's reply is a
    # verdict, `reply._reviewed`) frees 18 (label diff 0 right→wrong): 0.3334, ack_request 0.0677,
    # proof_request 0.1386, accused 211. Its third batch, 16 real lines saying what a probe prompt asks
    # (只/仅要求回复 OK), 6 accused by main's rules and by that rule alike (3098 lines, accused 217); its rule
    # (a requirement measured by its scope is told, `guards._TOLD`'s 只要求/仅要求) frees 7 (label diff 1
    # wrong→right, 0 right→wrong): 0.3337, ack_request 0.0680, accused 210
    # s38-replyrec: 25 real look-alikes met while looking for acknowledgements asked in English
    # (a receipt acknowledged by one supplier, employee, agent or role; channel tests; a team's
    # confirmation that collects information), 1 accused by main's rules (a protocol comment) —
    # kept in, the floor follows the set; its second batch: 6 real look-alikes of 扣一 (shows of
    # hands, a giveaway bait, a game's deduction), 1 accused by main's rules (看到扣1，见者好运！…)
    # s38-ackrec's data: 16 real look-alikes met while hunting acks (an English "noted" with its
    # addressee, then a plan, a question, a report or a state; 已登記將統一報修處理; 已阅知。 then a
    # ruling), none accused by main's rules (13a70bb, and 4ebca77 after the merge) nor by its rules:
    # 3114 lines, 0.3338, ack_request 0.0682, accused 210 — the floor follows the set; merged with
    # s38-replyrec (lead): 3145 lines, 0.3333, ack_request 0.0671, accused 212
    # s38-togroup's data: 28 real look-alikes of a picture sent to a group with no duty's proof asked
    # (help with an error, quiz and game options, told class-group photos); main's rules (13a70bb,
    # rebased on 4ebca77) accuse 7 (proof:to-group): 3126 lines, 0.3300, ack_request 0.0681,
    # proof_request 0.1296, accused 217 — the floor follows the set; its rules (拍下来 no count:
    # `proof._DIRECTIVE`'s 下(?!来); a picture asked in case of an event: `proof._contingent`) free 5
    # of the 7 and one older line (如果还是一样，请拍照发群里) — label diff 1 wrong→right, 0 right→wrong:
    # 0.3332, proof_request 0.1372, accused 211
    # merged with s38-replyrec and s38-ackrec (lead): 3173 lines, 0.3328, ack_request 0.0671,
    # proof_request 0.1372, accused 213
    # s38-proofrec's data: 18 real look-alikes met while hunting proof demands (help screenshots,
    # vouchers, a feed post, a contest entry, features told); main's rules (13a70bb; e6b9cb8 alike)
    # accuse 3 of them (a Traditional 匯款 voucher, a feature's 拍照证明, a damage claim's 要求拍照证明) —
    # kept in, the floor follows the set: 3191 lines, 0.3312, ack_request 0.0671, proof_request 0.1333,
    # accused 216
    # — and its second batch (5 must-lines: a refund's photo, an app's rule, an identity document …),
    # none accused: 3196 lines, 0.3312, accused 216
    # — and its third batch (a contest entry shared on X, not accused): 3197 lines, 0.3312, accused 216
    # s38-proofprec's data: 57 real look-alikes of a picture kept as a defect's evidence for a claim
    # (请拍照留存并联系客服), a check-in named as what a camera or a backdrop is for (用于拍照打卡), a tutorial's
    # caption, schoolwork and crafts uploaded; main's rules (13a70bb) accuse 25 of them (3092 lines
    # on 13a70bb: 0.3231, proof_request 0.1111, accused 230); rebased on 8dd3ae6 (main's rules):
    # 3254 lines, 0.3201, ack_request 0.0671, proof_request 0.1076, accused 241 — the floor follows
    # the set; its rules (a found defect's picture carried to a claim, `proof.kept_for_claim`; a
    # check-in as what a thing is used for, `proof.check_in_used_for`) free 6 (label diff 0 changes
    # on the lines both trees hold): 3254 lines, 0.3225, proof_request 0.1129, accused 235; its
    # second batch (4 real 可拍照打卡 look-alikes, 0 accused by main's rules; the first batch's
    # 1200x800…并截图留存 dropped again, and 获取失败时仍可拍照打卡, which guards.TROUBLE's 失败 decided alone): 3257
    # lines, 0.3225, ack_request 0.0671, proof_request 0.1129, accused 235
    # s38-oneperson: 7 real look-alikes asking one person to reply (a private chat, a text message,
    # a work notice to one user id, a call back) — main's rules (e6b9cb8) accuse 1 (收到短信请回复。, a
    # textbook's text message: the bare demand's words); rebased on 6adf9e2: 3264 lines, 0.3223,
    # ack_request 0.0667, proof_request 0.1129, accused 236 — the floor follows the set; its round
    # (the speaker's worry for one listener, 担心你, as the reply's reason) frees 2 older ones:
    # 0.3228, ack_request 0.0676, accused 234
    # s38-etiquette's data: 35 real look-alikes that talk about replying 收到 (etiquette columns, press
    # columns on 指尖上的形式主义, Q&A answers, essays); main's rules (e6b9cb8) accuse 6 (ack_request):
    # 3208 lines, 0.3314, ack_request 0.0642, proof_request 0.1372, accused 219 — the floor follows the set
    # rebased on 6adf9e2 (with s38-proofrec and s38-proofprec): 3292 lines, 0.3211, ack_request 0.0642,
    # proof_request 0.1129, accused 241
    # rebased on 2f2fbdd (with s38-oneperson): 3299 lines, 0.3214, ack_request 0.0647, proof_request
    # 0.1129, accused 240
    # its rule (a reply as the condition of what follows, `narration._conditioned`: 如果回复“收到”或“好的”,
    # 这两个选项都不够好; 如果你没有回复,领导心里就会感到焦虑) frees 2 (label diff 2 wrong→right, 0
    # right→wrong): 3299 lines, 0.3219, ack_request 0.0656, proof_request 0.1129, accused 238
    # one line taken out again (每天回复“收到”二字就得回复数十次: guards.IMPERATIVE's 每天 decided it alone):
    # 3298 lines, 0.3221, ack_request 0.0661, proof_request 0.1129, accused 237
    # s38-pledge: 7 real look-alikes that thank for a reminder and then plan (我会更新一下时间表):
    # main's rules (2f2fbdd) accuse none; rebased on 3c84537: 3305 lines, 0.3221, accused 237; its
    # second batch, 4 parents' replies with a plan or a request (老师好，收到。我们会认真完成。也想和
    # 老师沟通一下…), none accused: 3309; its third, a parent's refusal of a notice: 3310
    # s39-replyprec's data: 33 real look-alikes where a server, a host, a device or a program named in
    # Latin script receives and answers (protocol steps); main's rules (7fc2b75) accuse 25: 3343 lines,
    # 0.3167, ack_request 0.0560, proof_request 0.1129, accused 262 — the floor follows the set; its rule
    # (a node of a network — 服务器, 主机, 设备 — as the one who receives, no order after: `reply._NODE`)
    # frees 15 (label diff 15 wrong→right, 0 right→wrong): 3343 lines, 0.3198, ack_request 0.0616,
    # proof_request 0.1129, accused 247
    # s39-replyrec: 29 real look-alikes met while looking for reply demands (a reply asked of one
    # person, an e-mail's or a letter's request to acknowledge receipt, a deadline reply that
    # collects a choice, 吱一声 offered, broadcast mentions with no demand); main's rules (7fc2b75)
    # accuse 4 (请于…前回复确认参加。, 请回复“收到”，并等待…, 請回覆「OK」開始執行，或…, 看到了回复请联系) —
    # kept in, the floor follows the set: 3339 lines, 0.3212, ack_request 0.0642, accused 241
    # merged (s39-replyrec rebased on 739385b, with s39-replyprec): 3372 lines, 0.3190, ack_request
    # 0.0600, proof_request 0.1129, accused 251 (247 + the batch's 4) — the floor follows the set
    # s39-ackrec: 27 real look-alikes of the ack tails (a receipt or an assent that goes on to an
    # object, a time, an order, a farewell — 收到，我先查一下車機的連線紀錄, Sige po, ingat kayo. God
    # bless!), none accused by main's rules (7fc2b75) or the branch's: 3337 lines, 0.3223, accused 237;
    # rebased on 739385b (with s39-replyprec): 3370 lines, 0.3200, ack_request 0.0616, proof_request
    # 0.1129, accused 247 — the floor follows the set
    # merged (s39-replyrec, then s39-ackrec): 3399 lines, 0.3192, ack_request 0.0600, proof_request
    # 0.1129, accused 251 — the floor follows the set
    # s39-proofprec's data: 55 real look-alikes (a picture handed to a program, 拍照上传，AI/系统…; 拍照留痕
    # told in the news; a shot once a program's content loaded or rendered, 加载完成后截图); main's rules
    # (7fc2b75) accuse 13 of them: 3365 lines, 0.3175, ack_request 0.0661, proof_request 0.1022,
    # accused 250 — the floor follows the set; its rules (a program opening a clause after the picture,
    # `proof.read_by_program`; a shot right after 加载/渲染(完成)后, `proof.shot_once_loaded`) free 15
    # (label diff 3 wrong→right, 0 right→wrong on the lines both trees hold): 0.3231, proof_request
    # 0.1147, accused 235; its third batch (6 more pictures handed to a program, gathered after the rule),
    # 2 accused by main's rules (3371 lines: 0.3168, proof_request 0.1007, accused 252), 0 by its rules:
    # 3371 lines, 0.3232, proof_request 0.1147, accused 235
    # merged (s39-proofprec rebased on s39-replyprec, 739385b): main's rules on the 3404 lines: 0.3145,
    # ack_request 0.0616, proof_request 0.1007, accused 262; the branch's: 0.3209, ack_request 0.0616,
    # proof_request 0.1147, accused 245 — the floor follows the merged set
    # merged (s39-replyrec, s39-ackrec, then s39-proofprec): 3460 lines, 0.3201, ack_request 0.0600,
    # proof_request 0.1147, accused 249 — the floor follows the set
    # s39-proofrec: 15 real look-alikes of a picture posted to a channel or the group (help asks, a
    # result shared, the speaker's plan, told, a bot's step), none accused by main's rules (7fc2b75)
    # nor by its rules (a picture posted in #channel, the #progress report): 3325 lines, 0.3222,
    # ack_request 0.0662, proof_request 0.1129, accused 237 — the floor follows the set
    # merged (s39-replyprec + s39-proofrec): 3358 lines, 0.3199, ack_request 0.0616, proof_request
    # 0.1129, accused 247 — the floor follows the merged set
    # merged (s39-proofrec's data, its rules not merged): 3475 lines, 0.3202, ack_request 0.0600,
    # proof_request 0.1147, accused 249 — the floor follows the set
    # s39-checkin's data: 23 real look-alikes of a check-in (a bot's or an app's sign-in named, a
    # check-in told or promised, a tester checking that a message arrived, attendance features);
    # main's rules (7fc2b75) accuse 11: 3333 lines, 0.3193, ack_request 0.0621, proof_request 0.1111,
    # accused 248 — the floor follows the set; rebased on 739385b (with s39-replyprec), main's rules:
    # 3366 lines, 0.3172, ack_request 0.0580, proof_request 0.1111, accused 258; its rules (a
    # check-in in the group asked by an order, a need or the group addressed before it,
    # `reply._check_in_asked`; (a thing received, `_thing_received`, not merged);
    # 可以 a phrase before the shot, `guards.PREDICTED`) free 19 (label diff 10 wrong→right, 0
    # right→wrong): 3366 lines, 0.3220, ack_request 0.0647, proof_request 0.1138, accused 239
    # merged (s39-checkin, without its thing-received class): 3498 lines, 0.3207, ack_request
    # 0.0600, proof_request 0.1157, accused 248 — the floor follows the set
    # s39-talk: 39 real look-alikes that talk about replying (etiquette columns, model answers after
    # 做法是 / 方式是, the reply weighed, 被要求回复, English etiquette lists) and a second batch of 2 press
    # lines; main's rules (7fc2b75) accuse 3 — the floor follows the set; its rule (the reply joined by
    # the copula 是 to what it is, `narration._copula`: 正确的做法是,回复:收到; 及时回复 “收到” 是一种礼节
    # 和态度) frees 2 (label diff 1 wrong→right on the lines both trees hold, 0 right→wrong); rebased on
    # 739385b (with s39-replyprec): 3384 lines, 0.3197, ack_request 0.0612, proof_request 0.1129,
    # accused 248
    # merged (s39-talk's data, its rule not merged): 3539 lines, 0.3201, ack_request 0.0588,
    # proof_request 0.1157, accused 251 — the floor follows the set
    assert scores.total >= 3539
    assert scores.macro_f1 >= 0.3201, scores.per_label
    assert scores.precision("ack_request") >= 0.0588
    assert scores.precision("proof_request") >= 0.1157
    assert scores.accused <= 251


def test_the_first_held_out_real_slice_accuses_no_other_line() -> None:
    # heldout_messages.jsonl is tuned on since issue 11's second round; heldout2 and heldout3 are
    # not, and have no floor here: a test on them would turn them into tuning sets.
    scores = score(label_all(rows(CORPORA / "real" / "heldout_messages.jsonl")))  # type: ignore[arg-type]
    assert scores.total >= 50
    assert scores.accused == 0


def test_non_work_text_raises_few_false_alarms() -> None:
    results = [noise_flags(path) for path in sorted((CORPORA / "noise").glob("*.txt"))]
    lines = sum(r.lines for r in results)
    flagged = sum(sum(r.flagged.values()) for r in results)
    demands = sum(r.flagged["ack_request"] + r.flagged["proof_request"] for r in results)
    assert lines >= 60_000
    assert flagged / lines <= 0.0003, [r.examples for r in results if r.flagged]  # issue 11: 0.03 %
    assert demands <= 2


@pytest.mark.parametrize("path", TUNED, ids=lambda p: p.name)
def test_every_way_of_typing_holds_on_the_tuned_sets(path: Path) -> None:
    data = rows(path)
    for name, variant in VARIANTS:
        varied = [(variant(text, gold), gold) for text, gold in data]  # type: ignore[arg-type]
        assert score(label_all(varied)).macro_f1 >= 0.95, name  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "label", "text", "want"), [
    ("traditional", "ack_request", "收到请回复", "收到請回復"),
    ("signed", "ack", "收到", "收到"),  # prefix checked below: a signature follows
    ("numbered 1。", "other", "通知\n1. 开会\n2. 交表", "通知\n1。开会\n2。交表"),
    ("typed twice", "ack", "收到", "收到收到"),
    ("typed twice", "chain", "#接龙\n1. 王", "#接龙\n1. 王"),
    ("taiwan words", "proof_request", "录视频发群", "錄影片發群"),
    ("full width", "ack", "ok 1", "ｏｋ\u3000１"),
    ("half width", "chain", "【接龙】收到，谢谢", "[接龙]收到,谢谢"),
    ("signed first", "ack", "收到", "602室家长收到"),
    ("signed first", "ack", "ok", "三组李四 ok"),
])  # fmt: skip
def test_variants_rewrite_as_people_type(name: str, label: str, text: str, want: str) -> None:
    variant = dict(VARIANTS)[name]
    got = variant(text, label)  # type: ignore[arg-type]
    assert got.startswith(want) and (name != "signed" or len(got) > len(text))


@pytest.mark.parametrize("name", ["signed any", "@ after", "twice spaced", "sticker"])
def test_variants_add_after_the_message_and_leave_a_chain(name: str) -> None:
    variant = dict(VARIANTS)[name]
    got = variant("收到请回复", "ack_request")
    assert got.startswith("收到请回复") and len(got) > len("收到请回复")
    assert variant("#接龙\n1. 王", "chain") == "#接龙\n1. 王"


def test_other_numbering_and_marks_at_the_end() -> None:
    renumber, ending = dict(VARIANTS)["numbered 1、①"], dict(VARIANTS)["!~ at end"]
    got = renumber("通知\n1. 开会\n2. 交表", "other")
    assert re.fullmatch(r"通知\n(1[、：，]|①)开会\n(2[、：，]|②)交表", got), got
    assert re.fullmatch(r"收到[。！～~!]+", ending("收到", "ack"))
    assert re.fullmatch(r"收到[。！～~!]+", ending("收到！", "ack"))


def test_eval_prints_one_line_per_set_and_the_variants(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["eval", "--variants", str(PROBES[0]), str(CORPORA / "dev_messages.jsonl")])
    out = capsys.readouterr().out
    assert status == 0
    assert out.count("  macro-F1 ") == 2 and "as people type it" in out and "typed twice" in out


def test_eval_noise_counts_false_flags(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = tmp_path / "noise.txt"
    text.write_text("今天天气不错\n\n收到请回复\n晚上吃火锅吗\n", encoding="utf-8")
    assert main(["eval-noise", "--examples", "5", str(text)]) == 0
    out = capsys.readouterr().out
    assert "3 lines  false flags   1" in out and "line 3: ack_request" in out
    assert out.splitlines()[-1] == "noise: 3 lines, 1 false flags (33.333 %): ack_request 1"


def test_eval_noise_names_a_bad_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00bad")
    assert main(["eval-noise", str(bad)]) == 2
    assert f"{bad}: not UTF-8 text" in capsys.readouterr().err


def test_other_lines_accused_of_a_demand_are_counted() -> None:
    pairs = [("other", "ack_request"), ("other", "proof_request"), ("other", "ack"), ("ack", "ack")]
    assert score(pairs).accused == 2  # type: ignore[arg-type]
    assert score([("ack_request", "other")]).accused == 0  # type: ignore[list-item]
