"""The members' location as proof (每天发定位, LABELS.md): a location shared on an order given for a
duty or an arrival at a work site — not a meet-up's "到了发个定位", not a feature of an app, not
the 时 of 实时 ("real-time") read as a moment. Lines written for these tests, in no corpus.
"""

from __future__ import annotations

import pytest

from policies.classify import classify
from policies.explain import explain

# (look-alike, demand): the same location and verbs, only the structure differs
PAIRS = [
    # an arrival alone, no duty and no order: a meet-up
    ("到了小区门口在群里发个定位", "各位入户走访时请开启位置共享"),
    ("到了高速出口发个定位，我们等你", "到达点位后请共享实时位置"),
    # sharing offered (可以), not ordered
    ("到达酒店后，你们就可以共享实时位置了", "督查组到达村里后请发实时定位"),
    # 实时 is "real-time": no moment before the location
    ("实时位置共享期间手机会持续上报坐标", "巡查过程中请在群里开位置共享"),
    # English: arriving home is no work site
    (
        "Share your live location with your family when you get home.",
        "Share your live location in this chat when you arrive on site.",
    ),
    # English: the arrival, whatever the site is called, not the literal "on site"
    (
        "Share your location so we can find you at the restaurant.",
        "Once you arrive at the depot, share your location in this thread.",
    ),
    ("Share your live location when you arrive home.", "Share your location after arriving."),
    # one shape for both orders: a one-off location needs a duty, turning tracking on does not
    ("散场后请发个定位，我来接你", "请大家开启位置共享"),
]


@pytest.mark.parametrize(("lookalike", "demand"), PAIRS)
def test_the_duty_or_the_site_decides(lookalike: str, demand: str) -> None:
    assert classify(lookalike).label == "other", explain(lookalike)
    assert classify(demand).label == "proof_request", explain(demand)


def test_the_shape_is_the_location() -> None:
    """A duty's moment, then an order to share the location: the location shape, structured (no
    model veto)."""
    assert classify("值守期间请务必开启实时位置共享").reasons == ("proof:location",)
