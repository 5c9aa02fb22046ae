"""Reading the fields of a platform's JSON payload (DingTalk, Feishu): one error, named fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class PayloadError(ValueError):
    """A payload lacks a field or has one of the wrong type; the message names the field."""


def required_text(payload: Mapping[str, Any], name: str, where: str = "") -> str:
    """The non-empty string at `name` (`where` prefixes its path in the error: "header.")."""
    value = payload.get(name)
    if value is None or value == "":
        raise PayloadError(f"missing field: {where}{name}")
    if not isinstance(value, str):
        raise PayloadError(f"field {where}{name} must be a string")
    return value


def optional_text(payload: Mapping[str, Any], name: str) -> str:
    """The string at `name`, or "" when it is missing or not a string."""
    value = payload.get(name)
    return value if isinstance(value, str) else ""
