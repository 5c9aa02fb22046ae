"""A group's effective settings: the configuration's, with the admins' saved changes.

The one place that combines them. The live runtime, the digest (on request and scheduled),
`jianfu digest` and `jianfu scan --db` all ask here, so they agree on a group's thresholds.
Blocking (it reads the store): call it on the store's thread.
"""

from __future__ import annotations

from bot.pipeline import OptionsFor
from bot.settings import Settings
from bot.store import Store
from handlers.group_settings import GroupSettings


def effective_settings(settings: Settings, store: Store, group_id: str) -> GroupSettings:
    """`settings.group_settings(group_id)` (the config: `[groups."<id>"]` over the defaults)
    with the changes admins saved for the group (`/jianfu set …`)."""
    return store.group_settings(group_id, settings.group_settings(group_id))


def configured_options(settings: Settings) -> OptionsFor:
    """Each group's detector options from the config alone: what the live pipeline uses for a
    group until its saved changes are read (`effective_settings`, with its first message)."""
    return lambda group_id: settings.group_settings(group_id).detector_options()
