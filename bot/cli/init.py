"""`jianfu init [PATH]`: write a commented sample jianfu.toml (refuses to overwrite without --force)."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli import CliError

SAMPLE = """\
# jianfu.toml — settings of the jianfu (减负) bot. Every value below is the default;
# change what you need and delete the rest. `jianfu run --config jianfu.toml` reads it.
# Environment variables win over this file: JIANFU_HOST, JIANFU_PORT, JIANFU_DB.
# Secrets (tokens, app secrets) are NEVER put here: set them in the environment.

host = "127.0.0.1"        # address the HTTP server binds (playground, callbacks, /healthz)
port = 8080               # its port
db = "jianfu.db"          # SQLite file: incidents, settings, audit log, playground
                          # (several bot processes sharing one log: a [store] url instead)
playground = false        # serve the playground group even when a platform is configured
                          # (it is always served when no platform is configured)
admins = []               # member ids that are admins in every group, e.g. ["wxid_abc"]
language = "zh-CN"        # default language of reminders and replies: "zh-CN" or "en"
timezone = "Asia/Shanghai"  # default time zone for quiet hours, "today" and the digest
retention_days = 180      # 1–3650: incidents, audit rows and posts older than this are deleted daily
log_level = "INFO"        # DEBUG, INFO, WARNING or ERROR
log_json = false          # one JSON object per log line

# Several bot processes (bot accounts, hosts) sharing one log: PostgreSQL instead of `db`.
# [store]
# url = "postgresql://jianfu@db.example.org/jianfu"  # the password: PGPASSWORD, not here
# pool_size = 2           # connections each process may hold (1–100)

# How the bot behaves in every group. Admins change a group's values in the group with
# `/jianfu set <key> <value>`; those changes are kept in the database.
[group_defaults]
stack_members = 5         # 2–1000 distinct members whose 收到 make a pile-up (one reminder)
stack_window_minutes = 30 # 1–1440: acks further apart than this start a new pile-up
chain_participants = 5    # 2–1000 participants make an acknowledgement 接龙 an incident
cooldown_minutes = 30     # 0–10080: at least this long between two reminders in a group
daily_cap = 5             # 0–100 reminders per group per day at most (0 = never remind)
# quiet_hours = "22:00-07:00"  # local times without reminders (incidents are still recorded)
observe = false           # record incidents but never remind (a trial run)
paused = false            # reminders paused (incidents are still recorded)
exempt = []               # member ids whose chains and requests are never reminded about
digest_day = "mon"        # weekly digest: day (mon … sun) …
digest_time = "09:00"     # … and local time
digest_names = false      # may the digest name who posted demands?
notice_admins_only = false  # may only admins post silent notices (/jianfu notice)?
remind_unsure = true      # remind demands not clearly aimed at the whole group too? (false: hold them)

# Reminder texts, overriding the built-in ones ({members} = how many confirmed):
# [group_defaults.texts]
# stack = "已有 {members} 位同事确认收到，其余同事无需再回复。"

# One group's own values (over [group_defaults]); the id is the platform's group id:
# [groups."12345@chatroom"]
# cooldown_minutes = 60
# quiet_hours = "21:00-08:00"

# The playground's demo group (id "playground") reminds without a cooldown, so a demo shows
# every kind of reminder; give it a table to change that:
# [groups."playground"]
# cooldown_minutes = 30

# Platforms (each adapter documents its table); their secrets come from the environment.
# WeChat through a Wechaty puppet service:
# [wechaty]
# endpoint = "127.0.0.1:8788"   # token: WECHATY_PUPPET_SERVICE_TOKEN

# Feishu / Lark (FEISHU_APP_ID turns it on; FEISHU_APP_SECRET, FEISHU_VERIFICATION_TOKEN and
# FEISHU_ENCRYPT_KEY stay in the environment). Events: POST https://<your host>/feishu/events.
# [feishu]
# app_id = "cli_xxxxxxxxxxxx"
# api_base = "https://open.larksuite.com"  # Lark; default https://open.feishu.cn

# DingTalk (DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET turn it on). The weekly digest and any
# post after a message's session webhook expired go through the group's custom robot
# (群设置 → 智能群助手 → 添加机器人 → 自定义, security 加签): one table per group, named by its
# conversationId (in jianfu's log and incidents); the URL and the SEC… secret stay in the
# environment variables the table names.
# With DINGTALK_ROBOT_CODE (and DINGTALK_CLIENT_ID) in the environment the app's robot API
# posts notices with read status, messages members privately and posts where no webhook fits.
# [dingtalk.robots."cidXXXXXXXX"]
# webhook_env = "DINGTALK_OPS_WEBHOOK"  # holds https://oapi.dingtalk.com/robot/send?access_token=…
# sign_env = "DINGTALK_OPS_SIGN"        # holds SEC…
"""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "init",
        help="write a commented sample jianfu.toml",
        description="Write a commented sample configuration file.",
    )
    parser.add_argument("path", nargs="?", default="jianfu.toml", help="where (jianfu.toml)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if path.exists() and not args.force:
        raise CliError(f"{path} exists; use --force to overwrite it")
    try:
        path.write_text(SAMPLE, encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror}") from None
    print(f"wrote {path}")
    return 0
