"""Tooling beside the bot: generated docs, the environment list, logging, the jieba cache."""
